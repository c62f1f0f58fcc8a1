"""Progress of long builds: "Beiträge lesen: 250 von 1000" while a writer waits.

On a terminal one line updates in place (at most ten times a second);
elsewhere, when asked for with `PERLEN_PROGRESS = True`, a line is printed
every `STEP` files. Counting rides on Pelican's per-file signals, so it costs
next to nothing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from pelican.generators import ArticlesGenerator

from perlen.settings import setting

STEP = 100
INTERVAL = 0.1
# The lists of posts Pelican writes one by one (`article_generator_write_article`).
WRITTEN = ("articles", "translations", "hidden_articles", "hidden_translations")


class Progress:
    """Counts steps towards a total and shows them on `stream`."""

    def __init__(self, label: str, total: int, stream: TextIO, live: bool):
        self.label = label
        self.total = total
        self.stream = stream
        self.live = live
        self.count = 0
        self._shown = 0.0

    def step(self) -> None:
        self.count += 1
        done = self.count >= self.total
        if self.live:
            now = time.monotonic()
            if done or now - self._shown >= INTERVAL:
                self._shown = now
                end = "\n" if done else ""
                self.stream.write(f"\r{self.line()}{end}")
                self.stream.flush()
        elif done or self.count % STEP == 0:
            self.stream.write(f"{self.line()}\n")
            self.stream.flush()

    def line(self) -> str:
        return f"{self.label}: {self.count} von {self.total}"


def _enabled(settings) -> tuple[bool, bool]:
    """(show progress?, update one line in place?) for these settings."""
    wanted = setting(settings, "PERLEN_PROGRESS")
    live = sys.stderr.isatty()
    return (live if wanted is None else bool(wanted)), live


def start_reading(generator) -> None:
    """`article_generator_init`/`page_generator_init` handler: count the files."""
    show, live = _enabled(generator.settings)
    if not show:
        return
    if isinstance(generator, ArticlesGenerator):
        label, paths, excludes = "Beiträge lesen", "ARTICLE_PATHS", "ARTICLE_EXCLUDES"
    else:
        label, paths, excludes = "Seiten lesen", "PAGE_PATHS", "PAGE_EXCLUDES"
    files = generator.get_files(
        generator.settings[paths], exclude=generator.settings[excludes]
    )
    if files:
        generator.perlen_reading = Progress(label, len(files), sys.stderr, live)


def file_read(generator) -> None:
    """`article_generator_preread`/`page_generator_preread` handler."""
    progress = getattr(generator, "perlen_reading", None)
    if progress is not None:
        progress.step()


def start_writing(generator) -> None:
    """`article_generator_finalized` handler: count the posts to write."""
    reading = getattr(generator, "perlen_reading", None)
    total = sum(len(getattr(generator, name)) for name in WRITTEN)
    if reading is not None and total:
        generator.perlen_writing = Progress(
            "Beiträge schreiben", total, reading.stream, reading.live
        )


def article_written(generator, content) -> None:
    """`article_generator_write_article` handler."""
    progress = getattr(generator, "perlen_writing", None)
    if progress is not None:
        progress.step()
