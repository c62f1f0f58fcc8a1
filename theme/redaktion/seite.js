// The editor's page finder (seite.html): the editor's „Seite ansehen“ link
// names a file (`#beitraege/2021/von-hand`, as Decap spells it); the build
// listed every file's page, and this opens it.
"use strict";

(function () {
  // Decap writes the file name in its slug spelling (lower case, without
  // accents, `-` for other characters): compare letters and digits only.
  function fold(text) {
    return text
      .toLowerCase()
      .replace(/ß/g, "ss")
      .normalize("NFD")
      .replace(/[^a-z0-9]/g, "");
  }

  const pages = JSON.parse(document.getElementById("seiten").textContent);
  const wanted = fold(decodeURIComponent(window.location.hash.slice(1)));
  const found = Object.keys(pages).find((key) => fold(key) === wanted);
  if (found) window.location.replace(new URL(pages[found], window.location.href));
  else document.getElementById("seite-fehlt").hidden = false;
})();
