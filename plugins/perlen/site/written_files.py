"""The one map of every file a build writes, and what each one is.

Three checks need it and used to work it out each for itself, with their own
labels and their own idea of when two addresses are the same: a post's
address must not be a file the site generates (`addresses`), an old address
must not be a page the site has now (`old_addresses`), and the folders made
ahead of the writer must be the folders the pages land in
(`building.folders`). Here the map is computed once from the finalized
generators, with Pelican's own `Paginator` for the pages of each list, and
compared under one normalisation (`key`).
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pelican.paginator import Paginator

from perlen.problems import display_path
from perlen.settings import setting

# Files the publish steps write after Pelican (they live here, below those
# steps, so that the map can name them).
HEADERS_FILE = "_headers"
REDIRECTS_FILE = "_redirects"
SITEMAP_FILE = "sitemap.xml"  # where `pelican.plugins.sitemap` writes
SEARCH_INDEX_DIR = "pagefind"

# What a message calls each kind of file: (after „braucht die Website schon
# für …“, after „gehört jetzt zu …“); `{name}` is the file's own name.
_OVERVIEW = "einer Übersichtsseite des Blogs"
LABELS: dict[str, tuple[str, str]] = {
    "content": ("„{name}“", "„{name}“"),
    "index": ("die Startseite", _OVERVIEW),
    "archives": ("das Archiv", _OVERVIEW),
    "categories": ("die Liste der Kategorien", _OVERVIEW),
    "tags": ("die Liste der Schlagwörter", _OVERVIEW),
    "authors": ("die Liste der Autorinnen", _OVERVIEW),
    "suche": ("die Suche", _OVERVIEW),
    "404": ("die Fehlerseite", _OVERVIEW),
    "robots": ("„robots.txt“", _OVERVIEW),
    "template": ("die Seite „{name}“", _OVERVIEW),
    "template_page": ("die Seite „{name}“", "der Seite „{name}“"),
    "category": ("die Kategorie „{name}“", "der Seite der Kategorie „{name}“"),
    "tag": ("das Schlagwort „{name}“", "der Seite des Schlagworts „{name}“"),
    "author": ("die Autorin „{name}“", "der Seite von „{name}“"),
    "category_feed": (
        "der Feed für die Kategorie „{name}“",
        "dem Feed der Kategorie „{name}“",
    ),
    "tag_feed": (
        "der Feed für das Schlagwort „{name}“",
        "dem Feed des Schlagworts „{name}“",
    ),
    "author_feed": ("der Feed für die Autorin „{name}“", "dem Feed von „{name}“"),
    "year": ("das Jahresarchiv {name}", "dem Jahresarchiv {name}"),
    "feed": ("ein Feed", "einem Feed"),
    "file": ("die Datei „{name}“", "der Datei „{name}“"),
    "sitemap": ("die Sitemap", "der Sitemap"),
    "theme": ("die Dateien des Designs", "den Dateien des Designs"),
    "search": ("die Suche", "der Suche"),
    "editor": ("die Redaktion", "der Redaktion"),
}
# The lists Pelican's articles generator writes a page per entry for, with
# the name of their template (as PAGINATED_TEMPLATES and *_FEED_* know it).
_LISTINGS = (("tags", "tag"), ("categories", "category"), ("authors", "author"))
# Kinds Pelican's writer renders as pages (so their folders can be made ahead).
PAGE_KINDS = frozenset(
    {"content", "category", "tag", "author", "year", "template"}
    | {"index", "archives", "categories", "tags", "authors", "suche", "404", "robots"}
)


def key(path: str) -> str:
    """Where a file lands, as every check compares it: Unicode composed
    (NFC, as macOS' file system would), case folded (macOS and Windows
    ignore case), without a leading slash, a folder (`x/`) as its
    `index.html`, and `.`/`..` resolved."""
    text = unicodedata.normalize("NFC", path).lstrip("/")
    if not text or text.endswith("/"):
        text += "index.html"
    return unicodedata.normalize("NFC", posixpath.normpath(text).casefold())


@dataclass(frozen=True)
class Written:
    """One file (or, for kinds of whole folders, one folder) of the site."""

    save_as: str
    kind: str
    name: str = ""

    @property
    def label(self) -> str:
        """What it is, as in „braucht die Website schon für …“."""
        return LABELS[self.kind][0].format(name=self.name)

    @property
    def belongs_to(self) -> str:
        """What it is, as in „gehört jetzt zu …“."""
        return LABELS[self.kind][1].format(name=self.name)


class WrittenFiles:
    """Every file a build writes (by `key`, each with all that claim it)
    and the folders that belong to the site as a whole."""

    def __init__(self, files: Iterable[Written], folders: Iterable[Written]):
        self.files: dict[str, list[Written]] = {}
        for file in files:
            if file.save_as:
                self.files.setdefault(key(file.save_as), []).append(file)
        self.folders = {key(f.save_as).removesuffix("index.html"): f for f in folders}

    def __iter__(self) -> Iterator[Written]:
        return (file for same in self.files.values() for file in same)

    def owner(self, save_as: str, *, contents: bool = True) -> Written | None:
        """What the site writes at `save_as`, or at a folder on its way
        (`robots.txt/index.html` needs `robots.txt` to be a folder), or in a
        folder of the site's own; posts and pages only if `contents`."""
        where = key(save_as)
        for parent in (where.rsplit("/", n)[0] for n in range(where.count("/") + 1)):
            for found in self.files.get(parent, ()):
                if contents or found.kind != "content":
                    return found
        return next((f for p, f in self.folders.items() if where.startswith(p)), None)

    def page_folders(self) -> list[str]:
        """The folders the writer's pages go into, parents before children."""
        folders: dict[str, None] = {}
        for file in self:
            if file.kind not in PAGE_KINDS:
                continue
            folder = posixpath.dirname(file.save_as)
            chain = []
            while folder and folder not in folders:
                chain.append(folder)
                folder = posixpath.dirname(folder)
            folders.update(dict.fromkeys(reversed(chain)))
        return list(folders)


