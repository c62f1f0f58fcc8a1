"""One „Meinten Sie …?“ for every suggestion: difflib's close matches on
folded text, the first of equally close candidates winning."""

from __future__ import annotations

import posixpath

import pytest
from perlen.content.suggestions import closest


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("Kategori", ["Kategorie", "Category"], "Kategorie"),
        ("maerz", ["März", "Mai"], "März"),  # umlauts spelled out
        ("HALTUNG", ["Haltung"], "Haltung"),  # case ignored
        ("Haltung", ["Haltung"], None),  # the word itself is no suggestion
        ("xyz", ["Haltung", "Handwerk"], None),  # nothing close
        ("Tag", ["Tags", "Tage"], "Tags"),  # equally close: the first wins
        ("Tag", ["Tage", "Tags"], "Tage"),
    ],
)
def test_the_closest_candidate(word, candidates, expected):
    assert closest(word, candidates, 0.75) == expected


def test_files_are_compared_by_name_and_suggested_by_path():
    found = closest(
        "posts/2021/bild.jpeg",
        ["images/logo.png", "posts/2021/bild.jpg"],
        0.75,
        key=posixpath.basename,
    )
    assert found == "posts/2021/bild.jpg"


def test_the_cutoff_decides_how_close_is_close_enough():
    assert closest("Pots", ["Posts"], 0.8) == "Posts"
    assert closest("Pots", ["Posts"], 0.95) is None
