"""The writers' guide lists German emoji shortcodes that work, and is current."""

from pathlib import Path

import pytest
from markdown_html import inline

from tools import emoji_guide

GUIDE = Path(__file__).resolve().parents[2] / "docs/schreiben.md"


def test_the_guides_table_is_current():
    text = GUIDE.read_text("utf-8")
    assert emoji_guide.table() in text, "tools/update_generated.py ausführen"
    assert emoji_guide.update(text) == text


@pytest.mark.parametrize("char", emoji_guide.COMMON)
def test_every_listed_shortcode_gives_its_emoji(char):
    html = inline(emoji_guide.german_shortcode(char), PERLEN_TYPOGRIFY_FILTERS=[])
    assert f">{char}</span>" in html


def test_the_table_shows_what_writers_type_and_readers_hear():
    rows = emoji_guide.table().splitlines()
    assert "| `:rotes_herz:` | ❤️ | rotes Herz |" in rows
    assert "| `:zwinkerndes_gesicht:` | 😉 | zwinkerndes Gesicht |" in rows
    assert len(rows) == len(emoji_guide.COMMON) + 4
