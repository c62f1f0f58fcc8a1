"""One content cache per version of the plugin's code and the settings, and
a cache that never breaks a build.

Pelican's content cache is keyed by file modification times only: after a
change to the text pipeline, its data, an upgraded Markdown or emoji package,
or `pelicanconf.py` it would serve old HTML. It writes its files in place, so
a build killed while saving left a truncated file, and every later build
failed with `EOFError` until someone deleted `cache/`.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO

from pelican.cache import FileDataCacher

from perlen.pelican_glue import (
    CANNOT_UNPICKLE,
    COULD_NOT_SAVE,
    cache_opener,
    cache_path,
    set_cache_opener,
)
from perlen.problems import display_path

# The whole plugin package (this module lives in its `building/` stage).
_PACKAGE = Path(__file__).parents[1]
# Settings that never change what a post reads as: the paths of one build,
# and the number of processes reading (their output is the same, byte for byte).
_IGNORED = {"OUTPUT_PATH", "CACHE_PATH", "PERLEN_IMAGE_CACHE_PATH", "PERLEN_WORKERS"}


def fingerprint(settings: dict) -> str:
    """A short hash of the plugin's files, the installed packages' versions
    and the settings' values."""
    digest = hashlib.sha256()
    for source in sorted(_PACKAGE.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            digest.update(source.relative_to(_PACKAGE).as_posix().encode())
            digest.update(source.read_bytes())
    for package in installed_packages():
        digest.update(package.encode())
    for key in sorted(settings):
        value = repr(settings[key])
        # Object reprs with memory addresses change per process, not the content.
        if key.isupper() and key not in _IGNORED and " at 0x" not in value:
            digest.update(f"{key}={value}".encode())
    return digest.hexdigest()[:16]


def installed_packages() -> list[str]:
    """Every installed distribution as `name-version`, read from the names of
    their metadata folders (`markdown-3.8.dist-info`, as the wheel format
    names them) on Python's path: parsing each one's METADATA file, as
    `importlib.metadata` does, took 15 ms of every build's start."""
    found: set[str] = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or os.curdir)
        except OSError:  # a zip file or a folder that is gone
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def use_versioned_cache(pelican) -> None:
    """`initialized` handler: point CACHE_PATH at this version's cache.

    Processed images are kept across versions (`perlen.images.store` keys
    them by everything their bytes depend on), in `bilder/` beside."""
    settings = pelican.settings
    if not settings.get("PERLEN_IMAGE_CACHE_PATH"):
        settings["PERLEN_IMAGE_CACHE_PATH"] = os.path.join(
            settings["CACHE_PATH"], "bilder"
        )
    settings["CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], fingerprint(settings))


# -- A cache that never breaks a build ------------------------------------------


def atomic_cache_writes(generator) -> None:
    """`article_generator_init`/`page_generator_init`/`static_generator_init`
    handler: the generator's and its readers' caches are written to a
    temporary file that replaces the cache only when complete, so a build
    killed while saving (Ctrl+C, a cancelled CI job) leaves the old cache;
    within `saved_at_end`, when the run ends rather than after reading."""
    for cacher in (generator, getattr(generator, "readers", None)):
        opener = cache_opener(cacher)
        if opener is not None and not isinstance(opener, _AtomicOpener):
            set_cache_opener(cacher, _AtomicOpener(opener))
            _save_at_end(cacher)


_SAVES: ContextVar[list[Callable[[], None]] | None] = ContextVar(
    "perlen_cache_saves", default=None
)


@contextmanager
def saved_at_end() -> Iterator[None]:
    """Around one Pelican run: the caches its generators save after reading
    are saved when it ends, also when it fails (the next build need not read
    again what this one read), not when it is interrupted.

    Pickling the cache leaves the build's process larger (55 MB at 10,000
    posts, memory the allocator keeps): saved after reading, that came on
    top of everything the rendering then holds; saved at the end, it fits in
    what the rendering has given back."""
    saves: list[Callable[[], None]] = []
    token = _SAVES.set(saves)
    try:
        yield
    except Exception:
        _save(saves)
        raise
    else:
        _save(saves)
    finally:
        _SAVES.reset(token)


def _save_at_end(cacher) -> None:
    saves = _SAVES.get()
    if saves is not None:
        save = cacher.save_cache
        cacher.save_cache = lambda: saves.append(save)


def _save(saves: list[Callable[[], None]]) -> None:
    for save in saves:
        save()


class _AtomicOpener:
    """Pelican's cache opener (`open` or `gzip.open`), writing atomically.

    Gzip writes at its fastest level: Pelican's `gzip.open` compresses at
    level 9, which on 1,000 posts takes 0.1–0.2 s on the build's one busy
    core for a file a third smaller than level 1 makes (0.7 against 1.0 MB).
    """

    def __init__(self, opener: Callable[..., IO[bytes]]):
        self.opener = opener
        if opener is gzip.open:
            self.opener = functools.partial(gzip.open, compresslevel=1)

    def __call__(self, path: str, mode: str = "rb"):
        if "w" not in mode:
            return self.opener(path, mode)
        return _replacing(self.opener, path, mode)


@contextmanager
def _replacing(opener, path: str, mode: str) -> Iterator[IO[bytes]]:
    temporary = f"{path}.{os.getpid()}.neu"
    try:
        with opener(temporary, mode) as handle:
            yield handle
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def run_with_cache(run: Callable[[], None]) -> None:
    """Run a build; when a cache file cannot be read (written by an older
    version, damaged, or cut short before writes were atomic), delete it, say
    so in one line, and run again: a cache only ever saves time. (Pelican
    loads its cache files one by one, so each run finds at most one.)"""
    while True:
        try:
            return run()
        except Exception as error:
            broken = _unreadable_cache(error)
            if broken is None:
                raise
            os.remove(broken)
            print(rebuilt_note(broken), file=sys.stderr)


def rebuilt_note(path: str) -> str:
    return (
        f"Hinweis: Der Zwischenspeicher „{display_path(path)}“ war unlesbar "
        "und wird neu aufgebaut; dieser Bau dauert etwas länger."
    )


def unsaved_note(path: str, error: object) -> str:
    return (
        f"Hinweis: Der Zwischenspeicher „{display_path(path)}“ ließ sich nicht "
        f"speichern ({error}); der nächste Bau dauert etwas länger. Bitte die "
        "Schreibrechte für den Ordner „cache“ prüfen."
    )


class GermanCacheNote(logging.Filter):
    """Pelican's own English warnings for a cache it cannot unpickle (it goes
    on with an empty one) or save become one-line German notes."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        args = record.args if isinstance(record.args, tuple) else ()
        if message.startswith(CANNOT_UNPICKLE) and args:
            record.msg, record.args = "%s", (rebuilt_note(str(args[0])),)
        elif message.startswith(COULD_NOT_SAVE) and len(args) == 2:
            record.msg, record.args = "%s", (unsaved_note(str(args[0]), args[1]),)
        return True


def _unreadable_cache(error: BaseException) -> str | None:
    """The cache file whose loading raised `error`, if that is where it came
    from (Pelican's `FileDataCacher.__init__` unpickles it)."""
    for frame, _ in traceback.walk_tb(error.__traceback__):
        owner = frame.f_locals.get("self")
        if frame.f_code.co_name == "__init__" and isinstance(owner, FileDataCacher):
            path = cache_path(owner)
            if path and os.path.isfile(path):
                return path
    return None
