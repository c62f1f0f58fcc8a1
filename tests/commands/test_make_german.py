"""The writers' make targets speak German only: no English line of make or
Pelican, neither when they succeed nor when they fail."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from conftest import ROOT, Project

# Each test runs make, which runs perlen, in processes of their own.
pytestmark = pytest.mark.langsam

LINKED = ("Makefile", "pyproject.toml", "requirements.lock", ".venv")


@pytest.fixture
def blog(project: Project) -> Project:
    """A project whose make targets use this checkout's Makefile and venv."""
    for name in LINKED:
        (project.root / name).symlink_to(ROOT / name)
    return project


# A writer starts make in a terminal; inside `make test` these variables would
# make every make started here a sub-make, which prints its directory.
_SUB_MAKE = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")


def writer_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in _SUB_MAKE}


def make(blog: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", *args],
        cwd=blog.root,
        capture_output=True,
        text=True,
        timeout=300,
        env=writer_env(),
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (["pruefen"], "Nicht in Ordnung: 1 Datei geprüft, 1 Fehler"),
        (["html"], "Die Website wurde nicht gebaut: 1 Fehler gefunden."),
        (["neu"], "Bitte einen Titel angeben"),
    ],
)
def test_a_failing_target_ends_with_the_german_message(blog, target, message):
    blog.write("posts/a.md", "Titel: Ohne Datum\n\nText.\n")
    result = make(blog, *target)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert "make:" not in result.stdout + result.stderr
    assert "Error" not in result.stderr


def test_a_build_reports_in_german_with_a_decimal_comma(blog):
    blog.write("posts/a.md", "Titel: A\nDatum: 28.09.2021\n\nText.\n")
    result = make(blog, "html")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"Fertig gebaut: „output“ \(\d+,\d s\)\.\n", result.stdout)
    assert result.stderr == ""


def test_make_still_fails_where_it_cannot_stop_quietly(blog):
    """With SIGINT ignored (a background job of a script), make fails as usual."""
    blog.write("posts/a.md", "Titel: Ohne Datum\n\nText.\n")
    result = subprocess.run(
        ["sh", "-c", "trap '' INT; make pruefen"],
        cwd=blog.root,
        capture_output=True,
        text=True,
        timeout=300,
        env=writer_env(),
    )
    assert result.returncode != 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _in_terminal(blog: Project, args: list[str], interrupt_after: bytes) -> str:
    """Run `make ARGS` in a pseudo-terminal, as a writer does; once it printed
    `interrupt_after`, press Ctrl+C (the terminal sends SIGINT to the whole
    foreground process group: make, its shell and perlen). What the terminal
    showed until make ended."""
    import pty
    import select
    import time

    pid, terminal = pty.fork()
    if pid == 0:  # the child: make, in the terminal
        os.chdir(blog.root)
        os.execvpe("make", ["make", *args], writer_env())
    shown, pressed = b"", False
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if not pressed and interrupt_after in shown:
            os.write(terminal, b"\x03")
            pressed = True
        ready, _, _ = select.select([terminal], [], [], 1)
        try:
            data = os.read(terminal, 4096) if ready else b""
        except OSError:  # the terminal closed: make has ended
            break
        if ready and not data:
            break
        shown += data
    os.waitpid(pid, 0)
    os.close(terminal)
    assert pressed, shown.decode(errors="replace")
    return shown.decode(errors="replace")


ENDED = "Vorschau beendet."
STOPPED = "Abgebrochen; die bisherige Fassung bleibt."


@pytest.mark.parametrize(
    ("interrupt_after", "answers"),
    [
        (b"Vorschau aktualisiert", (ENDED,)),
        # During the first build, or just after it.
        (b"Vorschau auf http", (ENDED, STOPPED)),
    ],
)
def test_ctrl_c_in_a_terminal_ends_make_with_perlens_answer_only(
    blog, interrupt_after, answers
):
    blog.write("posts/a.md", "Titel: A\nDatum: 28.09.2021\n\nText.\n")
    shown = _in_terminal(blog, ["vorschau", f"PORT={_free_port()}"], interrupt_after)
    answer = next((answer for answer in answers if answer in shown), None)
    assert answer is not None, shown
    after = shown[shown.index(answer) :]
    assert "make" not in after and "Interrupt" not in after, shown
    assert "Traceback" not in shown


@pytest.mark.parametrize(
    ("words", "quoted"),
    [
        (["TITEL=Grüße", "vom", "Sommerfest"], 'TITEL="Grüße vom Sommerfest"'),
        (["TITEL=Monarchie", "im", "Perlenbüro"], 'TITEL="Monarchie im Perlenbüro"'),
        (["TITEL=Zwei", "Wörter", "KATEGORIE=Haltung"], 'TITEL="Zwei Wörter"'),
    ],
)
def test_an_unquoted_title_creates_nothing_and_says_how_to_quote(blog, words, quoted):
    result = make(blog, "neu", *words)
    shown = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"Bitte den ganzen Titel in Anführungszeichen setzen: make neu {quoted}" in (
        shown
    )
    assert "No rule" not in shown and "make:" not in shown
    assert list((blog.content / "posts").rglob("*.md")) == []


def test_a_quoted_title_with_spaces_still_creates_the_post(blog):
    result = make(blog, "neu", "TITEL=Grüße vom Sommerfest", "DATUM=1.12.2025")
    assert result.returncode == 0, result.stderr
    assert (blog.content / "posts" / "2025" / "gruesse-vom-sommerfest.md").is_file()


def test_make_serve_is_the_preview_and_leaves_output_alone(blog, unused_port):
    blog.write("posts/a.md", "Titel: A\nDatum: 28.09.2021\n\nText.\n")
    assert make(blog, "html").returncode == 0
    output = blog.root / "output"
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    serve = subprocess.Popen(
        ["make", "serve", f"PORT={unused_port}"],
        cwd=blog.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=writer_env(),
        start_new_session=True,
    )
    try:
        page = wait_for_page(f"http://127.0.0.1:{unused_port}/2021/a/", serve)
        assert page is not None, serve.stdout.read() if serve.poll() else ""
        assert "<html" in page
    finally:
        os.killpg(serve.pid, signal.SIGINT)
        text = serve.communicate(timeout=60)[0]
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    # German, on the port asked for (make's own "Interrupt" after Strg+C is
    # the same for every target and not the preview's).
    assert f"Vorschau auf http://127.0.0.1:{unused_port}/" in text, text
    assert "pelican" not in text.lower(), text


def wait_for_page(url: str, process: subprocess.Popen, seconds: float = 120.0):
    """The page at `url` once the server answers; None if it never did."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    return None


@pytest.fixture
def unused_port() -> int:
    return _free_port()
