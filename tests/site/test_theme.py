"""End to end: the theme turns posts into German pages that readers, search
engines and screen readers can use. Every test builds a real site."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, Site
from PIL import Image
from theme_html import Doc

SITEURL = "https://blog.perlenmaedchen.example"
WORDS_450 = " ".join(["Perle"] * 450)


@pytest.fixture
def publish(site, monkeypatch, java):
    """Build `site` with publishconf.py, as the published site is built (with
    the HTML check in Java: `langsam`)."""
    monkeypatch.setenv("SITEURL", SITEURL)
    return lambda **overrides: site.build("publishconf.py", **overrides)


@pytest.fixture
def agency_site(project_copy, make_post) -> Site:
    """The agency's real content plus posts that exercise every page type."""
    site = Site(project_copy)
    site.write(
        "posts/2020/zweiter.md",
        make_post(
            "Ein Zitat:\n\n> Wer Perlen sucht, muss tauchen.\n\n"
            "Und ein Bild: ![Eine Perle](/theme/favicon.svg)",
            Titel="Tauchen nach Perlen",
            Datum="Montag, 2. März 2020",
            Kategorie="Handwerk",
            Schlagwörter="Kunden, Gestaltung",
        ),
    )
    return site


def test_post_page_speaks_german(site, make_post):
    site.write(
        "posts/x.md",
        make_post(
            WORDS_450,
            Kategorie="Haltung",
            Schlagwörter="Zusammenarbeit, Größe",
            Autorin="Frau Müller",
        ),
    )
    site.build()
    html = site.html("2021/monarchie-im-perlenbuero/index.html")
    doc = Doc(html)
    assert html.startswith('<!doctype html>\n<html lang="de">')
    assert (
        '<time datetime="2021-09-28T00:00:00+02:00">Dienstag, 28. September 2021</time>'
        in html
    )
    assert "3 Min. Lesezeit" in doc.text("p", **{"class": "post-meta"})
    assert doc.find_all("a", href="/autorin/frau-mueller/", rel="author")
    assert doc.text("a", href="/kategorie/haltung/") == "Haltung"
    assert doc.text("a", href="/schlagwort/groesse/", rel="tag") == "Größe"
    assert doc.text("h1") == "Monarchie im Perlenbüro"
    assert "aktualisiert" not in html


def test_modified_date_reads_aktualisiert_am(site, make_post):
    site.write("posts/x.md", make_post(Aktualisiert="Freitag, 1. Oktober 2021"))
    site.build()
    doc = Doc(site.html("2021/monarchie-im-perlenbuero/index.html"))
    assert (
        doc.text("span", **{"class": "post-modified"})
        == "(aktualisiert am 1. Oktober 2021)"
    )
    assert doc.find_all("time", datetime="2021-10-01T00:00:00+02:00")


def test_drafts_and_scheduled_posts_say_so_in_the_preview(site, make_post):
    site.write("posts/a.md", make_post(Titel="Halb fertig", Status="Entwurf"))
    site.write("posts/b.md", make_post(Titel="Bald", Datum="1.1.2100"))
    site.write("posts/c.md", make_post())
    site.build()
    draft = Doc(site.html("entwuerfe/halb-fertig/index.html"))
    assert draft.text("p", **{"class": "state-note"}) == (
        "Entwurf: nur in der Vorschau sichtbar, nicht veröffentlicht."
    )
    assert draft.meta("robots") == "noindex"
    planned = Doc(site.html("entwuerfe/bald/index.html"))
    assert planned.text("p", **{"class": "state-note"}) == (
        "Geplant: erscheint am Freitag, 1. Januar 2100. "
        "Diese Seite gibt es nur in der Vorschau."
    )
    published = Doc(site.html("2021/monarchie-im-perlenbuero/index.html"))
    assert not published.find_all("p", **{"class": "state-note"})
    assert not published.find_all("meta", name="robots")


