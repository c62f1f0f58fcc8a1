"""The Titelbild on the post page and in cards; social cards for the others."""

from __future__ import annotations

import io
import json

import pytest
from conftest import ROOT
from image_files import phone_photo, transparent_png
from perlen.images import social_card
from perlen.images.social_card import CardText, layout, render, render_photo
from perlen.images.store import images_processed
from perlen.problems import Severity
from perlen.settings import DEFAULTS
from perlen.site.references import start_tags
from PIL import Image

POST = "2021/monarchie-im-perlenbuero/index.html"
FONT = str(ROOT / "theme/static/fonts/fraunces-latin-600-normal.woff2")


def _tags(html: str, name: str) -> list[dict[str, str]]:
    return [tag.attrs for tag in start_tags(html) if tag.name == name]


def test_titelbild_is_shown_above_the_text_and_in_cards(site, make_post):
    phone_photo(site.content / "posts/krone.jpg", (1500, 1300))
    phone_photo(site.content / "posts/innen.jpg", (600, 400))
    site.write(
        "posts/x.md",
        make_post(
            "![Im Text](innen.jpg)",
            Titelbild="krone.jpg",
            **{"Titelbild-Text": "Eine Krone aus Perlen", "Bildnachweis": "Anna"},
        ),
    )
    older = make_post(Titel="Älter", Datum="2.3.2020", Titelbild="krone.jpg")
    site.write("posts/aelter.md", older)
    output = site.build()
    page = site.html(POST)
    cover = page[page.index('<figure class="post-cover wide">') :]
    cover = cover[: cover.index("</figure>")]
    [img] = _tags(cover, "img")
    assert img["alt"] == "Eine Krone aus Perlen"
    assert img["fetchpriority"] == "high" and "loading" not in img
    assert (img["width"], img["height"]) == ("960", "1108")  # upright: portrait
    assert '<span class="credit">Bild: Anna</span>' in cover
    # With a Titelbild above, the text's first image is no longer the LCP.
    body = page[page.index('<div class="post-body">') :]
    [inner] = _tags(body[: body.index("</div>")], "img")
    assert inner["loading"] == "lazy" and "fetchpriority" not in inner
    # In the listing: the same variants, sized for the card; the first
    # card's image is fetched first, the others lazily.
    card, later = [
        i for i in _tags(site.html("index.html"), "img") if "krone" in i["src"]
    ]
    assert card["fetchpriority"] == "high" and "loading" not in card
    assert later["loading"] == "lazy" and "fetchpriority" not in later
    assert card["sizes"] == DEFAULTS["PERLEN_IMAGE_CARD_SIZES"]
    assert card["src"] == "/posts/krone-jpg-960.jpg"
    with Image.open(output / "posts/krone-jpg-1200x630.jpg") as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630))
        assert not image.getexif()
    # A post with a Titelbild gets no generated card.
    assert not (output / "2021/monarchie-im-perlenbuero/vorschau.png").exists()


def test_a_narrow_titelbild_is_a_warning(site, make_post):
    transparent_png(site.content / "posts/logo.png", (800, 400))
    site.write(
        "posts/x.md", make_post(Titelbild="logo.png", **{"Titelbild-Text": "Logo"})
    )
    from perlen.building.checked import checked_build

    outcome = checked_build(site.settings())
    [problem] = outcome.problems
    assert problem.severity is Severity.WARNING
    assert problem.line == 3
    assert "ist nur 800 Pixel breit" in problem.message


def test_social_card_is_deterministic_and_follows_the_title(site, make_post):
    made: list[int] = []

    def count(report) -> None:
        made.append(len(report.made))

    images_processed.connect(count)
    try:
        site.write("posts/x.md", make_post())
        card = (
            site.build(PERLEN_SOCIAL_CARDS=True)
            / "2021/monarchie-im-perlenbuero/vorschau.png"
        )
        first = card.read_bytes()
        with Image.open(card) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630))
        site.build(PERLEN_SOCIAL_CARDS=True)
        assert card.read_bytes() == first
        cached = site.root / "cache"
        for entry in cached.rglob("*"):
            if entry.is_file():
                entry.unlink()  # a cold cache draws the same bytes again
        site.build(PERLEN_SOCIAL_CARDS=True)
        assert card.read_bytes() == first
        site.write(
            "posts/x.md", make_post(Slug="monarchie-im-perlenbuero", Titel="Neu")
        )
        site.build(PERLEN_SOCIAL_CARDS=True)
        assert card.read_bytes() != first
        assert made == [1, 0, 1, 1]
    finally:
        images_processed.disconnect(count)
    page = site.html(POST)
    assert 'property="og:image:alt" content="Neu"' in page


