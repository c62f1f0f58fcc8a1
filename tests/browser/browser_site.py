"""Helpers for the browser tests: the built site, a local server, a reader.

The agency's content (plus a few posts for related posts and pagination) is
built with publishconf.py and served on 127.0.0.1 with the headers the
build writes into `_headers` (the strict Content-Security-Policy among them)
and the site's 404 page, as the web host does.
Playwright drives Debian's chromium; it never downloads a browser.

(A helper module, not a conftest.py: a second `conftest` module would shadow
`tests/conftest.py`, which tests import by name.)
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import threading
import zlib
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, Site, fill_in_legal_data
from PIL import ExifTags, Image, ImageFilter

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules/axe-core/axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}

EXTRA_POSTS = {
    "posts/2020/tauchen.md": """Titel: Tauchen nach Perlen
Datum: Montag, 2. März 2020
Kategorie: Handwerk
Schlagwörter: Kunden, Gestaltung
Zusammenfassung: Warum gute Ideen Zeit brauchen.

Gute Ideen liegen selten an der Oberfläche.

> Wer Perlen sucht, muss tauchen.

## Zeit für die Tiefe

Deshalb nehmen wir uns Zeit – für euch und für eure Marke.

| Projekt | Dauer | Tauchgänge | Perlen | Kundin | Ergebnis |
|---------|------:|-----------:|-------:|--------|----------|
| Logo    | 6 Wochen | 14 | 3 | Bäckerei Sonnenschein | eine Marke, die man riecht |
| Website | 3 Monate | 27 | 9 | Tischlerei Holzwurm | ein Auftritt wie gedrechselt |

```python
def perle(tiefe: int) -> str:
    return "gefunden" if tiefe > 10 else "weiter tauchen"  # Geduld
```
""",
    "posts/2021/perlen-zaehlen.md": """Titel: Perlen zählen
Datum: Dienstag, 12. Oktober 2021
Kategorie: Haltung
Schlagwörter: Kunden, Agenturalltag
Zusammenfassung: Was im Agenturalltag wirklich zählt.
Titelbild: /posts/2019/strand.jpg
Titelbild-Text: Eine Perlenkette im Sand

Nicht jede Stunde lässt sich abrechnen, aber jede zählt.
""",
    # Pagefind's German stemming: a search for „Häuser“ finds „Häusern“ (an
    # older post, so that the newest two on the home page stay as they were).
    "posts/2020/haeuser.md": """Titel: Von Häusern und Gärten
Datum: Mittwoch, 29. Januar 2020
Kategorie: Gestaltung
Zusammenfassung: Neue Fassaden für alte Gebäude.

Wir geben alten Häusern neue Fassaden und pflanzen Gärten auf Dächer.
""",
}


# A post that lives on a 12-megapixel phone photo (page weight, Lighthouse).
PHOTO_POST = "2019/perlen-am-strand/"
PHOTO_POST_TEXT = """Titel: Perlen am Strand
Datum: Freitag, 1. März 2019
Kategorie: Handwerk
Schlagwörter: Gestaltung
Zusammenfassung: Ein Tag am Meer, ein Foto und viele Ideen.
Bildnachweis: perlenmädchen

Manchmal braucht eine Idee den Blick aufs Wasser.

![Eine Perlenkette im Sand, dahinter das Meer](strand.jpg "Der Strand am Morgen.")

Danach ging es zurück ins Büro – mit vielen Skizzen.
"""


def phone_photo(path: Path) -> None:
    """A 4032×3024 photo (12 megapixels) with a little texture, GPS and camera."""
    size = (4032, 3024)
    base = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 40).filter(ImageFilter.GaussianBlur(2))
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "iPhone 13 mini"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    image = Image.merge("RGB", (base, Image.blend(base, noise, 0.5), noise))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=90, exif=exif)


def require(available: bool, reason: str) -> None:
    """Skip when something the browser tests need is missing – or fail in CI.

    `PERLEN_REQUIRE_BROWSER=1` (set by `.ci/run`) turns the skip into a failure,
    so CI can never pass without having run them.
    """
    if available:
        return
    if os.environ.get("PERLEN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} – PERLEN_REQUIRE_BROWSER=1 verlangt die Browser-Tests.")
    pytest.skip(reason)


def header_rules(text: str) -> list[tuple[re.Pattern[str], dict[str, str | None]]]:
    """The rules of a `_headers` file: path pattern (`*` matches anything) → headers."""
    rules: list[tuple[re.Pattern[str], dict[str, str | None]]] = []
    for line in text.splitlines():
        if line.startswith("/"):
            pattern = ".*".join(re.escape(part) for part in line.strip().split("*"))
            rules.append((re.compile(pattern + "$"), {}))
        elif line.strip().startswith("!"):
            # Cloudflare Pages' detach: a more general rule's header is not sent.
            rules[-1][1][line.strip()[1:].strip()] = None
        elif line.strip():
            name, value = line.strip().split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
    return rules


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site like the web host: its headers, its 404 page."""

    def end_headers(self) -> None:
        path = urlsplit(self.path).path
        sent: dict[str, str | None] = {}
        for pattern, headers in self.server.header_rules:
            if pattern.match(path):
                sent.update(headers)
        for name, value in sent.items():
            if value is not None:
                self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None) -> None:
        if code != HTTPStatus.NOT_FOUND:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args) -> None:
        pass


