"""Posts read in worker processes (`building/parallel_reading`): the same
site, the same problems, and no worker outlives its build."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from perlen import pelican_glue, workers
from perlen.building import parallel_reading
from perlen.building.checked import checked_build
from perlen.settings import DEFAULTS
from perlen.workers import worker_count
from PIL import Image


@pytest.fixture
def worker_reads(monkeypatch) -> list[str]:
    """The posts whose reading came from a worker."""
    received: list[str] = []
    put = pelican_glue.put_in_cache

    def counting(readers, path, stamp, data):
        received.append(path)
        put(readers, path, stamp, data)

    monkeypatch.setattr(pelican_glue, "put_in_cache", counting)
    return received


def varied_site(site, count: int = 12) -> None:
    """Posts with emoji, quotes, code, an image, links, tags and warnings."""
    (site.content / "images").mkdir()
    Image.new("RGB", (40, 30), "#c83264").save(site.content / "images" / "punkt.png")
    for number in range(count):
        site.write(
            f"posts/p{number:02}.md",
            f"Titel: Beitrag {number} – „Perlen“ 😅\n"
            f"Datum: {number + 1}. März 2021\n"
            f"Schlagwörter: Farbe, Papier{number % 3}\n"
            + ("Farbe: rot\n" if number % 5 == 0 else "")
            + "\n"
            + ("# Zu groß\n\n" if number % 4 == 0 else "")
            + f'Ein Text mit "Zitaten" - und :heart: <3 {number}.\n\n'
            "![Ein Punkt](/images/punkt.png)\n\n"
            + (f"[Davor](p{number - 1:02}.md)\n\n" if number else "")
            + "```python\nprint('hallo')\n```\n",
        )
    site.write("pages/ueber.md", "Titel: Über uns\n\nWir sind es 💚.\n")


def tree(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(
    ("method", "chunk"), [("fork", 8), ("spawn", 8), ("fork", 1), ("fork", 5)]
)
def test_workers_build_the_same_site_byte_for_byte(
    site, monkeypatch, worker_reads, method, chunk
):
    """Whatever the worker's jobs, a post at a time or a few (12 posts in jobs
    of 5: the last job is shorter), and whichever posts the build's process
    takes back."""
    varied_site(site)
    monkeypatch.setattr(parallel_reading, "MINIMUM_POSTS", 0)
    monkeypatch.setattr(parallel_reading, "CHUNK", chunk)
    monkeypatch.setattr(workers, "start_method", lambda: method)
    one = checked_build(site.settings(PERLEN_WORKERS=1))
    assert one.output is not None
    sequential = tree(site.output)
    assert worker_reads == []
    two = checked_build(site.settings(PERLEN_WORKERS=2, LOAD_CONTENT_CACHE=False))
    assert two.output is not None
    assert worker_reads, "no post was read in a worker"
    assert tree(site.output) == sequential
    assert [str(p) for p in two.problems] == [str(p) for p in one.problems]
    assert any("Zeile 4: Den Schlüssel „Farbe“" in str(p) for p in two.problems)


def test_problems_are_reported_once_with_file_and_line(site, workers, make_post):
    varied_site(site, count=4)
    site.write("posts/kaputt.md", "Titel: Kaputt\nKategori: Foo\n\nText.\n")
    site.write("posts/steuer.md", make_post("Mit \x07 Klingel."))
    site.write("posts/tief.md", make_post("- " * 2000 + "x"))
    outcome = checked_build(site.settings())
    assert outcome.output is None
    messages = [str(p) for p in outcome.errors]
    assert len(messages) == len(set(messages))
    unknown = (
        "kaputt.md, Zeile 2: Unbekannter Schlüssel „Kategori“ – meinten Sie "
        "„Kategorie“? Bitte „Kategorie:“ schreiben."
    )
    assert sum(m.endswith(unknown) for m in messages) == 1, messages
    assert sum("kaputt.md, Zeile 1: Das Datum fehlt" in m for m in messages) == 1
    control = [m for m in messages if "steuer.md, Zeile 4" in m]
    assert len(control) == 1 and "Steuerzeichen" in control[0]
    assert sum("tief.md" in m and "verschachtelt" in m for m in messages) == 1
    warned = [str(p) for p in outcome.warnings]
    assert sum("p00.md, Zeile 4: Den Schlüssel „Farbe“" in w for w in warned) == 1


def test_a_post_edited_after_a_build_is_read_again(site, workers):
    """A worker's reading is cached with the stamp taken before it read, so
    the next build sees the edit."""
    varied_site(site, count=3)
    site.build()
    post = site.content / "posts" / "p01.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nNachtrag17\n", "utf-8")
    site.build()
    assert "Nachtrag17" in site.html("2021/beitrag-1-perlen/index.html")


def test_one_worker_setting_means_no_worker(site, monkeypatch, worker_reads):
    varied_site(site, count=3)
    monkeypatch.setattr(parallel_reading, "MINIMUM_POSTS", 0)
    site.build(PERLEN_WORKERS=1)
    assert worker_reads == []


def test_workers_are_forked_only_from_a_process_without_other_threads():
    alone = subprocess.run(
        [
            sys.executable,
            "-c",
            "from perlen.workers import start_method\nprint(start_method())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert alone.stdout.strip() == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert workers.start_method() == "spawn"
    finally:
        stop.set()
        other.join()


def test_the_default_is_one_process_per_core():
    assert DEFAULTS["PERLEN_WORKERS"] is None
    assert worker_count({}) == len(os.sched_getaffinity(0))
    assert worker_count({"PERLEN_WORKERS": 3}) == 3
    assert worker_count({"PERLEN_WORKERS": 0}) == 1


# -- Faults: no worker outlives its build ---------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def wait_for(condition, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while not (result := condition()) and time.monotonic() < deadline:
        time.sleep(0.01)
    return result


def _workers(pid: int) -> list[int]:
    """The build's worker processes: forked (the build's own command line)
    or, beside other threads, spawned by `multiprocessing`."""
    build = _read(f"/proc/{pid}/cmdline")
    return [
        child
        for child in children(pid)
        if _read(f"/proc/{child}/cmdline") == build
        or b"spawn_main" in _read(f"/proc/{child}/cmdline")
    ]


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


# The build runs in a process of its own that stops at a known point: Pelican
# is about to read the first post (`article_generator_preread`), so the
# generators have been made and the workers started (`read_ahead`), and they
# live until every post is read. There it says so in a file and waits to be
# stopped; a fast machine cannot finish the build first.
HOLD = """
import sys, time
from pathlib import Path
from pelican import signals
from perlen.commands.cli import main

