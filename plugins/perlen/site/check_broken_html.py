"""Raw HTML that breaks the pages showing it."""

from __future__ import annotations

from pelican.contents import Content

from perlen.content.reader import RAW_HTML
from perlen.content.source_lines import SourceLines
from perlen.problems import Problem
from perlen.site.markup import broken_tags
from perlen.site.written_html import written_fragments


def broken_html_problems(content: Content, sources: SourceLines) -> list[Problem]:
    """Raw HTML in the text or summary that breaks the pages showing it."""
    if not content.metadata.get(RAW_HTML):
        return []  # Markdown's own HTML is always well-formed
    problems = []
    text, summary = written_fragments(content)
    for fragment, in_summary in ((text, False), (summary, True)):
        for tag in broken_tags(fragment):
            if tag.stray:
                message = (
                    f"„{tag.written}“ schließt ein Element, das nie geöffnet wurde; "
                    "die Seite und jede Übersicht mit diesem Beitrag wären "
                    "ungültiges HTML."
                )
                fix = (
                    "Bitte das Tag löschen – oder, wenn es als Text erscheinen soll, "
                    f"in Backticks setzen: „`{tag.written}`“."
                )
            else:
                message = (
                    f"Das Element „{tag.written}>“ wird nie geschlossen; die Seite "
                    "und jede Übersicht mit diesem Beitrag wären ungültiges HTML."
                )
                fix = f"Bitte „</{tag.name}>“ ergänzen oder das Tag löschen."
            line = (
                sources.field(content.source_path, "summary")
                if in_summary
                else sources.find(content.source_path, tag.written)
            )
            problems.append(Problem(content.source_path, line, message, fix))
    return problems
