"""Broken HTML a writer typed into a post: a stray `</script>`, an unclosed
`<div>`.

Markdown passes raw HTML through as it is; one broken tag in a summary breaks
every listing that shows it (the start page, the archive, the feeds), and
only the publish build's HTML check would notice, on the listing's page.
Checked here per post, so the writer learns which file and line. The rules
are HTML's own: void elements (`<br>`) need no end tag, and some end tags
(`</p>`, `</li>`) may be left out.

The tags are read as written (`perlen.text.html.tag_events`), not from a
parser's repaired tree: the writer needs to hear which tag they forgot. An
HTML5 parser's own errors (html5lib's) name the tag where the mistake shows
(`<p><strong>fett</p>`: "unexpected end tag p", where the forgotten tag is
`<strong>`), and html5lib, pure Python, took about four times as long as
the tokenizer per post.
"""

from __future__ import annotations

from dataclasses import dataclass

from perlen.text.html import VOID, tag_events

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


def broken_tags(html: str) -> list[BrokenTag]:
    """The tags in an HTML fragment that leave it unbalanced."""
    open_tags: list[str] = []
    broken: list[BrokenTag] = []
    for kind, tag in tag_events(html):
        if kind != "end" and tag in VOID:
            continue
        if kind == "startend":  # `<span/>` opens a span in HTML, it closes nothing
            broken.append(BrokenTag(tag, stray=False))
        elif kind == "start":
            open_tags.append(tag)
        elif tag not in open_tags:
            broken.append(BrokenTag(tag, stray=True))
        else:
            while (inner := open_tags.pop()) != tag:
                if inner not in OPTIONAL_END:
                    broken.append(BrokenTag(inner, stray=False))
    unclosed = [BrokenTag(t, stray=False) for t in open_tags if t not in OPTIONAL_END]
    return broken + unclosed
