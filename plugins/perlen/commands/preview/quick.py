"""The edited page first: render a saved post from the last good build.

A full rebuild of 1,000 posts writes some 1,700 pages and takes seconds. The
writer, though, looks at the post she just saved. So the preview first reads
only the changed files and renders their own pages with the last build's
generators (its templates, and the listings, neighbours and related posts as
they were), and swaps those files in; the full build follows and brings the
rest. Only a change the last build can take in place qualifies: a post or
page it already had, at the same address, with the same status and Titelbild,
read without an error. Anything else waits for the full build.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Content, Page, SkipStub
from pelican.generators import ArticlesGenerator

from perlen.content.reader import WARNINGS
from perlen.problems import Severity
from perlen.site.contents import contents_of
from perlen.site.cover_image import cover_value


@dataclass(frozen=True)
class Rendered:
    """A page rendered ahead of the full build: where, its HTML, and the
    source file with its stamp when it was read."""

    save_as: str
    html: bytes
    source: str
    stamp: tuple[int, int] | None


def stamp(path: str) -> tuple[int, int] | None:
    """The version of a file: modification time and size (None: gone)."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class Snapshot:
    """The generators of the last good build, and its content by source file."""

    def __init__(self, generators: list):
        self.generators = generators
        self.sources: dict[str, tuple[object, Content]] = {}
        for generator in generators:
            for content in contents_of([generator]):
                if content.source_path:
                    self.sources[os.path.abspath(content.source_path)] = (
                        generator,
                        content,
                    )

    def render(self, changed: Iterable[str]) -> list[Rendered] | None:
        """The pages of the `changed` files, rendered anew; None when the
        change needs the full build. Paths that no longer exist and were no
        source (an editor's temporary file) are ignored."""
        rendered = []
        for path in sorted({os.path.abspath(p) for p in changed}):
            if path not in self.sources:
                if os.path.exists(path) and not os.path.isdir(path):
                    return None  # a new post, an image, a template: all of it
                continue
            generator, old = self.sources[path]
            version = stamp(path)
            with _quiet():
                try:
                    new = _reread(generator, old)
                except Exception:  # the full build reports it
                    return None
            if new is None:
                return None
            html = _render(generator, new)
            rendered.append(Rendered(new.save_as, html, path, version))
            self.sources[path] = (generator, new)
        return rendered


def _reread(generator, old: Content) -> Content | None:
    """`old`'s file read again as its generator reads it, with the build's
    per-site additions carried over; None if it no longer fits in place."""
    is_article = isinstance(generator, ArticlesGenerator)
    new = generator.readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(old.source_path, generator.path),
        content_class=Article if is_article else Page,
        context=generator.context,
        context_signal=(
            signals.article_generator_context
            if is_article
            else signals.page_generator_context
        ),
        context_sender=generator,
    )
    if (
        isinstance(new, SkipStub)
        or not new.is_valid()
        or any(p.severity is Severity.ERROR for p in new.metadata.get(WARNINGS, ()))
        or new.status != old.status
        or new.save_as != old.save_as
        or new.url != old.url
        or cover_value(new) != cover_value(old)
        or generator.settings["RELATIVE_URLS"]
    ):
        return None
    # What the site stage added once all posts were read (neighbours,
    # related posts, frozen URLs, the Titelbild's `cover`); not what the
    # writer's header set, which may be gone now.
    for name, value in vars(old).items():
        if name not in vars(new) and name not in old.metadata:
            setattr(new, name, value)
    return new


def _render(generator, content: Content) -> bytes:
    """The page of `content` as the generator's `generate_output` writes it."""
    kind = "article" if isinstance(content, Article) else "page"
    context = {
        **generator.context,
        "localsiteurl": generator.context.get("localsiteurl"),
        "output_file": content.save_as,
        kind: content,
        "url": content.url,
    }
    if kind == "article":
        context.update(category=getattr(content, "category", None), blog=True)
    template = generator.get_template(content.template)
    return template.render(context).encode("utf-8")


@contextmanager
def _quiet():
    """No warnings from this thread while re-reading: the full build reports
    them. Only this thread's: a build may be running in another one, and
    `logging.disable` would silence it, too."""
    hide = _OtherThreadsOnly(threading.get_ident())
    # A copy (one step under the GIL): a build in another thread may be
    # making loggers meanwhile.
    known = logging.Logger.manager.loggerDict.copy()
    loggers = [logging.getLogger(), *known.values()]
    loggers = [logger for logger in loggers if isinstance(logger, logging.Logger)]
    for logger in loggers:
        # First, so that Pelican's deduplication never sees the record.
        logger.filters.insert(0, hide)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(hide)


class _OtherThreadsOnly(logging.Filter):
    def __init__(self, thread: int) -> None:
        super().__init__()
        self.thread = thread

    def filter(self, record: logging.LogRecord) -> bool:
        return record.thread != self.thread or record.levelno < logging.WARNING


def swap_in(root: Path, page: Rendered) -> bytes | None:
    """Write `page` into the served `root` in one step; returns what was there."""
    target = root / page.save_as
    try:
        before = target.read_bytes()
    except OSError:
        before = None
    write_atomically(target, page.html)
    return before


def write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.neu")
    temporary.write_bytes(data)
    os.replace(temporary, target)
