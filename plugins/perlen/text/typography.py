"""German (and English) typography for runs of plain text: quotes, dashes,
spaces, widows.

Pure functions over the text runs of one block (a paragraph, a heading, a
title) in reading order. The caller collects the runs from the element tree,
so code, raw HTML and attributes never get here; URLs, which do, are masked
while the rules run. Each run is set with the characters around it as
context: the one before (for quotes and dashes) and a few after (for a unit
in a `caps` span after a number, or a dash at the end of the block).

Quotes come from docutils' smartquotes (German, guillemets or English),
after a pairing pass that tells the apostrophe (`fass' es` → `fass’ es`,
`'90er`, `Grass' Romane`, `Hab' ich`) from a closing ‚quote‘, which docutils
alone cannot. English quotes typed in a German text („“ and ‚‘ are German)
are set as German ones. typogrify's `amp`, `caps` and `widont` live here
too: typogrify works on finished HTML, its `caps` misses German capitals
(ÖPNV), and its quotes and dashes are English.

German rules follow Duden and DIN 5008: en dash for ranges (`9.30–17.00
Uhr`, `Mo–Fr`), a real minus (`−5 °C`), hyphens kept in dates, ISBNs and
phone numbers (`030 123456-78`); no-break spaces after abbreviations
(`z. B.`, `S. 12 f.`, `Dr. Müller`) and before units, `z.B.` typed without
space gets a narrow no-break space, and an ellipsis after a whole word gets
a space before it (`Das ist doch …`). Spaces typed as none get a narrow
no-break space (`20%`, `30°C`), `§5` and `EUR 2.500` a no-break space; an
accent typed for an apostrophe (`geht´s`) becomes one. A range dash only
where a range is meant (`_range`): identifiers keep their hyphen.

Speed: each pattern begins with a character or a class, its lookbehinds
after it; a pattern that begins with a lookbehind or with alternatives is
tried at every position of every text. Where alternatives begin with
different characters, one class comes first and lookbehinds tell which
alternative applies (`_DASHES`, `_spaces`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from babel.dates import get_day_names, get_month_names
from docutils.utils.smartquotes import educateQuotes

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
MINUS = "\u2212"
# Languages with rules of their own; other text keeps its characters.
LANGUAGES = ("de", "en")
# How many characters after a run the rules may look at.
_AFTER = 12

# A URL in prose. As in GitHub's autolinks, trailing punctuation is not part
# of it; neither are quotation marks, which a URL cannot contain unencoded
# (but the apostrophe, which it can).
URL = re.compile(
    r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)[^\s<>\"“”„‘’‚»«…]*"
    r"[^\s<>\"“”„‘’‚»«….,;:!?*_~)]"
)
# While the rules run, URLs are replaced by characters of Unicode's
# supplementary private use plane, which no writer types.
_MASK_BASE = 0xF0000
_MASKED = re.compile(f"[{chr(_MASK_BASE)}-{chr(_MASK_BASE + 0xFFFD)}]")

# typogrify's `amp` and `caps`; the caller wraps a match in a span whose
# class is the group's name. `amp`: an ampersand between spaces. `caps`: a
# word of capitals and digits with at least two capitals, German ones too.
AMP = re.compile(r"(?P<amp>&(?<=[\s\u00a0]&)(?=[\s\u00a0]))")
_CAPITAL = "A-ZÄÖÜẞ"
CAPS = re.compile(
    rf"(?P<caps>(?:\d(?<!\w.)\d*[{_CAPITAL}]|[{_CAPITAL}](?<!\w.))"
    rf"\d*[{_CAPITAL}][{_CAPITAL}\d]*)(?!\w)"
)
# A cheap test whether a text can contain `caps` at all.
CAPS_HINT = re.compile(rf"[{_CAPITAL}][{_CAPITAL}\d]")

# Units and words that belong to the number before them: "5 km", "S. 12 f.".
UNITS = (
    "%", "‰", "€", "$", "£", "¥", "°C", "°F", "°", "K", "km/h", "km²", "m²", "m³",
    "cm²", "cm³", "mm²", "km", "cm", "mm", "µm", "nm", "m", "kg", "mg", "µg", "g",
    "t", "l", "ml", "cl", "dl", "hl", "ha", "h", "min", "s", "ms", "Min.", "Std.",
    "Sek.", "Mon.", "Jh.", "Jhd.", "V", "mV", "kV", "W", "kW", "MW", "Wh", "kWh",
    "MWh", "GWh", "A", "mA", "mAh", "Hz", "kHz", "MHz", "GHz", "dB", "Pa", "hPa",
    "bar", "kcal", "kJ", "J", "PS", "B", "kB", "KB", "MB", "GB", "TB", "PB", "KiB",
    "MiB", "GiB", "TiB", "Bit", "Byte", "kbit/s", "Mbit/s", "Gbit/s", "MB/s",
    "GB/s", "fps", "bpm", "px", "pt", "dpi", "ppi", "Uhr", "Euro", "EUR", "USD",
    "CHF", "GBP", "Cent", "ct", "Ct.", "Dollar", "Franken", "Pfund", "Prozent",
    "Grad", "Stk.", "Mio.", "Mrd.", "Bio.", "Tsd.", "f.", "ff.",
)  # fmt: skip
# Abbreviations that stand before a number: "S. 12", "Nr. 5", "ca. 3", in
# either case ("Ca. 5 km" at the start of a sentence).
_BEFORE_NUMBER = (
    "S", "Nr", "Nrn", "Abs", "Art", "Bd", "Bde", "Kap", "Abb", "Tab", "Ziff",
    "Anm", "ca", "Tel", "Bsp", "Fn", "Rn", "Rz", "Sp", "Z", "Jg", "Abschn", "Aufl",
    "Pos", "Gl", "Hft", "Vers", "Zi", "Pkt", "Fig",
)  # fmt: skip
# Titles before a name: "Dr. Müller", "Prof. Dr. Klein", "St. Pauli".
_BEFORE_NAME = ("Dr", "Prof", "Hr", "Fr", "St", "Dipl.-Ing", "Mag")
# Abbreviations of several parts typed without spaces; each gets a narrow
# no-break space: "z.B." → "z. B." (Duden allows both spacings).
_JOINED = (
    "z.B.", "d.h.", "u.a.", "o.ä.", "o.Ä.", "u.ä.", "u.Ä.", "s.o.", "s.u.", "u.U.",
    "z.T.", "v.a.", "m.E.", "i.d.R.", "u.v.m.", "i.A.", "i.V.", "n.Chr.", "v.Chr.",
    "z.Zt.", "z.Z.", "o.g.", "s.a.", "m.W.", "u.dgl.", "a.D.", "i.R.", "e.V.",
)  # fmt: skip


def _both_cases(words: Sequence[str]) -> list[str]:
    """`words` as typed and with their first letter in the other case; not
    for single letters ("s." is "siehe", not "S.")."""
    result = set(words)
    for word in words:
        if len(word) > 1:
            result |= {word[0].upper() + word[1:], word[0].lower() + word[1:]}
    return sorted(result)


# A cheap test whether a text can contain one (a letter, a dot, a letter).
_JOINED_HINT = re.compile(r"\.(?<=[^\W\d_]\.)(?=[^\W\d_])")
_JOINED_PATTERN = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(
        re.escape(w) for w in sorted(_both_cases(_JOINED), key=len, reverse=True)
    )
    + r")(?!\w)"
)

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


# ISO 4217 codes written before an amount; each ends in a letter of the
# lookbehind class that starts `_spaces`.
_CURRENCY_CODES = "(?:EUR|USD|CHF|GBP|JPY)"


def _alternatives(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _spaces(locale: str, lang: str) -> re.Pattern[str]:
    """Spaces that must not break, each match being the space alone.

    Only the space is matched; one lookbehind for the characters that can
    precede such a space rules out most spaces before the alternatives run.
    German abbreviations count in German text only.
    """
    after_dot = []
    units = _alternatives(UNITS)
    if lang == "de":
        months = _alternatives(
            [
                *get_month_names("wide", locale=locale).values(),
                *get_month_names("abbreviated", locale=locale).values(),
            ]
        )
        after_dot = [
            r"(?<=(?<![\w.])[^\W\d_]\. )(?=[^\W\d_]{1,2}\.)",  # z. B., z. Hd.
            rf"(?<=(?<![\w.])\d\. )(?=(?:{months})(?!\w))",  # 1. Mai
            rf"(?<=(?<![\w.])\d\d\. )(?=(?:{months})(?!\w))",  # 28. September
            *(
                rf"(?<=(?<![\w.]){re.escape(a)}\. )(?=\d)"
                for a in _both_cases(_BEFORE_NUMBER)
            ),  # S. 12, ca. 5, Ca. 5
            *(
                rf"(?<=(?<![\w.]){re.escape(a)}\. )"
                r"(?=[A-ZÄÖÜ]|(?:med|phil|rer|jur|h\.c)\.)"
                for a in _BEFORE_NAME
            ),  # Dr. Müller
            *(
                rf"(?<=\d {a}\. )(?=(?:{units})(?!\w))"
                for a in ("Mio", "Mrd", "Tsd", "Bio")
            ),  # 3 Mio. Euro
        ]
    return re.compile(
        r" (?<=[.\d§€$£DFPRY] )"
        rf"(?:{'|'.join([*after_dot, ''])}"
        rf"(?<=\d )(?=(?:{units})(?!\w))"  # 5 km, 10 %, 20 €
        r"|(?=\d)(?:(?<=(?<!\S)§ )|(?<=(?<!\S)§§ ))"  # § 5, §§ 5
        r"|(?<=[€$£] )(?=\d)"  # € 20
        rf"|(?<=(?<!\w){_CURRENCY_CODES} )(?=\d))"  # EUR 2.500 (DIN 5008)
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


def _word_at(text: str, start: int, step: int, inner: str = "") -> str:
    """The letters (and `inner` characters) from `start` on, in direction `step`."""
    end = start
    while 0 <= end < len(text) and (text[end].isalpha() or text[end] in inner):
        end += step
    return text[start:end] if step > 0 else text[end + 1 : start + 1]


def _words(text: str, dash: int, locale: str) -> bool:
    """Whether the hyphen at `dash` joins a range of weekdays or months."""
    first = _word_at(text, dash - 1 - (text[dash - 1] == "."), -1)
    second = _word_at(text, dash + 1, 1)
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


def _rules(text: str, locale: str, lang: str, stop: int) -> str:
    """Dashes, ellipses and non-breaking spaces in `text[1:stop]`; the rest
    is context."""
    if lang == "de" and "." in text and _JOINED_HINT.search(text):
        text, stop = _join_abbreviations(text, stop)
    if "´" in text or "`" in text:
        text = _ACCENT_APOSTROPHE.sub("’", text)
    if lang == "de" and ("%" in text or "°" in text or "§" in text or "‰" in text):
        text, stop = _insert_spaces(text, stop)
    if " - " in text:
        text, stop = _close_ranges(text, stop)
    if "-" in text or ".." in text:
        text = _DASHES.sub(lambda m: _dash(m, locale, stop), text)
    if " " in text:
        spaces = _spaces(locale, lang)
        if " " in text[stop:]:
            text = spaces.sub(lambda m: NBSP if m.start() < stop else " ", text)
        else:  # a plain replacement is faster than a callback
            text = spaces.sub(NBSP, text)
    if lang == "de" and "…" in text:
        text = _ELLIPSIS_AFTER_WORD.sub(lambda m: _ellipsis_space(m, stop), text)
    return text


def _ellipsis_space(match: re.Match[str], stop: int) -> str:
    """A no-break space before an ellipsis after a whole word: two letters or
    more, one of them a vowel ("doch …"), not a cut-off "Sch…"; a space the
    writer typed there becomes one too."""
    start = match.start()
    word = _word_at(match.string, start - 1, -1, "'’")
    if match.end() <= stop and (
        match.group("space") or (len(word) > 1 and _VOWEL.search(word))
    ):
        return NBSP + "…"
    return match.group()


# A range typed with spaces: "10 - 12 Uhr", "1990 - 2000" (DIN 5008: no spaces).
_SPACED_RANGE = re.compile(r" -(?<=\d -) (?=\d)")


def _close_ranges(text: str, stop: int) -> tuple[str, int]:
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


# An acute or grave accent typed for an apostrophe between letters
# (`geht´s`, `gibt`s`), or an acute after a word (`Andreas´`): the accent
# keys sit where the apostrophe would be, and neither stands alone in text.
_ACCENT_APOSTROPHE = re.compile(r"[´`](?<=[^\W\d_][´`])(?=[^\W\d_])|´(?<=[^\W\d_]´)")
# Spaces Duden and DIN 5008 set where a writer often types none: a narrow
# no-break space between a number and `%`, `‰`, `°C`, `°F` (not in a
# compound such as `5%-Hürde`, and not before the `°` of an angle), and a
# no-break space after `§`.
_MISSING_SPACE = re.compile(
    r"(?<=\d)(?P<narrow>(?:[%‰]|°[CF])(?![\w-]))|(?P<after>§§?)(?=\d)(?<!\w§)(?<!\w§§)"
)


def _insert_spaces(text: str, stop: int) -> tuple[str, int]:
    """`20%` → `20 %`, `30°C` → `30 °C`, `§5` → `§ 5`; the new `stop`."""
    pieces, position = [], 0
    for match in _MISSING_SPACE.finditer(text, 1, stop):
        if match.group("narrow"):
            pieces += [text[position : match.start()], NARROW_NBSP, match.group()]
        else:
            pieces += [text[position : match.start()], match.group(), NBSP]
        position = match.end()
        stop += 1
    return "".join(pieces) + text[position:], stop


def _join_abbreviations(text: str, stop: int) -> tuple[str, int]:
    """`z.B.` → `z. B.` with narrow no-break spaces; the new `stop`."""
    pieces, position = [], 0
    for match in _JOINED_PATTERN.finditer(text, 1, stop):
        word = match.group()
        spaced = word[:-1].replace(".", "." + NARROW_NBSP) + "."
        pieces += [text[position : match.start()], spaced]
        position = match.end()
        stop += len(spaced) - len(word)
    return "".join(pieces) + text[position:], stop


# An ellipsis after a word, not inside one ("Verfl…ter"); `_ellipsis_space`.
_ELLIPSIS_AFTER_WORD = re.compile(
    r"(?:(?P<space> )(?<=[^\W\d_] )…|…(?<=[^\W\d_]…))(?![^\W\d_])"
)
_VOWEL = re.compile("[aeiouyäöüAEIOUYÄÖÜ]")


def _neighbours(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """For each text, the character before it in the block (a space at the
    block's start), and the characters after it (up to `_AFTER`)."""
    before, last = [], " "
    for text in texts:
        before.append(last)
        last = text[-1:] or last
    after, following = [], ""
    for text in reversed(texts):
        after.append(following)
        following = (text[:_AFTER] + following)[:_AFTER]
    return before, after[::-1]


_CLOSING_AFTER = frozenset(".,;:!?…)")
# Words that begin with an apostrophe: 's, 'n Abend, 'ne, 'rein; 'em, 'til.
_ELIDED = re.compile(
    r"'(?:s|n|ne|nen|nem|ner|m|em|rein|raus|rum|runter|rüber|rauf|til|cause)\b"
)
# A year cut short: '90er, '22, '68ers.
# Not before a slash: '24/7' is a quotation of "24/7".
_DECADE = re.compile(r"'\d\d(?![\d/])")
# Words whose end is cut off by an apostrophe when a word follows: hab' ich,
# geh' doch; Grass' Romane, Marx' Werk (genitive); nothin' else.
_ELIDED_END = re.compile(
    r"(?:(?<![^\W\d_])(?:hab|hätt|würd|könnt|sollt|wollt|müsst|dürft|möcht|"
    r"geh|steh|seh|komm|mach|sag|lass|nehm|geb|glaub|find|denk|mein|wär|hör|"
    r"schreib|bleib|lieb|heut|gern|will|kann|hatt|ruf|fahr|lauf|bring|zeig)"
    r"|[sßxz]|ce|in)$",
    re.IGNORECASE,
)


def _apostrophes(texts: list[str], editable: Sequence[bool]) -> None:
    """Turn each `'` that is an apostrophe into ’; leave quotes to docutils.

    Inside a word it is one (`geht's`), before an elided word (`'s`, `'ne`)
    and before a year (`'90er`). At a word's end it closes a quote opened
    before in the block, else it is one (`fass' es`, `Andreas'`) – unless
    the word is one that loses its end (`hab'`, `Grass'`) and a word
    follows: then it is an apostrophe when a clearer closing quote still
    comes for each open one (`'Hab' ich doch gesagt!'`).
    """
    before, after = _neighbours(texts)
    marks: list[tuple[int, int, str]] = []  # (run, offset, kind)
    for i, text in enumerate(texts):
        if not editable[i] or "'" not in text:
            continue
        j = text.find("'")
        while j >= 0:
            prev = text[j - 1] if j else before[i]
            nxt = text[j + 1] if j + 1 < len(text) else after[i][:1]
            marks.append((i, j, _kind(texts, i, j, prev, nxt, after[i])))
            j = text.find("'", j + 1)
    strong_left = sum(kind == "strong" for _, _, kind in marks)
    open_quotes: list[tuple[int, int]] = []
    apostrophes: list[tuple[int, int]] = []
    for i, j, kind in marks:
        if kind == "apostrophe":
            apostrophes.append((i, j))
        elif kind == "open":
            open_quotes.append((i, j))
        elif kind == "strong":
            strong_left -= 1
            if open_quotes:
                open_quotes.pop()
            else:
                apostrophes.append((i, j))
        elif kind == "weak":
            if open_quotes and strong_left < len(open_quotes):
                open_quotes.pop()
            else:
                apostrophes.append((i, j))
    for i, j in apostrophes + open_quotes:
        texts[i] = texts[i][:j] + "’" + texts[i][j + 1 :]


def _kind(texts: list[str], i: int, j: int, prev: str, nxt: str, after: str) -> str:
    """What the `'` at `texts[i][j]` is: "apostrophe", "open", "strong" or
    "weak" (a closing quote or an apostrophe), or "" (docutils decides)."""
    text = texts[i]
    if prev.isalnum() and nxt.isalnum():
        return "apostrophe"
    if prev in _CLOSING_AFTER and not nxt.isalnum():
        return "strong"
    if not prev.isalnum():
        rest = text[j:] + after
        if _ELIDED.match(rest) or _DECADE.match(rest):
            return "apostrophe"
        return "open" if nxt.isalnum() else ""
    rest = (text[j + 1 :] + after)[:2]
    if rest[:1].isspace() and rest[1:2].isalpha() and _ELIDED_END.search(text[:j]):
        return "weak"
    return "strong"


# Quotation marks that are not German, typed in a German text: “…” and ‘…’
# (English), ”…” (Swedish). “ and ‘ are German closing marks, ‘ and ’ also
# apostrophes, so they are read as quotes only where the position says so.
_FOREIGN_QUOTES = re.compile(
    r"[“‘](?<=[\s(\[{—–\-/\x02][“‘])|”|’(?=[\s.,;:!?…)\]}—–\-\x02]|$)"
)


def _straighten(texts: list[str], editable: Sequence[bool]) -> None:
    """Make typed English quotes in German text straight, for docutils to set
    as German ones: “Hallo” → "Hallo" → „Hallo“; ‘so’ → 'so' → ‚so‘.

    A ’ after a word closes only a ‘ opened before it; otherwise it stays an
    apostrophe (Grass’ Romane).
    """
    before, after = _neighbours(texts)
    single_open = 0
    for i, text in enumerate(texts):
        if not editable[i] or not any(q in text for q in "“”‘’"):
            continue
        chars = list(text)
        for match in _FOREIGN_QUOTES.finditer(before[i] + text + after[i][:1], 1):
            char, k = match.group(), match.start() - 1
            if k >= len(text):
                break
            if char == "‘":
                single_open += 1
            elif char == "’":
                if not single_open:
                    continue
                single_open -= 1
            chars[k] = "'" if char in "‘’" else '"'
        texts[i] = "".join(chars)


def _quotes(texts: list[str], editable: Sequence[bool], language: str) -> list[str]:
    """docutils' quotes, each run with the character before it as context.

    This is docutils' `educate_tokens` without its backslash escapes, which
    would eat backslashes that Markdown has already dealt with.
    """
    before, _ = _neighbours(texts)
    contexts = [c.replace('"', ";").replace("'", ";") for c in before]
    return [
        _educate(context + text, language)[1:]
        if editable[i] and ('"' in text or "'" in text)
        else text
        for i, (context, text) in enumerate(zip(contexts, texts, strict=True))
    ]


# A quote right after a colon or slash, before a word: it opens a quotation
# (`Er sagte:"Hallo"`, `"Dienstleister"/"Partner"`), which docutils would
# close because no space precedes it.
_OPENS_AFTER = re.compile(r"""["'](?<=[:/]["'])(?=\w)""")
# White space for docutils (`\s`), which no writer can type: the reader
# rejects control characters.
_SPACE_MARK = "\x1f"


def _educate(text: str, language: str) -> str:
    """docutils' quotes, with quotes after a colon or slash opening."""
    if ':"' in text or "/'" in text or ":'" in text or '/"' in text:
        marked = _OPENS_AFTER.sub(lambda m: _SPACE_MARK + m.group(), text)
        if marked != text:
            return educateQuotes(marked, language).replace(_SPACE_MARK, "")
    return educateQuotes(text, language)


def _quote_language(lang: str, guillemets: bool) -> str:
    if lang == "en":
        return "en"
    return "de-x-altquot" if guillemets else "de"


def typeset(
    runs: Sequence[tuple[str, bool]],
    *,
    guillemets: bool,
    locale: str,
    lang: str = "de",
) -> list[str]:
    """The typeset text of each run of one block, in `lang` ("de" or "en").

    `runs` are `(text, editable)` in reading order; runs that must not change
    (code, emoji) are context only and come back as they are.
    """
    editable = [e for _, e in runs]
    urls: list[str] = []
    names_locale = locale if lang == locale.split("_")[0] else lang

    def mask(match: re.Match[str]) -> str:
        urls.append(match.group())
        return chr(_MASK_BASE + len(urls) - 1)

    texts = [
        URL.sub(mask, t) if e and ("://" in t or "www." in t) else t for t, e in runs
    ]
    before, after = _neighbours(texts)
    texts = [
        _set(before[i] + text + after[i], names_locale, lang, len(text) + 1)
        if editable[i] and text
        else text
        for i, text in enumerate(texts)
    ]
    if lang == "de" and any(
        e and ("“" in t or "”" in t or "‘" in t)
        for t, e in zip(texts, editable, strict=True)
    ):
        _straighten(texts, editable)
    if any(("'" in t or '"' in t) for t, e in zip(texts, editable, strict=True) if e):
        _apostrophes(texts, editable)
        texts = _quotes(texts, editable, _quote_language(lang, guillemets))
    if urls:
        texts = [
            _MASKED.sub(lambda m: urls[ord(m.group()) - _MASK_BASE], t) for t in texts
        ]
    return texts


def _set(text: str, locale: str, lang: str, stop: int) -> str:
    """`_rules` on a run between its context; the run's new text."""
    after = len(text) - stop
    result = _rules(text, locale, lang, stop)
    return result[1 : len(result) - after]


# Breaking white space (NBSP does not break).
_BREAKING = " \t\r\n"


def _last_space(text: str, end: int) -> tuple[int, int] | None:
    """Start and end of the last run of breaking white space in `text[:end]`.

    What `re.search(r"[ \t\r\n]+(?=[^ \t\r\n]*$)", text[:end])` finds,
    whose `$` also matches before a final newline; `rfind` from the end
    instead of a regex that would try every space.
    """
    if end and text[end - 1] == "\n":
        found = _last_run(text, end - 1)
        if found is None:
            return end - 1, end
        return (found[0], end) if found[1] == end - 1 else found
    return _last_run(text, end)


def _last_run(text: str, end: int) -> tuple[int, int] | None:
    stop = max(text.rfind(char, 0, end) for char in _BREAKING)
    if stop < 0:
        return None
    start = stop
    while start and text[start - 1] in _BREAKING:
        start -= 1
    return start, stop + 1


def widont(runs: Sequence[tuple[str, bool]]) -> tuple[int, str] | None:
    """Where to glue the block's last word to the one before, as typogrify does.

    Returns the index of the run and its new text, with the last breaking
    space before the last word made non-breaking; None when there is no such
    space, it follows a line break, or it lies in a run that must not change.
    """
    seen_word = False
    for i in range(len(runs) - 1, -1, -1):
        text, editable = runs[i]
        end = len(text) if seen_word else len(text.rstrip(_BREAKING))
        space = _last_space(text, end)
        if space is None:
            seen_word = seen_word or end > 0
            continue
        start, stop = space
        if not editable or _char_before(runs, i, start).isspace():
            return None
        return i, text[:start] + NBSP + text[stop:]
    return None


def _char_before(runs: Sequence[tuple[str, bool]], index: int, start: int) -> str:
    if start:
        return runs[index][0][start - 1]
    return next((text[-1] for text, _ in reversed(runs[:index]) if text), " ")
