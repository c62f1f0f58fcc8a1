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
from pelican.log import LimitFilter

from perlen.problems import Problem, Severity, display_path

# Pelican's messages (the format strings it logs) → German message (a format
# string for the same arguments), fix, and the index of the argument that names
# the file, if one does.
_GERMAN: dict[str, tuple[str, str, int | None]] = {
    "Unable to find '%s', skipping url replacement.": (
        "Das Link-Ziel „{0}“ gibt es nicht.",
        "Bitte den Pfad hinter {filename} bzw. {static} prüfen: mit „/“ am Anfang "
        "gilt er ab dem Ordner „content“, sonst ab dieser Datei.",
        None,
    ),
    "{filename} used for linking to static content %s in %s. Use {static} instead": (
        "„{{filename}}“ verweist auf „{0}“, eine Datei, die kein Beitrag ist.",
        "Bitte {static} statt {filename} schreiben.",
        1,
    ),
    "Replacement Indicator %r not recognized in %r, skipping replacement": (
        "Die Link-Art „{{{0}}}“ gibt es nicht.",
        "Bitte einen Dateinamen angeben oder {filename}, {static}, {attach}, "
        "{category}, {tag}, {author} bzw. {index} verwenden.",
        None,
    ),
    "Could not process %s": ("Die Datei konnte nicht verarbeitet werden.", "", 0),
}


@contextmanager
def collect_warnings(content_path: str) -> Iterator[list[Problem]]:
    """Collect every warning logged inside the block as a Problem.

    Records are caught where they are made, before Pelican's log filter drops
    repeated messages, so even the fifth broken link of a build is reported;
    the other filters of the logger still apply, so a message the plugin hides
    (because it reports the same thing in German) is not reported twice.
    """
    found: list[Problem] = []
    make_record = logging.getLogRecordFactory()

    def record_factory(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        if record.levelno >= logging.WARNING and _passes_filters(record):
            found.append(problem_from_record(record, content_path))
        return record

    logging.setLogRecordFactory(record_factory)
    try:
        yield found
    finally:
        logging.setLogRecordFactory(make_record)


def _passes_filters(record: logging.LogRecord) -> bool:
    """Whether the logger's own filters, deduplication aside, let `record` through."""
    filters = logging.getLogger(record.name).filters
    return all(
        f.filter(record) if isinstance(f, logging.Filter) else f(record)
        for f in filters
        if not isinstance(f, LimitFilter)
    )


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
        if record.msg == "Could not process %s" and error is not None:
            message += f" ({type(error).__name__}: {error})"
    path = (
        str(args[path_arg])
        if path_arg is not None and path_arg < len(args)
        else _source_in_progress(args)
    )
    if path is None:
        return Problem("Pelican", None, message, fix)
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
        if isinstance(getattr(owner, "_source_path", None), str):
            return owner._source_path
        frame = frame.f_back
    return None


def template_problem(error: TemplateError) -> Problem:
    """A theme template's exception as a Problem at the template's line,
    naming the page that was being written."""
    template, line, page = None, None, None
    for frame, frame_line in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_name == "_write_file":
            page = frame.f_locals.get("name")
        if frame.f_code.co_filename.endswith((".html", ".xml", ".jinja")):
            template, line = frame.f_code.co_filename, frame_line
    template = (
        template or getattr(error, "filename", None) or getattr(error, "name", None)
    )
    line = line or getattr(error, "lineno", None)
    where = f" beim Schreiben von „{page}“" if page else ""
    return Problem(
        display_path(template) if template else "Theme",
        line,
        f"Fehler in der Theme-Vorlage{where}: {error.message or type(error).__name__}",
    )
