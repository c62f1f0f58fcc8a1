"""`own_text`: the prose of a post, without figures and footnotes."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st
from perlen.text.fragments import own_text, plain_text

words = st.text(
    st.characters(categories=("L", "N", "Zs", "P"), exclude_characters="<>&"),
    min_size=1,
    max_size=40,
).filter(str.strip)


@given(words, words, words)
def test_own_text_keeps_the_prose_and_drops_figures_and_footnotes(prose, caption, note):
    fragment = (
        f'<p>{html.escape(prose)}<sup id="fnref:1"><a class="footnote-ref" '
        f'href="#fn:1">1</a></sup></p>'
        f'<figure><picture><img src="a.jpg" alt="x"></picture>'
        f'<figcaption>{html.escape(caption)} <span class="credit">Bild: '
        f"{html.escape(caption)}</span></figcaption></figure>"
        f'<div class="footnote"><hr><ol><li id="fn:1"><p>{html.escape(note)}'
        f'<a class="footnote-backref" href="#fnref:1">↩</a></p></li></ol></div>'
    )
    assert own_text(fragment) == plain_text(f"<p>{html.escape(prose)}</p>")


@given(words)
def test_own_text_of_plain_paragraphs_is_their_plain_text(prose):
    fragment = f"<p>{html.escape(prose)}</p><h2>{html.escape(prose)}</h2>"
    assert own_text(fragment) == plain_text(fragment)
