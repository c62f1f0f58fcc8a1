"""The legal pages: the Impressum is complete before it goes online, the
privacy policy names every third-party host with its purpose, and both are
linked from every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import LEGAL_TEST_DATA, ROOT, Site, fill_in_legal_data
from perlen.building.checked import checked_build
from perlen.problems import BuildFailed, Severity
from perlen.site.legal import external_services, impressum_problems

IMPRESSUM = (ROOT / "content" / "pages" / "impressum.md").read_text(encoding="utf-8")
# Markdown line breaks: two spaces at the end of a line.
FILLED = "\n".join(
    [
        "Titel: Impressum",
        "",
        "## Angaben gemäß § 5 DDG",
        "",
        "Kreativagentur perlenmädchen  ",
        "Inhaberin: Erika Muster  ",
        "Perlenweg 12  ",
        "12345 Musterstadt",
        "",
        "## Kontakt",
        "",
        "E-Mail: blog@example.org  ",
        "Telefon: +49 30 1234567",
        "",
    ]
)


def found(text: str) -> list[str]:
    """The Impressum problems of `text`, as a writer reads them when
    publishing (where the strictness rule makes every warning an error)."""
    problems = impressum_problems("impressum.md", text.splitlines(), True)
    assert {p.severity for p in problems} <= {Severity.WARNING}
    return [str(p).removeprefix("Warnung – ") for p in problems]


# -- The Impressum -----------------------------------------------------------


def test_a_complete_impressum_has_no_problems():
    assert found(FILLED) == []


def test_every_placeholder_of_the_shipped_impressum_is_named_with_its_line():
    problems = found(IMPRESSUM)
    lines = IMPRESSUM.splitlines()
    assert len(problems) == len(LEGAL_TEST_DATA)
    for placeholder in LEGAL_TEST_DATA:
        line = next(n for n, text in enumerate(lines, 1) if placeholder in text)
        assert (
            f"impressum.md, Zeile {line}: Im Impressum steht noch der Platzhalter "
            f"„{placeholder}“. Bitte die echte Angabe eintragen "
            f"({placeholder[1:-1]})"
        ) in "\n".join(problems)


def test_the_filled_in_shipped_impressum_is_complete(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "impressum.md").write_text(IMPRESSUM, encoding="utf-8")
    fill_in_legal_data(tmp_path)
    assert found((tmp_path / "pages" / "impressum.md").read_text()) == []


@pytest.mark.parametrize(
    ("line", "missing"),
    [
        ("Inhaberin: Erika Muster  ", "der Name der Inhaberin oder des Inhabers"),
        ("Perlenweg 12  ", "die Straße mit Hausnummer"),
        ("12345 Musterstadt", "die Postleitzahl mit Ort"),
        ("E-Mail: blog@example.org  ", "die E-Mail-Adresse"),
    ],
)
def test_a_missing_detail_of_section_5_names_what_to_fill_in(line, missing):
    text = FILLED.replace(line + "\n", "")
    assert found(text) == [
        "impressum.md, Zeile 3: Im Impressum fehlt eine Angabe, die § 5 DDG "
        f"verlangt: {missing}. Bitte eine Zeile wie "
        + found(FILLED.replace(line + "\n", ""))[0].split("Zeile wie ", 1)[1]
    ]
    assert len(found(text)) == 1


@pytest.mark.parametrize(
    "filled",
    [
        "Vertreten durch: Erika Muster, Geschäftsführerin",
        "Geschäftsführer: Max Muster",
        "Inhaber: Max Muster",
    ],
)
def test_the_name_may_be_given_as_owner_or_representative(filled):
    assert found(FILLED.replace("Inhaberin: Erika Muster", filled)) == []


@pytest.mark.parametrize("street", ["Am Perlenufer 3a", "Hauptstr. 7", "Hof 1–3"])
def test_street_forms(street):
    assert found(FILLED.replace("Perlenweg 12", street)) == []


def test_a_placeholder_stands_for_its_field_and_is_reported_once():
    text = FILLED.replace("blog@example.org", "[E-Mail-Adresse]")
    assert found(text) == [
        "impressum.md, Zeile 12: Im Impressum steht noch der Platzhalter "
        "„[E-Mail-Adresse]“. Bitte die echte Angabe eintragen (E-Mail-Adresse) "
        "und die eckigen Klammern entfernen, oder die Zeile löschen, falls sie "
        "nicht zutrifft. Solange Platzhalter drinstehen, wird die Website nicht "
        "veröffentlicht."
    ]


def test_links_and_footnotes_are_no_placeholders():
    text = FILLED + (
        "\nSiehe [Datenschutz](datenschutz.md), [Streitschlichtung][os] und "
        "die Fußnote[^1].\n\n[os]: https://ec.europa.eu/consumers/odr\n"
        "[^1]: Eine Fußnote.\n"
    )
    assert found(text) == []


def test_an_empty_entry_is_reported():
    text = FILLED.replace("Telefon: +49 30 1234567", "Telefon:")
    assert found(text) == [
        "impressum.md, Zeile 13: Im Impressum ist die Angabe „Telefon“ leer. "
        "Bitte ausfüllen oder die Zeile löschen, falls die Angabe nicht zutrifft."
    ]


def test_the_preview_warns_and_the_publish_build_fails(publish_site):
    publish_site.write("pages/impressum.md", IMPRESSUM)
    outcome = checked_build(publish_site.settings())
    assert outcome.output is not None
    assert outcome.errors == []
    assert {p.severity for p in outcome.warnings} == {Severity.WARNING}
    assert any("[E-Mail-Adresse]" in p.message for p in outcome.warnings)
    published = publish_site.root / "veroeffentlicht"
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py", OUTPUT_PATH=str(published))
    message = str(failure.value)
    assert "impressum.md, Zeile 13: Im Impressum steht noch der Platzhalter" in message
    assert "„[E-Mail-Adresse]“" in message
    assert not published.exists()


def test_make_publish_refuses_the_shipped_impressum(project, monkeypatch):
    """This repository's own Impressum has placeholders: `perlen
    veroeffentlichen` (what `make publish` runs) fails in German."""
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    for page in ("impressum", "datenschutz", "ueber-uns", "kontakt"):
        text = (ROOT / "content" / "pages" / f"{page}.md").read_text()
        project.write(f"pages/{page}.md", text)
    code, _, err = project.run("veroeffentlichen")
    assert code == 1
    # The gaps are warnings; publishing is strict, and the headline says so.
    assert err.startswith(
        "Die Website wurde nicht gebaut: 7 Warnungen gefunden. Beim Veröffentlichen "
        "zählt jede Warnung als Fehler."
    )
    # One line for the site-wide matter, saying where to read each gap.
    assert "  • Das Impressum (content/pages/impressum.md) ist noch nicht" in err
    assert "perlen pruefen --alle" in err
    assert not (project.root / "output").exists()
    _, listed, _ = project.run("pruefen", "--alle")
    assert (
        "content/pages/impressum.md, Zeile 7: Im Impressum steht noch der Platzhalter "
        "„[Name der Inhaberin oder des Inhabers]“." in listed
    )


def test_the_check_can_be_switched_off(site):
    site.write("pages/impressum.md", IMPRESSUM)
    assert checked_build(site.settings(PERLEN_IMPRESSUM=None)).problems == []


# -- The privacy policy --------------------------------------------------------

YOUTUBE = "www.youtube-nocookie.com"


def services_section(site: Site) -> str:
    page = site.html("datenschutz/index.html")
    start = page.index('<h2 id="dienste-dritter">')
    return page[start : page.index("</article>")]


def test_without_third_party_hosts_the_privacy_policy_says_so(site):
    site.write("pages/datenschutz.md", "Titel: Datenschutz\n\nText.\n")
    site.build()
    section = services_section(site)
    assert "Dieser Blog bindet keine Dienste Dritter ein" in section
    assert "<dl" not in section


def test_every_allowed_host_is_listed_with_its_purpose(site):
    site.write("pages/datenschutz.md", "Titel: Datenschutz\n\nText.\n")
    hosts = {"frame-src": [YOUTUBE, "player.vimeo.com"], "img-src": [YOUTUBE]}
    purposes = {
        YOUTUBE: "Eingebettete Videos von YouTube (Google Ireland Limited).",
        "player.vimeo.com": "Eingebettete Videos von Vimeo (Vimeo.com, Inc.) <3.",
    }
    outcome = checked_build(
        site.settings(PERLEN_ALLOWED_HOSTS=hosts, PERLEN_HOST_PURPOSES=purposes)
    )
    assert outcome.problems == []
    section = services_section(site)
    entries = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", section)
    assert entries == [
        ("player.vimeo.com (eingebettete Inhalte)", purposes["player.vimeo.com"]
         .replace("<", "&lt;")),
        (f"{YOUTUBE} (eingebettete Inhalte und Bilder)", purposes[YOUTUBE]),
    ]  # fmt: skip
    assert "keine Dienste Dritter" not in section


def test_a_host_without_a_purpose_warns_and_fails_publishing(publish_site, make_post):
    hosts = {"frame-src": [YOUTUBE], "img-src": ["bilder.example.net"]}
    purposes = {"bilder.example.net": "Bilder unserer Fotografin."}
    settings = {"PERLEN_ALLOWED_HOSTS": hosts, "PERLEN_HOST_PURPOSES": purposes}
    outcome = checked_build(publish_site.settings(**settings))
    assert [str(p) for p in outcome.problems] == [
        f"Warnung – pelicanconf.py: Der fremde Server „{YOUTUBE}“ ist in "
        "PERLEN_ALLOWED_HOSTS erlaubt, aber die Datenschutzerklärung kann nicht "
        "sagen, wozu. Bitte in PERLEN_HOST_PURPOSES eintragen, wer ihn betreibt "
        f'und wozu er geladen wird, z. B. {{"{YOUTUBE}": "Eingebettete Videos '
        'von YouTube (Google Ireland Limited)."}.'
    ]
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py", **settings)
    assert f"pelicanconf.py: Der fremde Server „{YOUTUBE}“" in str(failure.value)


def test_a_host_allowed_twice_is_one_service():
    settings = {
        "PERLEN_ALLOWED_HOSTS": {"img-src": ["a.example"], "media-src": ["a.example"]},
        "PERLEN_HOST_PURPOSES": {"a.example": "Zweck."},
    }
    (service,) = external_services(settings)
    assert service.loads == "Bilder und Audio und Video"


# -- Both pages on every page --------------------------------------------------


def test_impressum_and_privacy_policy_are_linked_from_every_page(
    project_copy, make_post
):
    site = Site(project_copy)
    site.write("posts/2020/zweiter.md", make_post(Titel="Zweiter", Datum="2.3.2020"))
    output = site.build(DEFAULT_PAGINATION=1)
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="site-footer">') :]
        assert 'href="/impressum/"' in footer, page
        assert 'href="/datenschutz/"' in footer, page


def test_the_agencys_privacy_policy_links_its_services_section(project_copy):
    site = Site(project_copy)
    outcome = checked_build(site.settings())
    assert outcome.problems == []
    page = site.html("datenschutz/index.html")
    assert 'href="#dienste-dritter"' in page
    assert "Dieser Blog bindet keine Dienste Dritter ein" in page


def test_pruefen_lists_the_impressum_as_warnings_only(project):
    project.write("pages/impressum.md", IMPRESSUM)
    code, out, _ = project.run("pruefen")
    assert code == 0
    assert "• Das Impressum (content/pages/impressum.md) ist noch nicht" in out
    _, everything, _ = project.run("pruefen", "--alle")
    assert "• Warnung – content/pages/impressum.md, Zeile 7:" in everything
    assert Path(project.content / "pages" / "impressum.md").is_file()
