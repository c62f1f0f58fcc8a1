"""`Url:` sets where a post lives on this site; it cannot point elsewhere.

`Url: https://example.com/x/` (a WordPress or Hugo export's canonical link,
or a writer's idea of a link) would become the post's address on every page
that links to it: the archive, the feeds and the sitemap would send readers
to `https://blog…/https://example.com/x/`. The checks of the built site then
name those pages; the writer needs the line she wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from pelican.contents import Content

from perlen.problems import Problem


def foreign_urls(
    contents: Iterable[Content], line_of: Callable[[str, str], int | None]
) -> list[Problem]:
    """Posts and pages whose `Url:` names another host (or any full URL), at
    the line of the key (`line_of(path, "url")`)."""
    problems = []
    for content in contents:
        value = content.metadata.get("url")
        if not isinstance(value, str):
            continue
        parts = urlsplit(value.strip())
        if not (parts.scheme or parts.netloc or value.strip().startswith("//")):
            continue
        where = f"auf „{parts.netloc}“" if parts.netloc else "auf eine andere Adresse"
        problems.append(
            Problem(
                content.source_path,
                line_of(content.source_path, "url"),
                f"„Url: {value.strip()}“ zeigt {where}; „Url:“ legt nur fest, "
                "unter welchem Pfad dieser Beitrag auf dieser Website steht.",
                "Bitte die Zeile löschen (die Adresse ergibt sich aus dem Titel) "
                "oder nur einen Pfad angeben, z. B. „Url: 2021/mein-beitrag/“; "
                "ein Link auf eine andere Website gehört in den Text.",
            )
        )
    return problems