def build_and_serve(
    root: Path, extra_posts: dict[str, str] = EXTRA_POSTS
) -> tuple[ThreadingHTTPServer, str]:
    """Build the agency site under `root` and serve it; returns server and URL.

    The port is taken before the build, because the published build bakes
    the absolute SITEURL into canonical links, feeds and share links.
    """
    shutil.copytree(ROOT / "content", root / "content")
    fill_in_legal_data(root / "content")
    site = Site(root)
    for relative, text in extra_posts.items():
        site.write(relative, text)
    site.write("posts/2019/perlen-am-strand.md", PHOTO_POST_TEXT)
    phone_photo(site.content / "posts/2019/strand.jpg")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_SiteHandler, directory=str(site.output))
    )
    url = f"http://127.0.0.1:{server.server_port}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", url)
        site.build("publishconf.py", DEFAULT_PAGINATION=2)
    server.header_rules = header_rules(
        (site.output / "_headers").read_text(encoding="utf-8")
    )
    assert any("Content-Security-Policy" in h for _, h in server.header_rules)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, url


_PUBLISHED: dict[str, str] = {}


def published_site(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of the agency's site, built with publishconf.py (strict and
    verified, HTML check included) once per test process and shared by the
    browser modules; its server runs until the process ends. Under
    `make test` each worker that runs browser tests builds it once."""
    if "url" not in _PUBLISHED:
        _, _PUBLISHED["url"] = build_and_serve(tmp_path_factory.mktemp("browser-site"))
    return _PUBLISHED["url"]


@dataclass
class Reader:
    """A browser tab plus everything it requested and complained about."""

    page: Any
    site_url: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    csp_errors: list[str] = field(default_factory=list)

    def open(self, path: str):
        return self.page.goto(f"{self.site_url}/{path}")

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def new_reader(
    browser, site_url: str, viewport=DESKTOP, missing: str | None = None, **options
) -> tuple[Any, Reader]:
    """A fresh browser context (viewport, colour scheme, …) and its Reader.

    Every request is recorded; one that would leave localhost is aborted.
    Local URLs containing `missing` get a 404, as if those files did not exist.
    """
    context = browser.new_context(viewport=viewport, locale="de-DE", **options)
    context.set_default_timeout(10_000)
    reader = Reader(context.new_page(), site_url)

    def route(route):
        url = route.request.url
        reader.requests.append(url)
        if missing and missing in url:
            route.fulfill(status=404)
        elif url.startswith((site_url + "/", "data:", "about:")):
            route.continue_()
        else:
            reader.foreign.append(url)
            route.abort()

    def console(message):
        # Chromium writes "Content Security Policy" and "Content Security policy".
        if "content security policy" in message.text.lower():
            reader.csp_errors.append(message.text)

    context.route("**/*", route)
    reader.page.on("console", console)
    return context, reader


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright (which never downloads one)."""
    require(CHROMIUM.is_file(), f"{CHROMIUM} fehlt (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def png_pixels(png: bytes) -> list[tuple[int, int, int]]:
    """The RGB pixels of a screenshot (8-bit RGB or RGBA PNG, not interlaced).

    Enough PNG to check colours as they were painted, without an imaging library.
    """
    width, height, depth, colour_type, _, _, interlace = struct.unpack(
        ">IIBBBBB", png[16:29]
    )
    assert depth == 8 and colour_type in (2, 6) and not interlace, "unerwartetes PNG"
    channels = 3 if colour_type == 2 else 4
    data, position = b"", 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        if png[position + 4 : position + 8] == b"IDAT":
            data += png[position + 8 : position + 8 + length]
        position += 12 + length
    raw = zlib.decompress(data)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - up_left
                nearest = min(
                    (abs(guess - left), 0, left),
                    (abs(guess - up), 1, up),
                    (abs(guess - up_left), 2, up_left),
                )
                line[i] = (line[i] + nearest[2]) & 0xFF
        pixels += [tuple(line[i : i + 3]) for i in range(0, stride, channels)]
        previous = line
    return pixels
