"""Fault fixtures: files a writer (or a hostile web editor) can put into
content/, each with a piece of the German message that must name it; and the
one way to run a `perlen` command on them that never lets a traceback pass.

`test_writers_contract.CASES` holds the faults of the writer's contract; the
faults here are those of the writer's messages (issue #21): the checks only
publishing ran, and the inputs that used to end in a traceback.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from conftest import Project

HEADER = "Titel: {title}\nDatum: Dienstag, 28. September 2021\n"


def post(title: str, body: str = "Der Text.", **extra: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in extra.items())
    return f"{HEADER.format(title=title)}{lines}\n{body}\n"


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` × `height` pixels in a few bytes: a
    decompression bomb as a hostile upload makes one."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def truncated(kind: str) -> bytes:
    """The first half of a real picture, as an interrupted upload leaves it."""
    from io import BytesIO

    from PIL import Image

    data = BytesIO()
    picture = Image.effect_noise((1300, 700), 60).convert("RGB")
    picture.save(data, kind)
    return data.getvalue()[: len(data.getvalue()) // 2]


def docx() -> bytes:
    """A Word document (a zip file) as Word saves it under a wrong name."""
    import zipfile
    from io import BytesIO

    data = BytesIO()
    with zipfile.ZipFile(data, "w") as document:
        document.writestr("[Content_Types].xml", "<Types/>")
        document.writestr("word/document.xml", "<w:document>Titel: A</w:document>")
    return data.getvalue()


RTF = (
    "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n"
    "{\\fonttbl\\f0\\fswiss Helvetica;}\n"
    "\\f0\\fs24 Titel: Sommerfest\\\nDatum: 28.09.2021\\\n\\\nText.}\n"
)
LONG = "Lang" * 75  # 300 characters: longer than any file name may be


@dataclass(frozen=True)
class Fault:
    """Files under content/ and a text every run must print about them;
    some only a check of the built site finds (as publishing runs it)."""

    files: dict[str, str | bytes]
    text: str
    built_site_only: bool = False


FAULTS: dict[str, Fault] = {
    # Checks of the built site, which only publishing used to run.
    "raw-script": Fault(
        {"posts/skript.md": post("Skript", "Text.\n\n<script>alert(1)</script>")},
        "Ein Inline-Skript",
        built_site_only=True,
    ),
    "event-handler": Fault(
        {"posts/klick.md": post("Klick", 'Ein <span onclick="x()">Klick</span>.')},
        "„onclick“",
        built_site_only=True,
    ),
    "style-block": Fault(
        {"posts/stil.md": post("Stil", "<style>p { color: red }</style>\n\nText.")},
        "<style>-Block",
        built_site_only=True,
    ),
    "foreign-frame": Fault(
        {
            "posts/rahmen.md": post(
                "Rahmen", '<iframe src="https://x.example/"></iframe>'
            )
        },
        "fremden Server",
        built_site_only=True,
    ),
    # Inputs that used to end in a traceback.
    "long-tag": Fault(
        {"posts/schlagwort.md": post("Schlagwort", Schlagwörter=f"Kurz, {LONG}")},
        "content/posts/schlagwort.md, Zeile 3: Die Adresse „/schlagwort/lang",
    ),
    "long-category": Fault(
        {"posts/kategorie.md": post("Kategorie", Kategorie=LONG)},
        "content/posts/kategorie.md, Zeile 3: Die Adresse „/kategorie/lang",
    ),
    "long-author": Fault(
        {"posts/autorin.md": post("Autorin", Autorin=LONG)},
        "content/posts/autorin.md, Zeile 3: Die Adresse „/autorin/lang",
    ),
    "long-title": Fault(
        {"posts/titel.md": post(LONG)},
        "content/posts/titel.md, Zeile 1: Die Adresse „/2021/lang",
    ),
    "long-slug": Fault(
        {"posts/slug.md": post("Kurz", Slug=LONG.lower())},
        "content/posts/slug.md, Zeile 3: Die Adresse „/2021/lang",
    ),
    "long-old-address": Fault(
        {"posts/alt.md": post("Alt", **{"Alte Adressen": f"/2019/{LONG}/"})},
        "content/posts/alt.md, Zeile 3: Die Adresse „/2019/Lang",
    ),
    "nul-in-old-address": Fault(
        {"posts/null.md": post("Null", **{"Alte Adressen": "/2019/a%00b/ /2018/c/"})},
        # site.old_addresses: an encoded control character cannot be redirected.
        "content/posts/null.md, Zeile 3: „/2019/a%00b/“ enthält kodierte Zeichen "
        "(„%00“)",
    ),
    "escape-in-old-address": Fault(
        {"posts/esc.md": post("Esc", **{"Alte Adressen": "/2019/a%1bb/"})},
        "content/posts/esc.md, Zeile 3: „/2019/a%1bb/“ enthält kodierte Zeichen "
        "(„%1b“)",
    ),
    "bomb-as-titelbild": Fault(
        {
            "posts/bombe.md": post(
                "Bombe", Titelbild="bombe.png", **{"Titelbild-Text": "Bombe"}
            ),
            "posts/bombe.png": png_header(40_000, 40_000),
        },
        "content/posts/bombe.md, Zeile 3: „bombe.png“ hat mehr als 179 Megapixel",
    ),
    "bomb-inline": Fault(
        {
            "posts/inline.md": post("Inline", "Text.\n\n![Eine Bombe](bombe.png)"),
            "posts/bombe.png": png_header(40_000, 40_000),
        },
        "content/posts/inline.md, Zeile 6: „bombe.png“ hat mehr als 179 Megapixel",
    ),
    "huge-inline": Fault(
        {
            "posts/gross.md": post("Groß", "Text.\n\n![Riesig](gross.png)"),
            "posts/gross.png": png_header(10_000, 10_000),
        },
        "content/posts/gross.md, Zeile 6: „gross.png“ hat 100 Megapixel",
    ),
    "truncated-jpeg-inline": Fault(
        {
            "posts/halb.md": post("Halb", "Text.\n\n![Abgeschnitten](halb.jpg)"),
            "posts/halb.jpg": truncated("JPEG"),
        },
        "content/posts/halb.md, Zeile 6: „halb.jpg“ lässt sich nicht als Bild lesen",
    ),
    "truncated-png-titelbild": Fault(
        {
            "posts/titel.md": post(
                "Halb", Titelbild="bilder/halb.png", **{"Titelbild-Text": "Halb"}
            ),
            "posts/bilder/halb.png": truncated("PNG"),
        },
        "content/posts/titel.md, Zeile 3: „halb.png“ lässt sich nicht als Bild lesen",
    ),
    # Saved in another format under the name `….md`.
    "rtf-from-textedit": Fault(
        {"posts/textedit.md": RTF},
        "content/posts/textedit.md, Zeile 1: Die Datei ist als formatierter Text "
        "(RTF) gespeichert",
    ),
    "docx-renamed": Fault(
        {"posts/word.md": docx()},
        "content/posts/word.md, Zeile 1: Die Datei ist ein Word-Dokument (.docx)",
    ),
    "doc-renamed": Fault(
        {"posts/alt.md": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)},
        "content/posts/alt.md, Zeile 1: Die Datei ist ein Word-Dokument im alten",
    ),
    "html-saved-as-md": Fault(
        {
            "posts/seite.md": "\ufeff<!DOCTYPE html>\n<html><head><title>Titel: A"
            "</title></head><body><p>Text.</p></body></html>\n"
        },
        "content/posts/seite.md, Zeile 1: Die Datei ist eine gespeicherte Webseite",
    ),
    # `Url:` naming another website: at the post's line, not via the sitemap.
    "url-other-host": Fault(
        {"posts/url.md": post("Url", Url="https://example.com/x/")},
        "content/posts/url.md, Zeile 3: „Url: https://example.com/x/“ zeigt auf "
        "„example.com“",
    ),
    "url-scheme-relative": Fault(
        {"posts/url.md": post("Url", Url="//cdn.example.net/a/")},
        "content/posts/url.md, Zeile 3: „Url: //cdn.example.net/a/“ zeigt auf",
    ),
    "url-in-yaml": Fault(
        {
            "posts/url.md": "---\ntitle: Url\ndate: 2021-03-09\n"
            "url: http://alte-seite.example/2019/url/\n---\nText.\n"
        },
        "content/posts/url.md, Zeile 4: „Url: http://alte-seite.example/2019/url/“",
    ),
}


def run_clean(project: Project, *args: str) -> tuple[int, str]:
    """`perlen ARGS`: exit code and everything it printed, which never holds
    a traceback (nor Pelican's English "Done:")."""
    code, out, err = project.run(*args)
    shown = out + err
    assert "Traceback" not in shown, shown
    assert "Done:" not in shown, shown
    return code, shown


def write_fault(project: Project, fault: Fault) -> None:
    for path, text in fault.files.items():
        project.write(path, text)
