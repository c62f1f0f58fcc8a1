"""Checks over the whole site: what a writer must fix before a post goes out.

The reader already reports what is wrong inside one file (a missing title, an
unreadable date, a typo'd key). These checks need every post at once or the
files around it: duplicate addresses, categories spelled two ways, links and
images that lead nowhere, images without alt text, overlong summaries. Each
is a function over Pelican's content objects returning `Problem`s;
`build_problems` runs them inside every build, and `perlen pruefen` runs that
very build, so the build and the check never disagree.
"""

from __future__ import annotations

import difflib
import fnmatch
import logging
import os
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from pelican.contents import Content

from perlen.content.dates import fold
from perlen.content.encoding import lines, read_text
from perlen.content.errors import LineError
from perlen.content.metadata import canonical_key, split_header
from perlen.content.reader import RAW_HTML, WARNINGS
from perlen.images.markdown import USED, written_source
from perlen.problems import Problem, Severity, display_path
from perlen.settings import setting
from perlen.site.containment import inside
from perlen.site.cover_image import cover_path, cover_value
from perlen.site.legal import legal_problems
from perlen.site.markup import broken_tags
from perlen.site.old_addresses import KEY as OLD_ADDRESSES
from perlen.site.old_addresses import old_address_problems
from perlen.site.references import StartTag, start_tags
from perlen.site.templating import plaintext


class SourceLines:
    """Line numbers in writers' files, read only when a problem needs one."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            try:
                self._lines[path] = lines(read_text(path))
            except (OSError, LineError):
                self._lines[path] = []
        return self._lines[path]

    def _header(self, path: str):
        try:
            return split_header("\n".join(self.lines(path)))
        except LineError:
            return split_header("")

    def field(self, path: str, key: str) -> int | None:
        """The line of the metadata field for Pelican's `key`, e.g. "category"."""
        return next(
            (f.line for f in self._header(path).fields if canonical_key(f.name) == key),
            None,
        )

    def find(self, path: str, text: str) -> int | None:
        """The first line containing `text`, searching the body first."""
        lines = self.lines(path)
        body = min(self._header(path).body_line - 1, len(lines))
        order = [*range(body, len(lines)), *range(body)]
        return next((index + 1 for index in order if text in lines[index]), None)


def check_site(generators: Iterable, contents: list[Content]) -> list[Problem]:
    """Every problem the site checks find in `contents` of one build."""
    generators = list(generators)
    settings = generators[0].settings
    context = generators[0].context
    sources = SourceLines()
    problems = duplicate_addresses(contents, sources)
    for attribute in ("category", "tags", "authors"):
        problems += spelling_variants(contents, attribute, sources)
    problems += similar_categories(contents, sources)
    limit = setting(settings, "PERLEN_SUMMARY_MAX_LENGTH")
    by_url = {content.url: content for content in contents}
    for content in contents:
        tags = link_and_image_tags(content)
        problems += link_problems(content, tags, context, sources)
        problems += preview_link_problems(content, tags, by_url, sources)
        problems += alt_text_problems(content, tags, sources)
        problems += summary_problems(content, limit, sources)
        problems += broken_html_problems(content, sources)
        problems += cover_image_problems(content, sources)
    problems += unread_files(settings, generators[0].readers.readers)
    problems += legal_problems(contents, settings, sources.lines)
    problems += old_address_problems(
        generators, contents, lambda path: sources.field(path, OLD_ADDRESSES)
    )
    problems += misplaced_sources(settings, generators[0].readers.readers)
    problems += reader_warnings(contents)
    return problems


def reader_warnings(contents: list[Content]) -> list[Problem]:
    """The warnings the reader found in each post (kept in its metadata, so
    that a post from the content cache reports them, too)."""
    return [p for content in contents for p in content.metadata.get(WARNINGS, ())]


# -- Files no reader reads -----------------------------------------------------

# Suffixes of text a writer may have meant as a post; Pelican ignores them.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".doc", ".docx", ".odt", ".rtf", ".pages"})


