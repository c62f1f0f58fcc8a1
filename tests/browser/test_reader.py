"""Tested as a reader would: a real chromium against the built, served site.

Screenshots at desktop and phone width land in `test-artifacts/`.
"""

from __future__ import annotations

import json
import re

import pytest
from browser_site import (
    ARTIFACTS,
    AXE,
    DESKTOP,
    PHONE,
    PHOTO_POST,
    browser,  # noqa: F401 (a fixture)
    new_reader,
    png_pixels,
    published_site,
    require,
)

# Chromium against the published site: the slow tier (`make test` runs each
# file on one worker, `--dist loadfile`, so its chromium starts once).
pytestmark = pytest.mark.langsam

POST = "2021/monarchie-im-perlenbuero/"
CODE_POST = "2020/tauchen-nach-perlen/"
PAGE_TYPES = {
    "startseite": "",
    "beitrag": POST,
    "beitrag-mit-code": CODE_POST,
    "foto": PHOTO_POST,
    "seite-2": "seite/2/",
    "kategorie": "kategorie/haltung/",
    "schlagwort": "schlagwort/kunden/",
    "schlagwoerter": "schlagwoerter/",
    "kategorien": "kategorien/",
    "autorin": "autorin/perlenmaedchen/",
    "autorinnen": "autorinnen/",
    "archiv": "archiv/",
    "jahresarchiv": "2021/",
    "impressum": "impressum/",
    "suche": "suche/",
    "404": "gibt-es-nicht/",
}
LIGHT = {
    "bg": "rgb(253, 250, 247)",
    "text": "rgb(35, 29, 38)",
    "brand": "rgb(163, 22, 79)",
}
DARK = {
    "bg": "rgb(23, 19, 26)",
    "text": "rgb(239, 232, 240)",
    "brand": "rgb(245, 154, 189)",
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    return published_site(tmp_path_factory)


@pytest.fixture
def open_reader(browser, site_url):  # noqa: F811 (the imported fixture)
    """Factory for readers (browser contexts); all are closed after the test."""
    contexts = []

    def make(**options):
        context, reader = new_reader(browser, site_url, **options)
        contexts.append(context)
        return reader

    yield make
    for context in contexts:
        context.close()


def text(locator) -> str:
    """Visible text with whitespace collapsed (titles carry no-break spaces)."""
    return " ".join(locator.inner_text().split())


def css(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")


def test_reader_finds_a_post_and_follows_a_tag(open_reader):
    reader = open_reader()
    page = reader.page
    assert reader.open("").status == 200
    assert text(page.locator("h1")) == "Neueste Beiträge"
    reader.screenshot("startseite-desktop")

    page.get_by_role("link", name="Monarchie im Perlenbüro").first.click()
    page.wait_for_url(f"**/{POST}")
    assert text(page.locator("h1")) == "Monarchie im Perlenbüro"
    date = page.locator(".post-header time").first
    assert text(date) == "Dienstag, 28. September 2021"
    assert date.get_attribute("datetime") == "2021-09-28T00:00:00+02:00"
    assert "Min. Lesezeit" in page.locator(".post-header .post-meta").inner_text()
    assert page.get_by_role("heading", name="Passende Beiträge").is_visible()
    reader.screenshot("beitrag-desktop")

    page.get_by_role("link", name="Kunden", exact=True).click()
    page.wait_for_url("**/schlagwort/kunden/")
    assert text(page.locator("h1")) == "Schlagwort: Kunden"
    assert page.get_by_role("link", name="Monarchie im Perlenbüro").count() == 1

    assert reader.foreign == []
    assert reader.csp_errors == []
    assert all(url.startswith(reader.site_url) for url in reader.requests)
    fonts = [url for url in reader.requests if url.endswith(".woff2")]
    assert fonts, "die Schriften kommen vom eigenen Server"


def test_fonts_are_loaded_from_the_site(open_reader):
    reader = open_reader()
    reader.open(POST)
    loaded = reader.page.evaluate(
        "async () => { await document.fonts.ready; return [...document.fonts]"
        ".filter(f => f.status === 'loaded').map(f => f.family); }"
    )
    assert {"Source Serif 4", "Fraunces"} <= {family.strip('"') for family in loaded}
    assert reader.foreign == []


@pytest.mark.parametrize(("scheme", "colours"), [("light", LIGHT), ("dark", DARK)])
def test_heart_is_painted_in_the_brand_colour(open_reader, scheme, colours):
    """Checked on the painted pixels: a colour emoji ignores CSS `color`."""
    reader = open_reader(color_scheme=scheme, device_scale_factor=2)
    reader.open(POST)
    heart = reader.page.locator(".post-body .emoji.heart")
    assert heart.count() == 1, "das Herz (<3) am Ende des Beitrags"
    pixels = png_pixels(heart.screenshot())
    brand, background = (rgb(colours[key]) for key in ("brand", "bg"))
    in_brand = [p for p in pixels if distance(p, brand) < 30]
    assert len(in_brand) > len(pixels) / 10, (
        f"{len(in_brand)} von {len(pixels)} Pixeln in der Markenfarbe"
    )
    # Every other pixel is background or its edge blend with the brand colour.
    other = [p for p in pixels if distance_to_blend(p, background, brand) > 30]
    assert other == []


def rgb(css_colour: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", css_colour))


def distance(a, b) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


def distance_to_blend(pixel, start, end) -> float:
    """How far `pixel` is from every mix of the colours `start` and `end`."""
    direction = [e - s for s, e in zip(start, end, strict=True)]
    offset = [p - s for s, p in zip(start, pixel, strict=True)]
    share = sum(d * o for d, o in zip(direction, offset, strict=True)) / sum(
        d * d for d in direction
    )
    share = min(1.0, max(0.0, share))
    return distance(
        pixel, [s + share * d for s, d in zip(start, direction, strict=True)]
    )


@pytest.mark.parametrize(("scheme", "colours"), [("light", LIGHT), ("dark", DARK)])
def test_colour_schemes(open_reader, scheme, colours):
    reader = open_reader(color_scheme=scheme)
    page = reader.page
    reader.open(POST)
    assert css(page, "body", "backgroundColor") == colours["bg"]
    assert css(page, "body", "color") == colours["text"]
    assert css(page, ".post-body a, .post-header a", "color") == colours["brand"]
    reader.screenshot(f"beitrag-desktop-{scheme}")


@pytest.mark.parametrize("name", ["startseite", "beitrag", "archiv", "suche", "404"])
def test_phone_width_without_sideways_scrolling(open_reader, name):
    reader = open_reader(viewport=PHONE, is_mobile=True, has_touch=True)
    reader.open(PAGE_TYPES[name])
    width = reader.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: {width} px breit"
    reader.screenshot(f"{name}-telefon")
    assert reader.foreign == []


# Characters on each full line (all but a paragraph's last) of the post text.
LINE_LENGTHS = """
async () => {
  await document.fonts.ready;
  const lines = [];
  for (const p of document.querySelectorAll(".post-body p")) {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const perLine = new Map();
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const top = Math.round(rect.top);
        perLine.set(top, (perLine.get(top) || 0) + 1);
      }
    }
    lines.push(...[...perLine.values()].slice(0, -1));
  }
  return lines;
}
"""


def test_readable_measure_and_german_hyphenation(open_reader):
    reader = open_reader()
    reader.open(POST)
    lengths = reader.page.evaluate(LINE_LENGTHS)
    average = sum(lengths) / len(lengths)
    assert 60 <= average <= 75, f"{average:.0f} Zeichen pro Zeile"
    assert css(reader.page, ".post-body p", "hyphens") == "auto"
    assert reader.page.evaluate("document.documentElement.lang") == "de"


def test_print_shows_the_text_not_the_navigation(open_reader):
    reader = open_reader()
    page = reader.page
    reader.open(POST)
    page.emulate_media(media="print")
    for hidden in [".site-header nav", ".share", ".related", ".post-nav", ".skip-link"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".post-body").is_visible()
    assert css(page, "body", "color") == "rgb(0, 0, 0)"
    assert css(page, "body", "backgroundColor") == "rgb(255, 255, 255)"
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "beitrag-druck.pdf"), format="A4")


def test_german_404_page(open_reader):
    reader = open_reader()
    response = reader.open("diese/seite/gibt-es-nicht/")
    assert response.status == 404
    page = reader.page
    assert text(page.locator("h1")) == "Diese Seite gibt es leider nicht"
    assert page.title() == "Seite nicht gefunden – perlenmädchen"
    reader.screenshot("404-desktop")
    page.get_by_role("link", name="ins Archiv mit allen Beiträgen").click()
    page.wait_for_url("**/archiv/")
    assert text(page.locator("h1")) == "Archiv"


def test_skip_link_is_first_and_visible_on_focus(open_reader):
    reader = open_reader()
    page = reader.page
    reader.open(POST)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Zum Inhalt springen"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] > 10
    assert css(page, ".skip-link", "outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"


def test_search_finds_a_post(open_reader):
    reader = open_reader()
    page = reader.page
    reader.open("suche/")
    field = page.get_by_role("textbox", name="Suchbegriff")
    field.fill("Kunde")
    result = page.locator(".pagefind-ui__result-link").first
    assert text(result) == "Monarchie im Perlenbüro"
    assert not page.locator("#suche-ohne-js").is_visible()
    reader.screenshot("suche-ergebnis-desktop")
    result.click()
    page.wait_for_url(f"**/{POST}")
    assert reader.foreign == [] and reader.csp_errors == []


@pytest.mark.parametrize(
    "reader_options",
    [{"missing": "/pagefind/"}, {"java_script_enabled": False}],
    ids=["ohne-suchindex", "ohne-javascript"],
)
def test_search_page_explains_itself_without_index_or_javascript(
    open_reader, reader_options
):
    reader = open_reader(**reader_options)
    reader.open("suche/")
    reader.page.wait_for_load_state("networkidle")
    fallback = reader.page.locator("#suche-ohne-js")
    assert fallback.is_visible()
    assert "Die Suche braucht JavaScript" in fallback.inner_text()
    link = fallback.get_by_role("link", name="Archiv")
    assert link.get_attribute("href") == f"{reader.site_url}/archiv/"
    assert reader.csp_errors == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_axe_finds_no_violations(open_reader, name, scheme, width):
    require(
        AXE.is_file(), f"axe-core fehlt ({AXE}); „make test“ installiert es mit npm ci"
    )
    # axe is injected by the test itself, past the site's CSP.
    viewport = {"width": width, "height": 900}
    reader = open_reader(color_scheme=scheme, bypass_csp=True, viewport=viewport)
    reader.open(PAGE_TYPES[name])
    reader.page.add_script_tag(path=str(AXE))
    violations = reader.page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    assert violations == [], json.dumps(violations, indent=2, ensure_ascii=False)


def test_axe_reports_what_it_finds(open_reader):
    """The audit above can fail: axe flags an image without alt text."""
    require(
        AXE.is_file(), f"axe-core fehlt ({AXE}); „make test“ installiert es mit npm ci"
    )
    reader = open_reader(bypass_csp=True)
    reader.open(POST)
    reader.page.evaluate(
        "document.querySelector('main').append(document.createElement('img'))"
    )
    reader.page.add_script_tag(path=str(AXE))
    found = reader.page.evaluate(
        "async () => (await axe.run()).violations.map(v => v.id)"
    )
    assert "image-alt" in found


def test_share_links_are_plain_links(open_reader):
    reader = open_reader()
    reader.open(POST)
    links = reader.page.locator(".share a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert links and links[0].startswith("mailto:?subject=Monarchie")
    assert all(re.match(r"^(mailto:|https://)", link) for link in links)
    assert all(reader.site_url.replace(":", "%3A") in link for link in links)
    assert reader.foreign == []


def test_desktop_screenshots_of_every_page_type(open_reader):
    reader = open_reader(viewport=DESKTOP)
    for name, path in PAGE_TYPES.items():
        reader.open(path)
        reader.screenshot(f"{name}-desktop")
    assert reader.foreign == [] and reader.csp_errors == []


def test_code_blocks_get_a_copy_button(open_reader):
    reader = open_reader()
    reader.page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=reader.site_url
    )
    reader.open(CODE_POST)
    page = reader.page
    button = page.get_by_role("button", name="Kopieren")
    button.click()
    page.get_by_role("button", name="Kopiert").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("def perle(tiefe: int) -> str:")
    assert '"weiter tauchen"  # Geduld' in copied
    assert page.get_by_role("status").inner_text() == (
        "Code in die Zwischenablage kopiert."
    )
    assert reader.foreign == [] and reader.csp_errors == []


def test_without_javascript_code_has_no_button(open_reader):
    reader = open_reader(java_script_enabled=False)
    reader.open(CODE_POST)
    assert reader.page.locator("div.highlight pre").is_visible()
    assert reader.page.locator("button").count() == 0


def test_a_phone_loads_little_of_a_12_megapixel_photo(open_reader):
    """390 px at 2× density: the 960-px AVIF, at most 250 KB of images."""
    reader = open_reader(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    sizes: dict[str, int] = {}

    def remember(response):
        if response.request.resource_type == "image":
            sizes[response.url] = len(response.body())

    reader.page.on("response", remember)
    reader.open(PHOTO_POST)
    photo = reader.page.locator(".post-body picture img")
    photo.scroll_into_view_if_needed()
    reader.page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    assert photo.evaluate("img => img.currentSrc").endswith("/strand-jpg-960.avif")
    assert 0 < sum(sizes.values()) <= 250_000, sizes
    assert not any(url.endswith("/strand.jpg") for url in reader.requests)


# -- The theme's layout at phone and desktop width ------------------------------

# The displayed width of each card image and the pixel width of the file the
# browser chose (`naturalWidth` of an `<img srcset>` is divided by its density).
CARD_IMAGES = """
async () => Promise.all([...document.querySelectorAll('.post-card img')].map(
  img => new Promise(resolve => {
    const file = new Image();
    file.onload = () => resolve({
      shown: img.getBoundingClientRect().width,
      src: img.currentSrc,
      natural: file.naturalWidth,
    });
    file.src = img.currentSrc;
  })))
"""


@pytest.mark.parametrize("scale", [1, 2])
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, DESKTOP])
def test_card_images_are_sharp_at_every_width(open_reader, viewport, scale):
    """`sizes` matches the card: the chosen file is at least as wide as the
    image is shown, times the device pixel ratio."""
    reader = open_reader(viewport=viewport, device_scale_factor=scale)
    page = reader.page
    reader.open("")
    page.locator(".post-card img").first.scroll_into_view_if_needed()
    page.wait_for_function(
        "[...document.querySelectorAll('.post-card img')]"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    images = page.evaluate(CARD_IMAGES)
    assert images, "die Startseite zeigt Titelbilder in den Karten"
    for image in images:
        assert image["natural"] >= image["shown"] * scale - 1, image
    # The image links to the post, but is no extra tab stop.
    link = page.locator(".post-card-image").first
    assert link.get_attribute("tabindex") == "-1"
    assert link.get_attribute("href") == page.locator(
        ".post-card-title a"
    ).first.get_attribute("href")


def test_listing_is_a_card_grid_on_wide_screens(open_reader):
    reader = open_reader()
    reader.open("kategorie/handwerk/")
    reader.page.set_viewport_size({"width": 1280, "height": 900})
    columns = css(reader.page, ".post-list", "gridTemplateColumns").split()
    assert len(columns) == 3
    phone = open_reader(viewport={"width": 390, "height": 844})
    phone.open("kategorie/handwerk/")
    assert len(css(phone.page, ".post-list", "gridTemplateColumns").split()) == 1


def test_on_a_phone_the_copy_button_leaves_the_code_and_tables_scroll(open_reader):
    # (bypass_csp: Playwright's waiting evaluates strings, which the CSP forbids)
    reader = open_reader(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = reader.page
    reader.open(CODE_POST)
    button = page.locator(".copy-code").first.bounding_box()
    code = page.locator(".highlight code").first
    first_line = code.evaluate(
        "c => { const r = document.createRange(); r.setStart(c, 0);"
        " r.setEnd(c, 1); return r.getClientRects()[0].top; }"
    )
    assert button["y"] + button["height"] <= first_line
    # The wide table scrolls in its labelled, focusable region …
    region = page.get_by_role("region", name="Tabelle 1")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.table-scroll').scrollLeft > 0")
    # … and shows it: a shadow at the edge where the table continues.
    assert "radial-gradient" in css(page, ".table-scroll", "backgroundImage")
    assert page.get_by_role("region", name="Codebeispiel 1").is_visible()


def test_heading_permalinks_are_no_tab_stops(open_reader):
    reader = open_reader()
    reader.open(CODE_POST)
    links = reader.page.locator(".headerlink")
    assert links.count() >= 1
    assert {links.nth(i).get_attribute("tabindex") for i in range(links.count())} == {
        "-1"
    }


LAYOUT_SHIFT = """
() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) total += entry.value;
    }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1500);
})
"""


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, DESKTOP])
def test_search_page_loads_without_flash_or_layout_shift(open_reader, viewport):
    reader = open_reader(viewport=viewport)
    page = reader.page
    reader.open("suche/")
    assert not page.locator("#suche-ohne-js").is_visible()
    page.get_by_role("textbox", name="Suchbegriff").wait_for()
    # Lighthouse reports CLS with three decimals: below 0.001 it reads 0.
    # (Pagefind's own stylesheet nudges its field by a fraction of a pixel.)
    assert page.evaluate(LAYOUT_SHIFT) < 0.001
    # Pagefind first shows a placeholder excerpt (`pagefind-ui__loading`) and
    # fills it once the result's fragment has arrived. The fragments are held
    # until the placeholder is on screen, so the test always meets that state
    # and must wait for the real excerpt, not for whichever comes first.
    held, released = [], []

    def hold(route):
        (route.fallback() if released else held.append(route))

    page.route("**/pagefind/fragment/**", hold)
    page.get_by_role("textbox", name="Suchbegriff").fill("Kunde")
    page.locator(".pagefind-ui__result-excerpt.pagefind-ui__loading").first.wait_for()
    released.append(True)
    for route in held:
        route.fallback()
    excerpt = page.locator(".pagefind-ui__result-excerpt:not(.pagefind-ui__loading)")
    mark = excerpt.first.locator("mark").first
    mark.wait_for()
    assert "¶" not in excerpt.first.inner_text()
    assert not excerpt.first.inner_text().startswith("Haltung")
    colour = mark.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(247, 211, 225)"  # the theme's --mark, not yellow


def test_print_is_dark_on_light_even_from_dark_mode(open_reader):
    reader = open_reader(color_scheme="dark")
    page = reader.page
    reader.open(CODE_POST)
    page.emulate_media(media="print", color_scheme="dark")
    assert css(page, "body", "color") == "rgb(0, 0, 0)"
    assert css(page, ".highlight .k", "color") == "rgb(169, 13, 145)"  # xcode
    assert css(page, ".highlight pre", "whiteSpace") == "pre-wrap"
    for hidden in [".copy-code", ".contact-box", ".headerlink"]:
        locator = page.locator(hidden).first
        assert locator.count() == 0 or not locator.is_visible(), hidden
    assert css(page, "blockquote", "color") == "rgb(0, 0, 0)"
