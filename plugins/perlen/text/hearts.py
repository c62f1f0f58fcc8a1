"""Hearts: `<3` becomes ❤️ and `</3` 💔, where a person wrote one.

A heart stands alone: after a space, an opening bracket or quote, or an
emphasis marker, and not before a digit or letter, so `x<3`, `a <30` and
`<3,5` stay comparisons. Code, attributes, URLs and raw HTML never reach
this rule (see `textpipeline`); `&lt;3` is how a writer keeps a literal `<3`.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from perlen.text import emojis

HEARTS = {"<3": "❤️", "</3": "💔"}

# Run on text with one character of context in front, so that the
# lookbehind, placed after the `<` for speed, sees the character before.
HEART = re.compile(r"(?P<heart><(?<=[\s(\[{„‚»«›‹*_~]<)/?3)(?!\w|[.,]\d)")


def symbol(match: re.Match[str]) -> tuple[Element, int]:
    """The heart element for a match of `HEART`, and where the match ends."""
    return emojis.element(HEARTS[match.group()], "emoji heart"), match.end()
