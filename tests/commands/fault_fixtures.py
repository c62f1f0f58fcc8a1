"""Fault fixtures: files a writer (or a hostile web editor) can put into
content/, each with a piece of the German message that must name it; and the
one way to run a `perlen` command on them that never lets a traceback pass.

`test_writers_contract.CASES` holds the faults of the writer's contract; the
faults here are those of the writer's messages (issue #21): the checks only
publishing ran, and the inputs that used to end in a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from conftest import Project

HEADER = "Titel: {title}\nDatum: Dienstag, 28. September 2021\n"


def post(title: str, body: str = "Der Text.", **extra: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in extra.items())
    return f"{HEADER.format(title=title)}{lines}\n{body}\n"


@dataclass(frozen=True)
class Fault:
    """Files under content/ and a text every run must print about them."""

    files: dict[str, str | bytes]
    text: str


FAULTS: dict[str, Fault] = {
    # Checks of the built site, which only publishing used to run.
    "raw-script": Fault(
        {"posts/skript.md": post("Skript", "Text.\n\n<script>alert(1)</script>")},
        "Ein Inline-Skript",
    ),
    "event-handler": Fault(
        {"posts/klick.md": post("Klick", 'Ein <span onclick="x()">Klick</span>.')},
        "„onclick“",
    ),
    "style-block": Fault(
        {"posts/stil.md": post("Stil", "<style>p { color: red }</style>\n\nText.")},
        "<style>-Block",
    ),
    "foreign-frame": Fault(
        {
            "posts/rahmen.md": post(
                "Rahmen", '<iframe src="https://x.example/"></iframe>'
            )
        },
        "fremden Server",
    ),
}


def run_clean(project: Project, *args: str) -> tuple[int, str]:
    """`perlen ARGS`: exit code and everything it printed, which never holds
    a traceback (nor Pelican's English "Done:")."""
    code, out, err = project.run(*args)
    shown = out + err
    assert "Traceback" not in shown, shown
    assert "Done:" not in shown, shown
    return code, shown


def write_fault(project: Project, fault: Fault) -> None:
    for path, text in fault.files.items():
        project.write(path, text)
