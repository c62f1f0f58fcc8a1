"""Encode one image into its published variants: private and small.

Every variant is oriented by the photo's EXIF orientation, converted to sRGB
(from an embedded profile, or from CMYK), carries no metadata at all (no EXIF,
GPS, XMP, IPTC, no colour profile: untagged images are sRGB to a browser),
and is resized with Lanczos, never upscaled. The output depends only on the
pixels and the settings, so two builds write the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from PIL import Image, ImageCms, ImageMath, ImageOps

from perlen.images.source import has_alpha
from perlen.images.variants import Plan, Variant

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# AVIF encoder effort (0 slowest, best – 10 fastest); one thread per image,
# since the images themselves are encoded in parallel.
AVIF_SPEED = 8


def load(file: Path, size: tuple[int, int] | None = None) -> Image.Image:
    """The image upright, in sRGB (RGB, or RGBA with transparency), decoded;
    a JPEG at the smallest scale (1/2, 1/4, 1/8) still at least `size`,
    which makes decoding a phone photo several times faster."""
    with Image.open(file) as opened:
        if size and opened.format == "JPEG":
            orientation = opened.getexif().get(ImageOps.ExifTags.Base.Orientation)
            opened.draft(
                opened.mode, size[::-1] if orientation in (5, 6, 7, 8) else size
            )
        image = ImageOps.exif_transpose(opened)
        image.load()
    alpha = has_alpha(image)
    mode = "RGBA" if alpha else "RGB"
    image = _eight_bit(image)
    if image.mode in ("P", "PA", "LA", "L", "1"):
        image = image.convert("RGBA" if alpha else "RGB")
    profile = image.info.get("icc_profile")
    if profile:
        try:
            return ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                _SRGB,
                outputMode=mode,
            )
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: treat the pixels as sRGB
    return image.convert(mode)


def _eight_bit(image: Image.Image) -> Image.Image:
    """Grey in more than 8 bits, scaled to 8 as a browser shows it.

    Pillow's own conversion clips: a 16-bit grey PNG (`I;16`, `I;16B`, …, or
    `I` where Pillow widens it) would come out white. Integer grey is taken
    at 16 bits (what PNG and TIFF store in these modes), value/257 rounded;
    floating-point grey (`F`) on Pillow's scale 0–255, clipped. A 16-bit
    grey PNG's transparent value (`tRNS`) becomes its alpha channel.
    """
    if image.mode == "F":
        return image.point(lambda value: value + 0.5).convert("L")
    if not image.mode.startswith("I"):
        return image
    wide = image.convert("I") if image.mode != "I" else image
    grey = wide.point(lambda value: value / 257 + 0.5).convert("L")
    transparent = image.info.get("transparency")
    if isinstance(transparent, int):
        opaque = ImageMath.lambda_eval(
            lambda a: (a["im"] != transparent) * 255, im=wide
        )
        grey.putalpha(opaque.convert("L"))
    return grey


def encode(image: Image.Image, variant: Variant, quality: Mapping[str, int]) -> bytes:
    """One variant of a loaded image, without any metadata."""
    if (variant.width, variant.height) == image.size:
        resized = image.copy()
    else:
        resized = image.resize(
            (variant.width, variant.height),
            Image.Resampling.LANCZOS,
            reducing_gap=3.0,
        )
    resized.info = {}  # nothing of the original's metadata goes along
    buffer = io.BytesIO()
    if variant.format == "avif":
        resized.save(
            buffer,
            "AVIF",
            quality=quality["avif"],
            speed=AVIF_SPEED,
            max_threads=1,
        )
    elif variant.format == "webp":
        resized.save(buffer, "WEBP", quality=quality["webp"], method=4)
    elif variant.format == "jpeg":
        resized.save(
            buffer, "JPEG", quality=quality["jpeg"], optimize=True, progressive=True
        )
    else:
        resized.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def encode_all(file: Path, plan: Plan, quality: Mapping[str, int]) -> dict[str, bytes]:
    """Every variant of `plan`, by output path."""
    largest = max(plan.variants, key=lambda v: v.width)
    image = load(file, (largest.width, largest.height))
    return {v.path: encode(image, v, quality) for v in plan.variants}


def crop(file: Path, size: tuple[int, int], quality: int) -> bytes:
    """A JPEG of exactly `size` cut from the middle of the image: the
    Titelbild's social preview (`og:image`, 1200×630)."""
    image = load(file)
    if image.mode == "RGBA":
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    fitted = ImageOps.fit(image, size, Image.Resampling.LANCZOS)
    fitted.info = {}
    buffer = io.BytesIO()
    fitted.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()
