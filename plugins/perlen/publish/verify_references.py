"""Internal links, anchors, images and stylesheet references of the built
site exist; nothing loads from a host the policy does not allow."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from perlen.publish.findings import Findings
from perlen.publish.pages import Page, existing_file, page_name
from perlen.site import csp as site_csp
from perlen.site.references import (
    css_references,
    fragment,
    page_url,
    references,
    site_path,
)

_RESOURCE_NAMES = {
    "img-src": "Das Bild",
    "script-src": "Das Skript",
    "style-src": "Das Stylesheet",
    "font-src": "Die Schrift",
    "media-src": "Die Mediendatei",
    "frame-src": "Die eingebettete Seite",
    "object-src": "Das eingebettete Objekt",
    "manifest-src": "Das Web-App-Manifest",
    "connect-src": "Die Verbindung zu",
    "form-action": "Das Formularziel",
    "default-src": "Die Datei",
}


def check_references(
    site: Path,
    pages: Mapping[str, Page],
    root: str,
    csp: Mapping[str, list[str]],
    findings: Findings,
) -> None:
    """Internal links, anchors and images exist; nothing loads from a host the
    policy does not allow."""
    for page in pages.values():
        base = page_url(root, page.path)
        for reference in (r for tag in page.tags for r in references(tag)):
            url = reference.url
            target = site_path(url, base, root)
            if target is None and _beside_root(urljoin(base, url), root):
                findings.add(page.path, *_beside(url, root))
                continue
            if target is None:
                if reference.directive is not None:
                    _check_foreign(
                        page.path,
                        url,
                        urljoin(base, url),
                        reference.directive,
                        csp,
                        root,
                        findings,
                    )
                continue
            file = existing_file(site, target)
            if file is None:
                findings.add(page.path, *_missing(url, reference.directive))
                continue
            anchor = fragment(url)
            if (
                anchor
                and anchor.lower() != "top"
                and file in pages
                and anchor not in pages[file].ids
            ):
                where = "dieser Seite" if file == page.path else page_name(file)
                findings.add(
                    page.path,
                    f"Der Link „{url}“ springt zur Stelle „#{anchor}“, "
                    f"die es auf {where} nicht gibt.",
                    "Bitte die Sprungmarke (das id-Attribut) prüfen.",
                )


def _beside_root(absolute: str, root: str) -> bool:
    """Whether `absolute` is on the site's host but outside its folder (a
    root-relative `/archiv/` when the site lives at `https://…/blog/`)."""
    parts, root_parts = urlsplit(absolute), urlsplit(root)
    return (
        parts.scheme in ("http", "https")
        and parts.netloc == root_parts.netloc
        and not parts.path.startswith(root_parts.path)
    )


def _beside(url: str, root: str) -> tuple[str, str]:
    folder = urlsplit(root).path
    return (
        f"Die Adresse „{url}“ liegt außerhalb der Website, die unter „{folder}“ "
        "liegt; so führt sie ins Leere.",
        "Bitte auf Beiträge mit ihrem Dateinamen verlinken, z. B. "
        "„[…](anderer-beitrag.md)“, auf Bilder mit „{static}/images/…“, "
        f"oder die Adresse mit „{folder}“ beginnen.",
    )


def _missing(url: str, directive: str | None) -> tuple[str, str]:
    if directive is None:
        return (
            f"Der Link „{url}“ führt ins Leere: Diese Seite gibt es nicht.",
            "Bitte die Adresse prüfen; auf eigene Beiträge verlinkt man am sichersten "
            "mit ihrem Dateinamen, z. B. „[…](anderer-beitrag.md)“.",
        )
    if directive == "img-src":
        return (
            f"Das Bild „{url}“ fehlt.",
            "Bitte die Bilddatei ablegen oder den Pfad korrigieren.",
        )
    return (
        f"{_RESOURCE_NAMES[directive]} „{url}“ fehlt.",
        "Bitte den Pfad korrigieren.",
    )


def _check_foreign(
    file: str,
    url: str,
    absolute: str,
    directive: str,
    csp: Mapping[str, list[str]],
    root: str,
    findings: Findings,
) -> None:
    """A resource from outside the site must be one the policy allows."""
    parts = urlsplit(absolute)
    if parts.netloc == urlsplit(root).netloc or site_csp.allows(
        csp, directive, absolute
    ):
        return
    what = _RESOURCE_NAMES[directive]
    if parts.scheme in ("http", "https"):
        findings.add(
            file,
            f"{what} „{url}“ kommt von einem fremden Server ({parts.hostname}): "
            "Das gibt die IP-Adressen der Leserinnen und Leser an Dritte weiter, "
            "und die Sicherheitsrichtlinie (CSP) der Website blockiert es.",
            "Bitte die Datei mit der Website ausliefern oder den Server in "
            f"PERLEN_ALLOWED_HOSTS unter „{directive}“ erlauben.",
        )
    else:
        findings.add(
            file,
            f"{what} „{url[:60]}“ ist eine {parts.scheme}:-Adresse, die die "
            "Sicherheitsrichtlinie (CSP) der Website blockiert.",
            "Bitte die Datei mit der Website ausliefern.",
        )


def check_stylesheets(
    site: Path, root: str, csp: Mapping[str, list[str]], findings: Findings
) -> None:
    """Fonts and images a stylesheet refers to exist and are not third-party."""
    for css in sorted(site.rglob("*.css")):
        path = css.relative_to(site).as_posix()
        base = page_url(root, path)
        for reference in css_references(css.read_text(encoding="utf-8")):
            target = site_path(reference.url, base, root)
            if target is None:
                _check_foreign(
                    path,
                    reference.url,
                    urljoin(base, reference.url),
                    reference.directive,
                    csp,
                    root,
                    findings,
                )
            elif existing_file(site, target) is None:
                findings.add(path, *_missing(reference.url, reference.directive))
