"""The preview in a real browser: it reloads itself and shows problems.

`perlen vorschau` runs as a writer starts it; Chromium keeps a post open
while the post is saved, and the page must change without anyone reloading
it, and show the German banner after a broken save, all within the page's
own Content-Security-Policy.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_site import browser, new_reader  # noqa: F401

# Chromium against the published site: the slow tier (`make test` runs each
# file on one worker, `--dist loadfile`, so its chromium starts once).
pytestmark = pytest.mark.langsam

PERLEN = Path(sys.executable).with_name("perlen")


def post(body: str, date: str = "28.09.2021") -> str:
    return f"Titel: Eins\nDatum: {date}\n\n{body}\n"


def settled(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_vorschau/zustand", timeout=5) as answer:
            state = json.load(answer)
    except OSError:
        return False
    return state["version"] > 0 and not state["building"]


def test_the_preview_reloads_itself_and_shows_problems(project, browser):  # noqa: F811
    source = project.write("posts/2021/a.md", post("Erstfassung"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    preview = subprocess.Popen(
        [PERLEN, "vorschau", "--port", str(port)],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    context = None
    try:
        deadline = time.monotonic() + 60
        while not settled(base):
            if time.monotonic() > deadline or preview.poll() is not None:
                pytest.fail("the preview did not start")
            time.sleep(0.05)
        context, reader = new_reader(browser, base)
        reader.open("2021/eins/")
        page = reader.page
        assert "Erstfassung" in page.inner_text("main")

        source.write_text(post("Zweitfassung"), encoding="utf-8")
        # Selectors, not functions: the page's CSP forbids eval.
        page.wait_for_selector("main >> text=Zweitfassung", timeout=30_000)

        source.write_text(post("Kaputt", date="gestern"), encoding="utf-8")
        banner = page.wait_for_selector(".vorschau-hinweis", timeout=30_000)
        text = banner.inner_text()
        assert "Nicht neu gebaut." in text
        assert "a.md, Zeile 2: „gestern“ ist kein Datum" in text
        assert "Zweitfassung" in page.inner_text("main")
        assert banner.evaluate("node => getComputedStyle(node).position") == "sticky"

        source.write_text(post("Drittfassung"), encoding="utf-8")
        page.wait_for_selector("main >> text=Drittfassung", timeout=30_000)
        assert page.query_selector(".vorschau-hinweis") is None
        assert reader.csp_errors == []
        assert reader.foreign == []
    finally:
        if context is not None:
            context.close()
        preview.send_signal(signal.SIGINT)
        try:
            preview.wait(timeout=10)
        except subprocess.TimeoutExpired:
            preview.kill()
            preview.wait()
