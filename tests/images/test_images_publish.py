"""A published site with photos: verified, private and byte-identical."""

from __future__ import annotations

from pathlib import Path

from image_files import phone_photo, transparent_png


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_publish_twice_with_cold_caches_is_byte_identical(publish_site, make_post):
    phone_photo(publish_site.content / "posts/foto.jpg", (1600, 1200))
    transparent_png(publish_site.content / "images/titel.png", (1300, 700))
    publish_site.write(
        "posts/x.md",
        make_post(
            '![Perlen am Strand](foto.jpg "Am Strand.")',
            Titelbild="/images/titel.png",
            **{"Titelbild-Text": "Eine Fläche in Rot"},
            Zusammenfassung="Perlen.",
        ),
    )
    publish_site.write(
        "posts/y.md",
        make_post("Ohne Bild.", Titel="Ein Beitrag ohne Titelbild", Datum="1.10.2021"),
    )
    snapshots = []
    for run in ("1", "2"):
        # Verified (links to every variant, CSP img-src 'self', valid HTML)
        # and encoded from scratch each time: no shared cache.
        output = publish_site.build(
            "publishconf.py",
            OUTPUT_PATH=str(publish_site.root / f"ausgabe-{run}"),
            CACHE_PATH=str(publish_site.root / f"cache-{run}"),
        )
        snapshots.append(_snapshot(output))
    first, second = snapshots
    assert (
        "posts/foto-jpg-960.avif" in first and "images/titel-png-1200x630.jpg" in first
    )
    assert "2021/ein-beitrag-ohne-titelbild/vorschau.png" in first
    assert not any(name.endswith(("foto.jpg", "titel.png")) for name in first)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    for name, data in first.items():
        if name.startswith("redaktion/"):  # the editor's code names iPhones
            continue
        assert b"iPhone" not in data and b"Apple" not in data, name