def test_a_draft_links_only_to_list_pages_that_exist(site, make_post):
    """A draft's category, tags and author have no page of their own until a
    published post shares them: the preview names them without a dead link,
    and links those that a published post gave a page."""
    site.write(
        "posts/a.md",
        make_post(
            Titel="Halb fertig",
            Status="Entwurf",
            Kategorie="Neuland",
            Schlagwörter="Größe, Geheimnis",
            Autorin="Frau Neu",
        ),
    )
    site.write("posts/c.md", make_post(Kategorie="Haltung", Schlagwörter="Größe"))
    site.build()
    draft = Doc(site.html("entwuerfe/halb-fertig/index.html"))
    linked = {attrs.get("href") for attrs, _ in draft.find_all("a")}
    assert "/schlagwort/groesse/" in linked
    for missing in (
        "/kategorie/neuland/",
        "/schlagwort/geheimnis/",
        "/autorin/frau-neu/",
    ):
        assert missing not in linked
        assert not (site.output / missing.strip("/") / "index.html").exists()
    assert draft.text("p", **{"class": "post-category"}) == "Neuland"
    assert "Geheimnis" in draft.text("ul", **{"class": "tag-list"})
    assert "Frau Neu" in draft.text("p", **{"class": "post-meta"})
    published = Doc(site.html("2021/monarchie-im-perlenbuero/index.html"))
    assert published.text("a", href="/kategorie/haltung/") == "Haltung"


def test_home_lists_newest_posts_and_paginates_in_german(site, make_post):
    for day in range(1, 13):
        site.write(
            f"posts/p{day}.md",
            make_post(f"Inhalt {day}.", Titel=f"Beitrag {day}", Datum=f"{day}.3.2021"),
        )
    site.build()
    first = Doc(site.html("index.html"))
    titles = [
        " ".join(text.split())
        for _, text in first.find_all("h2", **{"class": "post-card-title"})
    ]
    assert titles == [f"Beitrag {day}" for day in range(12, 2, -1)]
    assert first.find_all("time", datetime="2021-03-12T00:00:00+01:00")
    assert first.text("a", rel="next") == "Ältere Beiträge →"
    assert first.find_all("a", rel="next")[0][0]["href"] == "/seite/2/"
    assert not first.find_all("a", rel="prev")

    second = Doc(site.html("seite/2/index.html"))
    assert second.text("a", rel="prev") == "← Neuere Beiträge"
    assert second.find_all("a", rel="prev")[0][0]["href"] == "/"
    assert second.text("span", **{"class": "pagination-status"}) == "Seite 2 von 2"
    assert second.text("title") == "Beiträge, Seite 2 – perlenmädchen"


def test_post_card_shows_date_reading_time_and_summary(site, make_post):
    site.write("posts/x.md", make_post(WORDS_450, Zusammenfassung="Kurz & **knapp**"))
    site.build()
    doc = Doc(site.html("index.html"))
    card = doc.text("article", **{"class": "post-card"})
    assert "28. September 2021 · 3 Min. Lesezeit" in card
    assert "Kurz & knapp" in card
    # A card's teaser is plain text, also from a summary with markup.
    assert "<strong>knapp</strong>" not in site.html("index.html")


def test_card_without_summary_shows_a_plain_teaser_of_the_first_paragraphs(
    site, make_post
):
    body = (
        "Wir haben ein [neues Büro](https://example.org/) bezogen.\n\n"
        "## Unser Fazit (1)\n\n"
        "- ein Punkt\n\n" + "Perlen sind schön. " * 30
    )
    site.write("posts/x.md", make_post(body))
    site.build()
    html = site.html("index.html")
    text = Doc(html).text("p", **{"class": "post-card-summary"})
    assert text.startswith("Wir haben ein neues Büro bezogen. Perlen sind schön.")
    assert text.endswith("…") and len(text) <= 221
    assert "Fazit" not in text and "Punkt" not in text
    card = html.split('class="post-card-summary">')[1].split("</p>")[0]
    assert "<" not in card


