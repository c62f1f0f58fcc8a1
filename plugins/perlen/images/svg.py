"""Is an SVG safe to publish? Parsed as XML, never searched with patterns.

An SVG is a document, not a picture: opened directly (as GitHub Pages serves
it, without the site's `_headers` CSP) it runs its scripts on the site's
origin. So every SVG the site publishes is parsed with `defusedxml` (no
entity expansion, no external entities, no network) and refused when it
holds anything that runs or loads code, in any namespace and any spelling:

- script elements (`<script>`, `<h:script>`, `<x:script>`), SVG Tiny's
  `<handler>`, `<foreignObject>` (HTML inside SVG), any XHTML element;
- event-handler attributes (`onload`, `ev:onclick`, …);
- `javascript:`, `vbscript:` and `data:` addresses (except an embedded JPEG,
  PNG, GIF, WebP or AVIF), also set by animation (`<set attributeName="href">`);
- anything loaded from another host: `href`, `xlink:href`, `src`, `url(…)`
  in `style` attributes, `<style>` elements and presentation attributes,
  `@import`; and XSLT or CSS stylesheets named by `<?xml-stylesheet?>`.

Refusing (with what to do) rather than sanitising: a writer's logo either is
published exactly as drawn or not at all, and no maintained sanitiser for
SVG exists on PyPI that we would trust over a short list of refusals.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError

import tinycss2
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from perlen.problems import Problem

XHTML = "http://www.w3.org/1999/xhtml"
# Elements that run code or embed HTML, in whatever namespace they come.
_CODE_ELEMENTS = frozenset({"script", "handler", "foreignobject", "listener"})
# SVG animation elements: they can set any attribute, an `href` included.
_ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform"})
_ADDRESS_ATTRIBUTES = frozenset({"href", "src", "action", "formaction"})
_ANIMATED_VALUES = ("to", "from", "values", "by")
_SAFE_DATA = re.compile(r"data:image/(?:png|jpeg|jpg|gif|webp|avif)[;,]", re.I)
# Browsers ignore whitespace and control characters inside a scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]+")

FIX_CODE = (
    "Bitte die Grafik ohne Skripte und Interaktivität exportieren, z. B. in "
    "Inkscape als „Optimiertes SVG“ oder in Illustrator mit „SVG-Optionen → "
    "Interaktivität: keine“, oder als PNG speichern."
)
FIX_HOST = (
    "Bitte alles, was die Grafik braucht (Bilder, Schriften), in die Datei "
    "einbetten oder als Pfade exportieren, oder die Grafik als PNG speichern."
)


@dataclass(frozen=True)
class Svg:
    """The root element's size attributes of a safe SVG."""

    width: str | None
    height: str | None
    view_box: str | None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _namespace(name: str) -> str:
    return name[1:].split("}", 1)[0] if name.startswith("{") else ""


def address_problem(value: str) -> Problem | None:
    """Why an address in an SVG is refused, or None."""
    cleaned = _IGNORED_IN_SCHEME.sub("", value)
    lowered = cleaned.lower()
    if lowered.startswith(("javascript:", "vbscript:")):
        return _contains(
            f"einen Link, der Programmcode ausführt („{value.strip()[:40]}“)"
        )
    if lowered.startswith("data:"):
        if _SAFE_DATA.match(cleaned):
            return None
        return _contains(
            f"eine eingebettete Datei, die kein Foto ist („{value.strip()[:40]}“)"
        )
    parts = urlsplit(cleaned)
    if parts.scheme or parts.netloc or cleaned.startswith(("//", "\\\\", "/\\")):
        return _contains(
            f"einen Verweis auf eine andere Website („{value.strip()[:60]}“)",
            FIX_HOST,
        )
    return None


def _problem(message: str, fix: str) -> Problem:
    """What is wrong with an SVG and what to do; its caller names the file."""
    return Problem("", None, message, fix)


