"""One Unicode form and no control characters in what a post brings
(`text.characters`, called by the reader)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from perlen.building.checked import checked_build
from perlen.content.encoding import forbidden_controls
from perlen.text.characters import nfc


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_decomposed_and_composed_umlauts_are_one_tag_and_keep_their_slug(site):
    site.write(
        "posts/mac.md",
        nfd("Titel: Grüße aus dem Büro\nDatum: 28.09.2021\nSchlagwörter: Büro\n\nÄ.\n"),
    )
    site.write(
        "posts/win.md",
        "Titel: Windows\nDatum: 29.09.2021\nSchlagwörter: Büro\n\nText.\n",
    )
    site.build()
    assert (site.output / "2021/gruesse-aus-dem-buero/index.html").is_file()
    assert sorted(p.name for p in (site.output / "schlagwort").iterdir()) == ["buero"]
    page = site.html("2021/gruesse-aus-dem-buero/index.html")
    assert "Grüße aus dem\u00a0Büro" in page and nfd("Büro") not in page


@given(st.text())
def test_nfc_is_stable(text):
    assert nfc(nfc(text)) == nfc(text)
    assert nfc(nfd(text)) == nfc(text)


@pytest.mark.parametrize("char", ["\x1b", "\x7f", "\x08"])
def test_control_characters_are_errors_with_their_line(site, char):
    site.write(
        "posts/a.md", f"Titel: A\nDatum: 28.09.2021\n\nErster.\nZwei{char}ter.\n"
    )
    (problem,) = checked_build(site.settings()).problems
    assert problem.line == 5
    assert problem.message == (
        f"Hier steht ein unsichtbares Steuerzeichen (U+{ord(char):04X}), "
        "das auf einer Webseite nicht vorkommen darf."
    )


def test_tabs_and_windows_line_ends_are_fine():
    assert forbidden_controls("Titel: A\r\n\tText\r\n") == []