def written_files(generators: Iterable, contents: Iterable) -> WrittenFiles:
    """The map of a build once its generators are finalized: `contents`
    (posts, pages, drafts), the pages of every list, year archives, feeds,
    the other templates, static files, and what the publish steps add."""
    generators = list(generators)
    settings = generators[0].settings
    files = [Written(c.save_as, "content", _source(c)) for c in contents]
    articles_generator = next((g for g in generators if hasattr(g, "dates")), None)
    if articles_generator is not None:
        files += _listings(articles_generator, settings)
    for generator in generators:
        files += [
            Written(
                static.get_url_setting("save_as"),
                "file",
                static.get_relative_source_path(),
            )
            # Not `static.save_as`: reading it would stop `{attach}` moving it.
            for static in getattr(generator, "staticfiles", None) or ()
        ]
    files += [
        Written(HEADERS_FILE, "file", HEADERS_FILE),
        Written(REDIRECTS_FILE, "file", REDIRECTS_FILE),
        Written(SITEMAP_FILE, "sitemap"),
    ]
    folders = [
        Written(settings.get("THEME_STATIC_DIR", "theme") + "/", "theme"),
        Written(SEARCH_INDEX_DIR + "/", "search"),
    ]
    if setting(settings, "PERLEN_EDITOR") or setting(settings, "PERLEN_EDITOR_PAGES"):
        folders.append(Written(setting(settings, "PERLEN_EDITOR_PATH") + "/", "editor"))
    return WrittenFiles(files, folders)


def _source(content) -> str:
    path = getattr(content, "source_path", None)
    return display_path(path) if path else ""


def _listings(generator, settings: Mapping[str, Any]) -> list[Written]:
    """What the articles generator writes: the templates, each list's pages,
    year archives and feeds."""
    articles = list(getattr(generator, "articles", None) or ())
    files = []
    for name in settings.get("DIRECT_TEMPLATES", ()):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        kind = name if name in LABELS else "template"
        for page in _pages(name, save_as, articles, settings):
            files.append(Written(page, kind, name))
    for name, template in _LISTINGS:
        for wrapper, posts in _pairs(getattr(generator, name, None) or ()):
            for page in _pages(template, wrapper.save_as, list(posts), settings):
                files.append(Written(page, template, getattr(wrapper, "name", "")))
            for feed in ("ATOM", "RSS"):
                pattern = settings.get(f"{template.upper()}_FEED_{feed}")
                if pattern:
                    save_as = pattern.format(slug=wrapper.slug)
                    files.append(Written(save_as, f"{template}_feed", wrapper.name))
    for save_as in settings.get("TEMPLATE_PAGES", {}).values():
        files.append(Written(save_as, "template_page", save_as))
    if pattern := settings.get("YEAR_ARCHIVE_SAVE_AS"):
        for year in sorted({post.date.year for post in articles}):
            sample = next(post for post in articles if post.date.year == year)
            files.append(Written(pattern.format(date=sample.date), "year", str(year)))
    for feed in ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS"):
        files.append(Written(settings.get(feed) or "", "feed"))
    translations = getattr(generator, "translations", None) or ()
    languages = sorted({translation.lang for translation in translations})
    for feed in ("TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS"):
        for lang in languages if settings.get(feed) else ():
            files.append(Written(settings[feed].format(lang=lang), "feed"))
    return files


def _pairs(listing) -> Iterable[tuple[Any, list]]:
    return listing.items() if isinstance(listing, Mapping) else listing


def _pages(
    template: str, save_as: str, posts: list, settings: Mapping[str, Any]
) -> list[str]:
    """The files of a list, split into pages as Pelican's writer does."""
    if not save_as:
        return []
    templates = settings.get("PAGINATED_TEMPLATES", {})
    if template not in templates or not posts:
        return [save_as]
    per_page = templates[template] or settings.get("DEFAULT_PAGINATION")
    paginator = Paginator(save_as, "", posts, settings, per_page)
    return [paginator.page(n).save_as for n in range(1, paginator.num_pages + 1)]
