"""`perlen vorschau`: the site with drafts on 127.0.0.1, rebuilt on every save.

Pelican's own `--listen --autoreload` rebuilds in place, into `output/`, and
watches anew after each build, so a save during a build is lost. Here one
watcher runs for the whole session (`watch`), every rebuild is an atomic
checked build into the preview's own folder (`session`), the saved post's
page is served first (`quick`), and the pages reload themselves or show the
problems of a failed rebuild (`server`, `live`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from perlen.building.checked import Outcome
from perlen.commands.preview.live import Live
from perlen.commands.preview.server import HOST, PreviewServer
from perlen.commands.preview.session import Session
from perlen.commands.preview.watch import Watcher

__all__ = ["HOST", "open_server", "run"]

# How often the waiting builder looks up, so that Ctrl+C is never kept waiting.
_LOOK_UP = 0.5


def open_server(port: int) -> PreviewServer:
    """Bind 127.0.0.1:`port`; raises OSError if the port is taken."""
    return PreviewServer(port, Live())


def run(
    settings_file: str,
    overrides: Mapping[str, Any],
    folder: Path,
    server: PreviewServer,
    report: Callable[[Outcome], None],
) -> None:
    """Serve with `server`; build into `folder`, and rebuild on every change,
    until Ctrl+C."""
    live = server.live
    threading.Thread(target=server.serve_forever, name="vorschau", daemon=True).start()
    session = Session(settings_file, overrides, folder, live, report)
    watcher = session.watcher()
    ahead = threading.Thread(
        target=_render_ahead, args=(session, watcher), name="seiten-zuerst"
    )
    ahead.daemon = True
    live.pending = watcher.pending
    try:
        watcher.start()
        ahead.start()
        changed: set[str] = set()
        while True:
            live.set_busy(True)
            session.update(changed, watcher)
            changed = set()
            while not changed:
                live.set_busy(watcher.pending())
                changed = watcher.take(_LOOK_UP, taken=lambda: live.set_busy(True))
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        live.close()
        server.shutdown()
        server.server_close()


def _render_ahead(session: Session, watcher: Watcher) -> None:
    """Render saved posts' pages as soon as the watcher reports them."""
    while not watcher.stopped:
        changed = watcher.take_fresh(timeout=_LOOK_UP)
        if changed:
            try:
                session.render_ahead(changed)
            except Exception:  # e.g. a theme error: the full build reports it
                continue
