"""Scheduled posts on time: the publish build says when the next one is due,
and the cheap check starts a publish only when one is."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import ROOT
from perlen.publish import due
from perlen.publish.due import NEXT_DATE_FILE, format_next_date, is_due, verdict

BERLIN = ZoneInfo("Europe/Berlin")
WORKFLOWS = ROOT / ".github" / "workflows"
NOW = datetime(2026, 11, 29, 13, 30, tzinfo=UTC)  # 14:30 in Berlin


# -- Deciding ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", False),  # nothing scheduled
        ("\n", False),
        ("2026-11-29T14:00:00+01:00\n", True),  # due half an hour ago
        ("2026-11-29T14:30:00+01:00", True),  # due this very minute
        ("2026-11-29T14:31:00+01:00", False),
        ("2026-12-24T09:00:00+01:00\n", False),
    ],
)
def test_a_post_is_due_once_its_time_has_passed(text, expected):
    assert is_due(text, NOW) is expected


@pytest.mark.parametrize("text", ["morgen", "2026-11-29T14:30:00"])
def test_an_unreadable_file_is_an_error_not_a_guess(text):
    with pytest.raises(ValueError):
        is_due(text, NOW)


def test_the_file_names_the_earliest_scheduled_post():
    dates = [
        datetime(2026, 12, 24, 9, 0, tzinfo=BERLIN),
        datetime(2026, 11, 29, 14, 30, tzinfo=BERLIN),
    ]
    text = format_next_date(dates)
    assert text == "2026-11-29T14:30:00+01:00\n"
    assert format_next_date([]) == ""
    assert verdict(text, NOW) == (
        True,
        "Fällig: Ein geplanter Beitrag ist seit 29.11.2026, 14:30 Uhr (UTC+0100) "
        "an der Reihe.",
    )
    assert verdict(text, NOW - timedelta(hours=1)) == (
        False,
        "Nichts fällig: Der nächste geplante Beitrag erscheint am 29.11.2026, "
        "14:30 Uhr (UTC+0100).",
    )


# -- The publish build writes the file ----------------------------------------


def future(days: int, hour: int = 14) -> str:
    when = datetime.now(BERLIN) + timedelta(days=days)
    return f"{when:%d.%m.%Y} {hour}:30 Uhr"


def test_the_publish_build_writes_when_the_next_post_is_due(publish_site, make_post):
    publish_site.write("posts/heute.md", make_post(Titel="Heute"))
    publish_site.write("posts/bald.md", make_post(Titel="Bald", Datum=future(2)))
    publish_site.write("posts/spaeter.md", make_post(Titel="Später", Datum=future(9)))
    publish_site.write(
        "posts/entwurf.md",
        make_post(Titel="Entwurf", Datum=future(1), Status="Entwurf"),
    )
    output = publish_site.build("publishconf.py")
    written = (output / NEXT_DATE_FILE).read_text(encoding="utf-8")
    expected = (datetime.now(BERLIN) + timedelta(days=2)).replace(
        hour=14, minute=30, second=0, microsecond=0
    )
    assert datetime.fromisoformat(written.strip()) == expected
    assert not is_due(written, datetime.now(UTC))
    assert is_due(written, expected)
    assert not any("bald" in path.as_posix() for path in output.rglob("*"))


def test_without_scheduled_posts_the_file_is_empty(publish_site, make_post):
    publish_site.write("posts/heute.md", make_post(Titel="Heute"))
    output = publish_site.build("publishconf.py")
    assert (output / NEXT_DATE_FILE).read_text(encoding="utf-8") == ""


def test_preview_builds_write_no_file(site, make_post):
    site.write("posts/bald.md", make_post(Titel="Bald", Datum=future(2)))
    output = site.build()
    assert not (output / NEXT_DATE_FILE).exists()


# -- Asking the live site -------------------------------------------------------


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def live_site(tmp_path):
    """A web server for `tmp_path`, like the host of the published site."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def put(root: Path, text: str) -> None:
    path = root / NEXT_DATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "flag", "said"),
    [
        ("2026-11-29T14:30:00+01:00\n", "true", "Fällig:"),
        ("2026-12-24T09:00:00+01:00\n", "false", "Nichts fällig: Der nächste"),
        ("", "false", "Nichts fällig: Es ist kein Beitrag geplant."),
    ],
)
def test_the_check_reads_the_live_site_and_tells_github(
    live_site, tmp_path_factory, monkeypatch, capsys, text, flag, said
):
    root, url = live_site
    if text is not None:
        put(root, text)
    github = tmp_path_factory.mktemp("github") / "output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(github))
    assert due.main([url + "/"], now=NOW) == 0
    assert capsys.readouterr().out.startswith(said)
    assert github.read_text() == f"faellig={flag}\n"


def test_a_site_without_the_file_fails_the_check_and_publishes_nothing(
    live_site, tmp_path_factory, monkeypatch, capsys
):
    _, url = live_site
    github = tmp_path_factory.mktemp("github") / "output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(github))
    assert due.main([url], now=NOW) == 1
    assert github.read_text() == "faellig=false\n"
    assert f"hat keine Datei „{NEXT_DATE_FILE}“" in capsys.readouterr().err