def test_post_links_to_neighbours_and_related_posts(site, make_post):
    posts = {
        "a": ("1.1.2021", "Perlen, Kunden"),
        "b": ("1.2.2021", "Perlen, Kunden, Haltung"),
        "c": ("1.3.2021", "Haltung"),
        "d": ("1.4.2021", "Sonstiges"),
        "e": ("1.5.2021", "Perlen, Kunden, Haltung"),
    }
    for name, (date, tags) in posts.items():
        site.write(
            f"posts/{name}.md",
            make_post(Titel=f"Post {name}", Datum=date, Schlagwörter=tags),
        )
    site.build()
    doc = Doc(site.html("2021/post-b/index.html"))
    assert [" ".join(text.split()) for _, text in doc.find_all("a", rel="prev")] == [
        "Älterer Beitrag Post a"
    ]
    assert [" ".join(text.split()) for _, text in doc.find_all("a", rel="next")] == [
        "Neuerer Beitrag Post c"
    ]
    related = [
        attrs["href"]
        for attrs, _ in doc.find_all("a")
        if attrs.get("href", "").startswith("/2021/post-")
    ]
    # e shares three tags, a two, c one; d shares none.
    assert related[:3] == ["/2021/post-e/", "/2021/post-a/", "/2021/post-c/"]
    assert "/2021/post-d/" not in related

    lonely = Doc(site.html("2021/post-d/index.html"))
    assert not lonely.find_all("section", **{"class": "related"})


def test_archive_groups_by_year_with_dates_in_their_own_column(site, make_post):
    for name, date in [
        ("a", "2.3.2020"),
        ("b", "28.9.2021"),
        ("c", "5.10.2021"),
        ("d", "6.10.2021"),
    ]:
        site.write(f"posts/{name}.md", make_post(Titel=f"Post {name}", Datum=date))
    site.build()
    doc = Doc(site.html("archiv/index.html"))
    # No month headings (every date names its month): no heading over a
    # single post, one rule for every month.
    assert doc.outline() == [(1, "Archiv"), (2, "2021"), (2, "2020")]
    listed = [text for _, text in doc.find_all("li")]
    assert listed.index("6. Oktober Post d") < listed.index("5. Oktober Post c")
    assert listed.index("5. Oktober Post c") < listed.index("28. September Post b")
    assert "2. März Post a" in listed

    year = Doc(site.html("2021/index.html"))
    assert year.text("h1") == "Beiträge aus 2021"
    assert year.find_all("h2") == []
    assert len(year.find_all("li")) >= 3


def test_tag_overview_counts_posts_in_german_order(site, make_post):
    site.write("posts/a.md", make_post(Titel="A", Schlagwörter="Größe, Kunden, Zeit"))
    site.write("posts/b.md", make_post(Titel="B", Schlagwörter="Kunden, Ärger"))
    site.build()
    doc = Doc(site.html("schlagwoerter/index.html"))
    items = [text for _, text in doc.find_all("li") if "Beitr" in text]
    assert items == [
        "Ärger (1 Beitrag)",
        "Größe (1 Beitrag)",
        "Kunden (2 Beiträge)",
        "Zeit (1 Beitrag)",
    ]
    tag = Doc(site.html("schlagwort/kunden/index.html"))
    assert tag.text("h1") == "Schlagwort: Kunden"
    assert tag.text("title") == "Schlagwort: Kunden – perlenmädchen"


def test_static_pages_are_linked_from_the_footer(agency_site):
    agency_site.build()
    doc = Doc(agency_site.html("index.html"))
    footer_links = {
        text: attrs["href"]
        for attrs, text in doc.find_all("a")
        if attrs["href"] in {"/impressum/", "/datenschutz/", "/ueber-uns/"}
    }
    assert footer_links == {
        "Impressum": "/impressum/",
        "Datenschutz": "/datenschutz/",
        "Über uns": "/ueber-uns/",
    }
    impressum = Doc(agency_site.html("impressum/index.html"))
    assert impressum.text("h1") == "Impressum"
    assert (2, "Angaben gemäß § 5 DDG") in impressum.outline()
    datenschutz = Doc(agency_site.html("datenschutz/index.html"))
    assert (2, "Das Wichtigste in Kürze") in datenschutz.outline()
    assert "keine Cookies" in datenschutz.text("main")


