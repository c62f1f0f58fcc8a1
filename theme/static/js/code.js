// A "Kopieren" button on each highlighted code block. Loaded only on pages
// with code (article.html); without JavaScript there is simply no button.
"use strict";

document.querySelectorAll("div.highlight").forEach((block) => {
  const code = block.querySelector("pre");
  if (!code || !navigator.clipboard) {
    return;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy-code";
  button.textContent = "Kopieren";
  const status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(code.innerText).then(
      () => {
        button.textContent = "Kopiert";
        status.textContent = "Code in die Zwischenablage kopiert.";
        setTimeout(() => {
          button.textContent = "Kopieren";
          status.textContent = "";
        }, 2000);
      },
      () => {
        status.textContent = "Kopieren hat nicht geklappt.";
      },
    );
  });
  block.append(button, status);
});
