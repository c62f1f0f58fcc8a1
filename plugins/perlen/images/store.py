"""Processed images are made once: cached by content and settings, in parallel.

A job names everything its bytes depend on in its `key` (the source file's
SHA-256, the variants, the quality settings, Pillow's version, the code of
this package; for a social card its title, the site's name and the font), so an
unchanged image is never encoded again – not by a rebuild, not by the
preview – and a changed one always is. Missing entries are made on every
core: in processes of their own while the build renders its pages, and in the
build's process once it waits for them; the build copies finished files from
the cache.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import blinker
import PIL

from perlen.images.source import unreadable
from perlen.problems import ProblemError
from perlen.workers import end_with_parent, start_method, take_next

_PACKAGE = Path(__file__).parent

# Sent after every build's image step with the `Report` as sender: how many
# jobs were made anew and how many came from the cache (tests count them).
images_processed = blinker.signal("perlen-images-processed")


@dataclass(frozen=True)
class Job:
    """Files to make: `make()` returns their bytes by site-relative path."""

    key: str
    outputs: tuple[str, ...]
    make: Callable[[], dict[str, bytes]] = field(compare=False)
    origin: str = ""  # the writer's file that shows the image, for messages
    line: int | None = None
    source: str = ""  # the content-relative image it is made of, if any (messages)


@dataclass
class Report:
    made: list[str] = field(default_factory=list)  # keys of jobs made anew
    reused: int = 0
    failed: list[tuple[Job, ProblemError]] = field(default_factory=list)


@cache
def _code() -> bytes:
    """The image package's own code: a change to the encoder or the card's
    design makes every file anew."""
    digest = hashlib.sha256(PIL.__version__.encode())
    for source in sorted(_PACKAGE.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.digest()


def cache_key(*parts: object) -> str:
    """A key over `parts`, Pillow's version and the image package's code."""
    digest = hashlib.sha256(_code())
    for part in parts:
        digest.update(b"\0")
        digest.update(part if isinstance(part, bytes) else repr(part).encode())
    return digest.hexdigest()


def file_digest(path: Path) -> bytes:
    """The SHA-256 of a file, read again only when its size or time changed
    (a preview rebuilding many times hashes each photo once)."""
    stat = path.stat()
    return _digest(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4096)
def _digest(path: Path, size: int, mtime: int) -> bytes:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").digest()


def _entry(cache: Path, job: Job) -> Path:
    return cache / job.key[:2] / job.key


def _cached(cache: Path, job: Job) -> bool:
    entry = _entry(cache, job)
    return all((entry / str(i)).is_file() for i in range(len(job.outputs)))


def _run(job: Job) -> dict[str, bytes] | ProblemError:
    try:
        return job.make()
    except ProblemError as error:
        return error
    except (OSError, SyntaxError, ValueError):  # Pillow's "broken file"
        return unreadable(os.path.basename(job.source or job.origin))


def process(jobs: Iterable[Job], cache: Path, output: Path, workers: int) -> Report:
    """Make the jobs the cache lacks, then copy every job's files into `output`."""
    with Encoding(cache, workers) as encoding:
        return encoding.finish(jobs, output)


