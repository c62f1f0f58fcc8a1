"""Dashes in German (and English) text: which hyphen is a range, a minus, a
dash, and which stays a hyphen.

German rules follow Duden and DIN 5008: en dash for ranges (`9.30–17.00
Uhr`, `Mo–Fr`, `12.–14. März`), a real minus (`−5 °C`), an em dash for
`---`, an ellipsis for `...`; hyphens kept in dates, ISBNs and phone numbers
(`030 123456-78`). A range dash only where a range is meant (`_range`):
identifiers keep their hyphen (`ISO 9241-110`, `Auftrags-Nr. 2024-117`).
A range typed with spaces (`10 - 12 Uhr`) is closed up (`close_ranges`).
The rules run on a run's text with the characters around it as context
(`typography`).
"""

from __future__ import annotations

import re
from functools import cache

from babel.dates import get_day_names, get_month_names

MINUS = "\u2212"


# The rules run on a run's text with one character of context in front (the
# last character before it in the block); a match never begins with a
# character it replaces, so the context character is never replaced.
# `_range` reads the whole match, not its group.
_DASHES = re.compile(
    r"[-.](?:"
    r"(?<=-)(?:"
    r"(?P<spaced>(?<=\s-)-?(?=\s|$))"  # " - " and " -- " between words
    r"|(?P<em>(?<=[^-]-)--(?!-))"  # "---"
    r"|(?P<pair>(?<=[^-\s]-)-(?!-))"  # "12--15", "Berlin--Hamburg"
    r"|(?P<minus>(?<=[\s(\[{=≈~±/]-)(?=\d))"  # "-5 °C"
    r"|(?P<range>(?<=\d-)(?=\d))"  # "1990-2000"; checked in `_range`
    r"|(?P<dotted>(?<=\d\.-)(?=\d))"  # "12.-14. März"; `_dotted_range`
    r"|(?P<words>(?:(?<=[^\W\d_]-)|(?<=[^\W\d_]\.-))(?=[A-ZÄÖÜ])))"  # "Mo-Fr"; `_words`
    r"|(?<=\.)(?P<ellipsis>\.\.(?<=[^.]\.\.\.)(?!\.)))"
)


@cache
def _range_words(locale: str) -> frozenset[str]:
    """Weekdays and months, wide and abbreviated: "Mo", "Montag", "Jan"."""
    names = {
        n.rstrip(".")
        for get in (get_day_names, get_month_names)
        for width in ("wide", "abbreviated")
        for n in get(width, locale=locale).values()
    }
    return frozenset(names | set(get_day_names("short", locale=locale).values()))


def set_dashes(text: str, locale: str, stop: int) -> str:
    """En and em dashes, minus signs and ellipses in `text[1:stop]`; the rest
    is context."""
    return _DASHES.sub(lambda m: _dash(m, locale, stop), text)


def _dash(match: re.Match[str], locale: str, stop: int) -> str:
    kind = match.lastgroup
    if match.end() > stop:  # reaches into the context after the run
        return match.group()
    if kind in ("spaced", "pair"):
        return "–"
    if kind == "em":
        return "—"
    if kind == "ellipsis":
        return "…"
    if kind == "minus":
        return MINUS
    if kind == "words":
        return "–" if _words(match.string, match.start(), locale) else "-"
    if kind == "dotted":
        return "–" if _dotted_range(match.string, match.start()) else "-"
    return "–" if _range(match.string, match.start()) else "-"


def word_at(text: str, start: int, step: int, inner: str = "") -> str:
    """The letters (and `inner` characters) from `start` on, in direction `step`."""
    end = start
    while 0 <= end < len(text) and (text[end].isalpha() or text[end] in inner):
        end += step
    return text[start:end] if step > 0 else text[end + 1 : start + 1]


def _words(text: str, dash: int, locale: str) -> bool:
    """Whether the hyphen at `dash` joins a range of weekdays or months."""
    first = word_at(text, dash - 1 - (text[dash - 1] == "."), -1)
    second = word_at(text, dash + 1, 1)
    names = _range_words(locale)
    return first in names and second in names


def _number(text: str, start: int, step: int) -> int:
    """Where the number that begins (step 1) or ends (step -1) at `start`
    ends or begins: digits, with "." or "," between digits (1.000, 10,5)."""
    position = start
    while 0 <= position < len(text):
        char = text[position]
        inner = char in ".," and 0 <= position + step < len(text)
        if char.isdigit() or (inner and text[position + step].isdigit()):
            position += step
        else:
            break
    return position


