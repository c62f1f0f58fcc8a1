"""One build of one benchmark variant, in a process of its own.

`run.py` starts this script once per measured build, so that the peak memory
the operating system reports for the process belongs to that build alone.
Usage: `build_once.py VARIANT CONTENT OUTPUT CACHE RESULT.json OVERRIDES`,
VARIANT being `stock`, `typogrify`, `site`, or `search` (only the search
index of the site in OUTPUT); OVERRIDES is JSON of this site's settings to
change.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings
from perlen import pelican_glue
from perlen.building.atomic import build, load_settings
from perlen.content.reader import GermanMarkdownReader
from perlen.publish.search_index import write_index
from perlen.workers import leave_objects_to_exit

ROOT = Path(__file__).resolve().parent.parent


def build_stock(content: Path, output: Path, *, typogrify: bool) -> None:
    """Stock Pelican: default settings and theme, no plugins."""
    settings = read_settings(
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "TIMEZONE": "Europe/Berlin",
            # None would load every installed namespace plugin (sitemap).
            "PLUGINS": [],
            "TYPOGRIFY": typogrify,
        }
    )
    Pelican(settings).run()


def build_site(
    content: Path, output: Path, cache: Path, overrides: dict[str, Any]
) -> int:
    """This site's build with `pelicanconf.py`; returns how many posts were read
    (in this process or in its workers).

    Posts served from Pelican's content cache are not read, so the count
    shows whether a rebuild hit the cache.
    """
    reads = 0
    read = GermanMarkdownReader.read
    from_worker = pelican_glue.put_in_cache

    def counting_read(self, source_path):
        nonlocal reads
        reads += 1
        return read(self, source_path)

    def counting_worker_read(*args):
        nonlocal reads
        reads += 1
        return from_worker(*args)

    GermanMarkdownReader.read = counting_read
    pelican_glue.put_in_cache = counting_worker_read
    paths = {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)}
    build(load_settings(ROOT / "pelicanconf.py", {**overrides, **paths}))
    return reads


def main(argv: list[str]) -> None:
    variant, content, output, cache, result, overrides = argv
    if variant == "site":
        reads = build_site(
            Path(content), Path(output), Path(cache), json.loads(overrides)
        )
        facts = {"read": reads}
    elif variant == "search":
        # What the index adds to a build, without this process's start-up.
        started = time.perf_counter()
        write_index(Path(output))
        facts = {"read": None, "seconds": time.perf_counter() - started}
    else:
        build_stock(Path(content), Path(output), typogrify=variant == "typogrify")
        facts = {"read": None}
    Path(result).write_text(json.dumps(facts), encoding="utf-8")
    if variant == "site":
        leave_objects_to_exit()  # as the `perlen` command ends


if __name__ == "__main__":
    main(sys.argv[1:])