class Encoding:
    """One build's image jobs, made on `workers` cores, the build's own
    process one of them.

    `start` hands the jobs to `workers - 1` processes of their own as soon as
    the jobs are known, so they are encoded while the build still renders its
    pages on the remaining core (one encoder per core beside it made four
    busy processes on two cores, and their memory came on top of the
    rendering's); `finish` takes the jobs no process has begun yet in the
    build's process, waits for the rest, makes what no process made, and
    copies every job's files. All take jobs from a shared counter, and each
    process stores its results in the cache itself, so only a short outcome
    per job travels back, and the build's process starts no thread (it forks
    to render its pages). Leaving the block lets a running job finish and
    stops the rest.
    """

    def __init__(self, cache: Path, workers: int):
        self.cache, self.workers = cache, workers
        # The jobs handed to the processes (one per key), in the order of
        # the counter.
        self.queue: list[Job] = []
        self.processes: list[tuple[Any, Any]] = []
        self.taken: Any = None
        self.outcome: dict[str, ProblemError | None] = {}

    def __enter__(self) -> Encoding:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """No further job is begun; wait for the ones being made."""
        if self.taken is not None:
            with self.taken.get_lock():
                self.taken.value = len(self.queue)
        self._collect()

    def start(self, jobs: Iterable[Job]) -> None:
        """Begin making the jobs the cache lacks (in processes of their own,
        when there are two or more: alone, a job waits for `finish`)."""
        if self.queue:
            return
        missing = self._missing(_unique(jobs))
        if len(missing) > 1 and self.workers > 1:
            self._launch(missing)

    def finish(self, jobs: Iterable[Job], output: Path) -> Report:
        """Make what `start` did not, wait for all, copy into `output`."""
        unique = _unique(jobs)
        self.start(unique)
        launched = {job.key for job in self.queue}
        missing = {
            job.key: job
            for job in unique
            if job.key in launched or not _cached(self.cache, job)
        }
        if self.taken is not None:
            while (index := take_next(self.taken, len(self.queue))) is not None:
                job = self.queue[index]
                self.outcome[job.key] = _made(self.cache, job)
        self._collect()
        report = Report(reused=len(unique) - len(missing))
        for key, job in missing.items():
            if key not in self.outcome:  # not begun, or its process died
                self.outcome[key] = _made(self.cache, job)
            if self.outcome[key] is None:
                report.made.append(key)
            else:
                report.failed.append((job, self.outcome[key]))
        failed = {job.key for job, _ in report.failed}
        for job in unique:
            if job.key in failed:
                continue
            entry = _entry(self.cache, job)
            for index, path in enumerate(job.outputs):
                target = output / path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(entry / str(index), target)
        images_processed.send(report)
        return report

    def _missing(self, unique: list[Job]) -> list[Job]:
        # Jobs with the same key (one title, two posts) share one entry.
        return list(
            {job.key: job for job in unique if not _cached(self.cache, job)}.values()
        )

    def _launch(self, missing: list[Job]) -> None:
        # Forked where that is safe (`start_method`), else spawned; never a
        # forkserver, which would outlive the build in the preview.
        context = multiprocessing.get_context(start_method())
        self.queue = missing
        self.taken = context.Value("q", 0)
        for _ in range(min(self.workers - 1, len(missing) - 1)):
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(
                target=_make_share,
                args=(missing, self.cache, self.taken, sending),
                daemon=True,
            )
            process.start()
            sending.close()
            self.processes.append((process, receiving))

    def _collect(self) -> None:
        """Wait for the processes and keep what they made (a process that
        died sends nothing: `finish` makes its jobs)."""
        for process, receiving in self.processes:
            with suppress(EOFError):
                self.outcome.update(receiving.recv())
            process.join()
        self.processes = []


def _made(cache: Path, job: Job) -> ProblemError | None:
    """Make `job` here and store it; its problem, if it has one."""
    result = _run(job)
    if isinstance(result, ProblemError):
        return result
    _store(_entry(cache, job), [result[path] for path in job.outputs])
    return None


def _make_share(jobs: list[Job], cache: Path, taken, sending) -> None:
    """In a process of its own: make the next job by the shared counter
    until none is left, then send each one's outcome."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build stops us
    end_with_parent()
    outcome = {}
    while (index := take_next(taken, len(jobs))) is not None:
        outcome[jobs[index].key] = _made(cache, jobs[index])
    sending.send(outcome)
    sending.close()


def _unique(jobs: Iterable[Job]) -> list[Job]:
    return list({(job.key, job.outputs): job for job in jobs}.values())


def _store(entry: Path, files: list[bytes]) -> None:
    """Write a cache entry atomically: a half-written entry never counts.
    Files are numbered in the order of the job's outputs, so that an entry
    serves every job with its key, whatever their paths."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=entry.parent, prefix=".neu-"))
    for index, data in enumerate(files):
        (staging / str(index)).write_bytes(data)
    shutil.rmtree(entry, ignore_errors=True)  # an incomplete entry
    try:
        staging.rename(entry)
    except OSError:  # made meanwhile by another build
        shutil.rmtree(staging, ignore_errors=True)
