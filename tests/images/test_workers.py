"""After `perlen` is killed, its image-encoding workers end too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Three jobs that take ten minutes each, on three cores: two worker processes
# and the build's own.
ENCODING = """
import functools, sys, time
from pathlib import Path
from perlen.images import store

jobs = [
    store.Job(f"langsam-{i}", (f"bild-{i}.jpg",), functools.partial(time.sleep, 600))
    for i in range(3)
]
store.process(jobs, Path(sys.argv[1]), Path(sys.argv[2]), 3)
"""


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(p) for p in (task / "children").read_text().split())
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def _wait(condition, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while not (result := condition()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return result


def _workers(pid: int) -> set[int]:
    """The encoders: children forked from the build (its own command line) or
    spawned by `multiprocessing`."""
    build = Path(f"/proc/{pid}/cmdline").read_bytes()
    found = set()
    for child in _children(pid):
        command = Path(f"/proc/{child}/cmdline").read_bytes()
        if command == build or b"spawn_main" in command:
            found.add(child)
    return found


# A killed process of its own and a pool of two: the slow tier.
@pytest.mark.langsam
def test_workers_end_when_perlen_is_killed(tmp_path):
    build = subprocess.Popen(
        [sys.executable, "-c", ENCODING, str(tmp_path / "cache"), str(tmp_path / "out")]
    )
    workers: set[int] = set()
    try:
        workers = _wait(lambda: len(_workers(build.pid)) >= 2 and _workers(build.pid))
        assert len(workers) >= 2
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
        assert _wait(lambda: not any(_running(pid) for pid in workers), 10)
    finally:
        if build.poll() is None:
            build.kill()
        for pid in workers:  # never left behind by a failing test
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
