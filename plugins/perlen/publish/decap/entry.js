// The editor's Decap CMS: what our config uses and nothing else (see
// build.mjs). The sign-in screen needs Decap's core, the backends and the
// locale; the heavy widgets (Markdown, date, choice, image, file) load in a
// chunk of their own meanwhile, so the sign-in does not wait for them.
import React from "react";
import createReactClass from "create-react-class";
import { DecapCmsCore as CMS } from "decap-cms-core";
import { GitHubBackend } from "decap-cms-backend-github";
import { ProxyBackend } from "decap-cms-backend-proxy";
import DecapCmsWidgetString from "decap-cms-widget-string";
import DecapCmsWidgetText from "decap-cms-widget-text";
import image from "decap-cms-editor-component-image";
import { de, en } from "decap-cms-locales";
import { SCHEMAS } from "./schemas.js";

const heavy = import("./widgets.js");

// A widget whose components arrive with the chunk: until then it renders
// nothing, then the real component, which gets Decap's ref (validation,
// focus) as if registered directly.
function lazyWidget(name) {
  let widget = null;
  const arrived = heavy.then((widgets) => (widget = widgets[name]));
  const lazy = (part) =>
    React.forwardRef(function Lazy(props, ref) {
      const [, rerender] = React.useState(false);
      React.useEffect(() => {
        if (!widget) arrived.then(() => rerender(true));
      }, []);
      return widget ? React.createElement(widget[part], { ...props, ref }) : null;
    });
  return {
    name,
    controlComponent: lazy("controlComponent"),
    previewComponent: lazy("previewComponent"),
    schema: SCHEMAS[name],
  };
}

CMS.registerBackend("github", GitHubBackend);
CMS.registerBackend("proxy", ProxyBackend);
CMS.registerWidget([
  DecapCmsWidgetString.Widget(),
  DecapCmsWidgetText.Widget(),
  lazyWidget("datetime"),
  lazyWidget("file"),
  lazyWidget("image"),
  lazyWidget("markdown"),
  lazyWidget("select"),
]);
CMS.registerEditorComponent(image);
// Decap merges the chosen locale over English, its fallback.
CMS.registerLocale("en", en);
CMS.registerLocale("de", de);

// The globals of Decap's own bundle, which our glue uses.
window.CMS = CMS;
window.initCMS = CMS.init;
window.createClass = window.createClass || createReactClass;
window.h = window.h || React.createElement;
if (!window.CMS_MANUAL_INIT) CMS.init();
