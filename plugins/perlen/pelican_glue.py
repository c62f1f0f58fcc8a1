"""The one seam into Pelican's internals.

Everything the plugin needs from Pelican (and its sitemap plugin) that they
do not promise – private attributes, the name of a private method seen in a
traceback, module state, the English log messages matched word for word –
is named here and nowhere else. The rest of the plugin uses the public API
(signals, settings, `Content.url`, `get_url_setting`) and calls these
functions for the rest.

`tests/test_pelican_glue.py` checks every entry of `PRIVATE_NAMES` and
`MESSAGES` against the installed Pelican, and that no other module touches a
private Pelican name: an upgrade that renames one fails that one test file,
saying what to adapt, instead of silently changing what a build does.
"""

from __future__ import annotations

import functools
import io
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from types import TracebackType
from typing import Any

from pelican.contents import Content
from pelican.log import FilteredMessage, LimitLogger, console
from pelican.writers import FileOverwriteFailedError, Writer

# Private name → where Pelican defines it, and why the plugin needs it.
PRIVATE_NAMES: dict[str, tuple[str, str]] = {
    "_get_file_stamp": (
        "pelican.cache.FileStampDataCacher",
        "the cache stamp taken before reading (building/cache_stamps)",
    ),
    "_cache_open": (
        "pelican.cache.FileDataCacher",
        "cache files written atomically (building/cache)",
    ),
    "_cache_path": (
        "pelican.cache.FileDataCacher",
        "the cache file that could not be unpickled (building/cache)",
    ),
    "_content": (
        "pelican.contents.Content",
        "the reader's HTML before links are resolved (site checks, reading time)",
    ),
    "_source_path": (
        "pelican.readers.MarkdownReader",
        "the post a reader's warning concerns (building/strict)",
    ),
    "_write_file": (
        "pelican.writers.Writer.write_file",
        "the page a theme error was raised for (building/strict)",
    ),
    "_filestamp_func": (
        "pelican.cache.FileStampDataCacher",
        "a post's stamp taken before a worker reads it (building/parallel_reading)",
    ),
    "_cache": (
        "pelican.cache.FileDataCacher",
        "posts read by workers put into the reader cache (building/parallel_reading)",
    ),
    "_filter_discardable_metadata": (
        "pelican.readers",
        "a worker's metadata stored as Pelican's reader stores it "
        "(building/parallel_reading)",
    ),
    "_open_w": (
        "pelican.writers.Writer",
        "pages handed on instead of rendered (building/parallel_writing)",
    ),
    "_written_files": (
        "pelican.writers.Writer",
        "a page written twice fails as in Pelican (building/parallel_writing)",
    ),
    "_overridden_files": (
        "pelican.writers.Writer",
        "an overriding page wins as in Pelican (building/parallel_writing)",
    ),
    "_build_period_archives": (
        "pelican.generators.ArticlesGenerator",
        "yearly archives listed in linear time (site/listings)",
    ),
    "_main_pelican": (
        "pelican.plugins.sitemap.sitemap.SitemapGenerator",
        "a fresh sitemap per build (publish/sitemap_fixes)",
    ),
}

# The sitemap plugin's module; its generator's state is reset per build.
SITEMAP_MODULE = "pelican.plugins.sitemap.sitemap"

# Pelican's log messages (the format strings it logs) the plugin recognises.
UNABLE_TO_FIND = "Unable to find '%s', skipping url replacement."
FILENAME_FOR_STATIC = (
    "{filename} used for linking to static content %s in %s. Use {static} instead"
)
UNKNOWN_INDICATOR = (
    "Replacement Indicator %r not recognized in %r, skipping replacement"
)
COULD_NOT_PROCESS = "Could not process %s"
NO_MODIFICATION_STAMP = "Cannot get modification stamp for %s\n\t%s"
OUTSIDE_OUTPUT = "Skipping %s: file %r would be written outside output path"
# Matched by their beginning: the rest of the text may change.
EMPTY_ALT = "Empty alt attribute"
CANNOT_UNPICKLE = "Cannot unpickle cache %s"
COULD_NOT_SAVE = "Could not save cache %s"

MATCHED_BY_BEGINNING = frozenset({EMPTY_ALT, CANNOT_UNPICKLE, COULD_NOT_SAVE})

# Message → the Pelican module that logs it.
MESSAGES: dict[str, str] = {
    UNABLE_TO_FIND: "pelican.contents",
    FILENAME_FOR_STATIC: "pelican.contents",
    UNKNOWN_INDICATOR: "pelican.contents",
    COULD_NOT_PROCESS: "pelican.generators",
    NO_MODIFICATION_STAMP: "pelican.cache",
    OUTSIDE_OUTPUT: "pelican.contents",
    EMPTY_ALT: "pelican.readers",
    CANNOT_UNPICKLE: "pelican.cache",
    COULD_NOT_SAVE: "pelican.cache",
}


