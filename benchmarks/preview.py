"""The preview row of the benchmark: from a save to the updated page served.

A writer saves a post and looks at the browser. This starts `perlen vorschau`
on the generated corpus, as a writer would (its own process, this site's
settings, theme and plugin), edits one post several times, and takes the
time from each save until the preview serves the page with the edit; before
the next edit it waits until the preview has finished rebuilding everything.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PERLEN = Path(sys.executable).with_name("perlen")
EDITS = 5
# The target: save to served, median, by corpus size (posts → seconds).
TARGETS = ((1000, 1.0), (10000, 2.0))
POLL = 0.005


def target(posts: int) -> float:
    """The target for a corpus of `posts` (the next larger size's)."""
    return next((seconds for size, seconds in TARGETS if posts <= size), 2.0)


def project(content: Path, folder: Path, overrides: dict[str, Any]) -> Path:
    """A blog folder for the preview: this site's settings (with `overrides`),
    theme and plugin, and the generated `content`."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    settings += "".join(f"\n{name} = {value!r}" for name, value in overrides.items())
    (folder / "pelicanconf.py").write_text(settings + "\n", encoding="utf-8")
    for name, target_path in (
        ("theme", ROOT / "theme"),
        ("plugins", ROOT / "plugins"),
        ("content", content),
    ):
        (folder / name).symlink_to(target_path.resolve())
    return folder


def save_to_served(
    content: Path,
    edited: Path,
    page: str,
    workdir: Path,
    edit: Callable[[Path, int], str],
    overrides: dict[str, Any] | None = None,
    edits: int = EDITS,
) -> list[float]:
    """Seconds from each of `edits` saves of `edited` (by `edit`, which
    returns a word only that edit adds) until the preview serves `page`
    (a URL path) with it."""
    blog = project(content, workdir / "vorschau-blog", overrides or {})
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (workdir / "vorschau.log").open("w", encoding="utf-8")
    preview = subprocess.Popen(
        [PERLEN, "vorschau", "--port", str(port)],
        cwd=blog,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _settled(base, preview, seconds=600)
        waits = []
        for number in range(edits):
            marker = edit(edited, 900 + number)
            saved = time.perf_counter()
            while marker not in _get(base + page):
                _alive(preview)
                if time.perf_counter() - saved > 120:
                    raise RuntimeError(f"Die Vorschau zeigt „{marker}“ nicht.")
                time.sleep(POLL)
            waits.append(time.perf_counter() - saved)
            _settled(base, preview, seconds=600)
        return waits
    finally:
        preview.send_signal(signal.SIGINT)
        try:
            preview.wait(timeout=30)
        except subprocess.TimeoutExpired:
            preview.kill()
            preview.wait()
        log.close()
        shutil.rmtree(blog, ignore_errors=True)


def report(waits: list[float], posts: int) -> str:
    """The preview's row and its target, in German."""
    median = statistics.median(waits)
    limit = target(posts)
    each = ", ".join(_number(w) for w in waits)
    return (
        f"Vorschau, Speichern bis Anzeige (Median aus {len(waits)} Änderungen): "
        f"{_number(median)} s (einzeln: {each})\n"
        f"{'✓' if median <= limit else '✗'} Vorschau, Speichern bis Anzeige: "
        f"{_number(median)} s (Ziel ≤ {_number(limit, 1)} s)"
    )


def _number(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _alive(preview: subprocess.Popen) -> None:
    if preview.poll() is not None:
        raise RuntimeError(f"Die Vorschau endete mit Code {preview.returncode}.")


def _settled(base: str, preview: subprocess.Popen, seconds: float) -> None:
    """Wait until the preview has built and is idle."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        _alive(preview)
        text = _get(f"{base}/_vorschau/zustand")
        state = json.loads(text) if text.startswith("{") else None
        if state and state["version"] > 0 and not state["building"]:
            if state["problems"]:
                raise RuntimeError("Der Bau in der Vorschau ist fehlgeschlagen.")
            return
        time.sleep(0.05)
    raise RuntimeError("Die Vorschau wurde nicht rechtzeitig fertig.")
