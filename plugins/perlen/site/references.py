"""What built pages and stylesheets refer to: every URL, where it is written
and what a browser does with it.

Verification (links, images, third-party hosts), the site checks and asset
hashing (rewriting references to renamed files) need this. Pages are read
with an HTML parser (`perlen.text.html`), which sees real tags only: a
`<link href=…>` shown as text inside a code sample or a script is never
mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from posixpath import normpath
from urllib.parse import unquote, urljoin, urlsplit

import tinycss2

from perlen.text import html

# For a resource the browser loads, the Content-Security-Policy directive
# that governs it; None marks a link the reader navigates to.
_LOADED_BY_ELEMENT: dict[str, dict[str, str | None]] = {
    # `ping`: URLs the browser posts to when the link is followed.
    "a": {"href": None, "ping": "connect-src"},
    "area": {"href": None, "ping": "connect-src"},
    "audio": {"src": "media-src"},
    "blockquote": {"cite": None},
    "del": {"cite": None},
    "embed": {"src": "object-src"},
    "form": {"action": "form-action"},
    "iframe": {"src": "frame-src"},
    # SVG's <image> (inline <svg> in a post), with SVG 1's xlink:href, too.
    "image": {"href": "img-src", "xlink:href": "img-src"},
    "img": {"src": "img-src", "srcset": "img-src"},
    "input": {"src": "img-src"},
    "ins": {"cite": None},
    "object": {"data": "object-src"},
    "q": {"cite": None},
    "script": {"src": "script-src"},
    "source": {"src": "media-src", "srcset": "img-src"},
    "track": {"src": "media-src"},
    "video": {"src": "media-src", "poster": "img-src"},
}
_LINK_RELS: dict[str, str] = {
    "stylesheet": "style-src",
    "icon": "img-src",
    "apple-touch-icon": "img-src",
    "mask-icon": "img-src",
    "manifest": "manifest-src",
    "modulepreload": "script-src",
    # Not governed by CSP, but they open a connection to the host all the same.
    "preconnect": "connect-src",
    "dns-prefetch": "connect-src",
}
_PRELOAD_AS: dict[str, str] = {
    "font": "font-src",
    "style": "style-src",
    "script": "script-src",
    "image": "img-src",
    "fetch": "connect-src",
}
# Meta tags whose content is a URL that crawlers and social networks fetch.
_URL_META = {
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "og:url",
    "og:audio",
    "og:video",
    "twitter:image",
}


@dataclass(frozen=True)
class StartTag:
    """An element as a browser reads it: its name and attributes."""

    name: str
    attrs: dict[str, str]


@dataclass(frozen=True)
class Reference:
    """A URL in one attribute of a tag (or one candidate of a `srcset`)."""

    attribute: str
    url: str
    directive: str | None


@dataclass(frozen=True)
class CssReference:
    """A URL in a stylesheet, with the span of its text for rewriting."""

    start: int
    end: int
    url: str
    directive: str


def start_tags(fragment: str, names: tuple[str, ...] = ()) -> list[StartTag]:
    """Every element of an HTML fragment (a post's text), or those named in
    `names` (selected by the parser, which is much faster for long posts),
    in document order."""
    tree = html.fragment(fragment)
    nodes = html.named(tree, names) if names else html.elements(tree)
    return [StartTag(n.tag, html.attributes(n)) for n in nodes]


def page_tags(page: str) -> list[StartTag]:
    """Every element of a whole page, in document order (with the `<html>`,
    `<head>` and `<body>` a browser adds where the page leaves them out)."""
    return [
        StartTag(n.tag, html.attributes(n)) for n in html.elements(html.document(page))
    ]


# `<meta http-equiv="refresh" content="0; url=…">`: the page a browser goes on to.
_REFRESH = re.compile(
    r"""^\s*\d[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(?P<q>['"]?)(?P<url>.*?)(?P=q)\s*$""",
    re.IGNORECASE,
)


def references(tag: StartTag) -> list[Reference]:
    """The URLs `tag` refers to, each with what the browser does with it;
    an `<iframe srcdoc>` refers to what the page inside it refers to."""
    if tag.name == "meta" and tag.attrs.get("http-equiv", "").lower() == "refresh":
        match = _REFRESH.match(tag.attrs.get("content", ""))
        url = match["url"] if match else ""
        return [Reference("content", url, None)] if url else []
    found: list[Reference] = []
    for attribute, directive in _attributes(tag).items():
        value = tag.attrs.get(attribute, "").strip()
        if not value:
            continue
        if attribute == "srcset":
            urls = _srcset_urls(value)
        elif attribute == "ping":
            urls = value.split()
        else:
            urls = [value]
        found += [Reference(attribute, url, directive) for url in urls]
    if tag.name == "iframe" and tag.attrs.get("srcdoc"):
        for inner in page_tags(tag.attrs["srcdoc"]):
            found += [
                Reference("srcdoc", r.url, r.directive) for r in references(inner)
            ]
    return found


def _attributes(tag: StartTag) -> dict[str, str | None]:
    if tag.name == "link":
        rels = tag.attrs.get("rel", "").lower().split()
        directive = next((_LINK_RELS[rel] for rel in rels if rel in _LINK_RELS), None)
        if "preload" in rels or "prefetch" in rels:
            directive = _PRELOAD_AS.get(tag.attrs.get("as", "").lower(), "default-src")
        return {"href": directive}
    if tag.name == "meta":
        kind = tag.attrs.get("property") or tag.attrs.get("name") or ""
        return {"content": None} if kind.lower() in _URL_META else {}
    return _LOADED_BY_ELEMENT.get(tag.name, {})


def _srcset_urls(srcset: str) -> list[str]:
    """The image URLs of a `srcset` value (each candidate is `URL [descriptor]`)."""
    return [c.split()[0] for c in srcset.split(",") if c.strip()]


def css_references(css: str) -> list[CssReference]:
    """The URLs of a stylesheet: `url(…)` and `@import`, as tinycss2 parses
    them (so never in a comment or a string), with the span of each URL's text."""
    offsets = _line_offsets(css)
    found: list[CssReference] = []

    def walk(tokens, directive: str) -> None:
        for token in tokens or ():
            if token.type == "at-rule":
                keyword = token.lower_at_keyword
                if keyword == "import":
                    walk(token.prelude, "style-src")
                    continue
                inner = "font-src" if keyword == "font-face" else directive
                walk(token.prelude, inner)
                walk(token.content, inner)
            elif token.type == "qualified-rule":
                walk(token.prelude, directive)
                walk(token.content, directive)
            elif token.type == "url":
                start = css.index("(", _offset(offsets, token)) + 1
                start += len(css[start:]) - len(css[start:].lstrip())
                end = start
                while end < len(css) and not css[end].isspace() and css[end] != ")":
                    end += 1
                found.append(CssReference(start, end, css[start:end], directive))
            elif token.type == "function" and token.lower_name == "url":
                strings = [a for a in token.arguments if a.type == "string"]
                if strings:
                    found.append(_quoted(css, offsets, strings[0], directive))
            elif token.type == "string" and directive == "style-src":
                found.append(_quoted(css, offsets, token, directive))
            elif hasattr(token, "content") and token.type.endswith("block"):
                walk(token.content, directive)
            elif token.type == "function":
                walk(token.arguments, directive)

    walk(tinycss2.parse_stylesheet(css), "img-src")
    return found


def _line_offsets(text: str) -> list[int]:
    """The offset of each line's start (tinycss2 gives lines and columns)."""
    offsets, position = [0], 0
    for line in text.splitlines(keepends=True):
        position += len(line)
        offsets.append(position)
    return offsets


def _offset(offsets: list[int], token) -> int:
    return offsets[token.source_line - 1] + token.source_column - 1


def _quoted(css: str, offsets: list[int], token, directive: str) -> CssReference:
    """A URL written as a string: its text between the quotes."""
    start = _offset(offsets, token) + 1
    quote, end = css[start - 1], start
    while end < len(css) and css[end] != quote:
        end += 2 if css[end] == "\\" else 1
    return CssReference(start, end, css[start:end], directive)


def site_root(siteurl: str) -> str:
    """The URL of the site's root directory, ending in "/".

    Without a SITEURL (development builds) a placeholder origin stands in, so
    that root-relative and relative URLs resolve the same way.
    """
    return (siteurl or "http://localhost").rstrip("/") + "/"


def page_url(root: str, relative_path: str) -> str:
    """The URL of the output file at `relative_path` (posix, inside the site)."""
    return urljoin(root, relative_path)


def site_path(url: str, base: str, root: str) -> str | None:
    """The output file path `url` (as written on the page at `base`) points
    into, or None when it leads off the site.

    The path is decoded, normalised and relative to the site's root; a
    directory keeps its trailing "/".
    """
    absolute = urljoin(base, url.strip())
    parts = urlsplit(absolute)
    root_parts = urlsplit(root)
    if parts.scheme not in ("http", "https") or parts.netloc != root_parts.netloc:
        return None
    if not parts.path.startswith(root_parts.path):
        return None
    path = unquote(parts.path[len(root_parts.path) :])
    if not path:
        return ""
    normal = normpath(path)
    if normal == ".":
        return ""
    if normal.startswith("../") or normal == "..":
        return None
    return normal + "/" if path.endswith("/") else normal


def fragment(url: str) -> str:
    """The decoded fragment of `url` ("" when it has none)."""
    return unquote(urlsplit(url).fragment)