def test_german_404_page(agency_site):
    agency_site.build()
    doc = Doc(agency_site.html("404.html"))
    assert doc.text("h1") == "Diese Seite gibt es leider nicht"
    assert doc.meta("robots") == "noindex"
    links = {attrs["href"] for attrs, _ in doc.find_all("a")}
    assert {"/", "/archiv/", "/schlagwoerter/", "/suche/"} <= links
    # Served for any address, so no link may be relative to the page.
    assert all(href.startswith(("/", "#", "http", "mailto:")) for href in links)


def test_search_page_works_without_javascript(agency_site):
    agency_site.build()
    doc = Doc(agency_site.html("suche/index.html"))
    assert doc.text("title") == "Suche – perlenmädchen"
    (script,) = doc.find_all("script")
    assert script[0]["src"] == "/theme/js/suche.js"
    assert script[0]["data-pagefind"] == "/pagefind/"
    assert script[1] == ""
    fallback = doc.find_all("div", id="suche-ohne-js")
    assert fallback and "hidden" not in fallback[0][0]
    links = {attrs["href"] for attrs, _ in doc.find_all("a")}
    assert {"/archiv/", "/schlagwoerter/"} <= links
    js = (ROOT / "theme/static/js/suche.js").read_text(encoding="utf-8")
    assert "pagefind-ui.js" in js and "pagefind-ui.css" in js and "suche-ohne-js" in js


def test_only_the_article_body_is_indexed_for_search(agency_site):
    agency_site.build()
    post = agency_site.html("2021/monarchie-im-perlenbuero/index.html")
    assert post.count("data-pagefind-body") == 1
    assert '<article class="post" data-pagefind-body>' in post
    # The title names the result; the date and category stay out of it.
    assert '<p class="post-category" data-pagefind-ignore>' in post
    assert '<p class="post-meta" data-pagefind-ignore>' in post
    assert (
        '<meta property="og:title" content="Monarchie im\u00a0Perlenbüro" '
        'data-pagefind-meta="title[content]">'
    ) in post
    for page in ["index.html", "archiv/index.html", "impressum/index.html", "404.html"]:
        assert "data-pagefind-body" not in agency_site.html(page)


