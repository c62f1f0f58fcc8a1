"""What the site publishes of `content/` beside the posts: never the wrong
file, never code on the site's origin.

Pelican's static generator copies every file under `STATIC_PATHS` and every
file a post links with `{static}`, as it is. Everything there comes from a
writer (soon through a web editor), so before anything is written:

- **Names.** Two files whose names differ only in Unicode normalisation
  (`grüße.jpg` in NFC and in NFD, as macOS writes it) or in case
  (`Logo.jpg`, `logo.jpg`: one file on the case-insensitive hosts and
  laptops the site passes through) are an error naming both; so is a
  writer's file named like one the site generates from an image
  (`krone-jpg-960.avif` beside `krone.jpg`, `vorschau.png` beside a post).
- **Active content.** Scripts, HTML and other files a browser runs
  (`ACTIVE_SUFFIXES`) are refused unless `PERLEN_ACTIVE_FILES` names them.
- **SVG.** Every SVG copied, also one no post shows, is checked like a shown
  one (`images.svg`); shown SVGs are reported with the post's line by
  `site.pictures`.
- **Originals.** A photo copied as it is (no post shows it, only raw HTML or
  a link) must not carry the place it was taken (GPS in EXIF or XMP).
"""

from __future__ import annotations

import fnmatch
import posixpath
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from pelican.contents import Content
from PIL import ExifTags, Image

from perlen.images.markdown import USED
from perlen.images.source import RASTER
from perlen.images.svg import check_svg
from perlen.problems import Problem
from perlen.settings import setting
from perlen.site.cover_image import cover_path, cover_value
from perlen.site.pictures import planned_jobs

# Files a browser runs or renders as a document on the site's origin. `.xml`,
# `.xsl` and `.xslt` too: an XML file can name an XSLT stylesheet that turns
# it into HTML with scripts (the site's own feeds are generated, never copied).
ACTIVE_SUFFIXES = frozenset(
    {
        ".js", ".mjs", ".cjs", ".wasm",
        ".html", ".htm", ".xhtml", ".xht", ".shtml", ".svgz",
        ".xml", ".xsl", ".xslt", ".swf",
    }
)  # fmt: skip


def name_key(path: str) -> str:
    """One key for names that are one file somewhere: NFC, case-folded."""
    return unicodedata.normalize("NFC", path).casefold()


def same_names(paths: Iterable[str]) -> list[tuple[str, ...]]:
    """Groups of two or more distinct paths that share a `name_key`."""
    groups: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        groups[name_key(path)].add(path)
    return sorted(tuple(sorted(group)) for group in groups.values() if len(group) > 1)


def name_clashes(
    placed: Iterable[str], generated: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(placed file, generated file) pairs that would be one published file;
    `generated` maps each generated path to what it is made of."""
    made = {name_key(path): path for path in generated}
    return sorted(
        (path, made[name_key(path)]) for path in placed if name_key(path) in made
    )


def is_active(path: str, allowed: Iterable[str]) -> bool:
    """Whether `path` is active content that no pattern in `allowed` names."""
    if posixpath.splitext(path)[1].lower() not in ACTIVE_SUFFIXES:
        return False
    return not any(fnmatch.fnmatchcase(path, pattern) for pattern in allowed)


def has_location(file: Path) -> bool:
    """Whether a photo says where it was taken (EXIF GPS or XMP)."""
    with Image.open(file) as image:
        xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
        if isinstance(xmp, str):
            xmp = xmp.encode()
        if b"GPSLatitude" in xmp or b"GPSLongitude" in xmp:
            return True
        if image.format == "PNG" and "exif" not in image.info:
            return False
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return any(key != ExifTags.GPS.GPSVersionID for key in gps)


def _shown(contents: list[Content]) -> set[str]:
    shown = set()
    for content in contents:
        shown.update(content.metadata.get(USED, ()))
        cover_file = cover_path(cover_value(content), content.relative_dir)
        if cover_file:
            shown.add(cover_file)
    return shown


def published_file_problems(generators, contents: list[Content]) -> list[Problem]:
    """Every problem of the files `content/` publishes beside the posts."""
    settings = generators[0].settings
    root = Path(settings["PATH"])
    statics = [
        static
        for generator in generators
        for static in getattr(generator, "staticfiles", ())
    ]
    shown = _shown(contents)
    copied = {static.relative_source_path: static for static in statics}
    problems = []

    def problem(path: str, message: str, fix: str) -> None:
        problems.append(Problem(str(root / path), None, message, fix))

    for group in same_names([*copied, *(p for p in shown if (root / p).is_file())]):
        names = " und ".join(f"„{path}“" for path in group)
        problem(
            group[0],
            f"Die Dateien {names} heißen gleich, wenn man Groß- und "
            "Kleinschreibung oder die Schreibweise der Umlaute nicht "
            "unterscheidet; auf vielen Rechnern und Servern sind sie eine Datei.",
            "Bitte eine der Dateien umbenennen oder löschen.",
        )
    generated = {
        path: f"aus dem Bild „{job.source}“" if job.source else "als Vorschaugrafik"
        for job in planned_jobs(generators, contents)
        for path in job.outputs
    }
    # Not `static.save_as`: reading it would stop `{attach}` moving it.
    placed = [static.get_url_setting("save_as") for static in statics]
    for path, clash in name_clashes(placed, generated):
        made_of = generated[clash]
        problem(
            path,
            f"„{path}“ heißt wie die Datei „{clash}“, die die Website {made_of} "
            "erzeugt; eine der beiden würde als die andere veröffentlicht.",
            "Bitte diese Datei umbenennen.",
        )
    allowed = setting(settings, "PERLEN_ACTIVE_FILES")
    for path in sorted(copied):
        suffix = posixpath.splitext(path)[1].lower()
        if is_active(path, allowed):
            problem(
                path,
                f"„{path}“ ist eine Datei, die der Browser ausführt oder als "
                "Seite öffnet (Skript, HTML, SVGZ, WebAssembly, XML); die "
                "Website veröffentlicht solche Dateien aus „content/“ nicht.",
                "Bitte die Datei löschen; Grafiken als SVG oder PNG ablegen. "
                "Ist sie wirklich gewollt, trägt die Technik sie in "
                "„PERLEN_ACTIVE_FILES“ in pelicanconf.py ein.",
            )
        elif suffix == ".svg" and path not in shown:
            checked = check_svg((root / path).read_bytes())
            if isinstance(checked, Problem):
                problem(path, f"„{path}“: {checked.message}", checked.fix)
        elif suffix in RASTER and path not in shown:
            try:
                located = has_location(root / path)
            except (OSError, SyntaxError, ValueError):
                continue  # not a photo a browser shows; nothing to leak
            if located:
                problem(
                    path,
                    f"„{path}“ wird unverändert veröffentlicht und verrät, "
                    "wo das Foto aufgenommen wurde (GPS-Daten).",
                    "Bitte das Bild in einem Beitrag zeigen (dann veröffentlicht "
                    "die Website es ohne Metadaten) oder ohne Ortsangaben "
                    "exportieren.",
                )
    return problems
