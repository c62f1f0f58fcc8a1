"""Checks over the whole site: what a writer must fix before a post goes out.

The reader already reports what is wrong inside one file (a missing title, an
unreadable date, a typo'd key). These checks need every post at once or the
files around it: duplicate addresses, categories spelled two ways, links and
images that lead nowhere, images without alt text, overlong summaries. Each
lives in a module of its own (`check_…`) as a function over Pelican's content
objects returning `Problem`s; `check_site` runs them inside every build, and
`perlen pruefen` runs that very build, so the build and the check never
disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pelican.contents import Content

from perlen import workers
from perlen.content.reader import WARNINGS
from perlen.content.source_lines import of_build
from perlen.problems import Problem
from perlen.settings import setting
from perlen.site.check_alt_text import alt_text_problems, cover_alt_problems
from perlen.site.check_broken_html import broken_html_problems
from perlen.site.check_duplicate_addresses import duplicate_addresses
from perlen.site.check_links import link_problems
from perlen.site.check_metadata import cover_image_problems, summary_problems
from perlen.site.check_names import similar_categories, spelling_variants
from perlen.site.check_preview_links import preview_link_problems
from perlen.site.check_stray_files import misplaced_sources, unread_files
from perlen.site.legal import legal_problems
from perlen.site.old_addresses import KEY as OLD_ADDRESSES
from perlen.site.old_addresses import old_address_problems
from perlen.site.written_files import WrittenFiles
from perlen.site.written_html import link_and_image_tags
from perlen.workers import worker_count


def check_site(
    generators: Iterable,
    contents: list[Content],
    written: WrittenFiles,
    *more: Callable[[], Iterable[Problem]],
) -> list[Problem]:
    """Every problem the site checks and the checks in `more` (the build's
    own) find in `contents` of one build, whose map is `written`.

    Each post's checks run in forked processes from the start, beside the
    checks of the whole site in this process, which then joins them.
    """
    generators = list(generators)
    settings = generators[0].settings
    context = generators[0].context
    sources = of_build(context)
    limit = setting(settings, "PERLEN_SUMMARY_MAX_LENGTH")
    by_url = {content.url: content for content in contents}

    def post_problems(content: Content) -> list[Problem]:
        tags = link_and_image_tags(content)
        return [
            *link_problems(content, tags, context, sources),
            *preview_link_problems(content, tags, by_url, sources),
            *alt_text_problems(content, tags, sources),
            *cover_alt_problems(content, sources),
            *summary_problems(content, limit, sources),
            *broken_html_problems(content, sources),
            *cover_image_problems(content, sources),
        ]

    # Each post's checks on every core (its HTML parsed once for links and images).
    with workers.beside(
        post_problems,
        contents,
        worker_count(settings),
        minimum=workers.CHECKS_PER_PROCESS,
    ) as each_post:
        problems = duplicate_addresses(contents, sources)
        for attribute in ("category", "tags", "authors"):
            problems += spelling_variants(contents, attribute, sources)
        problems += similar_categories(contents, sources)
        problems += unread_files(settings, generators[0].readers.readers)
        problems += legal_problems(contents, settings, sources.lines)
        problems += old_address_problems(
            written, contents, lambda path: sources.field(path, OLD_ADDRESSES)
        )
        problems += misplaced_sources(settings, generators[0].readers.readers)
        problems += reader_warnings(contents)
        for check in more:
            problems += check()
        for found in each_post():
            problems += found
    return problems


def reader_warnings(contents: list[Content]) -> list[Problem]:
    """The warnings the reader found in each post (kept in its metadata, so
    that a post from the content cache reports them, too)."""
    return [p for content in contents for p in content.metadata.get(WARNINGS, ())]
