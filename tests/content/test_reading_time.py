"""Reading time from the words of a post's HTML."""

from types import SimpleNamespace

from perlen.content.reader import GermanMarkdownReader
from perlen.content.reading_time import (
    WORD_COUNT,
    add_reading_time,
    count_words,
    reading_minutes,
)


def test_words_not_markup_are_counted():
    html = (
        '<p>Der <a href="/x/">Kunde</a> ist König &amp; Königin.</p>'
        "<p>E-Mail-Adresse, 2021.</p>"
    )
    assert count_words(html) == 7


def test_minutes_round_up_and_never_show_zero():
    assert reading_minutes(0, 200) == 1
    assert reading_minutes(200, 200) == 1
    assert reading_minutes(201, 200) == 2
    assert reading_minutes(800, 200) == 4


def test_the_reader_counts_the_words_into_the_metadata(site, make_post):
    """Counted once at read time, so the content cache keeps the count."""
    path = site.write("posts/x.md", make_post("Ein *kurzer* Text – mit sechs Wörtern."))
    content, metadata = GermanMarkdownReader(site.settings()).read(str(path))
    assert metadata[WORD_COUNT] == count_words(content) == 6


def test_reading_time_uses_the_stored_count_else_counts():
    settings = {"PERLEN_WORDS_PER_MINUTE": 200}
    stored = SimpleNamespace(
        settings=settings, metadata={WORD_COUNT: 401}, _content="<p>Kurz.</p>"
    )
    add_reading_time(stored)
    assert stored.reading_time == 3
    counted = SimpleNamespace(
        settings=settings, metadata={}, _content="<p>" + "Wort " * 201 + "</p>"
    )
    add_reading_time(counted)
    assert counted.reading_time == 2


def test_reading_time_is_the_same_after_a_cached_rebuild(site, make_post):
    site.write("posts/x.md", make_post("Wort " * 401))
    page = "2021/monarchie-im-perlenbuero/index.html"
    site.build()
    assert "3 Min. Lesezeit" in site.html(page)
    site.build()
    assert "3 Min. Lesezeit" in site.html(page)
