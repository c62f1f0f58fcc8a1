"""HTML fragments (titles, summaries) for other places: plain text, and
summaries that stand on a page of their own.

`plain_text` is for `<title>`, meta descriptions, OpenGraph, JSON-LD and
feed titles. Unlike `Markup.striptags()`, which splits on every kind of
white space, it keeps the characters the text pipeline set – the no-break
spaces of `z. B.`, `5 km` and `widont` – and only drops the markup.

`standalone` is for automatic summaries on the home, category and author
pages: footnote references and links to anchors of the post's own page
would point nowhere there.
"""

from __future__ import annotations

import html
import re

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
