"""HTML as the plugin reads it: one module, one parser per purpose.

Reading (what a browser sees: elements, attributes, text) is Lexbor's HTML5
parser through selectolax (`fragment`, `document`): it builds the tree the
HTML Standard prescribes (void elements, implied end tags, raw text in
`<script>` and `<style>`, entities decoded as in a browser, a repeated
attribute's first value) and is several times faster than `html.parser`,
which matters because the site checks parse every post of every build.

Editing a file in place (`source_tags`, `comment_spans`) needs the source
offsets of tags and comments, so that every byte outside the edit stays as it
was, and the balance check (`tag_events`) needs the tags as written, before a
parser repairs them; Lexbor, like every tree-building HTML5 parser for Python,
gives neither. There the standard library's tokenizer (`html.parser`)
locates tags, their attributes (with its own attribute pattern) and comments.
html5lib would report the Standard's parse errors, but it is pure Python and
several times slower than this tokenizer on every post with raw HTML, and its
errors name the tag that meets a mistake, not the tag a writer forgot.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

# The HTML Standard's void elements: no end tag, no content.
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
})  # fmt: skip


def fragment(markup: str) -> LexborHTMLParser:
    """An HTML fragment parsed as the content of a `<div>`."""
    return LexborHTMLParser(markup, is_fragment=True)


def document(markup: str) -> LexborHTMLParser:
    """A whole page, with the `<html>`, `<head>` and `<body>` a browser adds
    where the page leaves them out."""
    return LexborHTMLParser(markup)


def top_level(tree: LexborHTMLParser) -> list[LexborNode]:
    """A fragment's top-level nodes, text included."""
    root = tree.root
    return [] if root is None else list(root.iter(include_text=True))


def elements(tree: LexborHTMLParser) -> list[LexborNode]:
    """Every element of a parsed fragment or page, in document order."""
    root = tree.root
    return [] if root is None else [n for n in root.traverse() if n.is_element_node]


def named(tree: LexborHTMLParser, names: tuple[str, ...]) -> list[LexborNode]:
    """The elements called one of `names` (as `elements` has them), in
    document order."""
    root = tree.root
    return [] if root is None else tree.css(", ".join(names))


def text(tree: LexborHTMLParser | LexborNode, without: str = "") -> str:
    """The text of a parsed fragment or element, entities decoded, comments
    dropped, and without the elements the CSS selector `without` matches
    (which are removed from the tree)."""
    if without:
        remove(tree, without)
    return tree.text()


def remove(tree: LexborHTMLParser | LexborNode, selector: str) -> None:
    """Take the elements the CSS `selector` matches out of the tree."""
    matches = tree.css(selector)
    ids = {node.mem_id for node in matches}
    for node in matches:
        if not _inside(node, ids):  # removed with its ancestor
            node.decompose()


def _inside(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def attributes(node: LexborNode) -> dict[str, str]:
    """The element's attributes; one without a value has ""."""
    return {name: value or "" for name, value in node.attributes.items()}


@dataclass(frozen=True)
class SourceTag:
    """A start tag where it is written: its text starts at `offset`, and
    `spans` give where in that text each attribute's value is written
    (quotes included). A repeated attribute counts once, as its first."""

    name: str
    attrs: dict[str, str]
    offset: int
    text: str
    spans: dict[str, tuple[int, int]]


class _Tokens(html.parser.HTMLParser):
    """What `want` asks for: start tags with their text and position
    ("tags"), comments' offsets ("comments") or the tags as written
    ("events")."""

    def __init__(self, markup: str, want: str):
        super().__init__(convert_charrefs=True)
        self.want = want
        self.tags: list[tuple[str, dict[str, str], tuple[int, int], str]] = []
        self.comments: list[tuple[int, int]] = []
        self.events: list[tuple[str, str]] = []
        self._length = len(markup)
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.want == "events":
            self.events.append(("start", tag))
        elif self.want == "tags":
            values: dict[str, str] = {}
            for name, value in attrs:  # a browser takes the first of a name
                values.setdefault(name, value or "")
            text = self.get_starttag_text() or ""
            self.tags.append((tag, values, self.getpos(), text))

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if self.want == "events":
            self.events[-1] = ("startend", tag)

    def handle_endtag(self, tag: str) -> None:
        if self.want == "events":
            self.events.append(("end", tag))

    def parse_comment(self, i: int, report: bool = True) -> int:
        end = super().parse_comment(i, report)
        if end >= 0 and self.want == "comments":
            offset = self._length - len(self.rawdata)  # `rawdata`: what is left
            self.comments.append((offset + i, offset + end))
        return end


def _value_spans(tag_text: str) -> dict[str, tuple[int, int]]:
    """Where each attribute's value is in a start tag's text, found with the
    tokenizer's own patterns (the first of a repeated name)."""
    spans: dict[str, tuple[int, int]] = {}
    match = html.parser.tagfind_tolerant.match(tag_text, 1)
    position = match.end() if match else len(tag_text)
    while position < len(tag_text):
        attribute = html.parser.attrfind_tolerant.match(tag_text, position)
        if not attribute:
            break
        if attribute.group(3):
            spans.setdefault(attribute.group(1).lower(), attribute.span(3))
        position = attribute.end()
    return spans


def source_tags(markup: str) -> list[SourceTag]:
    """Every start tag of `markup` with where it is written, in order."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", markup)]
    return [
        SourceTag(name, attrs, line_starts[line - 1] + column, text, _value_spans(text))
        for name, attrs, (line, column), text in _Tokens(markup, "tags").tags
    ]


def comment_spans(markup: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every comment in `markup`; `<!--` inside
    `<script>` or an attribute is no comment."""
    return _Tokens(markup, "comments").comments


def tag_events(markup: str) -> list[tuple[str, str]]:
    """The tags of `markup` as written, in order: ("start", name),
    ("end", name) or ("startend", name) for `<name/>`."""
    return _Tokens(markup, "events").events
