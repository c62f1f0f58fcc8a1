"""Slugs a web server serves the same everywhere: `Slug: Über Uns?` → `über-uns`.

A slug the writer types is used as it is by Pelican: with capitals (a
different address on Linux, the same on macOS), spaces (`%20`), or `?` and `#`,
which end the path of a URL, so the page could never be reached.
"""

from __future__ import annotations

import re

from pelican.contents import Content

_CUT = re.compile(r"[?#]")
_SPACES = re.compile(r"\s+")


def clean_slug(slug: str) -> str:
    """Lower case, spaces as hyphens, no `?` or `#`, no empty, `.` or `..`
    path segments (`/` may stay: `Slug: agentur/team`)."""
    text = _SPACES.sub("-", _CUT.sub("", slug).strip().lower())
    segments = [s.strip("-") for s in text.split("/")]
    return "/".join(s for s in segments if s and s not in {".", ".."})


def clean_content_slug(content: Content) -> None:
    """`content_object_init` handler."""
    slug = getattr(content, "slug", None)
    if isinstance(slug, str):
        content.slug = clean_slug(slug)
