"""Every post and page of a build, whatever its status or language."""

from __future__ import annotations

from collections.abc import Iterable

from pelican.contents import Content

# The lists Pelican's article and page generators keep their content in.
CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def contents_of(generators: Iterable) -> list[Content]:
    """Posts and pages of `generators`: published, hidden, drafts, translations."""
    found: dict[int, Content] = {}
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or ():
                if isinstance(content, Content):
                    found[id(content)] = content
    return sorted(found.values(), key=lambda content: content.source_path or "")
