"""Where a build is written, and how it replaces the previous output.

A build writes into a fresh staging folder, `.output-neu-XXXX`, beside
`output/`, and replaces `output/` with one rename once everything passed: a
reader sees the old site or the new one, never a mix. Two cases need more:

- **Leftovers.** A build killed by a signal leaves its staging folder (and,
  killed while swapping, the retired `.output-alt-XXXX`). Each build holds a
  lock (`flock`) on its staging folder; the next build removes every staging
  folder whose lock is free (its build is gone) and every retired folder –
  after putting a retired folder back as `output/` if a kill between the
  swap's two renames left none.
- **The retired site** is deleted by a process of its own after the swap
  (`remove_later`), so the build ends without waiting for it.
- **`output/` cannot be renamed** (a mount point such as a Docker volume, or
  a folder whose parent the build may not write): the staging folder lies
  inside `output/` instead, and the swap moves its entries in one by one,
  each file replaced by one rename, then removes what the new site no longer
  has. A reader may briefly see old and new pages side by side, but never a
  half-written file; a build killed while swapping is completed by the next.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NEW, OLD, START = "neu", "alt", "start"
# A build creates its staging folder as `.output-start-…`, locks it, and only
# then renames it to `.output-neu-…`; an unlocked `start` folder younger than
# this many seconds may be a build's between those two steps.
JUST_CREATED = 60


def can_rename(output: Path) -> bool:
    """Whether `output` can be replaced by a rename in its parent folder."""
    mounted = os.path.ismount(output) or is_mount_point(output)
    return not mounted and os.access(output.parent, os.W_OK)


def is_mount_point(folder: Path) -> bool:
    """Whether `folder` is mounted, also a bind mount within one file system,
    which `os.path.ismount` cannot tell (same device); Linux lists every
    mount in /proc/self/mountinfo, its fifth field the mount point."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8") as mounts:
            points = {line.split()[4] for line in mounts if len(line.split()) > 4}
    except OSError:
        return False
    # Spaces and such are octal escapes there ("\040").
    escaped = os.path.realpath(folder).translate(
        {ord(c): f"\\{ord(c):03o}" for c in " \t\n\\"}
    )
    return escaped in points


@contextmanager
def staging_for(output: Path) -> Iterator[Path]:
    """A locked, empty staging folder for a build of `output`; removed on
    leaving unless it became `output`."""
    output.parent.mkdir(parents=True, exist_ok=True)
    home = output.parent if can_rename(output) else output
    home.mkdir(exist_ok=True)
    remove_leftovers(output)
    starting = Path(tempfile.mkdtemp(prefix=_prefix(output, START), dir=home))
    lock = os.open(starting, os.O_RDONLY)
    staging = starting
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        staging = home / (
            _prefix(output, NEW) + starting.name.removeprefix(_prefix(output, START))
        )
        starting.rename(staging)
        yield staging
    finally:
        os.close(lock)
        shutil.rmtree(staging, ignore_errors=True)


def _prefix(output: Path, kind: str) -> str:
    return f".{output.name}-{kind}-"


def remove_leftovers(output: Path) -> list[Path]:
    """Remove what killed builds of `output` left behind; returns it. A site
    retired by a build killed between the swap's two renames is first put
    back (`restore_retired`), so no later build, failing or not, loses it."""
    restore_retired(output)
    removed = []
    for home in (output.parent, output):
        if not home.is_dir():
            continue
        for entry in home.iterdir():
            kind = _kind(output, entry)
            if kind is None or entry.is_symlink() or not entry.is_dir():
                continue
            if kind != OLD and _in_use(entry):
                continue
            if kind == START and time.time() - entry.stat().st_mtime < JUST_CREATED:
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def restore_retired(output: Path) -> Path | None:
    """The retired site back as `output`, if a build was killed after moving
    `output` aside and before moving its new site in (no `output` at all,
    only `.output-alt-…`); returns the folder restored. The new site of that
    build is a leftover: it was never published."""
    if output.exists() or output.is_symlink() or not output.parent.is_dir():
        return None
    retired = [
        entry
        for entry in output.parent.iterdir()
        if _kind(output, entry) == OLD and entry.is_dir() and not entry.is_symlink()
    ]
    if not retired:
        return None
    newest = max(retired, key=lambda entry: entry.stat().st_mtime)
    newest.rename(output)
    return newest


def _kind(output: Path, entry: Path) -> str | None:
    return next(
        (k for k in (NEW, OLD, START) if entry.name.startswith(_prefix(output, k))),
        None,
    )


def _in_use(staging: Path) -> bool:
    """Whether a running build holds the lock on `staging`."""
    try:
        handle = os.open(staging, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False


def replace_output(new: Path, target: Path) -> None:
    """Make the finished staging folder `new` the site at `target`."""
    new.chmod(0o755)
    if new.parent == target:
        _swap_entries(new, target)
        return
    if not target.exists():
        new.rename(target)
        return
    retired = Path(tempfile.mkdtemp(prefix=_prefix(target, OLD), dir=target.parent))
    retired.rmdir()
    target.rename(retired)
    new.rename(target)
    remove_later(retired)


def remove_later(folder: Path) -> None:
    """Remove `folder`, a retired site beside the new one, in a process the
    build does not wait for: deleting the pages of 1,000 posts takes longer
    than the swap (about 0.4 s), and nobody needs them anymore. A build that
    starts before they are gone removes them itself (`remove_leftovers`)."""
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl+C after the build does not stop it
        )
    except OSError:  # no `rm`, or no process to spare
        shutil.rmtree(folder, ignore_errors=True)


def _swap_entries(new: Path, target: Path) -> None:
    """Move the entries of `new` (inside `target`) into `target`: each
    file by one rename; a folder by two (old aside, new in). Then retire
    what the new site no longer has."""
    retired = Path(tempfile.mkdtemp(prefix=_prefix(target, OLD), dir=target))
    fresh = sorted(new.iterdir())
    for entry in fresh:
        destination = target / entry.name
        if destination.is_dir() and not destination.is_symlink():
            destination.rename(retired / entry.name)
        os.replace(entry, destination)
    ours = tuple(_prefix(target, kind) for kind in (NEW, OLD, START))
    kept = {entry.name for entry in fresh}
    for entry in list(target.iterdir()):
        if entry.name not in kept and not entry.name.startswith(ours):
            entry.rename(retired / entry.name)
    new.rmdir()
    shutil.rmtree(retired, ignore_errors=True)
