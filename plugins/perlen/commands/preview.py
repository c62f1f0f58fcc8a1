"""`perlen vorschau`: the site with drafts on 127.0.0.1, rebuilt on every change.

Pelican's own `--listen --autoreload` rebuilds in place, so a post with an
error leaves a half-written site. Here every rebuild is an atomic checked
build: the browser keeps the last good version while the writer reads the
problems in the terminal. Serving and watching are Pelican's own
(`pelican.server`, `pelican.utils.wait_for_changes`).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from http import HTTPStatus
from pathlib import Path
from typing import Any

from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.utils import wait_for_changes

from perlen.build.atomic import load_settings
from perlen.build.checked import Outcome, checked_build
from perlen.problems import Problem

HOST = "127.0.0.1"


class PreviewHandler(ComplexHTTPRequestHandler):
    """Pelican's handler, quiet, answering unknown addresses with the site's 404."""

    def do_GET(self) -> None:
        super().do_GET()
        if not self.path:  # Pelican's handler found no file and sent nothing
            page = Path(self.base_path, "404.html")
            body = page.read_bytes() if page.is_file() else b"Nicht gefunden."
            self.send_response(HTTPStatus.NOT_FOUND)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not news for a writer."""


def _not_watchable(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("Unable to watch path")


def open_server(output: str | os.PathLike, port: int) -> RootedHTTPServer:
    """Bind 127.0.0.1:`port` for `output`; raises OSError if the port is taken."""
    logging.getLogger("pelican.server").setLevel(logging.ERROR)
    # Optional folders (STATIC_PATHS) that do not exist need no watching.
    logging.getLogger("pelican.utils").addFilter(_not_watchable)
    handler = type("Handler", (PreviewHandler,), {})  # its own base_path
    RootedHTTPServer.allow_reuse_address = True
    return RootedHTTPServer(str(output), (HOST, port), handler)


def run(
    settings_file: str,
    overrides: Mapping[str, Any],
    server: RootedHTTPServer,
    report: Callable[[Outcome], None],
) -> None:
    """Serve with `server`; build, and rebuild on every change, until Ctrl+C."""
    threading.Thread(target=server.serve_forever, name="vorschau", daemon=True).start()
    settings = load_settings(settings_file, overrides)
    try:
        while True:
            report(_build(settings, settings_file))
            changed = {path for _, path in wait_for_changes(settings_file, settings)}
            if os.path.abspath(settings_file) in changed:
                settings = load_settings(settings_file, overrides)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


def _build(settings: dict, settings_file: str) -> Outcome:
    """A checked build; a crash (a theme or plugin error, not a writer's) is
    reported like a problem, and the preview goes on watching."""
    try:
        return checked_build(settings)
    except Exception as error:
        crash = Problem(
            settings_file,
            None,
            f"Der Bau brach ab: {error}",
            "Das liegt nicht am Text; bitte die Meldung an die Technik weitergeben.",
        )
        return Outcome(problems=[crash])
