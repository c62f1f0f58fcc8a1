"""Output folders made ahead of the pages, while Pelican renders them.

Pretty URLs give every page a folder of its own (`2021/beitrag/index.html`),
so a build makes about as many folders as pages where stock Pelican's flat
output needs a handful. Pelican's writer makes each folder just before it
writes the page, and on ext4 a `mkdir` mostly waits for the file system
(0.2–0.6 ms with the CPU idle): 0.5–1.5 s per 1,000 posts. Once the
generators are finalized, the address of every post, page, tag, category and
author is known, so a process of its own makes their folders while Pelican
renders, and the writer finds them made. Only folders that get a page are
made, so the output stays the same.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

# Makes the folders named on stdin (NUL-separated) below its working folder,
# and stops once that folder is gone (a failed build removed its output).
_MAKER = """
import os, sys
for folder in sys.stdin.buffer.read().split(b"\\0"):
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except OSError:
        break
"""
# The makers still running, so that a build can wait for its own.
_RUNNING: list[subprocess.Popen] = []


def make_folders_ahead(output: str, folders: list[str]) -> None:
    """Make `folders` (relative to `output`, parents first: the site map's
    `page_folders`) in a process of their own while Pelican renders and
    writes; called once the checks passed, when nothing but an error in a
    template stops the build any more.

    A process rather than a thread: a thread would take the interpreter lock
    back after every `mkdir`, and on a busy machine the renderer would wait
    for it each time.
    """
    if not os.path.isdir(output):
        return
    names = "\0".join(folders).encode()
    maker = subprocess.Popen(
        [sys.executable, "-I", "-S", "-c", _MAKER], stdin=subprocess.PIPE, cwd=output
    )
    _RUNNING.append(maker)
    with contextlib.suppress(BrokenPipeError):
        maker.stdin.write(names)
    maker.stdin.close()


def wait_for_folders() -> None:
    """Wait until the folders are made: before the output is swapped in or,
    after a failure, removed (which then removes all of it)."""
    while _RUNNING:
        _RUNNING.pop().wait()
