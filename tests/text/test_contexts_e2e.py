"""End to end: the text outside the post body – plain-text contexts, summaries
on list pages, feeds – and posts in English."""

import json
import re
from html import unescape

import pytest

NBSP = "\u00a0"
NARROW = "\u202f"


def head(html: str, pattern: str) -> str:
    match = re.search(pattern, html, re.S)
    assert match, pattern
    return match.group(1)


@pytest.fixture
def built(site, make_post):
    site.write(
        "posts/kunde.md",
        make_post(
            "Ein Satz mit Fußnote[^1], siehe [unten](#ende) und z.B. 5 km.\n\n"
            "## Ende\n\nMehr.\n\n[^1]: Die Fußnote.",
            Titel="z.B. 5 km - und Dr. Müller",
            Slug="kunde",
        ),
    )
    site.build()
    return site


def test_plain_text_contexts_keep_no_break_spaces(built):
    html = built.html("2021/kunde/index.html")
    title = f"z.{NARROW}B. 5{NBSP}km – und{NBSP}Dr.{NBSP}Müller"  # widont: und Dr.
    assert head(html, r"<title>(.*?) – perlenmädchen</title>") == title
    assert head(html, r'<meta property="og:title" content="([^"]*)"') == title
    assert head(html, r'<meta name="twitter:title" content="([^"]*)"') == title
    data = json.loads(head(html, r'<script type="application/ld\+json">(.*?)</script>'))
    assert data["headline"] == title
    description = head(html, r'<meta name="description" content="([^"]*)"')
    assert f"5{NBSP}km" in description
    # The footnote's number is no part of the text.
    assert "Fußnote, siehe" in description


@pytest.mark.parametrize(
    ("text", "described"),
    [
        (
            "Das `<picture>`-Element und `&amp;` im Code.",
            "Das <picture>-Element und &amp; im",
        ),
        ("Ob 3 < 5 & 7 > 2 gilt? Ja.", "Ob 3 < 5 & 7 > 2 gilt?"),
    ],
)
def test_a_description_from_the_text_keeps_what_looks_like_markup(
    site, make_post, text, described
):
    """The text's own sentences are plain text: a tag typed as code is text."""
    site.write("posts/code.md", make_post(text, Titel="Code", Slug="code"))
    site.build()
    html = site.html("2021/code/index.html")
    description = head(html, r'<meta name="description" content="([^"]*)"')
    assert unescape(description).startswith(described)


def test_summaries_on_list_pages_have_no_anchors_of_the_post(built):
    index = built.html("index.html")
    card = head(index, r'<p class="post-card-summary">(.*?)</p>')
    assert "Ein Satz mit Fußnote, siehe unten und" in card
    assert 'href="#' not in card
    assert "fnref" not in card
    assert "headerlink" not in card


def test_footnote_back_links_are_german(built):
    html = built.html("2021/kunde/index.html")
    assert 'title="Zurück zu Fußnote 1 im Text"' in html
    assert "Jump back" not in html


ENGLISH = """\
"Hello," she said. Don't -- it's 9-5... and 'quoted' <3 :wink:
"""


def test_an_english_post_is_set_in_english(site, make_post):
    site.write(
        "posts/en.md",
        make_post(ENGLISH, Titel='"Hello" -- a title', Sprache="Englisch", Slug="hi"),
    )
    site.build()
    html = site.html("2021/hi-en/index.html")
    body = head(html, r'<div class="post-body">(.*?)</div>')
    assert "“Hello,” she said. Don’t – it’s 9–5… and ‘quoted’" in body
    assert 'aria-label="red heart"' in body
    assert 'aria-label="winking face"' in body
    assert "<h1>“Hello” –" in html
    assert '<meta property="og:locale" content="en_US">' in html
    data = json.loads(head(html, r'<script type="application/ld\+json">(.*?)</script>'))
    assert data["inLanguage"] == "en-US"
    assert '<article class="post-card" lang="en">' in site.html("index.html")


def test_a_german_post_says_so(built):
    html = built.html("2021/kunde/index.html")
    assert '<meta property="og:locale" content="de_DE">' in html
    data = json.loads(head(html, r'<script type="application/ld\+json">(.*?)</script>'))
    assert data["inLanguage"] == "de-DE"


def test_translations_link_each_other_with_hreflang(site, make_post):
    site.write("posts/de.md", make_post("Hallo.", Slug="hallo"))
    site.write(
        "posts/en.md",
        make_post("Hello.", Slug="hallo", Sprache="Englisch", Titel="Hello"),
    )
    site.build()
    german = site.html("2021/hallo/index.html")
    assert '<link rel="alternate" hreflang="en" href="/2021/hallo-en/">' in german
    assert '<link rel="alternate" hreflang="de" href="/2021/hallo/">' in german


def test_feeds_keep_the_titles_characters(publish_site, make_post):
    publish_site.write(
        "posts/kunde.md",
        make_post(
            "Text mit Fußnote[^1]. " + "Noch mehr Text. " * 40 + "\n\n[^1]: Fußnote.",
            Titel="z. B. 5 km",
        ),
    )
    publish_site.build("publishconf.py", PERLEN_VERIFY=False, PERLEN_SEARCH=False)
    feed = publish_site.html("feeds/alle.atom.xml")
    assert f"<title>z.{NBSP}B.{NBSP}5{NBSP}km</title>" in feed  # widont: B. 5
    assert "fnref" not in head(feed, r"<summary[^>]*>(.*?)</summary>")
