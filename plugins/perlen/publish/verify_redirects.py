"""Old addresses redirect to pages of the site."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from perlen.publish.findings import Findings
from perlen.publish.pages import Page, existing_file
from perlen.publish.redirects import REDIRECTS_FILE
from perlen.site.references import site_path


def check_redirects(
    site: Path, pages: Mapping[str, Page], root: str, findings: Findings
) -> None:
    """Every rule in `_redirects` leads to a page of the site, and its old
    address has the redirect page that hosts without `_redirects` serve."""
    file = site / REDIRECTS_FILE
    if not file.is_file():
        return
    for line in file.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2 or parts[0].startswith("#"):
            continue
        old, new = parts[:2]
        target = site_path(new, root, root)
        if target is None or existing_file(site, target) is None:
            findings.add(
                REDIRECTS_FILE,
                f"Die Weiterleitung von „{old}“ führt ins Leere: „{new}“ gibt es "
                "nicht.",
                "Bitte „Alte Adressen:“ im umgezogenen Beitrag prüfen.",
            )
        source = site_path(old, root, root)
        page = existing_file(site, source) if source is not None else None
        if page is None:
            findings.add(
                REDIRECTS_FILE,
                f"Für die alte Adresse „{old}“ fehlt die Weiterleitungsseite "
                "(für Server ohne _redirects wie GitHub Pages).",
            )
        elif page in pages and not pages[page].noindex:
            findings.add(
                page,
                f"Die alte Adresse „{old}“ ist eine Seite der Website; die "
                "Weiterleitung verdeckt sie.",
                "Bitte „Alte Adressen:“ im umgezogenen Beitrag prüfen.",
            )
