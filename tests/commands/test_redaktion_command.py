"""`perlen redaktion` (`make redaktion`): editor, decap-server and preview in
one command, German messages, Ctrl+C ends all of it."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from perlen.commands.editor_server import DECAP_SERVER

PERLEN = Path(sys.executable).with_name("perlen")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_editor_runs_with_the_preview_and_stops_with_it(project):
    if shutil.which("node") is None or not (ROOT / DECAP_SERVER).is_file():
        pytest.skip("Node.js oder decap-server fehlt")
    project.write("posts/2021/a.md", "Titel: Eins\nDatum: 28.09.2021\n\nText.\n")
    api, port = free_port(), free_port()
    (project.root / "redaktionconf.py").write_text(
        "import os, sys\nsys.path.append(os.curdir)\n"
        "from pelicanconf import *  # noqa: F403\nPERLEN_EDITOR = True\n"
        f'PERLEN_EDITOR_LOCAL_URL = "http://127.0.0.1:{api}/api/v1"\n',
        encoding="utf-8",
    )
    git = ["git", "-C", str(project.root)]
    subprocess.run([*git, "init", "-q"], check=True)
    command = subprocess.Popen(
        [PERLEN, "redaktion", "--port", str(port)],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/redaktion/"
                ) as answer:
                    page = answer.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or command.poll() is not None:
                    pytest.fail(
                        f"perlen redaktion did not start: {command.communicate()[0]}"
                    )
                time.sleep(0.2)
        # Served as built: no live reload that would lose a writer's typing.
        assert "decap-cms.js" in page and "_vorschau" not in page
        request = urllib.request.Request(
            f"http://127.0.0.1:{api}/api/v1",
            data=json.dumps({"action": "info", "params": {}}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request) as answer:
            assert json.load(answer)["type"] == "local_git"
    finally:
        command.send_signal(signal.SIGINT)
        output, _ = command.communicate(timeout=30)
    assert f"Redaktion auf http://127.0.0.1:{port}/redaktion/" in output
    assert output.rstrip().endswith("Redaktion beendet.")
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", api), 1).close()


def test_outside_a_git_folder_the_writer_gets_a_german_message(project):
    if shutil.which("node") is None or not (ROOT / DECAP_SERVER).is_file():
        pytest.skip("Node.js oder decap-server fehlt")
    shutil.copy(project.root / "pelicanconf.py", project.root / "redaktionconf.py")
    result = subprocess.run(
        [PERLEN, "redaktion", "--port", str(free_port())],
        cwd=project.root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "ist kein Git-Ordner" in result.stderr
