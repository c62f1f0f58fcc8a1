"""A preview session: build, then rebuild on every change, until Ctrl+C.

Each round takes everything the watcher collected and builds the whole
site, atomically and checked, into a fresh folder `fassung-N` of the
preview's own folder (under `cache/`, never `output/`, so a publish build
cannot touch it). The server switches to that folder in one step. A build
during which anything changed is already out of date: it is dropped and the
next round builds again, so the preview always ends at the last saved text.
Meanwhile, in a thread of its own, `render_ahead` renders the saved posts'
own pages at once (`quick`), even while a build runs.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pelican import signals

from perlen.building.atomic import load_settings
from perlen.building.checked import Outcome, checked_build
from perlen.commands.preview.live import Live
from perlen.commands.preview.quick import (
    Rendered,
    Snapshot,
    stamp,
    swap_in,
    write_atomically,
)
from perlen.commands.preview.watch import LAG, Watcher
from perlen.problems import Problem
from perlen.site.addresses import address

BUILD_PREFIX = "fassung-"


@dataclass(frozen=True)
class Ahead:
    """A page swapped in ahead of the full build, to compare or undo."""

    original: bytes | None  # what the last full build wrote (None: nothing)
    before: bytes | None  # what was served before this swap
    page: Rendered


class Session:
    def __init__(
        self,
        settings_file: str,
        overrides: Mapping[str, Any],
        folder: Path,
        live: Live,
        report: Callable[[Outcome], None],
    ):
        self.settings_file = os.path.abspath(settings_file)
        self.overrides = dict(overrides)
        self.folder = folder
        self.live = live
        self.report = report
        self.settings = load_settings(settings_file, overrides)
        self.builds = 0
        self.snapshot: Snapshot | None = None
        self.ahead: dict[str, Ahead] = {}
        # Held while pages are rendered ahead or the served build changes.
        self._lock = threading.Lock()
        _clear(folder)

    def watcher(self) -> Watcher:
        """A watcher for the settings file, the theme and the content."""
        paths = [self.settings_file, self.settings["THEME"], self.settings["PATH"]]
        ignore = [*self.settings.get("IGNORE_FILES", []), f"{self.folder}/*"]
        return Watcher(paths, ignore)

    def update(self, changed: set[str], watcher: Watcher) -> None:
        """One round for the `changed` paths (all of the site on the first)."""
        if self.settings_file in changed:
            self.settings = load_settings(self.settings_file, self.overrides)
            with self._lock:
                self.snapshot = None
        if watcher.pending():
            return  # newer saves first
        self.builds += 1
        target = self.folder / f"{BUILD_PREFIX}{self.builds}"
        outcome, generators = self._build(target)
        # A failure may be about a save the watcher has yet to report (a
        # file read half-written): wait for that news before showing it.
        if watcher.pending(within=LAG if outcome.output is None else 0.0):
            # Out of date already: the next round builds again.
            if outcome.output is not None:
                shutil.rmtree(outcome.output, ignore_errors=True)
            return
        with self._lock:
            if outcome.output is None:
                self._failed(outcome)
            else:
                self._succeeded(outcome.output, generators)
        self.report(outcome)

    def render_ahead(self, changed: set[str]) -> None:
        """Serve the pages of saved posts at once, from the last good build
        (not while the preview shows problems: the full build judges)."""
        with self._lock:
            root = self.live.root
            if self.snapshot is None or root is None or self.live.problems:
                return
            pages = self.snapshot.render(changed)
            urls = []
            for page in pages or ():
                before = swap_in(root, page)
                if before == page.html:
                    continue  # already served, by the full build
                earlier = self.ahead.get(page.save_as)
                original = earlier.original if earlier else before
                self.ahead[page.save_as] = Ahead(original, before, page)
                urls.append(address(page.save_as))
            if urls:
                self.live.publish("changed", {"pages": urls, "except": []})

    def _build(self, target: Path) -> tuple[Outcome, list]:
        kept: list = []

        def keep(generators: list) -> None:
            kept[:] = generators

        settings = {**self.settings, "OUTPUT_PATH": str(target)}
        with signals.all_generators_finalized.connected_to(keep):
            outcome = _checked(settings, self.settings_file)
        return outcome, kept

    def _succeeded(self, output: Path, generators: list) -> None:
        """Serve `output`; pages that look as they did when rendered ahead
        are not reloaded again, unless the banner goes away."""
        unchanged = []
        if not self.live.problems:
            for save_as, ahead in self.ahead.items():
                page = output / save_as
                if page.is_file() and page.read_bytes() == ahead.page.html:
                    unchanged.append(address(save_as))
        self.ahead = {}
        previous = self.live.root
        self.live.publish(
            "changed", {"pages": None, "except": unchanged}, root=output, problems=()
        )
        self.snapshot = Snapshot(generators)
        # Keep the folder before, for requests still reading from it.
        _clear(self.folder, keep={output, previous})

    def _failed(self, outcome: Outcome) -> None:
        """Back to the last good version, with the problems on top: a page
        rendered ahead from the text this build judged (its file unchanged
        since) goes back to what it was. One whose file was saved again
        since stays: its text read without an error, and the failure is
        about a newer one."""
        root = self.live.root
        for save_as, ahead in list(self.ahead.items()):
            if root is None or stamp(ahead.page.source) != ahead.page.stamp:
                continue
            if ahead.before is None:
                (root / save_as).unlink(missing_ok=True)
            else:
                write_atomically(root / save_as, ahead.before)
            if ahead.before == ahead.original:
                del self.ahead[save_as]
            else:
                undone = replace(ahead.page, html=ahead.before, stamp=None)
                self.ahead[save_as] = Ahead(ahead.original, ahead.original, undone)
        problems = tuple(outcome.problems)
        self.live.publish("failed", {"problems": len(problems)}, problems=problems)


def _checked(settings: dict, settings_file: str) -> Outcome:
    """A checked build; a crash (a theme or plugin error, not a writer's) is
    reported like a problem, and the preview goes on watching."""
    try:
        return checked_build(settings)
    except Exception as error:
        crash = Problem(
            settings_file,
            None,
            f"Der Bau brach ab: {error}",
            "Das liegt nicht am Text; bitte die Meldung an die Technik weitergeben.",
        )
        return Outcome(problems=[crash])


def _clear(folder: Path, keep: set[Path | None] = frozenset()) -> None:
    """Remove the builds in `folder` (and leftovers of interrupted ones)."""
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.name.lstrip(".").startswith(BUILD_PREFIX) and child not in keep:
            shutil.rmtree(child, ignore_errors=True)
