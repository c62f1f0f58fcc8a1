"""The site checks beside the writing of the pages.

Checking a large blog (links, images, addresses: a second for 1,000 posts,
much of it on one core) would otherwise hold up the pages. Once every post
is read, the checks run in a process forked from the build, which sees the
posts as they are then, while the build's process goes on to write. Their
problems are reported (`report`: the build fails, or warns) as soon as the
first pages are due, before any other step after Pelican, and before
anything else can fail the build: if Pelican stops first (a page written
twice, a theme error), the checks are awaited, and their German message
names the cause instead. A failed build leaves the previous output as it
was, whenever it fails (`atomic`).

Only with `PERLEN_WORKERS` above 1, at least `MINIMUM_POSTS` posts and no
other thread in the build's process (the preview); otherwise the checks run
where the build reaches them, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from perlen.problems import BuildFailed, Problem
from perlen.workers import Forked

# Below this many posts the checks take less time than forking for them.
MINIMUM_POSTS = 150


@dataclass
class _Pending:
    forked: Forked
    report: Callable[[list[Problem]], None]


_PENDING: ContextVar[_Pending | None] = ContextVar("perlen_checks", default=None)


def start(find: Callable[[], list[Problem]], report: Callable[[list[Problem]], None]):
    """Run `find` in a forked process, to `report` what it found at `join`;
    returns False (and does nothing) where it cannot fork."""
    forked = Forked.start(lambda _: find(), [None], 1)
    if forked is None:
        return False
    _PENDING.set(_Pending(forked, report))
    return True


def join(*_: Any, **__: Any) -> None:
    """Report what the checks found, once (waiting for them if need be);
    raises `BuildFailed` where they fail the build. A handler of the signals
    at which pages are due (`article_writer_finalized`, `finalized`)."""
    pending = _PENDING.get()
    if pending is None:
        return
    _PENDING.set(None)
    (found,) = pending.forked.results()
    pending.report(found)


@contextmanager
def checked_beside() -> Iterator[None]:
    """Around one Pelican run: checks started within it are reported by its
    end, also when Pelican stopped first (then their failure, if any, is
    what the build fails with), and their process never outlives it."""
    token = _PENDING.set(None)
    try:
        yield
        join()
    except (KeyboardInterrupt, BuildFailed):
        raise
    except Exception as error:
        try:
            join()
        except BuildFailed as failed:
            raise failed from error
        raise
    finally:
        pending = _PENDING.get()
        if pending is not None:
            pending.forked.stop()
        _PENDING.reset(token)
