"""Addresses no file system can hold, found before anything is written.

Every address of the site is a file: a post's (from its title or Slug), the
pages of its tags, category and authors, the redirects of its old addresses.
A name of 300 characters, or one with a control character (`%00` in an old
address), cannot be written; the writing step would stop with the system's
English error. Here each such address is a German problem at the line it
comes from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from pelican.contents import Content

from perlen.problems import Problem
from perlen.site import old_addresses

# Bytes of one name in a path (UTF-8): file systems allow 255, and the build
# adds suffixes (a feed's ".atom.xml", an image's "-1200x630.jpg").
MAX_NAME_BYTES = 200
# How much of a long address a message shows.
_SHOWN = 40

# The header key each kind of address comes from, and how to shorten it.
_FIXES = {
    "title": "Bitte mit „Slug: …“ eine kürzere Adresse angeben, z. B. die ersten "
    "Wörter des Titels.",
    "tags": "Bitte ein kürzeres Schlagwort wählen; Schlagwörter werden durch "
    "Kommas getrennt.",
    "category": "Bitte eine kürzere Kategorie wählen.",
    "authors": "Bitte den Namen der Autorin kürzer schreiben.",
    "old_addresses": "Bitte die alte Adresse prüfen: so kann sie nicht gelautet "
    "haben. Am besten aus der Adresszeile des Browsers kopieren.",
}


# The header keys an address comes from, the first one written counts.
_KEYS = {
    "title": ("slug", "title"),
    "authors": ("author", "authors"),
    **{key: (key,) for key in ("tags", "category", "old_addresses")},
}


# C0 control characters and DEL: no file name can hold them.
_CONTROL = re.compile("[\x00-\x1f\x7f]")


# Cached: a tag's or category's pages are asked about once for each of its
# posts (a quarter of a million names for 1,000 posts).
@lru_cache(maxsize=4096)
def name_problem(save_as: str) -> str | None:
    """What makes the output file `save_as` unwritable, in German, or None."""
    if _CONTROL.search(save_as):
        return "enthält ein Steuerzeichen, das kein Dateiname enthalten kann"
    if len(save_as) <= MAX_NAME_BYTES // 4:  # no part can be too long in UTF-8
        return None
    for name in save_as.split("/"):
        size = len(name.encode("utf-8"))
        if size > MAX_NAME_BYTES:
            return (
                f"hat einen Teil mit {len(name)} Zeichen; so lange Namen kann "
                f"die Website nicht speichern (höchstens etwa {MAX_NAME_BYTES} "
                "Zeichen, Umlaute zählen doppelt)"
            )
    return None


def _addresses(
    content: Content, known: dict[tuple[str, Any], tuple[str, str]]
) -> Iterator[tuple[str, str, str]]:
    """(key, address as the writer sees it, output file) of a post or page.

    A tag's, category's or author's address is worked out once (`known`),
    not again for each of their posts: Pelican formats it on every access."""
    if content.save_as:
        yield "title", "/" + content.url, content.save_as
    for key in ("tags", "category", "authors"):
        value = getattr(content, key, None)
        for wrapper in value if isinstance(value, list) else [value] if value else []:
            address = known.get((key, wrapper))
            if address is None:
                address = known[key, wrapper] = ("/" + wrapper.url, wrapper.save_as)
            yield key, *address
    for old in old_addresses.old_addresses(content):
        yield "old_addresses", old.path, old.save_as


def unwritable_addresses(
    contents: Iterable[Content], line_of: Callable[[str, str], int | None]
) -> list[Problem]:
    """Each address of `contents` that cannot be a file, at the line of the
    header key it comes from (`line_of(path, key)`; a post's own address
    comes from its Slug, else its Titel)."""
    problems = []
    known: dict[tuple[str, Any], tuple[str, str]] = {}
    for content in contents:
        for key, address, save_as in _addresses(content, known):
            reason = name_problem(save_as)
            if reason is None:
                continue
            shown = address if len(address) <= _SHOWN else address[:_SHOWN] + "…"
            shown = "".join(c if c.isprintable() else f"%{ord(c):02X}" for c in shown)
            path = content.source_path
            line = next(filter(None, (line_of(path, k) for k in _KEYS[key])), None)
            problems.append(
                Problem(path, line, f"Die Adresse „{shown}“ {reason}.", _FIXES[key])
            )
    return problems
