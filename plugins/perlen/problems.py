"""Problems a writer must fix, reported in German with file, line and fix.

One shape for every problem the plugin finds: a `Problem`. A build collects
every problem first and fails once with all of them, so a writer sees the
whole list instead of fixing one error per build. Where a problem stops work
(a file that cannot be read, a step that cannot go on), `ProblemError`
carries it; pure functions that do not know the file raise it with an empty
`path`, and their caller places it (`Problem.placed`). Whether a problem
fails a build is decided in one place, `building.strict.failures`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "Fehler"
    WARNING = "Warnung"


@dataclass(frozen=True)
class Problem:
    """What is wrong (`message`) and what to do (`fix`), in German, where.

    `path` is the file the problem is in: a writer's file, a template, a
    settings file; empty where no file is to blame or a pure function does not
    know it yet. `label` then names the part of the site a writer knows it
    by („Suche“, „Theme“), or the pages a verification finding is on.
    """

    path: str
    line: int | None
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR
    label: str = ""

    def __lt__(self, other: Problem) -> bool:
        """By file, then line (problems without a line first), then text."""
        return self._key() < other._key()

    def _key(self) -> tuple:
        return (
            self.path or self.label,
            self.line or 0,
            self.message,
            self.fix,
            self.severity,
        )

    @property
    def where(self) -> str:
        """The file as a writer knows it, or else the label."""
        return display_path(self.path) if self.path else self.label

    def placed(self, path: str, line: int | None = None) -> Problem:
        """This problem in the file at `path` (at `line`, if given): a pure
        function knows what is wrong, its caller where."""
        return replace(self, path=path, line=self.line if line is None else line)

    def __str__(self) -> str:
        where = self.where
        if self.line is not None:
            where += f", Zeile {self.line}"
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" {self.fix}"
        if self.severity is Severity.WARNING:
            text = f"Warnung – {text}"
        return text


class ProblemError(Exception):
    """Raised where work cannot go on: a file that cannot become content, a
    value a writer typed that cannot be read; carries its problems."""

    def __init__(self, *problems: Problem):
        self.problems = sorted(problems)
        super().__init__(self._text())

    @staticmethod
    def at(line: int | None, message: str, fix: str = "") -> ProblemError:
        """The error a pure function raises: what is wrong at `line` (if it
        knows one) of a file its caller names."""
        return ProblemError(Problem("", line, message, fix))

    @property
    def problem(self) -> Problem:
        """The first problem: a pure function raises one."""
        return self.problems[0]

    def _text(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __reduce__(self):
        """Pickled as made, so that a worker process can return it."""
        return type(self), tuple(self.problems)


class BuildFailed(ProblemError):
    """The build stopped because writers' files have errors."""

    def __init__(self, problems: Iterable[Problem]):
        super().__init__(*problems)

    def _text(self) -> str:
        count = sum(p.severity is Severity.ERROR for p in self.problems)
        lines = [f"Die Website wurde nicht gebaut: {count} Fehler gefunden."]
        lines += [f"  • {p}" for p in self.problems]
        return "\n".join(lines)

    def __reduce__(self):
        return type(self), (self.problems,)


def display_path(path: str) -> str:
    """Show a path relative to the working directory, as writers know it."""
    if not os.path.isabs(path):
        return path
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel
