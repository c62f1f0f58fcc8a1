"""Fail a build once, with every writer's problem, instead of skipping posts.

Stock Pelican logs "Could not process" for a post it cannot read and goes on:
the post silently vanishes. Here the problems the readers found are collected
after all generators ran and the build stops with all of them.
"""

from __future__ import annotations

import logging
import sys

from .problems import BuildFailed, Problem, ProblemError, Severity


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
    problems = collect(generators)
    if any(p.severity is Severity.ERROR for p in problems):
        raise BuildFailed(problems)


class HideReportedFailures(logging.Filter):
    """Drop Pelican's English "Could not process" line for our own errors.

    Pelican logs it inside its `except` block, so the exception being handled
    tells whether we already have a German message for that file.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not isinstance(sys.exc_info()[1], ProblemError)
