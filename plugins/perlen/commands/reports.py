"""What a writer reads after a build, a check or a preview rebuild, in German.

The order of the problems themselves is `problem_list`'s; this counts them
(„2 Fehler, 1 Warnung“) and says what follows from them.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime

from babel.numbers import format_decimal

from perlen.building.checked import Outcome, checked_build
from perlen.commands import preview
from perlen.commands.problem_list import failure_headline, listing, summaries
from perlen.problems import display_path
from perlen.site.templating import plaintext


def build_and_report(settings: dict, done: str) -> int:
    """Build atomically; print every problem, and `done` with the output path
    and the time, in German only (Pelican's English summary stays quiet)."""
    started = time.monotonic()
    outcome = checked_build(settings)
    if outcome.output is None:
        print(failure_headline(outcome.problems), file=sys.stderr)
        print("\n".join(listing(outcome.problems)), file=sys.stderr)
        return 1
    for line in listing(outcome.warnings):
        print(line, file=sys.stderr)
    seconds = format_decimal(time.monotonic() - started, "0.0", locale="de")
    print(f"{done}: „{display_path(str(outcome.output))}“ ({seconds} s).")
    return 0


def counted(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def print_problems(outcome: Outcome, everything: bool = False) -> None:
    for line in listing(outcome.problems, everything):
        print(line)


def tally(outcome: Outcome) -> str:
    """ "2 Fehler, 1 Warnung" or "keine Fehler, keine Warnungen"."""
    errors, warnings = len(outcome.errors), len(outcome.warnings)
    return ", ".join(
        [
            counted(errors, "Fehler", "Fehler") if errors else "keine Fehler",
            counted(warnings, "Warnung", "Warnungen")
            if warnings
            else "keine Warnungen",
        ]
    )


# After a check that found warnings only: the preview works, publishing not yet.
PUBLISH_NEEDS_NO_WARNINGS = (
    "Die Vorschau zeigt alles; veröffentlicht wird erst, wenn auch die Warnungen "
    "behoben sind (beim Veröffentlichen zählt jede Warnung als Fehler, so wie bei "
    "„make pruefen STRENG=1“)."
)


def preview_report(port: int):
    """What the writer sees after each preview build."""
    address = f"http://{preview.HOST}:{port}/"
    # The site-wide lines last shown: a rebuild repeats them only when they change.
    shown: list[str] = []

    def report(outcome: Outcome) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        if outcome.output is None:
            print(
                f"\n{stamp} Nicht neu gebaut; die Vorschau zeigt "
                "die letzte fehlerfreie Fassung."
            )
            print("Bitte beheben:")
        else:
            print(f"\n{stamp} Vorschau aktualisiert: {address} ({tally(outcome)})")
        site_wide = summaries(outcome.problems)
        for line in listing(outcome.problems):
            if line.removeprefix("  • ") not in site_wide or site_wide != shown:
                print(line)
        shown[:] = site_wide
        unpublished = [c for c in outcome.contents if getattr(c, "perlen_state", "")]
        if outcome.output is not None and unpublished:
            print("Entwürfe und geplante Beiträge (nur in der Vorschau):")
            for content in unpublished:
                title = plaintext(content.title)
                print(f"  • „{title}“ ({content.perlen_state}): {address}{content.url}")
        sys.stdout.flush()

    return report
