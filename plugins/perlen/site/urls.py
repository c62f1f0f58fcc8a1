"""Every post's and page's URL computed once per build, not on every use.

Pelican formats `content.url` from the URL settings on each access (copying
the metadata and resolving a relative path each time); listings, related
posts, previous/next links and the sitemap ask for it tens of thousands of
times, a sixth of a rebuild. Once the generators are finalized, slugs, dates
and statuses are final, and Pelican's own `override_url`/`override_save_as`
(what `URL:`/`Save_as:` metadata sets) can hold the result.
"""

from __future__ import annotations

from perlen.site.contents import contents_of


def freeze_urls(generator) -> None:
    """`article_generator_finalized`/`page_generator_finalized` handler."""
    for content in contents_of([generator]):
        if not hasattr(content, "override_url"):
            content.override_url = content.url
        if not hasattr(content, "override_save_as"):
            content.override_save_as = content.save_as
