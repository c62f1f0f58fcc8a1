"""Inline patterns skipped where they cannot match: same HTML, fewer tries."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import InlineProcessor
from perlen.text import inline_triggers
from perlen.text.inline_triggers import (
    InlineTriggersExtension,
    TriggeredInlineProcessor,
)

# The extensions `pelicanconf.py` names (extra, codehilite) and a few more.
EXTENSIONS = ["extra", "toc", "codehilite", "sane_lists", "admonition"]

# Pieces that start, end or almost start every inline pattern, and plain words.
PIECES = [
    "Wort", "Kunde", "ist", "König", " ", "  \n", "\n", "`", "``", "\\", "\\*",
    "[", "]", "(", ")", "![", "[^1]", "[^1]: Fußnote", "[a]: https://e.org",
    "[a]", "[Link](https://e.org)", "![Bild](b.png)", "<", ">",
    "<https://e.org>", "<mail@e.org>", "<b>", "</b>", "<!-- x -->", "&", "&amp;",
    "&#42;", "*", "**", "_", "__", "*a*", "_a_", "**b**", "a_b_c", "<3", "😉",
    "\n\n", "- ", "> ", "## ", "    ", "```\ncode *x*\n```\n", "{: .x }", "*[HTML]: H",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def html(text: str, *extensions) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, *extensions]).convert(text)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_html_is_markdowns_own(text):
    assert html(text, InlineTriggersExtension()) == html(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ein Satz mit *Betonung*, __fett__ und `Code` und einem [Link](x.md).",
        "Zeile mit Umbruch  \nund ![Bild](b.png) und <https://e.org> &amp; <b>roh</b>",
        "Fußnote[^1] und Abkürzung HTML.\n\n[^1]: Text *mit* [Link][a]\n\n"
        "[a]: https://e.org\n*[HTML]: Hypertext",
        "Verschachtelt: **fett *und kursiv* mit `code`** und [*Link*](x) \\* Stern",
    ],
)
def test_examples_of_every_pattern(text):
    assert html(text, InlineTriggersExtension()) == html(text)


def test_it_replaces_markdowns_inline_processor():
    md = markdown.Markdown(extensions=[*EXTENSIONS, InlineTriggersExtension()])
    assert type(md.treeprocessors[inline_triggers.NAME]) is TriggeredInlineProcessor
    stock = markdown.Markdown(extensions=EXTENSIONS)
    order = sorted((item.name, item.priority) for item in md.treeprocessors._priority)
    assert order == sorted(
        (item.name, item.priority) for item in stock.treeprocessors._priority
    )


def test_every_pattern_of_pelicans_markdown_has_its_triggers():
    """After an upgrade changes a pattern, this names it (it is then always tried)."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    unknown = [
        name
        for name in (p.name for p in md.inlinePatterns._priority)
        if inline_triggers.triggers(md.inlinePatterns[name]) is None
    ]
    assert unknown == []


def test_markdowns_private_step_is_still_there():
    """The override takes effect only under these names (`InlineProcessor`)."""
    assert callable(getattr(InlineProcessor, "_InlineProcessor__handleInline", None))
    assert callable(getattr(InlineProcessor, "_InlineProcessor__applyPattern", None))


def tried(text: str) -> list[str]:
    md = markdown.Markdown(extensions=[*EXTENSIONS, InlineTriggersExtension()])
    processor = md.treeprocessors[inline_triggers.NAME]
    apply = processor._InlineProcessor__applyPattern
    names = {id(md.inlinePatterns[p.name]): p.name for p in md.inlinePatterns._priority}
    seen = []

    def counting(pattern, *args):
        seen.append(names[id(pattern)])
        return apply(pattern, *args)

    processor._InlineProcessor__applyPattern = counting
    md.convert(text)
    return seen


def test_prose_tries_no_pattern():
    assert tried("Der Kunde ist König, sagt man. Wir sehen das anders.") == []


def test_a_pattern_is_tried_where_its_character_is():
    assert set(tried("Ein *betontes* Wort & mehr")) == {"em_strong", "entity"}
    assert "link" in tried("Ein [Link](x.md)")


def test_unknown_patterns_are_always_tried():
    class Always(markdown.inlinepatterns.InlineProcessor):
        def handleMatch(self, m, data):
            return "X", m.start(0), m.end(0)

    class AlwaysExtension(markdown.Extension):
        def extendMarkdown(self, md):
            md.inlinePatterns.register(Always(r"Q", md), "always", 1)

    text = "Quelle ohne Sonderzeichen"
    assert inline_triggers.triggers(Always(r"Q")) is None
    ours = html(text, AlwaysExtension(), InlineTriggersExtension())
    assert ours == html(text, AlwaysExtension()) == "<p>Xuelle ohne Sonderzeichen</p>"
