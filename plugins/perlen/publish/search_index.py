"""Full-text search without a server: a Pagefind index of the built site.

Pagefind reads `<html lang="de">` and stems German words, so a search for
„Häusern“ finds „Häuser“. The index lands in `pagefind/`, where the theme's
search page loads Pagefind's UI from. It runs after every build (also
`pelican --autoreload`), so the search page works in previews too.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from perlen.problems import BuildFailed, Problem
from perlen.settings import setting
from perlen.site.written_files import SEARCH_INDEX_DIR as INDEX_DIR

logger = logging.getLogger(__name__)

# What writers call the search, in its problems (no file of theirs is to blame).
SEARCH = "Suche"
# Pagefind names these after their content; its entry files keep fixed names.
CONTENT_ADDRESSED = (
    f"/{INDEX_DIR}/fragment/*",
    f"/{INDEX_DIR}/index/*",
    f"/{INDEX_DIR}/filter/*",
    f"/{INDEX_DIR}/*.pf_meta",
)


def index_site(pelican) -> None:
    """`finalized` handler: index the site Pelican just wrote."""
    if setting(pelican.settings, "PERLEN_SEARCH"):
        write_index(Path(pelican.output_path))


def write_index(site: Path) -> None:
    """Write Pagefind's index and UI into `site/pagefind/`.

    Pagefind's warnings are logged as problems (a strict build fails on
    them); if it cannot build an index, the build fails.
    """
    # Imported here: only a build with search needs it (and its `asyncio`).
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise BuildFailed(
            [
                Problem(
                    "",
                    None,
                    "Pagefind ist nicht installiert.",
                    "Bitte „make venv“ ausführen.",
                    label=SEARCH,
                )
            ]
        )
    result = subprocess.run(
        [str(executable), "--site", str(site), "--output-subdir", INDEX_DIR, "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    report = [
        line.strip()
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip()
    ]
    if result.returncode != 0:
        raise BuildFailed(
            [
                Problem(
                    "",
                    None,
                    "Pagefind konnte den Suchindex nicht bauen: "
                    + " ".join(dict.fromkeys(report)),
                    label=SEARCH,
                )
            ]
        )
    for line in report:
        logger.warning(
            "%s", Problem("", None, f"Pagefind meldet: {line}", label=SEARCH)
        )