def file_stamp(readers: Any, filename: str) -> object:
    """The modification stamp Pelican's cache keeps for `filename`."""
    return readers._get_file_stamp(filename)


def stamp_before_reading(readers: Any, path: str) -> object | None:
    """The stamp Pelican's cache compares (`FileStampDataCacher`), taken
    before the post is read; None if there is none (Pelican reports it)."""
    try:
        return readers._filestamp_func(path)
    except (OSError, TypeError):
        return None


def cached_stamp(readers: Any, path: str) -> object | None:
    """The stamp of the reader cache's entry for `path`, if any."""
    entry = readers._cache.get(path)
    return entry[0] if entry else None


def put_in_cache(readers: Any, path: str, stamp: object, data: tuple) -> None:
    """As `FileStampDataCacher.cache_data` would store it, with the stamp of
    the version that was read (as `cache_stamps` does); stored whatever the
    caching policy, since this build needs it, and saved only if caching is on."""
    readers._cache[path] = (stamp, data)


def without_discardable_metadata(metadata: dict) -> dict:
    """A reader's metadata as Pelican's `Readers.read_file` keeps it."""
    from pelican import readers as pelican_readers

    return pelican_readers._filter_discardable_metadata(metadata)


def cache_opener(cacher: Any) -> Callable[..., Any] | None:
    """The function a Pelican cache opens its file with (`open`, `gzip.open`)."""
    return getattr(cacher, "_cache_open", None)


def set_cache_opener(cacher: Any, opener: Callable[..., Any]) -> None:
    cacher._cache_open = opener


def cache_path(cacher: Any) -> str | None:
    """The file a Pelican cache is loaded from and saved to."""
    return getattr(cacher, "_cache_path", None)


def raw_html(content: Any) -> str:
    """A post's HTML as the reader made it, before Pelican resolves
    `{filename}` links (`content.content` would resolve them, and may only be
    asked once every generator has run)."""
    return content._content or ""


def reader_source(reader: Any) -> str | None:
    """The file a Markdown reader is reading, if `reader` is one at work."""
    path = getattr(reader, "_source_path", None)
    return path if isinstance(path, str) else None


def page_in_traceback(traceback: TracebackType | None) -> str | None:
    """The output page Pelican's writer was writing when `traceback` was raised."""
    page = None
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_code.co_name == "_write_file":
            page = frame.f_locals.get("name")
        traceback = traceback.tb_next
    return page


