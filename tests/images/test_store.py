"""The image store shares a build's jobs among `workers` cores, the build's
own process one of them (`images/store.Encoding`)."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

from perlen.images import store
from perlen.workers import start_method

# Long enough for a job that waits in vain to fail the test, not to hang it.
MEETING = 30.0


def _meeting_job(number: int, barrier) -> store.Job:
    """A job that ends only when as many jobs as the barrier's parties are
    being made at the same time; its file names the process that made it."""

    def make() -> dict[str, bytes]:
        barrier.wait(MEETING)
        return {f"bild-{number}.jpg": str(os.getpid()).encode()}

    return store.Job(f"treffen-{number}", (f"bild-{number}.jpg",), make)


def _makers(output: Path, count: int) -> list[int]:
    return [int((output / f"bild-{n}.jpg").read_bytes()) for n in range(count)]


# In a process of its own, which runs one thread, so the encoder is forked
# (beside other threads it would be spawned, and a job of a closure cannot be).
TWO_CORES = """
import json, multiprocessing, os, sys
from pathlib import Path
from perlen.images import store
from test_store import _makers, _meeting_job

# Two jobs on two cores meet only if the build's process makes one while
# the one process started beside it makes the other.
barrier = multiprocessing.get_context("fork").Barrier(2)
jobs = [_meeting_job(n, barrier) for n in range(2)]
cache, output = Path(sys.argv[1]) / "cache", Path(sys.argv[1]) / "out"
with store.Encoding(cache, 2) as encoding:
    encoding.start(jobs)
    started = len(multiprocessing.active_children())
    report = encoding.finish(jobs, output)
print(json.dumps({
    "started": started,
    "made": len(report.made),
    "failed": len(report.failed),
    "makers": _makers(output, 2),
    "me": os.getpid(),
    "left": len(multiprocessing.active_children()),
}))
"""


def test_the_builds_process_encodes_beside_one_process_fewer_than_cores(tmp_path):
    here = str(Path(__file__).parent)
    run = subprocess.run(
        [sys.executable, "-c", TWO_CORES, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([here, *sys.path])},
    )
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout)
    assert facts["started"] == 1
    assert facts["made"] == 2 and facts["failed"] == 0
    assert facts["me"] in facts["makers"] and len(set(facts["makers"])) == 2
    assert facts["left"] == 0


def test_one_core_encodes_in_the_builds_process_alone(tmp_path):
    barrier = multiprocessing.get_context(start_method()).Barrier(1)
    jobs = [_meeting_job(n, barrier) for n in range(3)]
    with store.Encoding(tmp_path / "cache", 1) as encoding:
        encoding.start(jobs)
        assert multiprocessing.active_children() == []
        report = encoding.finish(jobs, tmp_path / "out")
    assert len(report.made) == 3
    assert _makers(tmp_path / "out", 3) == [os.getpid()] * 3
