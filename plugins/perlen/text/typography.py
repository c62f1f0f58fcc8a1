"""German (and English) typography for runs of plain text: quotes, dashes,
spaces, widows.

Pure functions over the text runs of one block (a paragraph, a heading, a
title) in reading order. The caller collects the runs from the element tree,
so code, raw HTML and attributes never get here; URLs, which do, are masked
while the rules run. Each run is set with the characters around it as
context: the one before (for quotes and dashes) and a few after (for a unit
in a `caps` span after a number, or a dash at the end of the block).

Quotes and apostrophes are set by `quotes`, dashes by `dashes`; this
module runs them with the rules for spaces. typogrify's `amp`, `caps` and
`widont` live here too: typogrify works on finished HTML, its `caps` misses
German capitals (ÖPNV), and its quotes and dashes are English.

German rules follow Duden and DIN 5008: no-break spaces after abbreviations
(`z. B.`, `S. 12 f.`, `Dr. Müller`) and before units, `z.B.` typed without
space gets a narrow no-break space, and an ellipsis after a whole word gets
a space before it (`Das ist doch …`). Spaces typed as none get a narrow
no-break space (`20%`, `30°C`), `§5` and `EUR 2.500` a no-break space; an
accent typed for an apostrophe (`geht´s`) becomes one.

Speed: each pattern begins with a character or a class, its lookbehinds
after it; a pattern that begins with a lookbehind or with alternatives is
tried at every position of every text. Where alternatives begin with
different characters, one class comes first and lookbehinds tell which
alternative applies (`dashes._DASHES`, `_spaces`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from babel.dates import get_month_names

from perlen.text.dashes import close_ranges, set_dashes, word_at
from perlen.text.quotes import neighbours, set_quotes

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
# Languages with rules of their own; other text keeps its characters.
LANGUAGES = ("de", "en")

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
        text, stop = close_ranges(text, stop)
    if "-" in text or ".." in text:
        text = set_dashes(text, locale, stop)
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
    word = word_at(match.string, start - 1, -1, "'’")
    if match.end() <= stop and (
        match.group("space") or (len(word) > 1 and _VOWEL.search(word))
    ):
        return NBSP + "…"
    return match.group()


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
    before, after = neighbours(texts)
    texts = [
        _set(before[i] + text + after[i], names_locale, lang, len(text) + 1)
        if editable[i] and text
        else text
        for i, text in enumerate(texts)
    ]
    texts = set_quotes(texts, editable, lang, guillemets)
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
