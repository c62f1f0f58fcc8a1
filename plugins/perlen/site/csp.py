"""The Content-Security-Policy: `PERLEN_CSP` plus the third-party hosts in
`PERLEN_ALLOWED_HOSTS`.

Every page carries it as a `<meta http-equiv>` element, `_headers` sends it as
a header, and verification checks every page against this same policy, so
the site satisfies the policy it ships with.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from perlen.settings import setting

# Directives a `<meta http-equiv>` policy may not carry (CSP Level 3, 6.1).
HEADER_ONLY = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})
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
        if not (meta and directive in HEADER_ONLY)
    )
