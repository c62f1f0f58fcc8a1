"""Titles, summaries and names are escaped for every context they land in.

Autoescape is on in the theme: a writer's `</script>`, quotes or `&` must
show up as text in HTML, as plain text in `<title>` and meta tags, and as a
JSON string in JSON-LD – never as markup that breaks the page.
"""

from __future__ import annotations

import json

import pytest
from conftest import Site
from theme_html import Doc

SITEURL = "https://blog.perlenmaedchen.example"
TITLE = "Nie wieder </script><script>alert(1)</script> & \"Zitate\" 'hier'"
# Markdown: raw HTML is markup, a code span is text.
SUMMARY = 'Ein "Zitat" & `</script>` und <b>fett</b>'


@pytest.fixture(scope="module")
def post(tmp_path_factory, java):
    """A published post whose title, summary, category and tags attack; one
    publish build (with the HTML check in Java) for the whole module."""
    site = Site(tmp_path_factory.mktemp("angriff"))
    site.write(
        "posts/x.md",
        f"Titel: {TITLE}\n"
        "Datum: Dienstag, 28. September 2021\n"
        "Slug: angriff\n"
        f"Zusammenfassung: {SUMMARY}\n"
        'Kategorie: Tipps "&" Tricks\n'
        "Schlagwörter: Kunst & Krempel, <i>kursiv</i>\n"
        "\nText.\n",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", SITEURL)
        site.build("publishconf.py")
    return site


def test_title_is_text_in_every_context(post):
    html = post.html("2021/angriff/index.html")
    doc = Doc(html)
    assert "<script>alert(1)</script>" not in html
    title = doc.text("h1")
    # The text a reader sees keeps every character the writer typed
    # (typography may turn straight quotes into German ones).
    assert "</script><script>alert(1)</script> &" in title
    assert doc.text("title") == f"{title} – perlenmädchen"
    # Attributes keep the no-break spaces (`Doc.text` folds them).
    assert " ".join(doc.meta("og:title").split()) == title
    assert doc.meta("og:title") == doc.meta("twitter:title")

    scripts = doc.find_all("script")
    assert [attrs.get("type") for attrs, _ in scripts] == ["application/ld+json"]
    data = json.loads(scripts[0][1])
    assert data["headline"] == doc.meta("og:title")
    assert "<" not in scripts[0][1] and "&" not in scripts[0][1]


def test_summary_is_plain_text_in_meta_tags(post):
    doc = Doc(post.html("2021/angriff/index.html"))
    description = doc.meta("description")
    assert "& </script> und\u00a0fett" in description
    assert "<b>" not in description
    assert doc.meta("og:description") == description
    data = json.loads(doc.find_all("script")[0][1])
    assert data["description"] == description


def test_names_are_escaped_where_they_are_shown(post):
    html = post.html("2021/angriff/index.html")
    doc = Doc(html)
    assert not doc.find_all("i")
    tags = [text for attrs, text in doc.find_all("a", rel="tag")]
    assert tags == ["Kunst & Krempel", "<i>kursiv</i>"]
    assert [
        attrs["content"] for attrs, _ in doc.find_all("meta", property="article:tag")
    ] == tags
    category = [
        text
        for attrs, text in doc.find_all("a")
        if attrs["href"].startswith(f"{SITEURL}/kategorie/")
    ]
    assert category == ['Tipps "&" Tricks']
    feeds = [attrs["title"] for attrs, _ in doc.find_all("link", rel="alternate")]
    assert 'perlenmädchen – Tipps "&" Tricks' in feeds

    overview = Doc(post.html("schlagwoerter/index.html"))
    assert not overview.find_all("i")
    assert "<i>kursiv</i> (1 Beitrag)" in [
        " ".join(text.split()) for _, text in overview.find_all("li")
    ]


def test_share_links_encode_the_title(post):
    doc = Doc(post.html("2021/angriff/index.html"))
    (mail,) = [
        attrs["href"]
        for attrs, _ in doc.find_all("a")
        if attrs["href"].startswith("mailto:")
    ]
    subject = mail.split("subject=", 1)[1].split("&body=", 1)[0]
    assert " " not in subject and "<" not in subject and "&" not in subject
    assert "%3C/script%3E" in subject and "%26" in subject
