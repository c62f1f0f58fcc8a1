"""Metadata that would mislead a search engine or a social preview."""

from __future__ import annotations

import os
from dataclasses import replace

from pelican.contents import Content

from perlen.content.source_lines import SourceLines
from perlen.problems import Problem, Severity
from perlen.site.check_links import outside_problem
from perlen.site.containment import inside
from perlen.site.cover_image import cover_path, cover_value
from perlen.site.templating import plaintext


def summary_problems(
    content: Content, limit: int, sources: SourceLines
) -> list[Problem]:
    """A summary is the meta description: empty or too long, it is cut off."""
    summary = content.metadata.get("summary")
    if not isinstance(summary, str):
        return []
    text = " ".join(plaintext(summary).split())
    if text and len(text) <= limit:
        return []
    line = sources.field(content.source_path, "summary")
    if not text:
        message = "Die Zusammenfassung ist leer."
        fix = (
            "Bitte einen Satz schreiben, der Lust aufs Lesen macht, "
            "oder die Zeile löschen."
        )
    else:
        message = (
            f"Die Zusammenfassung ist {len(text)} Zeichen lang; "
            f"Suchmaschinen zeigen nur etwa {limit}."
        )
        fix = f"Bitte auf höchstens {limit} Zeichen kürzen."
    return [Problem(content.source_path, line, message, fix, Severity.WARNING)]


def cover_image_problems(content: Content, sources: SourceLines) -> list[Problem]:
    """A Titelbild that is not there: the social preview would show nothing."""
    value = cover_value(content)
    path = cover_path(value, content.relative_dir)
    root = content.settings["PATH"]
    if path is None:
        return []
    line = sources.field(content.source_path, "image")
    if not inside(root, os.path.join(root, path)):
        outside = outside_problem(value, image=True)
        titled = replace(outside, message=f"Titelbild: {outside.message}")
        return [titled.placed(content.source_path, line)]
    if os.path.isfile(os.path.join(root, path)):
        return []
    return [
        Problem(
            content.source_path,
            line,
            f"Das Titelbild „{value}“ gibt es nicht.",
            "Bitte das Bild neben den Beitrag oder nach „content/images/“ legen "
            "und hier seinen Dateinamen angeben, z. B. „Titelbild: bild.jpg“.",
        )
    ]
