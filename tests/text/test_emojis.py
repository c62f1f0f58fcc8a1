"""Emoji: German names for screen readers, shortcodes, emoticons."""

import emoji as emoji_package
import pytest
from markdown_html import inline
from perlen.text import emojis

# Emoji without typogrify's extras, so that the tests see the emoji alone.
ONLY = {"PERLEN_TYPOGRIFY_FILTERS": []}


def span(char: str, label: str) -> str:
    return f'<span aria-label="{label}" class="emoji" role="img">{char}</span>'


WINK = span("😉", "zwinkerndes Gesicht")
HEART = span("❤️", "rotes Herz").replace('class="emoji"', 'class="emoji heart"')


def emoji_html(text: str, **settings) -> str:
    return inline(text, **{**ONLY, **settings})


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("😉", "zwinkerndes Gesicht"),
        ("❤️", "rotes Herz"),
        ("💔", "gebrochenes Herz"),
        ("👍🏽", "Daumen hoch: mittlere Hautfarbe"),
        ("🇩🇪", "Flagge: Deutschland"),
        ("👩‍💻", "IT-Expertin"),
        ("1️⃣", "Taste: 1"),
    ],
)
def test_german_names_come_from_cldr(char, name):
    assert emojis.german_name(char) == name


def test_an_emoji_newer_than_the_cldr_file_gets_the_emoji_packages_name(monkeypatch):
    monkeypatch.setattr(emojis, "_labels", lambda lang: {})
    assert emojis.name.__wrapped__("😉") == "zwinkerndes gesicht"
    assert emojis.name.__wrapped__("😉", "en") == "winking face"


def test_every_emoji_has_a_german_name():
    marked_up = [
        char
        for char, entry in emojis._data().items()
        if entry["status"] == emoji_package.STATUS["fully_qualified"]
    ]
    assert len(marked_up) > 3000
    assert all(emojis.german_name(char) for char in marked_up)


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("Ein 😉 hier", f"Ein {WINK} hier"),
        ("IT: 👩‍💻!", f"IT: {span('👩‍💻', 'IT-Expertin')}!"),
        ("🇩🇪 Flagge", f"{span('🇩🇪', 'Flagge: Deutschland')} Flagge"),
        ("👍🏽 ok", f"{span('👍🏽', 'Daumen hoch: mittlere Hautfarbe')} ok"),
        ("Taste 1️⃣", f"Taste {span('1️⃣', 'Taste: 1')}"),
        # Text style without U+FE0F stays text; with it, it is an emoji.
        ("© 2021, ↔, ☺", "© 2021, ↔, ☺"),
        ("☺️", span("☺️", "lächelndes Gesicht")),
        ("*😉*", f"<em>{WINK}</em>"),
        ("`😉` bleibt", "<code>😉</code> bleibt"),
    ],
)
def test_unicode_emoji_are_marked_up_for_screen_readers(markdown, html):
    assert emoji_html(markdown) == html


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        (":wink:", WINK),
        (":Wink:", WINK),
        (":zwinkerndes_gesicht:", WINK),
        (":winking_face:", WINK),
        (
            ":heart: :rotes_herz:",
            f"{HEART} {HEART}",
        ),
        (":+1:", span("👍", "Daumen hoch")),
        (":wink::wink:", WINK + WINK),
        # Not shortcodes.
        (":keine_ahnung: und 10:30:45", ":keine_ahnung: und 10:30:45"),
        ("`:wink:`", "<code>:wink:</code>"),
        ("https://example.org/:wink:/", "https://example.org/:wink:/"),
        (
            "<https://example.org/:wink:/>",
            '<a href="https://example.org/:wink:/">https://example.org/:wink:/</a>',
        ),
    ],
)
def test_shortcodes_become_emoji(markdown, html):
    assert emoji_html(markdown) == html


def test_shortcodes_can_be_switched_off():
    assert emoji_html(":wink: 😉", PERLEN_EMOJI_SHORTCODES=False) == f":wink: {WINK}"


def test_emoticons_are_off_by_default():
    assert emoji_html("Na ;-) und :)") == "Na ;-) und :)"


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("Na ;-) gut", f"Na {WINK} gut"),
        ("(so :-))", f"(so {span('🙂', 'leicht lächelndes Gesicht')})"),
        # Only where an emoticon stands alone.
        ("a;-) und Fall b:)", "a;-) und Fall b:)"),
        ("`;-)`", "<code>;-)</code>"),
    ],
)
def test_emoticons_as_a_setting(markdown, html):
    assert emoji_html(markdown, PERLEN_EMOTICONS=True) == html


def test_emoji_can_be_switched_off():
    markdown = "Na ;-) :wink: 😉"
    assert emoji_html(markdown, PERLEN_EMOJI=False, PERLEN_EMOTICONS=True) == markdown
