"""German metadata: read a post's header with line numbers, map German keys.

Writers type `Titel:`, `Datum:`, `Schlagwörter:`; Pelican expects `title`,
`date`, `tags`. English keys keep working. Pure functions: the reader glue
turns their results into Pelican metadata and their errors into problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from perlen.content.dates import fold
from perlen.content.front_matter import read_yaml
from perlen.content.suggestions import closest
from perlen.problems import ProblemError

# Pelican's key → the spellings writers may use (compared folded).
KEYS: dict[str, tuple[str, ...]] = {
    "title": ("Titel", "Title"),
    "subtitle": ("Untertitel", "Subtitle"),
    "date": ("Datum", "Date"),
    "modified": ("Geändert", "Aktualisiert", "Modified", "Updated", "Lastmod"),
    "author": ("Autorin", "Autor", "Author"),
    "authors": ("Autorinnen", "Autoren", "Authors"),
    "category": ("Kategorie", "Category", "Kategorien", "Categories"),
    "tags": ("Schlagwörter", "Schlagworte", "Stichwörter", "Stichworte", "Tags"),
    "summary": (
        "Zusammenfassung",
        "Summary",
        "Beschreibung",
        "Description",
        "Excerpt",  # WordPress exports
    ),
    "slug": ("Slug",),
    "status": ("Status",),
    # Hugo's `draft: true` and Jekyll's `published: false` (YAML front matter).
    "draft": ("Entwurf", "Draft"),
    "published": ("Veröffentlicht", "Published"),
    "lang": ("Sprache", "Lang"),
    "image": ("Titelbild", "Image"),
    "old_addresses": ("Alte Adressen", "Alte Adresse"),
    "cover_alt": ("Titelbild-Text", "Titelbildtext", "Image_alt"),
    "credit": ("Bildnachweis", "Credit"),
    "template": ("Vorlage", "Template"),
    "translation": ("Übersetzung", "Translation"),
    "toc": ("Inhaltsverzeichnis", "Toc"),
    "save_as": ("Save_as",),
    "url": ("Url",),
}
ALIASES: dict[str, str] = {
    fold(alias): key for key, names in KEYS.items() for alias in names
}

# The German keys of the writers' guide, for messages: „Titel“, „Untertitel“, …
KNOWN_KEYS = ", ".join(
    f"„{names[0]}“"
    for key, names in KEYS.items()
    if key not in {"draft", "published", "save_as", "url"}
)

STATUS: dict[str, str] = {
    "entwurf": "draft",
    "draft": "draft",
    "veroeffentlicht": "published",
    "published": "published",
    "versteckt": "hidden",
    "hidden": "hidden",
}
STATUS_NAMES = "„Entwurf“, „Veröffentlicht“ oder „Versteckt“"

_KEY_LINE = re.compile(r"^(?P<key>[^\W\d][\w\- ]*?)\s*:\s?(?P<value>.*)$")
_CONTINUATION = re.compile(r"^(?: {4,}|\t)(?P<value>\S.*)$")
_FENCE = re.compile(r"^-{3}\s*$")
# Values in YAML's own syntax: lists, mappings, quoted strings.
_YAML_STARTS = ("[", "{", '"', "'")
_END_FENCE = re.compile(r"^(?:-{3}|\.{3})\s*$")
# Characters `str.splitlines()` and word processors treat as line ends, which
# a writer cannot see: U+2028, U+2029, NEL and the form feed.
SEPARATORS = re.compile(r"[\u2028\u2029\x85\x0c]")


@dataclass(frozen=True)
class Field:
    """One metadata entry as the writer typed it."""

    name: str  # as typed, e.g. "Schlagwörter"
    value: str
    line: int  # 1-based line in the file
    items: tuple[str, ...] | None = None  # a YAML list's items


@dataclass(frozen=True)
class Header:
    fields: list[Field]
    body: str
    body_line: int  # 1-based line where the body starts
    # The line where the body starts right after the header, without the
    # blank line between them (None when there is one).
    unseparated: int | None = None
    # Lines of the body's first paragraph that look like a known key: the
    # header ended early (a wrapped value) and they were meant for it.
    stray: tuple[Field, ...] = ()
    # Header lines where an invisible separator (U+2028, form feed) was read.
    separators: tuple[int, ...] = ()
    # Between `---` lines (YAML front matter): it ends at the fence, not at a
    # blank line, which hints about the header must say.
    fenced: bool = False


def split_header(text: str) -> Header:
    """Split a Markdown file into its metadata fields and its body.

    Two header styles: YAML front matter between `---` lines (see
    `front_matter`; a fenced header that is not valid YAML is read like the
    other style), or Python-Markdown's `meta` syntax: `Key: value` lines,
    continuation lines indented by four spaces, ended by a blank line.
    `text` is decoded (see `encoding.decode`): lines end at `\\n` only.
    """
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the file's final line feed ends a line, it adds none
    if lines and _FENCE.match(lines[0]):
        return _fenced(lines)
    fields, index, separators = _key_lines(lines, 0)
    if not fields:
        return Header([], text, 1)
    unseparated = index + 1 if index < len(lines) and lines[index].strip() else None
    start = index if unseparated else index + 1
    return Header(
        fields,
        "\n".join(lines[start:]),
        start + 1,
        unseparated,
        tuple(_stray(lines, start)),
        tuple(separators),
    )


def _key_lines(lines: list[str], index: int) -> tuple[list[Field], int, list[int]]:
    """The `Key: value` fields from `lines[index]` on, the index of the line
    that ended them (blank or not a field), and the lines with separators."""
    fields: list[Field] = []
    separators: list[int] = []
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            break
        first, *rest = SEPARATORS.split(line)
        if not _add(fields, first, index + 1, known_only=False):
            break
        if rest:
            separators.append(index + 1)
        for piece in rest:
            if piece.strip() and not _add(fields, piece, index + 1, known_only=True):
                _continue(fields, piece)
        index += 1
    return fields, index, separators


def _add(fields: list[Field], line: str, number: int, *, known_only: bool) -> bool:
    """Add `line` as a field or a continuation; False when it is neither."""
    continuation = _CONTINUATION.match(line)
    if continuation and fields and not known_only:
        _continue(fields, continuation["value"])
        return True
    key_line = _KEY_LINE.match(line.strip() if known_only else line)
    if key_line is None or (known_only and canonical_key(key_line["key"]) is None):
        return False
    fields.append(Field(key_line["key"].strip(), key_line["value"].strip(), number))
    return True


def _continue(fields: list[Field], text: str) -> None:
    if fields:
        last = fields[-1]
        value = f"{last.value}\n{text.strip()}".strip()
        fields[-1] = Field(last.name, value, last.line)


def _stray(lines: list[str], start: int) -> list[Field]:
    """Known keys in the paragraph beginning at `lines[start]`."""
    found = []
    for index in range(start, len(lines)):
        if not lines[index].strip():
            break
        key_line = _KEY_LINE.match(lines[index])
        if key_line and canonical_key(key_line["key"]) is not None:
            name, value = key_line["key"].strip(), key_line["value"].strip()
            found.append(Field(name, value, index + 1))
    return found


def _fenced(lines: list[str]) -> Header:
    """A header between `---` lines: YAML, or else `Key: value` lines."""
    end = next((i for i in range(1, len(lines)) if _END_FENCE.match(lines[i])), None)
    if end is None:
        raise ProblemError.at(
            1,
            "Der Kopf beginnt mit „---“, aber die Zeile „---“, die ihn beendet, fehlt.",
            "Bitte nach der letzten Angabe eine Zeile „---“ einfügen.",
        )
    block = lines[1:end]
    body = "\n".join(lines[end + 1 :])
    try:
        entries = read_yaml("\n".join(block), 2)
    except ProblemError as error:
        # Not YAML, but maybe `Key: value` lines (`Titel: Wir: die Perlen`) –
        # unless a value was meant as YAML (`[a, b`), which stays an error.
        fields, index, separators = _key_lines(lines, 1)
        if index != end or any(f.value.startswith(_YAML_STARTS) for f in fields):
            raise error from None
        return Header(fields, body, end + 2, separators=tuple(separators), fenced=True)
    fields = [Field(e.name, e.value, e.line, e.items) for e in entries]
    return Header(fields, body, end + 2, fenced=True)


def canonical_key(name: str) -> str | None:
    """Pelican's key for a German or English metadata key, else None."""
    return ALIASES.get(fold(name))


