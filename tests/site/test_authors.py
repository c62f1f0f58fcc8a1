"""Author profiles (content/autorinnen/) and the agency's contact in the theme."""

from __future__ import annotations

import re

import pytest
from perlen.building.checked import checked_build
from perlen.content.author_files import parse_author_file
from PIL import Image

POST = "2021/monarchie-im-perlenbuero/index.html"
PROFILE = """Name: Anna Muster
Foto: anna.jpg
Rolle: Gestalterin

Anna gestaltet Marken, seit es perlenmädchen gibt.

Sie mag <script>alert(1)</script> nicht.
"""


def _photo(site, relative: str = "autorinnen/anna.jpg") -> None:
    path = site.content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 600), (163, 22, 79)).save(path, "JPEG")


def test_a_post_shows_its_authors_box_and_the_author_page_the_profile(site, make_post):
    site.write("autorinnen/anna.md", PROFILE)
    _photo(site)
    site.write("posts/x.md", make_post(Autorin="Anna Muster"))
    site.write("posts/y.md", make_post(Titel="Ohne Profil", Autorin="Bert"))
    output = site.build()
    page = site.html(POST)
    box = page[page.index('<aside class="author-box"') :]
    box = box[: box.index("</aside>")]
    assert "Geschrieben von Anna Muster" in box and "Gestalterin" in box
    assert "Anna gestaltet Marken" in box
    # The bio is plain text: markup is shown, never run.
    assert "<script>" not in box and "&lt;script&gt;" in box
    assert 'alt="Porträt von Anna Muster"' in box
    assert 'sizes="7rem"' in box
    # The photo's variants exist (whatever the image pipeline names them).
    files = re.findall(r'(?:src|srcset)="([^"]+)"', box)
    urls = {u.split()[0] for f in files for u in f.split(", ")}
    assert len(urls) >= 3
    assert all((output / url.lstrip("/")).is_file() for url in urls), urls
    assert not (output / "autorinnen/anna.md").exists()
    author_page = site.html("autorin/anna-muster/index.html")
    assert "Anna gestaltet Marken" in author_page and "author-profile" in author_page
    # A post whose author has no file has no box.
    assert "author-box" not in site.html("2021/ohne-profil/index.html")


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("Nme: Anna\n\nText.", 1, "„Nme“ in einer Autorinnen-Datei. Meinten Sie"),
        ("Rolle: Chefin\n\nText.", 1, "Der Autorinnen-Datei fehlt der Name."),
        ("Name: Anna\nFarbe: Rot\n\nText.", 2, "sind „Name“, „Foto“ und „Rolle“."),
    ],
)  # fmt: skip
def test_a_bad_author_file_is_a_german_error_with_its_line(text, line, expected):
    profile, problems = parse_author_file("autorinnen/anna.md", text)
    assert profile is None
    assert any(p.line == line and expected in str(p) for p in problems), problems


@pytest.mark.parametrize(
    ("photo", "expected"),
    [
        ("fehlt.jpg", "Das Foto „fehlt.jpg“ gibt es nicht."),
        ("../../geheim.jpg", "liegt nicht im Ordner „content/“"),
        ("https://example.org/a.jpg", "liegt nicht im Ordner „content/“"),
    ],
)
def test_a_missing_or_foreign_photo_fails_the_build_naming_the_file(
    site, make_post, photo, expected
):
    site.write("autorinnen/anna.md", f"Name: Anna\nFoto: {photo}\n\nText.\n")
    site.write("posts/x.md", make_post(Autorin="Anna"))
    outcome = checked_build(site.settings())
    [problem] = [p for p in outcome.problems if "anna.md" in p.path]
    assert problem.line == 2 and expected in problem.message


def test_a_photo_that_is_no_image_is_a_german_error(site, make_post):
    site.write("autorinnen/anna.md", "Name: Anna\nFoto: anna.jpg\n\nText.\n")
    site.write("autorinnen/anna.jpg", "Das ist kein Bild.")
    site.write("posts/x.md", make_post(Autorin="Anna"))
    outcome = checked_build(site.settings())
    [problem] = [p for p in outcome.problems if "anna.md" in p.path]
    assert problem.line == 2 and "anna.jpg" in str(problem)
    assert "Traceback" not in str(problem)


def test_markdown_in_the_author_folder_is_no_misplaced_file(site, make_post):
    site.write("autorinnen/anna.md", "Name: Anna\n\nText.\n")
    site.write("autorin/anna.md", "Name: Anna\n\nText.\n")  # not the folder
    site.write("posts/x.md", make_post())
    outcome = checked_build(site.settings())
    paths = [p.path for p in outcome.problems]
    assert not any("autorinnen" in path for path in paths)
    assert any(path.endswith("autorin/anna.md") for path in paths)


def test_header_footer_and_contact_box_come_from_the_settings(site, make_post):
    site.write("posts/x.md", make_post())
    site.write("pages/kontakt.md", "Titel: Kontakt\n\nSchreibt uns.\n")
    agency = {"tagline": "Wir machen Marken", "contact_label": "Jetzt anfragen"}
    site.build(PERLEN_AGENTUR=agency)
    page = site.html(POST)
    assert '<p class="site-tagline">Wir machen Marken</p>' in page
    assert '<a class="button" href="/kontakt/">Jetzt anfragen</a>' in page
    assert '<a href="/kontakt/">Jetzt anfragen</a>' in page  # the footer
    # A mail address works as well.
    site.build(PERLEN_AGENTUR={"contact_url": "mailto:hallo@example.org"})
    assert 'href="mailto:hallo@example.org"' in site.html(POST)


def test_without_the_contact_page_no_link_points_to_nowhere(site, make_post):
    site.write("posts/x.md", make_post())
    site.build()
    page = site.html(POST)
    assert "contact-box" not in page and "/kontakt/" not in page


def test_tag_and_category_pages_describe_themselves_and_count(site, make_post):
    site.write("posts/a.md", make_post(Titel="A", Kategorie="Haltung"))
    site.write("posts/b.md", make_post(Titel="B", Kategorie="Haltung"))
    site.write("posts/c.md", make_post(Titel="C", Schlagwörter="Kunden"))
    site.build(PERLEN_CATEGORY_DESCRIPTIONS={"Haltung": "Wie wir <arbeiten>."})
    category = site.html("kategorie/haltung/index.html")
    assert '<p class="list-intro list-description">Wie wir &lt;arbeiten&gt;.</p>' in (
        category
    )
    assert '<meta name="description" content="Wie wir &lt;arbeiten&gt;.">' in category
    assert '<p class="term-count">2 Beiträge</p>' in category
    tag = site.html("schlagwort/kunden/index.html")
    assert '<p class="term-count">1 Beitrag</p>' in tag
    assert "list-description" not in tag


def test_every_page_links_icons_and_a_manifest_that_exist(site, make_post):
    import json

    site.write("posts/a.md", make_post())
    output = site.build()
    page = site.html("index.html")
    for href in [
        "theme/favicon.svg",
        "theme/icons/favicon-32.png",
        "theme/icons/apple-touch-icon.png",
        "theme/manifest.webmanifest",
    ]:
        assert f'href="/{href}"' in page
        assert (output / href).is_file()
    manifest = json.loads((output / "theme/manifest.webmanifest").read_text("utf-8"))
    for icon in manifest["icons"]:
        assert (output / "theme" / icon["src"]).is_file()
    assert manifest["lang"] == "de"
