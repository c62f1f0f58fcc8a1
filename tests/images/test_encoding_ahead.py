"""Images are encoded while the pages are rendered (`site/pictures.start_encoding`):
the same files as when encoded afterwards, and no encoder outlives its build."""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil

import pytest
from image_files import tiny_image, transparent_png
from pelican import signals
from perlen.images import store
from perlen.problems import BuildFailed


@pytest.fixture
def started(monkeypatch) -> list[str]:
    """What happened in order: "start" with each job list, "page" for each page."""
    events: list[str] = []
    start = store.Encoding.start

    def recording(self, jobs):
        jobs = list(jobs)
        events.append(f"start {len(jobs)}")
        start(self, jobs)

    monkeypatch.setattr(store.Encoding, "start", recording)

    def page(path, context):
        events.append("page")

    with signals.content_written.connected_to(page):
        yield events


def _photos(site, make_post) -> None:
    for number in range(3):
        transparent_png(site.content / f"posts/bild{number}.png", (300 + number, 200))
        site.write(
            f"posts/p{number}.md",
            make_post(f"![Bild {number}](bild{number}.png)", Titel=f"Bild {number}"),
        )


def _images(output) -> dict[str, str]:
    return {
        str(path.relative_to(output)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(output.rglob("*"))
        if path.suffix in (".avif", ".webp", ".png", ".jpg")
    }


def test_images_are_encoded_before_the_pages_are_written(
    site, make_post, started, monkeypatch
):
    _photos(site, make_post)
    output = site.build(PERLEN_IMAGE_WORKERS=2)
    assert started[0].startswith("start") and int(started[0].split()[1]) >= 3
    assert "page" in started[1:]
    ahead = _images(output)
    assert len(ahead) >= 3 * 3
    # Encoded the old way, after the pages: the very same files.
    monkeypatch.setattr(store.Encoding, "start", lambda self, jobs: None)
    shutil.rmtree(site.root / "cache")
    assert _images(site.build(PERLEN_IMAGE_WORKERS=2)) == ahead


def test_a_failed_build_stops_its_encoders(site, make_post, started):
    _photos(site, make_post)
    tiny_image(site.content / "posts/klein.png")
    site.write("posts/ohne-datum.md", "Titel: Ohne Datum\n\n![Klein](klein.png)\n")
    with pytest.raises(BuildFailed, match="Das Datum fehlt"):
        site.build(PERLEN_IMAGE_WORKERS=2)
    assert started and started[0].startswith("start")
    assert "page" not in started
    assert multiprocessing.active_children() == []
