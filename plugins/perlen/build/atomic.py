"""Atomic builds: Pelican writes into a fresh directory that replaces the old
output only when the whole build succeeded.

Pelican deletes or overwrites its output before it knows whether every post
can be read; a failed build must instead leave the previous site untouched.
Before the swap, `_headers` is written, and a publish build does more, each
step switched on by a setting: strict (`PERLEN_STRICT`: every warning fails),
content-hashed asset names (`PERLEN_ASSET_HASHES`) and verification of the
finished site (`PERLEN_VERIFY`). All problems of a build are reported together.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from pelican import Pelican, signals
from pelican.contents import Content
from pelican.settings import read_settings

from perlen.build import strict
from perlen.build.folders import wait_for_folders
from perlen.problems import BuildFailed, Problem
from perlen.publish import search_index
from perlen.publish.asset_hashes import hash_assets
from perlen.publish.headers import write_headers
from perlen.publish.verify import verify_site
from perlen.settings import setting


def load_settings(
    settings_file: str | os.PathLike, overrides: Mapping[str, Any] | None = None
) -> dict:
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
        problems, written = run_pelican({**settings, "OUTPUT_PATH": str(staging)})
        problems += finish(staging, settings, written)
        if problems:
            raise BuildFailed(problems)
        replace_directory(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return output


def run_pelican(settings: dict) -> tuple[list[Problem], dict[str, Content]]:
    """Run Pelican; return the warnings of a strict build (as errors) and the
    content each output file was written from.

    A strict build reads every file afresh: warnings a reader logs are not
    repeated for content that comes from the cache.
    """
    is_strict = setting(settings, "PERLEN_STRICT")
    if is_strict:
        settings = {**settings, "LOAD_CONTENT_CACHE": False}
    output = settings["OUTPUT_PATH"]
    written: dict[str, Content] = {}

    def remember(path: str, context: Mapping[str, Any]) -> None:
        content = context.get("article") or context.get("page")
        if content is not None:
            written[Path(os.path.relpath(path, output)).as_posix()] = content

    with ExitStack() as stack:
        stack.enter_context(signals.content_written.connected_to(remember))
        # The folders `checked` has made ahead are all there when Pelican is done.
        stack.callback(wait_for_folders)
        warnings = []
        if is_strict:
            warnings = stack.enter_context(strict.collect_warnings(settings["PATH"]))
        try:
            Pelican(settings).run()
        except BuildFailed as failure:
            stopped = failure.problems
        except TemplateError as error:
            stopped = [strict.template_problem(error)]
        else:
            return strict.as_errors(warnings), written
    problems = [*stopped, *warnings]
    raise BuildFailed(strict.as_errors(problems) if is_strict else problems)


def finish(
    site: Path, settings: Mapping[str, Any], written: Mapping[str, Content]
) -> list[Problem]:
    """The steps after Pelican on the built `site`; returns what verification found."""
    immutable = (
        list(search_index.CONTENT_ADDRESSED)
        if setting(settings, "PERLEN_SEARCH")
        else []
    )
    if setting(settings, "PERLEN_ASSET_HASHES"):
        immutable += [f"/{path}" for path in hash_assets(site, settings).values()]
    write_headers(site, settings, immutable)
    return (
        verify_site(site, settings, written)
        if setting(settings, "PERLEN_VERIFY")
        else []
    )


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
