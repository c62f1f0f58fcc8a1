"""Every image mode Pillow opens is published as a browser shows it.

Each case writes a real file in one mode and compares every pixel of what the
pipeline loads (`encode.load`, which every variant is made from) with a
reference conversion computed here from the written values, in plain Python.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from perlen.images.encode import load
from PIL import Image

SIZE = (7, 5)


def _values(count: int, top: int) -> list[int]:
    """`count` values spread over 0…top, both ends included."""
    return [round(index * top / (count - 1)) for index in range(count)]


def _pixels(image: Image.Image) -> list:
    return list(image.get_flattened_data())


def _grey(values) -> list[tuple[int, int, int]]:
    return [(v, v, v) for v in values]


def _png_rgb48(path: Path, pixels: list[tuple[int, int, int]]) -> None:
    """A 48-bit RGB PNG (Pillow cannot write one), row by row."""
    width, height = SIZE
    rows = b"".join(
        b"\0" + b"".join(struct.pack(">3H", *p) for p in pixels[y * width :][:width])
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">2I5B", width, height, 16, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _case_16bit_grey(path: Path, mode: str, format: str):
    values = _values(35, 65535)
    image = Image.new(mode, SIZE)
    image.putdata(values)
    image.save(path, format)
    return _grey(round(v / 257) for v in values), 0


def _case_i(path: Path):
    values = _values(35, 65535)
    image = Image.new("I", SIZE)
    image.putdata(values)
    image.save(path, "TIFF")
    return _grey(round(v / 257) for v in values), 0


def _case_float(path: Path):
    values = [-20.0, *(v + 0.25 for v in _values(33, 255)), 400.0]
    image = Image.new("F", SIZE)
    image.putdata(values)
    image.save(path, "TIFF")
    return _grey(int(min(255.0, max(0.0, v)) + 0.5) for v in values), 0


def _case_bilevel(path: Path):
    values = [index % 3 == 0 for index in range(35)]
    image = Image.new("1", SIZE)
    image.putdata([255 if v else 0 for v in values])
    image.save(path, "PNG")
    return _grey(255 if v else 0 for v in values), 0


def _case_l(path: Path):
    values = _values(35, 255)
    image = Image.new("L", SIZE)
    image.putdata(values)
    image.save(path, "PNG")
    return _grey(values), 0


def _case_la(path: Path):
    values = _values(35, 255)
    image = Image.new("LA", SIZE)
    image.putdata([(v, 255 - v) for v in values])
    image.save(path, "PNG")
    return [(v, v, v, 255 - v) for v in values], 0


def _case_palette(path: Path):
    palette = [(10 * i, 255 - 20 * i, 7 * i) for i in range(8)]
    indices = [index % 8 for index in range(35)]
    image = Image.new("P", SIZE)
    image.putpalette([c for colour in palette for c in colour])
    image.putdata(indices)
    image.save(path, "PNG", transparency=3)
    return [(*palette[i], 0 if i == 3 else 255) for i in indices], 0


def _case_rgb(path: Path):
    pixels = [(v, 255 - v, (v * 7) % 256) for v in _values(35, 255)]
    image = Image.new("RGB", SIZE)
    image.putdata(pixels)
    image.save(path, "PNG")
    return pixels, 0


def _case_rgba(path: Path):
    pixels = [(v, 255 - v, (v * 7) % 256, (v * 3) % 256) for v in _values(35, 255)]
    image = Image.new("RGBA", SIZE)
    image.putdata(pixels)
    image.save(path, "PNG")
    return pixels, 0


def _case_cmyk(path: Path):
    pixels = [(v, (v * 3) % 256, 255 - v, (v * 5) % 128) for v in _values(35, 255)]
    image = Image.new("CMYK", SIZE)
    image.putdata(pixels)
    image.save(path, "TIFF")  # lossless: the reference sees the written values
    expected = [
        tuple(round((255 - ink) * (255 - k) / 255) for ink in (c, m, y))
        for c, m, y, k in pixels
    ]
    return expected, 1  # Pillow's fixed-point arithmetic rounds either way


def _case_rgb48(path: Path):
    pixels = [(v, 65535 - v, (v * 7) % 65536) for v in _values(35, 65535)]
    _png_rgb48(path, pixels)
    # Pillow keeps the high byte; exactly scaled it is value/257: at most 1 apart.
    return [tuple(round(c / 257) for c in p) for p in pixels], 1


CASES = {
    "I;16 PNG (16-bit grey)": lambda p: _case_16bit_grey(p, "I;16", "PNG"),
    "I;16B TIFF": lambda p: _case_16bit_grey(p, "I;16B", "TIFF"),
    "I;16 TIFF": lambda p: _case_16bit_grey(p, "I;16", "TIFF"),
    "I (32-bit) TIFF": _case_i,
    "F (float) TIFF": _case_float,
    "1 (bilevel)": _case_bilevel,
    "L": _case_l,
    "LA": _case_la,
    "P with transparency": _case_palette,
    "RGB": _case_rgb,
    "RGBA": _case_rgba,
    "CMYK": _case_cmyk,
    "48-bit RGB PNG": _case_rgb48,
}


@pytest.mark.parametrize("case", CASES)
def test_every_mode_is_converted_pixel_by_pixel_as_a_browser_shows_it(tmp_path, case):
    path = tmp_path / ("bild.tif" if "TIFF" in case or case == "CMYK" else "bild.png")
    expected, tolerance = CASES[case](path)
    with Image.open(path) as opened:
        written_mode = opened.mode
    loaded = load(path)
    assert loaded.mode == ("RGBA" if len(expected[0]) == 4 else "RGB"), written_mode
    for index, (got, want) in enumerate(zip(_pixels(loaded), expected, strict=True)):
        assert all(abs(g - w) <= tolerance for g, w in zip(got, want, strict=True)), (
            f"{case} ({written_mode}), pixel {index}: {got} != {want}"
        )


def test_sixteen_bit_grey_with_a_transparent_value_keeps_it_transparent(tmp_path):
    image = Image.new("I;16", SIZE)
    image.putdata(_values(35, 65535))
    image.save(tmp_path / "bild.png", "PNG", transparency=65535)
    loaded = load(tmp_path / "bild.png")
    alphas = [pixel[3] for pixel in _pixels(loaded)]
    assert alphas == [255] * 34 + [0]


def test_a_sixteen_bit_grey_photo_is_published_grey_not_white(site, make_post):
    image = Image.new("I;16", (600, 400))
    image.putdata([32896] * (600 * 400))  # 50 % grey: 128 in 8 bits
    image.save(site.content / "posts/grau.png", "PNG")
    site.write("posts/x.md", make_post("![Graue Fläche](grau.png)"))
    output = site.build()
    with Image.open(output / "posts/grau-png-480.jpg") as published:
        assert published.mode == "RGB"
        assert all(abs(v - 128) <= 2 for v in published.getpixel((240, 160)))
