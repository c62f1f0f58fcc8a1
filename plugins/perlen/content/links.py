"""Local links in Markdown: `![Alt](bild.jpg)` next to a post just works.

Pelican resolves links to files only in its own syntax (`{attach}bild.jpg`,
`{filename}anderer-beitrag.md`, `{static}/images/logo.png`). Writers write
plain relative links, as every Markdown editor previews them; this extension
rewrites them into Pelican's syntax inside the Markdown pipeline, so Pelican
copies the file and writes the URL that works from the post's pretty address,
and the checks can tell a missing file by name.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, STX

from perlen.content.disk_names import link_on_disk
from perlen.images.markdown import picture_extension
from perlen.link_syntax import links_to_file

# Files Pelican turns into pages: linked with `{filename}`.
SOURCE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst")
# Suffixes that name a page of the built site, not a file of the content.
SITE_SUFFIXES = (".html", ".htm")
LINK_ATTRIBUTES = {"a": "href", "img": "src"}


def pelican_link(url: str, static_paths: Sequence[str] = ()) -> str | None:
    """Pelican's link syntax for a writer's local link, or None to keep it.

    - `anderer-beitrag.md` → `{filename}anderer-beitrag.md` (a post or page);
    - `bild.jpg`, `bilder/bild.jpg`, `../../images/logo.png` → `{static}…`:
      Pelican copies the file to the same path in the site;
    - `/images/logo.png` (a folder of STATIC_PATHS) → `{static}/images/…`.

    `{static}` rather than `{attach}`: an attached file moves next to the
    first post linking it and warns for every other one, while several posts
    may well show the same picture.

    URLs with a scheme or host, anchors, pages of the site (`/archiv/`,
    `seite.html`) and links already in Pelican's syntax are kept.
    """
    if (
        not url
        or url.startswith(("{", "|", "#"))
        or AMP_SUBSTITUTE in url
        or STX in url
    ):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    name = posixpath.basename(parts.path)
    suffix = posixpath.splitext(name)[1].lower()
    if not suffix or suffix in SITE_SUFFIXES:
        return None
    # Pelican looks files up by name: `perle%20im%20b%C3%BCro.png` is the
    # file `perle im büro.png` (its URL is encoded again, `static_urls`).
    url = unquote(url)
    if parts.path.startswith("/"):
        top = parts.path.lstrip("/").split("/", 1)[0]
        return f"{{static}}{url}" if top in static_paths else None
    return f"{{filename}}{url}" if suffix in SOURCE_SUFFIXES else f"{{static}}{url}"


class LocalLinks(Treeprocessor):
    """Rewrites `a[href]` and `img[src]`; raw HTML is the writer's own."""

    def __init__(self, md: Markdown, static_paths: Sequence[str]):
        super().__init__(md)
        self.static_paths = tuple(static_paths)

    def run(self, root: etree.Element) -> None:
        # The post being converted, kept by the picture extension (reset per
        # document): names are spelled as on disk from the post's folder.
        pictures = picture_extension(self.md)
        document = pictures.document if pictures is not None else None
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in root.iter(tag):
                value = element.get(attribute, "")
                link = pelican_link(value, self.static_paths)
                if link is None and links_to_file(value):
                    link = value
                if link is not None and document is not None:
                    link = link_on_disk(link, document.source_path)
                if link is not None:
                    element.set(attribute, link)


class LocalLinksExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "static_paths": [
                ["images"],
                "Folders of the content (STATIC_PATHS) served as they are",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After "unescape" (0), so that escaped characters are plain text.
        md.treeprocessors.register(
            LocalLinks(md, self.getConfig("static_paths")), "perlen_local_links", -1
        )


def makeExtension(**kwargs) -> LocalLinksExtension:
    return LocalLinksExtension(**kwargs)
