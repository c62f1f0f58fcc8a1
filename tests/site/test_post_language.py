"""An English post's page speaks English around the post: date, reading
time, byline, table of contents, share links (`site.labels`)."""

import re
from datetime import datetime
from pathlib import Path

import pytest
from perlen.content.dates import BERLIN
from perlen.site.labels import LABELS, label
from test_templating import render

THEME = Path(__file__).resolve().parents[2] / "theme" / "templates"
LONG = "\n\n".join(
    f"## {title}\n\nWe talk about work and partnership. " + "More words here. " * 60
    for title in ("First", "Second", "Third")
)


def test_datum_speaks_the_posts_language():
    day = datetime(2025, 3, 12, 9, 0, tzinfo=BERLIN)
    assert render("{{ d|datum(lang='en') }}", d=day) == "Wednesday, March 12, 2025"
    assert render("{{ d|datum('d. MMMM y', lang='en') }}", d=day) == "March 12, 2025"
    assert render("{{ d|datum(lang='de') }}", d=day) == "Mittwoch, 12. März 2025"
    assert render("{{ d|datum(lang=None) }}", d=day) == "Mittwoch, 12. März 2025"
    # A language without labels keeps the page German throughout.
    assert render("{{ d|datum(lang='fr') }}", d=day) == "Mittwoch, 12. März 2025"


@pytest.mark.parametrize(
    ("german", "lang", "shown"),
    [
        ("Min. Lesezeit", "en", "min read"),
        ("von", "en_GB", "by"),
        ("Beitrag teilen", "en-US", "Share this post"),
        ("Inhalt", "de", "Inhalt"),
        ("Inhalt", None, "Inhalt"),
        ("Inhalt", "fr", "Inhalt"),
    ],
)
def test_labels(german, lang, shown):
    assert label(german, lang) == shown
    assert render("{{ label(g, l) }}", g=german, l=lang) == shown


def test_every_label_the_theme_uses_has_an_english_one():
    used = {
        match
        for path in THEME.rglob("*.html")
        for match in re.findall(r"label\(\"([^\"]+)\"", path.read_text("utf-8"))
    }
    assert used and used <= set(LABELS["en"])


def test_an_english_posts_page_speaks_english(site, make_post):
    site.write(
        "posts/en.md",
        make_post(
            LONG,
            Titel="A day at the agency",
            Datum="Mittwoch, 12. März 2025",
            Sprache="Englisch",
            Inhaltsverzeichnis="ja",
            Autor="Erika Muster",
        ),
    )
    site.write(
        "posts/de.md",
        make_post(
            LONG,
            Titel="Ein Tag",
            Datum="Mittwoch, 12. März 2025",
            Inhaltsverzeichnis="ja",
        ),
    )
    site.build(SITEURL="https://blog.example.org")  # with share links
    english = site.html("2025/a-day-at-the-agency-en/index.html")
    article = english[english.index("<article") : english.index("</article>")]
    for shown in (
        "Wednesday, March 12, 2025",
        " min read</span>",
        "<br>by <a",
        '<h2 class="toc-title" id="toc-titel">Contents</h2>',
        '<h2 id="teilen">Share this post</h2>',
        ">on LinkedIn</a>",
    ):
        assert shown in article
    for german in ("Mittwoch", "Lesezeit", "<br>von", ">Inhalt<", "teilen<"):
        assert german not in article
    german = site.html("2025/ein-tag/index.html")
    for shown in ("Mittwoch, 12. März 2025", "Min. Lesezeit", "<br>von <a", ">Inhalt<"):
        assert shown in german