def test_published_post_has_seo_and_social_metadata(site, make_post, publish):
    (site.content / "images").mkdir()
    cover = Image.new("RGB", (1600, 1000), (163, 22, 79))
    cover.save(site.content / "images/krone.png")
    site.write(
        "posts/x.md",
        make_post(
            "Text.",
            Kategorie="Haltung",
            Schlagwörter="Kunden",
            Autorin="Frau Müller",
            Zusammenfassung="Wenn der Kunde *König* ist",
            Titelbild="/images/krone.png",
            **{"Titelbild-Text": "Eine goldene Krone"},
            Bildnachweis="Anna Muster",
            Aktualisiert="1.10.2021",
        ),
    )
    publish()
    url = f"{SITEURL}/2021/monarchie-im-perlenbuero/"
    doc = Doc(site.html("2021/monarchie-im-perlenbuero/index.html"))
    assert doc.text("title") == "Monarchie im Perlenbüro – perlenmädchen"
    assert doc.meta("description") == "Wenn der Kunde König\u00a0ist"
    assert doc.find_all("link", rel="canonical", href=url)
    assert doc.meta("og:url") == url
    assert doc.meta("og:locale") == "de_DE"
    assert doc.meta("og:type") == "article"
    # Plain-text contexts keep the no-break spaces of the text (widont).
    assert doc.meta("og:title") == "Monarchie im\u00a0Perlenbüro"
    assert doc.meta("og:description") == "Wenn der Kunde König\u00a0ist"
    # The Titelbild is shared as its 1200×630 crop.
    preview = f"{SITEURL}/images/krone-png-1200x630.jpg"
    assert doc.meta("og:image") == preview
    assert doc.meta("og:image:width") == "1200"
    assert doc.meta("og:image:height") == "630"
    assert doc.meta("og:image:alt") == "Eine goldene Krone"
    assert doc.meta("twitter:card") == "summary_large_image"
    assert doc.meta("twitter:image") == preview
    assert doc.meta("twitter:title") == "Monarchie im\u00a0Perlenbüro"
    assert doc.meta("article:published_time") == "2021-09-28T00:00:00+02:00"

    (ld_script,) = doc.find_all("script", type="application/ld+json")
    data = json.loads(ld_script[1])
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Monarchie im\u00a0Perlenbüro"
    assert data["datePublished"] == "2021-09-28T00:00:00+02:00"
    assert data["dateModified"] == "2021-10-01T00:00:00+02:00"
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Frau Müller",
            "url": f"{SITEURL}/autorin/frau-mueller/",
        }
    ]
    assert data["publisher"]["name"] == "Kreativagentur perlenmädchen"
    assert data["image"] == {
        "@type": "ImageObject",
        "url": preview,
        "width": 1200,
        "height": 630,
        "creditText": "Anna Muster",
    }
    assert data["mainEntityOfPage"] == url

    feeds = {
        attrs["href"]
        for attrs, _ in doc.find_all(
            "link", rel="alternate", type="application/atom+xml"
        )
    }
    assert feeds == {
        f"{SITEURL}/feeds/alle.atom.xml",
        f"{SITEURL}/feeds/kategorie/haltung.atom.xml",
    }
    assert (site.output / "feeds/alle.atom.xml").exists()
    assert (site.output / "feeds/kategorie/haltung.atom.xml").exists()

    mail = [
        attrs["href"]
        for attrs, _ in doc.find_all("a")
        if attrs["href"].startswith("mailto:")
    ]
    assert mail == [
        "mailto:?subject=Monarchie%20im%C2%A0Perlenb%C3%BCro&body=https%3A//blog.perlenmaedchen.example/2021/monarchie-im-perlenbuero/"
    ]


def test_pages_without_a_post_image_get_the_site_card(site, make_post, publish):
    site.write("posts/x.md", make_post())
    publish()
    home = Doc(site.html("index.html"))
    assert home.meta("og:type") == "website"
    assert home.meta("twitter:card") == "summary_large_image"
    assert home.meta("og:image") == f"{SITEURL}/theme/icons/social-card.png"
    assert home.meta("og:image:width") == "1200"
    for listing in ["kategorie/allgemein/index.html", "archiv/index.html"]:
        shared = Doc(site.html(listing)).meta("og:image")
        assert shared == f"{SITEURL}/theme/icons/social-card.png"
    assert home.find_all("link", rel="canonical", href=f"{SITEURL}/")
    assert home.text("title") == "Kreativagentur perlenmädchen – der Blog"
    post = Doc(site.html("2021/monarchie-im-perlenbuero/index.html"))
    # A post without Titelbild is shared with its generated social card.
    card = f"{SITEURL}/2021/monarchie-im-perlenbuero/vorschau.png"
    assert post.meta("og:image") == card
    assert post.meta("twitter:card") == "summary_large_image"
    # Without a Zusammenfassung the description is the start of the text.
    assert post.meta("description") == "Text."


def test_robots_txt_and_sitemap(site, make_post, publish):
    site.write("posts/x.md", make_post())
    publish()
    robots = site.html("robots.txt")
    assert robots.splitlines()[0] == "User-agent: *"
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots
    sitemap = site.html("sitemap.xml")
    assert f"<loc>{SITEURL}/2021/monarchie-im-perlenbuero/</loc>" in sitemap
    assert "404.html" not in sitemap and "robots.txt" not in sitemap


def _built_pages(output: Path) -> dict[str, str]:
    return {
        str(path.relative_to(output)): path.read_text(encoding="utf-8")
        for path in sorted(output.rglob("*.html"))
    }


