"""The built site's pages, as the verification reads them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from perlen.publish.search_index import INDEX_DIR
from perlen.site.addresses import address
from perlen.site.references import StartTag, page_tags


@dataclass(frozen=True)
class Page:
    """A built HTML page: where it is and what it contains."""

    path: str
    tags: list[StartTag]
    ids: frozenset[str]
    noindex: bool


def load_pages(site: Path) -> dict[str, Page]:
    """Every HTML page of `site` (Pagefind's own files aside), by path."""
    pages: dict[str, Page] = {}
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix()
        if path.startswith(f"{INDEX_DIR}/"):
            continue
        tags = page_tags(file.read_text(encoding="utf-8"))
        ids = {t.attrs["id"] for t in tags if "id" in t.attrs}
        ids |= {t.attrs["name"] for t in tags if t.name == "a" and "name" in t.attrs}
        noindex = any(
            t.name == "meta"
            and t.attrs.get("name", "").lower() == "robots"
            and "noindex" in t.attrs.get("content", "").lower()
            for t in tags
        )
        pages[path] = Page(path, tags, frozenset(ids), noindex)
    return pages


def existing_file(site: Path, target: str) -> str | None:
    """The output file a site path is served from, if there is one."""
    candidates = (
        [target + "index.html"]
        if target == "" or target.endswith("/")
        else [target, target + "/index.html"]
    )
    return next((c for c in candidates if (site / c).is_file()), None)


def page_name(path: str) -> str:
    """How a page is named in messages: by its address on the site."""
    return f"„{address(path)}“"
