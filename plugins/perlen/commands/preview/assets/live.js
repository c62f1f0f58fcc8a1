// Live reload for `perlen vorschau` only; the server adds this script to
// every page it serves. It listens to the preview's server-sent events and
// reloads the page once a rebuild changed it, or when a rebuild failed (the
// server then shows the problems over the last good version).
(() => {
  const script = document.currentScript;
  const since = script ? script.dataset.fassung : "0";
  const here = location.pathname.replace(/index\.html$/, "");
  const source = new EventSource(`/_vorschau/ereignisse?seit=${since}`);
  const reload = () => {
    source.close();
    location.reload();
  };
  source.addEventListener("changed", (event) => {
    const change = JSON.parse(event.data);
    const mine = change.pages
      ? change.pages.includes(here)
      : !change.except.includes(here);
    if (mine) reload();
  });
  source.addEventListener("failed", reload);
})();
