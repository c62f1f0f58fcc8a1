"""End to end: a writer's photos in a built site – private, small, marked up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from image_files import (
    cmyk_jpeg,
    corrupt_file,
    phone_photo,
    tiny_image,
    transparent_png,
)
from perlen.images.store import images_processed
from perlen.problems import BuildFailed
from perlen.site.references import start_tags
from PIL import Image

POST = "2021/monarchie-im-perlenbuero/index.html"


@pytest.fixture
def encodings():
    """The jobs each build made anew (not taken from the cache)."""
    made: list[int] = []

    def count(report) -> None:
        made.append(len(report.made))

    images_processed.connect(count)
    yield made
    images_processed.disconnect(count)


def _tags(html: str, name: str) -> list[dict[str, str]]:
    return [tag.attrs for tag in start_tags(html) if tag.name == name]


def _files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.is_file())


def test_phone_photo_is_published_oriented_small_and_without_metadata(
    site, make_post, encodings
):
    phone_photo(site.content / "posts/foto.jpg")
    site.write("posts/x.md", make_post("![Zwei Perlen am Strand](foto.jpg)"))
    output = site.build()
    names = sorted(p.name for p in (output / "posts").iterdir())
    # Upright (portrait, 2000×3000), never upscaled: 480, 960, 1440, 2000 wide.
    assert names == sorted(
        f"foto-jpg-{w}.{ext}"
        for w in (480, 960, 1440, 2000)
        for ext in ("avif", "webp", "jpg")
    )
    with Image.open(output / "posts/foto-jpg-960.jpg") as image:
        assert image.size == (960, 1440)
    for path in _files(output):
        data = path.read_bytes()
        assert b"iPhone" not in data and b"Apple" not in data, path
        if path.suffix in (".jpg", ".webp", ".avif", ".png"):
            with Image.open(path) as image:
                assert not image.getexif(), path
                assert "icc_profile" not in image.info, path
    html = site.html(POST)
    sizes = "(min-width: 43rem) 40rem, calc(100vw - 3rem)"
    avif, webp = _tags(html, "source")
    assert avif == {
        "type": "image/avif",
        "srcset": "/posts/foto-jpg-480.avif 480w, /posts/foto-jpg-960.avif 960w, "
        "/posts/foto-jpg-1440.avif 1440w, /posts/foto-jpg-2000.avif 2000w",
        "sizes": sizes,
    }
    assert (
        webp["type"] == "image/webp"
        and "/posts/foto-jpg-960.webp 960w" in webp["srcset"]
    )
    [img] = _tags(html, "img")
    # The only image is the likely LCP: fetched first, not lazily.
    assert img == {
        "src": "/posts/foto-jpg-960.jpg",
        "srcset": "/posts/foto-jpg-480.jpg 480w, /posts/foto-jpg-960.jpg 960w, "
        "/posts/foto-jpg-1440.jpg 1440w, /posts/foto-jpg-2000.jpg 2000w",
        "sizes": sizes,
        "alt": "Zwei Perlen am Strand",
        "width": "960",
        "height": "1440",
        "fetchpriority": "high",
        "decoding": "async",
    }
    assert not (output / "posts/foto.jpg").exists()  # the original stays home
    assert encodings == [1]


def test_page_weight_on_a_phone(site, make_post):
    """A 12-megapixel photo: a 390-px phone at 2× picks the 960-px AVIF."""
    phone_photo(site.content / "posts/foto.jpg", (4032, 3024))
    site.write("posts/x.md", make_post("![Perlen](foto.jpg)"))
    output = site.build()
    chosen = output / "posts/foto-jpg-960.avif"  # 390 px − 3rem = 342 px × 2 → 960w
    assert chosen.stat().st_size <= 250_000


def test_second_image_lazy_figure_caption_and_credit(site, make_post, encodings):
    phone_photo(site.content / "posts/eins.jpg", (1600, 1200))
    transparent_png(site.content / "posts/logo.png")
    cmyk_jpeg(site.content / "images/druck.jpg")
    site.write(
        "posts/x.md",
        make_post(
            "![Erstes Bild](eins.jpg)\n\n"
            '![Unser Logo](logo.png "Das „neue“ Logo. Bildnachweis: Anna Muster")\n\n'
            '![Druckbogen](/images/druck.jpg "Aus der Druckerei")\n',
            Bildnachweis="perlenmädchen",
        ),
    )
    output = site.build()
    html = site.html(POST)
    figures = re.findall(r"<figure>.*?</figure>", html, re.S)
    assert len(figures) == 2
    logo, druck = figures
    [img] = _tags(logo, "img")
    assert img["loading"] == "lazy" and img["decoding"] == "async"
    assert "fetchpriority" not in img and "title" not in img
    assert img["src"] == "/posts/logo-png-800.png"
    assert [s["type"] for s in _tags(logo, "source")] == ["image/avif", "image/webp"]
    # Caption and credit get German typography (here: no lone last word).
    assert "<figcaption>Das „neue“\N{NO-BREAK SPACE}Logo." in logo
    assert '<span class="credit">Bild: Anna\N{NO-BREAK SPACE}Muster</span>' in logo
    # Without its own credit, the post's `Bildnachweis:` applies.
    assert '<span class="credit">Bild: perlenmädchen</span>' in druck, druck
    assert "Aus der\N{NO-BREAK SPACE}Druckerei" in druck
    with Image.open(output / "posts/logo-png-480.png") as image:
        assert image.mode == "RGBA"
    with Image.open(output / "images/druck-jpg-960.jpg") as image:
        assert image.mode == "RGB"
    assert not (output / "images/druck.jpg").exists()
    assert encodings == [3]


def test_tiny_image_is_not_upscaled(site, make_post):
    tiny_image(site.content / "posts/punkt.png")
    site.write("posts/x.md", make_post("![Ein Punkt](punkt.png)"))
    output = site.build()
    assert sorted(p.name for p in (output / "posts").iterdir()) == [
        "punkt-png-40.avif",
        "punkt-png-40.jpg",  # no transparency: a JPEG fallback
        "punkt-png-40.webp",
    ]
    [img] = _tags(site.html(POST), "img")
    assert (img["width"], img["height"]) == ("40", "30")


def test_warm_build_encodes_nothing_and_writes_the_same_bytes(
    site, make_post, encodings
):
    phone_photo(site.content / "posts/foto.jpg", (1600, 1200))
    site.write("posts/x.md", make_post("![Perlen](foto.jpg)"))
    first = {p: p.read_bytes() for p in _files(site.build()) if p.suffix != ".html"}
    site.write("posts/x.md", make_post("![Perlen](foto.jpg)\n\nNeuer Satz."))
    second = {p: p.read_bytes() for p in _files(site.build()) if p.suffix != ".html"}
    assert first == second
    assert encodings == [1, 0]
    phone_photo(site.content / "posts/foto.jpg", (1700, 1200))  # changed photo
    site.build()
    assert encodings == [1, 0, 1]


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (corrupt_file, "kaputt.jpg", "lässt sich nicht als Bild lesen"),
        (
            lambda path: path.write_bytes(b"\0\0\0\x18ftypheic"),
            "foto.heic",
            "iPhone-Foto im HEIC-Format",
        ),
        (
            lambda path: path.write_text(
                '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
            ),
            "grafik.svg",
            "das Programmcode ausführt",
        ),
    ],
)
def test_bad_image_is_an_error_with_file_and_line(site, make_post, make, name, message):
    make(site.content / "posts" / name)
    site.write("posts/x.md", make_post(f"Text.\n\n![Bild]({name})"))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    text = str(failure.value)
    assert f"posts/x.md, Zeile 6: „{name}“" in text, text
    assert message in text


def test_image_over_the_limit_is_an_error(site, make_post):
    phone_photo(site.content / "posts/foto.jpg", (1600, 1200))
    site.write("posts/x.md", make_post("![Bild](foto.jpg)"))
    with pytest.raises(BuildFailed) as failure:
        site.build(PERLEN_IMAGE_MAX_MEGAPIXELS=1)
    assert "hat 2 Megapixel; erlaubt sind höchstens 1." in str(failure.value)


def test_gif_and_svg_pass_through(site, make_post):
    Image.new("P", (20, 10)).save(site.content / "posts/anim.gif")
    (site.content / "posts/form.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 32">'
        '<circle r="4"/></svg>'
    )
    site.write("posts/x.md", make_post("![Animation](anim.gif) ![Form](form.svg)"))
    output = site.build()
    gif, svg = _tags(site.html(POST), "img")
    assert gif == {
        "src": "/posts/anim.gif",
        "alt": "Animation",
        "width": "20",
        "height": "10",
        "fetchpriority": "high",
        "decoding": "async",
    }
    assert svg["src"] == "/posts/form.svg" and svg["loading"] == "lazy"
    assert (svg["width"], svg["height"]) == ("64", "32")
    assert (output / "posts/anim.gif").is_file()
    assert (output / "posts/form.svg").is_file()


@pytest.mark.parametrize("as_cover", [False, True], ids=["im-text", "titelbild"])
def test_an_image_that_breaks_while_encoded_names_file_and_line(
    site, make_post, as_cover
):
    """A photo whose header reads but whose pixels end early fails when it
    is encoded; the message names the line that shows it."""
    photo = phone_photo(site.content / "posts/foto.jpg", (1600, 1200))
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2])
    if as_cover:
        post = make_post("Text.", Titelbild="foto.jpg", **{"Titelbild-Text": "Foto"})
    else:
        post = make_post("Text.\n\n![Ein Foto](foto.jpg)")
    site.write("posts/x.md", post)
    with pytest.raises(BuildFailed) as failure:
        site.build()
    text = str(failure.value)
    assert f"posts/x.md, Zeile {3 if as_cover else 6}: „foto.jpg“" in text, text
