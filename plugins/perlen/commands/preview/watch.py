"""One watcher for the whole preview session.

A watcher started anew after each build misses every save made while the
site was building. This one runs from the start to Ctrl+C in a thread of its
own and collects what changed, twice: the builder takes the collected paths
when it is ready for them, so a save during a build is waiting when the
build ends; the renderer of saved pages (`quick`) takes them at once.
Bursts (an editor's save-by-rename, a save-all) arrive as one set, since
`watchfiles` yields only after `STEP_MS` without further changes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable

import watchfiles
from pelican.utils import FileChangeFilter

STEP_MS = 50
# A change reaches `take` this long after it happened, at most (seconds).
LAG = 2 * STEP_MS / 1000
# While nothing changes, the watcher looks up this often (milliseconds); the
# first look tells that it is running.
IDLE_MS = 200


class Watcher:
    """Collect changed paths under `paths` until `stop()`."""

    def __init__(self, paths: Iterable[str], ignore: Iterable[str] = ()):
        self.paths = sorted({os.path.abspath(p) for p in paths if os.path.exists(p)})
        self._filter = FileChangeFilter(ignore_file_patterns=list(ignore))
        self._changed: set[str] = set()  # for the builder
        self._fresh: set[str] = set()  # for the renderer of saved pages
        self._condition = threading.Condition()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="beobachter")
        self._thread.daemon = True

    def start(self, timeout: float = 10.0) -> None:
        """Start watching; return once the watcher sees changes."""
        self._thread.start()
        self._ready.wait(timeout)

    def _watch(self) -> None:
        for changes in watchfiles.watch(
            *self.paths,
            watch_filter=self._filter,
            step=STEP_MS,
            rust_timeout=IDLE_MS,
            yield_on_timeout=True,
            stop_event=self._stop,
            raise_interrupt=False,
        ):
            self._ready.set()
            if changes:
                with self._condition:
                    self._changed.update(path for _, path in changes)
                    self._fresh.update(path for _, path in changes)
                    self._condition.notify_all()

    def pending(self, within: float = 0.0) -> bool:
        """Whether something changed that nobody took yet, waiting up to
        `within` seconds for news still on its way."""
        with self._condition:
            return self._condition.wait_for(lambda: bool(self._changed), within)

    def take(
        self, timeout: float | None = None, taken: Callable[[], None] | None = None
    ) -> set[str]:
        """The paths changed since the last `take`, waiting up to `timeout`
        seconds (forever with None) for at least one; empty on timeout.
        `taken` runs when there are some, before anyone can see them gone
        (`pending()` false): the builder marks itself busy there."""
        return self._take("_changed", timeout, taken)

    def take_fresh(self, timeout: float | None = None) -> set[str]:
        """Like `take`, for the renderer of saved pages."""
        return self._take("_fresh", timeout)

    def _take(
        self, name: str, timeout: float | None, taken: Callable[[], None] | None = None
    ) -> set[str]:
        with self._condition:
            self._condition.wait_for(
                lambda: getattr(self, name) or self._stop.is_set(), timeout
            )
            changed = getattr(self, name)
            if changed and taken is not None:
                taken()
            setattr(self, name, set())
            return changed

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def stop(self) -> None:
        self._stop.set()
        with self._condition:
            self._condition.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout=2)
