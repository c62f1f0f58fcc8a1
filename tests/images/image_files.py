"""Real image files for the tests, made with Pillow: a phone photo with EXIF
orientation, camera and GPS tags, a PNG with transparency, a CMYK JPEG, a
tiny image and a corrupt file."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (52.0, 31.0, 12.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (13.0, 24.0, 36.0),
}


def _picture(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Gradients and shapes, so that encoders have something to encode."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert(mode)
    draw = ImageDraw.Draw(image)
    for index in range(12):
        x = index * width // 12
        colour = (200 - index * 12, 40 + index * 15, 120, 255)[: len(mode)]
        draw.ellipse(
            (x, height // 3, x + width // 10, height // 3 + width // 10), colour
        )
    return image


def phone_photo(path: Path, size: tuple[int, int] = (3000, 2000)) -> Path:
    """A landscape-stored JPEG that EXIF orientation 6 turns upright (portrait),
    with camera make, model and GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Apple"
    exif[ExifTags.Base.Model] = "iPhone 13 mini"
    exif[ExifTags.IFD.GPSInfo] = GPS
    path.parent.mkdir(parents=True, exist_ok=True)
    _picture(size).save(path, "JPEG", quality=90, exif=exif)
    return path


def transparent_png(path: Path, size: tuple[int, int] = (800, 600)) -> Path:
    image = _picture(size, "RGBA")
    image.putalpha(Image.linear_gradient("L").resize(size))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG")
    return path


def cmyk_jpeg(path: Path, size: tuple[int, int] = (1600, 900)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    _picture(size).convert("CMYK").save(path, "JPEG", quality=90)
    return path


def tiny_image(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    _picture((40, 30)).save(path, "PNG")
    return path


def corrupt_file(path: Path) -> Path:
    """A JPEG whose header is fine and whose picture data is cut off."""
    buffer = io.BytesIO()
    _picture((1200, 800)).save(buffer, "JPEG")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue()[:600])
    return path
