"""A post card's teaser: plain text from the first paragraphs, cut at a word."""

from __future__ import annotations

from html import escape

from hypothesis import given
from hypothesis import strategies as st
from markdown_html import converter
from perlen.text.fragments import teaser

BODY = """![Eine Perle](perle.jpg "Die Perle.")

Wir haben ein [neues Büro](https://example.org/buero) bezogen, mitten in der
Stadt, mit viel Licht.[^1]

## Unser Fazit (1)

Zweiter Absatz.

[^1]: Eine Fußnote.
"""


def test_teaser_is_the_text_of_the_first_paragraphs_without_markup():
    html = converter().convert(BODY)
    text = teaser(html, 500)
    assert text.startswith("Wir haben ein neues Büro bezogen")
    assert "Unser Fazit" not in text  # no heading …
    assert "¶" not in text and "<" not in text and "Fußnote" not in text
    assert "Die Perle" not in text  # … no caption, no image
    assert text.endswith("Absatz.")


def test_long_text_is_cut_after_a_whole_word_with_an_ellipsis():
    html = "<p>" + " ".join(["Perlenkette"] * 40) + "</p>"
    text = teaser(html, 100)
    assert text.endswith("Perlenkette…")
    assert len(text) <= 101


def test_short_text_stays_whole_and_lists_and_quotes_are_left_out():
    html = "<ul><li>Punkt</li></ul><blockquote><p>Zitat</p></blockquote><p>Kurz.</p>"
    assert teaser(html, 100) == "Kurz."


def test_no_break_spaces_hold_words_together():
    html = "<p>" + "Wort " * 18 + "5\u00a0km</p>"
    assert teaser(html, 92).endswith("Wort…")


words = st.lists(
    st.text(alphabet="abcdefgäöü<>&\"' ", min_size=1, max_size=12), min_size=1
)


@given(words, st.integers(min_value=20, max_value=300))
def test_teaser_is_never_longer_than_its_limit_plus_the_ellipsis(parts, limit):
    html = "".join(f"<p>{escape(part)}</p><h2>Titel</h2>" for part in parts)
    text = teaser(html, limit)
    assert len(text) <= limit + 1
    assert "Titel" not in text
    assert "<p>" not in text
