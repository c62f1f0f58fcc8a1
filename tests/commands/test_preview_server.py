"""The preview's server on its own: only this computer's names, idle
connections closed, many connections at once answered."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import pytest
from perlen.commands.preview import server as preview_server
from perlen.commands.preview.live import Live
from perlen.commands.preview.server import PreviewServer, host_name


@pytest.fixture
def running(tmp_path):
    """A preview server on a free port serving a one-page site."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><head></head><body>Start</body></html>"
    )
    live = Live()
    live.root = tmp_path
    server = PreviewServer(0, live)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _ask(port: int, host: str | None) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        header = f"Host: {host}\r\n" if host is not None else ""
        conn.sendall(f"GET / HTTP/1.1\r\n{header}Connection: close\r\n\r\n".encode())
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
        return answer


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8000", "127.0.0.1:1234", "[::1]:80", "LocalHost"]
)
def test_this_computers_names_are_served(running, host):
    answer = _ask(running.server_address[1], host)
    assert answer.startswith(b"HTTP/1.0 200") and b"Start" in answer


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:8000",
        "127.0.0.1.nip.io",
        "localhost.evil.example",
        "localhost:abc",
        "",
    ],
)
def test_any_other_host_is_misdirected(running, host):
    answer = _ask(running.server_address[1], host)
    assert answer.startswith(b"HTTP/1.0 421"), answer[:80]
    assert b"Start" not in answer


def test_a_request_without_host_is_bad(running):
    answer = _ask(running.server_address[1], None)
    assert answer.startswith(b"HTTP/1.0 400") and b"Start" not in answer


def test_host_name_drops_the_port_and_refuses_garbage():
    assert host_name("LOCALHOST:8000") == "localhost"
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("127.0.0.1:") == ""
    assert host_name("[::1]x") == ""


def test_an_idle_connection_is_closed(running, monkeypatch):
    monkeypatch.setattr(preview_server.PreviewHandler, "timeout", 1.0)
    with socket.create_connection(("127.0.0.1", running.server_address[1])) as conn:
        conn.settimeout(10)
        started = time.monotonic()
        assert conn.recv(1) == b""  # closed by the server, not by us
        assert time.monotonic() - started < 9


def test_a_thousand_connections_at_once_are_all_answered(running):
    port = running.server_address[1]
    request = b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"

    async def one() -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        await writer.drain()
        answer = await reader.read()
        writer.close()
        return answer[:12]

    async def all_at_once() -> list:
        return await asyncio.wait_for(
            asyncio.gather(*(one() for _ in range(1000)), return_exceptions=True), 10
        )

    answers = asyncio.run(all_at_once())
    assert [a for a in answers if a != b"HTTP/1.0 200"] == []


def _get(port: int, path: str, *headers: str) -> tuple[str, dict[str, str], bytes]:
    extra = "".join(f"{h}\r\n" for h in headers)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(
            f"GET {path} HTTP/1.1\r\nHost: localhost\r\n{extra}"
            "Connection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode().split("\r\n")
    fields = dict(line.split(": ", 1) for line in lines)
    return status, {k.lower(): v for k, v in fields.items()}, body


def test_the_editors_scripts_may_be_kept_and_are_revalidated(running, tmp_path):
    """Decap's bundle is not compiled afresh on every visit: the browser
    keeps it (and its compiled code) until its content changes."""
    editor = tmp_path / "redaktion"
    editor.mkdir()
    (editor / "decap-cms.js").write_text("var decap = 1;\n")
    (editor / "index.html").write_text("<!doctype html><title>R</title>")
    port = running.server_address[1]
    status, fields, body = _get(port, "/redaktion/decap-cms.js")
    assert status.endswith("200 OK") and body == b"var decap = 1;\n"
    assert fields["cache-control"] == "no-cache"
    tag, since = fields["etag"], fields["last-modified"]
    status, fields, body = _get(
        port, "/redaktion/decap-cms.js", f"If-None-Match: {tag}"
    )
    assert status.endswith("304 Not Modified") and body == b""
    # Chromium asks an HTTP/1.0 server with If-Modified-Since only.
    status = _get(port, "/redaktion/decap-cms.js", f"If-Modified-Since: {since}")[0]
    assert status.endswith("304 Not Modified")
    # The same content copied by a later build keeps its Last-Modified.
    (editor / "decap-cms.js").write_text("var decap = 1;\n")
    time.sleep(1.1)  # Last-Modified has whole seconds
    assert _get(port, "/redaktion/decap-cms.js")[1]["last-modified"] == since
    # A new build with another bundle: the old copy is not used.
    (editor / "decap-cms.js").write_text("var decap = 2;\n")
    status, fields, body = _get(
        port, "/redaktion/decap-cms.js", f"If-None-Match: {tag}"
    )
    assert status.endswith("200 OK") and body == b"var decap = 2;\n"
    assert fields["etag"] != tag and fields["last-modified"] != since
    status = _get(port, "/redaktion/decap-cms.js", f"If-Modified-Since: {since}")[0]
    assert status.endswith("200 OK")
    # The editor's page and config stay uncached (they change with content).
    assert _get(port, "/redaktion/")[1]["cache-control"] == "no-store"
