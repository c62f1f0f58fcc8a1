"""The plugin's stages import only downwards: a module imports from its own
stage and those below it, and the base modules from the base alone.

`perlen/__init__.py` registers every stage's steps and so sits above them all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import perlen
import pytest

PACKAGE = Path(perlen.__file__).parent
# Top to bottom, as README's Architecture section lists them.
STAGES = ("commands", "building", "publish", "site", "content", "images", "text")
BASE = ("settings", "problems", "pelican_glue", "link_syntax", "workers")


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


def _level(parts: list[str]) -> int:
    """A module's level: its stage's index, the base below every stage."""
    if parts[0] in STAGES:
        return STAGES.index(parts[0])
    assert parts[0] in BASE, f"perlen.{'.'.join(parts)} is in no stage"
    return len(STAGES)


def _imported(path: Path) -> list[list[str]]:
    """The perlen modules `path` imports, as parts after `perlen.`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "perlen":
                names = [f"perlen.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [name.split(".")[1:] for name in names if name.startswith("perlen.")]
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_only_from_its_stage_and_below(path):
    own = _level(list(path.relative_to(PACKAGE).with_suffix("").parts))
    upward = [
        "perlen." + ".".join(parts) for parts in _imported(path) if _level(parts) < own
    ]
    assert upward == [], f"{path.relative_to(PACKAGE)} imports upwards: {upward}"


def test_the_check_sees_imports():
    """The walk finds the imports it judges (a check that finds none passes)."""
    checked = PACKAGE / "building" / "checked.py"
    assert ["site", "checks"] in _imported(checked)
    assert ["content", "source_lines"] in _imported(checked)
