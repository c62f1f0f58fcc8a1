"""Images without alt text."""

from __future__ import annotations

import logging
import re

from pelican.contents import Content

from perlen.content.source_lines import SourceLines
from perlen.images.markdown import USED, written_source
from perlen.problems import Problem, Severity
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
        ) or re.sub(r"^[{|]\w+[}|]", "", src)
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


class HideEmptyAltWarnings(logging.Filter):
    """Drop Pelican's English "Empty alt attribute" lines: the alt text check
    reports the same images in German, with file and line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Empty alt attribute")
