"""Atomic builds: Pelican writes into a fresh directory that replaces the old
output only when the whole build succeeded.

Pelican deletes or overwrites its output before it knows whether every post
can be read; a failed build must instead leave the previous site untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings


def load_settings(settings_file: str | os.PathLike, overrides: Mapping[str, Any] | None = None) -> dict:
    """Pelican's settings from `settings_file` with `overrides` applied."""
    return read_settings(str(settings_file), override=dict(overrides or {}))


def build(settings: dict) -> Path:
    """Build the site described by `settings` into its OUTPUT_PATH, atomically.

    Raises whatever stopped the build (e.g. `BuildFailed`); the previous
    output directory then stays as it was, byte for byte.
    """
    output = Path(settings["OUTPUT_PATH"]).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-neu-", dir=output.parent))
    try:
        Pelican({**settings, "OUTPUT_PATH": str(staging)}).run()
        replace_directory(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return output


def replace_directory(new: Path, target: Path) -> None:
    """Move `new` to `target`, removing the old `target` only afterwards."""
    new.chmod(0o755)
    if not target.exists():
        new.rename(target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}-alt-", dir=target.parent))
    retired.rmdir()
    target.rename(retired)
    new.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
