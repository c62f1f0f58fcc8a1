"""The preview's web server on 127.0.0.1.

It serves the current build's folder (`Live.root`, switched in one step after
each build, so a request never sees half a site) and adds to every HTML page
what only the preview has: a stylesheet and an external script for live
reload (`assets/`), and, after a failed rebuild, a German banner with the
problems over the last good version. Nothing is added to the built files, so
the published site and its Content-Security-Policy stay as they are; the
page's own policy allows the additions (`'self'`).

`/_vorschau/ereignisse` streams the news as server-sent events,
`/_vorschau/zustand` tells tests and the benchmark what the preview is doing.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from perlen.commands.preview.live import Live, View
from perlen.commands.problem_list import is_site_wide, own_first, summaries
from perlen.problems import Problem, Severity
from perlen.settings import DEFAULTS

HOST = "127.0.0.1"
# The names a browser on this computer reaches the preview by. Any other
# `Host` (a web page's own name that resolves to 127.0.0.1: DNS rebinding)
# is refused, so no website can read the preview through the browser.
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]", HOST})
# A connection that sends nothing for this many seconds is closed, so idle
# or half-open connections do not hold a thread each for ever.
IDLE_TIMEOUT = 30.0
# Connections the system queues before the server accepts them: a page with
# many images (and the audit's 1,000 at once) is never turned away.
BACKLOG = 1024
PREFIX = "/_vorschau/"
# The web editor (`make redaktion`) is served as built: a live reload would
# throw away what a writer is typing.
EDITOR = f"/{DEFAULTS['PERLEN_EDITOR_PATH']}/"
# Its scripts (Decap's 5 MB bundle, its chunks and WebAssembly) may be kept
# by the browser and are revalidated by content: `no-store` rules out both
# the browser's copy and V8's code cache, which spares Chromium compiling the
# bundle again from the third visit on (README, "The web editor": measured).
KEPT = frozenset({".js", ".wasm"})
ASSETS = Path(__file__).with_name("assets")
ASSET_TYPES = {
    "live.js": "text/javascript; charset=utf-8",
    "vorschau.css": "text/css; charset=utf-8",
}
# How often an idle event stream says it is still there (seconds); a closed
# browser tab is noticed when this fails.
KEEPALIVE = 10.0
WAITING = (
    '<!doctype html><html lang="de"><head><meta charset="utf-8">'
    "<title>Vorschau</title></head><body><p>Die Vorschau wird gebaut …</p>"
    "</body></html>"
).encode()
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def additions(number: int) -> bytes:
    """What goes before `</head>`: the preview's stylesheet and script."""
    return (
        f'<link rel="stylesheet" href="{PREFIX}vorschau.css">'
        f'<script src="{PREFIX}live.js" data-fassung="{number}" defer></script>'
    ).encode()


def banner(problems: tuple[Problem, ...]) -> bytes:
    """The German notice over the last good version after a failed rebuild:
    the writer's own problems first, then one line per site-wide topic."""
    items = []
    for problem in own_first(p for p in problems if not is_site_wide(p)):
        where = html.escape(problem.where)
        if problem.line is not None:
            where += f", Zeile {problem.line}"
        fix = f" <span>{html.escape(problem.fix)}</span>" if problem.fix else ""
        kind = "Warnung: " if problem.severity is Severity.WARNING else ""
        items.append(
            f"<li><strong>{where}</strong>: {kind}"
            f"{html.escape(problem.message)}{fix}</li>"
        )
    items += [f"<li>{html.escape(line)}</li>" for line in summaries(problems)]
    return (
        '<aside class="vorschau-hinweis" role="alert" aria-live="assertive">'
        "<p><strong>Nicht neu gebaut.</strong> Die Vorschau zeigt die letzte "
        "fehlerfreie Fassung. Bitte beheben:</p>"
        f"<ul>{''.join(items)}</ul></aside>"
    ).encode()


def host_name(host: str) -> str:
    """The name in a `Host` header, without its port, lower-cased
    (`LOCALHOST:8000` → `localhost`, `[::1]:8000` → `[::1]`); "" when the
    port is not a number."""
    host = host.strip().lower()
    end = host.find("]") + 1 if host.startswith("[") else host.find(":")
    name, port = (host, "") if end <= 0 else (host[:end], host[end:])
    if port and not (port.startswith(":") and port[1:].isdigit()):
        return ""
    return name


def decorate(page: bytes, view: View) -> bytes:
    """`page` with the preview's additions (and the banner, if any)."""
    page = _HEAD_END.sub(lambda m: additions(view.number) + m.group(0), page, 1)
    if view.problems:
        page = _BODY_START.sub(lambda m: m.group(0) + banner(view.problems), page, 1)
    return page


