"""Links to posts and files that do not exist, or lie outside `content/`."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from pelican.contents import Content

from perlen.content.source_lines import SourceLines
from perlen.content.suggestions import closest
from perlen.problems import Problem, Severity
from perlen.site.containment import inside
from perlen.site.references import StartTag
from perlen.site.written_html import problems_in_addresses


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

    def judge(tag: StartTag, url: str) -> Problem | None:
        match = syntax.match(url)
        if not match or match.group("what") not in {"filename", "static", "attach"}:
            return None
        written = match.group("value")
        target = linked_path(content, written)
        if not inside(root, os.path.join(root, target)):
            return outside_problem(written, tag.name == "img")
        if match.group("what") == "filename":
            return _post_link_problem(content, written, target, context, root)
        if not os.path.isfile(os.path.join(root, target)):
            return _missing_file(
                content, written, target, context, root, tag.name == "img"
            )
        return None

    return problems_in_addresses(content, tags, sources, judge)


def linked_path(content: Content, value: str) -> str:
    """The content-relative path a link names, resolved as Pelican does."""
    path = unquote(urlsplit(value).path)
    if path.startswith("/"):
        return posixpath.normpath(path[1:])
    return content.get_relative_source_path(os.path.join(content.relative_dir, path))


def _problem(message: str, fix: str, severity: Severity = Severity.ERROR) -> Problem:
    """A link's problem; `problems_in_addresses` places it in the writer's file."""
    return Problem("", None, message, fix, severity)


def outside_problem(written: str, image: bool) -> Problem:
    what = "Das Bild" if image else "Die Datei"
    return _problem(
        f"{what} „{written}“ liegt außerhalb des Ordners „content“; "
        "der Blog veröffentlicht nur, was darin liegt.",
        "Bitte die Datei nach „content/images/“ kopieren und von dort "
        "verlinken, z. B. „/images/bild.jpg“.",
    )


def _post_link_problem(content, written, target, context, root) -> Problem | None:
    generated = context["generated_content"]
    if target in generated:
        return None  # found, or a file with its own reported errors
    if target in context["static_content"] and os.path.isfile(
        os.path.join(root, target)
    ):
        return _problem(
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
            return _problem(
                f"Der Link auf „{written}“ führt zu einem Entwurf oder "
                "geplanten Beitrag, der nicht veröffentlicht wird.",
                "Bitte den Link entfernen oder erst setzen, "
                "wenn der Beitrag erschienen ist.",
            )
        return _problem(
            f"Der Link auf „{written}“ führt zu einer Datei, "
            "die nicht zur Website gehört.",
            f"Beiträge gehören nach „content/{content.settings['ARTICLE_PATHS'][0]}/“.",
        )
    suggestion = _suggest(
        target, [path for path in generated if generated[path] is not None]
    )
    return _problem(
        f"Der Link auf „{written}“ führt ins Leere: Diese Datei gibt es nicht.",
        _did_you_mean(suggestion, content, written)
        or "Bitte den Dateinamen prüfen; er gilt vom Ordner dieses Beitrags aus.",
    )


def _missing_file(content, written, target, context, root, image) -> Problem:
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
    return _problem(f"{what} „{written}“ gibt es nicht.", fix)


def _suggest(target: str, candidates: Iterable[str]) -> str | None:
    """The candidate whose file name is closest to the target's, if close."""
    return closest(target, candidates, 0.75, key=posixpath.basename)


def _did_you_mean(suggestion: str | None, content: Content, written: str) -> str:
    """ "Meinten Sie …?" with the path written the way the writer wrote hers."""
    if suggestion is None:
        return ""
    if urlsplit(written).path.startswith("/"):
        shown = f"/{suggestion}"
    else:
        shown = posixpath.relpath(suggestion, content.relative_dir or ".")
    return f"Meinten Sie „{shown}“?"
