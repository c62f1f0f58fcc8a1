"""Never a traceback: every fault fixture ends in German lines naming the
file and line, through `perlen pruefen` and `perlen bauen` as a writer runs
them; the machine's faults and hostile requests to the preview too."""

from __future__ import annotations

import shutil
import socket
import subprocess

import pytest
from conftest import Project
from fault_fixtures import FAULTS, post, run_clean, write_fault
from test_preview import PERLEN, Preview, wait_for


@pytest.mark.parametrize(
    "name",
    [
        # What only a check of the built site finds needs `pruefen --streng`:
        # the publish build with its HTML check in Java, the slow tier.
        pytest.param(name, marks=pytest.mark.langsam) if fault.built_site_only else name
        for name, fault in FAULTS.items()
    ],
)
def test_every_fault_is_a_german_line_naming_file_and_line(request, tmp_path, name):
    fault = FAULTS[name]
    if fault.built_site_only:
        request.getfixturevalue("java")
    project = Project(tmp_path / "blog")
    write_fault(project, fault)
    runs = (
        [["pruefen", "--streng"]] if fault.built_site_only else [["pruefen"], ["bauen"]]
    )
    for command in runs:
        code, shown = run_clean(project, *command)
        assert code == 1, shown
        assert fault.text in shown, shown
    assert not (project.root / "output").exists()


def _unshare() -> list[str]:
    """`unshare` with a private mount namespace, where this user may mount."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare fehlt")
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "true"], capture_output=True
    )
    if probe.returncode != 0:
        pytest.skip("hier lässt sich nichts einhängen (unshare -m)")
    return ["unshare", "-m", "--propagation", "private"]


@pytest.mark.parametrize(
    ("options", "expected", "code"),
    [
        # A read-only bind mount (a Docker volume mounted :ro).
        ("ro", "Hier darf der Blog nicht schreiben", 1),
        # A writable bind mount on the same file system: no rename, but a build.
        ("rw", "Fertig gebaut", 0),
    ],
)
def test_output_as_a_bind_mount(tmp_path, options, expected, code):
    project = Project(tmp_path / "blog")
    project.write("posts/a.md", post("Eingehängt"))
    (project.root / "output").mkdir()
    (project.root / "volume").mkdir()
    (project.root / "volume" / "alt.html").write_text("vorher")
    script = (
        "mount --bind volume output && "
        f"mount -o remount,bind,{options} output && "
        f'"{PERLEN}" bauen; echo "exit=$?"'
    )
    result = subprocess.run(
        [*_unshare(), "sh", "-c", script],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    shown = result.stdout + result.stderr
    assert "Traceback" not in shown
    assert expected in shown
    assert f"exit={code}" in shown
    built = (project.root / "volume" / "index.html").exists()
    assert built == (code == 0)
    if code:
        assert (project.root / "volume" / "alt.html").read_text() == "vorher"


@pytest.mark.parametrize(
    "path", ["/%00", "/a%00b/", "/" + "x" * 300, "/" + "%C3%BC" * 200 + "/"]
)
def test_the_preview_answers_odd_addresses_with_not_found(project, path):
    project.write("posts/a.md", post("Vorschau", "Erstfassung"))
    running = Preview(project.root)
    try:
        wait_for(lambda: running.shows("/2021/vorschau/", "Erstfassung"))
        with socket.create_connection(("127.0.0.1", running.port), timeout=10) as s:
            s.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.0 404"), answer[:200]
        assert running.get("/2021/vorschau/")[0] == 200
    finally:
        out = running.stop()
    assert "Traceback" not in out and "Error" not in out, out