def unread_files(
    settings: Mapping[str, Any], readers: Mapping[str, Any]
) -> list[Problem]:
    """Texts under the post and page folders that Pelican would silently skip:
    a Word file, `beitrag.txt`, or `beitrag.MD` (suffixes are case-sensitive)."""
    problems = []
    for folder in (*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]):
        for root, _, files in os.walk(os.path.join(settings["PATH"], folder)):
            for name in sorted(files):
                suffix = os.path.splitext(name)[1]
                if suffix[1:] in readers or not (
                    suffix.lower() in TEXT_SUFFIXES or suffix.lower()[1:] in readers
                ):
                    continue
                problems.append(
                    Problem(
                        os.path.join(root, name),
                        None,
                        f"Diese Datei wird nicht gelesen: Die Endung „{suffix}“ "
                        "kennt der Blog nicht.",
                        "Bitte den Text als Markdown-Datei mit der Endung „.md“ "
                        "speichern (klein geschrieben).",
                    )
                )
    return problems


def misplaced_sources(
    settings: Mapping[str, Any], readers: Mapping[str, Any]
) -> list[Problem]:
    """Markdown files outside the post and page folders: Pelican ignores
    them (`content/post/`, `content/Posts/`, `content/x.md`) or, in a static
    folder, publishes their raw text (`content/images/x.md`). Files matching
    IGNORE_FILES are deliberate exceptions."""
    root = settings["PATH"]
    read = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    read.append(setting(settings, "PERLEN_AUTHOR_PATH"))  # site.authors reads it
    ignored = settings.get("IGNORE_FILES", [])
    problems = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not _matches(d, ignored)
        )
        relative = os.path.relpath(folder, root)
        if any(_inside(relative, path) for path in read):
            dirs.clear()
            continue
        for name in sorted(files):
            suffix = os.path.splitext(name)[1].lower()[1:]
            if suffix not in readers or _matches(name, ignored):
                continue
            problems.append(_misplaced(os.path.join(folder, name), relative, settings))
    return problems


