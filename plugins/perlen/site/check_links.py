"""Links to posts and files that do not exist, or lie outside `content/`."""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from pelican.contents import Content

from perlen.content.dates import fold
from perlen.content.source_lines import SourceLines
from perlen.problems import Problem, Severity
from perlen.site.containment import inside
from perlen.site.references import StartTag


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
            problem = outside_problem(written, tag.name == "img")
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


def linked_path(content: Content, value: str) -> str:
    """The content-relative path a link names, resolved as Pelican does."""
    path = unquote(urlsplit(value).path)
    if path.startswith("/"):
        return posixpath.normpath(path[1:])
    return content.get_relative_source_path(os.path.join(content.relative_dir, path))


def outside_problem(written: str, image: bool) -> tuple[str, str, Severity]:
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