CARD = CardText("Perlen zählen", "perlenmädchen", "Haltung", "Anna · 1. März 2021")


def test_card_render_is_byte_identical():
    assert render(CARD, FONT) == render(CARD, FONT)


def _colourful(png: bytes, box) -> int:
    """Pixels in `box` whose channels differ a lot: colour, not the theme's greys."""
    with Image.open(io.BytesIO(png)) as image:
        pixels = image.convert("RGB").crop(box).get_flattened_data()
        return sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 120)


def test_emoji_in_a_title_are_drawn_in_colour_or_left_out(monkeypatch):
    with_emoji = CardText("Perlen 🌈🌈🌈", "perlenmädchen")
    plain = CardText("Perlen", "perlenmädchen")
    title_area = (70, 60, 900, 200)
    if social_card._emoji_font() is not None:
        assert _colourful(render(with_emoji, FONT), title_area) > 2000
    assert _colourful(render(plain, FONT), title_area) < 50
    # Without the font: no boxes, the emoji are left out cleanly.
    monkeypatch.setattr(social_card, "EMOJI_FONT", "/gibt/es/nicht.ttf")
    social_card._emoji_font.cache_clear()
    try:
        assert social_card.clean_title("Perlen 🌈 zählen") == "Perlen zählen"
        assert render(with_emoji, FONT) == render(
            CardText("Perlen", "perlenmädchen"), FONT
        )
    finally:
        social_card._emoji_font.cache_clear()


def test_a_long_title_keeps_clear_of_the_footer():
    long = CardText("Zusammenarbeit auf Augenhöhe " * 6, "perlenmädchen", "Haltung")
    with Image.open(io.BytesIO(render(long, FONT))) as image:
        # Between the title block and the rule (y≈520) the page colour stays.
        band = image.convert("RGB").crop((80, 505, 800, 515)).get_flattened_data()
        assert set(band) == {social_card.BACKGROUND}


def test_a_titelbild_card_puts_the_text_on_a_light_panel():
    photo = Image.new("RGB", (1200, 630), (10, 10, 10))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG")
    card = render_photo(CARD, FONT, buffer.getvalue(), 85)
    with Image.open(io.BytesIO(card)) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630))
        rgb = image.convert("RGB")
        assert sum(rgb.getpixel((600, 100))) < 100  # the photo above
        assert sum(rgb.getpixel((1150, 600))) > 650  # the light panel below


@pytest.mark.parametrize(
    "title",
    [
        "Monarchie im Perlenbüro",
        "„Der Kunde ist König“ – und was wir daraus gelernt haben",
        "Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterungen",
        "Zusammenarbeit " * 30,
    ],
)
def test_card_title_is_broken_between_words_or_hyphenated(title):
    size, lines = layout(title, FONT, 1040)
    words = title.split()
    text = " ".join(lines)
    assert len(lines) <= 5
    if text.endswith(" …"):  # too long: cut after a whole word
        kept = text[: -len(" …")].split()
        assert kept == words[: len(kept)]
    else:
        # Every word appears whole, or split only at a hyphen at a line end.
        assert text.replace("- ", "").split() == words or text.split() == words
    for line in lines:
        from perlen.images.social_card import _font

        assert _font(FONT, size).getlength(line) <= 1040


def test_json_ld_credit_for_a_post_credit(site, make_post, monkeypatch):
    phone_photo(site.content / "posts/krone.jpg", (1500, 1300))
    site.write("posts/x.md", make_post(Titelbild="krone.jpg", Bildnachweis="Anna"))
    site.build(SITEURL="https://blog.example.org")
    page = site.html(POST)
    script = page.split('<script type="application/ld+json">')[1]
    data = json.loads(script.split("</script>")[0])
    assert data["image"]["creditText"] == "Anna"
    assert (
        data["image"]["url"] == "https://blog.example.org/posts/krone-jpg-1200x630.jpg"
    )


def test_an_svg_titelbild_is_shown_as_it_is(site, make_post):
    (site.content / "posts/form.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 600"></svg>'
    )
    site.write("posts/x.md", make_post(Titelbild="form.svg"))
    output = site.build(SITEURL="https://blog.example.org")
    page = site.html(POST)
    cover = page[page.index('<figure class="post-cover wide">') :]
    [img] = _tags(cover[: cover.index("</figure>")], "img")
    assert img["src"] == "https://blog.example.org/posts/form.svg"
    assert (img["width"], img["height"]) == ("1200", "600")
    assert (output / "posts/form.svg").is_file()
    assert 'content="https://blog.example.org/posts/form.svg"' in page
    assert "og:image:width" not in page  # its own size, not a 1200×630 crop
