"""The files published of one image: widths, formats and their names.

Pure functions of the image's size and the settings, so that the markup a
post was written with and the files the build writes always agree.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from perlen.images.source import SourceImage

# Formats in the order browsers should pick them; the fallback comes last.
MODERN = ("avif", "webp")
MIME = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
SUFFIX = {"avif": ".avif", "webp": ".webp", "jpeg": ".jpg", "png": ".png"}


def widths(width: int, steps: tuple[int, ...]) -> tuple[int, ...]:
    """The widths to publish: every step narrower than the image, then the
    image's own width capped at the largest step. Never upscaled.

    >>> widths(4032, (480, 960, 1440, 2000))
    (480, 960, 1440, 2000)
    >>> widths(1000, (480, 960, 1440, 2000))
    (480, 960, 1000)
    """
    largest = min(width, max(steps))
    return (*(step for step in steps if step < largest), largest)


@dataclass(frozen=True)
class Variant:
    path: str  # site-relative output path
    width: int
    height: int
    format: str


@dataclass(frozen=True)
class Plan:
    """Every variant of one source image."""

    source: SourceImage
    variants: tuple[Variant, ...]

    @property
    def fallback(self) -> str:
        return self.variants[-1].format

    def of_format(self, format: str) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.format == format)


def published_stem(path: str) -> str:
    """What every file made of the image at `path` is named after: its whole
    name, the extension included (`bilder/krone.jpg` → `bilder/krone-jpg`).

    Two sources never share it (`logo.jpg` and `logo.png` are two pictures),
    and since no raster image ends in a width, a writer's own
    `krone-960.jpg` is its own source (`krone-960-jpg-…`), never mistaken for
    a variant of `krone.jpg`. A file that merely looks like one
    (`krone-jpg-960.avif`) is refused by `site.published_files`.

    >>> published_stem("bilder/krone.jpg")
    'bilder/krone-jpg'
    """
    stem, suffix = posixpath.splitext(path)
    return f"{stem}-{suffix.lstrip('.')}"


def plan(source: SourceImage, steps: tuple[int, ...]) -> Plan:
    """The variants of a raster image: each width in AVIF, WebP and JPEG
    (photos) or PNG (graphics with transparency), named after the source:
    `bilder/krone.jpg` → `bilder/krone-jpg-960.avif`."""
    assert source.width and source.height
    stem = published_stem(source.path)
    fallback = "png" if source.alpha else "jpeg"
    variants = tuple(
        Variant(
            f"{stem}-{width}{SUFFIX[format]}",
            width,
            max(1, round(source.height * width / source.width)),
            format,
        )
        for format in (*MODERN, fallback)
        for width in widths(source.width, steps)
    )
    return Plan(source, variants)
