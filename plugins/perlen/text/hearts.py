"""Hearts: `<3` becomes ❤️ and `</3` 💔, where a person wrote one.

A heart stands alone: after a space, a bracket, a quote, punctuation, an
emphasis marker, an emoji or another heart (`<3<3<3`), and not before a
digit or letter, so `x<3`, `a <30`, `<3,5` and `<3:30` stay comparisons, and not
before a unit or a word of measure, so `<3 s`, `<3 Sekunden`, `Ladezeit
<3 Min.` and `</3 %` stay comparisons too: a heart before a quantity would
change what the sentence says (a writer who means the heart writes
`:rotes_herz:`). The
character before is the one the reader sees: a `<br>` counts as a space,
`&nbsp;` as a non-breaking one (see `pipeline`). Code, attributes, URLs and
raw HTML never reach this rule; `&lt;3` is how a writer keeps a literal `<3`.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from perlen.text import emojis
from perlen.text.typography import UNITS

# Words of measure after a number that are not abbreviated units (those
# come from `typography.UNITS`), German and English.
_MEASURES = (
    "Sekunde", "Sekunden", "Minute", "Minuten", "Stunde", "Stunden", "Tag",
    "Tage", "Tagen", "Woche", "Wochen", "Monat", "Monate", "Monaten", "Jahr",
    "Jahre", "Jahren", "Punkte", "Punkten", "Stück", "Mal", "Klicks", "seconds",
    "second", "minutes", "minute", "hours", "hour", "days", "day", "weeks",
    "months", "years", "percent", "sec", "secs", "mins", "hrs", "Min", "Std",
    "Sek", "mal", "x",
)  # fmt: skip
_QUANTITY = "|".join(
    re.escape(u) for u in sorted({*UNITS, *_MEASURES}, key=len, reverse=True)
)

HEARTS = {"<3": "❤️", "</3": "💔"}

# Run on text with one character of context in front, so that the
# lookbehind, placed after the `<` for speed, sees the character before.
# A `3` before may end a heart drawn just before (`<3<3`), which the
# pipeline checks (`follows_symbol`).
_BEFORE = "\\s(\\[{„‚»«›‹*_~\"'“”‘’.,;:!?…–—\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
HEART = re.compile(
    rf"(?P<heart><(?<=[{_BEFORE}3]<)/?3)(?!\w|[.,:/-]\d)"
    rf"(?![ \u00a0\u202f]*(?:{_QUANTITY})(?!\w))"
)


def follows_symbol(match: re.Match[str]) -> bool:
    """Whether the match needs a symbol right before it: `<3` after a `3`."""
    return match.string[match.start() - 1] == "3"


def symbol(match: re.Match[str], lang: str = "de") -> tuple[Element, int]:
    """The heart element for a match of `HEART`, and where the match ends."""
    return emojis.element(HEARTS[match.group()], lang), match.end()
