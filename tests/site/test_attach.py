"""`{attach}` works as Pelican documents it, with the plugin on.

Pelican's documentation ("Linking to static files"): a file linked with
`{attach}` is moved into the output folder of the post that links it, and
the link points there; a file beneath the post's own folder keeps its
subfolder. Reading a static file's `url` or `save_as` early marks its
location as referenced and stops the move, which the plugin once did for
every file. Each case is compared with stock Pelican on the same content.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

POST = "Titel: Preise\nDatum: 28.09.2021\n\n[Die Liste]({attach}%s)\n"
STOCK_POST = (
    "Title: Preise\nDate: 2021-09-28\nSlug: preise\n\n[Die Liste]({attach}%s)\n"
)


def stock_pelican(root: Path, files: dict[str, str], static_paths: list[str]) -> Path:
    """Stock Pelican (no plugins) with this site's post addresses."""
    for relative, text in files.items():
        path = root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    settings = read_settings(
        override={
            "PATH": str(root / "content"),
            "OUTPUT_PATH": str(root / "output"),
            "ARTICLE_PATHS": ["posts"],
            "STATIC_PATHS": static_paths,
            "ARTICLE_URL": "{date:%Y}/{slug}/",
            "ARTICLE_SAVE_AS": "{date:%Y}/{slug}/index.html",
            "PLUGINS": [],
            "TIMEZONE": "Europe/Berlin",
        }
    )
    Pelican(settings).run()
    return root / "output"


@pytest.mark.parametrize(
    ("static", "linked", "moved_to"),
    [
        # Outside the post's folder: next to the post's page.
        ("images/preisliste.pdf", "/images/preisliste.pdf", "preisliste.pdf"),
        ("extra/daten/tabelle.csv", "../extra/daten/tabelle.csv", "tabelle.csv"),
        # Beneath the post's folder: the subfolder is kept.
        (
            "posts/anhang/preisliste.zip",
            "anhang/preisliste.zip",
            "anhang/preisliste.zip",
        ),
    ],
)
def test_attach_moves_the_file_next_to_the_post(
    site, tmp_path, static, linked, moved_to
):
    site.write("posts/preise.md", POST % linked)
    site.write(static, "Inhalt der Datei\n")
    static_paths = ["images", "extra", "posts/anhang"]
    site.build(STATIC_PATHS=static_paths)
    stock = stock_pelican(
        tmp_path / "stock",
        {"posts/preise.md": STOCK_POST % linked, static: "Inhalt der Datei\n"},
        static_paths,
    )

    attached = f"2021/preise/{moved_to}"
    assert (stock / attached).is_file()  # what Pelican documents
    assert (site.output / attached).read_text(encoding="utf-8") == "Inhalt der Datei\n"
    assert not (site.output / static).exists()
    assert not (stock / static).exists()
    assert f'href="/{attached}"' in site.html("2021/preise/index.html")
