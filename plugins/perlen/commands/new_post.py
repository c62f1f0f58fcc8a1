"""A new post: its file name and its Markdown, with every German key filled in.

Pure functions; `perlen neu` writes the result and refuses to overwrite.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from perlen.content.dates import DEFAULT_PATTERN, format_date
from perlen.content.slugs import german_slug


def post_path(posts_dir: Path, title: str, day: date) -> Path:
    """`<posts_dir>/<year>/<slug>.md`, e.g. `posts/2021/monarchie-im-perlenbuero.md`."""
    return posts_dir / f"{day:%Y}" / f"{german_slug(title)}.md"


def render_post(
    title: str,
    day: date,
    *,
    author: str,
    category: str,
    tags: Sequence[str] = (),
    locale: str = "de",
) -> str:
    """The Markdown of a new draft with German metadata.

    The date is written in the long German form the guide shows
    ("Dienstag, 28. September 2021"); the summary and the text, which the
    writer writes below the blank line, are left empty: no placeholder can be
    published by mistake.
    """
    fields = [
        ("Titel", title),
        ("Datum", format_date(day, DEFAULT_PATTERN, locale=locale)),
        ("Autorin", author),
        ("Kategorie", category),
        ("Schlagwörter", ", ".join(tag.strip() for tag in tags if tag.strip())),
        ("Zusammenfassung", ""),
        ("Status", "Entwurf"),
    ]
    header = "".join(f"{key}: {value}".rstrip() + "\n" for key, value in fields)
    return f"{header}\n"
