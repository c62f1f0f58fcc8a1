"""The social card: the 1200×630 preview (`og:image`) of a post.

In the agency's style. Without a Titelbild a typographic card: the category
in the brand colour, the title in the theme's Fraunces as large as fits,
author and date, and the agency's name beside a large pearl that fills the
right-hand side; the string of pearls fits its rule. With a Titelbild the
photo fills the card and the same text sits on a light panel along its
bottom, legible on any photo. Emoji in a title are drawn in colour from
Noto Color Emoji (Pillow draws its bitmaps at size 109, scaled here); where
that font is missing they are left out. The title is set
as large as fits, broken between words, hyphenated (German rules, Pyphen)
only where a word is wider than the line, and never cut inside a word; a
title too long for five lines ends with "…" after a whole word. Drawing
uses no clock and no randomness: the same title gives the same bytes. A
cached card is drawn anew when the title, the font or this code change
(`store.cache_key`).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import emoji
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
MUTED = (94, 84, 98)  # --muted
TITLE_SIZES = (80, 72, 64, 56, 50, 44)
MAX_LINES = 5
# The text block of a typographic card leaves the right side to the pearl.
TEXT_WIDTH = 820
EMOJI_FONT = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
EMOJI_BITMAP_SIZE = 109  # the only size of Noto Color Emoji's bitmaps
EMOJI_ADVANCE = 1.05  # an emoji's width in ems of the title


@dataclass(frozen=True)
class CardText:
    """What a card says, as plain text."""

    title: str
    site_name: str
    category: str = ""
    byline: str = ""  # author and date: "perlenmädchen · 28. September 2021"


@cache
def _emoji_font() -> ImageFont.FreeTypeFont | None:
    if not os.path.isfile(EMOJI_FONT):
        return None
    try:
        return ImageFont.truetype(EMOJI_FONT, EMOJI_BITMAP_SIZE)
    except OSError:
        return None


def runs(text: str) -> list[tuple[str, bool]]:
    """`text` as runs of (text, is_emoji); without the emoji font, emoji
    runs are dropped (and the spaces around them collapse)."""
    found: list[tuple[str, bool]] = []
    position = 0
    for match in emoji.emoji_list(text):
        if match["match_start"] > position:
            found.append((text[position : match["match_start"]], False))
        found.append((match["emoji"], True))
        position = match["match_end"]
    if position < len(text):
        found.append((text[position:], False))
    if _emoji_font() is None:
        plain = " ".join("".join(t for t, e in found if not e).split(" "))
        return [(" ".join(plain.split()), False)] if plain.strip() else []
    return found


def clean_title(title: str) -> str:
    """The title as the card can draw it (emoji dropped without the font)."""
    return "".join(text for text, _ in runs(title))


@cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="de_DE")


def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    return sum(
        len(emoji.emoji_list(part)) * font.size * EMOJI_ADVANCE
        if is_emoji
        else font.getlength(part)
        for part, is_emoji in runs(text)
    )


def _fits(font: ImageFont.FreeTypeFont, text: str, width: int) -> bool:
    return _length(font, text) <= width


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


def layout(
    title: str, font_path: str, width: int, max_lines: int = MAX_LINES, height=None
) -> tuple[int, list[str]]:
    """The largest size at which the title fits (in `height`, if given), and
    its lines."""
    for size in TITLE_SIZES:
        fitting = min(max_lines, height // round(size * 1.15)) if height else max_lines
        lines = wrap(title, _font(font_path, size), width, hyphenate=False)
        if lines is not None and len(lines) <= fitting:
            return size, lines
    size = TITLE_SIZES[-1]
    if height:
        max_lines = min(max_lines, height // round(size * 1.15))
    font = _font(font_path, size)
    lines = wrap(title, font, width, hyphenate=True) or []
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1].rstrip("-")
        while last and not _fits(font, last + " …", width):
            last = last.rpartition(" ")[0]
        lines[-1] = f"{last} …" if last else "…"
    return size, lines


def pearl(draw: ImageDraw.ImageDraw, x: int, y: int, radius: int) -> None:
    """A pearl: concentric discs from the rim's colour to a white highlight."""
    outer, middle, highlight = (
        PEARL[2],
        PEARL[1],
        PEARL[0],
    )
    steps = max(12, radius // 2)
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


def _draw_line(
    image: Image.Image, xy: tuple[float, float], line: str, colour, font
) -> None:
    """A line of the title, emoji as colour bitmaps scaled to the font."""
    draw = ImageDraw.Draw(image)
    x, y = xy
    for part, is_emoji in runs(line):
        if not is_emoji:
            draw.text((x, y), part, colour, font, anchor="la")
            x += font.getlength(part)
            continue
        for item in emoji.emoji_list(part):
            glyph = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
            ImageDraw.Draw(glyph).text(
                (0, 0), item["emoji"], font=_emoji_font(), embedded_color=True
            )
            box = glyph.getbbox()
            if box:
                glyph = glyph.crop(box)
                height = round(font.size * 0.95)
                width = round(glyph.width * height / glyph.height)
                glyph = glyph.resize((width, height), Image.Resampling.LANCZOS)
                image.paste(glyph, (round(x), round(y + font.size * 0.12)), glyph)
            x += font.size * EMOJI_ADVANCE


def _title_block(
    image: Image.Image, text: CardText, font_path: str, box, max_lines
) -> None:
    """Category and title in `box` (left, top, width, height)."""
    left, top, width, height = box
    draw = ImageDraw.Draw(image)
    if text.category:
        small = _font(font_path, 30)
        draw.text((left, top), text.category.upper(), BRAND, small, anchor="la")
        top += 58
        height -= 58
    title = clean_title(text.title)
    size, lines = layout(title, font_path, width, max_lines, height)
    font = _font(font_path, size)
    leading = round(size * 1.15)
    for index, line in enumerate(lines):
        _draw_line(image, (left, top + index * leading), line, TEXT, font)


def _footer(draw: ImageDraw.ImageDraw, text: CardText, font_path: str, y: int) -> None:
    """The site's name after a pearl, and author and date at the right."""
    pearl(draw, MARGIN + 16, y, 16)
    name_font = _font(font_path, 36)
    draw.text((MARGIN + 46, y), text.site_name, BRAND, name_font, anchor="lm")
    if text.byline:
        small = _font(font_path, 28)
        draw.text((SIZE[0] - MARGIN, y), text.byline, MUTED, small, anchor="rm")


def render(text: CardText, font_path: str) -> bytes:
    """The typographic card (no Titelbild) as PNG bytes."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], 12), BRAND)
    # A large pearl, cut by the right edge, fills the space beside the text.
    pearl(draw, SIZE[0] - 40, 250, 190)
    rule = SIZE[1] - MARGIN - 30
    draw.line((MARGIN, rule, SIZE[0] - MARGIN, rule), LINE, width=3)
    _footer(draw, text, font_path, SIZE[1] - MARGIN + 20)
    box = (MARGIN, MARGIN - 10, TEXT_WIDTH, rule - MARGIN - 20)
    _title_block(image, text, font_path, box, MAX_LINES)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def render_photo(text: CardText, font_path: str, photo: bytes, quality: int) -> bytes:
    """The card over a Titelbild (`photo`: the 1200×630 crop) as JPEG bytes:
    the text on a light panel along the bottom."""
    image = Image.open(io.BytesIO(photo)).convert("RGB")
    panel = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    top = SIZE[1] - 320
    ImageDraw.Draw(panel).rectangle((0, top, SIZE[0], SIZE[1]), (*BACKGROUND, 242))
    image.paste(panel, (0, 0), panel)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, top, SIZE[0], top + 10), BRAND)
    box = (MARGIN, top + 36, SIZE[0] - 2 * MARGIN, 190)
    _title_block(image, text, font_path, box, 2)
    _footer(draw, text, font_path, SIZE[1] - 48)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def render_files(text: CardText, font_path: str, path: str) -> dict:
    """`render` as a `store.Job`'s files."""
    return {path: render(text, font_path)}


def font_digest(font_path: str) -> bytes:
    return Path(font_path).read_bytes()
