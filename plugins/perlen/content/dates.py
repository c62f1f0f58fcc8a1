"""German dates: parse what writers type, format with CLDR data via Babel.

Pure functions with an explicit locale and time zone, no dependence on the
process's locale (CI machines rarely have `de_DE` installed).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, get_day_names, get_month_names

from perlen.problems import ProblemError
from perlen.text.headings import GERMAN_SPELLING

BERLIN = ZoneInfo("Europe/Berlin")
DEFAULT_PATTERN = "EEEE, d. MMMM y"


def fold(text: str) -> str:
    """Lower-case and spell umlauts out, so `März` and `Maerz` compare equal
    (the spelling heading anchors use, too)."""
    return text.casefold().translate(GERMAN_SPELLING)


@lru_cache(maxsize=8)
def _names(locale: str) -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names (wide and abbreviated) from CLDR, folded."""
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale).items():
                months[fold(name).rstrip(".")] = number
            for number, name in get_day_names(width, context, locale).items():
                weekdays[fold(name).rstrip(".")] = number
    return months, weekdays


_TIME = r"(?:\s*,?\s*(?:um\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*uhr)?)?"
_WEEKDAY = r"(?:(?P<weekday>[^\W\d_]+)\.?\s*,?\s+)?"
_FORMS = [
    re.compile(
        rf"^{_WEEKDAY}(?P<year>\d{{4}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})"
        rf"(?:t|\s+)?{_TIME}$"
    ),
    re.compile(
        rf"^{_WEEKDAY}(?P<day>\d{{1,2}})\.\s*(?P<month>\d{{1,2}})\.\s*"
        rf"(?P<year>\d{{4}}){_TIME}$"
    ),
    re.compile(
        rf"^{_WEEKDAY}(?P<day>\d{{1,2}})\.\s*(?P<monthname>[^\W\d_]+)\.?\s+"
        rf"(?P<year>\d{{4}}){_TIME}$"
    ),
]

# ISO 8601 with time, seconds and offset, as exporters and web editors write
# it: `2021-03-09T10:00:00+01:00`, `2021-03-09T09:00:00Z`.
_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|[+-]\d{2}:?\d{2})?$"
)

EXAMPLES = "„Dienstag, 28. September 2021“, „28.09.2021“ oder „2021-09-28 14:30“"


def parse_date(text: str, *, locale: str = "de", tz: ZoneInfo = BERLIN) -> datetime:
    """Read a German date (with optional time) as an aware datetime in `tz`.

    Accepted: `Dienstag, 28. September 2021`, `28. Sept. 2021`, `28.09.2021`,
    `28.9.2021`, `2021-09-28`, each optionally followed by `14:30` or
    `14:30 Uhr`, and ISO 8601 (`2021-03-09T10:00:00+01:00`; a time with an
    offset is converted to `tz`). A weekday that contradicts the date is an
    error, not a guess.
    """
    folded = " ".join(fold(text).split())
    if _ISO_DATETIME.match(folded):
        return _iso_datetime(text, folded, tz)
    months, _ = _names(locale)
    for form in _FORMS:
        match = form.match(folded)
        if match:
            break
    else:
        raise ProblemError.at(
            None,
            f"„{text}“ ist kein Datum, das ich lesen kann.",
            f"Bitte so schreiben: {EXAMPLES}.",
        )
    parts = match.groupdict()
    if parts.get("monthname"):
        month = months.get(parts["monthname"])
        if month is None:
            raise ProblemError.at(
                None,
                f"„{text}“: Den Monat „{parts['monthname'].capitalize()}“ "
                "kenne ich nicht.",
                "Bitte den Monatsnamen ausschreiben, z. B. „28. September 2021“.",
            )
    else:
        month = int(parts["month"])
    try:
        day = date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        raise ProblemError.at(
            None,
            f"„{text}“: Diesen Tag gibt es nicht.",
            "Bitte Tag und Monat prüfen.",
        ) from None
    if parts.get("weekday"):
        check_weekday(text, parts["weekday"], day, locale=locale)
    at = time(0, 0)
    if parts.get("hour") is not None:
        try:
            at = time(int(parts["hour"]), int(parts["minute"]))
        except ValueError:
            raise ProblemError.at(
                None,
                f"„{text}“: Die Uhrzeit gibt es nicht.",
                "Bitte im Format „14:30“ oder „14:30 Uhr“ schreiben.",
            ) from None
    return datetime.combine(day, at, tzinfo=tz)


def _iso_datetime(text: str, folded: str, tz: ZoneInfo) -> datetime:
    try:
        value = datetime.fromisoformat(folded.upper().replace(",", "."))
    except ValueError:
        raise ProblemError.at(
            None,
            f"„{text}“: Diesen Zeitpunkt gibt es nicht.",
            "Bitte Datum, Uhrzeit und Zeitzone prüfen, "
            "z. B. „2021-03-09T10:00:00+01:00“.",
        ) from None
    if value.tzinfo is None:
        return value.replace(tzinfo=tz)
    return value.astimezone(tz)


def check_weekday(text: str, weekday: str, day: date, *, locale: str = "de") -> None:
    """Fail when the weekday a writer typed is not the date's weekday."""
    _, weekdays = _names(locale)
    actual = format_date(day, "EEEE", locale=locale)
    expected = weekdays.get(weekday)
    if expected is None:
        raise ProblemError.at(
            None,
            f"„{text}“: Den Wochentag „{weekday.capitalize()}“ kenne ich nicht.",
            f"Der {day:%d.%m.%Y} ist ein {actual}.",
        )
    if expected != day.weekday():
        raise ProblemError.at(
            None,
            f"„{text}“ – der {day:%d.%m.%Y} ist ein {actual}.",
            "Bitte Wochentag oder Datum korrigieren.",
        )


@lru_cache(maxsize=65536)
def format_date(
    value: date | datetime,
    pattern: str = DEFAULT_PATTERN,
    *,
    locale: str = "de",
    tz: ZoneInfo = BERLIN,
) -> str:
    """Format a date with a CLDR pattern, e.g. `Dienstag, 28. September 2021`.

    Memoized: every listing a post appears on formats its date again, and
    Babel takes tens of microseconds per call (a tenth of a rebuild).
    """
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(12, 0), tzinfo=tz)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return format_datetime(value, pattern, tzinfo=tz, locale=locale)
