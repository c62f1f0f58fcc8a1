"""The order a writer reads a build's problems in: her own first.

Problems in the posts and pages she writes are listed one by one, by file and
line. Site-wide matters she usually cannot fix herself – the Impressum's legal
details (the management fills them in) and the settings files – would drown
hers: each such topic is one line saying how many there are and where to read
more; `perlen pruefen --alle` lists them one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from perlen.problems import Problem, Severity
from perlen.site.legal import is_impressum_gap

# How to see the summarised problems one by one.
EVERY_PROBLEM = "perlen pruefen --alle"


@dataclass(frozen=True)
class Topic:
    """A site-wide matter: which problems belong to it and its one line
    (`{count}` problems, in `{files}`)."""

    belongs: Callable[[Problem], bool]
    summary: str


def _in_settings(problem: Problem) -> bool:
    return problem.path.endswith(".py")


TOPICS = (
    Topic(
        is_impressum_gap,
        "Das Impressum ({files}) ist noch nicht vollständig: {count}. Das trägt die "
        "Geschäftsführung ein; mehr in docs/schreiben.md, „Das Impressum ist noch "
        f"nicht vollständig“, jede Angabe einzeln mit „{EVERY_PROBLEM}“.",
    ),
    Topic(
        _in_settings,
        "Die Einstellungen ({files}) brauchen Aufmerksamkeit: {count}. Das ist "
        f"Sache der Technik; jede Meldung einzeln mit „{EVERY_PROBLEM}“.",
    ),
)


def _topic(problem: Problem) -> Topic | None:
    return next((topic for topic in TOPICS if topic.belongs(problem)), None)


def is_site_wide(problem: Problem) -> bool:
    """Whether `problem` belongs to a site-wide topic (summarised)."""
    return _topic(problem) is not None


def own_first(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` by file and line, the writer's own before the site-wide."""
    return sorted(problems, key=lambda p: (is_site_wide(p), p))


def _counted(problems: list[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(f"{errors} Fehler")
    if warnings:
        parts.append(f"{warnings} {'Warnung' if warnings == 1 else 'Warnungen'}")
    return " und ".join(parts)


def summaries(problems: Iterable[Problem]) -> list[str]:
    """One line per site-wide topic that has problems."""
    problems = list(problems)
    lines = []
    for topic in TOPICS:
        mine = [p for p in problems if _topic(p) is topic]
        if mine:
            files = ", ".join(sorted({p.where for p in mine}))
            lines.append(topic.summary.format(count=_counted(mine), files=files))
    return lines


def listing(problems: Iterable[Problem], everything: bool = False) -> list[str]:
    """The lines a writer reads: each own problem, then one line per
    site-wide topic (or, with `everything`, each of those problems, too)."""
    problems = own_first(problems)
    if everything:
        return [f"  • {p}" for p in problems]
    own = [f"  • {p}" for p in problems if not is_site_wide(p)]
    return own + [f"  • {line}" for line in summaries(problems)]


def failure_headline(problems: Iterable[Problem]) -> str:
    """The first line of a failed build, counting errors and warnings apart:
    a strict build fails on warnings alone, and says so."""
    problems = list(problems)
    if not problems:
        return "Die Website wurde nicht gebaut."
    line = f"Die Website wurde nicht gebaut: {_counted(problems)} gefunden."
    if not any(p.severity is Severity.ERROR for p in problems):
        line += " Beim Veröffentlichen zählt jede Warnung als Fehler."
    return line
