"""The social card: a 1200×630 preview for a post without a Titelbild.

In the agency's style: the title in the theme's Fraunces on the page colour,
the agency's name in its brand colour, a string of pearls. The title is set
as large as fits, broken between words, hyphenated (German rules, Pyphen)
only where a word is wider than the line, and never cut inside a word; a
title too long for five lines ends with "…" after a whole word. Drawing
uses no clock and no randomness: the same title gives the same bytes. A
cached card is drawn anew when the title, the font or this code change
(`store.cache_key`).
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pyphen
from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
MARGIN = 80
# Colours of theme/static/css/perlen.css (light scheme).
BACKGROUND = (253, 250, 247)  # --bg
TEXT = (35, 29, 38)  # --text
BRAND = (163, 22, 79)  # --brand
LINE = (227, 213, 219)  # --line
PEARL = ((255, 255, 255), (241, 227, 232), (199, 138, 162))  # --pearl
TITLE_SIZES = (80, 72, 64, 56, 50, 44)
MAX_LINES = 5


@cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="de_DE")


def _fits(font: ImageFont.FreeTypeFont, text: str, width: int) -> bool:
    return font.getlength(text) <= width


def _break(word: str, font, width: int, prefix: str) -> tuple[str, str] | None:
    """The longest head of `word` (at a German hyphenation point) that fits
    after `prefix` with its hyphen, and the rest."""
    for head, tail in _hyphenator().iterate(word):  # longest head first
        if _fits(font, f"{prefix}{head}-", width):
            return head, tail
    return None


def wrap(
    title: str, font: ImageFont.FreeTypeFont, width: int, hyphenate: bool
) -> list[str] | None:
    """Lines of at most `width`, broken at spaces (not at no-break spaces);
    None when a word does not fit and `hyphenate` is off. A hyphenated word
    first fills the line it starts on."""
    lines: list[str] = []
    for word in title.split(" "):
        while word:
            prefix = f"{lines[-1]} " if lines else ""
            if prefix and _fits(font, prefix + word, width):
                lines[-1] = prefix + word
                break
            if _fits(font, word, width):
                lines.append(word)
                break
            if not hyphenate:
                return None
            split = _break(word, font, width, prefix) if prefix else None
            if split is not None:
                lines[-1] = f"{prefix}{split[0]}-"
            else:
                split = _break(word, font, width, "")
                if split is None:  # no hyphenation point fits: keep it whole
                    lines.append(word)
                    break
                lines.append(f"{split[0]}-")
            word = split[1]
    return lines


def layout(title: str, font_path: str, width: int) -> tuple[int, list[str]]:
    """The largest size at which the title fits, and its lines."""
    for size in TITLE_SIZES:
        lines = wrap(title, _font(font_path, size), width, hyphenate=False)
        if lines is not None and len(lines) <= MAX_LINES:
            return size, lines
    size = TITLE_SIZES[-1]
    font = _font(font_path, size)
    lines = wrap(title, font, width, hyphenate=True) or []
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        last = lines[-1].rstrip("-")
        while last and not _fits(font, last + " …", width):
            last = last.rpartition(" ")[0]
        lines[-1] = f"{last} …" if last else "…"
    return size, lines


def _pearl(draw: ImageDraw.ImageDraw, x: int, y: int, radius: int) -> None:
    """A pearl: concentric discs from the rim's colour to a white highlight."""
    outer, middle, highlight = (
        PEARL[2],
        PEARL[1],
        PEARL[0],
    )
    steps = 12
    for step in range(steps):
        share = step / steps
        colour = tuple(
            round(a + (b - a) * min(1.0, share * 1.6))
            for a, b in zip(outer, middle, strict=True)
        )
        r = radius * (1 - share * 0.75)
        shift = radius * 0.3 * share
        left, top = x - shift, y - shift
        draw.ellipse((left - r, top - r, left + r, top + r), colour)
    r = radius * 0.22
    cx, cy = x - radius * 0.3, y - radius * 0.3
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), highlight)


def render(title: str, site_name: str, font_path: str) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], 12), BRAND)
    for index in range(7):
        _pearl(draw, SIZE[0] - MARGIN - index * 46, SIZE[1] - MARGIN + 8, 18)
    draw.line(
        (MARGIN, SIZE[1] - MARGIN - 40, SIZE[0] - MARGIN, SIZE[1] - MARGIN - 40),
        LINE,
        width=3,
    )
    name_font = _font(font_path, 40)
    draw.text((MARGIN, SIZE[1] - MARGIN + 8), site_name, BRAND, name_font, anchor="lm")
    size, lines = layout(title, font_path, SIZE[0] - 2 * MARGIN)
    font = _font(font_path, size)
    leading = round(size * 1.15)
    top = MARGIN + 10
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * leading), line, TEXT, font, anchor="la")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def render_files(title: str, site_name: str, font_path: str, path: str) -> dict:
    """`render` as a `store.Job`'s files."""
    return {path: render(title, site_name, font_path)}


def font_digest(font_path: str) -> bytes:
    return Path(font_path).read_bytes()
