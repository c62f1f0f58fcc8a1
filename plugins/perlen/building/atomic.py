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

import copy
import os
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from pelican import Pelican, signals
from pelican.contents import Content
from pelican.settings import read_settings

from perlen.building import cache, strict, swap
from perlen.building.folders import wait_for_folders
from perlen.building.machine_faults import machine_faults
from perlen.building.parallel_reading import reading_in_parallel
from perlen.building.parallel_writing import writing_in_parallel
from perlen.content.source_lines import SourceLines, of_build
from perlen.problems import BuildFailed, Problem
from perlen.publish import search_index
from perlen.publish.asset_hashes import hash_assets
from perlen.publish.headers import write_headers
from perlen.publish.post_links import dead_page_links
from perlen.publish.verify import verify_site
from perlen.settings import setting
from perlen.site.pictures import encoding_ahead


def load_settings(
    settings_file: str | os.PathLike, overrides: Mapping[str, Any] | None = None
) -> dict:
    """Pelican's settings from `settings_file` with `overrides` applied."""
    return read_settings(str(settings_file), override=dict(overrides or {}))


def build(settings: dict) -> Path:
    """Build the site described by `settings` into its OUTPUT_PATH, atomically
    (see `swap` for what that guarantees where `output/` is a mount point).

    Raises whatever stopped the build (e.g. `BuildFailed`, in German also for
    a full disk or missing rights); the previous output then stays as it was.
    """
    output = Path(settings["OUTPUT_PATH"]).resolve()
    with machine_faults(output), swap.staging_for(output) as staging:
        problems, run = run_pelican({**settings, "OUTPUT_PATH": str(staging)})
        problems += finish(staging, settings, run)
        failing = strict.failures(problems, setting(settings, "PERLEN_STRICT"))
        if failing:
            raise BuildFailed(failing)
        swap.replace_output(staging, output)
    return output


@dataclass
class Run:
    """What a finished Pelican run leaves for the steps after it: the content
    each output file was written from, and the build's `SourceLines`."""

    written: dict[str, Content] = field(default_factory=dict)
    sources: SourceLines = field(default_factory=SourceLines)


def run_pelican(settings: dict) -> tuple[list[Problem], Run]:
    """Run Pelican; return the warnings a strict build logged and what the
    steps after it need (`Run`). Raises `BuildFailed` if it stopped.

    A strict build reads every file afresh: warnings a reader logs are not
    repeated for content that comes from the cache.
    """
    is_strict = setting(settings, "PERLEN_STRICT")
    if is_strict:
        settings = {**settings, "LOAD_CONTENT_CACHE": False}
    output = settings["OUTPUT_PATH"]
    run = Run()

    def remember(path: str, context: dict[str, Any]) -> None:
        content = context.get("article") or context.get("page")
        if content is not None:
            run.written[Path(os.path.relpath(path, output)).as_posix()] = content
            # A page's context is a copy of the run's: the same `SourceLines`.
            run.sources = of_build(context)

    with ExitStack() as stack:
        stack.enter_context(signals.content_written.connected_to(remember))
        # The folders `checked` has made ahead are all there when Pelican is done.
        stack.callback(wait_for_folders)
        # Posts are read on every core; the workers end with this run.
        stack.enter_context(reading_in_parallel(settings))
        # Images are encoded while the pages are rendered, and not beyond.
        stack.enter_context(encoding_ahead())
        # Pages are rendered on every core.
        stack.enter_context(writing_in_parallel(settings))
        warnings = []
        if is_strict:
            warnings = stack.enter_context(strict.collect_warnings(settings["PATH"]))
        # The content cache is saved when the run ends (its notes still count
        # in a strict build).
        stack.enter_context(cache.saved_at_end())
        try:
            # Each run gets its own copy: Pelican completes some settings in
            # place (MARKDOWN), which would change the cache's fingerprint.
            cache.run_with_cache(lambda: Pelican(copy.deepcopy(settings)).run())
        except BuildFailed as failure:
            stopped = failure.problems
        except TemplateError as error:
            stopped = [strict.template_problem(error)]
        else:
            return warnings, run
    raise BuildFailed(strict.failures([*stopped, *warnings], is_strict))


def finish(site: Path, settings: Mapping[str, Any], run: Run) -> list[Problem]:
    """The steps after Pelican on the built `site`; returns what verification found."""
    immutable = (
        list(search_index.CONTENT_ADDRESSED)
        if setting(settings, "PERLEN_SEARCH")
        else []
    )
    if setting(settings, "PERLEN_ASSET_HASHES"):
        immutable += [f"/{path}" for path in hash_assets(site, settings).values()]
    write_headers(site, settings, immutable)
    problems = dead_page_links(site, settings, run.written, run.sources)
    if setting(settings, "PERLEN_VERIFY"):
        problems += verify_site(site, settings, run.written)
    return problems
