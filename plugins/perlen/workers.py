"""What every worker process of a build does at its start.

A build killed with SIGKILL cannot shut its pools down: the image encoders
and the post readers would work on for nobody. Each worker therefore watches
the process that started it and ends when that one is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading


def end_with_parent() -> None:
    """In a worker started by `multiprocessing`: end it (exit status 1) as
    soon as its parent process has ended; does nothing in any other process."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's sentinel closes
        os._exit(1)

    threading.Thread(target=watch, name="perlen-eltern", daemon=True).start()
