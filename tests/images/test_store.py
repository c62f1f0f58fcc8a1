"""The image store shares a build's jobs among `workers` cores, the build's
own process one of them (`images/store.Encoding`)."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
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


@pytest.mark.skipif(start_method() != "fork", reason="jobs of closures need fork")
def test_the_builds_process_encodes_beside_one_process_fewer_than_cores(tmp_path):
    # Two jobs on two cores meet only if the build's process makes one while
    # the one process started beside it makes the other.
    barrier = multiprocessing.get_context("fork").Barrier(2)
    jobs = [_meeting_job(n, barrier) for n in range(2)]
    with store.Encoding(tmp_path / "cache", 2) as encoding:
        encoding.start(jobs)
        assert len(multiprocessing.active_children()) == 1
        report = encoding.finish(jobs, tmp_path / "out")
    assert not report.failed and len(report.made) == 2
    makers = _makers(tmp_path / "out", 2)
    assert os.getpid() in makers and len(set(makers)) == 2
    assert multiprocessing.active_children() == []


def test_one_core_encodes_in_the_builds_process_alone(tmp_path):
    barrier = multiprocessing.get_context(start_method()).Barrier(1)
    jobs = [_meeting_job(n, barrier) for n in range(3)]
    with store.Encoding(tmp_path / "cache", 1) as encoding:
        encoding.start(jobs)
        assert multiprocessing.active_children() == []
        report = encoding.finish(jobs, tmp_path / "out")
    assert len(report.made) == 3
    assert _makers(tmp_path / "out", 3) == [os.getpid()] * 3
