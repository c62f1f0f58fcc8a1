"""One content cache per version of the plugin's code and the settings.

Pelican's content cache is keyed by file modification times only: after a
change to the text pipeline, its data, an upgraded Markdown or emoji package,
or `pelicanconf.py` it would serve old HTML.
"""

from __future__ import annotations

import hashlib
import os
from importlib.metadata import distributions
from pathlib import Path

_PACKAGE = Path(__file__).parent
_IGNORED = {"OUTPUT_PATH", "CACHE_PATH", "PERLEN_IMAGE_CACHE_PATH"}


def fingerprint(settings: dict) -> str:
    """A short hash of the plugin's files, the installed packages' versions
    and the settings' values."""
    digest = hashlib.sha256()
    for source in sorted(_PACKAGE.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            digest.update(source.relative_to(_PACKAGE).as_posix().encode())
            digest.update(source.read_bytes())
    for package in sorted(
        f"{d.metadata['Name']}=={d.version}" for d in distributions()
    ):
        digest.update(package.encode())
    for key in sorted(settings):
        value = repr(settings[key])
        # Output and cache paths change per (atomic) build; object reprs with
        # memory addresses change per process. Neither changes the content.
        if key.isupper() and key not in _IGNORED and " at 0x" not in value:
            digest.update(f"{key}={value}".encode())
    return digest.hexdigest()[:16]


def use_versioned_cache(pelican) -> None:
    """`initialized` handler: point CACHE_PATH at this version's cache.

    Processed images are kept across versions (`perlen.images.store` keys
    them by everything their bytes depend on), in `bilder/` beside."""
    settings = pelican.settings
    if not settings.get("PERLEN_IMAGE_CACHE_PATH"):
        settings["PERLEN_IMAGE_CACHE_PATH"] = os.path.join(
            settings["CACHE_PATH"], "bilder"
        )
    settings["CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], fingerprint(settings))
