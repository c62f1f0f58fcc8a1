"""End to end: German metadata becomes a built site with German dates and URLs."""

import pytest
from perlen.problems import BuildFailed


def test_german_post_is_built_at_its_german_url(site, make_post):
    site.write(
        "posts/monarchie.md",
        make_post(
            "Der Kunde ist König.",
            Kategorie="Haltung",
            Schlagwörter="Zusammenarbeit, Größe",
            Autorin="Frau Müller",
            Zusammenfassung="Wenn der Kunde König ist",
        ),
    )
    site.build()
    page = site.html("2021/monarchie-im-perlenbuero/index.html")
    assert "Dienstag, 28. September 2021" in page
    assert "Der Kunde ist\xa0König." in page  # widont keeps the last two words together
    assert (site.output / "kategorie/haltung/index.html").exists()
    assert (site.output / "schlagwort/groesse/index.html").exists()
    assert (site.output / "autorin/frau-mueller/index.html").exists()


def test_bad_posts_fail_the_build_with_every_problem(site, make_post):
    site.write("posts/gut.md", make_post())
    site.write("posts/x.md", make_post(Datum="Montag, 28. September 2021"))
    site.write("posts/y.md", "Kategori: Haltung\nDatum: 28.09.2021\n\nText\n")
    with pytest.raises(BuildFailed) as failure:
        site.build()
    message = str(failure.value)
    assert (
        "x.md, Zeile 2: „Montag, 28. September 2021“ – der 28.09.2021 ist ein Dienstag."
        in message
    )
    assert (
        "y.md, Zeile 1: Unbekannter Schlüssel „Kategori“ – meinten Sie „Kategorie“?"
        in message
    )
    assert "y.md, Zeile 1: Der Titel fehlt." in message
    assert not site.output.exists()


def test_failed_build_keeps_previous_output(site, make_post):
    site.write("posts/gut.md", make_post())
    site.build()
    before = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    site.write("posts/kaputt.md", make_post(Datum="gestern"))
    with pytest.raises(BuildFailed):
        site.build()
    after = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert after == before


def test_english_keys_and_iso_dates_still_work(site):
    site.write(
        "posts/en.md",
        "Title: Hello World\nDate: 2021-09-28 14:30\nTags: one, two\n\nBody.\n",
    )
    site.build()
    assert "Body." in site.html("2021/hello-world/index.html")
    assert (site.output / "schlagwort/two/index.html").exists()


def test_status_entwurf_keeps_a_post_out_of_the_listing(site, make_post):
    site.write("posts/entwurf.md", make_post(Titel="Geheimsache", Status="Entwurf"))
    site.write("posts/fertig.md", make_post(Titel="Fertigware"))
    site.build()
    home = site.html("index.html")
    # Only the preview's section of unpublished posts, marked, names it.
    unpublished, listing = home.split('<div class="post-list">')
    assert "Fertigware" in listing
    assert "Geheimsache" not in listing
    assert '<p class="state-label">Entwurf</p>' in unpublished
    assert "Geheimsache" in unpublished


def test_explicit_slug_wins(site, make_post):
    site.write("posts/x.md", make_post(Slug="eigener-pfad"))
    site.build()
    assert (site.output / "2021/eigener-pfad/index.html").exists()


def test_pages_need_no_date(site):
    site.write("pages/ueber.md", "Titel: Über uns\n\nWir sind perlenmädchen.\n")
    site.build()
    assert "Wir sind\u00a0perlenmädchen." in site.html("ueber-uns/index.html")


def test_duplicate_key_is_an_error(site, make_post):
    site.write("posts/x.md", "Titel: A\nDatum: 28.09.2021\nTitel: B\n\nText\n")
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert "x.md, Zeile 3: „Titel“ steht doppelt (schon in Zeile 1)." in str(
        failure.value
    )


def test_unknown_status_is_an_error(site, make_post):
    site.write("posts/x.md", make_post(Status="fertig"))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert "x.md, Zeile 3: Den Status „fertig“ kenne ich nicht." in str(failure.value)


def test_the_agencys_own_site_builds(project_copy):
    from conftest import Site

    site = Site(project_copy)
    site.build()
    page = site.html("2021/monarchie-im-perlenbuero/index.html")
    assert "Dienstag, 28. September 2021" in page
    assert "Jeder Unternehmer kennt den Ausspruch" in page


def test_no_english_skip_message_for_reported_posts(site, make_post, caplog):
    site.write("posts/x.md", make_post(Datum="gestern"))
    with pytest.raises(BuildFailed):
        site.build()
    assert not [r for r in caplog.records if "Could not process" in r.getMessage()]


def test_english_post_gets_english_quotes_and_emoji_names(site, make_post):
    site.write(
        "posts/en.md",
        make_post(
            'She said "hello" :wink:', Titel='The "best" day', Sprache="Englisch"
        ),
    )
    site.write("posts/de.md", make_post('Sie sagte "hallo"', Titel="Deutsch"))
    site.build()
    english = site.html("2021/the-best-day-en/index.html")
    assert "“hello”" in english
    assert "“best”" in english
    assert 'aria-label="winking face"' in english
    assert '<article class="post" data-pagefind-body lang="en">' in english
    assert "„hallo“" in site.html("2021/deutsch/index.html")


def test_feed_dates_are_iso_8601_with_berlin_offset(publish_site, make_post):
    publish_site.write("posts/x.md", make_post(Datum="28.09.2021 14:30 Uhr"))
    publish_site.build("publishconf.py")
    feed = publish_site.html("feeds/alle.atom.xml")
    assert "<published>2021-09-28T14:30:00+02:00</published>" in feed
    assert "<title>Monarchie im\u00a0Perlenbüro</title>" in feed
