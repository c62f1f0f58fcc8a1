"""No post or page takes an address the site itself needs.

Pelican writes pages and the listings it generates (archive, categories, year
archives, feeds, robots.txt, …) into the same folder and lets the later one
win, or crashes with an English `FileExistsError`: `Slug: archiv` replaces
the archive, a title of emoji alone makes the address `/2021//`. Here every
address a post or page claims is checked against every address the site
generates, ignoring case (a web server on macOS or Windows would), before
anything is written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable

from pelican.contents import Content

from perlen.problems import Problem
from perlen.site.written_files import WrittenFiles


def address_problems(
    contents: Iterable[Content],
    written: WrittenFiles,
    line_of: Callable[[Content], int | None],
) -> list[Problem]:
    """Posts and pages whose address the site needs for something else (in
    the map of `written` files), or whose address is unusable.
    `line_of(content)` is the line to point at."""
    problems = []
    for content in contents:
        if not getattr(content, "slug", None) and not content.metadata.get("save_as"):
            problems.append(_empty_slug(content, line_of(content)))
            continue
        owner = written.owner(content.save_as, contents=False)
        if owner is not None:
            problems.append(
                Problem(
                    content.source_path,
                    line_of(content),
                    f"Die Adresse „{address(content.save_as)}“ braucht die Website "
                    f"schon für "
                    f"{owner.label}; einer der beiden ginge verloren.",
                    "Bitte mit „Slug: …“ eine andere Adresse angeben.",
                )
            )
    return problems


def address(save_as: str) -> str:
    """The address a written file is served at: `archiv/index.html` →
    `/archiv/`, `index.html` → `/`, `robots.txt` → `/robots.txt`. The one
    path→URL function (messages, the preview, verification)."""
    path = "/" + save_as.lstrip("/")
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def _empty_slug(content: Content, line: int | None) -> Problem:
    return Problem(
        content.source_path,
        line,
        "Aus dem Titel lässt sich keine Adresse bilden: Er enthält keine "
        "Buchstaben oder Ziffern.",
        "Bitte mit „Slug: …“ eine Adresse angeben, z. B. „Slug: gute-laune“.",
    )


def leaves_output(save_as: str) -> bool:
    """Whether a file would be written outside the site's folder."""
    return save_as.startswith("/") or posixpath.normpath(save_as).startswith("..")


def outside_problem(content: Content) -> Problem:
    return Problem(
        content.source_path,
        None,
        f"Die Adresse „{content.save_as}“ läge außerhalb der Website.",
        "Bitte „..“ und „/“ am Anfang aus „Slug:“, „URL:“ bzw. „Save_as:“ entfernen.",
    )
