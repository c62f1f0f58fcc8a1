"""`.perlen/naechster-termin`: when the published site needs its next publish.

Written by every publish build (`PERLEN_PUBLISH`), empty when no post is
scheduled; `perlen.publish.due` reads it from the live site.
"""

from __future__ import annotations

from pathlib import Path

from perlen.publish.due import NEXT_DATE_FILE, format_next_date
from perlen.settings import setting
from perlen.site.schedule import scheduled_dates


def write_next_date(generators) -> None:
    """`all_generators_finalized` handler: the file, in the site being built."""
    generator = generators[0]
    if not setting(generator.settings, "PERLEN_PUBLISH"):
        return
    path = Path(generator.output_path) / NEXT_DATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    text = format_next_date(scheduled_dates(generator.context))
    path.write_text(text, encoding="utf-8")
