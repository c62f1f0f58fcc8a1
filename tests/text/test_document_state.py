"""Per-document state lives in registered extensions and `reset()` clears it:
two documents converted with one `Markdown` share nothing."""

from __future__ import annotations

import pytest
from markdown import Markdown
from markdown_html import converter
from perlen.images.markdown import Document, markdown_extensions, picture_extension
from perlen.text.document import document_state
from PIL import Image

WITH_EVERYTHING = (
    "## Erster Abschnitt\n\nText.\n\n## Zweiter Abschnitt\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx = 1\n```\n"
)


@pytest.mark.parametrize("pipeline", [True, False])
def test_the_language_of_one_document_is_not_the_next_ones(pipeline):
    md = converter(pipeline)
    document_state(md).lang = "en"
    english = md.convert(WITH_EVERYTHING)
    assert 'aria-label="Table 1"' in english
    assert "Link to the section" in english
    md.reset()
    german = md.convert(WITH_EVERYTHING)
    assert 'aria-label="Tabelle 1"' in german
    assert 'aria-label="Codebeispiel 1"' in german
    assert "Link zum Abschnitt „Zweiter Abschnitt“" in german
    assert "Link to" not in german


def test_the_table_of_contents_of_one_document_is_not_the_next_ones():
    md = converter()
    md.convert(WITH_EVERYTHING)
    state = document_state(md)
    assert state.toc_entries == 2
    assert "Erster Abschnitt" in state.toc
    md.reset()
    md.convert("Nur Text, keine Überschrift.")
    assert (state.toc, state.toc_entries) == ("", 0)


def test_the_state_is_registered_once_per_markdown():
    md = converter()
    assert document_state(md) is document_state(md)
    assert document_state(converter()) is not document_state(md)
    states = [e for e in md.registeredExtensions if e is document_state(md)]
    assert len(states) == 1


def test_the_post_of_one_conversion_is_not_the_next_ones(tmp_path):
    Image.new("RGB", (8, 6), "red").save(tmp_path / "bild.png")
    md = Markdown(extensions=markdown_extensions({"PATH": str(tmp_path)}))
    extension = picture_extension(md)
    post = Document(str(tmp_path / "a.md"), "de")
    extension.document = post
    assert "<picture>" in md.convert("![Bild](bild.png)")
    assert post.used == ["bild.png"]
    md.reset()
    assert extension.document is None
    # Without a post, an image is left as Markdown wrote it.
    assert md.convert("![Bild](bild.png)") == (
        '<p><img alt="Bild" src="bild.png" /></p>'
    )
    assert post.used == ["bild.png"]