def keeps_dot_folders(workflow_text: str) -> bool:
    """Whether the Pages artifact of `workflow_text` keeps `.perlen/`:
    upload-pages-artifact up to v3 keeps dot folders, v4 drops them with no
    way to keep them, v5 keeps them with `include-hidden-files: true`."""
    flow = yaml.safe_load(workflow_text)
    lines = workflow_text.splitlines()
    uploads = [
        (step, next(line for line in lines if step["uses"] in line))
        for job in flow["jobs"].values()
        for step in job.get("steps", [])
        if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert len(uploads) == 1
    step, line = uploads[0]
    # Pinned by SHA, the version is the comment: `@<sha> # v5.0.0`.
    (major,) = re.findall(r"(?:@|# )v(\d+)", line)
    hidden = step.get("with", {}).get("include-hidden-files") is True
    return int(major) <= 3 or (int(major) >= 5 and hidden)


def test_the_publish_workflow_deploys_the_file():
    text = (WORKFLOWS / "publish.yml").read_text(encoding="utf-8")
    assert keeps_dot_folders(text)
    assert NEXT_DATE_FILE.startswith(".perlen/")


_UPLOAD = """jobs:
  build:
    steps:
      - uses: actions/upload-pages-artifact@{ref}
        with:
          path: output
{extra}"""


@pytest.mark.parametrize(
    ("ref", "extra", "kept"),
    [
        ("v3", "", True),
        ("v4", "", False),
        ("v4", "          include-hidden-files: true\n", False),  # no such input
        ("7b1f4a764d45c48632c6b24a0339c27f5614fb0b # v4.0.0", "", False),
        ("fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0", "", False),
        (
            "fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0",
            "          include-hidden-files: true\n",
            True,
        ),
    ],
)
def test_the_guard_fails_for_a_setup_that_drops_the_file(ref, extra, kept):
    assert keeps_dot_folders(_UPLOAD.format(ref=ref, extra=extra)) is kept


def test_an_unreachable_site_fails_the_check(tmp_path, capsys):
    assert due.main(["http://127.0.0.1:9"], now=NOW) == 1
    assert "ließ sich nicht fragen" in capsys.readouterr().err


def test_the_check_runs_without_the_blog_installed(live_site):
    """The job runs the file with a bare Python: standard library only."""
    root, url = live_site
    put(root, "2000-01-01T00:00:00+01:00\n")
    result = subprocess.run(
        [sys.executable, "-I", str(ROOT / "plugins/perlen/publish/due.py"), url],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": os.environ.get("PATH", "")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Fällig:")


# -- The workflows ---------------------------------------------------------------


def test_the_check_runs_at_least_every_30_minutes_and_starts_the_publish():
    text = (WORKFLOWS / "termine.yml").read_text(encoding="utf-8")
    (cron,) = re.findall(r'cron: "([^"]+)"', text)
    minute, hour, *_ = cron.split()
    assert hour == "*"
    minutes = sorted(int(m) for m in minute.split(","))
    following = [*minutes[1:], minutes[0] + 60]
    gaps = [b - a for a, b in zip(minutes, following, strict=True)]
    assert max(gaps) <= 30
    assert "python3 plugins/perlen/publish/due.py" in text
    assert "steps.faellig.outputs.faellig == 'true'" in text
    assert "gh workflow run publish.yml" in text
    publish = (WORKFLOWS / "publish.yml").read_text(encoding="utf-8")
    assert "workflow_dispatch:" in publish
    assert "schedule:" not in publish  # the check replaces the daily run


# -- A misbehaving live site -----------------------------------------------------


def _misbehaving(answer):
    """A server on 127.0.0.1 that reads a request and runs `answer(conn)`;
    yields its URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(30)
                try:
                    conn.recv(65536)
                    answer(conn, stop)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return listener, stop, f"http://127.0.0.1:{listener.getsockname()[1]}"


def _endless(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
    chunk = b"2026-11-29T14:00:00+01:00\n" * 4000
    while not stop.is_set():
        conn.sendall(chunk)


def _huge_length(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 300000000\r\n\r\n")
    while not stop.is_set():
        conn.sendall(b"x" * 65536)


def _not_http(conn, stop):
    conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")


def _truncated(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n2026-11-29")


def _long_header(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Viel: " + b"a" * 200_000 + b"\r\n\r\n")


def _many_headers(conn, stop):
    conn.sendall(
        b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(500))
    )
    conn.sendall(b"\r\n")


def _dripping(conn, stop):
    for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 26\r\n\r\n":
        if stop.wait(0.5):
            return
        conn.sendall(bytes([byte]))


def _server_error(conn, stop):
    conn.sendall(b"HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n")


def _binary(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n\xff\xfe\x00\x01")


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (_endless, "größer als 4096 Bytes"),
        (_huge_length, "größer als 4096 Bytes"),
        (_not_http, "kein gültiges HTTP"),
        (_truncated, "brach mittendrin ab"),
        (_long_header, "zu lange Kopfzeilen"),
        (_many_headers, "kein gültiges HTTP"),
        (_dripping, "nicht innerhalb von 3 Sekunden"),
        (_server_error, "mit dem Status 500"),
        (_binary, "kein Text"),
    ],
)
def test_a_misbehaving_site_is_one_german_line(monkeypatch, capsys, answer, said):
    monkeypatch.setattr(due, "DEADLINE", 3.0)
    listener, stop, url = _misbehaving(answer)
    started = time.monotonic()
    try:
        assert due.main([url], now=NOW) == 1
    finally:
        stop.set()
        listener.close()
    assert time.monotonic() - started < 10  # the deadline holds
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
    assert lines[0].startswith(f"Die Website „{url}“ ließ sich nicht fragen")
    assert said in lines[0], lines[0]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org", "blog"])
def test_only_web_addresses_are_asked(capsys, url):
    assert due.main([url], now=NOW) == 1
    assert "muss mit „https://“" in capsys.readouterr().err
