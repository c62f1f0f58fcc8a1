"""Fault injection: killed builds, a damaged cache, full or read-only disks,
an output folder that is a mount point or a symbolic link. The previous site
survives, the next build is clean, and nothing is left behind (`swap`)."""

from __future__ import annotations

import builtins
import errno
import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from perlen.building import parallel_writing, swap
from perlen.problems import BuildFailed
from perlen.settings import DEFAULTS


def post(title: str, body: str = "Text.") -> str:
    return f"Titel: {title}\nDatum: 28.09.2021\n\n{body}\n"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its content hash."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(
        path.name
        for home in (folder, folder / "output")
        if home.is_dir()
        for path in home.iterdir()
        if path.name.startswith((".output-neu-", ".output-alt-"))
    )


def wait_for(condition, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while not (result := condition()):
        if time.monotonic() > deadline:
            return result
        time.sleep(0.01)
    return result


# -- Killed builds ---------------------------------------------------------------


def _staging(root: Path) -> list[Path]:
    return [p for p in root.glob(".output-neu-*") if p.is_dir()]


# Points at which a build is killed, each reached for certain: the build runs
# in a process of its own (`HOLD`) that stops at the point, on one of
# Pelican's signals, says so in a file and waits to be killed. Each point
# names what the staging folder then holds: only itself, once Pelican
# writes pages into it, once everything including the theme is written.
KILL_POINTS = {
    "angefangen": ("initialized", lambda root: _staging(root)),
    "schreibt": (
        "content_written",
        lambda root: any((s / "2021").is_dir() for s in _staging(root)),
    ),
    "kopiert": (
        "finalized",
        lambda root: any((s / "theme").is_dir() for s in _staging(root)),
    ),
}

HOLD = """
import sys, time
from pathlib import Path
from pelican import signals
from perlen.commands.cli import main

point, signal_name, ready = sys.argv[1], sys.argv[2], Path(sys.argv[3])


def hold(sender=None, **data):
    # A page of a post (not the first file Pelican writes) for "schreibt".
    if signal_name == "content_written" and "/2021/" not in str(sender):
        return
    ready.write_text(point)
    while True:
        time.sleep(3600)


getattr(signals, signal_name).connect(hold, weak=False)
sys.exit(main(["bauen"]))
"""


@pytest.mark.langsam
@pytest.mark.parametrize("point", list(KILL_POINTS))
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_killed_build_leaves_the_site_and_nothing_else(project, point, how):
    for number in range(150):
        project.write(f"posts/2021/p{number}.md", post(f"Beitrag {number}"))
    assert project.run("bauen")[0] == 0
    output = project.root / "output"
    before = snapshot(output)
    project.write("posts/2021/neu.md", post("Neu"))
    signal_name, reached = KILL_POINTS[point]
    ready = project.root.parent / "angehalten"
    build = subprocess.Popen(
        [sys.executable, "-c", HOLD, point, signal_name, str(ready)],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: ready.exists() or build.poll() is not None)
        assert build.poll() is None, build.stderr.read()  # held, not finished
        assert reached(project.root)
        build.send_signal(how)
        build.wait(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode != 0
    assert "Traceback" not in build.stderr.read()
    assert snapshot(output) == before  # the previous site, byte for byte
    code, _, err = project.run("bauen")
    assert code == 0, err
    assert (output / "2021/neu/index.html").is_file()
    assert wait_for(lambda: leftovers(project.root) == [])


def test_the_next_build_removes_leftovers_but_not_a_running_builds(site):
    site.write("posts/a.md", post("A"))
    stale_new = site.root / ".output-neu-tot"
    stale_old = site.root / ".output-alt-tot"
    running = site.root / ".output-neu-laeuft"
    for folder in (stale_new, stale_old, running):
        (folder / "2021").mkdir(parents=True)
        (folder / "2021/index.html").write_text("alt")
    lock = os.open(running, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        site.build()
        assert not stale_new.exists() and not stale_old.exists()
        assert running.is_dir()
    finally:
        os.close(lock)
    site.build()
    assert not running.exists()


def test_a_starting_build_is_not_mistaken_for_a_dead_one(tmp_path):
    output = tmp_path / "output"
    young = tmp_path / ".output-start-jung"
    old = tmp_path / ".output-start-alt"
    young.mkdir()
    old.mkdir()
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert swap.remove_leftovers(output) == [old]
    assert young.is_dir()


# -- The output folder ------------------------------------------------------------


def test_output_as_a_symbolic_link_stays_one(site):
    site.write("posts/a.md", post("A", "Erste Fassung."))
    docroot = site.root / "www" / "blog"
    docroot.mkdir(parents=True)
    site.output.symlink_to(docroot)
    site.build()
    site.write("posts/a.md", post("A", "Zweite Fassung."))
    site.build()
    assert site.output.is_symlink()
    assert "Zweite\u00a0Fassung." in (docroot / "2021/a/index.html").read_text()
    assert wait_for(lambda: leftovers(site.root) == leftovers(site.root / "www") == [])


def test_the_retired_site_is_removed_by_a_process_of_its_own(site, monkeypatch):
    site.write("posts/a.md", post("A", "Erste Fassung."))
    site.build()
    removals = []
    popen = subprocess.Popen

    def recorded(args, **options):
        if args[0] == "rm":
            removals.append((args, options))
        return popen(args, **options)

    monkeypatch.setattr(subprocess, "Popen", recorded)
    site.write("posts/a.md", post("A", "Zweite Fassung."))
    site.build()
    ((args, options),) = removals
    retired = Path(args[-1])
    assert args[:-1] == ["rm", "-rf", "--"] and options["start_new_session"]
    assert retired.parent == site.root and retired.name.startswith(".output-alt-")
    assert "Zweite\u00a0Fassung." in site.html("2021/a/index.html")
    assert wait_for(lambda: not retired.exists())


def test_without_rm_the_build_removes_the_retired_site_itself(site, monkeypatch):
    site.write("posts/a.md", post("A"))
    site.build()

    popen = subprocess.Popen

    def no_rm(args, **options):
        if args[0] == "rm":
            raise FileNotFoundError(2, "No such file or directory", args[0])
        return popen(args, **options)

    monkeypatch.setattr(subprocess, "Popen", no_rm)
    site.write("posts/a.md", post("A", "Zweite Fassung."))
    site.build()
    assert leftovers(site.root) == []  # at once, by the build


@pytest.fixture
def mounted(site):
    """`output/` as a mount point of its own (a tmpfs), as in a container."""
    site.output.mkdir()
    mounts = []

    def mount(*options: str) -> None:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", *options, "tmpfs", str(site.output)],
            capture_output=True,
        )
        if done.returncode != 0:
            pytest.skip("Dieser Rechner kann keinen Ordner einhängen (mount).")
        mounts.append(site.output)

    yield mount
    for _ in mounts:
        subprocess.run(["umount", str(site.output)], check=False)


def test_output_on_a_mount_point_is_replaced_entry_by_entry(site, mounted):
    mounted()
    site.write("posts/a.md", post("A", "Erste Fassung."))
    site.write("posts/b.md", post("B"))
    site.build()
    assert os.path.ismount(site.output)
    (site.content / "posts/b.md").unlink()
    site.write("posts/a.md", post("A", "Zweite Fassung."))
    site.build()
    assert os.path.ismount(site.output)
    assert "Zweite\u00a0Fassung." in site.html("2021/a/index.html")
    assert not (site.output / "2021/b").exists()  # gone from the new site
    assert leftovers(site.root) == []
    site.write("posts/a.md", "Titel: A\n\nOhne Datum.\n")
    with pytest.raises(BuildFailed):
        site.build()
    assert "Zweite\u00a0Fassung." in site.html("2021/a/index.html")
    assert leftovers(site.root) == []


def test_a_read_only_output_is_one_german_sentence(site, mounted):
    mounted("-o", "ro")
    site.write("posts/a.md", post("A"))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    (problem,) = failure.value.problems
    assert problem.message.startswith("Hier darf der Blog nicht schreiben;")
    assert "Schreibrechte" in problem.fix


@pytest.mark.parametrize("number", [errno.ENOSPC, errno.EDQUOT])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_full_disk_is_one_german_sentence(
    site, monkeypatch, number, workers, forking
):
    # With two, the pages are rendered in a forked process too.
    monkeypatch.setitem(DEFAULTS, "PERLEN_WORKERS", workers)
    monkeypatch.setattr(parallel_writing, "MINIMUM_PAGES", 1)
    for name in "ABCDEF":
        site.write(f"posts/{name.lower()}.md", post(name))
    site.build()
    before = snapshot(site.output)

    real_open = builtins.open

    def full(file, mode="r", *args, **kwargs):
        """Pages cannot be written, however the build writes them."""
        if "w" in mode and str(file).endswith("index.html"):
            raise OSError(number, os.strerror(number), str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", full)
    with pytest.raises(BuildFailed) as failure:
        site.build()
    (problem,) = failure.value.problems
    assert problem.message.startswith("Der Speicherplatz ist voll;")
    assert snapshot(site.output) == before
    assert leftovers(site.root) == []


def test_perlen_bauen_into_a_read_only_folder_says_so(project):
    project.write("posts/2021/a.md", post("A"))
    folder = project.root / "nur-lesen"
    folder.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro", "tmpfs", str(folder)], check=False
    ).returncode:
        pytest.skip("Dieser Rechner kann keinen Ordner einhängen (mount).")
    try:
        code, _, err = project.run("bauen", "-o", "nur-lesen/website")
    finally:
        subprocess.run(["umount", str(folder)], check=False)
    assert code == 1
    assert "Hier darf der Blog nicht schreiben;" in err
    assert "Traceback" not in err


def test_swap_keeps_a_running_builds_staging_inside_output(tmp_path):
    target = tmp_path / "output"
    (target / "alt").mkdir(parents=True)
    other = target / ".output-neu-anderer"
    other.mkdir()
    new = target / ".output-neu-dieser"
    (new / "neu").mkdir(parents=True)
    swap.replace_output(new, target)
    assert sorted(p.name for p in target.iterdir()) == [".output-neu-anderer", "neu"]


# A build that kills itself (SIGKILL) exactly between the swap's two renames:
# `output/` is already moved aside, the new site not yet moved in.
KILLED_BETWEEN_RENAMES = """
import os, signal, sys
from pathlib import Path
from perlen.commands.cli import main

rename = Path.rename

def rename_then_die(self, target):
    if Path(target).name == "output" and self.name.startswith(".output-neu-"):
        os.kill(os.getpid(), signal.SIGKILL)
    return rename(self, target)

Path.rename = rename_then_die
sys.exit(main(["bauen"]))
"""


@pytest.mark.langsam
def test_a_failing_build_after_a_kill_between_the_renames_keeps_the_site(project):
    project.write("posts/2021/a.md", post("Alt"))
    assert project.run("bauen")[0] == 0
    output = project.root / "output"
    before = snapshot(output)
    project.write("posts/2021/b.md", post("Neu"))
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BETWEEN_RENAMES],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not output.exists()  # the fault happened where it was injected
    assert [p.name[:12] for p in project.root.glob(".output-alt-*")] == [".output-alt-"]
    project.write("posts/2021/b.md", "Titel: Neu\nDatum: 31.02.2021\n\nText.\n")
    code, _, err = project.run("bauen")
    assert code != 0 and "31.02.2021" in err, err
    assert snapshot(output) == before  # the last good site, byte for byte
    project.write("posts/2021/b.md", post("Neu"))
    assert project.run("bauen")[0] == 0
    assert (output / "2021/neu/index.html").is_file()
    assert wait_for(lambda: leftovers(project.root) == [])