def test_every_page_has_landmarks_and_a_gapless_outline(agency_site):
    agency_site.build()
    pages = _built_pages(agency_site.output)
    assert len(pages) >= 15
    for name, html in pages.items():
        doc = Doc(html)
        assert doc.elements[0] == ("html", {"lang": "de"}), name
        levels = [level for level, _ in doc.outline()]
        assert levels[0] == 1 and levels.count(1) == 1, (name, levels)
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (
            name,
            levels,
        )
        assert len(doc.find_all("main", id="inhalt")) == 1, name
        assert doc.find_all("a", href="#inhalt", **{"class": "skip-link"}), name
        assert len(doc.find_all("header", **{"class": "site-header"})) == 1, name
        assert len(doc.find_all("footer", **{"class": "site-footer"})) == 1, name
        labels = [attrs.get("aria-label") for attrs, _ in doc.find_all("nav")]
        assert all(labels) and len(set(labels)) == len(labels), (name, labels)
        assert all(attrs.get("alt") for attrs, _ in doc.find_all("img")), name
        assert doc.text("title"), name


def test_no_inline_code_and_no_third_party_requests(agency_site):
    agency_site.build()
    for name, html in _built_pages(agency_site.output).items():
        doc = Doc(html)
        assert not doc.find_all("style"), name
        for tag, attrs in doc.elements:
            assert "style" not in attrs, (name, tag)
            assert not [a for a in attrs if a.startswith("on")], (name, tag, attrs)
        for attrs, text in doc.find_all("script"):
            # Only JSON data blocks may be inline; the CSP does not run them.
            assert attrs.get("src") or attrs.get("type") == "application/ld+json", name
            assert not (attrs.get("src") and text.strip()), name
        loaded = [
            attrs.get("src")
            for tag, attrs in doc.elements
            if tag in {"script", "img", "iframe", "source", "video", "audio"}
        ]
        loaded += [
            attrs["href"]
            for attrs, _ in doc.find_all("link")
            if attrs.get("rel") in {"stylesheet", "preload", "icon", "modulepreload"}
        ]
        for url in filter(None, loaded):
            assert url.startswith("/") and not url.startswith("//"), (name, url)
    css = (ROOT / "theme/static/css/perlen.css").read_text(encoding="utf-8")
    assert not re.search(r"url\((?!\.\./fonts/)", css)
    assert not re.search(r"@import", css)


def test_fonts_are_self_hosted_subsets_with_swap():
    css = (ROOT / "theme/static/css/perlen.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*{(.*?)}", css, re.S)
    assert 1 <= len(faces) <= 3
    for face in faces:
        assert "font-display: swap" in face
        assert "unicode-range:" in face
        (src,) = re.findall(r"url\(\.\./fonts/([^)]+\.woff2)\)", face)
        assert (ROOT / "theme/static/fonts" / src).is_file()
    licences = list((ROOT / "theme/static/fonts").glob("LICENSE*"))
    assert len(licences) == len(faces)
    assert all(
        "SIL Open Font License" in path.read_text(encoding="utf-8") for path in licences
    )


def test_article_page_weight_budget(project_copy, monkeypatch, java):
    """HTML + CSS + fonts of the real post stay within 60 KB, uncompressed."""
    monkeypatch.setenv("SITEURL", SITEURL)
    site = Site(project_copy)
    site.build("publishconf.py")
    html = site.html("2021/monarchie-im-perlenbuero/index.html")
    doc = Doc(html)
    # What the screen needs; the print stylesheet (media="print") waits.
    (css_link,) = [
        attrs["href"]
        for attrs, _ in doc.find_all("link", rel="stylesheet")
        if attrs.get("media") != "print"
    ]
    css_path = site.output / css_link.removeprefix(SITEURL + "/")
    css = css_path.read_text(encoding="utf-8")
    fonts = [css_path.parent / url for url in re.findall(r"url\(([^)]+\.woff2)\)", css)]
    total = (
        len(html.encode())
        + len(css.encode())
        + sum(path.stat().st_size for path in fonts)
    )
    assert fonts and total <= 60 * 1024, f"{total} Bytes"
