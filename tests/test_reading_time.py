"""Reading time from the words of a post's HTML."""

from perlen.reading_time import count_words, reading_minutes


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
