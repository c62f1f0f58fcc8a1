// The widgets entry.js loads on the side: their components by name.
import DecapCmsWidgetDatetime from "decap-cms-widget-datetime";
import DecapCmsWidgetFile from "decap-cms-widget-file";
import DecapCmsWidgetImage from "decap-cms-widget-image";
import DecapCmsWidgetMarkdown from "decap-cms-widget-markdown";
import DecapCmsWidgetSelect from "decap-cms-widget-select";

export const datetime = DecapCmsWidgetDatetime;
export const file = DecapCmsWidgetFile;
export const image = DecapCmsWidgetImage;
export const markdown = DecapCmsWidgetMarkdown;
export const select = DecapCmsWidgetSelect;
