"""Broken HTML a writer typed into a post: a stray `</script>`, an unclosed
`<div>`.

Markdown passes raw HTML through as it is; one broken tag in a summary breaks
every listing that shows it (the start page, the archive, the feeds), and
only the publish build's HTML check would notice, on the listing's page.
Checked here per post, so the writer learns which file and line. The rules
are HTML's own: void elements (`<br>`) need no end tag, and some end tags
(`</p>`, `</li>`) may be left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from perlen.text.html import VOID

# fmt: off
OPTIONAL_END = frozenset({
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
    "optgroup", "rt", "rp", "colgroup", "caption",
})
# fmt: on


@dataclass(frozen=True)
class BrokenTag:
    """A tag that breaks the page: `stray` ends nothing, else it is never closed."""

    name: str
    stray: bool

    @property
    def written(self) -> str:
        return f"</{self.name}>" if self.stray else f"<{self.name}"


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.broken: list[BrokenTag] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag not in VOID:
            self.broken.append(BrokenTag(tag, stray=False))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            self.broken.append(BrokenTag(tag, stray=True))
            return
        while (inner := self.open.pop()) != tag:
            if inner not in OPTIONAL_END:
                self.broken.append(BrokenTag(inner, stray=False))


def broken_tags(html: str) -> list[BrokenTag]:
    """The tags in an HTML fragment that leave it unbalanced."""
    parser = _Balance()
    parser.feed(html)
    parser.close()
    unclosed = [BrokenTag(t, stray=False) for t in parser.open if t not in OPTIONAL_END]
    return parser.broken + unclosed
