"""Write the generated parts of hand-written files: the code colours in the
theme's code stylesheet (`code_style`) and the emoji table in the writers'
guide (`emoji_guide`), both beside this script. Tests fail when they are stale.

    .venv/bin/python tools/update_generated.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from tools import code_style, emoji_guide  # noqa: E402

TARGETS = {
    ROOT / "theme/static/css/code.css": code_style.update,
    ROOT / "docs/schreiben.md": emoji_guide.update,
}

if __name__ == "__main__":
    for path, update in TARGETS.items():
        path.write_text(update(path.read_text("utf-8")), encoding="utf-8")
        print(f"aktualisiert: {path.relative_to(ROOT)}")
