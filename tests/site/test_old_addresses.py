"""Old addresses (`Alte Adressen:`): read as paths, and never the address of a
page the site has now."""

from __future__ import annotations

import pytest
from perlen.building.checked import checked_build
from perlen.site.old_addresses import parse, save_as


@pytest.mark.parametrize(
    ("value", "paths"),
    [
        ("/2019/alter-titel/", ["/2019/alter-titel/"]),
        ("2019/alter-titel/", ["/2019/alter-titel/"]),
        ("/2019/alt/, /2020/noch-aelter/", ["/2019/alt/", "/2020/noch-aelter/"]),
        ("/2019/alt/ /2020/b.html", ["/2019/alt/", "/2020/b.html"]),
        ("https://blog.example.org/2019/alt/?ref=x#oben", ["/2019/alt/"]),
        ("/2019/m%C3%BCller/", ["/2019/müller/"]),
        ("/2019//doppelt/", ["/2019/doppelt/"]),
    ],
)
def test_old_addresses_are_paths(value, paths):
    assert parse(value) == (paths, [])


@pytest.mark.parametrize("value", ["/", "https://blog.example.org/", "/../etc/"])
def test_what_is_no_old_address(value):
    paths, invalid = parse(value)
    assert paths == []
    assert invalid == [value]


@pytest.mark.parametrize(
    ("path", "file"),
    [
        ("/2019/alt/", "2019/alt/index.html"),
        ("/2019/alt", "2019/alt/index.html"),
        ("/2019/alt.html", "2019/alt.html"),
        ("/blog/beitrag.php", "blog/beitrag.php"),
    ],
)
def test_the_redirect_page_is_served_at_the_old_path(path, file):
    assert save_as(path) == file


def problems(site) -> list[str]:
    return [str(p) for p in checked_build(site.settings()).problems]


def post(title: str, date: str = "28.09.2021", **extra: str) -> str:
    header = {"Titel": title, "Datum": date, **extra}
    return "".join(f"{k}: {v}\n" for k, v in header.items()) + "\nText.\n"


@pytest.mark.parametrize(
    ("old", "owner"),
    [
        ("/2021/anderer/", "„content/posts/anderer.md“"),
        ("/ueber-uns/", "„content/pages/ueber-uns.md“"),
        ("/schlagwort/kunden/", "der Seite des Schlagworts „Kunden“"),
        ("/kategorie/haltung/", "der Seite der Kategorie „Haltung“"),
        ("/autorin/frau-mueller/", "der Seite von „Frau Müller“"),
        ("/archiv/", "einer Übersichtsseite des Blogs"),
        ("/suche/", "einer Übersichtsseite des Blogs"),
        ("/2021/", "dem Jahresarchiv 2021"),
    ],
)
def test_an_old_address_of_a_current_page_is_an_error(project, old, owner):
    project.write(
        "posts/anderer.md",
        post("Anderer", Schlagwörter="Kunden", Autorin="Frau Müller"),
    )
    project.write("pages/ueber-uns.md", "Titel: Über uns\n\nWir.\n")
    project.write(
        "posts/neu.md",
        post("Neu", Kategorie="Haltung", **{"Alte Adressen": old}),
    )
    code, out, _ = project.run("pruefen")
    assert code == 1
    assert (
        f"• content/posts/neu.md, Zeile 4: Die alte Adresse „{old}“ gehört jetzt "
        f"zu {owner}; eine Weiterleitung würde diese Seite verdecken. Bitte die "
        "alte Adresse prüfen oder aus „Alte Adressen:“ streichen."
    ) in out


def test_its_own_address_and_an_address_two_posts_claim(project):
    project.write("posts/a.md", post("A", **{"Alte Adressen": "/2021/a/, /alt/"}))
    project.write("posts/b.md", post("B", **{"Alte Adressen": "/alt/"}))
    code, out, _ = project.run("pruefen")
    assert code == 1
    assert (
        "content/posts/a.md, Zeile 3: Die alte Adresse „/2021/a/“ ist die jetzige "
        "Adresse dieses Beitrags."
    ) in out
    assert (
        "content/posts/b.md, Zeile 3: Die alte Adresse „/alt/“ nennt auch "
        "„content/posts/a.md“; sie kann nur zu einem Beitrag weiterleiten."
    ) in out


def test_an_empty_or_foreign_value_is_an_error(project):
    project.write("posts/a.md", post("A", **{"Alte Adressen": "/"}))
    project.write("posts/b.md", post("B", **{"Alte Adressen": ""}))
    code, out, _ = project.run("pruefen")
    assert code == 1
    assert "content/posts/a.md, Zeile 3: „/“ ist keine Adresse auf dieser" in out
    assert "content/posts/b.md, Zeile 3: Bei „Alte Adressen:“ fehlt die" in out


def test_a_post_with_valid_old_addresses_has_no_problems(site):
    site.write(
        "posts/neu.md",
        post("Neu", **{"Alte Adressen": "/2019/alt/,\n    /2019/noch-aelter.html"}),
    )
    assert problems(site) == []


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("/2019/mein%20beitrag/", "„%20“"),
        ("/2019/a%09b/, /2019/gut/", "„%09“"),
        ("/2019/frage%3Fantwort/", "„%3F“"),
        ("/2019/x%23y%0A/", "„%23“, „%0A“"),
    ],
)
def test_an_encoded_space_or_delimiter_is_an_error_with_the_line(project, value, codes):
    project.write("posts/neu.md", post("Neu", **{"Alte Adressen": value}))
    code, out, _ = project.run("pruefen")
    assert code == 1
    assert f"content/posts/neu.md, Zeile 3: „{value.split(',')[0]}“ enthält " in out
    assert f"kodierte Zeichen ({codes})" in out


@pytest.mark.parametrize(
    "old", ["/2021/Anderer/", "/Ueber-Uns/", "/SCHLAGWORT/kunden/"]
)
def test_an_old_address_that_differs_from_a_page_only_in_case_is_an_error(project, old):
    project.write("posts/anderer.md", post("Anderer", Schlagwörter="Kunden"))
    project.write("pages/ueber-uns.md", "Titel: Über uns\n\nWir.\n")
    project.write("posts/neu.md", post("Neu", **{"Alte Adressen": old}))
    code, out, _ = project.run("pruefen")
    assert code == 1
    assert (
        f"content/posts/neu.md, Zeile 3: Die alte Adresse „{old}“ unterscheidet "
        f"sich von der Adresse „{old.lower()}“"
    ) in out
    assert "nur in Groß- und Kleinschreibung" in out
