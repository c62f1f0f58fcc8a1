"""Titelbild: the image a post shows above its text and shares (og:image).

`Titelbild: bild.jpg` names a file like a Markdown image does: relative to
the post (`bild.jpg` beside it) or to the content folder (`/images/logo.png`).
The static generator learns of the file here; `site.pictures` makes what the
theme shows and shares of it as `content.cover`, whose `share` is the
site-relative URL of the 1200×630 preview (like `content.url`);
`content.image` keeps what the writer wrote. A URL of another website is
shared as it is.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from pelican.contents import Content

from perlen.link_syntax import without_indicator
from perlen.site.contents import contents_of


def cover_value(content: Content) -> str:
    """The Titelbild as the writer typed it ("" when there is none)."""
    value = content.metadata.get("image")
    return value.strip() if isinstance(value, str) else ""


def is_external(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme or parts.netloc)


def cover_path(value: str, relative_dir: str) -> str | None:
    """The content-relative path of a local Titelbild, None for a URL elsewhere."""
    if not value or is_external(value):
        return None
    path = unquote(
        urlsplit(without_indicator(value, ("attach", "static", "filename"))).path
    )
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(relative_dir, path))


def link_cover_images(generator) -> None:
    """`article_generator_finalized`/`page_generator_finalized` handler:
    ask the static generator, which runs last, to copy every Titelbild."""
    for content in contents_of([generator]):
        path = cover_path(cover_value(content), content.relative_dir)
        if path is not None:
            generator.context["static_links"].add(path)
