// Progressive enhancement for /suche/: load the Pagefind UI that the build
// writes into /pagefind/. Without JavaScript the stylesheet shows the
// explanation with links to the archive and the tags; if the index cannot
// load, this script shows it.
"use strict";
(() => {
  const base = document.currentScript.dataset.pagefind;
  const ui = document.createElement("script");
  ui.src = `${base}pagefind-ui.js`;
  ui.addEventListener("load", () => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = `${base}pagefind-ui.css`;
    document.head.append(css);
    new PagefindUI({ element: "#suche", showSubResults: true, showImages: false });
    // Pagefind's field has only a placeholder; give it a visible label.
    const field = document.querySelector("#suche input");
    const label = document.createElement("label");
    field.id = "suchbegriff";
    label.htmlFor = field.id;
    label.className = "search-label";
    label.textContent = "Suchbegriff";
    document.getElementById("suche").before(label);
  });
  ui.addEventListener("error", () => {
    document.getElementById("suche-ohne-js").classList.add("is-shown");
  });
  document.head.append(ui);
})();
