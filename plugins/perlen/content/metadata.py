"""German metadata: read a post's header with line numbers, map German keys.

Writers type `Titel:`, `Datum:`, `Schlagwörter:`; Pelican expects `title`,
`date`, `tags`. English keys keep working. Pure functions: the reader glue
turns their results into Pelican metadata and their errors into problems.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from perlen.content.dates import fold

# Pelican's key → the spellings writers may use (compared folded).
KEYS: dict[str, tuple[str, ...]] = {
    "title": ("Titel", "Title"),
    "date": ("Datum", "Date"),
    "modified": ("Geändert", "Aktualisiert", "Modified"),
    "author": ("Autorin", "Autor", "Author"),
    "authors": ("Autorinnen", "Autoren", "Authors"),
    "category": ("Kategorie", "Category"),
    "tags": ("Schlagwörter", "Schlagworte", "Stichwörter", "Stichworte", "Tags"),
    "summary": ("Zusammenfassung", "Summary"),
    "slug": ("Slug",),
    "status": ("Status",),
    "lang": ("Sprache", "Lang"),
    "image": ("Titelbild", "Image"),
    "cover_alt": ("Titelbild-Text", "Titelbildtext", "Image_alt"),
    "credit": ("Bildnachweis", "Credit"),
    "template": ("Vorlage", "Template"),
    "translation": ("Übersetzung", "Translation"),
    "save_as": ("Save_as",),
    "url": ("Url",),
}
ALIASES: dict[str, str] = {
    fold(alias): key for key, names in KEYS.items() for alias in names
}

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


class MetadataError(ValueError):
    """A metadata line a writer must fix; message and fix in German."""

    def __init__(self, line: int, message: str, fix: str = ""):
        self.line = line
        self.message = message
        self.fix = fix
        super().__init__(f"Zeile {line}: {message} {fix}")


@dataclass(frozen=True)
class Field:
    """One metadata entry as the writer typed it."""

    name: str  # as typed, e.g. "Schlagwörter"
    value: str
    line: int  # 1-based line in the file


@dataclass(frozen=True)
class Header:
    fields: list[Field]
    body: str
    body_line: int  # 1-based line where the body starts


def split_header(text: str) -> Header:
    """Split a Markdown file into its metadata fields and its body.

    The header follows Python-Markdown's `meta` syntax (optionally between
    `---` lines): `Key: value` lines, continuation lines indented by four
    spaces, ended by a blank line.
    """
    lines = text.splitlines()
    index = 0
    fenced = bool(lines) and _FENCE.match(lines[0]) is not None
    if fenced:
        index = 1
    fields: list[Field] = []
    while index < len(lines):
        line = lines[index]
        if fenced and (_FENCE.match(line) or line.strip() == "..."):
            index += 1
            break
        if not line.strip():
            index += 1
            break
        key_line = _KEY_LINE.match(line)
        continuation = _CONTINUATION.match(line)
        if continuation and fields:
            last = fields[-1]
            value = f"{last.value}\n{continuation['value'].strip()}".strip()
            fields[-1] = Field(last.name, value, last.line)
        elif key_line:
            fields.append(
                Field(key_line["key"].strip(), key_line["value"].strip(), index + 1)
            )
        else:
            if fenced:
                raise MetadataError(
                    index + 1,
                    f"„{line.strip()}“ ist keine Angabe der Form „Schlüssel: Wert“.",
                    "Bitte z. B. „Titel: Mein Beitrag“ schreiben.",
                )
            break
        index += 1
    if not fields and not fenced:
        return Header([], text, 1)
    return Header(fields, "\n".join(lines[index:]), index + 1)


def canonical_key(name: str) -> str | None:
    """Pelican's key for a German or English metadata key, else None."""
    return ALIASES.get(fold(name))


def suggest_key(name: str) -> str | None:
    """The known key an unknown `name` is probably a typo of, if any.

    Ties go to the German spelling, which comes first in `KEYS`.
    """
    folded = fold(name)
    best, best_ratio = None, 0.75
    for names in KEYS.values():
        for alias in names:
            ratio = difflib.SequenceMatcher(None, folded, fold(alias)).ratio()
            if ratio > best_ratio:
                best, best_ratio = alias, ratio
    return best


def map_status(value: str, line: int) -> str:
    """Pelican's status for `Entwurf`, `Veröffentlicht`, `Versteckt`."""
    status = STATUS.get(fold(value.strip()))
    if status is None:
        raise MetadataError(
            line,
            f"Den Status „{value}“ kenne ich nicht.",
            f"Erlaubt sind {STATUS_NAMES}.",
        )
    return status


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
        raise MetadataError(
            line,
            f"Die Sprache „{value}“ kenne ich nicht.",
            "Bitte „Deutsch“, „Englisch“ oder einen Sprachcode wie „de“ angeben.",
        )
    return code