# Words before a number that make it an identifier, whose hyphen is part of
# it: norms ("ISO 9241-110", "DIN EN 1090-2"), versions and builds.
_IDENTIFIER_WORDS = frozenset(
    {
        "ISO", "DIN", "EN", "IEC", "VDE", "VDI", "DVGW", "ÖNORM", "SN", "BS", "ASTM",
        "ANSI", "IEEE", "RFC", "ECE", "Version", "Build", "Release", "Az.", "Ticket",
        "Artikel", "Art.", "Rechnung", "Auftrag", "Kunde", "Vorgang", "Aktenzeichen",
        "SKU", "ID", "Ref.", "Referenz", "Bestellung", "Projekt", "Datei",
    }
)  # fmt: skip
# The end of a word that names a number ("Nr.", "Auftrags-Nr.", "Kundennummer").
_NUMBER_WORD = re.compile(r"(?:Nr|Nrn|No|nummer|Nummer)\.?$")


def _range(text: str, dash: int) -> bool:
    """Whether the hyphen at `dash` stands for "to" between numbers: "1990-2000",
    "9.30-17.00 Uhr", "1.000-2.000 €", "18-25-Jährige"; not in dates
    (2021-09-28), ISBNs, area codes (0711-123456), extensions (030 123456-78)
    or identifiers: norms (ISO 9241-110), order and invoice numbers
    (Auftrags-Nr. 2024-117, RE-2024-0815), versions (1.2-3). A range counts
    up (`_counts_up`); where that cannot be told, the hyphen stays as typed,
    which never changes what the text says."""
    begin = _number(text, dash - 1, -1) + 1
    end = _number(text, dash + 1, 1)
    first, second = text[begin:dash], text[dash + 1 : end]
    before = text[begin - 1] if begin else " "
    after = text[end] if end < len(text) else " "
    # "18-25-Jährige": a compound after the range.
    compound = after == "-" and text[end + 1 : end + 2].isalpha()
    return not (
        before.isalnum()
        or before in "_.,/-+"
        or (before in " \u00a0" and begin > 1 and text[begin - 2].isdigit())
        or (len(first) > 2 and first.startswith("0") and first.isdigit())
        or (len(second) == 2 and second.startswith("0"))
        or after.isalnum()
        or (after in "_-" and not compound)
        or not _counts_up(first, second)
        or _names_identifier(text[max(0, begin - 40) : begin])
    )


def _counts_up(first: str, second: str) -> bool:
    """Whether "first-second" reads as a range of numbers, not an identifier.

    A part with a dot has two to four digits after it (9.30, 1.000, 23.12.2024),
    not one (the version 1.2-3). Numbers of three digits or more count up
    (100-200; 1990-95 for 1990-1995); 9241-110 or 2024-117 do not.
    """
    for part in (first, second):
        if "." in part and not 2 <= len(part.rsplit(".", 1)[1]) <= 4:
            return False
    if not (first.isdigit() and second.isdigit()) or len(first) < 3:
        return True
    if len(first) == 4 and len(second) == 2:
        return second > first[2:]
    return len(second) >= len(first) and int(second) > int(first)


def _names_identifier(before: str) -> bool:
    """Whether the word before a number makes it an identifier ("ISO 9241")."""
    words = before.split()
    if not words or before[-1:] not in " \u00a0":
        return False
    word = words[-1]
    return (
        word in _IDENTIFIER_WORDS
        or bool(_NUMBER_WORD.search(word))
        or any(part in _IDENTIFIER_WORDS for part in word.split("/"))
    )


# A day, or a day and month, ending in a dot: "12.", "23.12."
_DAY = re.compile(r"(?<![\w.])\d{1,2}\.(?:\d{1,2}\.)?$")
_DAY_AFTER = re.compile(r"\d{1,2}\.(?:\d{1,2}\.(?:\d{4}|\d{2})?)?(?![\w-])")


def _dotted_range(text: str, dash: int) -> bool:
    """Whether the hyphen at `dash` joins dates whose left side ends in a dot:
    "12.-14. März", "23.12.-02.01."."""
    return bool(
        _DAY.search(text, max(0, dash - 7), dash) and _DAY_AFTER.match(text, dash + 1)
    )


# A range typed with spaces: "10 - 12 Uhr", "1990 - 2000" (DIN 5008: no spaces).
_SPACED_RANGE = re.compile(r" -(?<=\d -) (?=\d)")


def close_ranges(text: str, stop: int) -> tuple[str, int]:
    """ "10 - 12" → "10-12" where that is a range (`_range`) and not a sum
    ("5 - 3 = 2"); the new `stop`."""
    pieces, position = [], 0
    for match in _SPACED_RANGE.finditer(text, 1, stop):
        start = match.start()
        closed = text[:start] + "-" + text[match.end() :]
        after = closed[_number(closed, start + 1, 1) :].lstrip(" ")
        if _range(closed, start) and not after.startswith(("=", "+", "-", "·", "×")):
            pieces += [text[position:start], "-"]
            position = match.end()
            stop -= 2
    return "".join(pieces) + text[position:], stop
