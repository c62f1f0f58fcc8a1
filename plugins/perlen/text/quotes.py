"""Quotation marks and apostrophes for the runs of one block.

Quotes come from docutils' smartquotes (German, guillemets or English),
after a pairing pass that tells the apostrophe (`fass' es` → `fass’ es`,
`'90er`, `Grass' Romane`, `Hab' ich`) from a closing ‚quote‘, which docutils
alone cannot. English quotes typed in a German text („“ and ‚‘ are German)
are set as German ones. A quote depends on the runs before and after it in
the block (`neighbours`), so these work on all runs of a block at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docutils.utils.smartquotes import educateQuotes

# How many characters after a run the rules may look at.
AFTER = 12


def neighbours(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """For each text, the character before it in the block (a space at the
    block's start), and the characters after it (up to `AFTER`)."""
    before, last = [], " "
    for text in texts:
        before.append(last)
        last = text[-1:] or last
    after, following = [], ""
    for text in reversed(texts):
        after.append(following)
        following = (text[:AFTER] + following)[:AFTER]
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
    before, after = neighbours(texts)
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
    before, after = neighbours(texts)
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
    before, _ = neighbours(texts)
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


def set_quotes(
    texts: list[str], editable: Sequence[bool], lang: str, guillemets: bool
) -> list[str]:
    """The block's runs with apostrophes and typographic quotes in `lang`;
    English quotes typed in German text become German ones."""
    if lang == "de" and any(
        e and ("“" in t or "”" in t or "‘" in t)
        for t, e in zip(texts, editable, strict=True)
    ):
        _straighten(texts, editable)
    if any(("'" in t or '"' in t) for t, e in zip(texts, editable, strict=True) if e):
        _apostrophes(texts, editable)
        texts = _quotes(texts, editable, _quote_language(lang, guillemets))
    return texts
