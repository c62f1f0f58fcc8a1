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
import socket
import sys
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from http.client import HTTPException, IncompleteRead, LineTooLong
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

NEXT_DATE_FILE = ".perlen/naechster-termin"
# The file holds one time stamp (about 26 bytes); more is not that file.
MAX_BYTES = 4096
# Seconds the whole check may take, connection to last byte.
DEADLINE = 60.0


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


class CheckFailed(Exception):
    """The live site could not be asked; the message is one German sentence."""


def fetch(site_url: str, deadline: float | None = None) -> str | None:
    """The file from the live site; None when the site has none (404).

    The whole request has one deadline (a server that drips its answer a
    byte at a time never holds up the job), and at most `MAX_BYTES` are read
    (an endless answer never fills the runner's memory)."""
    deadline = DEADLINE if deadline is None else deadline
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CheckFailed("Die Adresse muss mit „https://“ oder „http://“ beginnen.")
    result: dict[str, object] = {}

    def ask() -> None:
        try:
            result["text"] = _fetch(site_url, deadline)
        except Exception as error:  # handed to the caller's thread
            result["error"] = error

    worker = threading.Thread(target=ask, daemon=True)
    worker.start()
    worker.join(deadline)
    if worker.is_alive():
        raise CheckFailed(
            f"Die Website antwortete nicht innerhalb von {deadline:.0f} Sekunden."
        )
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["text"]  # type: ignore[return-value]


def _fetch(site_url: str, deadline: float) -> str | None:
    url = f"{site_url.rstrip('/')}/{NEXT_DATE_FILE}?t={int(time.time())}"
    request = Request(url, headers={"Cache-Control": "no-cache"})
    try:
        with urlopen(request, timeout=min(30.0, deadline)) as response:
            body = b""
            while len(body) <= MAX_BYTES:
                chunk = response.read(MAX_BYTES + 1 - len(body))
                if not chunk:
                    break
                body += chunk
            if len(body) <= MAX_BYTES and response.length:
                # The connection ended before the announced Content-Length.
                raise IncompleteRead(body, response.length)
    except HTTPError as error:
        if error.code == 404:
            return None
        raise CheckFailed(
            f"Der Server antwortete mit dem Status {error.code} statt mit der Datei."
        ) from error
    if len(body) > MAX_BYTES:
        raise CheckFailed(
            f"Die Antwort ist größer als {MAX_BYTES} Bytes; die Datei enthält "
            "nur einen Zeitpunkt."
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CheckFailed("Die Antwort ist kein Text (UTF-8).") from error


def reason(error: Exception) -> str:
    """Why asking failed, as one German sentence."""
    if isinstance(error, CheckFailed):
        return str(error)
    if isinstance(error, LineTooLong):
        return "Der Server schickte zu lange Kopfzeilen (Header)."
    if isinstance(error, IncompleteRead):
        return "Die Antwort brach mittendrin ab."
    if isinstance(error, (HTTPException, ConnectionResetError)):
        return (
            "Die Antwort ist kein gültiges HTTP (abgebrochen, zu viele oder zu "
            "lange Kopfzeilen, oder dort antwortet kein Webserver)."
        )
    if isinstance(error, (TimeoutError, socket.timeout)) or (
        isinstance(error, URLError) and isinstance(error.reason, TimeoutError)
    ):
        return "Die Website antwortete nicht rechtzeitig."
    if isinstance(error, URLError):
        return "Die Verbindung kam nicht zustande (Adresse oder Netz prüfen)."
    if isinstance(error, ValueError):
        return "Die Datei enthält keinen lesbaren Zeitpunkt mit Zeitzone."
    return "Die Verbindung kam nicht zustande."


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
        due, said = (False, "") if text is None else verdict(text, now or _now())
    except (CheckFailed, HTTPException, OSError, ValueError) as error:
        print(
            f"Die Website „{args[0]}“ ließ sich nicht fragen, ob ein Beitrag "
            f"fällig ist: {reason(error)}",
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
    print(said)
    return 0


def _now() -> datetime:
    return datetime.now(UTC)


if __name__ == "__main__":
    sys.exit(main())