class DeferringWriter(Writer):
    """Pelican's `Writer`, except that a page is not rendered where Pelican
    writes it: `defer(template, localcontext, path)` gets it instead, in
    Pelican's order, after Pelican's checks of the output path (a page
    written twice fails, an overriding one wins, as in `Writer._open_w`) and
    before its `content_written` signal. Feeds are written as always."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._page: _Recorded | None = None

    def defer(self, template: Any, localcontext: dict, path: str) -> None:
        raise NotImplementedError

    def write_file(self, name, template, context, *args, **kwargs):
        self._page = _Recorded(template)
        try:
            return super().write_file(name, self._page, context, *args, **kwargs)
        finally:
            self._page = None

    def _open_w(self, filename, encoding, override=False):
        if self._page is None:  # a feed
            return super()._open_w(filename, encoding, override)
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time '
                    "(was previously overwritten)"
                )
            _writers_log.info('Skipping "%s", not overwriting', filename)
            return io.StringIO()
        if filename in self._written_files:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already '
                    "written to it previously (set `override=True` if intended)"
                )
            _writers_log.info('Overwriting "%s"', filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        self.defer(self._page.template, self._page.localcontext, filename)
        return io.StringIO()  # takes the empty text `_Recorded` rendered


_writers_log = logging.getLogger("pelican.writers")


class _Recorded:
    """A template whose rendering is only recorded: Pelican's writer calls
    `render` with the page's context just before it opens the page's file."""

    def __init__(self, template: Any):
        self.template = template
        self.localcontext: dict = {}

    def render(self, localcontext: dict) -> str:
        self.localcontext = localcontext
        return ""


# The generator's methods that list a tag's (category's, author's) posts in
# date order by `[article for article in self.dates if article in articles]`
# over every post – for every tag: quadratic in the blog's size – and the
# attribute each iterates.
LISTING_PAGES = (
    ("generate_tags", "tags"),
    ("generate_categories", "categories"),
    ("generate_authors", "authors"),
)


def write_listings_in_linear_time(generator: Any) -> None:
    """Pelican's article `generator` writes each tag's, category's and
    author's page by its own code and order, but one at a time with `dates`
    cut down to that page's posts, so its search of the posts in date order
    goes through only those (with `perlen.site.listings`' constant-time
    membership: linear). Its `dates` for a page are then exactly the posts
    that search would find, in the same order."""
    for method, attribute in LISTING_PAGES:
        setattr(
            generator,
            method,
            functools.partial(
                _one_at_a_time, generator, getattr(generator, method), attribute
            ),
        )


def _one_at_a_time(
    generator: Any, write_all: Callable[[Any], None], attribute: str, write: Any
) -> None:
    everything, dates = getattr(generator, attribute), generator.dates
    position = {id(post): index for index, post in enumerate(dates)}
    entries = list(everything.items() if isinstance(everything, dict) else everything)
    try:
        for entry in entries:
            # Pelican iterates a dict of tags, and pairs of categories and authors.
            setattr(
                generator,
                attribute,
                dict([entry]) if isinstance(everything, dict) else [entry],
            )
            listed = {id(post): post for post in entry[1] if id(post) in position}
            generator.dates = sorted(
                listed.values(), key=lambda post: position[id(post)]
            )
            write_all(write)
    finally:
        setattr(generator, attribute, everything)
        generator.dates = dates


def build_period_archives_in_linear_time(generator: Any) -> None:
    """Pelican's article `generator` finds each period's posts (year, month,
    day archives) by `[a for a in articles if a in dates]`: all posts, each
    searched for in a plain list of the period's posts, for every period –
    quadratic in the blog's size (a second at 10,000 posts). Its own method
    now builds the archives without that search, and each period's posts
    are filled in from one pass over all posts: the same posts, in the same
    order, for the same archives."""
    build = generator._build_period_archives
    generator._build_period_archives = functools.partial(_archives, build)


def _archives(build: Callable[..., Any], sorted_articles, articles, settings):
    archives = build(sorted_articles, [], settings)
    for periods in archives.values():
        if not periods:
            continue
        depth = len(periods[0]["period_num"])  # year; year, month; …
        by_period: dict[tuple, list] = {}
        for article in articles:
            date = article.date
            key = (date.year, date.month, date.day)[:depth]
            by_period.setdefault(key, []).append(article)
        for archive in periods:
            posts = {id(post) for post in archive["dates"]}
            archive["articles"] = [
                post
                for post in by_period.get(tuple(archive["period_num"]), ())
                if id(post) in posts
            ]
    return archives


def forget_memoised_content() -> None:
    """Pelican keeps every post's content and summary with resolved links
    (`Content.get_content` and `get_summary`, memoised for the process's
    life) once a page has used them: a copy beside the reader's HTML. A
    process forked to render pages forgets them after each page instead of
    keeping copies the build's process has too (20 MB of 190 at 1,000 posts
    of the vielfalt shape)."""
    Content.get_content.cache.clear()
    Content.get_summary.cache.clear()


def reset_sitemap() -> None:
    """Forget the run the sitemap plugin waits for and the pages it queued
    (it forgets them only after writing, so a failed build kept them)."""
    sitemap = sys.modules.get(SITEMAP_MODULE)
    if sitemap is not None:
        sitemap.generator._main_pelican = None
        sitemap.generator.page_queue = []


def date_undated_sitemap_entries(date: datetime) -> None:
    """The date the sitemap plugin gives pages without one of their own."""
    sitemap = sys.modules.get(SITEMAP_MODULE)
    if sitemap is not None:
        sitemap.generator.now = date


@contextmanager
def quiet_console() -> Iterator[None]:
    """Pelican's own console output (its English summary and log lines)
    stays quiet within the block; the plugin reports in German."""
    was_quiet = console.quiet
    console.quiet = True
    try:
        yield
    finally:
        console.quiet = was_quiet


def log_again(record: logging.LogRecord) -> None:
    """Log a record kept while it was made (in another process) as its
    logger would have: through its filters – Pelican's drop a repeat by
    raising `FilteredMessage` – to its handlers. (A record at Pelican's fatal
    level raised where it was made, so it is not logged again.)"""
    with suppress(FilteredMessage):
        logging.getLogger(record.name).handle(record)


@contextmanager
def every_record() -> Iterator[None]:
    """Pelican's loggers drop repeated records (its `LimitFilter`, also the
    fifth of a group); within the block they let every record through, so
    that a handler sees all of them."""
    loggers = [
        logger
        for logger in [
            logging.getLogger(),
            *logging.Logger.manager.loggerDict.copy().values(),
        ]
        if isinstance(logger, LimitLogger)
        and LimitLogger.limit_filter in logger.filters
    ]
    places = [logger.filters.index(LimitLogger.limit_filter) for logger in loggers]
    for logger in loggers:
        logger.disable_filter()
    try:
        yield
    finally:
        for logger, place in zip(loggers, places, strict=True):
            logger.filters.insert(place, LimitLogger.limit_filter)
