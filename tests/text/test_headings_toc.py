"""`toc`'s step is left out where a document has no heading and no `[TOC]`
marker: the same HTML and table of contents, without the empty one."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import TocTreeprocessor
from perlen.text.document import document_state
from perlen.text.headings import HeadingsExtension

PIECES = [
    "Text", " ", "\n", "\n\n", "## Auf Augenhöhe", "### Unterpunkt", "# Titel",
    "[TOC]", "Mit [TOC] im Satz", "`[TOC]`", "Überschrift\n-----------",
    "<h2>roh</h2>", "- Punkt", "```\n## kein Titel\n```\n", "*kursiv*", "{#eigene-id}",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def converted(text: str, stock: bool) -> tuple[str, str, str]:
    md = markdown.Markdown(extensions=["extra", "codehilite", HeadingsExtension()])
    if stock:
        md.treeprocessors["toc"].__class__ = TocTreeprocessor
    html = md.convert(text)
    return html, md.toc, document_state(md).toc


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_html_and_tables_of_contents_are_tocs_own(text):
    mine, stock = converted(text, stock=False), converted(text, stock=True)
    assert mine[0] == stock[0]
    assert mine[2] == stock[2]
    # Markdown's own table of contents is used by nobody; it is empty where
    # the step was left out, as after `reset`.
    assert mine[1] in ("", stock[1])


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Ein Satz für die Zusammenfassung.", False),
        ("Absatz.\n\n- Liste\n\n```\n## Code\n```", False),
        ("Absatz.\n\n## Abschnitt\n\nText.", True),
        ("[TOC]\n\nAbsatz.", True),
    ],
)
def test_the_step_runs_only_with_a_heading_or_the_marker(monkeypatch, text, runs):
    calls = []
    run = TocTreeprocessor.run
    monkeypatch.setattr(
        TocTreeprocessor, "run", lambda self, doc: calls.append(1) or run(self, doc)
    )
    markdown.Markdown(extensions=["extra", HeadingsExtension()]).convert(text)
    assert bool(calls) is runs
