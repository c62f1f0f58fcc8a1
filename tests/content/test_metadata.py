"""German metadata keys, header parsing and value mapping."""

import pytest
from perlen.content.metadata import (
    MetadataError,
    canonical_key,
    map_language,
    map_status,
    split_header,
    suggest_key,
)
from perlen.content.slugs import german_slug


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Titel", "title"),
        ("title", "title"),
        ("Datum", "date"),
        ("Geändert", "modified"),
        ("Geaendert", "modified"),
        ("Aktualisiert", "modified"),
        ("Autorin", "author"),
        ("Autor", "author"),
        ("Autorinnen", "authors"),
        ("Kategorie", "category"),
        ("KATEGORIE", "category"),
        ("Schlagwörter", "tags"),
        ("Schlagwoerter", "tags"),
        ("Schlagworte", "tags"),
        ("Stichwörter", "tags"),
        ("Tags", "tags"),
        ("Zusammenfassung", "summary"),
        ("Slug", "slug"),
        ("Status", "status"),
        ("Sprache", "lang"),
        ("Titelbild", "image"),
    ],
)
def test_german_and_english_keys_map_to_pelican(typed, key):
    assert canonical_key(typed) == key


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("Kategori", "Kategorie"),
        ("Titl", "Titel"),
        ("Datm", "Datum"),
        ("Schlagwoter", "Schlagwörter"),
    ],
)
def test_typos_suggest_the_known_key(typo, meant):
    assert canonical_key(typo) is None
    assert suggest_key(typo) == meant


def test_unrelated_custom_keys_are_not_typos():
    assert suggest_key("Farbe") is None


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("Entwurf", "draft"),
        ("Veröffentlicht", "published"),
        ("veroeffentlicht", "published"),
        ("Versteckt", "hidden"),
        ("draft", "draft"),
    ],
)
def test_status_values(value, status):
    assert map_status(value, 3) == status


def test_unknown_status_names_the_allowed_ones():
    with pytest.raises(MetadataError) as error:
        map_status("fertig", 4)
    assert error.value.line == 4
    assert "„Entwurf“, „Veröffentlicht“ oder „Versteckt“" in error.value.fix


@pytest.mark.parametrize(
    ("value", "code"),
    [("Deutsch", "de"), ("Englisch", "en"), ("de", "de"), ("en", "en")],
)
def test_languages_by_german_name_or_code(value, code):
    assert map_language(value, 1) == code


def test_unknown_language_is_an_error():
    with pytest.raises(MetadataError):
        map_language("Klingonisch-Deutsch", 1)


def test_header_fields_keep_their_line_numbers():
    header = split_header(
        "Titel: Hallo\nSchlagwörter: a, b\n    c\nDatum: 28.09.2021\n\nText\n"
    )
    assert [(f.name, f.value, f.line) for f in header.fields] == [
        ("Titel", "Hallo", 1),
        ("Schlagwörter", "a, b\nc", 2),
        ("Datum", "28.09.2021", 4),
    ]
    assert header.body == "Text"
    assert header.body_line == 6


def test_yaml_style_fences_are_accepted():
    header = split_header("---\nTitel: Hallo\n---\nText\n")
    assert [f.name for f in header.fields] == ["Titel"]
    assert header.body == "Text"


def test_garbage_inside_fences_is_an_error():
    with pytest.raises(MetadataError) as error:
        split_header("---\nTitel: Hallo\nirgendwas\n---\n")
    assert error.value.line == 3


def test_file_without_header_has_no_fields():
    header = split_header("Nur Text.\n")
    assert header.fields == []
    assert header.body == "Nur Text.\n"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Monarchie im Perlenbüro", "monarchie-im-perlenbuero"),
        ("Größe & Maß", "groesse-mass"),
        ("Über uns", "ueber-uns"),
        ("Ärger, Öl und Übermut!", "aerger-oel-und-uebermut"),
        ("Café „Zukunft“ – 2021", "cafe-zukunft-2021"),
    ],
)
def test_german_slugs(text, slug):
    assert german_slug(text) == slug
