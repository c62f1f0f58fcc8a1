"""The build's processes: how many, what each does at its start, and work
shared out among processes forked from the build.

A build killed with SIGKILL cannot shut its pools down: the image encoders
and the post readers would work on for nobody. Each worker therefore watches
the process that started it and ends when that one is gone.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

from perlen.settings import setting

# Posts per process below which forking costs more than checking them (the
# site checks, the dead-link check).
CHECKS_PER_PROCESS = 150

# True in a process `Forked` started (see `in_forked_process`).
_forked = False

Item = TypeVar("Item")
Result = TypeVar("Result")


def worker_count(settings: Mapping[str, Any]) -> int:
    """How many processes a build works in: `PERLEN_WORKERS`, by default one
    per core this process may use."""
    wanted = setting(settings, "PERLEN_WORKERS")
    if wanted is not None:
        return max(1, int(wanted))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def start_method() -> str:
    """How a build's worker processes start: "fork" from a process that runs
    one thread (the command line, CI, the benchmark), so a worker begins at
    once, with everything imported and the build's memory shared; "spawn"
    beside other threads (the preview's server and watcher), whose locks a
    forked copy could inherit held. Spawning costs a worker about 0.6 s of
    CPU time and 70 MB before its first job."""
    return "fork" if threading.active_count() == 1 else "spawn"


def end_with_parent() -> None:
    """In a worker started by `multiprocessing`: end it (exit status 1) as
    soon as its parent process has ended; does nothing in any other process."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's sentinel closes
        os._exit(1)

    threading.Thread(target=watch, name="perlen-eltern", daemon=True).start()


def in_forks(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    *,
    minimum: int = 1,
    again: Callable[[Item], Result] | None = None,
) -> Iterator[Result]:
    """`function(item)` for each of `items`, yielded in their order.

    Computed by this process and up to `workers - 1` processes forked from
    it (which see its memory as it is now), each taking the next item from a
    shared counter; results must pickle. An item whose call raised, or whose
    process died, is computed again here by `again` (default: `function`),
    so its exception is raised here, where the sequential order has it.
    Forks only with at least `minimum` items per process and no other thread
    in this process (a fork would copy their locks in whatever state they
    are); forked processes ignore Ctrl+C (this one stops them) and end when
    this one dies.
    """
    shared = Forked.start(function, items, _forks(len(items), workers, minimum))
    if shared is None:
        yield from map(function, items)
        return
    yield from shared.results(again)


@contextmanager
def beside(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    *,
    minimum: int = 1,
) -> Iterator[Callable[[], list[Result]]]:
    """`in_forks`, begun at once: the forked processes work on `items` while
    this one does other work inside the block; calling what it yields joins
    them and returns every result in order. Leaving the block stops them."""
    shared = Forked.start(function, items, _forks(len(items), workers, minimum))
    if shared is None:
        yield lambda: list(map(function, items))
        return
    try:
        yield lambda: list(shared.results())
    finally:
        shared.stop()


def _forks(items: int, workers: int, minimum: int) -> int:
    """How many processes to fork for `items`: at least `minimum` each."""
    return min(workers, items // max(1, minimum)) - 1


class Forked:
    """`function` over `items` in processes forked from this one, which
    take the next item from a shared counter while this one goes on with
    other work; `results` then takes part in what is left and yields every
    result in order (see `in_forks`)."""

    def __init__(self, function: Callable[[Item], Any], items: Sequence[Item]):
        self.function, self.items = function, items
        self.context = multiprocessing.get_context("fork")
        self.taken = self.context.Value("q", 0)
        self.children: list[tuple[Any, Any]] = []

    @classmethod
    def start(
        cls, function: Callable[[Item], Any], items: Sequence[Item], forks: int
    ) -> Forked | None:
        """`forks` processes at work on `items`; None where none may fork."""
        if forks < 1 or not items or start_method() != "fork":
            return None
        shared = cls(function, items)
        # The build's objects are left out of the forked processes' garbage
        # collection, which would otherwise write to (and so copy) every page;
        # `stop` lets this process collect them again.
        gc.freeze()
        try:
            for _ in range(forks):
                receiving, sending = shared.context.Pipe(duplex=False)
                child = shared.context.Process(
                    target=_child_share,
                    args=(function, items, shared.taken, sending),
                    daemon=True,
                )
                child.start()
                sending.close()
                shared.children.append((child, receiving))
        except BaseException:
            shared.stop()
            raise
        return shared

    def busy(self) -> bool:
        """Whether a forked process is still at work (or holds its results)."""
        return any(child.is_alive() for child, _ in self.children)

    def results(self, again: Callable[[Item], Any] | None = None) -> Iterator[Any]:
        """Every item's result in order; an item that failed or was lost with
        its process is computed here again by `again` (default: `function`)."""
        try:
            done = _share(self.function, self.items, self.taken)
            for child, receiving in self.children:
                # A child that died sends nothing: its items are computed below.
                with suppress(EOFError):
                    done.update(receiving.recv())
                child.join()
        finally:
            self.stop()
        for index, item in enumerate(self.items):
            if index in done:
                yield done[index]
            else:
                yield (again or self.function)(item)

    def stop(self) -> None:
        """No item is begun anymore; every forked process has ended."""
        with self.taken.get_lock():
            self.taken.value = len(self.items)
        for child, _ in self.children:
            if child.is_alive():
                child.terminate()
                child.join()
        gc.unfreeze()


def take_next(taken, count: int) -> int | None:
    """The next of `count` items by the counter processes share (a
    `multiprocessing.Value`); None when every one is taken."""
    with taken.get_lock():
        index = taken.value
        taken.value += 1
    return index if index < count else None


def _share(function, items, taken) -> dict[int, Any]:
    """Compute items by the shared counter until none is left; an item
    whose call raised is left out."""
    done = {}
    while (index := take_next(taken, len(items))) is not None:
        with suppress(Exception):
            done[index] = function(items[index])
    return done


def in_forked_process() -> bool:
    """Whether this process is one `Forked` started: it ends when its items
    are done, so what it keeps for later is kept for nobody."""
    return _forked


def _child_share(function, items, taken, sending) -> None:
    global _forked
    _forked = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    end_with_parent()
    done = _share(function, items, taken)
    # Results that do not pickle stay here: this one's items are computed again.
    with suppress(Exception):
        sending.send(done)
    sending.close()


def leave_objects_to_exit() -> None:
    """At the end of a one-shot process (a command, not the preview): its
    objects are left out of the collection Python's exit would make of them,
    only for the operating system to free them a moment later (after a
    build of 1,000 posts that collection alone takes 0.3–0.5 s)."""
    gc.freeze()
