"""Pages rendered on every core, with Pelican's order kept.

Rendering the pages with Jinja is a quarter to a third of a cold build, and
Pelican does it on one core. Here Pelican's writer runs as always – its
pagination, each page's context, its checks of the output paths, the
`content_written` signal, all in its order in the build's process – except
that a page's template is not rendered on the spot (`DeferringWriter`): the
pages are collected, and when a generator has finished writing
(`write_pages`, before its `…_writer_finalized` receivers run, before a
feed, and before `finalized`), or `BATCH` pages are waiting, they are
rendered by the build's process and processes forked from it, which take
the next page from a shared counter and write it. While Pelican is still
collecting a generator's pages (a third of a second for 1,000 posts, on one
core), forked processes already render those collected so far, `AHEAD` at a
time; the build's process joins them when the pages are due.

Whatever a page logged while rendered is kept, and logged again in the
build's process in the order of the pages, so every warning reaches the
build's handlers and filters once, in the sequential order. A page that
failed (a theme error) is rendered again by the build's process, which then
raises as the sequential build would, naming the page. Forked processes
ignore Ctrl+C (the build stops them) and end by themselves when the build's
process dies.

Used only where that is the same as rendering on the spot: `PERLEN_WORKERS`
above 1, absolute URLs (with `RELATIVE_URLS` Pelican changes the shared
context for each page), no other plugin listening to `content_written` (it
would see a page before its file is written), and no other thread in the
build's process when forking (the preview's server and watcher); otherwise
the build's process renders every page itself.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError
from pelican import signals

from perlen import pelican_glue
from perlen.workers import Forked, in_forked_process, in_forks, worker_count

# Below this many pages, forking costs more than it saves.
MINIMUM_PAGES = 40
# Pages collected before they are rendered: each holds its context (a copy
# of Pelican's, a few kilobytes), which Pelican would drop once written.
BATCH = 2500
# Pages collected before forked processes start rendering them while
# Pelican collects the next ones: each batch costs a fork of the build's
# process, after which its pages are copied as it writes to them.
AHEAD = 500
# Modules whose `content_written` receivers only note the page (the sitemap
# queues it, the atomic build remembers its content): safe before the file
# exists.
NOTE_TAKERS = ("perlen.", "pelican.plugins.sitemap.")


@dataclass
class _Page:
    template: Any
    localcontext: dict
    path: str


class ParallelWriter(pelican_glue.DeferringWriter):
    """Pelican's writer that collects pages and renders them on every core."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.workers = worker_count(self.settings)
        self.pages: list[_Page] = []
        # Pages being rendered ahead, each batch with its forked processes.
        self.ahead: list[tuple[list[_Page], Forked]] = []
        writers = _WRITERS.get()
        if writers is not None:
            writers.append(self)

    def defer(self, template: Any, localcontext: dict, path: str) -> None:
        self.pages.append(_Page(template, localcontext, path))
        if len(self.pages) >= BATCH:
            self.flush()
        elif len(self.pages) >= AHEAD and not (self.ahead and self.ahead[-1][1].busy()):
            self._render_ahead()

    def _render_ahead(self) -> None:
        """The pages collected so far, rendered by forked processes while
        this one goes on (`workers - 1` of them: this one is busy)."""
        forked = Forked.start(_rendered, self.pages, self.workers - 1)
        if forked is not None:
            self.ahead.append((self.pages, forked))
            self.pages = []

    def write_feed(self, *args, **kwargs):
        self.flush()
        return super().write_feed(*args, **kwargs)

    def flush(self) -> None:
        ahead, self.ahead = self.ahead, []
        try:
            for _, forked in ahead:
                _log_again(forked.results(again=_write))
        finally:
            for _, forked in ahead:
                forked.stop()
        pages, self.pages = self.pages, []
        render(pages, self.workers)

    def stop(self) -> None:
        """End the processes rendering ahead (the build stopped)."""
        for _, forked in self.ahead:
            forked.stop()
        self.ahead = []


_WRITERS: ContextVar[list[ParallelWriter] | None] = ContextVar(
    "perlen_writers", default=None
)


@contextmanager
def writing_in_parallel(settings: Mapping[str, Any]) -> Iterator[None]:
    """Around one Pelican run: its pages may be rendered on every core."""
    if worker_count(settings) <= 1 or settings.get("RELATIVE_URLS"):
        yield
        return

    def writer_class(pelican) -> type | None:
        return ParallelWriter if _only_note_takers() else None

    writers: list[ParallelWriter] = []
    token = _WRITERS.set(writers)
    try:
        with signals.get_writer.connected_to(writer_class):
            yield
    finally:
        _WRITERS.reset(token)
        for writer in writers:
            writer.stop()


def write_pages(sender, **_: Any) -> None:
    """`article_writer_finalized`, `page_writer_finalized` and `finalized`
    handler: the pages collected so far are rendered and written now."""
    for writer in _WRITERS.get() or ():
        writer.flush()


def _only_note_takers() -> bool:
    receivers = signals.content_written.receivers_for(None)
    return all(
        getattr(receiver, "__module__", "").startswith(NOTE_TAKERS)
        for receiver in receivers
    )


def render(pages: list[_Page], workers: int) -> None:
    """Render and write `pages`; their records are logged in their order."""
    _log_again(in_forks(_rendered, pages, workers, minimum=MINIMUM_PAGES, again=_write))


def _log_again(results: Iterator[list[logging.LogRecord] | None]) -> None:
    """The records pages kept while rendered, logged in the pages' order (a
    page rendered again here by `_write` has logged already)."""
    for records in results:
        for record in records or ():
            pelican_glue.log_again(record)


def _write(page: _Page) -> None:
    """Render one page and write it (as Pelican's writer opens it); what it
    logs is logged at once."""
    try:
        output = page.template.render(page.localcontext)
    except TemplateError as error:
        error.perlen_page = page.localcontext.get("output_file")
        raise
    with open(page.path, "w", encoding="utf-8") as file:
        file.write(output)


def _rendered(page: _Page) -> list[logging.LogRecord]:
    """Render and write one page; what it logged is kept, to be logged again
    in the build's process in the pages' order. A forked process forgets
    the posts' resolved content the page used (the build's process keeps
    its own)."""
    records: list[logging.LogRecord] = []
    try:
        with _kept(records):
            _write(page)
    finally:
        if in_forked_process():
            pelican_glue.forget_memoised_content()
    return [_portable(record) for record in records]


@contextmanager
def _kept(records: list[logging.LogRecord]) -> Iterator[None]:
    """Records logged within the block go into `records` instead of to the
    loggers' filters and handlers (which see them when they are logged again)."""
    handle = logging.Logger.handle
    logging.Logger.handle = lambda logger, record: records.append(record)
    try:
        yield
    finally:
        logging.Logger.handle = handle


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """`record` as it can travel to the build's process: its arguments
    formatted into the message where they cannot be pickled."""
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    try:
        pickle.dumps(record)
    except Exception:
        record.msg, record.args = record.getMessage(), None
    return record
