"""Fail a build once, with every writer's problem, instead of skipping posts.

Stock Pelican logs "Could not process" for a post it cannot read and goes on:
the post silently vanishes. Here the problems the readers found and those the
site checks find (`site.checks`) are collected after all generators ran; errors
stop the build with all of them, warnings are logged and the build goes on
(in a strict build, `PERLEN_STRICT`, warnings stop it, too: `strict.failures`
decides).
Every build announces its problems on `problems_found`, which is how
`perlen pruefen` and `perlen vorschau` list exactly what the build found.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from blinker import signal
from pelican.contents import Content

from perlen.building import read_failures
from perlen.building.atomic import build
from perlen.building.folders import make_folders_ahead
from perlen.building.strict import failures
from perlen.content.source_lines import SourceLines, of_build
from perlen.pelican_glue import (
    COULD_NOT_PROCESS,
    NO_MODIFICATION_STAMP,
    OUTSIDE_OUTPUT,
    quiet_console,
)
from perlen.problems import BuildFailed, Problem, Severity
from perlen.settings import setting
from perlen.site.addresses import address_problems
from perlen.site.authors import author_problems
from perlen.site.checks import check_site
from perlen.site.contents import contents_of
from perlen.site.date_order import modified_before_date
from perlen.site.file_names import unwritable_addresses
from perlen.site.own_address import foreign_urls
from perlen.site.pictures import image_problems
from perlen.site.published_files import published_file_problems
from perlen.site.template_choice import missing_templates, template_names
from perlen.site.written_files import WrittenFiles, written_files

logger = logging.getLogger(__name__)

# Where a wrong address comes from: the Slug, else Save_as, else the Titel.
LINE_KEYS = ("slug", "save_as", "title")

# Sent once per build, before it fails or goes on: sender is the list of the
# build's posts and pages, `sources` the path of every post and page file read
# (also those that failed), `problems` every problem found.
problems_found = signal("perlen-problems-found")


def collect(generators) -> list[Problem]:
    """Every problem the generators' readers recorded in this build, and
    every file under content/ that could not be read."""
    problems = read_failures.collect(generators, generators[0].settings)
    for generator in generators:
        readers = getattr(generator, "readers", None)
        for reader in getattr(readers, "readers", {}).values():
            problems.extend(getattr(reader, "problems", []))
    return sorted(set(problems))


def fail_on_problems(generators) -> None:
    """`all_generators_finalized` handler: stop before anything is written;
    if nothing stops the build, start making its page folders (`folders`)."""
    contents = contents_of(generators)
    sources = of_build(generators[0].context)
    # The site's map, made once (it takes a while for a large site).
    written = written_files(generators, contents)
    found = [
        *collect(generators),
        *check_site(
            generators,
            contents,
            written,
            lambda: claimed_addresses(contents, written, sources),
            lambda: missing_templates(
                contents,
                template_names(generators[0]),
                lambda content: sources.field(content.source_path, "template"),
            ),
            lambda: image_problems(contents, sources),
            lambda: published_file_problems(generators, contents),
            lambda: author_problems(generators[0].settings),
            lambda: modified_before_date(
                contents, lambda content: sources.field(content.source_path, "modified")
            ),
            lambda: unwritable_addresses(contents, sources.field),
            lambda: foreign_urls(contents, sources.field),
        ),
    ]
    problems = sorted(set(found))
    read = sorted(generators[0].context["generated_content"])
    problems_found.send(contents, sources=read, problems=problems)
    failing = failures(problems, setting(generators[0].settings, "PERLEN_STRICT"))
    if failing:
        raise BuildFailed(failing)
    for problem in problems:
        logger.warning("%s", problem)
    make_folders_ahead(generators[0].output_path, written.page_folders())


def claimed_addresses(
    contents: list[Content], written: WrittenFiles, sources: SourceLines
) -> list[Problem]:
    """Posts and pages taking an address the site needs (`addresses`),
    including those of the publish steps, which run after Pelican."""

    def line_of(content: Content) -> int | None:
        lines = (sources.field(content.source_path, k) for k in LINE_KEYS)
        return next(filter(None, lines), None)

    return address_problems(contents, written, line_of)


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
        # After Pelican, the steps on the written site may add their own.
        outcome.problems = merged(outcome.problems, failure.problems)
    finally:
        problems_found.disconnect(receive)
    return outcome


def merged(found: list[Problem], failing: list[Problem]) -> list[Problem]:
    """The problems a build found and those it failed with, each once, with
    the severity it was found with: a strict build fails with its warnings
    as errors (`strict.failures`), which are the same problems."""

    def same(problem: Problem) -> tuple:
        return (problem.path, problem.label, problem.line, problem.message, problem.fix)

    known = {same(p) for p in found}
    return sorted({*found, *(p for p in failing if same(p) not in known)})


@contextmanager
def _quiet() -> Iterator[None]:
    was_disabled = logger.disabled
    logger.disabled = True
    try:
        with quiet_console():
            yield
    finally:
        logger.disabled = was_disabled


class HideReportedFailures(logging.Filter):
    """Drop Pelican's English lines for files the build reports in German:
    "Could not process" (`read_failures` records every exception while
    reading), "Cannot get modification stamp" (only a link to nowhere has
    none; the walk reports it) and "would be written outside output path"
    (`addresses`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return str(record.msg) not in _REPORTED


_REPORTED = {COULD_NOT_PROCESS, NO_MODIFICATION_STAMP, OUTSIDE_OUTPUT}
