"""HTML fragments (titles, summaries) for other places: plain text, and
summaries that stand on a page of their own.

`plain_text` is for `<title>`, meta descriptions, OpenGraph, JSON-LD and
feed titles. Unlike `Markup.striptags()`, which splits on every kind of
white space, it keeps the characters the text pipeline set – the no-break
spaces of `z. B.`, `5 km` and `widont` – and only drops the markup.

`teaser` is the plain-text teaser of a post card.

`standalone` is for automatic summaries on the home, category and author
pages: footnote references and links to anchors of the post's own page
would point nowhere there.

`own_text` is for an automatic description (meta description, OpenGraph):
the text's own sentences, without image captions and credits or footnotes.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# A footnote reference as Python-Markdown writes it.
_FOOTNOTE_REF = re.compile(
    r'<sup id="fnref\d*:[^"]*"><a class="footnote-ref" href="#[^"]*">[^<]*</a></sup>'
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]*>")
# Breaking white space only: U+00A0, U+202F and their kin stay.
_BREAKING = re.compile(r"[ \t\r\n\f]+")
# A link to an anchor on the same page (`#abschnitt`, a heading's permalink
# `¶`): its text stays, the link goes; a permalink has no text of its own.
_SAME_PAGE_LINK = re.compile(r'<a\b[^>]*\bhref="#[^"]*"[^>]*>(.*?)</a>', re.S)
_PERMALINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a>', re.S)
_ID = re.compile(r'\s\bid="[^"]*"')


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: tags, comments and footnote references
    dropped, entities decoded, breaking white space collapsed."""
    text = str(fragment)
    if "<" in text:
        text = _TAG.sub("", _COMMENT.sub("", _FOOTNOTE_REF.sub("", text)))
    if "&" in text:
        text = html.unescape(text)
    return _BREAKING.sub(" ", text).strip(" \t\r\n\f")


def standalone(fragment: str) -> str:
    """A summary for another page: without footnote references, permalinks,
    links to anchors of its own page, and ids (which would repeat on a
    page with many summaries)."""
    text = str(fragment)
    if "<" not in text:
        return text
    text = _PERMALINK.sub("", _FOOTNOTE_REF.sub("", text))
    return _ID.sub("", _SAME_PAGE_LINK.sub(r"\1", text))


# Elements whose text is not the post's own prose: figures (with their
# captions and credits), footnote references and the footnotes themselves.
_NOT_PROSE = {"figure", "picture", "figcaption", "script", "style", "template"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip


class _OwnText(HTMLParser):
    """Collects text outside the elements that are not prose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[bool] = []  # per open element: whether it is skipped

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _VOID:
            return
        values = dict(attrs)
        skipped = (
            tag in _NOT_PROSE
            or (values.get("id") or "").startswith("fnref")
            or "footnote" in (values.get("class") or "").split()
        )
        self.open.append(skipped or any(self.open))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.open):
            self.parts.append(data)


def own_text(fragment: str) -> str:
    """The plain text of a post's HTML without its figures (images with
    their captions and credits) and footnotes: what an automatic description
    may quote. Breaking white space collapsed, no-break spaces kept."""
    parser = _OwnText()
    parser.feed(str(fragment))
    parser.close()
    return _BREAKING.sub(" ", "".join(parser.parts)).strip(" \t\r\n\f")


# Elements whose text never belongs in a teaser: a heading's permalink,
# footnote references, hidden helper text and embedded media.
_SKIPPED = {"sup", "script", "style", "picture", "figure", "figcaption", "svg"}


class _Paragraphs(HTMLParser):
    """The plain text of a fragment's top-level paragraphs, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._open: list[str] = []  # element names from the fragment's root
        self._skipping = 0  # depth inside a skipped element
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self._skipping or tag in _SKIPPED or "headerlink" in classes:
            self._skipping += 1
        elif tag == "p" and not self._open:
            self._current = []
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self._open:
            return
        while self._open:  # closes what HTML leaves implicitly open, too
            name = self._open.pop()
            if self._skipping:
                self._skipping -= 1
            elif name == "p" and not self._open and self._current is not None:
                text = _BREAKING.sub(" ", "".join(self._current)).strip(" \t\r\n\f")
                if text:
                    self.paragraphs.append(text)
                self._current = None
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._skipping:
            self._current.append(data)


def teaser(fragment: str, limit: int) -> str:
    """A card's teaser: the plain text of a post's first paragraphs, at most
    about `limit` characters, cut after a whole word with „…“.

    Only top-level paragraphs count: headings, lists, quotes, code, images
    and their captions are the body's, not a teaser's. Links keep their text.
    """
    parser = _Paragraphs()
    parser.feed(str(fragment))
    parser.close()
    text = ""
    for paragraph in parser.paragraphs:
        text = f"{text} {paragraph}" if text else paragraph
        if len(text) >= limit:
            break
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    # The last breaking space; no-break spaces (`5 km`) hold words together.
    space = max(cut.rfind(" "), 0)
    words = (cut[:space] if space else text[:limit]).rstrip(" ,;:–—-")
    return f"{words.rstrip('.…')}…"
