"""Is a scheduled post due? The cheap check that decides whether to publish.

A publish build writes `.perlen/naechster-termin` into the site: when the
next scheduled post it left out is due (ISO 8601 with offset), or nothing
when there is none. A job every 15 minutes (`.github/workflows/termine.yml`)
reads that file from the live site and starts the full publish only once
that time has passed. Standard library only, so the job runs this file with
the runner's Python, without installing the blog:

    python3 plugins/perlen/publish/due.py https://blog.example.org

It prints its verdict in German and, on GitHub Actions, writes
`faellig=true` or `faellig=false` to `$GITHUB_OUTPUT`. A site without the
file fails the check (exit 1) instead of starting a publish every time.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

NEXT_DATE_FILE = ".perlen/naechster-termin"


def format_next_date(dates: Sequence[datetime]) -> str:
    """The file's text for the scheduled posts' `dates` (aware)."""
    return f"{min(dates).isoformat()}\n" if dates else ""


def parse_next_date(text: str) -> datetime | None:
    """The next due time in the file's `text`, None when nothing is scheduled."""
    text = text.strip()
    if not text:
        return None
    date = datetime.fromisoformat(text)
    if date.tzinfo is None:
        raise ValueError(f"„{text}“ hat keine Zeitzone")
    return date


def is_due(text: str, now: datetime) -> bool:
    """Whether the live site needs a publish: a scheduled post is due."""
    date = parse_next_date(text)
    return date is not None and date <= now


def fetch(site_url: str) -> str | None:
    """The file from the live site; None when the site has none (404)."""
    url = f"{site_url.rstrip('/')}/{NEXT_DATE_FILE}?t={int(time.time())}"
    request = Request(url, headers={"Cache-Control": "no-cache"})
    try:
        with urlopen(request, timeout=30) as response:
            return response.read().decode("utf-8")
    except HTTPError as error:
        if error.code == 404:
            return None
        raise


def verdict(text: str, now: datetime) -> tuple[bool, str]:
    """Whether to publish, and why, in German."""
    date = parse_next_date(text)
    if date is None:
        return False, "Nichts fällig: Es ist kein Beitrag geplant."
    shown = f"{date:%d.%m.%Y, %H:%M} Uhr (UTC{date:%z})"
    if date <= now:
        return True, f"Fällig: Ein geplanter Beitrag ist seit {shown} an der Reihe."
    return False, f"Nichts fällig: Der nächste geplante Beitrag erscheint am {shown}."


def main(argv: Sequence[str] | None = None, now: datetime | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("Aufruf: python3 due.py https://adresse.der.website", file=sys.stderr)
        return 2
    try:
        text = fetch(args[0])
        due, reason = (False, "") if text is None else verdict(text, now or _now())
    except (URLError, OSError, ValueError) as error:
        print(
            f"Die Website „{args[0]}“ ließ sich nicht fragen, ob ein Beitrag "
            f"fällig ist: {error}",
            file=sys.stderr,
        )
        return 1
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as file:
            file.write(f"faellig={'true' if due else 'false'}\n")
    if text is None:
        # Publishing on every check would never end if the host drops the
        # file (upload-pages-artifact from v4 on leaves out dot folders).
        print(
            f"Die Website „{args[0]}“ hat keine Datei „{NEXT_DATE_FILE}“. "
            "Sie entsteht bei jeder Veröffentlichung; fehlt sie danach noch, "
            "lässt der Server Ordner mit Punkt am Anfang weg "
            "(upload-pages-artifact ab v4: „include-hidden-files: true“).",
            file=sys.stderr,
        )
        return 1
    print(reason)
    return 0


def _now() -> datetime:
    return datetime.now(UTC)


if __name__ == "__main__":
    sys.exit(main())
