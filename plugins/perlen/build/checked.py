"""Fail a build once, with every writer's problem, instead of skipping posts.

Stock Pelican logs "Could not process" for a post it cannot read and goes on:
the post silently vanishes. Here the problems the readers found and those the
site checks find (`checks`) are collected after all generators ran; errors
stop the build with all of them, warnings are logged and the build goes on
(in a strict build, `PERLEN_STRICT`, warnings stop it, too).
Every build announces its problems on `problems_found`, which is how
`perlen pruefen` and `perlen vorschau` list exactly what the build found.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from blinker import signal
from pelican.contents import Content
from pelican.log import console

from perlen.build.atomic import build
from perlen.problems import BuildFailed, Problem, ProblemError, Severity
from perlen.settings import setting
from perlen.site.checks import check_site
from perlen.site.contents import contents_of
from perlen.site.pictures import image_problems

logger = logging.getLogger(__name__)

# Sent once per build, before it fails or goes on: sender is the list of the
# build's posts and pages, `sources` the path of every post and page file read
# (also those that failed), `problems` every problem found.
problems_found = signal("perlen-problems-found")


def collect(generators) -> list[Problem]:
    """Every problem the generators' readers recorded in this build."""
    problems: list[Problem] = []
    for generator in generators:
        readers = getattr(generator, "readers", None)
        for reader in getattr(readers, "readers", {}).values():
            problems.extend(getattr(reader, "problems", []))
    return sorted(set(problems))


def fail_on_problems(generators) -> None:
    """`all_generators_finalized` handler: stop before anything is written."""
    contents = contents_of(generators)
    problems = sorted(
        set(collect(generators))
        | set(check_site(generators, contents))
        | set(image_problems(contents))
    )
    sources = sorted(generators[0].context["generated_content"])
    problems_found.send(contents, sources=sources, problems=problems)
    strict = setting(generators[0].settings, "PERLEN_STRICT")
    if (strict and problems) or any(p.severity is Severity.ERROR for p in problems):
        raise BuildFailed(problems)
    for problem in problems:
        logger.warning("%s", problem)


@dataclass
class Outcome:
    """What a build found; `output` is None when it failed."""

    problems: list[Problem] = field(default_factory=list)
    contents: list[Content] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    output: Path | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def checked_build(settings: dict) -> Outcome:
    """Build the site (atomically) and return every problem it found.

    For commands that list the problems themselves: the build's own warning
    log lines and Pelican's English summary line stay quiet.
    """
    outcome = Outcome()

    def receive(contents: list[Content], **found) -> None:
        outcome.contents, outcome.sources = contents, found["sources"]
        outcome.problems = found["problems"]

    problems_found.connect(receive)
    try:
        with _quiet():
            outcome.output = build(settings)
    except BuildFailed as failure:
        outcome.problems = failure.problems
    finally:
        problems_found.disconnect(receive)
    return outcome


@contextmanager
def _quiet() -> Iterator[None]:
    was_disabled, was_quiet = logger.disabled, console.quiet
    logger.disabled, console.quiet = True, True
    try:
        yield
    finally:
        logger.disabled, console.quiet = was_disabled, was_quiet


class HideReportedFailures(logging.Filter):
    """Drop Pelican's English "Could not process" line for our own errors.

    Pelican logs it inside its `except` block, so the exception being handled
    tells whether we already have a German message for that file.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not isinstance(sys.exc_info()[1], ProblemError)
