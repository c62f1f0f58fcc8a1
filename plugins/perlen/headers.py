"""`_headers`: security and caching headers for hosts that read the file
(Netlify, Cloudflare Pages and others).

The Content-Security-Policy comes from `PERLEN_CSP` plus the third-party hosts
in `PERLEN_ALLOWED_HOSTS`; verification checks every page against this same
policy, so the site satisfies the policy it ships with. Files with a content
hash in their name may be cached forever.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .settings import setting

HEADERS_FILE = "_headers"
# Directives a `<meta http-equiv>` policy may not carry (CSP Level 3, 6.1).
_HEADER_ONLY = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})
_FOREVER = "public, max-age=31536000, immutable"
# Directives that fall back to another one when the policy leaves them out.
_FALLBACK = {
    "frame-src": "child-src",
    "worker-src": "child-src",
    "child-src": "default-src",
}


def policy(settings: Mapping[str, Any]) -> dict[str, list[str]]:
    """The Content-Security-Policy as directive → sources, hosts included."""
    merged = {
        directive: list(sources)
        for directive, sources in setting(settings, "PERLEN_CSP").items()
    }
    for directive, hosts in setting(settings, "PERLEN_ALLOWED_HOSTS").items():
        sources = merged.setdefault(
            directive, list(effective_sources(merged, directive))
        )
        sources[:] = [s for s in sources if s != "'none'"]
        sources += [
            f"https://{host}" for host in hosts if f"https://{host}" not in sources
        ]
    return merged


def effective_sources(csp: Mapping[str, list[str]], directive: str) -> list[str]:
    """The sources that govern `directive`, following CSP's fallbacks."""
    while directive not in csp and directive != "default-src":
        directive = _FALLBACK.get(directive, "default-src")
    return csp.get(directive, [])


def allows(csp: Mapping[str, list[str]], directive: str, url: str) -> bool:
    """Whether `csp` lets the page load the third-party `url` for `directive`.

    Understands the host and scheme sources this project uses
    (`https://host`, `https://*.host`, `https:`), not the full CSP grammar.
    """
    parts = urlsplit(url)
    for source in effective_sources(csp, directive):
        if source == f"{parts.scheme}:":
            return True
        allowed = urlsplit(source if "://" in source else f"{parts.scheme}://{source}")
        if allowed.scheme != parts.scheme:
            continue
        host = allowed.hostname or ""
        if host == parts.hostname or (
            host.startswith("*.") and (parts.hostname or "").endswith(host[1:])
        ):
            return True
    return False


def content_security_policy(settings: Mapping[str, Any], *, meta: bool = False) -> str:
    """The policy as a header value, or for `<meta http-equiv>` with `meta`.

    Hosts that ignore `_headers` (GitHub Pages) still get the policy from the
    meta element, which browsers apply without the directives a meta
    element may not set.
    """
    return "; ".join(
        f"{directive} {' '.join(sources)}"
        for directive, sources in policy(settings).items()
        if not (meta and directive in _HEADER_ONLY)
    )


def headers_file(settings: Mapping[str, Any], immutable: Iterable[str]) -> str:
    """The text of `_headers`: the security headers for every path, then
    long caching for `immutable` (URL paths, `*` as wildcard)."""
    security = {
        "Content-Security-Policy": content_security_policy(settings),
        **setting(settings, "PERLEN_HEADERS"),
    }
    lines = ["/*", *(f"  {name}: {value}" for name, value in security.items())]
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
