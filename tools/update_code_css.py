"""Write the code colours into the theme's stylesheet (`perlen.text.code_style`).

.venv/bin/python tools/update_code_css.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from perlen.text.code_style import update  # noqa: E402

STYLESHEET = ROOT / "theme/static/css/perlen.css"

if __name__ == "__main__":
    STYLESHEET.write_text(update(STYLESHEET.read_text("utf-8")), encoding="utf-8")
    print(f"Code-Farben in {STYLESHEET}")
