// The schemas of the widgets entry.js loads on the side: Decap checks a
// config's fields with them (see validate.js).
import datetime from "decap-cms-widget-datetime/dist/esm/schema.js";
import file from "decap-cms-widget-file/dist/esm/schema.js";
import image from "decap-cms-widget-image/dist/esm/schema.js";
import markdown from "decap-cms-widget-markdown/dist/esm/schema.js";
import select from "decap-cms-widget-select/dist/esm/schema.js";

export const SCHEMAS = { datetime, file, image, markdown, select };
