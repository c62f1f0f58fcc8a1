"""Fixture factories: build real sites in temporary directories."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from perlen.build import build, load_settings

ROOT = Path(__file__).resolve().parent.parent


class Site:
    """A throwaway copy of the project's site setup with its own content."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"

    def write(self, relative: str, text: str) -> Path:
        """Write a content file, e.g. `site.write("posts/x.md", "Titel: …")`."""
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def settings(self, settings_file: str = "pelicanconf.py", **overrides: Any) -> dict:
        base = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "CACHE_PATH": str(self.root / "cache"),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
        }
        return load_settings(ROOT / settings_file, {**base, **overrides})

    def build(self, settings_file: str = "pelicanconf.py", **overrides: Any) -> Path:
        return build(self.settings(settings_file, **overrides))

    def html(self, relative: str) -> str:
        """The text of a built file, e.g. `site.html("2021/slug/index.html")`."""
        return (self.output / relative).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """An empty site; tests write posts into it and build it."""
    (tmp_path / "content" / "posts").mkdir(parents=True)
    return Site(tmp_path)


@pytest.fixture
def make_post() -> Callable[..., str]:
    """Markdown for a post with German metadata; keyword args add or replace keys."""

    def make(body: str = "Text.", **metadata: str) -> str:
        fields: Mapping[str, str] = {
            "Titel": "Monarchie im Perlenbüro",
            "Datum": "Dienstag, 28. September 2021",
            **metadata,
        }
        header = "".join(f"{key}: {value}\n" for key, value in fields.items() if value is not None)
        return f"{header}\n{body}\n"

    return make


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the real content/, for tests that build the agency's own site."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path
