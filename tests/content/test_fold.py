"""One umlaut folding for comparing names (`content.dates.fold`), spelled as
heading anchors spell umlauts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from perlen.content.dates import fold
from perlen.text.headings import heading_slug

GERMAN = st.text(alphabet="aäöüßẞÄÖÜAbcMrz -", max_size=20)


@given(GERMAN)
def test_folding_ignores_case_and_spells_umlauts_out(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert fold(text.upper()) == folded
    assert not set("äöüßÄÖÜẞ") & set(folded)


@given(GERMAN)
def test_folded_names_and_heading_anchors_spell_umlauts_alike(text):
    assert heading_slug(text, "-") == heading_slug(fold(text), "-")


def test_examples():
    assert fold("März") == fold("Maerz") == "maerz"
    assert fold("Straße") == fold("STRASSE") == "strasse"
