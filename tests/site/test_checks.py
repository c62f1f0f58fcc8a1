"""The content checks: each with a post that fails it and one that passes.

Sites are built for real (`checked_build`, the build `perlen pruefen` runs);
where a check is about the built site (links, images, Titelbild), the test
follows the URL into the output.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from perlen import workers
from perlen.building.checked import checked_build
from perlen.content import source_lines
from perlen.content.encoding import read_text
from perlen.content.links import pelican_link
from perlen.content.source_lines import SourceLines
from perlen.problems import BuildFailed, Severity
from perlen.publish import post_links
from PIL import Image


def put_image(site, relative: str, size: tuple[int, int] = (8, 6)) -> Path:
    """A real picture (PNG data, whatever the suffix): the site publishes
    only processed images (perlen.images)."""
    path = site.content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (163, 22, 79)).save(path, "PNG")
    return path


def post(
    title: str, date: str = "28.09.2021", body: str = "Text.", **fields: str
) -> str:
    header = {"Titel": title, "Datum": date, **fields}
    return "".join(f"{k}: {v}\n" for k, v in header.items()) + f"\n{body}\n"


def messages(site, settings_file: str = "pelicanconf.py", **overrides) -> list[str]:
    outcome = checked_build(site.settings(settings_file, **overrides))
    return [str(problem) for problem in outcome.problems]


def article_of(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


def resolves(site, url: str) -> bool:
    path = site.output / url.lstrip("/")
    return path.is_file() or (path / "index.html").is_file()


# -- What the reader finds, reported by the same build -----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Datum: 28.09.2021\n\nText.\n", "x.md, Zeile 1: Der Titel fehlt."),
        (
            post("A", "gestern"),
            "x.md, Zeile 2: „gestern“ ist kein Datum, das ich lesen kann.",
        ),
        (
            post("A", "Montag, 28. September 2021"),
            "x.md, Zeile 2: „Montag, 28. September 2021“ – "
            "der 28.09.2021 ist ein Dienstag.",
        ),
        (
            post("A", Kategori="Haltung"),
            "x.md, Zeile 3: Unbekannter Schlüssel „Kategori“ – "
            "meinten Sie „Kategorie“?",
        ),
    ],
    ids=["titel", "datum", "wochentag", "schluessel"],
)
def test_reader_problems_fail_the_build(site, text, expected):
    site.write("posts/x.md", text)
    found = messages(site)
    assert any(expected in message for message in found), found


def test_a_correct_post_has_no_problems(site):
    site.write(
        "posts/x.md", post("A", "Dienstag, 28. September 2021", Kategorie="Haltung")
    )
    assert messages(site) == []


# -- Categories, tags, authors ----------------------------------------------


def test_a_category_spelled_another_way_is_an_error_on_the_minority_post(site):
    site.write("posts/a.md", post("A", "28.09.2021", Kategorie="Haltung"))
    site.write("posts/b.md", post("B", "29.09.2021", Kategorie="Haltung"))
    site.write("posts/c.md", post("C", "30.09.2021", Kategorie="haltung"))
    (found,) = messages(site)
    assert found.endswith(
        "/posts/c.md, Zeile 3: Die Kategorie „haltung“ ist anders geschrieben "
        "als in 2 anderen Beiträgen („Haltung“). Bitte „Kategorie: Haltung“ schreiben."
    )


def test_on_a_tie_the_older_posts_spelling_wins(site):
    site.write("posts/alt.md", post("Alt", "28.09.2021", Kategorie="haltung"))
    site.write("posts/neu.md", post("Neu", "29.09.2021", Kategorie="Haltung"))
    (found,) = messages(site)
    assert "neu.md, Zeile 3: Die Kategorie „Haltung“" in found
    assert "(„haltung“)" in found


def test_the_same_category_spelled_the_same_way_passes(site):
    site.write("posts/a.md", post("A", "28.09.2021", Kategorie="Haltung"))
    site.write("posts/b.md", post("B", "29.09.2021", Kategorie="Haltung"))
    assert messages(site) == []


def test_tags_and_authors_spelled_two_ways(site):
    site.write(
        "posts/a.md",
        post("A", "28.09.2021", Schlagwörter="Kunden", Autorin="Frau Müller"),
    )
    site.write(
        "posts/b.md",
        post("B", "29.09.2021", Schlagwörter="kunden", Autorin="frau müller"),
    )
    found = messages(site)
    assert any("b.md, Zeile 3: Das Schlagwort „kunden“" in m for m in found), found
    assert any("b.md, Zeile 4: Der Name „frau müller“" in m for m in found), found
    site.write(
        "posts/b.md",
        post("B", "29.09.2021", Schlagwörter="Kunden", Autorin="Frau Müller"),
    )
    assert messages(site) == []


def test_a_lone_category_close_to_an_existing_one_is_a_warning(site):
    site.write("posts/a.md", post("A", "28.09.2021", Kategorie="Haltung"))
    site.write("posts/b.md", post("B", "29.09.2021", Kategorie="Haltung"))
    site.write("posts/c.md", post("C", "30.09.2021", Kategorie="Haltungen"))
    outcome = checked_build(site.settings())
    (problem,) = outcome.problems
    assert problem.severity is Severity.WARNING
    assert problem.line == 3
    assert (
        "„Haltungen“ hat sonst kein Beitrag – meinten Sie „Haltung“?" in problem.message
    )
    assert outcome.output is not None  # a warning does not stop the build


@pytest.mark.parametrize(
    "other", ["Design", "Haltungen, zweimal"], ids=["unaehnlich", "zweimal-benutzt"]
)
def test_a_new_category_that_is_not_a_near_miss_passes(site, other):
    site.write("posts/a.md", post("A", "28.09.2021", Kategorie="Haltung"))
    site.write("posts/b.md", post("B", "29.09.2021", Kategorie="Haltung"))
    category = other.split(",")[0]
    site.write("posts/c.md", post("C", "30.09.2021", Kategorie=category))
    if "zweimal" in other:
        site.write("posts/d.md", post("D", "1.10.2021", Kategorie=category))
    assert messages(site) == []


# -- Addresses ---------------------------------------------------------------


def test_two_posts_with_one_address_fail_naming_each_other(site):
    site.write("posts/2021/a.md", post("Monarchie im Perlenbüro", "28.09.2021"))
    site.write("posts/2021/b.md", post("Monarchie im Perlenbüro", "30.09.2021"))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    text = str(failure.value)
    assert (
        "a.md, Zeile 1: Die Adresse „/2021/monarchie-im-perlenbuero/“ gehört auch zu"
        in text
    )
    assert "b.md, Zeile 1: Die Adresse" in text
    assert "„Slug: …“" in text


def test_the_same_title_in_another_year_or_with_a_slug_passes(site):
    site.write("posts/2021/a.md", post("Monarchie im Perlenbüro", "28.09.2021"))
    site.write("posts/2022/a.md", post("Monarchie im Perlenbüro", "28.09.2022"))
    site.write(
        "posts/2021/b.md", post("Monarchie im Perlenbüro", "30.09.2021", Slug="teil-2")
    )
    site.build()
    assert (site.output / "2021/monarchie-im-perlenbuero/index.html").is_file()
    assert (site.output / "2022/monarchie-im-perlenbuero/index.html").is_file()
    assert (site.output / "2021/teil-2/index.html").is_file()


def test_a_slug_line_is_where_a_duplicate_address_is_reported(site):
    site.write("posts/a.md", post("A", "28.09.2021"))
    site.write("posts/b.md", post("B", "29.09.2021", Kategorie="Haltung", Slug="a"))
    found = messages(site)
    assert any("b.md, Zeile 4: Die Adresse „/2021/a/“" in m for m in found), found


# -- Links -------------------------------------------------------------------


def test_a_link_to_a_missing_post_fails_with_a_suggestion(site):
    site.write("posts/2021/monarchie-im-perlenbuero.md", post("Monarchie"))
    site.write(
        "posts/2021/verweis.md",
        post(
            "Verweis", body="Erste Zeile.\n\nSiehe [hier](monarchie-im-perlenburo.md)."
        ),
    )
    (found,) = messages(site)
    assert found.endswith(
        "verweis.md, Zeile 6: Der Link auf „monarchie-im-perlenburo.md“ "
        "führt ins Leere: Diese Datei gibt es nicht. "
        "Meinten Sie „monarchie-im-perlenbuero.md“?"
    )


def test_links_to_posts_and_pages_work_in_the_built_site(site):
    site.write("posts/2021/monarchie.md", post("Monarchie im Perlenbüro"))
    site.write("pages/kontakt.md", "Titel: Kontakt\n\nText.\n")
    site.write(
        "posts/2022/verweis.md",
        post(
            "Verweis",
            "3.1.2022",
            body="[Beitrag](../2021/monarchie.md#abschnitt), "
            "[Kontakt](../../pages/kontakt.md), [Archiv](/archiv/), "
            "[extern](https://example.org/bild.jpg) und [oben](#top).",
        ),
    )
    assert messages(site) == []
    article = article_of(site.html("2022/verweis/index.html"))
    assert 'href="/2021/monarchie-im-perlenbuero/#abschnitt"' in article
    assert 'href="/kontakt/"' in article
    assert 'href="https://example.org/bild.jpg"' in article
    for url in ("/2021/monarchie-im-perlenbuero/", "/kontakt/", "/archiv/"):
        assert resolves(site, url)


def test_a_link_to_a_draft_works_in_the_preview_and_fails_when_published(
    publish_site, monkeypatch
):
    site = publish_site
    site.write("posts/2021/entwurf.md", post("Entwurf", Status="Entwurf"))
    site.write(
        "posts/2021/verweis.md",
        post("Verweis", "29.09.2021", body="[Bald](entwurf.md)"),
    )
    assert messages(site) == []
    assert 'href="/entwuerfe/entwurf/"' in site.html("2021/verweis/index.html")
    found = messages(site, "publishconf.py")
    assert any(
        "verweis.md, Zeile 4: Der Link auf „entwurf.md“ führt zu einem Entwurf" in m
        for m in found
    ), found


def test_a_filename_link_to_a_file_is_a_warning(site):
    put_image(site, "images/logo.png")
    site.write("posts/x.md", post("A", body="[Logo]({filename}/images/logo.png)"))
    (found,) = messages(site)
    assert "Warnung – " in found
    assert "„/images/logo.png“ ist kein Beitrag, sondern eine Datei." in found


# -- Images ------------------------------------------------------------------


def test_a_missing_image_fails_with_the_line_and_a_suggestion(site):
    put_image(site, "posts/2021/perlen.jpg")
    site.write(
        "posts/2021/x.md",
        post("A", body="Absatz.\n\n![Zwei Perlen](perle.jpg)\n\nEnde."),
    )
    (found,) = messages(site)
    assert found.endswith(
        "x.md, Zeile 6: Das Bild „perle.jpg“ gibt es nicht. Meinten Sie „perlen.jpg“?"
    )


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("posts/2021/perlen.jpg", "perlen.jpg"),
        ("posts/2021/bilder/perlen.jpg", "bilder/perlen.jpg"),
        ("images/logo.png", "/images/logo.png"),
        ("images/logo.png", "../../images/logo.png"),
    ],
    ids=["daneben", "unterordner", "images-absolut", "images-relativ"],
)
def test_images_work_in_the_built_site(site, stored, written):
    put_image(site, stored)
    site.write("posts/2021/x.md", post("Bilder", body=f"![Zwei Perlen]({written})"))
    assert messages(site) == []
    (src,) = re.findall(
        r'<img [^>]*src="([^"]+)"', article_of(site.html("2021/bilder/index.html"))
    )
    with Image.open(site.output / src.lstrip("/")) as image:
        assert image.size == (8, 6)


def test_the_same_image_in_two_posts_works_without_warnings(site):
    put_image(site, "posts/2021/krone.jpg")
    site.write("posts/2021/a.md", post("A", body="![Krone](krone.jpg)"))
    site.write("posts/2021/b.md", post("B", "29.09.2021", body="![Krone](krone.jpg)"))
    assert messages(site, PERLEN_STRICT=True) == []
    site.build(PERLEN_STRICT=True)
    assert resolves(site, "/posts/2021/krone-jpg-8.jpg")


def test_an_image_without_alt_text_is_a_warning_at_its_line(site, caplog):
    put_image(site, "posts/perlen.jpg")
    site.write("posts/x.md", post("A", body="Erster Absatz.\n\n\n![](perlen.jpg)"))
    outcome = checked_build(site.settings())
    (problem,) = outcome.problems
    assert (problem.severity, problem.line) == (Severity.WARNING, 7)
    assert problem.message == "Das Bild „perlen.jpg“ hat keinen Alternativtext."
    with caplog.at_level(logging.WARNING):
        site.build()  # a warning: the site is built, the warning logged in German
    logged = [record.getMessage() for record in caplog.records]
    assert any("hat keinen Alternativtext" in line for line in logged)
    assert not any(line.startswith("Empty alt attribute") for line in logged)


@pytest.mark.parametrize(
    "body",
    [
        '<IMG SRC="{static}/images/perle.jpg">',
        '<p>Text <img\nsrc="{static}/images/perle.jpg"/></p>',
        '<a href="#"><Img src="{static}/images/perle.jpg"></a>',
    ],
    ids=["gross", "zeilenumbruch", "im-link"],
)
def test_images_typed_as_raw_html_are_checked_in_any_spelling(site, body):
    site.write("posts/x.md", post("A", body=f"Absatz.\n\n{body}"))
    found = messages(site)
    missing = "Das Bild „/images/perle.jpg“ gibt es nicht."
    assert any(missing in m for m in found), found
    assert any("„/images/perle.jpg“ hat keinen Alternativtext" in m for m in found)


def test_links_and_images_in_the_summary_are_checked(site):
    site.write(
        "posts/x.md",
        post("A", Zusammenfassung="Siehe [dort](weg.md) und ![](perle.jpg)."),
    )
    found = messages(site)
    assert any("Der Link auf „weg.md“ führt ins Leere" in m for m in found), found
    assert any("„perle.jpg“ hat keinen Alternativtext" in m for m in found), found


def test_an_image_with_alt_text_passes(site):
    put_image(site, "posts/perlen.jpg")
    site.write(
        "posts/x.md",
        post("A", body="![Zwei Perlen auf einem Schreibtisch](perlen.jpg)"),
    )
    assert messages(site) == []


def test_a_strict_build_fails_on_warnings(site):
    put_image(site, "posts/perlen.jpg")
    site.write("posts/x.md", post("A", body="![](perlen.jpg)"))
    with pytest.raises(BuildFailed) as failure:
        site.build(PERLEN_STRICT=True)
    assert "hat keinen Alternativtext" in str(failure.value)
    assert not site.output.exists()


# -- Titelbild ---------------------------------------------------------------

ALT = {"Titelbild-Text": "Eine Krone aus Perlen"}


def test_a_titelbild_without_its_text_is_a_warning(site):
    """The same rule the web editor applies before saving."""
    put_image(site, "posts/krone.jpg", (1600, 900))
    site.write("posts/x.md", post("A", Titelbild="krone.jpg"))
    (found,) = messages(site)
    assert found.startswith("Warnung – ")
    assert found.endswith(
        "x.md, Zeile 3: Das Titelbild „krone.jpg“ hat keinen Titelbild-Text. "
        "Bitte darunter beschreiben, was darauf zu sehen ist, "
        "z. B. „Titelbild-Text: Zwei Perlen auf einem Schreibtisch“."
    )
    site.write("posts/x.md", post("A", Titelbild="krone.jpg", **ALT))
    assert messages(site) == []


def test_a_missing_titelbild_fails(site):
    site.write("posts/x.md", post("A", Titelbild="krone.jpg", **ALT))
    (found,) = messages(site)
    assert "x.md, Zeile 3: Das Titelbild „krone.jpg“ gibt es nicht." in found


@pytest.mark.parametrize(
    ("stored", "written"),
    [("posts/2021/krone.jpg", "krone.jpg"), ("images/logo.png", "/images/logo.png")],
    ids=["daneben", "images"],
)
def test_the_titelbild_becomes_a_url_of_the_built_site(site, stored, written):
    put_image(site, stored, (1600, 900))
    site.write("posts/2021/x.md", post("A", Titelbild=written, **ALT))
    outcome = checked_build(site.settings())
    assert outcome.problems == []
    (content,) = outcome.contents
    assert content.image == written  # as the writer wrote it
    assert not content.cover.share.startswith("/")  # site-relative, like .url
    with Image.open(site.output / content.cover.share) as image:  # the preview
        assert (image.format, image.size) == ("JPEG", (1200, 630))


def test_a_titelbild_on_another_website_stays_as_it_is(site):
    site.write(
        "posts/x.md", post("A", Titelbild="https://example.org/krone.jpg", **ALT)
    )
    outcome = checked_build(site.settings())
    assert outcome.problems == []
    assert outcome.contents[0].image == "https://example.org/krone.jpg"


# -- Summary -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            "Ä" * 161,
            "Die Zusammenfassung ist 161 Zeichen lang; "
            "Suchmaschinen zeigen nur etwa 160.",
        ),
        ("<br>", "Die Zusammenfassung ist leer."),
        ("", None),  # as `perlen neu` writes it: the start of the text is used
        ("Ä" * 160, None),
        ("Kurz & *knapp*", None),
    ],
    ids=["zu-lang", "leer", "nicht-ausgefuellt", "genau-160", "kurz"],
)
def test_summary_length(site, summary, expected):
    site.write("posts/x.md", post("A", Kategorie="Haltung", Zusammenfassung=summary))
    outcome = checked_build(site.settings())
    if expected is None:
        assert outcome.problems == []
    else:
        (problem,) = outcome.problems
        assert (problem.severity, problem.line, problem.message) == (
            Severity.WARNING,
            4,
            expected,
        )


def test_the_summary_limit_is_a_setting(site):
    site.write("posts/x.md", post("A", Zusammenfassung="Ein kurzer Satz."))
    assert len(messages(site, PERLEN_SUMMARY_MAX_LENGTH=10)) == 1


# -- The build and the check agree --------------------------------------------


def test_the_build_fails_with_exactly_the_problems_the_check_reports(site):
    put_image(site, "posts/perlen.jpg")
    site.write("posts/a.md", post("A", body="![](perlen.jpg) [x](fehlt.md)"))
    site.write("posts/b.md", post("B", "Montag, 28. September 2021"))
    outcome = checked_build(site.settings())
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert failure.value.problems == outcome.problems
    assert {p.severity for p in outcome.problems} == {Severity.ERROR, Severity.WARNING}


# -- Pure functions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("bild.jpg", "{static}bild.jpg"),
        ("bilder/Bild 1.JPG", "{static}bilder/Bild 1.JPG"),
        ("../../images/logo.png", "{static}../../images/logo.png"),
        ("/images/logo.png", "{static}/images/logo.png"),
        ("anderer.md", "{filename}anderer.md"),
        ("../2021/anderer.md#teil", "{filename}../2021/anderer.md#teil"),
        ("/sonstwo/bild.jpg", None),
        ("/archiv/", None),
        ("seite.html", None),
        ("ordner/", None),
        ("https://example.org/bild.jpg", None),
        ("//example.org/bild.jpg", None),
        ("mailto:ich@example.org", None),
        ("#abschnitt", None),
        ("{static}/images/logo.png", None),
        ("|filename|anderer.md", None),
        ("", None),
    ],
)
def test_pelican_link(url, expected):
    assert pelican_link(url, ["images", "extra"]) == expected


def test_source_lines_finds_text_in_the_body_before_the_header(tmp_path):
    path = tmp_path / "x.md"
    path.write_text(
        "Titel: A\nTitelbild: a.jpg\n\nText\n![](a.jpg)\n", encoding="utf-8"
    )
    lines = SourceLines()
    assert lines.find(str(path), "a.jpg") == 5
    assert lines.find(str(path), "Titel: A") == 1
    assert lines.find(str(path), "fehlt") is None
    assert lines.field(str(path), "image") == 2
    assert lines.field(str(path), "summary") is None


def test_a_build_reads_a_post_for_its_lines_once(site, monkeypatch):
    """The checks (a Titelbild too narrow), the image generator (the line of
    an image it encodes) and the steps after Pelican (a dead page link) ask
    one `SourceLines` of the build, so the post is read once between them."""
    put_image(site, "posts/klein.jpg")
    put_image(site, "posts/bild.jpg")
    site.write(
        "posts/a.md",
        post("A", Titelbild="klein.jpg", body="[Team](/team/) ![Bild](bild.jpg)"),
    )
    reads: list[str] = []

    def counting_read_text(path):
        reads.append(path)
        return read_text(path)

    monkeypatch.setattr(source_lines, "read_text", counting_read_text)
    found = messages(site)
    assert any("a.md, Zeile 3: Das Titelbild „klein.jpg“ ist nur" in m for m in found)
    assert any("a.md, Zeile 5: Der Link „/team/“ führt ins Leere" in m for m in found)
    assert reads.count(str(site.content / "posts/a.md")) == 1


@pytest.mark.parametrize("name", ["beitrag.txt", "beitrag.MD", "beitrag.docx"])
def test_a_text_no_reader_reads_fails_the_build(site, make_post, name):
    site.write("posts/gut.md", make_post())
    site.write(f"posts/2021/{name}", make_post(Titel="Vergessen"))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    suffix = name[name.index(".") :]
    assert (
        f"{name}: Diese Datei wird nicht gelesen: Die Endung „{suffix}“ kennt der "
        "Blog nicht. Bitte den Text als Markdown-Datei" in str(failure.value)
    )


def test_images_next_to_posts_are_no_unread_texts(site, make_post):
    site.write("posts/gut.md", make_post("![Krone](krone.png)"))
    put_image(site, "posts/krone.png")
    site.build()


# -- Markdown files outside the post and page folders --------------------------


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("post/x.md", "meinten Sie „content/posts/“?"),
        ("Pages/x.md", "meinten Sie „content/pages/“?"),
        ("x.markdown", "direkt in „content/“"),
        ("entwuerfe/x.md", "in „content/entwuerfe/“."),
        ("images/x.md", "als Rohtext veröffentlicht"),
        ("extra/x.md", "als Rohtext veröffentlicht"),
    ],
)
def test_markdown_outside_posts_and_pages_is_an_error(site, path, text):
    site.write(path, post("Verirrt"))
    (message,) = messages(site)
    assert message.startswith(f"{site.content / path}: ") or f"{path}: " in message
    assert text in message
    assert "IGNORE_FILES" in message


def test_ignore_files_makes_a_deliberate_exception(site):
    site.write("README.md", "Notizen für die Redaktion.\n")
    site.write("images/notizen/liesmich.md", "Notizen.\n")
    assert len(messages(site)) == 2
    assert messages(site, IGNORE_FILES=[".#*", "README.md", "notizen"]) == []


def test_a_site_built_for_this_computer_is_not_a_preview_link(site):
    """The browser tests build for http://127.0.0.1:PORT: the processed
    images' URLs carry that address, a writer's preview link another."""
    put_image(site, "posts/2021/perle.png", (600, 400))
    site.write("posts/2021/a.md", post("A", body="![Eine Perle](perle.png)"))
    own = {"SITEURL": "http://127.0.0.1:8123"}
    outcome = checked_build(site.settings(**own))
    assert outcome.errors == []
    assert 'src="http://127.0.0.1:8123/posts/2021/perle-' in site.html(
        "2021/a/index.html"
    )
    site.write(
        "posts/2021/b.md",
        post("B", body="[Vorschau](http://127.0.0.1:8000/2021/a/)"),
    )
    (problem,) = checked_build(site.settings(**own)).errors
    assert "http://127.0.0.1:8000/2021/a/" in problem.message


@pytest.fixture
def forked(monkeypatch, forking) -> list[int]:
    """The checks on every core: how many processes each was given."""
    monkeypatch.setattr(workers, "CHECKS_PER_PROCESS", 1)
    counted = []

    def counting(start):
        def count(function, items, workers, **options):
            counted.append(workers)
            return start(function, items, workers, **options)

        return count

    monkeypatch.setattr(workers, "beside", counting(workers.beside))
    monkeypatch.setattr(post_links, "in_forks", counting(workers.in_forks))
    return counted


def test_the_checks_on_every_core_find_the_same_in_the_same_order(site, forked):
    put_image(site, "posts/bild.png")
    for number in range(12):
        site.write(
            f"posts/p{number:02}.md",
            post(
                f"Beitrag {number}",
                body=f"[Weg](fehlt-{number}.md) ![](bild.png) [Da](p00.md)\n\n"
                + ("<p><strong>offen</p>\n" if number % 3 == 0 else ""),
            ),
        )
    one = [str(p) for p in checked_build(site.settings(PERLEN_WORKERS=1)).problems]
    assert forked == [1]
    two = [str(p) for p in checked_build(site.settings(PERLEN_WORKERS=2)).problems]
    assert forked == [1, 2]
    assert two == one
    assert sum("fehlt-" in message for message in two) == 12
    assert any("strong" in message for message in two)


def test_dead_page_links_on_every_core_are_the_same_in_the_same_order(site, forked):
    for number in range(12):
        site.write(
            f"posts/p{number:02}.md",
            post(f"Beitrag {number}", body=f"[Alt](/gibt-es-nicht-{number}/)"),
        )
    one = [str(p) for p in checked_build(site.settings(PERLEN_WORKERS=1)).problems]
    two = [str(p) for p in checked_build(site.settings(PERLEN_WORKERS=2)).problems]
    assert forked[-1] == 2
    assert two == one
    assert sum("/gibt-es-nicht-" in message for message in two) == 12


def test_only_posts_linking_the_site_by_address_are_checked_for_dead_pages(
    site, monkeypatch
):
    """The others are left out before any process is forked for them."""
    given = []

    def recording(function, items, workers, **options):
        given.append([content.source_path for _, content, _ in items])
        return in_forks(function, items, workers, **options)

    in_forks = post_links.in_forks
    monkeypatch.setattr(post_links, "in_forks", recording)
    for number in range(5):
        body = "Siehe [dort](https://example.org/) und `/code/`."
        site.write(f"posts/p{number}.md", post(f"B {number}", body=body))
    site.write("posts/z.md", post("Z", Zusammenfassung="[Alt](/alt/)"))
    found = messages(site)
    assert [Path(path).name for path in given[0]] == ["z.md"]
    assert sum("„/alt/“ führt ins Leere" in message for message in found) == 1
