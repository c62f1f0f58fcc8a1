"""Photos that leave the text column, and galleries of several in a row."""

from __future__ import annotations

import re

from image_files import phone_photo
from perlen.settings import DEFAULTS
from perlen.site.references import start_tags

POST = "2021/monarchie-im-perlenbuero/index.html"
BODY = """Text davor.

![Breit](a.jpg){.breit}

![Voll](b.jpg "Das Meer. Bildnachweis: Anna"){.voll}

![Eins](a.jpg "Erstes")
![Zwei](b.jpg)
![Drei](c.jpg "Drittes")

Text danach mit ![Klein](c.jpg) im Satz.
"""


def _sizes(html: str) -> dict[str, str]:
    return {
        t.attrs["alt"]: t.attrs["sizes"] for t in start_tags(html) if t.name == "img"
    }


def test_wide_full_and_gallery_photos_get_their_column_and_sizes(site, make_post):
    for name in "abc":
        phone_photo(site.content / f"posts/{name}.jpg", (1600, 1200))
    site.write("posts/x.md", make_post(BODY))
    site.build()
    html = site.html(POST)
    body = html[html.index('<div class="post-body"') :]
    assert re.search(r'<p class="wide"><picture>.*?alt="Breit"', body, re.S)
    assert re.search(r'<figure class="full"><picture>.*?alt="Voll"', body, re.S)
    assert "Meer." in body and "Bild: Anna" in body
    gallery = re.search(r'<div class="galerie galerie-3">(.*?)</div>', body, re.S)[1]
    assert gallery.count("<figure>") == 3
    assert gallery.count("<figcaption>") == 2  # only the captioned ones
    sizes = _sizes(body)
    assert sizes["Breit"] == DEFAULTS["PERLEN_IMAGE_WIDE_SIZES"]
    assert sizes["Voll"] == DEFAULTS["PERLEN_IMAGE_FULL_SIZES"]
    for alt in ("Eins", "Zwei", "Drei"):
        assert sizes[alt] == DEFAULTS["PERLEN_IMAGE_GALLERY_SIZES"]
    assert sizes["Klein"] == DEFAULTS["PERLEN_IMAGE_SIZES"]
    # The stylesheet for galleries and wide photos comes with them only.
    assert "css/inhalt.css" in html
    site.write("posts/x.md", make_post("Nur Text."))
    site.build()
    assert "css/inhalt.css" not in site.html(POST)


def test_a_width_class_elsewhere_or_unknown_changes_nothing(site, make_post):
    phone_photo(site.content / "posts/a.jpg", (1600, 1200))
    site.write("posts/x.md", make_post("![A](a.jpg){.riesig}\n\n![B](a.jpg) und Text"))
    site.build()
    body = site.html(POST)
    assert 'class="wide"' not in body and 'class="galerie' not in body
    assert set(_sizes(body).values()) == {DEFAULTS["PERLEN_IMAGE_SIZES"]}
