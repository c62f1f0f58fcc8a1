"""Headings of long posts: German anchors, permalinks and a table of contents.

Python-Markdown's `toc` extension gives every heading an id from its text,
with umlauts spelled out as German readers expect (`## Auf Augenhöhe` →
`#auf-augenhoehe`), and a permalink `¶` after it. After the text pipeline
has set the headings, `HeadingsTreeprocessor` names each permalink for
screen readers in the post's language, takes it out of the tab order (a
keyboard reader would otherwise pass one extra stop per section; the table of
contents links every section, and the heading's id is the address to share),
keeps it out of the search index and builds the table of contents
from the set text (the `toc` extension's own list is built from the text as
typed, with straight quotes). Whether a post shows it is `show_toc`'s call:
when the writer asks (`Inhaltsverzeichnis: ja`) or the post is long.

A post's title is its only `<h1>`; `title_heading_lines` finds the `#`
headings in a body, which the reader reports with their line.
"""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.extensions.toc import TocExtension, TocTreeprocessor, slugify
from markdown.treeprocessors import Treeprocessor

from perlen.text.document import document_state
from perlen.text.structure import prose_lines

# German spelling of letters that slugs cannot keep: Augenhöhe → augenhoehe.
GERMAN_SPELLING = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "ẞ": "SS",
    }
)
PERMALINK_LABEL = {
    "de": "Link zum Abschnitt „{}“",
    "en": "Link to the section “{}”",
}
# Heading levels in the table of contents.
TOC_LEVELS = ("h2", "h3")
# After the text pipeline (4), which sets the headings' text.
PRIORITY = 3
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")


def heading_slug(value: str, separator: str) -> str:
    """A heading's id: `Auf Augenhöhe` → `auf-augenhoehe`."""
    return slugify(value.translate(GERMAN_SPELLING), separator)


def _text(heading: Element) -> str:
    """A heading's text without its permalink and raw-HTML placeholders."""
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in child.get("class", "").split():
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join(_PLACEHOLDER.sub("", "".join(parts)).split())


def toc_html(entries: list[tuple[int, str, str]]) -> str:
    """Nested lists of links for `(level, id, text)` entries."""
    if not entries:
        return ""
    out, levels = [], []
    for level, anchor, text in entries:
        if levels and level <= levels[-1]:
            out.append("</li>")
        while levels and level < levels[-1]:
            out.append("</ol></li>")
            levels.pop()
        if not levels or level > levels[-1]:
            out.append("<ol>")
            levels.append(level)
        out.append(f'<li><a href="#{html.escape(anchor)}">{html.escape(text)}</a>')
    out.append("</li>")
    out.extend("</ol></li>" for _ in levels[1:])
    out.append("</ol>")
    return "".join(out)


class HeadingsTreeprocessor(Treeprocessor):
    """Labels permalinks and collects the table of contents (into the
    document's state, `text.document`)."""

    def run(self, root: Element) -> None:
        state = document_state(self.md)
        lang = state.lang or "de"
        label = PERMALINK_LABEL.get(lang.split("_")[0], PERMALINK_LABEL["de"])
        entries = []
        for heading in root.iter():
            if heading.tag not in ("h2", "h3", "h4", "h5", "h6"):
                continue
            text = _text(heading)
            for link in heading.iter("a"):
                if "headerlink" in link.get("class", "").split():
                    link.set("aria-label", label.format(text))
                    link.set("title", label.format(text))
                    # Reached by pointer, not a tab stop per section; the
                    # search index leaves the „¶“ out.
                    link.set("tabindex", "-1")
                    link.set("data-pagefind-ignore", "")
            if heading.tag in TOC_LEVELS and heading.get("id"):
                entries.append((int(heading.tag[1]), heading.get("id"), text))
        state.toc = toc_html(entries)
        state.toc_entries = len(entries)


class _TocTreeprocessor(TocTreeprocessor):
    """`toc`'s step, left out for a document without a heading or the `[TOC]`
    marker (every summary, many short posts): it would still build, serialise
    and post-process an empty table of contents, a tenth of converting a
    summary. `toc`'s `reset` has left `md.toc` empty, as the step would."""

    def run(self, doc: Element) -> None:
        for element in doc.iter():
            if (
                isinstance(element.tag, str) and self.header_rgx.match(element.tag)
            ) or (self.marker and self.marker in (element.text or "")):
                super().run(doc)
                return


class _TocExtension(TocExtension):
    TreeProcessorClass = _TocTreeprocessor


class HeadingsExtension(Extension):
    """`toc` with German anchors and permalinks, and our table of contents."""

    def extendMarkdown(self, md: Markdown) -> None:
        _TocExtension(
            slugify=heading_slug, permalink="¶", toc_depth="2-6"
        ).extendMarkdown(md)
        md.treeprocessors.register(
            HeadingsTreeprocessor(md), "perlen_headings", PRIORITY
        )
        document_state(md)


def makeExtension(**kwargs) -> HeadingsExtension:
    return HeadingsExtension(**kwargs)


def show_toc(choice: bool | None, words: int, entries: int, min_words: int) -> bool:
    """Whether a post shows its table of contents: as the writer chose
    (`Inhaltsverzeichnis: ja/nein`), else when it is long (`min_words`) and
    has at least three sections."""
    if entries == 0:
        return False
    if choice is not None:
        return choice
    return words >= min_words and entries >= 3


_ATX_H1 = re.compile(r"^ {0,3}#(?:[ \t]|$)")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")


def title_heading_lines(body: str) -> list[int]:
    """The 1-based lines of `#` headings (and `===` underlines) in a body,
    outside fenced code."""
    lines = []
    for number, line, previous in prose_lines(body):
        if _ATX_H1.match(line):
            lines.append(number)
        elif (
            _SETEXT_H1.match(line)
            and previous.strip()
            and not previous.startswith("    ")
        ):
            lines.append(number - 1)
    return lines
