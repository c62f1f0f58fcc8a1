"""Author files: one short profile per author, `content/autorinnen/<name>.md`.

    Name: Anna Muster
    Foto: anna.jpg
    Rolle: Gestalterin und Gründerin

    Anna gestaltet Marken, seit es perlenmädchen gibt.

`Name` is the name posts give in `Autorin:`; `Foto` is an image beside the
file (or `/images/…` in the content folder); `Rolle` is optional; the text
after the blank line is a short bio in plain paragraphs (Markdown markup is
shown as typed; the file comes from a web editor and is untrusted). Problems
are German, with file and line, like a post's.
"""

from __future__ import annotations

from dataclasses import dataclass

from perlen.content.encoding import read_text
from perlen.content.metadata import split_header
from perlen.content.suggestions import closest
from perlen.problems import Problem, ProblemError
from perlen.text import characters

# The keys of an author file, folded → as documented.
KEYS = {"name": "Name", "foto": "Foto", "rolle": "Rolle"}


@dataclass(frozen=True)
class AuthorFile:
    path: str
    name: str
    photo: str  # as typed, "" for none
    photo_line: int | None
    role: str
    bio: tuple[str, ...]  # plain-text paragraphs


def _listing(names) -> str:
    quoted = [f"„{name}“" for name in names]
    return ", ".join(quoted[:-1]) + f" und {quoted[-1]}"


def parse_author_file(path: str, text: str) -> tuple[AuthorFile | None, list[Problem]]:
    """The profile in `text` (the file at `path`), or None, and its problems."""
    header = split_header(characters.nfc(text))
    problems: list[Problem] = []
    values: dict[str, tuple[str, int]] = {}
    for field in header.fields:
        key = field.name.strip().casefold()
        if key not in KEYS:
            near = closest(key, KEYS, cutoff=0.6)
            fix = (
                f"Meinten Sie „{KEYS[near]}“?"
                if near
                else f"Erlaubt sind {_listing(KEYS.values())}."
            )
            problems.append(
                Problem(
                    path,
                    field.line,
                    f"Unbekannter Schlüssel „{field.name}“ in einer Autorinnen-Datei.",
                    fix,
                )
            )
            continue
        values[key] = (field.value.strip(), field.line)
    name = values.get("name", ("", 1))[0]
    if not name:
        problems.append(
            Problem(
                path,
                values.get("name", ("", 1))[1],
                "Der Autorinnen-Datei fehlt der Name.",
                "Bitte in die erste Zeile „Name: “ und den Namen schreiben, wie ihn "
                "die Beiträge unter „Autorin:“ nennen.",
            )
        )
    if problems:
        return None, problems
    photo, photo_line = values.get("foto", ("", None))
    bio = tuple(
        " ".join(paragraph.split())
        for paragraph in header.body.split("\n\n")
        if paragraph.strip()
    )
    return AuthorFile(
        path, name, photo, photo_line, values.get("rolle", ("",))[0], bio
    ), []


def read_author_file(path: str) -> tuple[AuthorFile | None, list[Problem]]:
    try:
        text = read_text(path)
    except ProblemError as error:
        return None, [error.problem.placed(path)]
    except OSError:
        return None, [
            Problem(path, None, "Die Autorinnen-Datei lässt sich nicht lesen.")
        ]
    return parse_author_file(path, text)
