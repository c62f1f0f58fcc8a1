"""The one map of written files and the one way addresses are compared."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from perlen.building.checked import checked_build
from perlen.site.written_files import Written, WrittenFiles, key

NFD_UEBER = unicodedata.normalize("NFD", "Über")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("über/index.html", "Über/index.html"),
        ("über/index.html", f"{NFD_UEBER}/index.html"),
        ("über/index.html", f"/{NFD_UEBER.upper()}/"),
        ("x/", "x/index.html"),
        ("/x/", "x/index.html"),
        ("", "index.html"),
        ("/", "INDEX.html"),
        ("a/./b/../c.xml", "A/C.XML"),
        ("straße/", "STRASSE/index.html"),
    ],
)
def test_the_same_file_has_the_same_key(one, other):
    assert key(one) == key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("x", "x/index.html"),
        ("über/", "uber/"),
        ("a/b.html", "a/b.htm"),
        ("robots.txt", "robots.txt/index.html"),
    ],
)
def test_different_files_have_different_keys(one, other):
    assert key(one) != key(other)


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=20))
def test_the_key_is_stable(path):
    assert key(key(path)) == key(path)
    assert key(unicodedata.normalize("NFD", path)) == key(path)


def test_the_owner_is_a_file_a_folder_on_the_way_or_a_folder_of_the_site():
    written = WrittenFiles(
        [
            Written("2021/a/index.html", "content", "content/posts/a.md"),
            Written("archiv/index.html", "archives", "archives"),
            Written("robots.txt", "robots", "robots"),
        ],
        [Written("theme/", "theme")],
    )
    assert written.owner("Archiv/").label == "das Archiv"
    assert written.owner("robots.txt/index.html").label == "„robots.txt“"
    assert written.owner("THEME/css/x.css").label == "die Dateien des Designs"
    assert written.owner("themes/x.css") is None
    assert written.owner("2021/A/").belongs_to == "„content/posts/a.md“"
    assert written.owner("2021/a/index.html", contents=False) is None


def test_folders_of_pages_come_from_the_same_map():
    written = WrittenFiles(
        [
            Written("2021/a/index.html", "content"),
            Written("feeds/alle.atom.xml", "feed"),
            Written("images/x.png", "file", "images/x.png"),
            Written("kategorie/haltung/index.html", "category", "Haltung"),
        ],
        [],
    )
    assert written.page_folders() == [
        "2021",
        "2021/a",
        "kategorie",
        "kategorie/haltung",
    ]


def post(title: str, **extra: str) -> str:
    header = {"Titel": title, "Datum": "28.09.2021", **extra}
    return "".join(f"{k}: {v}\n" for k, v in header.items()) + "\nText.\n"


@pytest.mark.parametrize("old", ["/ARCHIV/", "/archiv", "/Archiv/index.html"])
def test_an_old_address_is_compared_as_the_site_compares_addresses(site, old):
    """Before the one map, an old address matched only as written."""
    site.write("posts/a.md", post("A", **{"Alte Adressen": old}))
    messages = [p.message for p in checked_build(site.settings()).problems]
    if old.strip("/") == "archiv":
        expected = (
            f"Die alte Adresse „{old}“ gehört jetzt zu einer Übersichtsseite des "
            "Blogs; eine Weiterleitung würde diese Seite verdecken."
        )
    else:  # the same address but for case: said as such (site.old_addresses)
        expected = (
            f"Die alte Adresse „{old}“ unterscheidet sich von der Adresse "
            "„/archiv/“ von einer Übersichtsseite des Blogs nur in Groß- und "
            "Kleinschreibung; auf vielen Servern ist das dieselbe Adresse, und "
            "die Weiterleitung würde diese Seite verdecken."
        )
    assert expected in messages


def test_two_pages_at_one_address_in_two_unicode_forms(site):
    site.write("pages/a.md", "Titel: A\nSave_as: über/index.html\n\nText.\n")
    site.write("pages/b.md", f"Titel: B\nSave_as: {NFD_UEBER}/index.html\n\nText.\n")
    problems = checked_build(site.settings()).problems
    assert sorted(p.path.rsplit("/", 1)[1] for p in problems) == ["a.md", "b.md"]
    assert all("gehört auch zu" in p.message for p in problems)
