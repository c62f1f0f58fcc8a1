"""YAML front matter, as WordPress, Hugo and Jekyll exports and Git-based web
editors write it: `---`, then `key: value` in YAML, then `---`.

PyYAML's composer gives every key and value with its line, and the scalars as
written: `draft: true` stays the text "true" and `date: 2021-03-09` a string,
so that the reader maps them exactly like the `Key: value` header (no YAML
type guessing: `Titel: no` is a title, not False).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from perlen.problems import ProblemError

NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Entry:
    """One key of the front matter: its value, or its items for a list."""

    name: str
    value: str
    items: tuple[str, ...] | None
    line: int


def read_yaml(text: str, first_line: int) -> list[Entry]:
    """The entries of a YAML block whose first line is `first_line` of the file."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # An unclosed list or quote is noticed at the end: name its last line.
        last = text.rstrip().count("\n")
        line = first_line + min(mark.line if mark else 0, last)
        raise ProblemError.at(
            line,
            "Diese Zeile des Kopfs zwischen „---“ lässt sich nicht lesen.",
            "Bitte „Schlüssel: Wert“ schreiben, jede Angabe in eine eigene Zeile; "
            "einen Wert mit „: “ oder „#“ in Anführungszeichen setzen, eine "
            "Fortsetzung einrücken, Listen als „[Kunden, Agenturalltag]“.",
        ) from None
    if root is None:
        return []
    if not isinstance(root, MappingNode):
        raise ProblemError.at(
            first_line + root.start_mark.line,
            "Zwischen den Zeilen „---“ stehen keine Angaben "
            "der Form „Schlüssel: Wert“.",
            "Bitte z. B. „title: Mein Beitrag“ schreiben.",
        )
    return [_entry(key, value, first_line) for key, value in root.value]


def _entry(key, value, first_line: int) -> Entry:
    line = first_line + key.start_mark.line
    if not isinstance(key, ScalarNode):
        raise ProblemError.at(
            line, "Ein Schlüssel muss ein einfaches Wort sein.", "Bitte z. B. „title:“."
        )
    if isinstance(value, ScalarNode):
        text = "" if value.tag == NULL_TAG and not value.value else value.value
        return Entry(key.value, text, None, line)
    if isinstance(value, SequenceNode) and all(
        isinstance(item, ScalarNode) for item in value.value
    ):
        items = tuple(item.value for item in value.value if item.value.strip())
        return Entry(key.value, ", ".join(items), items, line)
    raise ProblemError.at(
        line,
        f"„{key.value}“ enthält verschachtelte Angaben, die der Blog nicht liest.",
        "Bitte einen einfachen Wert oder eine Liste wie „[a, b]“ angeben.",
    )
