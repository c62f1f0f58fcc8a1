"""Files no reader reads: texts a writer meant as posts that Pelican skips."""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections.abc import Iterable, Mapping
from typing import Any

from perlen.content.suggestions import closest
from perlen.problems import Problem
from perlen.settings import setting

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
    meant = closest(top, (posts, pages), 0.8)
    if top in settings.get("STATIC_PATHS", []):
        message = (
            f"Diese Markdown-Datei würde in „content/{top}/“ als Rohtext "
            "veröffentlicht, nicht als Beitrag."
        )
    elif top != "." and meant:
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
