// The agency's glue for Decap CMS at /redaktion/ (written into the site by
// plugins/perlen/publish/editor.py, loaded before Decap's bundle).
//
// - The file format "perlen-kopf": the German `Schlüssel: Wert` header the
//   blog reads. A save rewrites only the lines of fields that changed; every
//   other header line and the whole body stay byte for byte as they were.
// - Inputs that suggest the site's categories, tags and authors.
// - A German check before uploading (HEIC); the checks before saving are
//   field settings in config.json, and the Titelbild-Text widget, which needs
//   the Titelbild's field too.
// - Decap's German phrases, completed where its locale falls back to English
//   (the sign-in button says "Login").
// - The site's own stylesheet in the preview pane.
"use strict";

window.CMS_MANUAL_INIT = true;

(function () {
  const KEY_LINE = /^([\p{L}_][\p{L}\p{N}_\- ]*?)\s*:\s?(.*)$/u;
  const CONTINUATION = /^(?: {4,}|\t)(\S.*)$/;
  const FENCE = /^-{3}\s*$/;
  const END_FENCE = /^(?:-{3}|\.{3})\s*$/;
  const YAML_STARTS = ["[", "{", '"', "'"];

  // As `perlen.content.dates.fold`: `Schlagwörter` and `Schlagwoerter` match.
  function fold(text) {
    return text
      .toLowerCase()
      .replace(/ä/g, "ae")
      .replace(/ö/g, "oe")
      .replace(/ü/g, "ue")
      .replace(/ß/g, "ss");
  }

  // The file's lines, each with its line feed.
  function linesOf(text) {
    return text.match(/[^\n]*\n|[^\n]+$/g) || [];
  }

  function parseHeader(text, aliases) {
    const lines = linesOf(text);
    const bare = (line) => line.replace(/\n$/, "");
    const state = { prefix: "", entries: [], tail: "" };
    let index = 0;
    const fenced = lines.length > 0 && FENCE.test(bare(lines[0]));
    if (fenced) {
      state.prefix = lines[0];
      index = 1;
    }
    for (; index < lines.length; index++) {
      const line = bare(lines[index]);
      if (fenced ? END_FENCE.test(line) : !line.trim()) break;
      const last = state.entries[state.entries.length - 1];
      const continuation = CONTINUATION.exec(line);
      const keyLine = KEY_LINE.exec(line);
      if (last && (continuation || (fenced && /^\s/.test(line)))) {
        last.raw += lines[index];
        if (continuation && !fenced) last.value += "\n" + continuation[1].trim();
        else last.opaque = true;
      } else if (keyLine) {
        const value = keyLine[2].trim();
        state.entries.push({
          name: keyLine[1].trim(),
          key: aliases[fold(keyLine[1].trim())] || null,
          value: value,
          raw: lines[index],
          opaque: fenced && YAML_STARTS.some((start) => value.startsWith(start)),
        });
      } else if (fenced) {
        state.entries.push({ name: "", key: null, value: "", raw: lines[index] });
      } else {
        break; // not a header line: the body starts here
      }
    }
    if (!fenced && state.entries.length === 0) {
      return { state: { prefix: "", entries: [], tail: "" }, body: text };
    }
    // The closing fence or the blank line between header and body.
    let bodyStart = index;
    if (index < lines.length && (fenced || !bare(lines[index]).trim())) bodyStart++;
    state.tail = lines.slice(index, bodyStart).join("");
    return { state: state, body: lines.slice(bodyStart).join("") };
  }

  function plain(value) {
    if (value === undefined || value === null) return "";
    return String(value).trim();
  }

  // `Name: value`, further lines indented (a blank line would end the header).
  function headerLine(name, value) {
    const [first, ...rest] = value.split("\n").filter((line) => line.trim());
    return [`${name}: ${first.trim()}\n`, ...rest.map((l) => `    ${l.trim()}\n`)].join(
      "",
    );
  }

  function headerFormat(keys) {
    return {
      fromFile(text) {
        const { state, body } = parseHeader(text, keys.aliases);
        const data = { body: body, kopf: JSON.stringify(state) };
        for (const entry of state.entries) {
          if (entry.key && !entry.opaque && !(entry.key in data)) {
            data[entry.key] = entry.value;
          }
        }
        return data;
      },
      toFile(data) {
        const state = data.kopf
          ? JSON.parse(data.kopf)
          : { prefix: "", entries: [], tail: "\n" };
        const seen = new Set();
        let header = state.prefix;
        for (const entry of state.entries) {
          const value = plain(data[entry.key]);
          if (!entry.key || seen.has(entry.key) || (entry.opaque && !value)) {
            header += entry.raw;
            continue;
          }
          seen.add(entry.key);
          if (!entry.opaque && value === entry.value) header += entry.raw;
          else if (value) header += headerLine(entry.name, value);
        }
        for (const [key, name] of Object.entries(keys.names)) {
          const value = plain(data[key]);
          if (!seen.has(key) && value) header += headerLine(name, value);
        }
        let body = data.body === undefined || data.body === null ? "" : String(data.body);
        if (body && !body.endsWith("\n")) body += "\n";
        if (!header) return body;
        return header + (state.tail || "\n") + body;
      },
    };
  }

  // What Decap's German locale lacks or leaves in English (decap-cms 3.16);
  // merged over it, so the sign-in and every screen are German.
  const GERMAN = {
    auth: { login: "Anmelden" },
    collection: {
      collectionTop: {
        viewAsList: "Als Liste anzeigen",
        viewAsGrid: "Als Raster anzeigen",
      },
      entries: { unpublishedHeader: "Unveröffentlichte Einträge" },
    },
    editor: {
      editorControl: {
        field: { optional: "freiwillig", widgetLabel: "Feld %{widgetLabel}" },
      },
      editorInterface: { toggleNotes: "Notizen ein- oder ausblenden" },
      // The exact page: the site (or locally the preview) for a published
      // post, the pull request's preview for a draft (seite.html finds it).
      editorToolbar: {
        deployButtonLabel: "Seite ansehen",
        deployPreviewButtonLabel: "Seite in der Vorschau ansehen",
        deployPreviewPendingButtonLabel: "Nach der Vorschau sehen",
      },
      editorNotesPane: {
        title: "Notizen",
        emptyState: "Noch keine Notizen. Die erste unten eintragen.",
        addNote: "Notiz hinzufügen",
        addPlaceholder: "Notiz schreiben …",
        editPlaceholder: "Notiz bearbeiten …",
        save: "Speichern",
        cancel: "Abbrechen",
        edit: "Bearbeiten",
        delete: "Löschen",
        resolve: "Erledigt",
        unresolve: "Wieder öffnen",
        confirmDelete: "Diese Notiz wirklich löschen?",
        shortcut: "Tipp: Strg+Eingabe fügt die Notiz gleich hinzu.",
      },
      editorWidgets: {
        markdown: {
          strikethrough: "Durchgestrichen",
          richText: "Formatierter Text",
          toggleMode: {
            rich: "Zum formatierten Text wechseln",
            markdown: "Zu Markdown wechseln",
          },
        },
        image: {
          chooseMultiple: "Bilder wählen",
          addMore: "Weitere Bilder hinzufügen",
          removeAll: "Alle Bilder entfernen",
        },
        file: {
          chooseMultiple: "Dateien wählen",
          addMore: "Weitere Dateien hinzufügen",
          removeAll: "Alle Dateien entfernen",
        },
        datetime: { setToNow: "%{fieldLabel} auf jetzt setzen" },
        object: { expand: "Aufklappen", collapse: "Zuklappen" },
      },
    },
    mediaLibrary: {
      mediaLibraryModal: { close: "Schließen", download: "Herunterladen" },
    },
    ui: {
      settingsDropdown: { account: "Konto" },
      toast: {
        noteAdded: "Notiz hinzugefügt",
        onFailToAddNote: "Die Notiz ließ sich nicht hinzufügen: %{details}",
        noteUpdated: "Notiz geändert",
        onFailToUpdateNote: "Die Notiz ließ sich nicht ändern: %{details}",
        noteDeleted: "Notiz gelöscht",
        onFailToDeleteNote: "Die Notiz ließ sich nicht löschen: %{details}",
        noteResolved: "Notiz erledigt",
        noteReopened: "Notiz wieder geöffnet",
        onFailToToggleNote: "Die Notiz ließ sich nicht umstellen: %{details}",
      },
    },
    workflow: { workflow: { dateFormat: "D. MMMM" } },
  };

  function merged(base, extra) {
    const result = { ...base };
    for (const [key, value] of Object.entries(extra)) {
      result[key] =
        typeof value === "object" ? merged(base[key] || {}, value) : value;
    }
    return result;
  }

  function list(field, name) {
    const value = field.get(name);
    return value && value.toJS ? value.toJS() : value || [];
  }

  // A text input that suggests existing values (categories).
  function suggestingInput(props, suggestions) {
    const h = window.h;
    const listId = `vorschlaege-${props.forID}`;
    return h(
      "div",
      {},
      h("input", {
        id: props.forID,
        className: props.classNameWrapper,
        type: "text",
        list: listId,
        value: props.value || "",
        onChange: (event) => props.onChange(event.target.value),
      }),
      h(
        "datalist",
        { id: listId },
        suggestions.map((value) => h("option", { key: value, value: value })),
      ),
    );
  }

  function registerWidgets(CMS) {
    const createClass = window.createClass;
    CMS.registerWidget(
      "perlen-vorschlag",
      createClass({
        render() {
          return suggestingInput(this.props, list(this.props.field, "vorschlaege"));
        },
      }),
    );
    // Tags: each suggestion is the list typed so far plus one more tag.
    CMS.registerWidget(
      "perlen-schlagwoerter",
      createClass({
        render() {
          const typed = (this.props.value || "").split(",").map((t) => t.trim());
          const done = typed.slice(0, -1).filter(Boolean);
          const prefix = done.length ? `${done.join(", ")}, ` : "";
          const chosen = new Set(done.map(fold));
          const suggestions = list(this.props.field, "vorschlaege")
            .filter((tag) => !chosen.has(fold(tag)))
            .map((tag) => prefix + tag);
          return suggestingInput(this.props, suggestions);
        },
      }),
    );
    // Authors: the known ones (and the one a post already names).
    CMS.registerWidget(
      "perlen-auswahl",
      createClass({
        render() {
          const h = window.h;
          const props = this.props;
          const known = list(props.field, "vorschlaege");
          const options = ["", ...known];
          if (props.value && !known.includes(props.value)) options.push(props.value);
          return h(
            "select",
            {
              id: props.forID,
              className: props.classNameWrapper,
              value: props.value || "",
              onChange: (event) => props.onChange(event.target.value),
            },
            options.map((name) =>
              h("option", { key: name, value: name }, name || "– bitte wählen –"),
            ),
          );
        },
      }),
    );
  }

  // The Titelbild-Text: required once a Titelbild is set (as `perlen pruefen`
  // warns), checked with the other fields before saving.
  function registerCoverAlt(CMS) {
    const createClass = window.createClass;
    CMS.registerWidget(
      "perlen-bildtext",
      createClass({
        isValid() {
          const entry = this.props.getEntry && this.props.getEntry();
          const cover = entry && entry.getIn(["data", "image"]);
          if (!cover || plain(this.props.value)) return true;
          return {
            error: {
              type: "CUSTOM",
              message:
                "Das Titelbild hat keinen Titelbild-Text: Bitte beschreiben, " +
                "was darauf zu sehen ist – für Menschen, die es nicht sehen.",
            },
          };
        },
        render() {
          const props = this.props;
          return window.h("input", {
            id: props.forID,
            className: props.classNameWrapper,
            type: "text",
            value: props.value || "",
            onChange: (event) => props.onChange(event.target.value),
          });
        },
      }),
    );
  }

  // iPhone photos (HEIC) are refused before they are uploaded; the build
  // refuses them too, with the same advice.
  function refuseHeic() {
    window.addEventListener(
      "change",
      (event) => {
        const input = event.target;
        if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
        const heic = Array.from(input.files || []).find((file) =>
          /\.(heic|heif)$/i.test(file.name),
        );
        if (!heic) return;
        event.stopImmediatePropagation();
        input.value = "";
        showMessage(
          `„${heic.name}“ ist ein iPhone-Foto im HEIC-Format, das nicht jeder ` +
            "Browser zeigen kann. Bitte auf dem iPhone unter Einstellungen → " +
            "Kamera → Formate „Maximale Kompatibilität“ wählen oder das Foto " +
            "als JPEG exportieren und dieses hochladen.",
        );
      },
      true,
    );
  }

  function showMessage(text) {
    let box = document.getElementById("perlen-meldung");
    if (!box) {
      box = document.createElement("div");
      box.id = "perlen-meldung";
      box.setAttribute("role", "alert");
      Object.assign(box.style, {
        position: "fixed",
        zIndex: "100000",
        left: "1rem",
        right: "1rem",
        bottom: "1rem",
        padding: "1rem",
        background: "#fff3cd",
        color: "#3d2e00",
        border: "2px solid #8a6d00",
        borderRadius: "6px",
        font: "16px/1.4 system-ui, sans-serif",
      });
      box.addEventListener("click", () => box.remove());
      document.body.append(box);
    }
    box.textContent = text;
  }

  // The preview pane uses the stylesheets of the site's home page (their
  // names carry content hashes in a published build).
  async function previewStyles() {
    const home = new URL("../", window.location.href);
    const page = await (await fetch(home)).text();
    const html = new DOMParser().parseFromString(page, "text/html");
    return Array.from(html.querySelectorAll('link[rel~="stylesheet"][href]')).map(
      (link) => new URL(link.getAttribute("href"), home).href,
    );
  }

  // Asked for at once, while the browser still loads and compiles Decap's
  // bundle, so the sign-in does not wait for them afterwards.
  const keysLoaded = fetch("schluessel.json").then((response) => response.json());
  const configLoaded = fetch("config.json").then((response) => response.json());
  const stylesFound = previewStyles().catch(() => []);

  document.addEventListener("DOMContentLoaded", async () => {
    const CMS = window.CMS;
    const keys = await keysLoaded;
    CMS.registerLocale("de", merged(CMS.getLocale("de") || {}, GERMAN));
    CMS.registerCustomFormat("perlen-kopf", "md", headerFormat(keys));
    registerWidgets(CMS);
    registerCoverAlt(CMS);
    refuseHeic();
    for (const href of await stylesFound) CMS.registerPreviewStyle(href);
    CMS.init({ config: { ...(await configLoaded), load_config_file: false } });
  });
})();
