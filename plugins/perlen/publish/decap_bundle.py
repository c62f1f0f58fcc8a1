"""The editor's own build of Decap CMS, made from `node_modules` with esbuild.

Decap's ready-made bundle (`decap-cms/dist`, 5 MB) holds every backend,
widget, media library and locale; on a first visit Chromium spends seconds
compiling and running it before the sign-in appears. `decap/entry.js` takes
from Decap's ESM builds only what our config uses, and `decap/build.mjs`
bundles it (minified, React in production mode) into a main script and
chunks it loads on demand (`site/`), and Decap's check of a config into a
script the build runs on the config it writes (`validate.mjs`; the browser
skips that check, which took a third of the time to the sign-in).

The build runs on demand, when the editor is written into a site: once per
version of its inputs (package-lock.json and the files in `decap/`), into
`cache/redaktion/<key>/` of the blog's folder (replacing the build of the
previous inputs); esbuild gives the same bytes for the same inputs. Several
builds at once (test workers) each build into a folder of their own, and
the first one's result stays.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from perlen.problems import BuildFailed, Problem
from perlen.settings import project_folder

SOURCES = Path(__file__).with_name("decap")
BUILD = SOURCES / "build.mjs"
# The inputs besides node_modules, which package-lock.json pins.
LOCK = "package-lock.json"
NEEDED = ("node_modules/esbuild", "node_modules/decap-cms-core/dist/esm")
CACHE = "cache/redaktion"
# In the build's folder: what goes into the site, and the config check.
SITE = "site"
VALIDATE = "validate.mjs"


def decap_bundle(settings: Mapping[str, Any]) -> Path:
    """The build's folder (`site/` with `decap-cms.js` and its chunks, and
    `validate.mjs`), built first if this version of the inputs has not been."""
    project = project_folder(settings)
    node = _node()
    if not all((project / path).exists() for path in NEEDED):
        raise _missing()
    folder = project / CACHE / build_key(project)
    if (folder / VALIDATE).is_file():
        return folder
    building = folder.with_name(f"{folder.name}.{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    result = subprocess.run(
        [node, str(BUILD), str(project), str(building)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        shutil.rmtree(building, ignore_errors=True)
        raise _problem(
            f"Decap CMS ließ sich nicht bauen: {result.stderr.strip()[-2000:]}",
            "Bitte „npm ci“ ausführen; hilft das nicht, ist das ein Fehler in "
            f"{BUILD.name} (Entwicklung).",
        )
    try:
        building.rename(folder)
    except OSError:  # another build was first: its bundle is the same
        shutil.rmtree(building, ignore_errors=True)
    # Builds of earlier inputs are never used again (a build under way has a
    # dot in its folder's name).
    for old in folder.parent.iterdir():
        if old != folder and "." not in old.name:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def validate_config(bundle: Path, config: Path) -> None:
    """Decap's own check of the written config (its schema, as the browser
    would check it); a failure is a bug of `editor.editor_config`."""
    result = subprocess.run(
        [_node(), str(bundle / VALIDATE), str(config)], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise _problem(
            f"Decap CMS lehnt die Konfiguration der Redaktion ab: "
            f"{result.stdout.strip()}",
            "Das ist ein Fehler in perlen.publish.editor (Entwicklung).",
        )


def build_key(project: Path) -> str:
    """A digest of the build's inputs: the lock (so node_modules' versions)
    and our sources."""
    digest = hashlib.sha256()
    for path in [project / LOCK, *sorted(SOURCES.iterdir())]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise _missing()
    return node


def _missing() -> BuildFailed:
    return _problem(
        "Für die Redaktion fehlen Node.js oder die npm-Pakete (Decap CMS, esbuild).",
        "Bitte Node.js installieren und „npm ci“ ausführen.",
    )


def _problem(message: str, fix: str) -> BuildFailed:
    return BuildFailed([Problem("", None, message, fix, label="Redaktion")])
