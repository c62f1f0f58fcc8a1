"""Raw HTML inside a block's text: where it is, and what a reader sees of it.

Markdown stashes each tag and each entity a writer typed inline (`<br>`,
`<em>`, `&nbsp;`, `&mdash;`) and leaves a placeholder in the text; it does
not stash the text between `<script>` and `</script>`. For the text rules a
placeholder is not text, but it is context: the character a reader sees
before a quote or a heart is `&nbsp;`'s no-break space, a line break for
`<br>` (a space), or – for a tag such as `<em>` – whatever came before it.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown.util import BLOCK_LEVEL_ELEMENTS, HTML_PLACEHOLDER

# Elements whose text no rule changes.
UNTOUCHED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
# Inline elements without text that, for the rules, are a line break (not
# the HTML Standard's void elements, `perlen.text.html.VOID`: `<meta>` or
# `<source>` have no place in running text).
TEXT_BREAKS = frozenset({"br", "img", "wbr", "input", "hr"})
_BREAKS = TEXT_BREAKS | frozenset(BLOCK_LEVEL_ELEMENTS)

# A placeholder for raw HTML that Markdown stashed away, with its index.
PLACEHOLDER = re.compile(HTML_PLACEHOLDER % r"(\d+)")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")


def seen_as(raw: Any) -> str:
    """What a reader sees of stashed raw HTML, as context for the rules:
    the character of an entity, a space for a line break or block tag,
    nothing for other tags."""
    if not isinstance(raw, str):
        return ""
    if raw.startswith("&"):
        char = html.unescape(raw)
        return char if char != raw else ""
    tag = _TAG.match(raw)
    return " " if tag and tag.group(2).lower() in _BREAKS else ""


class RawHtml:
    """Cuts a block's runs, in reading order, at raw HTML placeholders.

    The text of raw `<code>`, `<kbd>`, `<script>` and the like is "literal";
    a placeholder is a "tag", which `seen_as` tells the context of.
    """

    def __init__(self, stash: list[Any]):
        self.stash = stash
        self.inside: str | None = None  # the untouched raw element we are in

    def segments(self, text: str) -> list[tuple[str, str, str]]:
        """`text` as `(piece, kind, seen)`: kind "text", "literal" or "tag";
        `seen` is what a reader sees of a tag, else the piece."""
        result: list[tuple[str, str, str]] = []
        position = 0
        for match in PLACEHOLDER.finditer(text) if "\x02" in text else ():
            if match.start() > position:
                piece = text[position : match.start()]
                result.append((piece, self._kind(), piece))
            raw = self._raw(int(match.group(1)))
            result.append((match.group(), "tag", seen_as(raw)))
            self._enter_or_leave(raw)
            position = match.end()
        if position < len(text):
            result.append((text[position:], self._kind(), text[position:]))
        return result

    def view(self, text: str, before: str) -> tuple[str, list[tuple[int, int]]]:
        """`text` as the rules may read it, of the same length, and the spans
        (offsets in `text`) no match may touch: each placeholder becomes
        filler ending in what the reader sees, or in the character before."""
        pieces, blocked, position = [], [], 0
        for piece, kind, seen in self.segments(text):
            if kind != "text":
                blocked.append((position, position + len(piece)))
            if kind == "tag":
                last = seen or (pieces[-1][-1:] if pieces else before)
                piece = "\x02" * (len(piece) - len(last)) + last
            pieces.append(piece)
            position += len(piece)
        return "".join(pieces), blocked

    def _raw(self, index: int) -> Any:
        return self.stash[index] if index < len(self.stash) else None

    def _kind(self) -> str:
        return "text" if self.inside is None else "literal"

    def _enter_or_leave(self, raw: Any) -> None:
        tag = _TAG.match(raw) if isinstance(raw, str) else None
        if tag is None:
            return
        closing, name = tag.group(1), tag.group(2).lower()
        if (
            self.inside is None
            and not closing
            and name in UNTOUCHED
            and not raw.endswith("/>")
        ):
            self.inside = name
        elif closing and name == self.inside:
            self.inside = None
