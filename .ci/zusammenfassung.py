"""The publish run's summary, in German: what happened, and when the next
scheduled post is due (the date the build wrote for termine.yml).

    python3 .ci/zusammenfassung.py success|failure|cancelled [output]

Standard library only (with the plugin's due.py), so it also reports a run
whose setup failed before the venv existed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

# due.py by its path: the package `perlen` would import Pelican.
_DUE = Path(__file__).resolve().parent.parent / "plugins/perlen/publish/due.py"
_spec = importlib.util.spec_from_file_location("due", _DUE)
due = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(due)


def next_post(output: Path) -> str:
    """The sentence about the next scheduled post in `output`."""
    path = output / due.NEXT_DATE_FILE
    if not path.is_file():
        return ""
    date = due.parse_next_date(path.read_text(encoding="utf-8"))
    if date is None:
        return "Es ist kein Beitrag geplant."
    return (
        f"Der nächste geplante Beitrag erscheint am {date:%d.%m.%Y} um "
        f"{date:%H:%M} Uhr (UTC{date:%z}); die Prüfung „Geplante Beiträge“ "
        "veröffentlicht ihn dann automatisch. Achtung: GitHub schaltet diese "
        "Prüfung in öffentlichen Repositorys nach 60 Tagen ohne neuen Commit ab "
        "(dann unter Actions → „Geplante Beiträge“ → „Enable workflow“ wieder "
        "einschalten)."
    )


def summary(status: str, output: Path) -> str:
    if status == "success":
        lines = ["## ✅ Die Website ist gebaut und geprüft", "", next_post(output)]
    else:
        lines = [
            "## ❌ Die Veröffentlichung ist gescheitert",
            "",
            "Die Website ist unverändert geblieben. Was fehlt, steht im "
            "Protokoll des roten Schritts darüber: Meldungen zu Beiträgen nennen "
            "Datei, Zeile und die Lösung (docs/schreiben.md, „Fehlermeldungen "
            "und was sie bedeuten“). Scheitert ein Schritt wie „Tests“ oder "
            "„Java“, ist die Technik kaputt, nicht ein Beitrag: Bitte der "
            "Agentur-Technik Bescheid geben.",
        ]
    return "\n".join([*lines, ""])


def main(argv: list[str]) -> int:
    status = argv[0] if argv else "failure"
    output = Path(argv[1]) if len(argv) > 1 else Path("output")
    sys.stdout.write(summary(status, output))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
