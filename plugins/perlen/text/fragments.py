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

All but `standalone` (which edits the HTML it returns) read the fragment
with the HTML parser of `perlen.text.html`, as a browser would.
"""

from __future__ import annotations

import re
from html import unescape

from perlen.text import html

# A footnote reference as Python-Markdown writes it.
_FOOTNOTE_REF = re.compile(
    r'<sup id="fnref\d*:[^"]*"><a class="footnote-ref" href="#[^"]*">[^<]*</a></sup>'
)
# Breaking white space only: U+00A0, U+202F and their kin stay.
_BREAKING = re.compile(r"[ \t\r\n\f]+")
# A link to an anchor on the same page (`#abschnitt`, a heading's permalink
# `¶`): its text stays, the link goes; a permalink has no text of its own.
_SAME_PAGE_LINK = re.compile(r'<a\b[^>]*\bhref="#[^"]*"[^>]*>(.*?)</a>', re.S)
_PERMALINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a>', re.S)
_ID = re.compile(r'\s\bid="[^"]*"')


# Footnote references (as Python-Markdown writes them), for `html.text`.
_FOOTNOTE_REFS = 'sup[id^="fnref"]'


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: tags, comments and footnote references
    dropped, entities decoded, breaking white space collapsed."""
    text = str(fragment)
    if "<" in text:
        text = html.text(html.fragment(text), _FOOTNOTE_REFS if "fnref" in text else "")
    elif "&" in text:  # text without tags: its entities decoded as the parser does
        text = unescape(text)
    return _collapse(text)


def _collapse(text: str) -> str:
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
_NOT_PROSE = (
    'figure, picture, figcaption, script, style, template, [id^="fnref"], .footnote'
)


def own_text(fragment: str) -> str:
    """The plain text of a post's HTML without its figures (images with
    their captions and credits) and footnotes: what an automatic description
    may quote. Breaking white space collapsed, no-break spaces kept."""
    return _collapse(html.text(html.fragment(str(fragment)), _NOT_PROSE))


# Elements whose text never belongs in a teaser: a heading's permalink,
# footnote references, hidden helper text and embedded media.
_NOT_TEASER = "sup, script, style, picture, figure, figcaption, svg, .headerlink"


def _paragraphs(fragment: str) -> list[str]:
    """The plain text of a fragment's top-level paragraphs, in order."""
    tree = html.fragment(fragment)
    html.remove(tree, _NOT_TEASER)
    found = []
    for node in html.top_level(tree):
        if node.tag == "p":
            text = _collapse(html.text(node))
            if text:
                found.append(text)
    return found


def teaser(fragment: str, limit: int) -> str:
    """A card's teaser: the plain text of a post's first paragraphs, at most
    about `limit` characters, cut after a whole word with „…“.

    Only top-level paragraphs count: headings, lists, quotes, code, images
    and their captions are the body's, not a teaser's. Links keep their text.
    """
    text = ""
    for paragraph in _paragraphs(str(fragment)):
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
