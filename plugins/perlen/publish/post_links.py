"""Links to pages of the site in a post's text, checked in every build.

A writer may link a page by its address (`[Archiv](/archiv/)`,
`[Beitrag](/2021/monarchie-im-perlenbuero/)`) instead of by its file. Whether
that page exists is known only once the site is written; verification finds
a dead one on the built page, but only in a publish build and without the
line. This check runs on every build, `perlen pruefen` included, and names
the post's file and line.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from pelican.contents import Content

from perlen import workers
from perlen.content.source_lines import SourceLines
from perlen.pelican_glue import raw_html
from perlen.problems import Problem
from perlen.publish.pages import existing_file
from perlen.site.references import page_url, site_path, site_root, start_tags
from perlen.workers import in_forks, worker_count

# Links to files the writer names by suffix are resolved as files (`links`);
# feeds and the search index exist only in publish builds.
PAGE_SUFFIXES = ("", ".html", ".htm")
# A link to a path of this site, as Markdown or a writer's HTML writes it.
_SITE_LINK = re.compile(r"""href\s*=\s*["']?/(?!/)""", re.IGNORECASE)
# Its cheap part, searched first: an attribute's value that is such a path.
_SITE_PATH = re.compile(r"""=\s*["']?/(?!/)""")


def dead_page_links(
    site: Path, settings: Mapping, written: Mapping[str, Content], sources: SourceLines
) -> list[Problem]:
    """Links from posts and pages to pages of this site that were not written."""
    root = site_root(settings["SITEURL"])
    by_content = {id(content): (path, content) for path, content in written.items()}
    # Most posts link no page of the site by its address: not worth parsing,
    # nor a forked process where none does.
    linking = [
        (output, content, fragments)
        for output, content in by_content.values()
        if (fragments := _with_site_links(content))
    ]

    def dead_in(written_page: tuple[str, Content, list[str]]) -> list[Problem]:
        output, content, fragments = written_page
        base = page_url(root, output)
        problems = []
        for fragment in fragments:
            for tag in start_tags(fragment, ("a",)):
                url = tag.attrs.get("href", "")
                if not urlsplit(url).path.startswith("/"):
                    continue
                target = site_path(url, base, root)
                suffix = posixpath.splitext(target or "")[1].lower()
                if target is None or suffix not in PAGE_SUFFIXES:
                    continue
                if existing_file(site, target) is None:
                    problems.append(
                        Problem(
                            content.source_path,
                            sources.find(content.source_path, urlsplit(url).path),
                            f"Der Link „{url}“ führt ins Leere: Diese Seite gibt "
                            "es auf der Website nicht.",
                            "Bitte die Adresse prüfen; auf eigene Beiträge verlinkt "
                            "man am sichersten mit ihrem Dateinamen, z. B. "
                            "„[…](anderer-beitrag.md)“.",
                        )
                    )
        return problems

    found = in_forks(
        dead_in, linking, worker_count(settings), minimum=workers.CHECKS_PER_PROCESS
    )
    return [problem for problems in found for problem in problems]


def _with_site_links(content: Content) -> list[str]:
    """The text and summary of `content` as the reader made them, those that
    may link a page of the site. (Not `content.content`: Pelican would resolve
    its `{filename}` links again in this process for every page a forked
    process rendered; a link to a file is the link check's.)"""
    summary = content.metadata.get("summary")
    return [
        fragment
        for fragment in (raw_html(content), summary if isinstance(summary, str) else "")
        if fragment and _SITE_PATH.search(fragment) and _SITE_LINK.search(fragment)
    ]
