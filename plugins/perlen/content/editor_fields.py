"""How the web editor (`/redaktion/`) shows each metadata key of `metadata.KEYS`.

`KEYS` stays the one list of keys: the editor gets a field for every key in
it, labelled with the key's German spelling (the first one), so a key added
there later appears in the editor too. This table only adds what the editor
needs beyond the name: a help text and the kind of input. A key without an
entry here gets a plain text field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from perlen.content.metadata import KEYS

# Keys the editor never shows: `Status` covers `draft`/`published`, and the
# output paths are for developers.
HIDDEN = frozenset({"draft", "published", "save_as", "url"})

# The date as the editor writes it (moment.js tokens): ISO with the time,
# which `dates.parse_date` reads as Berlin time.
DATE_FORMAT = "YYYY-MM-DD HH:mm"


@dataclass(frozen=True)
class EditorField:
    """What the editor needs beyond the key's name."""

    hint: str
    widget: str = "string"
    required: bool = False
    options: dict[str, Any] = field(default_factory=dict)


# In the order the editor shows them: what every post needs first.
FIELDS: dict[str, EditorField] = {
    "title": EditorField("Die Überschrift des Beitrags.", required=True),
    "subtitle": EditorField("Eine Zeile unter der Überschrift (freiwillig)."),
    "date": EditorField(
        "Tag und Uhrzeit der Veröffentlichung (Berliner Zeit). Ein Datum in der "
        "Zukunft erscheint erst an diesem Tag.",
        "datetime",
        required=True,
        options={
            "format": DATE_FORMAT,
            "date_format": "DD.MM.YYYY",
            "time_format": "HH:mm",
            "picker_utc": False,
        },
    ),
    "author": EditorField("Wer den Beitrag geschrieben hat.", "perlen-auswahl"),
    "category": EditorField(
        "Eine Kategorie: eine vorhandene wählen oder eine neue eintippen.",
        "perlen-vorschlag",
    ),
    "tags": EditorField(
        "Schlagwörter, durch Kommas getrennt; vorhandene werden vorgeschlagen.",
        "perlen-schlagwoerter",
    ),
    "summary": EditorField(
        "Ein, zwei Sätze für Übersichten, Suchmaschinen und geteilte Links.",
        "text",
    ),
    "image": EditorField(
        "Das große Bild über dem Beitrag, auch beim Teilen gezeigt "
        "(JPEG, PNG oder WebP – kein HEIC).",
        "image",
        options={"choose_url": False},
    ),
    "cover_alt": EditorField(
        "Was auf dem Titelbild zu sehen ist, für Menschen, die es nicht sehen; "
        "nötig, sobald ein Titelbild gewählt ist.",
        "perlen-bildtext",
    ),
    "credit": EditorField("Wer das Titelbild gemacht hat, z. B. „Foto: Anna Berg“."),
    "status": EditorField(
        "„Entwurf“ erscheint nur in der Vorschau, nie auf der Website.",
        "select",
        options={"options": ["Entwurf", "Veröffentlicht"]},
    ),
    "lang": EditorField(
        "Nur für Beiträge in einer anderen Sprache, z. B. „Englisch“.",
    ),
    "toc": EditorField(
        "Ein Inhaltsverzeichnis über dem Text zeigen; leer lassen, dann "
        "entscheidet die Länge.",
        "select",
        options={"options": ["ja", "nein"]},
    ),
    "old_addresses": EditorField(
        "Frühere Adressen dieses Beitrags, durch Kommas getrennt; sie leiten "
        "hierher um."
    ),
    "slug": EditorField(
        "Der Teil der Adresse nach dem Jahr; leer lassen, dann entsteht er aus "
        "dem Titel."
    ),
    "modified": EditorField(
        "Wann der Beitrag zuletzt wesentlich überarbeitet wurde (freiwillig).",
        "datetime",
        options={
            "format": DATE_FORMAT,
            "date_format": "DD.MM.YYYY",
            "time_format": "HH:mm",
            "picker_utc": False,
        },
    ),
    "authors": EditorField(
        "Mehrere Autorinnen, durch Kommas getrennt (statt „Autorin“)."
    ),
    "template": EditorField("Eine andere Vorlage des Themes (selten nötig)."),
    "translation": EditorField(
        "„ja“, wenn dieser Beitrag die Übersetzung eines anderen ist."
    ),
}


def editor_keys() -> list[str]:
    """Pelican's keys the editor shows: those of `FIELDS` in its order, then
    any other key of `KEYS`."""
    described = [key for key in FIELDS if key in KEYS]
    return [
        key
        for key in [*described, *(key for key in KEYS if key not in FIELDS)]
        if key not in HIDDEN
    ]


def describe(key: str) -> EditorField:
    """The editor's description of `key`; a plain text field when it has none."""
    return FIELDS.get(key, EditorField(""))


def label(key: str) -> str:
    """The German name of `key`, as the writers' guide spells it."""
    return KEYS[key][0]
