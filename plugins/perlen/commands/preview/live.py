"""What the preview serves right now, and the news its pages listen for.

The builder (`session`) changes it, the server's threads read it: the folder
of the current build, the problems of the last failed rebuild, and a
numbered log of events ("changed": pages changed, "failed": a rebuild failed).
Every page is served with the number of the last event it already shows, so
a page that was loaded between a rebuild and its event still hears of it.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from perlen.problems import Problem

# Events older than this many are forgotten; a page that missed more reloads.
KEPT = 100


@dataclass(frozen=True)
class Event:
    number: int
    kind: str  # "changed" or "failed"
    data: dict


@dataclass(frozen=True)
class View:
    """One consistent look at the state, taken when a request begins."""

    root: Path | None
    number: int
    problems: tuple[Problem, ...]


@dataclass
class Live:
    root: Path | None = None
    number: int = 0
    problems: tuple[Problem, ...] = ()
    busy: bool = False
    # Whether a change waits for the builder (the watcher's, set by `run`).
    pending: Callable[[], bool] = lambda: False
    closed: bool = False
    _events: deque[Event] = field(default_factory=lambda: deque(maxlen=KEPT))
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def view(self) -> View:
        with self._changed:
            return View(self.root, self.number, self.problems)

    def publish(
        self,
        kind: str,
        data: dict,
        *,
        root: Path | None = None,
        problems: tuple[Problem, ...] | None = None,
    ) -> Event:
        """Announce `kind`; switch to `root` and `problems` in the same step."""
        with self._changed:
            if root is not None:
                self.root = root
            if problems is not None:
                self.problems = problems
            self.number += 1
            event = Event(self.number, kind, data)
            self._events.append(event)
            self._changed.notify_all()
            return event

    def set_busy(self, busy: bool) -> None:
        with self._changed:
            self.busy = busy
            self._changed.notify_all()

    def building(self) -> bool:
        """Whether the preview is not yet at the last saved text: a change
        waits for the builder, or a rebuild runs. The watcher is asked
        first: a change leaves it only through `Watcher.take`, which marks
        the builder busy in the same step, so no moment between the two
        looks idle (a page rendered ahead of the full build would otherwise
        show the new text while the listings still show the old one)."""
        if self.pending():
            return True
        with self._changed:
            return self.busy

    def events_after(self, number: int, timeout: float) -> list[Event] | None:
        """The events after `number`, waiting up to `timeout` seconds for one;
        None once the preview ends. A page too old for the log gets a
        reload of everything."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self.number > number, timeout)
            if self.closed:
                return None
            events = [e for e in self._events if e.number > number]
            oldest = self._events[0].number if self._events else self.number + 1
            if number < oldest - 1 and self.number > number:
                return [Event(self.number, "changed", {"pages": None, "except": []})]
            return events

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()
