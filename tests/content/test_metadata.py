"""German metadata keys, header parsing and value mapping."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from perlen.content.metadata import (
    canonical_key,
    map_flag,
    map_language,
    map_status,
    split_header,
    suggest_key,
)
from perlen.content.slugs import german_slug
from perlen.problems import ProblemError


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
    with pytest.raises(ProblemError) as error:
        map_status("fertig", 4)
    assert error.value.problem.line == 4
    assert "„Entwurf“, „Veröffentlicht“ oder „Versteckt“" in error.value.problem.fix


@pytest.mark.parametrize(
    ("value", "code"),
    [("Deutsch", "de"), ("Englisch", "en"), ("de", "de"), ("en", "en")],
)
def test_languages_by_german_name_or_code(value, code):
    assert map_language(value, 1) == code


def test_unknown_language_is_an_error():
    with pytest.raises(ProblemError):
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
    with pytest.raises(ProblemError) as error:
        split_header("---\nTitel: Hallo\nirgendwas\n---\n")
    assert error.value.problem.line == 3


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


# -- A header ended early, a missing blank line, invisible separators --------


def test_a_wrapped_value_leaves_the_keys_after_it_in_the_text():
    header = split_header(
        "Titel: A\nZusammenfassung: Ein langer\nSatz.\nTitelbild: b.jpg\n"
        "Status: Entwurf\n\nText\n"
    )
    assert [f.name for f in header.fields] == ["Titel", "Zusammenfassung"]
    assert header.unseparated == 3
    assert [(f.name, f.line) for f in header.stray] == [("Titelbild", 4), ("Status", 5)]


def test_a_blank_line_inside_the_header_leaves_keys_in_the_first_paragraph():
    header = split_header("Titel: A\n\nStatus: Entwurf\nDatum: 1.1.2021\n\nText\n")
    assert [(f.name, f.line) for f in header.stray] == [("Status", 3), ("Datum", 4)]
    assert header.unseparated is None


@pytest.mark.parametrize(
    "body", ["Fazit: Gut.", "Wir feiern.", "Ein Satz mit Titel: im Text."]
)
def test_text_after_a_blank_line_is_not_stray(body):
    header = split_header(f"Titel: A\n\n{body}\nNoch eine Zeile.\n")
    assert header.stray == () and header.unseparated is None


def test_text_right_after_the_header_is_found():
    header = split_header("Titel: A\nDer Text beginnt sofort.\n")
    assert (header.unseparated, header.body_line) == (2, 2)
    assert header.body == "Der Text beginnt sofort."


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0c", "\x85"])
def test_a_separator_inside_the_header_neither_ends_it_nor_hides_keys(separator):
    header = split_header(
        f"Titel: A\nZusammenfassung: Eins{separator}zwei\n"
        f"Schlagwörter: x{separator}Kategorie: Haltung\n\nText\n"
    )
    assert [(f.name, f.value, f.line) for f in header.fields] == [
        ("Titel", "A", 1),
        ("Zusammenfassung", "Eins\nzwei", 2),
        ("Schlagwörter", "x", 3),
        ("Kategorie", "Haltung", 3),
    ]
    assert header.separators == (2, 3)
    assert header.body == "Text"


@pytest.mark.parametrize(
    ("value", "flag"),
    [("true", True), ("Ja", True), ("yes", True), ("false", False), ("nein", False)],
)
def test_yes_no_flags(value, flag):
    assert map_flag(value, 2) is flag


def test_an_unclear_flag_is_an_error():
    with pytest.raises(ProblemError):
        map_flag("vielleicht", 2)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Untertitel", "subtitle"),
        ("subtitle", "subtitle"),
        ("description", "summary"),
        ("categories", "category"),
        ("lastmod", "modified"),
        ("draft", "draft"),
        ("published", "published"),
    ],
)
def test_keys_of_exports_map_too(typed, key):
    assert canonical_key(typed) == key


# -- Slugs from the title's plain text ---------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Wir <3 unsere Kunden", "wir-unsere-kunden"),
        ('Wir <3 "Kunden" & </script> Tags', "wir-kunden-script-tags"),
        ("Ich ❤️ Perlen 😉", "ich-perlen"),
        ("Ein Herz </3 gebrochen", "ein-herz-gebrochen"),
        ("a <30 b", "a-30-b"),
        ("x<3 y", "x3-y"),
        ("perlenmädchen", "perlenmaedchen"),
    ],
)
def test_slugs_drop_hearts_and_emoji_and_keep_everything_else(title, slug):
    assert german_slug(title) == slug


# Separators between words, with the words they themselves contribute: the
# letters of markup-like text are text, too; hearts and emoji are dropped.
SEPARATORS = {
    " ": [],
    " <3 ": [],
    ' "': [],
    "& ": [],
    " </script> ": ["script"],
    " <b> ": ["b"],
    " ❤️ ": [],
    "… ": [],
}


@given(
    st.lists(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), min_size=1, max_size=6),
    st.lists(st.sampled_from(list(SEPARATORS)), min_size=6, max_size=6),
)
def test_no_word_of_a_title_is_lost_in_its_slug(words, separators):
    # `<3` before a unit (`<3 l`, `<3 ms`) is a comparison, not a heart
    # (text.hearts): its 3 is a word of the title then.
    assume(
        not any(
            s == " <3 " and after.isalpha() and len(after) <= 4
            for s, after in zip(separators, words[1:], strict=False)
        )
    )
    title = "".join(w + s for w, s in zip(words, separators, strict=False))
    expected = [
        part
        for w, s in zip(words, separators, strict=False)
        for part in [w, *SEPARATORS[s]]
    ]
    assert german_slug(title) == "-".join(expected)


def test_every_emoji_holds_a_character_the_slug_looks_for():
    """`german_slug` searches for emoji only where such a character is."""
    import emoji
    from perlen.content import slugs

    missed = [e for e in emoji.EMOJI_DATA if not slugs._MAYBE_EMOJI.search(e)]
    assert missed == []


@given(
    st.lists(
        st.sampled_from(
            [*"aäöüßZ09 -–„“‚‘’…&<>/#*©®€", "<3", "😉", "❤️", "1️⃣", "#️⃣", "™"]
        ),
        max_size=20,
    ).map("".join)
)
def test_slugs_are_those_of_searching_every_title_for_emoji(title):
    import html

    import emoji
    from pelican.utils import slugify
    from perlen.content import slugs

    plain = emoji.replace_emoji(slugs.HEART.sub(" ", f" {title}"), " ")
    expected = slugify(
        html.escape(plain.translate(slugs.GERMAN_SPELLING)),
        regex_subs=slugs._SUBSTITUTIONS,
    )
    assert german_slug(title) == expected
