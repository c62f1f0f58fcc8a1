"""Content-hashed names for the theme's CSS, JavaScript and fonts.

A file named after its content (`style.3f2a1b4c9d.css`) never changes under
the same name, so hosts and CDNs may cache it forever; a new version gets a
new name. This runs on the finished site: assets are renamed and every page
and stylesheet that refers to them is rewritten. Stylesheets are renamed after
the fonts and images they refer to, so a changed font renames them too.

JavaScript is renamed but not rewritten: theme scripts must not load other
theme files by name.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Mapping
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from perlen.problems import BuildFailed, Problem
from perlen.settings import setting
from perlen.site.references import (
    StartTag,
    css_references,
    page_url,
    references,
    site_path,
    site_root,
)
from perlen.text.html import source_tags

_DIGEST_LENGTH = 10


def hash_assets(site: Path, settings: Mapping[str, Any]) -> dict[str, str]:
    """Rename the theme's assets in `site` after their content; rewrite references.

    Returns the renames as site-relative posix paths, old → new.
    """
    static = site / settings["THEME_STATIC_DIR"]
    suffixes = set(setting(settings, "PERLEN_HASHED_SUFFIXES"))
    assets = sorted(
        p.relative_to(site).as_posix()
        for p in static.rglob("*")
        if p.is_file() and p.suffix in suffixes
    )
    root = site_root(settings["SITEURL"])
    renamed: dict[str, str] = {}
    for asset in _dependencies_first(site, assets, root):
        if asset.endswith(".css"):
            _rewrite_stylesheet(site / asset, asset, root, renamed)
        path = site / asset
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:_DIGEST_LENGTH]
        new = path.with_name(f"{path.stem}.{digest}{path.suffix}")
        path.rename(new)
        renamed[asset] = new.relative_to(site).as_posix()
    for page in sorted(site.rglob("*.html")):
        _rewrite_page(page, page.relative_to(site).as_posix(), root, renamed)
    return renamed


def _dependencies_first(site: Path, assets: list[str], root: str) -> list[str]:
    """`assets` ordered so that every stylesheet comes after what it refers to."""
    known = set(assets)
    graph: dict[str, set[str]] = {asset: set() for asset in assets}
    for asset in assets:
        if asset.endswith(".css"):
            base = page_url(root, asset)
            css = (site / asset).read_text(encoding="utf-8")
            graph[asset] = {
                t
                for r in css_references(css)
                if (t := site_path(r.url, base, root)) in known
            }
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as cycle:
        files = " → ".join(cycle.args[1])
        raise BuildFailed(
            [
                Problem(
                    "",
                    None,
                    f"Stylesheets binden sich gegenseitig ein: {files}.",
                    "Bitte den Kreis in den @import-Regeln auflösen.",
                    label="Theme",
                )
            ]
        ) from None


def _renamed_url(
    url: str, base: str, root: str, renamed: Mapping[str, str]
) -> str | None:
    """`url` pointing to the renamed file, written the same way; None if unchanged."""
    target = site_path(url, base, root)
    if target not in renamed:
        return None
    parts = urlsplit(url)
    directory, _, _ = parts.path.rpartition("/")
    new_name = renamed[target].rpartition("/")[2]
    path = (
        f"{directory}/{new_name}"
        if directory or parts.path.startswith("/")
        else new_name
    )
    return urlunsplit(parts._replace(path=path))


def _rewrite_stylesheet(
    path: Path, relative: str, root: str, renamed: Mapping[str, str]
) -> None:
    css = path.read_text(encoding="utf-8")
    base = page_url(root, relative)
    edits = []
    for reference in css_references(css):
        new = _renamed_url(reference.url, base, root, renamed)
        if new is not None:
            edits.append((reference.start, reference.end, new))
    _write_edited(path, css, edits)


def _rewrite_page(
    path: Path, relative: str, root: str, renamed: Mapping[str, str]
) -> None:
    text = path.read_text(encoding="utf-8")
    base = page_url(root, relative)
    edits = []
    # Tags where they are written: only the changed attribute values are
    # replaced, every other byte of the page stays.
    for tag in source_tags(text):
        changes: dict[str, str] = {}
        for reference in references(StartTag(tag.name, tag.attrs)):
            new = _renamed_url(reference.url, base, root, renamed)
            if new is not None:
                value = changes.get(reference.attribute, tag.attrs[reference.attribute])
                changes[reference.attribute] = value.replace(reference.url, new, 1)
        for name, value in sorted(changes.items(), key=lambda c: tag.spans[c[0]]):
            start, end = tag.spans[name]
            quoted = f'"{html.escape(value, quote=True)}"'
            edits.append((tag.offset + start, tag.offset + end, quoted))
    _write_edited(path, text, edits)


def _write_edited(path: Path, text: str, edits: list[tuple[int, int, str]]) -> None:
    """Write `text` with each (start, end, new) span replaced; edits are in
    order and do not overlap. Untouched files are not rewritten."""
    if not edits:
        return
    pieces: list[str] = []
    position = 0
    for start, end, new in edits:
        pieces += [text[position:start], new]
        position = end
    path.write_text("".join(pieces) + text[position:], encoding="utf-8")
