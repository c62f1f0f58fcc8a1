"""Draw the theme's icons, web manifest and site card from the brand.

The pearl of the site's name (`perlen.images.social_card.pearl`) on the
brand colour as favicon, touch and app icons; the typographic social card
for pages without an image of their own (home, listings, static pages).
Run it after a change of the brand colours or fonts and commit the files:

    .venv/bin/python tools/make_icons.py
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from perlen.images import social_card  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

STATIC = ROOT / "theme/static"
FONT = STATIC / "fonts/fraunces-latin-600-normal.woff2"
# Drawn large and scaled down: smooth edges at every size.
MASTER = 1024


def icon(size: int, padding: float) -> bytes:
    """The pearl on the brand colour, `padding` of the size around it."""
    image = Image.new("RGB", (MASTER, MASTER), social_card.BRAND)
    draw = ImageDraw.Draw(image)
    radius = round(MASTER * (0.5 - padding))
    social_card.pearl(draw, MASTER // 2, MASTER // 2, radius)
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def manifest() -> str:
    icons = [
        {
            "src": f"icons/icon-{size}.png",
            "sizes": f"{size}x{size}",
            "type": "image/png",
        }
        for size in (192, 512)
    ]
    icons.append(
        {
            "src": "icons/icon-maskable-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    data = {
        "name": "perlenmädchen – der Blog",
        "short_name": "perlenmädchen",
        "lang": "de",
        "start_url": "../",
        "display": "browser",
        "background_color": "#fdfaf7",
        "theme_color": "#a3164f",
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def files() -> dict[Path, bytes]:
    card = social_card.CardText(
        "Gedanken aus dem Perlenbüro: Marketing, Gestaltung und gute Zusammenarbeit",
        "perlenmädchen",
        "Der Blog der Kreativagentur",
    )
    return {
        STATIC / "icons/favicon-32.png": icon(32, 0.06),
        STATIC / "icons/apple-touch-icon.png": icon(180, 0.16),
        STATIC / "icons/icon-192.png": icon(192, 0.12),
        STATIC / "icons/icon-512.png": icon(512, 0.12),
        # Maskable: the pearl inside the safe zone (the inner 80 %).
        STATIC / "icons/icon-maskable-512.png": icon(512, 0.24),
        STATIC / "icons/social-card.png": social_card.render(card, str(FONT)),
        STATIC / "manifest.webmanifest": manifest().encode(),
    }


if __name__ == "__main__":
    for path, data in files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"geschrieben: {path.relative_to(ROOT)}")
