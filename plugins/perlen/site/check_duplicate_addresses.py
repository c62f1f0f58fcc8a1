"""Two posts or pages written to the same address."""

from __future__ import annotations

from collections import defaultdict

from pelican.contents import Content

from perlen.content.source_lines import SourceLines
from perlen.problems import Problem, display_path
from perlen.site.written_files import key


def duplicate_addresses(contents: list[Content], sources: SourceLines) -> list[Problem]:
    """Two posts or pages written to the same address (as `key` compares
    them: ignoring case, as macOS and Windows do): one would be lost."""
    by_address: dict[str, list[Content]] = defaultdict(list)
    for content in contents:
        if content.save_as:
            by_address[key(content.save_as)].append(content)
    problems = []
    for same in by_address.values():
        for content in same if len(same) > 1 else ():
            others = ", ".join(
                f"„{display_path(other.source_path)}“"
                for other in same
                if other is not content
            )
            line = sources.field(content.source_path, "slug") or sources.field(
                content.source_path, "title"
            )
            problems.append(
                Problem(
                    content.source_path,
                    line,
                    f"Die Adresse „/{content.url}“ gehört auch zu {others}; "
                    "einer der Beiträge ginge verloren.",
                    "Bitte einen anderen Titel wählen oder mit „Slug: …“ "
                    "eine eigene Adresse angeben.",
                )
            )
    return problems
