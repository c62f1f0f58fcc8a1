"""German typography for runs of plain text: quotes, dashes, spaces, widows.

Pure functions over the text runs of one block (a paragraph, a heading, a
title) in reading order. The caller collects the runs from the element tree,
so code, raw HTML and attributes never get here; URLs, which do, are masked
while the rules run. Quotes come from docutils' smartquotes (German, or
guillemets), after a pairing pass that tells the apostrophe (`fass' es` →
`fass’ es`) from a closing ‚quote‘, which docutils alone cannot. typogrify's
`amp`, `caps` and `widont` live here too: typogrify works on finished HTML,
its `caps` misses German capitals (ÖPNV), and its quotes and dashes are
English.

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

from babel.dates import get_month_names
from docutils.utils.smartquotes import educateQuotes

NBSP = "\u00a0"

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

_UNITS = (
    "%", "‰", "€", "$", "£", "°C", "°F", "°", "km/h", "km²", "m²", "m³", "km", "cm",
    "mm", "m", "kg", "mg", "g", "t", "l", "ml", "h", "min", "s", "ms", "kB", "KB",
    "MB", "GB", "TB", "px", "pt", "dpi", "Uhr", "Euro", "EUR", "Cent", "Prozent",
    "Mio.", "Mrd.", "Tsd.",
)  # fmt: skip
# Abbreviations that stand before a number: "S. 12", "Nr. 5", "ca. 3".
_BEFORE_NUMBER = (
    "S", "Nr", "Abs", "Art", "Bd", "Kap", "Abb", "Tab", "Ziff", "Anm", "ca", "Tel",
)  # fmt: skip

# The rules run on a run's text with one character of context in front (the
# last character before it in the block); a match never begins with a
# character it replaces, so the context character is never replaced.
# `_range` reads the whole match, not its group.
_DASHES = re.compile(
    r"[-\d.](?:"
    # " - " and " -- " between words, "---"
    r"(?<=-)(?:(?P<spaced>(?<=\s-)-?(?=\s))|(?P<em>(?<=[^-]-)--(?!-)))"
    r"|(?<=\d)(?P<range>\d*-\d+)"  # checked in `_dash`
    r"|(?<=\.)(?P<ellipsis>\.\.(?<=[^.]\.\.\.)(?!\.)))"
)


def _alternatives(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _spaces(locale: str) -> re.Pattern[str]:
    """Spaces that must not break, each match being the space alone.

    Only the space is matched, so `sub` replaces it with a string instead of
    calling back into Python; one lookbehind for the characters that can
    precede such a space rules out most spaces before the alternatives run.
    """
    months = _alternatives(
        [
            *get_month_names("wide", locale=locale).values(),
            *get_month_names("abbreviated", locale=locale).values(),
        ]
    )
    after_dot = [
        r"(?<=(?<![\w.])[^\W\d_]\. )(?=[^\W\d_]\.)",  # z. B., d. h., u. a.
        rf"(?<=(?<![\w.])\d\. )(?=(?:{months})(?!\w))",  # 1. Mai
        rf"(?<=(?<![\w.])\d\d\. )(?=(?:{months})(?!\w))",  # 28. September
        *(rf"(?<=(?<![\w.]){a}\. )(?=\d)" for a in _BEFORE_NUMBER),  # S. 12
    ]
    return re.compile(
        r" (?<=[.\d§€$£] )"
        rf"(?:{'|'.join(after_dot)}"
        rf"|(?<=\d )(?=(?:{_alternatives(_UNITS)})(?!\w))"  # 5 km, 10 %, 20 €
        r"|(?=\d)(?:(?<=(?<!\S)§ )|(?<=(?<!\S)§§ ))"  # § 5, §§ 5
        r"|(?<=[€$£] )(?=\d))"  # € 20
    )


def _dash(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind == "spaced":
        return "–"
    if kind == "em":
        return "—"
    if kind == "ellipsis":
        return "…"
    return _range(match)


def _range(match: re.Match[str]) -> str:
    """An en dash in "1990-2000", "9-17 Uhr"; not in dates, ISBNs, 0711-123456."""
    text, (start, end) = match.string, match.span()
    first = match.group().split("-")[0]
    before = text[start - 1] if start else " "
    after = text[end : end + 2] + "  "
    if (
        before.isalnum()
        or before in "_.,/-"
        or (len(first) > 2 and first.startswith("0"))
        or after[0].isalnum()
        or after[0] in "_-"
        or (after[0] in ".,/" and after[1].isdigit())
    ):
        return match.group()
    return match.group().replace("-", "–")


def _rules(text: str, locale: str) -> str:
    """Dashes, ellipses and non-breaking spaces; `text[0]` is context."""
    if "-" in text or ".." in text:
        text = _DASHES.sub(_dash, text)
    if " " in text:
        text = _spaces(locale).sub(NBSP, text)
    return text


def _neighbours(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """For each text, the character before it and the one after it in the block."""
    before, last = [], " "
    for text in texts:
        before.append(last)
        last = text[-1:] or last
    after, first = [], " "
    for text in reversed(texts):
        after.append(first)
        first = text[:1] or first
    return before, after[::-1]


_CLOSING_AFTER = frozenset(".,;:!?…)")
# Words that begin with an apostrophe in German: 's, 'n Abend, 'ne, 'rein.
_ELIDED = re.compile(r"'(?:s|n|ne|nen|nem|ner|m|em|rein|raus|rum|runter|rüber|rauf)\b")


def _apostrophes(texts: list[str], editable: Sequence[bool]) -> None:
    """Turn each `'` that is an apostrophe into ’; leave quotes to docutils.

    Inside a word it is one (`geht's`), and before an elided word (`'s`,
    `'ne`). At a word's end it closes a quote opened before in the block,
    else it is one (`fass' es`, `Andreas'`); at a word's start it opens a
    quote that is closed later, else it is one (`'80er`).
    """
    before, after = _neighbours(texts)
    openers: list[tuple[int, int]] = []
    apostrophes: list[tuple[int, int]] = []
    for i, text in enumerate(texts):
        if not editable[i] or "'" not in text:
            continue
        j = text.find("'")
        while j >= 0:
            prev = text[j - 1] if j else before[i]
            nxt = text[j + 1] if j + 1 < len(text) else after[i]
            inside_word = prev.isalnum() and nxt.isalnum()
            if inside_word or (not prev.isalnum() and _ELIDED.match(text, j)):
                apostrophes.append((i, j))
            elif nxt.isalnum():
                openers.append((i, j))
            elif prev.isalnum() or prev in _CLOSING_AFTER:
                if openers:
                    openers.pop()
                else:
                    apostrophes.append((i, j))
            j = text.find("'", j + 1)
    for i, j in apostrophes + openers:
        texts[i] = texts[i][:j] + "’" + texts[i][j + 1 :]


def _quotes(texts: list[str], editable: Sequence[bool], language: str) -> list[str]:
    """docutils' quotes, each run with the character before it as context.

    This is docutils' `educate_tokens` without its backslash escapes, which
    would eat backslashes that Markdown has already dealt with.
    """
    before, _ = _neighbours(texts)
    contexts = [c.replace('"', ";").replace("'", ";") for c in before]
    return [
        educateQuotes(context + text, language)[1:]
        if editable[i] and ('"' in text or "'" in text)
        else text
        for i, (context, text) in enumerate(zip(contexts, texts, strict=True))
    ]


def typeset(
    runs: Sequence[tuple[str, bool]], *, guillemets: bool, locale: str
) -> list[str]:
    """The typeset text of each run of one block.

    `runs` are `(text, editable)` in reading order; runs that must not change
    (code, emoji) are context only and come back as they are.
    """
    editable = [e for _, e in runs]
    urls: list[str] = []

    def mask(match: re.Match[str]) -> str:
        urls.append(match.group())
        return chr(_MASK_BASE + len(urls) - 1)

    texts = [
        URL.sub(mask, t) if e and ("://" in t or "www." in t) else t for t, e in runs
    ]
    before, _ = _neighbours(texts)
    texts = [
        _rules(before[i] + text, locale)[1:] if editable[i] and text else text
        for i, text in enumerate(texts)
    ]
    if any(("'" in t or '"' in t) for t, e in zip(texts, editable, strict=True) if e):
        _apostrophes(texts, editable)
        texts = _quotes(texts, editable, "de-x-altquot" if guillemets else "de")
    if urls:
        texts = [
            _MASKED.sub(lambda m: urls[ord(m.group()) - _MASK_BASE], t) for t in texts
        ]
    return texts


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