def _contains(what: str, fix: str = FIX_CODE) -> Problem:
    return _problem(f"Die Grafik enthält {what}.", fix)


def css_problem(css: str, declarations: bool) -> Problem | None:
    """Why CSS (a `style` attribute, a `<style>`, a presentation attribute
    holding `url(…)`) is refused, or None: `@import`, `url()` elsewhere."""
    if declarations:
        nodes = tinycss2.parse_blocks_contents(css)
    else:
        nodes = tinycss2.parse_stylesheet(css)
    for node in _css_walk(nodes):
        if node.type == "at-rule" and node.lower_at_keyword == "import":
            return _contains("eine eingebundene Stilvorlage („@import“)", FIX_HOST)
        if node.type == "url":
            value = node.value
        elif node.type == "function" and node.lower_name in ("url", "src"):
            value = "".join(
                getattr(token, "value", "")
                for token in node.arguments
                if token.type == "string"
            )
        else:
            continue
        problem = address_problem(value)
        if problem:
            return problem
    return None


def _css_walk(nodes):
    for node in nodes:
        yield node
        for attribute in ("prelude", "content", "value", "arguments"):
            children = getattr(node, attribute, None)
            if isinstance(children, list):
                yield from _css_walk(children)


def _element_problem(element: Element) -> Problem | None:
    name = _local(element.tag)
    if name in _CODE_ELEMENTS or _namespace(element.tag) == XHTML:
        return _contains(
            f"ein Element „<{name}>“, das Programmcode ausführt oder HTML einbettet"
        )
    if name == "style":
        return css_problem(element.text or "", declarations=False)
    animated = _local(element.get("attributeName", "")) if name in _ANIMATIONS else ""
    if animated.startswith("on") or animated in _ADDRESS_ATTRIBUTES:
        return _contains(f"eine Animation, die das Attribut „{animated}“ setzt")
    for key, value in element.attrib.items():
        attribute = _local(key)
        if attribute.startswith("on"):
            return _contains(f"einen Event-Handler („{attribute}“)")
        if attribute in _ADDRESS_ATTRIBUTES or (
            animated and attribute in _ANIMATED_VALUES
        ):
            problem = address_problem(value)
        elif attribute == "style":
            problem = css_problem(value, declarations=True)
        elif "url(" in value.lower() or "javascript:" in value.lower():
            problem = css_problem(f"x: {value}", declarations=True) or (
                address_problem(value)
            )
        else:
            continue
        if problem:
            return problem
    return None


def check_svg(data: bytes) -> Svg | Problem:
    """The SVG's size attributes if it is safe to publish, else what is wrong."""
    root = None
    try:
        events = ("start", "end", "pi")
        for event, node in iterparse(io.BytesIO(data), events=events):
            if event == "pi":
                if (node.text or "").lower().startswith("xml-stylesheet"):
                    return _problem(
                        "Die Grafik bindet eine Stilvorlage ein "
                        "(„<?xml-stylesheet?>“), die Programmcode enthalten kann.",
                        FIX_CODE,
                    )
                continue
            if root is None:
                root = node
            if event == "end":
                problem = _element_problem(node)  # its text is complete now
                if problem:
                    return problem
    except DefusedXmlException:
        return _problem(
            "Die Grafik enthält XML-Entitäten oder verweist auf externe "
            "Definitionen; solche Dateien veröffentlicht die Website nicht.",
            FIX_CODE,
        )
    except (ParseError, UnicodeError, ValueError):
        root = None
    if root is None or _local(root.tag) != "svg":
        return _problem(
            "Die Datei lässt sich nicht als SVG-Grafik lesen: Sie ist "
            "beschädigt oder kein SVG.",
            "Bitte die Grafik neu als SVG (oder als PNG) exportieren und die "
            "Datei ersetzen.",
        )
    return Svg(root.get("width"), root.get("height"), root.get("viewBox"))
