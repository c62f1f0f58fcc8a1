"""Never the wrong picture, never code on the site's origin: what content/
publishes beside the posts (`site.published_files`)."""

from __future__ import annotations

import unicodedata

import pytest
from image_files import phone_photo
from perlen.problems import BuildFailed
from perlen.site.published_files import is_active, name_clashes, same_names
from PIL import Image


def _solid(path, colour, format="JPEG", size=(600, 400)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, format)
    return path


def _colour(path):
    with Image.open(path) as image:
        return image.convert("RGB").getpixel((10, 10))


def _close(a, b):
    return all(abs(x - y) <= 8 for x, y in zip(a, b, strict=True))


def _failure(site, **settings) -> str:
    with pytest.raises(BuildFailed) as failure:
        site.build(**settings)
    return str(failure.value)


def test_same_names_groups_case_and_normalisation():
    nfc = unicodedata.normalize("NFC", "images/grüße.jpg")
    nfd = unicodedata.normalize("NFD", "images/grüße.jpg")
    assert same_names([nfc, nfd, "images/a.jpg"]) == [tuple(sorted((nfc, nfd)))]
    assert same_names(["Logo.PNG", "logo.png", "LOGO.png"]) == [
        ("LOGO.png", "Logo.PNG", "logo.png")
    ]
    assert same_names(["logo.jpg", "logo.png"]) == []


def test_name_clashes_ignore_case():
    generated = {"images/krone-jpg-960.avif": "aus dem Bild"}
    assert name_clashes(["images/Krone-JPG-960.avif", "images/krone.jpg"], generated)
    assert not name_clashes(["images/krone-960.jpg"], generated)


@pytest.mark.parametrize(
    ("path", "active"),
    [
        ("images/x.js", True),
        ("images/x.MJS", True),
        ("extra/seite.html", True),
        ("extra/seite.htm", True),
        ("extra/seite.xhtml", True),
        ("images/logo.svgz", True),
        ("extra/modul.wasm", True),
        ("extra/daten.xml", True),
        ("images/logo.svg", False),
        ("extra/robots.txt", False),
        ("extra/spiel/spiel.js", False),  # named by the setting below
    ],
)
def test_active_content_unless_named(path, active):
    assert is_active(path, ["extra/spiel/*.js"]) is active


def test_two_images_with_one_stem_are_two_pictures(site, make_post):
    _solid(site.content / "images/logo.jpg", (200, 20, 20))
    _solid(site.content / "images/logo.png", (20, 20, 200), "PNG")
    site.write("posts/a.md", make_post("![Rot](/images/logo.jpg)", Titel="Rot"))
    site.write("posts/b.md", make_post("![Blau](/images/logo.png)", Titel="Blau"))
    output = site.build()
    red = output / "images/logo-jpg-480.jpg"
    blue = output / "images/logo-png-480.jpg"
    assert _close(_colour(red), (200, 20, 20)) and _close(_colour(blue), (20, 20, 200))
    assert "/images/logo-jpg-480.jpg" in (output / "2021/rot/index.html").read_text()
    assert "/images/logo-png-480.jpg" in (output / "2021/blau/index.html").read_text()


def test_a_writers_file_named_like_a_size_stays_the_writers(site, make_post):
    _solid(site.content / "images/krone.jpg", (200, 20, 20), size=(1200, 800))
    own = _solid(site.content / "images/krone-960.jpg", (20, 200, 20))
    site.write(
        "posts/a.md",
        make_post(
            '![Krone](/images/krone.jpg) <img src="/images/krone-960.jpg" alt="">'
        ),
    )
    output = site.build()
    assert (output / "images/krone-960.jpg").read_bytes() == own.read_bytes()
    assert _close(_colour(output / "images/krone-jpg-960.jpg"), (200, 20, 20))


def test_a_writers_file_named_like_a_variant_is_an_error(site, make_post):
    _solid(site.content / "images/krone.jpg", (200, 20, 20))
    _solid(site.content / "images/krone-jpg-480.avif", (20, 200, 20), "AVIF")
    site.write("posts/a.md", make_post("![Krone](/images/krone.jpg)"))
    text = _failure(site)
    assert "„images/krone-jpg-480.avif“ heißt wie die Datei" in text, text
    assert "aus dem Bild „images/krone.jpg“" in text


@pytest.mark.parametrize(
    "names",
    [
        ("grüße.jpg", unicodedata.normalize("NFD", "grüße.jpg")),
        ("Perle.jpg", "perle.jpg"),
        ("perle.JPG", "perle.jpg"),
    ],
)
def test_names_that_are_one_file_elsewhere_are_an_error_naming_both(
    site, make_post, names
):
    shown, other = (unicodedata.normalize("NFC", names[0]), names[1])
    _solid(site.content / "images" / shown, (200, 20, 20))
    phone_photo(site.content / "images" / other, (600, 400))
    site.write("posts/a.md", make_post(f"![Gruß](/images/{shown})"))
    text = _failure(site)
    assert f"„images/{shown}“" in text and f"„images/{other}“" in text, text
    assert "heißen gleich" in text


def test_an_original_with_gps_data_is_never_copied(site, make_post):
    phone_photo(site.content / "images/urlaub.jpg", (600, 400))
    site.write("posts/a.md", make_post('<img src="/images/urlaub.jpg" alt="Urlaub">'))
    text = _failure(site)
    assert "„images/urlaub.jpg“ wird unverändert veröffentlicht" in text, text
    assert "GPS" in text


def test_an_original_without_location_is_copied_as_it_is(site, make_post):
    plain = _solid(site.content / "images/plan.jpg", (20, 20, 200))
    site.write("posts/a.md", make_post('<img src="/images/plan.jpg" alt="Plan">'))
    output = site.build()
    assert (output / "images/plan.jpg").read_bytes() == plain.read_bytes()


@pytest.mark.parametrize(
    "name", ["x.js", "x.mjs", "seite.html", "seite.htm", "s.xhtml", "m.wasm", "d.xml"]
)
def test_active_content_is_refused_with_the_file(site, make_post, name):
    (site.content / "images").mkdir()
    (site.content / "images" / name).write_text("alert(1)")
    script = f'<script src="/images/{name}"></script>'
    site.write("posts/a.md", make_post(f"Text.\n\n{script}"))
    text = _failure(site)
    assert f"„images/{name}“ ist eine Datei, die der Browser ausführt" in text, text


def test_active_content_named_in_the_setting_is_published(site, make_post):
    (site.content / "extra/spiel").mkdir(parents=True)
    (site.content / "extra/spiel/spiel.js").write_text("console.log(1)")
    site.write("posts/a.md", make_post())
    output = site.build(PERLEN_ACTIVE_FILES=["extra/spiel/*.js"])
    assert (output / "extra/spiel/spiel.js").is_file()
