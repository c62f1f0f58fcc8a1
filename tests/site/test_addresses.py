"""No post or page takes an address the site generates (`addresses`), and
slugs are cleaned (`slug_rules`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from perlen.building.checked import checked_build
from perlen.content.slug_rules import clean_slug
from perlen.problems import BuildFailed


def post(title: str, body: str = "Text.", **fields: str) -> str:
    header = {"Titel": title, "Datum": "28.09.2021", **fields}
    return "".join(f"{k}: {v}\n" for k, v in header.items()) + f"\n{body}\n"


def page(slug: str, key: str = "Slug") -> str:
    return f"Titel: Eine Seite\n{key}: {slug}\n\nText.\n"


def problems(site, settings_file: str = "pelicanconf.py", **overrides):
    return checked_build(site.settings(settings_file, **overrides)).problems


@pytest.mark.parametrize(
    ("slug", "address", "owner"),
    [
        ("archiv", "/archiv/", "das Archiv"),
        ("Archiv", "/archiv/", "das Archiv"),
        ("kategorien", "/kategorien/", "die Liste der Kategorien"),
        ("suche", "/suche/", "die Suche"),
        ("2021", "/2021/", "das Jahresarchiv 2021"),
        ("schlagwort/kunden", "/schlagwort/kunden/", "das Schlagwort „Kunden“"),
        ("kategorie/haltung", "/kategorie/haltung/", "die Kategorie „Haltung“"),
        ("robots.txt", "/robots.txt/", "„robots.txt“"),
        ("404.html", "/404.html/", "die Fehlerseite"),
        ("theme/css", "/theme/css/", "die Dateien des Designs"),
    ],
)
def test_a_page_taking_a_generated_address_is_an_error(site, slug, address, owner):
    site.write("posts/a.md", post("A", Kategorie="Haltung", Schlagwörter="Kunden"))
    site.write("pages/seite.md", page(slug))
    (problem,) = problems(site)
    assert (problem.path, problem.line) == (str(site.content / "pages/seite.md"), 2)
    assert problem.message == (
        f"Die Adresse „{address}“ braucht die Website schon für {owner}; "
        "einer der beiden ginge verloren."
    )
    with pytest.raises(BuildFailed):
        site.build()
    assert not site.output.exists()


@pytest.mark.parametrize(
    ("save_as", "address", "owner"),
    [
        ("index.html", "/", "die Startseite"),
        ("INDEX.html", "/INDEX.html", "die Startseite"),
        ("seite/2/index.html", "/seite/2/", "die Startseite"),
        ("sitemap.xml", "/sitemap.xml", "die Sitemap"),
        ("_headers", "/_headers", "die Datei „_headers“"),
        ("pagefind/pagefind.js", "/pagefind/pagefind.js", "die Suche"),
        ("images/Logo.png", "/images/Logo.png", "die Datei „images/logo.png“"),
    ],
)
def test_save_as_taking_a_generated_file_is_an_error(site, save_as, address, owner):
    (site.content / "images").mkdir()
    (site.content / "images/logo.png").write_bytes(b"png")
    for number in range(11):  # two pages of posts on the home page
        site.write(f"posts/p{number}.md", post(f"Beitrag {number}"))
    site.write("pages/seite.md", page(save_as, "Save_as"))
    (problem,) = problems(site)
    assert problem.message.startswith(
        f"Die Adresse „{address}“ braucht die Website schon für {owner};"
    )


def test_feeds_are_generated_addresses_in_a_publish_build(site, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    site.write("posts/a.md", post("A", Kategorie="Haltung"))
    site.write("pages/seite.md", page("feeds/alle.atom.xml", "Save_as"))
    found = [p.message for p in problems(site, "publishconf.py")]
    assert (
        "Die Adresse „/feeds/alle.atom.xml“ braucht die Website schon für ein Feed; "
        "einer der beiden ginge verloren."
    ) in found


@pytest.mark.parametrize("title", ["😀🎉", "❤️", "…"])
def test_a_title_without_letters_needs_a_slug(site, title):
    site.write("posts/a.md", post(title))
    (problem,) = problems(site)
    assert (problem.line, problem.message, problem.fix) == (
        1,
        "Aus dem Titel lässt sich keine Adresse bilden: Er enthält keine "
        "Buchstaben oder Ziffern.",
        "Bitte mit „Slug: …“ eine Adresse angeben, z. B. „Slug: gute-laune“.",
    )
    site.write("posts/a.md", post(title, Slug="gute-laune"))
    site.build()
    assert (site.output / "2021/gute-laune/index.html").is_file()


@pytest.mark.parametrize("save_as", ["../../raus.html", "/tmp/raus.html"])
def test_an_address_outside_the_site_is_an_error(site, save_as, tmp_path):
    site.write("pages/raus.md", page(save_as, "Save_as"))
    (problem,) = problems(site)
    assert problem.message == f"Die Adresse „{save_as}“ läge außerhalb der Website."
    assert not (tmp_path.parent / "raus.html").exists()


def test_slugs_differing_in_case_only_are_one_address(site):
    site.write("posts/a.md", post("A", Slug="Perlen"))
    site.write("posts/b.md", post("B", Slug="perlen"))
    found = problems(site)
    assert [p.message.split(";")[0] for p in found] == [
        f"Die Adresse „/2021/perlen/“ gehört auch zu „{site.content}/posts/b.md“",
        f"Die Adresse „/2021/perlen/“ gehört auch zu „{site.content}/posts/a.md“",
    ]


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("Über Uns", "über-uns"),
        ("Was ist das?", "was-ist-das"),
        ("kapitel#2", "kapitel2"),
        ("  Agentur/Team ", "agentur/team"),
        ("../../etc", "etc"),
        ("a//b/./c", "a/b/c"),
    ],
)
def test_written_slugs_are_cleaned(written, clean):
    assert clean_slug(written) == clean


def test_a_cleaned_slug_is_the_address(site):
    site.write("posts/a.md", post("A", Slug="Was Ist Das?"))
    site.build()
    assert (site.output / "2021/was-ist-das/index.html").is_file()


@given(st.text())
def test_clean_slugs_are_stable_and_safe(text):
    slug = clean_slug(text)
    assert clean_slug(slug) == slug
    assert not any(c in slug for c in "?# ") and slug == slug.lower()
    assert ".." not in slug.split("/") and not slug.startswith("/")
