"""Posts read and converted on every core, with Pelican's order kept.

Reading a post (Markdown, the text pipeline, highlighting) is half of a
cold build, and Pelican does it on one core, one post after another, in each
generator's `generate_context`. Here, as soon as the articles' and the pages'
generators are made, every post their readers would read afresh (not in the
content cache) is handed to worker processes. Pelican's own pass then runs as
always: for each post its reader-level cache is asked first, and the answer
waits for the worker's result and puts it into the cache, so Pelican finds a
cache hit and does the rest itself: signals, content objects, plugins, in the
same order as a sequential build. The build's process reads too: workers take
the posts from the end of the list, a few at a time (`CHUNK`), Pelican's pass
from the start, and posts no worker has begun yet it takes back and reads
itself.

A post whose reading failed in a worker, or logged anything, is simply read
again by Pelican's pass, so every error and warning is reported exactly as in
a sequential build (warnings the reader keeps in the metadata travel back
with it). Workers ignore Ctrl+C (the build stops them), end with the build
(`reading_in_parallel`), and end by themselves when the build's process dies.

`PERLEN_WORKERS` processes read (the build's own included); 1 is the
sequential build.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import pickle
import signal
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import file_suffix

from perlen import pelican_glue, workers
from perlen.building.read_failures import editor_lock, forbidden
from perlen.content.reader import GermanMarkdownReader
from perlen.workers import end_with_parent, worker_count

# Readers known to read a file from its path and the settings alone (no state
# shared between posts), so a worker's result is the one Pelican would get.
PARALLEL_READERS = (GermanMarkdownReader,)
# Below this many posts to read, starting a worker (about 0.6 s of CPU time to
# import Pelican, Markdown and the plugin) costs more than it saves; a rebuild
# after one edit never starts one.
MINIMUM_POSTS = 24
# Posts a worker reads per job. The pool's thread in the build's process hands
# out the next job only when it gets Python's lock (held for up to 5 ms by
# the build's own work): a worker given one short post at a time (under a
# millisecond) waited for work half of the time.
CHUNK = 8


_CURRENT: ContextVar[_Reading | None] = ContextVar("perlen_reading", default=None)


@contextmanager
def reading_in_parallel(settings: Mapping[str, Any]) -> Iterator[None]:
    """Around one Pelican run: its generators may read posts in workers,
    which are all gone when the block is left, however it is left."""
    workers = worker_count(settings)
    if workers <= 1:
        yield
        return
    reading = _Reading(workers - 1)
    token = _CURRENT.set(reading)
    try:
        yield
    finally:
        _CURRENT.reset(token)
        reading.close()


def read_ahead(generator) -> None:
    """`article_generator_init`/`page_generator_init` handler: send the posts
    the generator will read to the workers, and let its readers' cache wait
    for them."""
    reading = _CURRENT.get()
    if reading is None or not _cached_at_reader_level(generator.settings):
        return
    if isinstance(generator, ArticlesGenerator):
        paths, excludes = "ARTICLE_PATHS", "ARTICLE_EXCLUDES"
    elif isinstance(generator, PagesGenerator):
        paths, excludes = "PAGE_PATHS", "PAGE_EXCLUDES"
    else:
        return
    readers = generator.readers
    wanted = []
    for relative in generator.get_files(
        generator.settings[paths], exclude=generator.settings[excludes]
    ):
        path = os.path.abspath(os.path.join(generator.path, relative))
        post = _post_to_read(readers, generator.path, path)
        if post is not None:
            wanted.append(post)
    reading.send(readers, wanted)


def stop_workers(generators) -> None:
    """`all_generators_finalized` handler: every post is read, so the workers
    end now rather than idle (and hold memory) while the pages are written."""
    reading = _CURRENT.get()
    if reading is not None:
        reading.close()


def _cached_at_reader_level(settings: Mapping[str, Any]) -> bool:
    """Whether Pelican asks its readers' cache for each post (its default);
    with the generator-level cache it asks the readers only on a miss."""
    return settings.get("CONTENT_CACHING_LAYER", "reader") == "reader"


def _post_to_read(readers, root: str, path: str) -> _Post | None:
    """The post at `path` as a job for a worker, or None when Pelican's pass
    should read it itself: served from the cache, read by a reader not known
    to be safe in a worker, or a file the build refuses to read
    (`read_failures`), which is reported there."""
    reader = readers.readers.get(file_suffix(path))
    if type(reader) not in PARALLEL_READERS:
        return None
    if editor_lock(path) or forbidden(root, path) or not os.path.isfile(path):
        return None
    stamp = pelican_glue.stamp_before_reading(readers, path)
    if stamp is None or pelican_glue.cached_stamp(readers, path) == stamp:
        return None
    return _Post(path, file_suffix(path), type(reader), stamp)


class _Post:
    __slots__ = ("fmt", "path", "reader", "stamp")

    def __init__(self, path: str, fmt: str, reader: type, stamp: object):
        self.path, self.fmt, self.reader, self.stamp = path, fmt, reader, stamp


class _Reading:
    """The workers of one build and the posts sent to them."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self.sent: list[dict[str, tuple[_Post, Future]]] = []

    def send(self, readers, posts: list[_Post]) -> None:
        if not posts or (self.pool is None and len(posts) < MINIMUM_POSTS):
            return
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(workers.start_method()),
                initializer=_start_worker,
                initargs=(readers.settings, {p.fmt: p.reader for p in posts}),
            )
        # Workers take the posts from the end, Pelican's pass from the start.
        # The first submit starts the workers (this thread writes each its
        # start over a pipe): Ctrl+C or SIGTERM right then would cut the pipe
        # and the worker would print a traceback, so they wait until it is done.
        last_first = posts[::-1]
        jobs: dict[str, tuple[_Post, Future, int]] = {}
        with _signals_held():
            for start in range(0, len(last_first), CHUNK):
                chunk = last_first[start : start + CHUNK]
                future = self.pool.submit(_read_all, [(p.fmt, p.path) for p in chunk])
                jobs.update(
                    (post.path, (post, future, i)) for i, post in enumerate(chunk)
                )
        self.sent.append(jobs)
        lookup = readers.get_cached_data

        def get_cached_data(filename, default=None):
            job = jobs.pop(filename, None)
            if job is not None:
                _receive(readers, *job)
            return lookup(filename, default)

        readers.get_cached_data = get_cached_data

    def close(self) -> None:
        """Stop the workers: jobs not begun are dropped, a job being read is
        finished (a few posts, some milliseconds each), then every worker has
        ended."""
        for jobs in self.sent:
            jobs.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl+C and SIGTERM arrive when the block ends, not inside it."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _receive(readers, post: _Post, future: Future, index: int) -> None:
    """Put a worker's reading of `post` (the `index`th of its job) into the
    readers' cache, unless Pelican's pass is to read the post itself: its job
    not begun yet (taken back, with the job's other posts), failed, logged
    anything, or the pool broke."""
    if future.cancel():
        return
    try:
        result = future.result()[index]
    except Exception:  # a worker died (BrokenProcessPool); read it here
        return
    if result is not None:
        data = _Unpickler(io.BytesIO(result), readers.settings).load()
        pelican_glue.put_in_cache(readers, post.path, post.stamp, data)


