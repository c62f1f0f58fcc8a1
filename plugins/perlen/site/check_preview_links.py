"""Links copied from the preview's address bar."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from pelican.contents import Content

from perlen.content.source_lines import SourceLines
from perlen.problems import Problem
from perlen.site.references import StartTag
from perlen.site.written_html import problems_in_addresses

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
    # A site built for this computer (the browser tests' SITEURL) writes its
    # own images' URLs with that address: those are not the writer's.
    own = content.settings.get("SITEURL", "").rstrip("/") + "/"

    def judge(tag: StartTag, url: str) -> Problem | None:
        if not _is_local(url) or (own != "/" and url.startswith(own)):
            return None
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
        return Problem(
            "",
            None,
            f"Der Link „{url}“ führt auf die Vorschau auf diesem Rechner; "
            "für Leserinnen und Leser führt er ins Leere.",
            fix,
        )

    return problems_in_addresses(content, tags, sources, judge)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    host = (parts.hostname or "").lower()
    return host in LOCAL_HOSTS or host.endswith(".localhost")
