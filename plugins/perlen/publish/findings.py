"""What the verification found, by cause, named for writers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from pelican.contents import Content

from perlen.problems import Problem, display_path
from perlen.publish.pages import page_name

_MANY = 3


class Findings:
    """What the checks found, by cause; each cause lists the files it is in."""

    def __init__(self) -> None:
        self._files: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add(self, file: str, message: str, fix: str = "") -> None:
        """Record a finding in `file`: an output path, or a label."""
        files = self._files[(message, fix)]
        if file not in files:
            files.append(file)

    def problems(self, written: Mapping[str, Content]) -> list[Problem]:
        """One problem per cause, labelled with the pages it is on (and the
        posts they were written from): a finding is in the built site, which
        is no single file of the writer's."""
        return [
            Problem("", None, message, fix, label=_where(files, written))
            for (message, fix), files in self._files.items()
        ]


def _where(files: list[str], written: Mapping[str, Content]) -> str:
    """The files a finding concerns, named for writers: the posts' source
    files when they are known, then the pages' addresses."""
    files = sorted(files, key=lambda f: f not in written)
    sources = ", ".join(
        dict.fromkeys(
            display_path(written[f].source_path) for f in files if f in written
        )
    )
    if len(files) > 1:
        more = f" und {len(files) - _MANY} weitere" if len(files) > _MANY else ""
        shown = ", ".join(page_name(f) for f in files[:_MANY])
        pages = f"{len(files)} Seiten: {shown}{more}"
    elif files[0].endswith(".html"):
        pages = f"Seite {page_name(files[0])}"
    else:
        pages = f"Datei „/{files[0]}“" if "." in files[0] else files[0]
    return f"{sources} ({pages})" if sources else pages