# -- In the workers ---------------------------------------------------------------

_SETTINGS = "settings"  # stands for the settings object inside a pickled result
_worker: dict[str, Any] = {}


def _start_worker(settings: dict, reader_classes: Mapping[str, type]) -> None:
    """A worker's start: its own readers, made like Pelican's; Ctrl+C is the
    build's to handle; and an end of its own when the build's process dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Started while the build held these (`_signals_held`): a worker inherits
    # the mask, and SIGTERM must still end it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    end_with_parent()
    _quiet_logging()
    _worker["settings"] = settings
    _worker["readers"] = {fmt: cls(settings) for fmt, cls in reader_classes.items()}
    _worker["logged"] = False
    make_record = logging.getLogRecordFactory()

    def record_factory(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        if record.levelno >= logging.WARNING:
            _worker["logged"] = True
        return record

    logging.setLogRecordFactory(record_factory)


def _quiet_logging() -> None:
    """A worker prints nothing: a post that logged is read again by the
    build's process, which reports it. (A forked worker inherits the build's
    handlers, a spawned one would fall back to Python's last resort.)"""
    loggers = [logging.getLogger(name) for name in logging.root.manager.loggerDict]
    for logger in [logging.root, *loggers]:
        if isinstance(logger, logging.Logger):
            logger.handlers = []
    logging.root.addHandler(logging.NullHandler())


def _read_all(posts: list[tuple[str, str]]) -> list[bytes | None]:
    """One job: each post `_read`."""
    return [_read(fmt, path) for fmt, path in posts]


def _read(fmt: str, path: str) -> bytes | None:
    """A post read as Pelican's `read_file` reads it on a cache miss, pickled;
    None when Pelican's pass should read it again (see `_receive`)."""
    _worker["logged"] = False
    try:
        content, metadata = _worker["readers"][fmt].read(path)
    except Exception:
        return None
    if _worker["logged"]:
        return None
    data = (content, pelican_glue.without_discardable_metadata(metadata))
    buffer = io.BytesIO()
    _Pickler(buffer, _worker["settings"]).dump(data)
    return buffer.getvalue()


class _Pickler(pickle.Pickler):
    """Pickles a reading without the settings its categories, tags and
    authors refer to: they get the build's own settings back (`_Unpickler`),
    as they would when read in the build's process."""

    def __init__(self, file, settings: dict):
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.settings = settings

    def persistent_id(self, obj: object) -> str | None:
        return _SETTINGS if obj is self.settings else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, settings: dict):
        super().__init__(file)
        self.settings = settings

    def persistent_load(self, pid: str) -> dict:
        if pid != _SETTINGS:
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        return self.settings
