"""`Geändert` before `Datum` is a typo: the feed would say the post changed
before it appeared."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pelican.contents import Content

from perlen.content.dates import format_date
from perlen.problems import Problem, Severity


def modified_before_date(
    contents: Iterable[Content], line_of: Callable[[Content], int | None]
) -> list[Problem]:
    """A warning for each post whose `Geändert` lies before its `Datum`."""
    problems = []
    for content in contents:
        date = content.metadata.get("date")
        modified = content.metadata.get("modified")
        if date is None or modified is None or modified >= date:
            continue
        problems.append(
            Problem(
                content.source_path,
                line_of(content),
                f"„Geändert“ ({format_date(modified, 'd. MMMM y')}) liegt vor dem "
                f"„Datum“ ({format_date(date, 'd. MMMM y')}).",
                "Bitte das Änderungsdatum prüfen: Es liegt am oder nach dem Tag, "
                "an dem der Beitrag erschien.",
                Severity.WARNING,
            )
        )
    return problems