def _matches(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def _inside(relative: str, folder: str) -> bool:
    folder = posixpath.normpath(folder)
    relative = relative.replace(os.sep, "/")
    return folder == "." or relative == folder or relative.startswith(f"{folder}/")


def _misplaced(path: str, relative: str, settings: Mapping[str, Any]) -> Problem:
    posts, pages = settings["ARTICLE_PATHS"][0], settings["PAGE_PATHS"][0]
    top = relative.replace(os.sep, "/").split("/")[0]
    near = difflib.get_close_matches(
        fold(top), [fold(p) for p in (posts, pages)], n=1, cutoff=0.8
    )
    if top in settings.get("STATIC_PATHS", []):
        message = (
            f"Diese Markdown-Datei würde in „content/{top}/“ als Rohtext "
            "veröffentlicht, nicht als Beitrag."
        )
    elif top != "." and near:
        meant = posts if near[0] == fold(posts) else pages
        message = (
            f"Diese Datei wird nicht gelesen: Sie liegt in „content/{top}/“ – "
            f"meinten Sie „content/{meant}/“?"
        )
    else:
        where = "direkt in „content/“" if top == "." else f"in „content/{top}/“"
        message = f"Diese Datei wird nicht gelesen: Sie liegt {where}."
    return Problem(
        path,
        None,
        message,
        f"Bitte Beiträge nach „content/{posts}/“ und Seiten nach "
        f"„content/{pages}/“ verschieben. Soll die Datei bewusst nicht "
        "erscheinen, bitte ihren Namen in IGNORE_FILES (pelicanconf.py) eintragen.",
    )


# -- Addresses ---------------------------------------------------------------


def duplicate_addresses(contents: list[Content], sources: SourceLines) -> list[Problem]:
    """Two posts or pages written to the same address (ignoring case, as
    macOS and Windows do): one would be lost."""
    by_address: dict[str, list[Content]] = defaultdict(list)
    for content in contents:
        if content.save_as:
            by_address[content.save_as.casefold()].append(content)
    problems = []
    for same in by_address.values():
        for content in same if len(same) > 1 else ():
            others = ", ".join(
                f"„{display_path(other.source_path)}“"
                for other in same
                if other is not content
            )
            line = sources.field(content.source_path, "slug") or sources.field(
                content.source_path, "title"
            )
            problems.append(
                Problem(
                    content.source_path,
                    line,
                    f"Die Adresse „/{content.url}“ gehört auch zu {others}; "
                    "einer der Beiträge ginge verloren.",
                    "Bitte einen anderen Titel wählen oder mit „Slug: …“ "
                    "eine eigene Adresse angeben.",
                )
            )
    return problems


# -- Categories, tags, authors ----------------------------------------------

_NAMES = {
    "category": ("Die Kategorie", "Kategorie"),
    "tags": ("Das Schlagwort", "Schlagwörter"),
    "authors": ("Der Name", "Autorin"),
}


def _wrappers(content: Content, attribute: str) -> list:
    value = getattr(content, attribute, None)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _field_key(attribute: str, content: Content) -> str:
    if attribute == "authors" and "author" in content.metadata:
        return "author"
    return attribute


def spelling_variants(
    contents: list[Content], attribute: str, sources: SourceLines
) -> list[Problem]:
    """The same category, tag or author spelled two ways (`Haltung`/`haltung`).

    Pelican merges them under one address and shows whichever it met first;
    the spelling most posts use (or the older post's) is the one to keep.
    """
    uses: dict[str, list[tuple[str, Content]]] = defaultdict(list)
    for content in contents:
        for wrapper in _wrappers(content, attribute):
            uses[wrapper.slug].append((wrapper.name, content))
    problems = []
    what, key_name = _NAMES[attribute]
    for spelled in uses.values():
        counts = Counter(name for name, _ in spelled)
        if len(counts) < 2:
            continue
        first_use = {
            name: min(_date_key(c) for n, c in spelled if n == name) for name in counts
        }
        keep = min(counts, key=lambda name: (-counts[name], first_use[name]))
        for name, content in spelled:
            if name == keep:
                continue
            others = counts[keep]
            where = (
                "einem anderen Beitrag"
                if others == 1
                else f"{others} anderen Beiträgen"
            )
            line = sources.field(content.source_path, _field_key(attribute, content))
            fix = f"Bitte „{keep}“ schreiben."
            if attribute != "tags":
                fix = f"Bitte „{key_name}: {keep}“ schreiben."
            problems.append(
                Problem(
                    content.source_path,
                    line,
                    f"{what} „{name}“ ist anders geschrieben "
                    f"als in {where} („{keep}“).",
                    fix,
                )
            )
    return problems


def _date_key(content: Content) -> tuple:
    """Older posts first; pages (without a date) after them."""
    date = getattr(content, "date", None)
    return (date is None, date.timestamp() if date else 0.0, content.source_path)


def similar_categories(contents: list[Content], sources: SourceLines) -> list[Problem]:
    """A category only one post uses, close to one more posts use: a typo?

    A warning, not an error: a new category may be intended. Once a second
    post uses it, it counts as existing.
    """
    counts: Counter = Counter()
    names: dict[str, str] = {}
    for content in contents:
        for category in _wrappers(content, "category"):
            counts[category.slug] += 1
            names.setdefault(category.slug, category.name)
    candidates = {fold(names[slug]): names[slug] for slug in counts if counts[slug] > 1}
    problems = []
    for content in contents:
        for category in _wrappers(content, "category"):
            if counts[category.slug] != 1:
                continue
            match = difflib.get_close_matches(
                fold(category.name), list(candidates), n=1, cutoff=0.8
            )
            if not match:
                continue
            known = candidates[match[0]]
            problems.append(
                Problem(
                    content.source_path,
                    sources.field(content.source_path, "category"),
                    f"Die Kategorie „{category.name}“ hat sonst kein Beitrag – "
                    f"meinten Sie „{known}“?",
                    f"Falls ja, bitte „Kategorie: {known}“ schreiben; "
                    "eine neue Kategorie darf so bleiben.",
                    Severity.WARNING,
                )
            )
    return problems


# -- Links and images --------------------------------------------------------


def _fragments(content: Content) -> list[str]:
    """The HTML a writer wrote: the text and an explicit summary."""
    summary = content.metadata.get("summary")
    return [content._content or "", summary if isinstance(summary, str) else ""]


# Where a fragment may have an `<a>` or `<img>` tag (HTML names ignore case).
_LINK_OR_IMAGE = re.compile(r"<(?:a|img)\b", re.IGNORECASE)


def link_and_image_tags(content: Content) -> list[StartTag]:
    """The `<a>` and `<img>` tags of what the writer wrote, in order.

    Parsed once for the link, preview-link and alt text checks: the HTML
    parser is the checks' main cost (a quarter of a second per 1,000 posts
    per pass).
    """
    return [
        tag
        for fragment in _fragments(content)
        if _LINK_OR_IMAGE.search(fragment)
        for tag in start_tags(fragment)
        if tag.name in ("a", "img")
    ]


def link_problems(
    content: Content,
    tags: list[StartTag],
    context: Mapping[str, Any],
    sources: SourceLines,
) -> list[Problem]:
    """Links to posts (`anderer.md`) and files (`bild.jpg`) that do not exist;
    `tags` are the content's `link_and_image_tags`."""
    syntax = re.compile(rf"^{content.settings['INTRASITE_LINK_REGEX']}(?P<value>.*)$")
    root = content.settings["PATH"]
    problems = []
    for tag in tags:
        url = tag.attrs.get("href" if tag.name == "a" else "src", "")
        match = syntax.match(url)
        if not match or match.group("what") not in {"filename", "static", "attach"}:
            continue
        written = match.group("value")
        target = linked_path(content, written)
        if not inside(root, os.path.join(root, target)):
            problem = _outside_problem(written, tag.name == "img")
        elif match.group("what") == "filename":
            problem = _post_link_problem(content, written, target, context, root)
        elif not os.path.isfile(os.path.join(root, target)):
            problem = _missing_file(
                content, written, target, context, root, tag.name == "img"
            )
        else:
            problem = None
        if problem is not None:
            message, fix, severity = problem
            line = sources.find(content.source_path, written)
            problems.append(Problem(content.source_path, line, message, fix, severity))
    return problems


# Addresses of this computer: links copied from the preview.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "0.0.0.0", "::1"})


def preview_link_problems(
    content: Content,
    tags: list[StartTag],
    by_url: Mapping[str, Content],
    sources: SourceLines,
) -> list[Problem]:
    """Links copied from the preview's address bar (`http://127.0.0.1:8000/…`,
    `localhost`): dead for every reader of the published site."""
    problems = []
    # A site built for this computer (the browser tests' SITEURL) writes its
    # own images' URLs with that address: those are not the writer's.
    own = content.settings.get("SITEURL", "").rstrip("/") + "/"
    for tag in tags:
        url = tag.attrs.get("href" if tag.name == "a" else "src", "")
        if not _is_local(url) or (own != "/" and url.startswith(own)):
            continue
        path = urlsplit(url).path or "/"
        target = by_url.get(unquote(path).lstrip("/"))
        if target is not None:
            linked = posixpath.relpath(
                target.relative_source_path.replace(os.sep, "/"),
                content.relative_dir.replace(os.sep, "/") or ".",
            )
            fix = f"Bitte auf die Datei des Beitrags verlinken: „{linked}“."
        else:
            fix = f"Bitte nur den Pfad schreiben: „{path}“."
        problems.append(
            Problem(
                content.source_path,
                sources.find(content.source_path, url),
                f"Der Link „{url}“ führt auf die Vorschau auf diesem Rechner; "
                "für Leserinnen und Leser führt er ins Leere.",
                fix,
            )
        )
    return problems


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    host = (parts.hostname or "").lower()
    return host in LOCAL_HOSTS or host.endswith(".localhost")


def linked_path(content: Content, value: str) -> str:
    """The content-relative path a link names, resolved as Pelican does."""
    path = unquote(urlsplit(value).path)
    if path.startswith("/"):
        return posixpath.normpath(path[1:])
    return content.get_relative_source_path(os.path.join(content.relative_dir, path))


def _outside_problem(written: str, image: bool) -> tuple[str, str, Severity]:
    what = "Das Bild" if image else "Die Datei"
    return (
        f"{what} „{written}“ liegt außerhalb des Ordners „content“; "
        "der Blog veröffentlicht nur, was darin liegt.",
        "Bitte die Datei nach „content/images/“ kopieren und von dort "
        "verlinken, z. B. „/images/bild.jpg“.",
        Severity.ERROR,
    )


def _post_link_problem(content, written, target, context, root):
    generated = context["generated_content"]
    if target in generated:
        return None  # found, or a file with its own reported errors
    if target in context["static_content"] and os.path.isfile(
        os.path.join(root, target)
    ):
        return (
            f"„{written}“ ist kein Beitrag, sondern eine Datei.",
            f"Bitte „{{static}}{written}“ schreiben.",
            Severity.WARNING,
        )
    if os.path.isfile(os.path.join(root, target)):
        published = [
            *content.settings["ARTICLE_PATHS"],
            *content.settings["PAGE_PATHS"],
        ]
        if any(target.startswith(f"{path.rstrip('/')}/") for path in published):
            return (
                f"Der Link auf „{written}“ führt zu einem Entwurf oder "
                "geplanten Beitrag, der nicht veröffentlicht wird.",
                "Bitte den Link entfernen oder erst setzen, "
                "wenn der Beitrag erschienen ist.",
                Severity.ERROR,
            )
        return (
            f"Der Link auf „{written}“ führt zu einer Datei, "
            "die nicht zur Website gehört.",
            f"Beiträge gehören nach „content/{content.settings['ARTICLE_PATHS'][0]}/“.",
            Severity.ERROR,
        )
    suggestion = _suggest(
        target, [path for path in generated if generated[path] is not None]
    )
    return (
        f"Der Link auf „{written}“ führt ins Leere: Diese Datei gibt es nicht.",
        _did_you_mean(suggestion, content, written)
        or "Bitte den Dateinamen prüfen; er gilt vom Ordner dieses Beitrags aus.",
        Severity.ERROR,
    )


def _missing_file(content, written, target, context, root, image):
    folder = os.path.join(root, posixpath.dirname(target))
    candidates = list(context["static_content"])
    if os.path.isdir(folder):
        candidates += [
            posixpath.join(posixpath.dirname(target), n) for n in os.listdir(folder)
        ]
    existing = [c for c in candidates if os.path.isfile(os.path.join(root, c))]
    suggestion = _suggest(target, existing)
    what = "Das Bild" if image else "Die Datei"
    fix = _did_you_mean(suggestion, content, written) or (
        "Bitte die Datei neben den Beitrag oder nach „content/images/“ legen "
        "und den Namen prüfen (auch Groß- und Kleinschreibung)."
    )
    return f"{what} „{written}“ gibt es nicht.", fix, Severity.ERROR


def _suggest(target: str, candidates: Iterable[str]) -> str | None:
    """The candidate whose file name is closest to the target's, if close."""
    name = fold(posixpath.basename(target))
    best, best_ratio = None, 0.75
    for candidate in dict.fromkeys(candidates):
        other = fold(posixpath.basename(candidate))
        ratio = difflib.SequenceMatcher(None, name, other).ratio()
        if candidate != target and ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best


def _did_you_mean(suggestion: str | None, content: Content, written: str) -> str:
    """ "Meinten Sie …?" with the path written the way the writer wrote hers."""
    if suggestion is None:
        return ""
    if urlsplit(written).path.startswith("/"):
        shown = f"/{suggestion}"
    else:
        shown = posixpath.relpath(suggestion, content.relative_dir or ".")
    return f"Meinten Sie „{shown}“?"


def broken_html_problems(content: Content, sources: SourceLines) -> list[Problem]:
    """Raw HTML in the text or summary that breaks the pages showing it."""
    if not content.metadata.get(RAW_HTML):
        return []  # Markdown's own HTML is always well-formed
    problems = []
    text, summary = _fragments(content)
    for fragment, in_summary in ((text, False), (summary, True)):
        for tag in broken_tags(fragment):
            if tag.stray:
                message = (
                    f"„{tag.written}“ schließt ein Element, das nie geöffnet wurde; "
                    "die Seite und jede Übersicht mit diesem Beitrag wären "
                    "ungültiges HTML."
                )
                fix = (
                    "Bitte das Tag löschen – oder, wenn es als Text erscheinen soll, "
                    f"in Backticks setzen: „`{tag.written}`“."
                )
            else:
                message = (
                    f"Das Element „{tag.written}>“ wird nie geschlossen; die Seite "
                    "und jede Übersicht mit diesem Beitrag wären ungültiges HTML."
                )
                fix = f"Bitte „</{tag.name}>“ ergänzen oder das Tag löschen."
            line = (
                sources.field(content.source_path, "summary")
                if in_summary
                else sources.find(content.source_path, tag.written)
            )
            problems.append(Problem(content.source_path, line, message, fix))
    return problems


def alt_text_problems(
    content: Content, tags: list[StartTag], sources: SourceLines
) -> list[Problem]:
    """Images without alt text: screen readers can only say "Bild"."""
    problems = []
    for tag in tags:
        if tag.name != "img" or tag.attrs.get("alt", "").strip():
            continue
        src = tag.attrs.get("src", "")
        written = written_source(
            src, content.metadata.get(USED, ()), content.relative_dir
        ) or re.sub(r"^[{|]\w+[}|]", "", src)
        problems.append(
            Problem(
                content.source_path,
                sources.find(content.source_path, written) if written else None,
                f"Das Bild „{written}“ hat keinen Alternativtext.",
                "Bitte in die eckigen Klammern schreiben, was darauf zu sehen ist, "
                f"z. B. „![Zwei Perlen auf einem Schreibtisch]({written})“.",
                Severity.WARNING,
            )
        )
    return problems


# -- Metadata ----------------------------------------------------------------


def summary_problems(
    content: Content, limit: int, sources: SourceLines
) -> list[Problem]:
    """A summary is the meta description: empty or too long, it is cut off."""
    summary = content.metadata.get("summary")
    if not isinstance(summary, str):
        return []
    text = " ".join(plaintext(summary).split())
    if text and len(text) <= limit:
        return []
    line = sources.field(content.source_path, "summary")
    if not text:
        message = "Die Zusammenfassung ist leer."
        fix = (
            "Bitte einen Satz schreiben, der Lust aufs Lesen macht, "
            "oder die Zeile löschen."
        )
    else:
        message = (
            f"Die Zusammenfassung ist {len(text)} Zeichen lang; "
            f"Suchmaschinen zeigen nur etwa {limit}."
        )
        fix = f"Bitte auf höchstens {limit} Zeichen kürzen."
    return [Problem(content.source_path, line, message, fix, Severity.WARNING)]


def cover_image_problems(content: Content, sources: SourceLines) -> list[Problem]:
    """A Titelbild that is not there: the social preview would show nothing."""
    value = cover_value(content)
    path = cover_path(value, content.relative_dir)
    root = content.settings["PATH"]
    if path is None:
        return []
    line = sources.field(content.source_path, "image")
    if not inside(root, os.path.join(root, path)):
        message, fix, _ = _outside_problem(value, image=True)
        return [Problem(content.source_path, line, f"Titelbild: {message}", fix)]
    if os.path.isfile(os.path.join(root, path)):
        return []
    return [
        Problem(
            content.source_path,
            line,
            f"Das Titelbild „{value}“ gibt es nicht.",
            "Bitte das Bild neben den Beitrag oder nach „content/images/“ legen "
            "und hier seinen Dateinamen angeben, z. B. „Titelbild: bild.jpg“.",
        )
    ]


class HideEmptyAltWarnings(logging.Filter):
    """Drop Pelican's English "Empty alt attribute" lines: the alt text check
    reports the same images in German, with file and line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Empty alt attribute")
