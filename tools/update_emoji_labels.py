"""Regenerate `plugins/perlen/text/data/emoji-labels-{de,en}.json` from Unicode CLDR.

The `emoji` package knows every emoji and its German shortcode, but only in
lower case (`:rotes_herz:`); screen readers and braille displays should get
CLDR's own names ("rotes Herz", "Flagge: Deutschland"; in English posts "red
heart", "flag: Germany"). Those come from the official CLDR JSON packages on
npm, for German and English:

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

DATA = Path(__file__).resolve().parent.parent / "plugins/perlen/text/data"
LANGUAGES = ("de", "en")
PACKAGES = {
    "cldr-annotations-full": "package/annotations/{lang}/annotations.json",
    "cldr-annotations-derived-full": (
        "package/annotationsDerived/{lang}/annotations.json"
    ),
}


def cldr_labels(version: str, lang: str, tmp: str) -> dict[str, str]:
    """Text-to-speech names in `lang` of CLDR `version`, by emoji."""
    labels: dict[str, str] = {}
    for package, member in PACKAGES.items():
        archive_path = Path(tmp) / f"{package}-{version}.tgz"
        if not archive_path.exists():
            subprocess.run(
                ["npm", "pack", "--silent", f"{package}@{version}"],
                cwd=tmp,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        with tarfile.open(archive_path) as archive:
            data = json.load(archive.extractfile(member.format(lang=lang)))
        annotations = next(v for k, v in data.items() if k.startswith("annotations"))
        for key, entry in annotations["annotations"].items():
            if "tts" in entry:
                labels[key.replace("\ufe0f", "")] = entry["tts"][0]
    return labels


def main(version: str) -> None:
    known = {e.replace("\ufe0f", "") for e in emoji.EMOJI_DATA}
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGUAGES:
            found = cldr_labels(version, lang, tmp)
            labels = {k: v for k, v in sorted(found.items()) if k in known}
            document = {
                "source": f"Unicode CLDR {version} annotations ({lang}, tts), "
                "Unicode License v3",
                "labels": labels,
            }
            output = DATA / f"emoji-labels-{lang}.json"
            output.write_text(
                json.dumps(document, ensure_ascii=False, indent=0) + "\n",
                encoding="utf-8",
            )
            print(f"{len(labels)} Namen in {output}")


if __name__ == "__main__":
    main(sys.argv[1])