class PreviewHandler(SimpleHTTPRequestHandler):
    """Files of the current build, HTML pages decorated, no directory listings."""

    server: PreviewServer

    def do_GET(self) -> None:
        self._answer(head_only=False)

    def do_HEAD(self) -> None:
        self._answer(head_only=True)

    timeout = IDLE_TIMEOUT

    def _answer(self, head_only: bool) -> None:
        if not self._local_host(head_only):
            return
        view = self.server.live.view()
        path = urlsplit(self.path).path
        if path.startswith(PREFIX):
            self._preview_address(path[len(PREFIX) :], view, head_only)
            return
        if view.root is None:  # the first build is running or failed
            body = decorate(WAITING, view)
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, body, head_only)
            return
        file = self._file(view.root, path)
        if (
            file is None
            and not path.endswith("/")
            and (self._file(view.root, path + "/") is not None)
        ):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = HTTPStatus.OK
        if file is None:
            status, file = HTTPStatus.NOT_FOUND, view.root / "404.html"
        try:
            body = file.read_bytes()
        except OSError:  # no 404 page, or the build was swapped meanwhile
            body, status = b"Nicht gefunden.", HTTPStatus.NOT_FOUND
            file = Path("404.txt")
        kind = self.guess_type(str(file))
        if kind == "text/html" and not path.startswith(EDITOR):
            body = decorate(body, view)
            kind = "text/html; charset=utf-8"
        if status == HTTPStatus.OK and path.startswith(EDITOR) and file.suffix in KEPT:
            self._send_kept(body, head_only, kind)
            return
        self._send(status, body, head_only, kind)

    def _send_kept(self, body: bytes, head_only: bool, kind: str) -> None:
        """An editor script the browser may keep: `no-cache` with an ETag of
        its content (each build copies it anew), 304 while it is unchanged.
        Last-Modified too, one per content: Chromium ignores the ETag of an
        HTTP/1.0 answer and asks with If-Modified-Since only."""
        tag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
        since = self.server.first_sent.get(tag)
        if since is None:
            stamp = max(int(time.time()), self.server.last_stamp + 1)
            self.server.last_stamp = stamp
            since = self.server.first_sent[tag] = self.date_time_string(stamp)
        unchanged = tag in self.headers.get("If-None-Match", "") or (
            "If-None-Match" not in self.headers
            and self.headers.get("If-Modified-Since") == since
        )
        self.send_response(HTTPStatus.NOT_MODIFIED if unchanged else HTTPStatus.OK)
        self.send_header("ETag", tag)
        self.send_header("Cache-Control", "no-cache")
        if not unchanged:
            self.send_header("Last-Modified", since)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not (unchanged or head_only):
            self.wfile.write(body)

    def _local_host(self, head_only: bool) -> bool:
        """Whether the request names this computer; answers it if not."""
        host = self.headers.get("Host")
        if host is None:
            self._send(HTTPStatus.BAD_REQUEST, b"Host fehlt.", head_only)
            return False
        if host_name(host) in LOCAL_NAMES | {self.server.server_address[0]}:
            return True
        self._send(
            HTTPStatus.MISDIRECTED_REQUEST,
            b"Die Vorschau antwortet nur unter http://127.0.0.1 oder http://localhost.",
            head_only,
            "text/plain; charset=utf-8",
        )
        return False

    def _file(self, root: Path, url_path: str) -> Path | None:
        relative = unquote(url_path).lstrip("/")
        try:
            candidate = (root / relative).resolve()
            if not candidate.is_relative_to(root.resolve()):
                return None
            if candidate.is_dir():
                if not url_path.endswith("/"):
                    return None
                candidate = candidate / "index.html"
            return candidate if candidate.is_file() else None
        except (OSError, ValueError):  # a NUL or an overlong name: no file
            return None

    def _preview_address(self, name: str, view: View, head_only: bool) -> None:
        if name == "ereignisse":
            seit = parse_qs(urlsplit(self.path).query).get("seit", ["0"])[0]
            self._stream(int(seit) if seit.isdigit() else 0)
        elif name == "zustand":
            live = self.server.live
            state = {
                "version": view.number,
                "building": live.building(),
                "problems": len(view.problems),
            }
            body = json.dumps(state).encode()
            self._send(HTTPStatus.OK, body, head_only, "application/json")
        elif name in ASSET_TYPES:
            body = (ASSETS / name).read_bytes()
            self._send(HTTPStatus.OK, body, head_only, ASSET_TYPES[name])
        else:
            self._send(HTTPStatus.NOT_FOUND, b"Nicht gefunden.", head_only)

    def _stream(self, since: int) -> None:
        """Server-sent events after event number `since`, until the page goes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        live = self.server.live
        try:
            self.wfile.write(b": verbunden\n\n")
            self.wfile.flush()
            while True:
                events = live.events_after(since, KEEPALIVE)
                if events is None:
                    return
                message = "".join(
                    f"id: {e.number}\nevent: {e.kind}\ndata: {json.dumps(e.data)}\n\n"
                    for e in events
                )
                self.wfile.write(message.encode() or b": noch da\n\n")
                self.wfile.flush()
                if events:
                    since = events[-1].number
        except OSError:  # the page was closed or reloaded
            return

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        head_only: bool,
        kind: str = "text/html; charset=utf-8",
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not news for a writer."""


class PreviewServer(ThreadingHTTPServer):
    """One thread per request, so open event streams block nobody."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = BACKLOG

    def __init__(self, port: int, live: Live):
        self.live = live
        # When the server first sent each kept file's content (by ETag):
        # its Last-Modified, the same across rebuilds that copy it anew.
        self.first_sent: dict[str, str] = {}
        self.last_stamp = 0  # each content its own second
        super().__init__((HOST, port), PreviewHandler)

    def handle_error(self, request, client_address) -> None:
        """A browser that went away mid-answer is no error; others are."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)