ready = Path(sys.argv[1])


def hold(sender=None, **data):
    ready.write_text("angehalten")
    while True:
        time.sleep(3600)


signals.article_generator_preread.connect(hold, weak=False)
sys.exit(main(["bauen"]))
"""


def stopped_build(project, tmp_path, hold: str, posts: int, how, helpers) -> list:
    """`perlen bauen` on two processes over `posts` posts, run by `hold` (a
    script that stops the build where its helper processes work, says so in
    the file named by its argument and waits), stopped with the signal
    `how`. Asserts it ended without a traceback („Abgebrochen“ on Ctrl+C),
    left no output and none of its helpers (`helpers(pid)`, found while it
    was held) behind, and that the next build succeeds; returns the helpers."""
    with (project.root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write("\nPERLEN_WORKERS = 2\n")
    for number in range(posts):
        project.write(
            f"posts/2021/p{number}.md",
            f"Titel: Beitrag {number}\nDatum: 28.09.2021\n\nEin Satz.\n",
        )
    ready = tmp_path / "angehalten"
    # A file, not a pipe: a helper left behind would hold a pipe open.
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        build = subprocess.Popen(
            [sys.executable, "-c", hold, str(ready)],
            cwd=project.root,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        assert wait_for(lambda: ready.exists() or build.poll() is not None)
        assert build.poll() is None, log.read_text(encoding="utf-8")  # held
        found = helpers(build.pid)
        assert found
        build.send_signal(how)
        build.wait(timeout=120)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode != 0
    messages = log.read_text(encoding="utf-8")
    assert "Traceback" not in messages
    if how == signal.SIGINT:
        assert "Abgebrochen" in messages
    assert wait_for(lambda: not any(alive(pid) for pid in found))
    assert not (project.root / "output").exists()
    code, _, err = project.run("bauen")
    assert code == 0, err
    return found


@pytest.mark.langsam
@pytest.mark.parametrize(
    "how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["int", "term", "kill"]
)
def test_a_stopped_build_leaves_no_worker_behind(project, tmp_path, how):
    posts = parallel_reading.MINIMUM_POSTS + 6
    workers = stopped_build(project, tmp_path, HOLD, posts, how, _workers)
    # Two processes read, whatever this machine's cores: one worker.
    assert len(workers) == 1, workers
    last = parallel_reading.MINIMUM_POSTS + 5
    assert (project.root / f"output/2021/beitrag-{last}/index.html").is_file()


def test_a_worker_is_given_a_few_posts_per_job(site, monkeypatch, worker_reads):
    """Twelve posts in jobs of five: three jobs (and the page's one)."""
    jobs = []

    class Counting(parallel_reading.ProcessPoolExecutor):
        def submit(self, function, /, *args, **kwargs):
            jobs.append(len(args[0]))
            return super().submit(function, *args, **kwargs)

    varied_site(site)
    monkeypatch.setattr(parallel_reading, "MINIMUM_POSTS", 0)
    monkeypatch.setattr(parallel_reading, "CHUNK", 5)
    monkeypatch.setattr(parallel_reading, "ProcessPoolExecutor", Counting)
    assert checked_build(site.settings(PERLEN_WORKERS=2)).output is not None
    assert jobs == [5, 5, 2, 1]
    assert worker_reads
