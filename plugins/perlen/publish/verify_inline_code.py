"""No inline scripts, event handlers or styles the site's policy would block."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from perlen.publish.findings import Findings
from perlen.publish.pages import Page
from perlen.site import csp as site_csp
from perlen.site.references import StartTag

_SCRIPT_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    "text/javascript",
    "application/javascript",
    "text/ecmascript",
    "application/ecmascript",
}
_INLINE_FIXES = {
    "script": "Bitte Skripte als eigene .js-Datei im Theme ablegen.",
    "style": "Bitte Stile ins Stylesheet des Themes schreiben (per class-Attribut).",
}


def check_inline_code(
    pages: Mapping[str, Page], csp: Mapping[str, list[str]], findings: Findings
) -> None:
    """No inline scripts, event handlers or styles unless the policy allows them."""
    allowed = {
        kind: "'unsafe-inline'" in site_csp.effective_sources(csp, f"{kind}-src")
        for kind in _INLINE_FIXES
    }
    for page in pages.values():
        for tag in page.tags:
            for kind, what in _inline_code(tag):
                if not allowed[kind]:
                    blocked = f"{what} blockiert die Sicherheitsrichtlinie (CSP)"
                    findings.add(
                        page.path, f"{blocked} der Website.", _INLINE_FIXES[kind]
                    )


def _inline_code(tag: StartTag) -> Iterator[tuple[str, str]]:
    """The inline code in `tag`: ("script" or "style", what it is)."""
    if (
        tag.name == "script"
        and "src" not in tag.attrs
        and tag.attrs.get("type", "").lower() in _SCRIPT_TYPES
    ):
        yield "script", "Ein Inline-Skript (<script> ohne src)"
    for name in sorted(a for a in tag.attrs if a.startswith("on")):
        yield "script", f"Das Event-Attribut „{name}“ an <{tag.name}>"
    for attribute in ("href", "src", "action"):
        if tag.attrs.get(attribute, "").strip().lower().startswith("javascript:"):
            yield "script", f"Einen javascript:-Link an <{tag.name}>"
    if tag.name == "style":
        yield "style", "Einen <style>-Block"
    if "style" in tag.attrs:
        yield "style", f"Das style-Attribut an <{tag.name}>"
