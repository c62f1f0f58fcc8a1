"""What fails a build, decided in one place (`failures`); and strict builds,
where every warning fails the build, all reported together, in German.

Pelican logs what went wrong (a link to a missing file, a post it could not
read, a warning of a plugin) and carries on; its own `--fatal warnings`
stops at the first one. A strict build collects every warning of the run and
fails once with all of them, each naming the file it comes from. Pelican's
messages do not always say which post they concern, so the post whose code is
running when the warning is logged names it.
"""

from __future__ import annotations

import inspect
import logging
import os
import sys
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from jinja2 import TemplateError
from pelican.contents import Content

from perlen.pelican_glue import (
    COULD_NOT_PROCESS,
    FILENAME_FOR_STATIC,
    UNABLE_TO_FIND,
    UNKNOWN_INDICATOR,
    every_record,
    page_in_traceback,
    reader_source,
)
from perlen.problems import Problem, Severity

# Pelican's messages (the format strings it logs) → German message (a format
# string for the same arguments), fix, and the index of the argument that names
# the file, if one does.
_GERMAN: dict[str, tuple[str, str, int | None]] = {
    UNABLE_TO_FIND: (
        "Das Link-Ziel „{0}“ gibt es nicht.",
        "Bitte den Pfad hinter {filename} bzw. {static} prüfen: mit „/“ am Anfang "
        "gilt er ab dem Ordner „content“, sonst ab dieser Datei.",
        None,
    ),
    FILENAME_FOR_STATIC: (
        "„{{filename}}“ verweist auf „{0}“, eine Datei, die kein Beitrag ist.",
        "Bitte {static} statt {filename} schreiben.",
        1,
    ),
    UNKNOWN_INDICATOR: (
        "Die Link-Art „{{{0}}}“ gibt es nicht.",
        "Bitte einen Dateinamen angeben oder {filename}, {static}, {attach}, "
        "{category}, {tag}, {author} bzw. {index} verwenden.",
        None,
    ),
    COULD_NOT_PROCESS: ("Die Datei konnte nicht verarbeitet werden.", "", 0),
}


@contextmanager
def collect_warnings(content_path: str) -> Iterator[list[Problem]]:
    """Collect every warning logged inside the block as a Problem, as
    Sphinx's `-W` does: with a handler for the run.

    Pelican's loggers let every record through meanwhile (they drop repeated
    messages, so the fifth broken link of a build would be lost); the
    loggers' other filters still apply, so a message the plugin hides
    (because it reports the same thing in German) is not reported twice.
    """
    found: list[Problem] = []
    collector = _Collector(content_path, found)
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        with every_record():
            yield found
    finally:
        root.removeHandler(collector)


class _Collector(logging.Handler):
    """Every warning of the run as a Problem."""

    def __init__(self, content_path: str, found: list[Problem]) -> None:
        super().__init__(logging.WARNING)
        self.content_path, self.found = content_path, found

    def emit(self, record: logging.LogRecord) -> None:
        self.found.append(problem_from_record(record, self.content_path))


def failures(problems: Iterable[Problem], is_strict: bool) -> list[Problem]:
    """The problems a build fails with, or [] when it may go on.

    The one rule for every path (the writers' problems, Pelican's logged
    warnings, verification, `perlen pruefen --streng`): a strict build fails
    on any problem and reports each as an error; any other build fails only
    on an error, and then lists its warnings, too. Each is reported once.
    """
    problems = set(problems)
    if is_strict:
        return sorted({replace(p, severity=Severity.ERROR) for p in problems})
    if any(p.severity is Severity.ERROR for p in problems):
        return sorted(problems)
    return []


def problem_from_record(record: logging.LogRecord, content_path: str) -> Problem:
    """A log record as a German Problem naming the file it concerns
    (Pelican names some files relative to `content_path`). The plugin logs
    its warnings as Problems already."""
    args = record.args if isinstance(record.args, tuple) else ()
    if len(args) == 1 and isinstance(args[0], Problem):
        return args[0]
    german = _GERMAN.get(str(record.msg))
    if german is None:
        message, fix, path_arg = (
            f"Meldung von {record.name}: {record.getMessage()}",
            "",
            None,
        )
    else:
        template, fix, path_arg = german
        message = template.format(*args)
        error = sys.exc_info()[1]
        if record.msg == COULD_NOT_PROCESS and error is not None:
            message += f" ({type(error).__name__}: {error})"
    path = (
        str(args[path_arg])
        if path_arg is not None and path_arg < len(args)
        else _source_in_progress(args)
    )
    if path is None:
        return Problem("", None, message, fix, label="Pelican")
    return Problem(os.path.join(content_path, path), None, message, fix)


def _source_in_progress(args: tuple) -> str | None:
    """The source file of the content a message is about: a content object
    among its arguments, or else the one whose code is running (the frames of
    `Content` methods and of readers know their file)."""
    for arg in args:
        if isinstance(arg, Content):
            return arg.source_path
    frame = inspect.currentframe()
    while frame is not None:
        owner = frame.f_locals.get("self")
        if isinstance(owner, Content):
            return owner.source_path
        if reader_source(owner) is not None:
            return reader_source(owner)
        frame = frame.f_back
    return None


def template_problem(error: TemplateError) -> Problem:
    """A theme template's exception as a Problem at the template's line,
    naming the page that was being written."""
    template, line = None, None
    page = getattr(error, "perlen_page", None) or page_in_traceback(error.__traceback__)
    for frame, frame_line in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename.endswith((".html", ".xml", ".jinja")):
            template, line = frame.f_code.co_filename, frame_line
    template = (
        template or getattr(error, "filename", None) or getattr(error, "name", None)
    )
    line = line or getattr(error, "lineno", None)
    where = f" beim Schreiben von „{page}“" if page else ""
    return Problem(
        template or "",
        line,
        f"Fehler in der Theme-Vorlage{where}: {error.message or type(error).__name__}",
        label="" if template else "Theme",
    )
