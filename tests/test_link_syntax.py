"""One reader of Pelican's link syntax (`perlen.link_syntax`)."""

from __future__ import annotations

import pytest
from perlen.link_syntax import indicator, links_to_file, without_indicator


@pytest.mark.parametrize(
    ("value", "kinds", "expected"),
    [
        ("{static}bild.jpg", None, "bild.jpg"),
        ("|static|/images/logo.png", None, "/images/logo.png"),
        ("{attach}preise.pdf", None, "preise.pdf"),
        ("{attach}preise.pdf", ("static",), "{attach}preise.pdf"),
        ("{filename}anderer.md", ("attach", "static", "filename"), "anderer.md"),
        ("bild.jpg", None, "bild.jpg"),
        ("{static", None, "{static"),
        ("https://example.org/{static}x", None, "https://example.org/{static}x"),
    ],
)
def test_the_indicator_comes_off(value, kinds, expected):
    assert without_indicator(value, kinds) == expected


@pytest.mark.parametrize(
    ("value", "written", "to_file"),
    [
        ("{static}bild.jpg", "{static}", True),
        ("|filename|anderer.md", "|filename|", True),
        ("|attach|preise.pdf", "|attach|", True),
        ("{tag}perlen", "{tag}", False),
        ("{index}", "{index}", False),
        ("bild.jpg", "", False),
        ("https://example.org/{static}x", "", False),
    ],
)
def test_the_indicator_as_written_and_whether_it_names_a_file(value, written, to_file):
    assert indicator(value) == written
    assert links_to_file(value) is to_file