def suggest_key(name: str) -> str | None:
    """The known key an unknown `name` is probably a typo of, if any.

    Ties go to the German spelling, which comes first in `KEYS`.
    """
    return closest(name, [alias for names in KEYS.values() for alias in names], 0.75)


def map_status(value: str, line: int) -> str:
    """Pelican's status for `Entwurf`, `Veröffentlicht`, `Versteckt`."""
    status = STATUS.get(fold(value.strip()))
    if status is None:
        raise ProblemError.at(
            line,
            f"Den Status „{value}“ kenne ich nicht.",
            f"Erlaubt sind {STATUS_NAMES}.",
        )
    return status


FLAGS: dict[str, bool] = {
    **dict.fromkeys(("true", "yes", "ja", "wahr", "1", "on"), True),
    **dict.fromkeys(("false", "no", "nein", "falsch", "0", "off"), False),
}


def map_flag(value: str, line: int) -> bool:
    """A yes/no value as YAML tools write it (`draft: true`) or in German."""
    flag = FLAGS.get(fold(value.strip()))
    if flag is None:
        raise ProblemError.at(
            line,
            f"„{value}“ ist weder „ja“ noch „nein“.",
            "Bitte „ja“ oder „nein“ (bzw. „true“ oder „false“) schreiben.",
        )
    return flag


def map_language(value: str, line: int, *, locale: str = "de") -> str:
    """A language code for `de`, `en`, `Deutsch`, `Englisch` (CLDR names)."""
    text = value.strip()
    try:
        return str(Locale.parse(text.replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        pass
    names = {fold(name): code for code, name in Locale.parse(locale).languages.items()}
    code = names.get(fold(text))
    if code is None:
        raise ProblemError.at(
            line,
            f"Die Sprache „{value}“ kenne ich nicht.",
            "Bitte „Deutsch“, „Englisch“ oder einen Sprachcode wie „de“ angeben.",
        )
    return code
