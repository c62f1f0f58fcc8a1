"""Images without alt text: in the text, and a Titelbild without its
`Titelbild-Text` (the web editor refuses the same before saving)."""

from __future__ import annotations

import logging

from pelican.contents import Content

from perlen.content.source_lines import SourceLines
from perlen.images.markdown import USED, written_source
from perlen.link_syntax import without_indicator
from perlen.pelican_glue import EMPTY_ALT
from perlen.problems import Problem, Severity
from perlen.site.cover_image import cover_value
from perlen.site.references import StartTag


def alt_text_problems(
    content: Content, tags: list[StartTag], sources: SourceLines
) -> list[Problem]:
    """Images without alt text: screen readers can only say "Bild"."""
    problems = []
    for tag in tags:
        if tag.name != "img" or tag.attrs.get("alt", "").strip():
            continue
        src = tag.attrs.get("src", "")
        written = written_source(
            src, content.metadata.get(USED, ()), content.relative_dir
        ) or without_indicator(src)
        problems.append(
            Problem(
                content.source_path,
                sources.find(content.source_path, written) if written else None,
                f"Das Bild „{written}“ hat keinen Alternativtext.",
                "Bitte in die eckigen Klammern schreiben, was darauf zu sehen ist, "
                f"z. B. „![Zwei Perlen auf einem Schreibtisch]({written})“.",
                Severity.WARNING,
            )
        )
    return problems


def cover_alt_problems(content: Content, sources: SourceLines) -> list[Problem]:
    """A Titelbild without `Titelbild-Text`: the page falls back to the
    title, which says nothing about the picture."""
    value = cover_value(content)
    alt = content.metadata.get("cover_alt")
    if not value or (isinstance(alt, str) and alt.strip()):
        return []
    return [
        Problem(
            content.source_path,
            sources.field(content.source_path, "image"),
            f"Das Titelbild „{value}“ hat keinen Titelbild-Text.",
            "Bitte darunter beschreiben, was darauf zu sehen ist, z. B. "
            "„Titelbild-Text: Zwei Perlen auf einem Schreibtisch“.",
            Severity.WARNING,
        )
    ]


class HideEmptyAltWarnings(logging.Filter):
    """Drop Pelican's English "Empty alt attribute" lines: the alt text check
    reports the same images in German, with file and line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(EMPTY_ALT)
