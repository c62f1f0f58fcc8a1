"""Problems a writer must fix, reported in German with file, line and fix.

A build collects every problem first and fails once with all of them, so a
writer sees the whole list instead of fixing one error per build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "Fehler"
    WARNING = "Warnung"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR

    def __lt__(self, other: Problem) -> bool:
        """By file, then line (problems without a line first), then text."""
        return self._key() < other._key()

    def _key(self) -> tuple:
        return (self.path, self.line or 0, self.message, self.fix, self.severity.value)

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where += f", Zeile {self.line}"
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" {self.fix}"
        if self.severity is Severity.WARNING:
            text = f"Warnung – {text}"
        return text


class ProblemError(Exception):
    """Raised where a file cannot become content; carries its problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildFailed(Exception):
    """The build stopped because writers' files have errors."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = sum(p.severity is Severity.ERROR for p in self.problems)
        lines = [f"Die Website wurde nicht gebaut: {count} Fehler gefunden."]
        lines += [f"  • {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def display_path(path: str) -> str:
    """Show a path relative to the working directory, as writers know it."""
    if not os.path.isabs(path):
        return path
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel
