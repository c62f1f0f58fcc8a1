"""Reading writers' files: every editor's encoding, or a German error."""

import pytest
from perlen.content.encoding import decode, forbidden_controls, lines
from perlen.problems import ProblemError

TEXT = "Titel: Grüße aus Köln\nDatum: 28.09.2021\n\nÄpfel, Öl und Soße.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM, in the machine's byte order
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
        b"\xef\xbb\xbf" + "\ufeff".encode() + TEXT.encode("utf-8"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16",
        "utf16-le",
        "utf16-be",
        "utf32",
        "crlf",
        "cr",
        "2-boms",
    ],
)
def test_every_encoding_an_editor_saves_reads_the_same(data):
    assert decode(data) == TEXT


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "mac-roman"])
def test_text_that_is_not_utf8_names_line_and_word(codec):
    data = "Titel: Über uns\nDatum: 28.09.2021\n\nText.\n".encode(codec)
    with pytest.raises(ProblemError) as error:
        decode(data)
    assert error.value.problem.line == 1
    assert "nicht in UTF-8 gespeichert" in error.value.problem.message
    assert (
        "Speichern unter" in error.value.problem.fix
        and "UTF-8" in error.value.problem.fix
    )


def test_the_first_bad_byte_gives_the_line():
    data = "Titel: A\nDatum: 28.09.2021\n\nText.\nPerlenbüro\n".encode("cp1252")
    with pytest.raises(ProblemError) as error:
        decode(data)
    assert error.value.problem.line == 5
    assert "„Perlenbüro“" in error.value.problem.message


@pytest.mark.parametrize(
    "data",
    ["Titel: A\n\nText.\n".encode("utf-16-le"), b"Titel: A\n\nText\x00.\n"],
    ids=["utf16-without-bom", "nul"],
)
def test_nul_bytes_are_an_error(data):
    with pytest.raises(ProblemError) as error:
        decode(data)
    assert "Null-Bytes" in error.value.problem.message


def test_lines_end_only_at_line_feeds():
    text = "a\u2028b\x0cc\x85d\ne"
    assert lines(text) == ["a\u2028b\x0cc\x85d", "e"]
    assert len(text.splitlines()) == 5  # what the reader must not do


def test_control_characters_html_forbids_are_found_with_their_line():
    text = "Titel: A\n\nText \x1b[0m.\nTab\tund\x0cSeitenumbruch.\n\x7f"
    assert [(c.line, c.name) for c in forbidden_controls(text)] == [
        (3, "U+001B"),
        (5, "U+007F"),
    ]


def test_c1_controls_are_forbidden_too():
    """NEL (U+0085) ends a line for `str.splitlines()`, and HTML rejects it."""
    assert [c.name for c in forbidden_controls("a\x85b\x9fc\u2028d")] == [
        "U+0085",
        "U+009F",
    ]
