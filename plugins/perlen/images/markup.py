"""`<picture>` markup: the browser picks the smallest file that looks sharp.

AVIF and WebP as `<source>`s, the JPEG or PNG fallback in the `<img>`, each
with every width in `srcset` and the theme's column in `sizes`, so that a
390-px phone at 2× loads the 960-px AVIF. `width`/`height` give the aspect
ratio before the file arrives (no layout shift). Images load lazily, except
the first of a page, the likely Largest Contentful Paint, which the browser
fetches first (`fetchpriority="high"`).
"""

from __future__ import annotations

from urllib.parse import quote
from xml.etree.ElementTree import Element, SubElement

from perlen.images.source import SourceImage
from perlen.images.variants import MIME, MODERN, Plan

# The width the `<img>` falls back to where `srcset` is not understood.
DEFAULT_WIDTH = 960
# Characters a URL path may contain as they are (RFC 3986 sub-delims, "/").
URL_SAFE = "/!$&'()*+,;=:@~"


def url_path(path: str) -> str:
    """`path` as it may stand in a URL (`perle im büro.png` →
    `perle%20im%20b%C3%BCro.png`): a space would end a URL in `srcset`, and
    the HTML check rejects it everywhere."""
    return quote(path, safe=URL_SAFE)


def _srcset(plan: Plan, format: str, base: str) -> str:
    return ", ".join(
        f"{base}{url_path(v.path)} {v.width}w" for v in plan.of_format(format)
    )


def loading_attributes(first: bool) -> dict[str, str]:
    if first:
        return {"fetchpriority": "high", "decoding": "async"}
    return {"loading": "lazy", "decoding": "async"}


def picture(
    plan: Plan, alt: str, sizes: str, base: str, *, first: bool = False
) -> Element:
    """`<picture>` for a planned raster image; `base` prefixes every path
    (the site's URL and "/")."""
    element = Element("picture")
    for format in MODERN:
        SubElement(
            element,
            "source",
            {
                "type": MIME[format],
                "srcset": _srcset(plan, format, base),
                "sizes": sizes,
            },
        )
    fallbacks = plan.of_format(plan.fallback)
    default = [v for v in fallbacks if v.width <= DEFAULT_WIDTH][-1:] or fallbacks[:1]
    SubElement(
        element,
        "img",
        {
            "src": base + url_path(default[0].path),
            "srcset": _srcset(plan, plan.fallback, base),
            "sizes": sizes,
            "alt": alt,
            "width": str(default[0].width),
            "height": str(default[0].height),
            **loading_attributes(first),
        },
    )
    return element


def passthrough(source: SourceImage, src: str, alt: str, *, first: bool) -> Element:
    """`<img>` for a GIF or SVG, published as it is."""
    attributes = {"src": src, "alt": alt}
    if source.width and source.height:
        attributes |= {"width": str(source.width), "height": str(source.height)}
    return Element("img", attributes | loading_attributes(first))
