"""A writer's image file: read its header, check it, never decode it here.

Reading only the header (Pillow opens lazily) keeps a build cheap for posts
whose images are already processed; the checks that need the whole file
(is it corrupt?) happen when it is encoded, or when a check asks for them.
"""

from __future__ import annotations

import posixpath
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from perlen.images.svg import check_svg
from perlen.problems import Problem, ProblemError

# Files published as they are: GIF (animations), SVG (vector graphics).
PASSTHROUGH = frozenset({".gif", ".svg"})
# Files Pillow decodes and the pipeline encodes anew.
RASTER = frozenset({".jpg", ".jpeg", ".png", ".webp", ".avif", ".tif", ".tiff", ".bmp"})
# iPhone photos: not decoded (no pillow-heif); the writer exports a JPEG.
HEIC = frozenset({".heic", ".heif"})


@dataclass(frozen=True)
class SourceImage:
    """What the markup needs to know of an image: its size as shown
    (after EXIF orientation), and whether it has transparency."""

    path: str  # content-relative, with "/"
    width: int | None
    height: int | None
    alpha: bool = False

    @property
    def suffix(self) -> str:
        return posixpath.splitext(self.path)[1].lower()

    @property
    def passthrough(self) -> bool:
        return self.suffix in PASSTHROUGH


def has_alpha(image: Image.Image) -> bool:
    """Whether a browser shows the image with transparency: an alpha channel,
    or a transparent colour (`tRNS`) in a palette, grey or RGB PNG."""
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        "transparency" in image.info
    )


def is_image(path: str) -> bool:
    suffix = posixpath.splitext(path)[1].lower()
    return suffix in RASTER or suffix in PASSTHROUGH or suffix in HEIC


def read_source(root: Path, path: str, max_bytes: int, max_pixels: int) -> SourceImage:
    """The image at `root/path`, checked against the limits; raises `ProblemError`."""
    file = root / path
    suffix = posixpath.splitext(path)[1].lower()
    name = posixpath.basename(path)
    if suffix in HEIC:
        raise ProblemError.at(
            None,
            f"„{name}“ ist ein iPhone-Foto im HEIC-Format, das nicht jeder "
            "Browser zeigen kann.",
            "Bitte das Foto als JPEG exportieren: in der Fotos-App „Exportieren“ "
            "→ „JPEG“, oder am iPhone unter Einstellungen → Kamera → Formate "
            "„Maximale Kompatibilität“ wählen.",
        )
    stat = file.stat()
    if stat.st_size > max_bytes:
        raise ProblemError.at(
            None,
            f"„{name}“ ist {stat.st_size / 1e6:.0f} MB groß; erlaubt sind "
            f"höchstens {max_bytes / 1e6:.0f} MB.",
            "Bitte das Bild kleiner exportieren (z. B. 3000 Pixel breit als JPEG); "
            "die Website rechnet es ohnehin auf höchstens 2000 Pixel herunter.",
        )
    if suffix == ".svg":  # checked for code every time it is read
        return _svg(file, path, name)
    stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    return _raster(file, path, max_pixels, stamp)


# Posts share images (a logo, a team photo), and a build asks for an image
# while reading each post that shows it, when planning its variants and when
# checking it: its header is read once per process and version of the file.
@lru_cache(maxsize=4096)
def _raster(
    file: Path, path: str, max_pixels: int, stamp: tuple[int, ...]
) -> SourceImage:
    """The checked header of `file`; `stamp` (size, times, inode) makes a
    changed file a new entry. A file that fails a check is not kept."""
    name = posixpath.basename(path)
    try:
        # Pillow warns (in English, on stderr) above its own limit; ours follows.
        with warnings.catch_warnings(), _opened(file) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise ProblemError.at(
                    None,
                    f"„{name}“ hat {width * height / 1e6:.0f} Megapixel; erlaubt "
                    f"sind höchstens {max_pixels / 1e6:.0f}.",
                    "Bitte das Bild kleiner exportieren (z. B. 3000 Pixel breit).",
                )
            if _orientation(image) in (5, 6, 7, 8):
                width, height = height, width
            alpha = has_alpha(image)
    except Image.DecompressionBombError as error:
        # Pillow refuses to open it at all: far beyond any limit of ours.
        raise ProblemError.at(
            None,
            f"„{name}“ hat mehr als {2 * Image.MAX_IMAGE_PIXELS / 1e6:.0f} "
            f"Megapixel; erlaubt sind höchstens {max_pixels / 1e6:.0f}.",
            "Bitte das Bild kleiner exportieren (z. B. 3000 Pixel breit).",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        if isinstance(error, ProblemError):
            raise
        raise unreadable(name) from error
    return SourceImage(path, width, height, alpha)


def _opened(file: Path) -> Image.Image:
    """`file` opened lazily, without Pillow's English warning about its size
    (call inside `warnings.catch_warnings()`)."""
    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
    return Image.open(file)


def _orientation(image: Image.Image) -> int | None:
    """The EXIF orientation, read without decoding the picture: Pillow would
    decode a whole PNG to look for EXIF after its pixels."""
    if image.format == "PNG" and "exif" not in image.info:
        return None
    return image.getexif().get(ImageOps.ExifTags.Base.Orientation)


def unreadable(name: str) -> ProblemError:
    return ProblemError.at(
        None,
        f"„{name}“ lässt sich nicht als Bild lesen: Die Datei ist beschädigt "
        "oder kein Bild.",
        "Bitte das Bild neu exportieren (JPEG oder PNG) und die Datei ersetzen.",
    )


def _svg(file: Path, path: str, name: str) -> SourceImage:
    checked = check_svg(file.read_bytes())
    if isinstance(checked, Problem):
        raise ProblemError.at(None, f"„{name}“: {checked.message}", checked.fix)
    width, height = _svg_number(checked.width), _svg_number(checked.height)
    box = (checked.view_box or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        width, height = _svg_number(box[2]), _svg_number(box[3])
    return SourceImage(path, width, height)


def _svg_number(value: str | None) -> int | None:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)(?:px)?\s*", value or "")
    return round(float(match[1])) if match else None
