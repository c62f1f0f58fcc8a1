"""The image benchmark: what processing photos costs, cold and warm.

`make bench` runs it after the build benchmark (`python -m benchmarks.images`).
It writes a corpus of posts (`corpus.generate`) with two phone-sized photos
each (3000–4000 px wide, with noise so that encoders work as on a photo, and
GPS tags), then builds the site twice, each in a process of its own into a
fresh output folder: cold (empty caches: every image is encoded) and warm
(the caches of the first build, as a rebuild or the preview finds them).
Target: warm ≤ 0.3× cold.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from perlen.commands.german_argparse import GermanArgumentParser
from PIL import ExifTags, Image

from benchmarks import corpus
from benchmarks.run import Round, measure

PHOTOS_PER_POST = 2
TARGET = 0.3


def photo(path: Path, rng: random.Random) -> None:
    """A landscape phone photo: noise over a gradient, EXIF with GPS."""
    width = rng.randrange(3000, 4001, 8)
    size = (width, width * 3 // 4)
    base = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, rng.randrange(20, 60))
    image = Image.merge("RGB", (base, noise, Image.blend(base, noise, 0.5)))
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "iPhone 13 mini"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (52.0, 31.0, 12.0),
    }
    image.save(path, "JPEG", quality=88, exif=exif)


def write_corpus(posts: int, content: Path, seed: int = 15) -> int:
    """Posts with photos below `content/`; returns the number of photos."""
    rng = random.Random(seed)
    paths = corpus.write(corpus.generate(posts), content, german=True)
    for path in paths:
        images = []
        for number in range(1, PHOTOS_PER_POST + 1):
            name = f"{path.stem}-{number}.jpg"
            photo(path.parent / name, rng)
            images.append(f"\n![Foto {number} zu diesem Beitrag]({name})\n")
        with path.open("a", encoding="utf-8") as post:
            post.write("".join(images))
    return len(paths) * PHOTOS_PER_POST


def benchmark(posts: int, workdir: Path) -> tuple[int, float, float]:
    """Photos, and seconds of the cold and the warm build."""
    content = workdir / "inhalt"
    photos = write_corpus(posts, content)
    job = Round(workdir / "bau", {})
    job.scratch.mkdir()
    cold = measure("site", content, job.scratch / "kalt", job)
    warm = measure("site", content, job.scratch / "warm", job)
    return photos, cold.seconds, warm.seconds


def main(argv: Sequence[str] | None = None) -> int:
    options = GermanArgumentParser(
        prog="python -m benchmarks.images",
        description="Misst, was die Bildverarbeitung kostet: kalt und warm.",
    )
    options.add_argument(
        "--beitraege",
        type=int,
        default=100,
        metavar="N",
        help="Beiträge mit je zwei Fotos (Standard: 100)",
    )
    args: argparse.Namespace = options.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="perlen-bilder-"))
    try:
        photos, cold, warm = benchmark(args.beitraege, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    ratio = warm / cold
    print(f"{args.beitraege} Beiträge mit {photos} Fotos (3000–4000 Pixel breit)\n")
    print("| Bau | Zeit (s) | × |\n| --- | --: | --: |")
    print(f"| kalt: jedes Bild wird berechnet | {cold:.2f} | 1.00 |")
    print(f"| warm: Bilder aus dem Zwischenspeicher | {warm:.2f} | {ratio:.2f} |\n")
    verdict = "erfüllt" if ratio <= TARGET else "VERFEHLT"
    print(f"Ziel warm ≤ {TARGET}× kalt: {verdict} ({ratio:.2f}×)")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
