"""No post or page takes an address the site itself needs.

Pelican writes pages and the listings it generates (archive, categories, year
archives, feeds, robots.txt, …) into the same folder and lets the later one
win, or crashes with an English `FileExistsError`: `Slug: archiv` replaces
the archive, a title of emoji alone makes the address `/2021//`. Here every
address a post or page claims is checked against every address the site
generates, ignoring case (a web server on macOS or Windows would), before
anything is written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pelican.contents import Content
from pelican.paginator import Paginator

from perlen.problems import Problem

# Direct templates as a writer knows them.
_TEMPLATES = {
    "index": "die Startseite",
    "archives": "das Archiv",
    "categories": "die Liste der Kategorien",
    "tags": "die Liste der Schlagwörter",
    "authors": "die Liste der Autorinnen",
    "suche": "die Suche",
    "404": "die Fehlerseite",
    "robots": "„robots.txt“",
}
_LISTINGS = (
    ("categories", "CATEGORY", "die Kategorie"),
    ("tags", "TAG", "das Schlagwort"),
    ("authors", "AUTHOR", "die Autorin"),
)


def key(save_as: str) -> str:
    """Where a file lands, as a file system that ignores case sees it."""
    return posixpath.normpath(save_as.lstrip("/")).casefold()


def generated_addresses(
    settings: Mapping[str, Any], context: Mapping[str, Any]
) -> dict[str, str]:
    """Every file the site generates besides posts and pages (by `key`),
    with what it is, in German."""
    found: dict[str, str] = {}

    def add(save_as: str, what: str) -> None:
        if save_as:
            found.setdefault(key(save_as), what)

    articles = list(context.get("articles", []))
    for name in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        what = _TEMPLATES.get(name, f"die Seite „{name}“")
        for page in _pages(name, save_as, articles, settings):
            add(page, what)
    for save_as in settings.get("TEMPLATE_PAGES", {}).values():
        add(save_as, f"die Seite „{save_as}“")
    for attribute, prefix, label in _LISTINGS:
        for wrapper, posts in _pairs(context.get(attribute, [])):
            what = f"{label} „{wrapper.name}“"
            name = prefix.lower()
            for page in _pages(name, wrapper.save_as, list(posts), settings):
                add(page, what)
            for feed in ("ATOM", "RSS"):
                pattern = settings.get(f"{prefix}_FEED_{feed}")
                if pattern:
                    add(pattern.format(slug=wrapper.slug), f"der Feed für {what}")
    for year in sorted({post.date.year for post in articles}):
        sample = next(post for post in articles if post.date.year == year)
        add(settings.get("YEAR_ARCHIVE_SAVE_AS", "").format(date=sample.date),
            f"das Jahresarchiv {year}")  # fmt: skip
    for feed in ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS"):
        add(settings.get(feed) or "", "ein Feed")
    languages = {post.lang for post in context.get("translations", [])}
    for feed in ("TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS"):
        for lang in languages if settings.get(feed) else ():
            add(settings[feed].format(lang=lang), "ein Feed")
    for static in context.get("staticfiles", []):
        # Not `static.save_as`: reading it would stop `{attach}` moving the file.
        add(
            static.get_url_setting("save_as"),
            f"die Datei „{static.get_relative_source_path()}“",
        )
    return found


def _pairs(listing) -> Iterable[tuple[Any, list]]:
    return listing.items() if isinstance(listing, Mapping) else listing


def _pages(
    name: str, save_as: str, posts: list, settings: Mapping[str, Any]
) -> list[str]:
    """The files of a listing, split into pages as Pelican's writer does."""
    if not save_as:
        return []
    templates = settings.get("PAGINATED_TEMPLATES", {})
    if name not in templates or not posts:
        return [save_as]
    per_page = templates[name] or settings.get("DEFAULT_PAGINATION")
    paginator = Paginator(save_as, "", posts, settings, per_page)
    return [
        paginator.page(number).save_as for number in range(1, paginator.num_pages + 1)
    ]


def address_problems(
    contents: Iterable[Content],
    generated: Mapping[str, str],
    reserved_folders: Mapping[str, str],
    line_of: Callable[[Content], int | None],
) -> list[Problem]:
    """Posts and pages whose address the site needs for something else
    (`generated`, by `key`), or whose address is unusable.
    `reserved_folders` (the theme's files, the search index) belong to the
    site as a whole; `line_of(content)` is the line to point at."""
    folders = {
        key(folder).rstrip("/") + "/": what for folder, what in reserved_folders.items()
    }
    problems = []
    for content in contents:
        if not getattr(content, "slug", None) and not content.metadata.get("save_as"):
            problems.append(_empty_slug(content, line_of(content)))
            continue
        where = key(content.save_as)
        # The file itself, or a folder on its way that is a file of the site
        # (`Slug: robots.txt` → robots.txt/index.html).
        parents = [where.rsplit("/", n)[0] for n in range(where.count("/") + 1)]
        owner = next((generated[p] for p in parents if p in generated), None) or next(
            (what for f, what in folders.items() if where.startswith(f)), None
        )
        if owner is not None:
            problems.append(
                Problem(
                    content.source_path,
                    line_of(content),
                    f"Die Adresse „{address(content.save_as)}“ braucht die Website "
                    f"schon für "
                    f"{owner}; einer der beiden ginge verloren.",
                    "Bitte mit „Slug: …“ eine andere Adresse angeben.",
                )
            )
    return problems


def address(save_as: str) -> str:
    """The address a written file is served at: `archiv/index.html` →
    `/archiv/`, `index.html` → `/`, `robots.txt` → `/robots.txt`. The one
    path→URL function (messages, the preview, verification)."""
    path = "/" + save_as.lstrip("/")
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def _empty_slug(content: Content, line: int | None) -> Problem:
    return Problem(
        content.source_path,
        line,
        "Aus dem Titel lässt sich keine Adresse bilden: Er enthält keine "
        "Buchstaben oder Ziffern.",
        "Bitte mit „Slug: …“ eine Adresse angeben, z. B. „Slug: gute-laune“.",
    )


def leaves_output(save_as: str) -> bool:
    """Whether a file would be written outside the site's folder."""
    return save_as.startswith("/") or posixpath.normpath(save_as).startswith("..")


def outside_problem(content: Content) -> Problem:
    return Problem(
        content.source_path,
        None,
        f"Die Adresse „{content.save_as}“ läge außerhalb der Website.",
        "Bitte „..“ und „/“ am Anfang aus „Slug:“, „URL:“ bzw. „Save_as:“ entfernen.",
    )
