"""Visual regression: every page type as the reader sees it, compared with
reference images in `tests/browser/references/`.

Screenshots at 390 and 1280 px, light and dark, are halved (to keep the
repository small; a changed margin, colour or font still shows) and compared
pixel by pixel with Pillow's ImageChops: a page fails when its size changed
or more than `TOLERANCE` of its pixels differ noticeably. Photos are masked
(the test photo's noise is random); fonts are self-hosted, so Debian's
chromium draws the same pixels on every run. After an intended change of the
theme, `make referenzbilder` (or `PERLEN_REFERENZBILDER=1`) writes new
references; review and commit them. Differences land in `test-artifacts/`.
"""

from __future__ import annotations

import io
import os

import pytest
from browser_site import (
    ARTIFACTS,
    PHOTO_POST,
    browser,  # noqa: F401 (a fixture)
    new_reader,
    published_site,
)
from conftest import ROOT
from PIL import Image, ImageChops

REFERENCES = ROOT / "tests/browser/references"
UPDATE = os.environ.get("PERLEN_REFERENZBILDER") == "1"
PAGES = {
    "startseite": "",
    "beitrag": "2021/monarchie-im-perlenbuero/",
    "foto": PHOTO_POST,
    "code-und-tabelle": "2020/tauchen-nach-perlen/",
    "schlagwort": "schlagwort/kunden/",
    "autorin": "autorin/perlenmaedchen/",
    "archiv": "archiv/",
    "suche": "suche/",
    "404": "gibt-es-nicht/",
}
# A channel differing by more than this is a noticeable difference …
THRESHOLD = 48
# … and a page may have this share of such pixels (anti-aliasing).
TOLERANCE = 0.002


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, java):
    """The published site the other browser modules see (built once per
    test process)."""
    return published_site(tmp_path_factory)


def screenshot(browser, site_url, path: str, width: int, scheme: str) -> Image.Image:  # noqa: F811
    context, reader = new_reader(
        browser, site_url, viewport={"width": width, "height": 900}, color_scheme=scheme
    )
    try:
        page = reader.page
        reader.open(path)
        page.evaluate("document.fonts.ready")
        if path == "suche/":
            page.get_by_role("textbox", name="Suchbegriff").wait_for()
        png = page.screenshot(
            full_page=True,
            animations="disabled",
            caret="hide",
            mask=[page.locator("main img")],
            mask_color="#808080",
        )
    finally:
        context.close()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.resize((image.width // 2, image.height // 2), Image.Resampling.BOX)


def differing_share(expected: Image.Image, actual: Image.Image) -> float:
    """The share of pixels where a channel differs by more than THRESHOLD."""
    difference = ImageChops.difference(expected, actual).convert("L")
    mask = difference.point(lambda value: 255 if value > THRESHOLD // 3 else 0)
    return mask.histogram()[255] / (expected.width * expected.height)


@pytest.mark.langsam
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_looks_like_its_reference(browser, site_url, name, width, scheme):  # noqa: F811
    reference = REFERENCES / f"{name}-{width}-{scheme}.png"
    actual = screenshot(browser, site_url, PAGES[name], width, scheme)
    if UPDATE:
        REFERENCES.mkdir(parents=True, exist_ok=True)
        actual.save(reference, optimize=True)
        return
    assert reference.is_file(), (
        f"Referenzbild {reference.name} fehlt: „make referenzbilder“ legt es an."
    )
    expected = Image.open(reference).convert("RGB")
    ARTIFACTS.mkdir(exist_ok=True)
    if expected.size != actual.size:
        actual.save(ARTIFACTS / f"visuell-{reference.name}")
        pytest.fail(
            f"{reference.name}: {actual.size} statt {expected.size} Pixel – "
            "gewollt? Dann „make referenzbilder“."
        )
    share = differing_share(expected, actual)
    if share > TOLERANCE:
        actual.save(ARTIFACTS / f"visuell-{reference.name}")
        ImageChops.difference(expected, actual).save(
            ARTIFACTS / f"visuell-unterschied-{reference.name}"
        )
    assert share <= TOLERANCE, (
        f"{reference.name}: {share:.2%} der Pixel weichen ab – gewollt? "
        "Dann „make referenzbilder“."
    )


def test_the_comparison_sees_a_changed_page():
    """The check above can fail: one changed line of text is seen."""
    page = Image.new("RGB", (640, 1200), (253, 250, 247))
    changed = page.copy()
    changed.paste((163, 22, 79), (40, 300, 600, 316))
    assert differing_share(page, page) == 0
    assert differing_share(page, changed) > TOLERANCE
