"""Reading a writer's file: every encoding an editor saves, or a German error.

Notepad, Word's "Nur Text" and web editors save UTF-8 with or without a byte
order mark, or UTF-16 with one; all of these are read as they are. Bytes that
are not UTF-8 (Windows-1252 from an older editor, UTF-16 without a BOM) are
never guessed at: a wrong guess would publish mojibake. They are an error
naming the line and how to save the file as UTF-8. Control characters that
HTML does not allow (NUL, escape sequences) are errors, too.

Lines are split only at line feeds (`\\n`, `\\r\\n`, `\\r`), as Python-Markdown
does: `str.splitlines()` would also end a line at a form feed or a pasted
U+2028, and line numbers would no longer match the editor's.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from perlen.problems import ProblemError

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Controls HTML forbids in text (the Nu HTML Checker rejects them): C0 but
# tab, line feed, form feed and carriage return; DEL; and C1.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?")

SAVE_AS_UTF8 = (
    "Bitte die Datei als UTF-8 speichern: im Windows-Editor mit „Datei → "
    "Speichern unter…“ und der Codierung „UTF-8“, in Word bei „Nur Text“ mit "
    "der Textcodierung „Unicode (UTF-8)“, in VS Code über die Codierung unten "
    "rechts → „Mit Codierung speichern“ → „UTF-8“."
)


@dataclass(frozen=True)
class Control:
    """A forbidden control character: where it is and its code point."""

    line: int
    char: str

    @property
    def name(self) -> str:
        return f"U+{ord(self.char):04X}"


# Files a writer's editor saved in another format under the name `….md`: the
# bytes they start with (after a BOM and blanks) → what they are, and how to
# save the text as plain text instead.
_PLAIN_TEXT = (
    "Bitte den Text als reinen Text (UTF-8) speichern und die Datei wieder "
    "„….md“ nennen: "
)
_OTHER_FORMATS = (
    (
        re.compile(rb"\{\\rtf"),
        "Die Datei ist als formatierter Text (RTF) gespeichert, nicht als reiner "
        "Text; der Blog sähe darin nur Steuerbefehle wie „{\\rtf1“.",
        "in TextEdit mit „Format → In reinen Text umwandeln“, dann „Ablage → "
        "Sichern“; in Word mit „Speichern unter…“ → „Nur Text (.txt)“.",
    ),
    (
        re.compile(rb"PK\x03\x04"),
        "Die Datei ist ein Word-Dokument (.docx) oder eine andere gepackte Datei "
        "(Pages, OpenOffice), keine Textdatei.",
        "in Word mit „Datei → Speichern unter…“ → „Nur Text (.txt)“ und der "
        "Codierung „Unicode (UTF-8)“; in Google Docs mit „Datei → Herunterladen "
        "→ Nur Text (.txt)“.",
    ),
    (
        re.compile(rb"\xd0\xcf\x11\xe0"),
        "Die Datei ist ein Word-Dokument im alten Format (.doc), keine Textdatei.",
        "in Word mit „Datei → Speichern unter…“ → „Nur Text (.txt)“ und der "
        "Codierung „Unicode (UTF-8)“.",
    ),
    (
        re.compile(rb"<!doctype\s+html|<html[\s>]|<\?xml", re.IGNORECASE),
        "Die Datei ist eine gespeicherte Webseite (HTML), kein Text mit "
        "„Titel:“ und „Datum:“ im Kopf.",
        "den Text ohne Formatierung in einen Texteditor einfügen (meist "
        "„Bearbeiten → Einfügen als reiner Text“), „Titel:“ und „Datum:“ "
        "darüberschreiben und als UTF-8 sichern.",
    ),
)
_LEADING = re.compile(rb"^(?:\xef\xbb\xbf)?\s*")


def other_format(data: bytes) -> ProblemError | None:
    """The error for a file saved in a format that is not plain text (RTF,
    Word, a web page), or None."""
    start = data[_LEADING.match(data).end() :][:64]
    for signature, message, how in _OTHER_FORMATS:
        if signature.match(start):
            return ProblemError.at(1, message, _PLAIN_TEXT + how)
    return None


def decode(data: bytes) -> str:
    """The text of a file's bytes, with line ends normalised to `\\n`.

    Raises `ProblemError` for a file in another format (`other_format`),
    for bytes that are not UTF-8 (after an optional BOM) and for NUL bytes,
    which mean UTF-16 without a BOM or no text file.
    """
    error = other_format(data)
    if error is not None:
        raise error
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            break
    else:
        if b"\x00" in data:
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            raise ProblemError.at(
                line,
                "Die Datei enthält Null-Bytes: Sie ist keine Textdatei oder in "
                "UTF-16 ohne Byte-Order-Mark gespeichert.",
                SAVE_AS_UTF8,
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _not_utf8(data, error.start) from None
    # A second mark, as an editor that added one to a file with one writes it.
    return _NEWLINES.sub("\n", text.removeprefix("\ufeff"))


def _not_utf8(data: bytes, start: int) -> ProblemError:
    """The error for the first byte at `start` that is not UTF-8, quoting its
    line as Windows-1252 would show it, so the writer finds the word."""
    line = data[:start].count(b"\n") + 1
    begin = data.rfind(b"\n", 0, start) + 1
    end = data.find(b"\n", start)
    raw = data[begin : end if end != -1 else len(data)].strip()
    shown = raw.decode("cp1252", errors="replace")
    if len(shown) > 60:
        shown = shown[:59] + "…"
    return ProblemError.at(
        line,
        f"Die Datei ist nicht in UTF-8 gespeichert (vermutlich Windows-1252), "
        f"die Umlaute kämen falsch heraus: „{shown}“.",
        SAVE_AS_UTF8,
    )


def lines(text: str) -> list[str]:
    """Lines of decoded text, split only at line feeds."""
    return text.split("\n") if text else []


def forbidden_controls(text: str) -> list[Control]:
    """Control characters HTML does not allow, each with its line."""
    return [
        Control(text.count("\n", 0, match.start()) + 1, match.group())
        for match in _FORBIDDEN.finditer(text)
    ]


def read_text(path: str) -> str:
    """The decoded text of the file at `path` (see `decode`)."""
    with open(path, "rb") as source:
        return decode(source.read())
