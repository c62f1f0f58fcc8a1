"""Two fixes for the maintained sitemap plugin (`pelican.plugins.sitemap`).

Reproducible: the plugin dates every page without a date of its own (home
page, archives, categories, tags) with the moment it was imported, so two
builds of the same commit differed. Those pages change exactly when content
changes, so they get the date of the newest content instead.

A fresh start per build: the plugin remembers the Pelican run it writes the
sitemap for and forgets it only after writing. After a failed build it kept
waiting for that run, and every later build in the same process (previews,
tests) silently wrote no sitemap.

Both change the plugin's module state (`pelican_glue`), so its version is
pinned in `pyproject.toml` and the state is tested in `tests/test_pelican_glue.py`.
"""

from __future__ import annotations

from perlen.pelican_glue import date_undated_sitemap_entries, reset_sitemap


def newest_content_date(generators):
    """The latest `modified` or `date` of the published articles and pages."""
    dates = [
        getattr(content, "modified", None) or getattr(content, "date", None)
        for generator in generators
        for content in [
            *getattr(generator, "articles", []),
            *getattr(generator, "pages", []),
        ]
    ]
    return max((d for d in dates if d is not None), default=None)


def forget_previous_build(pelican) -> None:
    """`initialized` handler: the sitemap starts empty for every build."""
    reset_sitemap()


def date_by_content(generators) -> None:
    """`all_generators_finalized` handler: undated sitemap entries get the
    newest content's date (a site without any keeps the plugin's)."""
    newest = newest_content_date(generators)
    if newest is not None:
        date_undated_sitemap_entries(newest)
