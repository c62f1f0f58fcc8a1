"""`decap-server` for `perlen redaktion`: the web editor on this checkout.

Decap's proxy server from npm runs on loopback in git mode, so the
editorial workflow works locally as on GitHub: saving keeps a draft on a
branch `cms/…`, publishing merges it into the current branch.
Its English log stays out of the writer's terminal.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from perlen.settings import project_folder, setting

# Where `npm ci` puts decap-server, in the blog's folder.
DECAP_SERVER = "node_modules/decap-server/dist/index.js"


class EditorServerError(Exception):
    """Why the editor's server cannot run, in German."""


def start(settings: Mapping[str, Any], repository: Path) -> subprocess.Popen:
    """Start decap-server for `repository`; wait until it answers."""
    node = shutil.which("node")
    decap_server = project_folder(settings) / DECAP_SERVER
    if node is None or not decap_server.is_file():
        raise EditorServerError(
            "Für die Redaktion fehlen Node.js oder das npm-Paket „decap-server“. "
            "Bitte Node.js installieren und „npm ci“ ausführen."
        )
    if not (repository / ".git").exists():
        raise EditorServerError(
            f"„{repository}“ ist kein Git-Ordner. Die Redaktion arbeitet mit "
            "Git: Bitte im Ordner des Blogs aufrufen."
        )
    address = urlsplit(setting(settings, "PERLEN_EDITOR_LOCAL_URL"))
    host, port = address.hostname or "127.0.0.1", address.port or 8081
    server = subprocess.Popen(
        [node, str(decap_server)],
        env={
            **os.environ,
            "PORT": str(port),
            "BIND_HOST": host,
            "MODE": "git",
            "GIT_REPO_DIRECTORY": str(repository),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection((host, port), 1).close()
            return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                stop(server)
                raise EditorServerError(
                    f"Der Redaktions-Server ließ sich auf Port {port} nicht "
                    "starten – läuft „make redaktion“ schon in einem anderen "
                    "Fenster?"
                ) from None
            time.sleep(0.1)


def stop(server: subprocess.Popen) -> None:
    """End decap-server (on Ctrl+C too)."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
