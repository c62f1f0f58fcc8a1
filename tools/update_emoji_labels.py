"""Regenerate `plugins/perlen/text/data/emoji-labels-de.json` from Unicode CLDR.

The `emoji` package knows every emoji and its German shortcode, but only in
lower case (`:rotes_herz:`); screen readers and braille displays should get
CLDR's own German names ("rotes Herz", "Flagge: Deutschland"). Those come
from the official CLDR JSON packages on npm:

    .venv/bin/python tools/update_emoji_labels.py 48.2.0

Only emoji the installed `emoji` package knows are kept; keys carry no
variation selector (U+FE0F), as in CLDR.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import emoji

OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "plugins/perlen/text/data/emoji-labels-de.json"
)
PACKAGES = {
    "cldr-annotations-full": "package/annotations/de/annotations.json",
    "cldr-annotations-derived-full": "package/annotationsDerived/de/annotations.json",
}


def cldr_labels(version: str) -> dict[str, str]:
    """German text-to-speech names of CLDR `version`, by emoji."""
    labels: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for package, member in PACKAGES.items():
            subprocess.run(
                ["npm", "pack", "--silent", f"{package}@{version}"],
                cwd=tmp,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            with tarfile.open(Path(tmp) / f"{package}-{version}.tgz") as archive:
                data = json.load(archive.extractfile(member))
            annotations = next(
                v for k, v in data.items() if k.startswith("annotations")
            )
            for key, entry in annotations["annotations"].items():
                if "tts" in entry:
                    labels[key.replace("\ufe0f", "")] = entry["tts"][0]
    return labels


def main(version: str) -> None:
    known = {e.replace("\ufe0f", "") for e in emoji.EMOJI_DATA}
    labels = {k: v for k, v in sorted(cldr_labels(version).items()) if k in known}
    document = {
        "source": f"Unicode CLDR {version} annotations (de, tts), Unicode License v3",
        "labels": labels,
    }
    OUTPUT.write_text(
        json.dumps(document, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    print(f"{len(labels)} Namen in {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
