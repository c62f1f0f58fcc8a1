"""Checks of a built site, before it may replace the published one.

Runs on the output of every publish build, and on `output/` with
`perlen veroeffentlichen --nur-pruefen`: internal links, anchors and images
across the whole site; HTML and CSS validity (the Nu HTML Checker from npm,
`vnu-jar`); Atom feeds; the sitemap; third-party hosts and whatever else the site's
Content-Security-Policy would block; no drafts or future posts. A finding names
the page (and the post it was made from); one cause on many pages, typically
in the theme, is reported once.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican.contents import Content

from perlen.problems import Problem
from perlen.publish.findings import Findings
from perlen.publish.pages import load_pages
from perlen.publish.verify_feeds import check_feeds
from perlen.publish.verify_html import check_html
from perlen.publish.verify_inline_code import check_inline_code
from perlen.publish.verify_redirects import check_redirects
from perlen.publish.verify_references import check_references, check_stylesheets
from perlen.publish.verify_sitemap import check_sitemap
from perlen.publish.verify_unpublished import check_unpublished
from perlen.settings import setting
from perlen.site import csp as site_csp
from perlen.site.references import site_root

_SITEMAP_PLUGIN = "pelican.plugins.sitemap"


def verify_site(
    site: Path,
    settings: Mapping[str, Any],
    written: Mapping[str, Content] | None = None,
) -> list[Problem]:
    """Every problem of the built `site`; `written` maps output files to the
    content they were made from (known during a build, for better messages)."""
    written = written or {}
    root = site_root(settings["SITEURL"])
    csp = site_csp.policy(settings)
    pages = load_pages(site)
    findings = Findings()
    check_references(site, pages, root, csp, findings)
    check_inline_code(pages, csp, findings)
    check_stylesheets(site, root, csp, findings)
    check_feeds(site, root, findings)
    check_redirects(site, pages, root, findings)
    plugins = [getattr(p, "__name__", str(p)) for p in settings.get("PLUGINS") or []]
    check_sitemap(site, pages, root, findings, required=_SITEMAP_PLUGIN in plugins)
    if setting(settings, "PERLEN_PUBLISH"):
        check_unpublished(written, findings)
    check_html(site, findings, written)
    return sorted(findings.problems(written))
