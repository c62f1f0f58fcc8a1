"""The web editor at `/redaktion/`: Decap CMS, self-hosted, in German.

Written into the built site when `PERLEN_EDITOR` is on: Decap CMS, built
from `node_modules` (pinned in package-lock.json, never a CDN; see
`decap_bundle`), the editor's page,
our glue (`theme/redaktion/`: the German header as Decap's file format, the
site's stylesheet in the preview, German checks before saving) and
its configuration (`config.json`), generated from the project's metadata keys
(`content.editor_fields`) and the categories, tags and authors the site
already has. The page is `noindex`, has no `data-pagefind-body` (so search
leaves it out) and is no Pelican page (so sitemap and feeds never list it).
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pelican.contents import Page

from perlen.content.dates import fold
from perlen.content.editor_fields import describe, editor_keys, label
from perlen.content.metadata import KEYS
from perlen.publish.decap_bundle import SITE, decap_bundle, validate_config
from perlen.settings import setting
from perlen.site.csp import HEADER_ONLY

# The theme's glue.
GLUE = "redaktion"
# Decap's configuration (its `config.yml`, as JSON; see write_editor).
CONFIG = "config.json"
# The custom file format our glue registers: the German `Key: value` header.
FORMAT = "perlen-kopf"
# The hidden field that carries a file's header as it was read, so that a
# save rewrites only the lines of changed fields (see redaktion.js).
HEADER_FIELD = "kopf"

PAGE = """<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>Redaktion – {site}</title>
</head>
<body>
<script src="redaktion.js"></script>
<script type="module" src="decap-cms.js"></script>
</body>
</html>
"""


# The page finder: where the editor's „Seite ansehen“ link leads (Decap's
# `preview_path`, `#` + the collection and the file's path in it).
FINDER = "seite.html"
FINDER_PAGE = """<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Seite suchen – {site}</title>
</head>
<body>
<p id="seite-fehlt" hidden>Diese Seite gibt es in dieser Fassung der Website
noch nicht. Erst nach dem Veröffentlichen (oder in der Vorschau eines Pull
Requests) ist sie da.</p>
<script type="application/json" id="seiten">{pages}</script>
<script src="seite.js"></script>
</body>
</html>
"""


def add_editor(generators) -> None:
    """`all_generators_finalized` handler: write the editor into the site."""
    settings = generators[0].settings
    editor = setting(settings, "PERLEN_EDITOR")
    if not (editor or setting(settings, "PERLEN_EDITOR_PAGES")):
        return
    folder = Path(generators[0].output_path) / setting(settings, "PERLEN_EDITOR_PATH")
    contents = [
        content
        for generator in generators
        for name in (
            "articles",
            "drafts",
            "hidden_articles",
            "pages",
            "hidden_pages",
            "draft_pages",
        )
        for content in getattr(generator, name, [])
    ]
    write_page_finder(folder, settings, contents)
    if not editor:
        return
    articles = [c for c in contents if not isinstance(c, Page)]
    known = {
        "authors": sorted(
            {a.name for article in articles for a in getattr(article, "authors", [])}
            | {settings.get("AUTHOR") or ""} - {""}
        ),
        "categories": sorted({str(a.category) for a in articles if a.category}),
        "tags": sorted({str(t) for a in articles for t in getattr(a, "tags", [])}),
    }
    write_editor(folder, settings, known)


def write_page_finder(
    folder: Path, settings: Mapping[str, Any], contents: Iterable[Any]
) -> None:
    """`seite.html`: finds a post's page from the editor's link. Decap can
    name a file (`#beitraege/2021/von-hand`), not the address Pelican gives
    it (the slug comes from the title), so the build lists them here."""
    up = "../" * len(Path(setting(settings, "PERLEN_EDITOR_PATH")).parts)
    folders = {
        "beitraege": settings["ARTICLE_PATHS"][0],
        "seiten": settings["PAGE_PATHS"][0],
    }
    pages = {}
    for content in contents:
        source = Path(content.relative_source_path).with_suffix("")
        for collection, top in folders.items():
            if source.is_relative_to(top) and content.url is not None:
                key = f"{collection}/{source.relative_to(top).as_posix()}"
                pages[key] = up + content.url
    folder.mkdir(parents=True, exist_ok=True)
    # `<\/` for `</`, so a title cannot end the data block early.
    data = json.dumps(pages, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    (folder / FINDER).write_text(
        FINDER_PAGE.format(site=html.escape(settings.get("SITENAME", "")), pages=data),
        encoding="utf-8",
    )
    shutil.copyfile(Path(settings["THEME"]) / GLUE / "seite.js", folder / "seite.js")


def write_editor(
    folder: Path, settings: Mapping[str, Any], known: Mapping[str, list[str]]
) -> None:
    """Write the editor into `folder`: page, glue, config and Decap's bundle."""
    bundle = decap_bundle(settings)
    folder.mkdir(parents=True, exist_ok=True)
    for file in sorted((bundle / SITE).iterdir()):
        shutil.copyfile(file, folder / file.name)
    for file in sorted((Path(settings["THEME"]) / GLUE).iterdir()):
        shutil.copyfile(file, folder / file.name)
    (folder / "index.html").write_text(
        PAGE.format(
            site=html.escape(settings.get("SITENAME", "")),
            policy=html.escape(editor_policy(settings, meta=True)),
        ),
        encoding="utf-8",
    )
    # JSON, which the glue fetches at once and hands to Decap: parsing it
    # costs the sign-in nothing, where Decap would fetch and parse YAML only
    # after its bundle ran.
    (folder / CONFIG).write_text(
        json.dumps(editor_config(settings, known), ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    validate_config(bundle, folder / CONFIG)
    (folder / "schluessel.json").write_text(
        json.dumps(header_keys(), ensure_ascii=False), encoding="utf-8"
    )


def header_keys() -> dict[str, Any]:
    """For the glue's header format: every spelling → Pelican's key, and the
    spelling the editor writes for a new key (its German name). Spellings
    are folded (`dates.fold`), as the glue folds what it reads."""
    return {
        "aliases": {fold(name): key for key, names in KEYS.items() for name in names},
        "names": {key: names[0] for key, names in KEYS.items()},
    }


def editor_config(
    settings: Mapping[str, Any], known: Mapping[str, list[str]]
) -> dict[str, Any]:
    """Decap's configuration as a dict: backends, collections, fields."""
    backend: dict[str, Any] = {
        "name": "github",
        "repo": setting(settings, "PERLEN_EDITOR_REPO"),
        "branch": setting(settings, "PERLEN_EDITOR_BRANCH"),
        "squash_merges": True,
    }
    if auth := setting(settings, "PERLEN_EDITOR_AUTH_URL"):
        backend["base_url"] = auth
    config: dict[str, Any] = {
        "locale": "de",
        "backend": backend,
        "local_backend": {"url": setting(settings, "PERLEN_EDITOR_LOCAL_URL")},
        "publish_mode": "editorial_workflow",
        "media_folder": f"{content_folder(settings)}/images",
        "public_folder": "/images",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [
            _collection(
                "beitraege",
                "Beiträge",
                "Beitrag",
                settings,
                settings["ARTICLE_PATHS"][0],
                "{{year}}/{{slug}}",
                known,
                dated=True,
            ),
            _collection(
                "seiten",
                "Seiten",
                "Seite",
                settings,
                settings["PAGE_PATHS"][0],
                "{{slug}}",
                known,
                dated=False,
            ),
        ],
    }
    # „Seite ansehen“ of a published post: the site itself, or locally the
    # preview server that serves the editor (`make redaktion`).
    config["site_url"] = settings.get("SITEURL") or "/"
    if settings.get("SITEURL"):
        config["display_url"] = settings["SITEURL"]
    config["show_preview_links"] = True
    return config


def content_folder(settings: Mapping[str, Any]) -> str:
    """`content/` as Decap names it: relative to the repository, whose top
    folder holds it (Pelican's `PATH` is absolute by now)."""
    return Path(settings["PATH"]).name


def _collection(
    name: str,
    plural: str,
    singular: str,
    settings: Mapping[str, Any],
    folder: str,
    path: str,
    known: Mapping[str, list[str]],
    *,
    dated: bool,
) -> dict[str, Any]:
    return {
        "name": name,
        "label": plural,
        "label_singular": singular,
        "folder": f"{content_folder(settings)}/{folder}",
        "path": path,
        "extension": "md",
        "format": FORMAT,
        "create": True,
        # Images beside the post, where the image pipeline reads them.
        "media_folder": "",
        "public_folder": "",
        "summary": "{{title}}",
        # „Seite ansehen“: the page finder, after the site's address (a
        # published post) or the pull request's preview (a draft).
        "preview_path": f"{setting(settings, 'PERLEN_EDITOR_PATH')}/{FINDER}"
        f"#{name}/{{{{dirname}}}}/{{{{filename}}}}",
        "sortable_fields": ["date", "title"] if dated else ["title"],
        "fields": [
            *(fields(settings, known, dated=dated)),
            {
                "name": "body",
                "label": "Text",
                "widget": "markdown",
                # The raw editor keeps every character as typed; the rich
                # text editor would rewrite the Markdown (`<3` → `\\<3`).
                "modes": ["raw"],
                # A post is untrusted input: its HTML is cleaned (DOMPurify)
                # before the preview shows it in the signed-in editor.
                "sanitize_preview": True,
                # An image without alt text (`![](bild.jpg)`) is refused.
                "pattern": [
                    r"^(?![\s\S]*!\[\s*\]\()[\s\S]*$",
                    "Ein Bild im Text hat keinen Bildtext: Bitte in "
                    "„![…](bild.jpg)“ zwischen die eckigen Klammern schreiben, "
                    "was zu sehen ist.",
                ],
                "hint": "Markdown: `**fett**`, `*kursiv*`, "
                "`## Zwischenüberschrift`, ein Foto als "
                "`![Was zu sehen ist](foto.jpg)`, Emoji als `:rotes_herz:` oder 😀, "
                "ein Herz als `<3`.",
            },
            {"name": HEADER_FIELD, "widget": "hidden", "required": False},
        ],
    }


def fields(
    settings: Mapping[str, Any], known: Mapping[str, list[str]], *, dated: bool
) -> list[dict[str, Any]]:
    """The editor's fields: one per metadata key, labelled in German."""
    limit = setting(settings, "PERLEN_SUMMARY_MAX_LENGTH")
    choices = {
        "author": known["authors"],
        "category": known["categories"],
        "tags": known["tags"],
    }
    result = []
    for key in editor_keys():
        described = describe(key)
        entry: dict[str, Any] = {
            "name": key,
            "label": label(key),
            "widget": described.widget,
            "required": described.required and (dated or key != "date"),
            **described.options,
        }
        if described.hint:
            entry["hint"] = described.hint
        if key in choices:
            entry["vorschlaege"] = choices[key]
        if key == "summary":
            entry["hint"] = f"{described.hint} Höchstens {limit} Zeichen."
            entry["pattern"] = [
                f"^[\\s\\S]{{0,{limit}}}$",
                f"Die Zusammenfassung ist zu lang: höchstens {limit} Zeichen.",
            ]
        result.append(entry)
    return result


def editor_policy(settings: Mapping[str, Any], *, meta: bool = False) -> str:
    """The editor's Content-Security-Policy as a header value; it may talk to
    the local decap-server. With `meta`, for the page's own `<meta>` element
    (for hosts that ignore `_headers`), without what a meta policy may not set."""
    csp = {
        k: list(v)
        for k, v in setting(settings, "PERLEN_EDITOR_CSP").items()
        if not (meta and k in HEADER_ONLY)
    }
    local = urlsplit(setting(settings, "PERLEN_EDITOR_LOCAL_URL"))
    csp.setdefault("connect-src", ["'self'"]).append(f"{local.scheme}://{local.netloc}")
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in csp.items())


def editor_headers(settings: Mapping[str, Any]) -> list[str]:
    """The `_headers` section for the editor's folder: the site's policy is
    detached (`! Name`, as Cloudflare Pages writes it) and the editor's own
    sent instead; the rest of the site keeps its policy unchanged."""
    if not setting(settings, "PERLEN_EDITOR"):
        return []
    return [
        f"/{setting(settings, 'PERLEN_EDITOR_PATH')}/*",
        "  ! Content-Security-Policy",
        f"  Content-Security-Policy: {editor_policy(settings)}",
        "  X-Robots-Tag: noindex",
    ]
