"""The links to the site's pages in every page's menu and footer, rendered
once per build rather than on every page.

The theme links the static pages (`Über uns` in the menu, by `MENU_PAGES`;
all of them, `Impressum`, `Datenschutz`, … in the footer) on each of the
site's pages. The two loops over all pages in `base.html` cost every page a
few microseconds per page of the site: with 50 pages, a fifth to a third of
rendering it. The links are the same on every page but for `aria-current`
on the page's own link, so `page_links` renders the theme's
`partials/page_links.html` once per list and site address (relative URLs
give each folder depth its own), and once more for each page that is
itself in the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

# The partial that holds the links' markup.
TEMPLATE = "partials/page_links.html"


class PageLinks:
    """The `page_links(which, pages, here, siteurl)` template global:
    `which` is "menu" (the pages named in `MENU_PAGES`) or "footer" (all)."""

    def __init__(self, env: Any, menu_pages: Sequence[str]):
        self.env = env
        self.menu_pages = frozenset(menu_pages)
        # (which, id(pages), siteurl) → the pages (kept: their id stays
        # theirs), their links, their addresses, and the lists by `here`.
        self.lists: dict[tuple, tuple[Sequence, list, frozenset, dict]] = {}

    def __call__(self, which: str, pages: Sequence, here: str, siteurl: str) -> Markup:
        key = (which, id(pages), siteurl)
        known = self.lists.get(key)
        if known is None or known[0] is not pages:
            links = [p for p in pages if which == "footer" or p.slug in self.menu_pages]
            known = self.lists[key] = (
                pages,
                links,
                frozenset(p.url for p in links),
                {},
            )
        _, links, urls, rendered = known
        # Only a page in the list marks its own link; all others look the same.
        current = here if here in urls else None
        if current not in rendered:
            html = self.env.get_template(TEMPLATE).render(
                links=links, here=current, SITEURL=siteurl
            )
            rendered[current] = Markup(html)
        return rendered[current]
