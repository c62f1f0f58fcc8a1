"""The sitemap lists exactly the pages meant for search engines."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from perlen.publish.findings import Findings
from perlen.publish.pages import Page, existing_file, page_name
from perlen.site.references import site_path

_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def check_sitemap(
    site: Path,
    pages: Mapping[str, Page],
    root: str,
    findings: Findings,
    required: bool = False,
) -> None:
    """The sitemap lists exactly the pages meant for search engines: every page
    without `noindex`, each once, and nothing else."""
    file = site / "sitemap.xml"
    if not file.is_file():
        if required:
            fix = "Bitte SITEMAP in den Einstellungen prüfen (format: „xml“)."
            findings.add("sitemap.xml", "Die Sitemap fehlt.", fix)
        return
    fix = (
        "Bitte die Sitemap-Einstellungen prüfen oder die Seite mit noindex auszeichnen."
    )
    listed: dict[str, str] = {}
    for loc in ET.parse(file).getroot().iter(f"{_SITEMAP}loc"):
        url = (loc.text or "").strip()
        target = site_path(url, root, root) if urlsplit(url).scheme else None
        page = existing_file(site, target) if target is not None else None
        if page is None or page not in pages:
            findings.add(
                "sitemap.xml",
                f"Die Sitemap nennt „{url}“, aber diese Seite gibt es nicht.",
                fix,
            )
        elif page in listed:
            findings.add(
                "sitemap.xml", f"Die Sitemap nennt {page_name(page)} doppelt.", fix
            )
        elif pages[page].noindex:
            findings.add(
                "sitemap.xml",
                f"Die Sitemap nennt {page_name(page)}, "
                "die mit noindex ausgezeichnet ist.",
                fix,
            )
        else:
            listed[page] = url
    for page in pages.values():
        if not page.noindex and page.path not in listed:
            findings.add(page.path, "Die Seite fehlt in der Sitemap.", fix)
