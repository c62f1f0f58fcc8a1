"""`_headers`: security and caching headers for hosts that read the file
(Netlify, Cloudflare Pages and others).

The Content-Security-Policy is the site's own (`site.csp`); files with a
content hash in their name may be cached forever.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from perlen.publish.editor import editor_headers
from perlen.settings import setting
from perlen.site.csp import content_security_policy
from perlen.site.written_files import HEADERS_FILE

_FOREVER = "public, max-age=31536000, immutable"


def headers_file(settings: Mapping[str, Any], immutable: Iterable[str]) -> str:
    """The text of `_headers`: the security headers for every path, then
    long caching for `immutable` (URL paths, `*` as wildcard)."""
    security = {
        "Content-Security-Policy": content_security_policy(settings),
        **setting(settings, "PERLEN_HEADERS"),
    }
    lines = ["/*", *(f"  {name}: {value}" for name, value in security.items())]
    lines += editor_headers(settings)
    for path in sorted(immutable):
        lines += [path, f"  Cache-Control: {_FOREVER}"]
    return "\n".join(lines) + "\n"


def write_headers(
    site: Path, settings: Mapping[str, Any], immutable: Iterable[str]
) -> None:
    """Write `_headers` into the root of the built `site`."""
    base = urlsplit(settings["SITEURL"]).path.rstrip("/")
    paths = [f"{base}/{path.lstrip('/')}" for path in immutable]
    (site / HEADERS_FILE).write_text(headers_file(settings, paths), encoding="utf-8")
