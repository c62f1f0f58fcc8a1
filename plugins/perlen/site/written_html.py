"""The HTML a writer wrote in a post, and its link and image tags."""

from __future__ import annotations

import re
from collections.abc import Callable

from pelican.contents import Content

from perlen.content.source_lines import SourceLines
from perlen.link_syntax import without_indicator
from perlen.pelican_glue import raw_html
from perlen.problems import Problem
from perlen.site.references import StartTag, start_tags


def written_fragments(content: Content) -> list[str]:
    """The HTML a writer wrote: the text and an explicit summary."""
    summary = content.metadata.get("summary")
    return [raw_html(content), summary if isinstance(summary, str) else ""]


# Where a fragment may have an `<a>` or `<img>` tag (HTML names ignore case).
_LINK_OR_IMAGE = re.compile(r"<(?:a|img)\b", re.IGNORECASE)


def link_and_image_tags(content: Content) -> list[StartTag]:
    """The `<a>` and `<img>` tags of what the writer wrote, in order.

    Parsed once for the link, preview-link and alt text checks, and only
    where a fragment may have such a tag: parsing is the checks' main cost.
    """
    return [
        tag
        for fragment in written_fragments(content)
        if _LINK_OR_IMAGE.search(fragment)
        for tag in start_tags(fragment, ("a", "img"))
    ]


def problems_in_addresses(
    content: Content,
    tags: list[StartTag],
    sources: SourceLines,
    judge: Callable[[StartTag, str], Problem | None],
) -> list[Problem]:
    """What `judge` finds wrong with the address of each of `tags` (an `<a>`'s
    `href`, an `<img>`'s `src`), placed in `content`'s file at the line where
    the writer wrote it (without Pelican's `{static}`)."""
    problems = []
    for tag in tags:
        url = tag.attrs.get("href" if tag.name == "a" else "src", "")
        problem = judge(tag, url)
        if problem is not None:
            line = sources.find(content.source_path, without_indicator(url))
            problems.append(problem.placed(content.source_path, line))
    return problems
