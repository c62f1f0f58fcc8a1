"""The site satisfies the Content-Security-Policy it ships with, in a real browser.

The publish build is served on 127.0.0.1 by a tiny server that applies the
built `_headers` file the way a static host does. Chromium loads the pages,
runs a search (Pagefind's WebAssembly, its worker and its UI) and reports
every CSP violation, both as console message and as `securitypolicyviolation`
event. An injected inline script shows that violations are seen at all.
"""

from __future__ import annotations

import pytest
from browser_site import browser, published_site  # noqa: F401

# Chromium against the published site: the slow tier (`make test` runs each
# file on one worker, `--dist loadfile`, so its chromium starts once).
pytestmark = pytest.mark.langsam

PAGES = [
    "",
    "2021/monarchie-im-perlenbuero/",
    "2020/von-haeusern-und-gaerten/",
    "archiv/",
    "kategorie/haltung/",
    "schlagwoerter/",
    "ueber-uns/",
    "suche/",
    "404.html",
]
# Records violations in the page itself; runs before any of the page's scripts.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, java):
    return published_site(tmp_path_factory)


@pytest.fixture
def tab(browser):  # noqa: F811 (the fixture imported from browser_site)
    """A fresh page that collects CSP complaints in `tab.csp_messages`."""
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.csp_messages = []
    # Chromium writes "Content Security Policy" and "Content Security policy".
    page.on(
        "console",
        lambda m: (
            page.csp_messages.append(m.text)
            if "content security policy" in m.text.lower()
            else None
        ),
    )
    page.add_init_script(LISTEN)
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.csp_messages + page.evaluate("window.__violations")


def test_responses_carry_the_policy_from_headers_file(tab, site_url):
    response = tab.goto(f"{site_url}/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'wasm-unsafe-eval'" in policy
    assert "'unsafe-inline'" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_without_csp_violation(tab, site_url, path):
    response = tab.goto(f"{site_url}/{path}")
    assert response.status == 200
    tab.wait_for_load_state("networkidle")
    assert violations(tab) == []


def test_search_page_finds_haeuser_for_haeusern_without_violation(tab, site_url):
    tab.goto(f"{site_url}/suche/")
    tab.fill(".pagefind-ui__search-input", "Häusern")
    result = tab.locator(".pagefind-ui__result-link").first
    result.wait_for()
    assert result.get_attribute("href").endswith("/2020/von-haeusern-und-gaerten/")
    assert tab.locator("#suche-ohne-js").is_hidden()
    assert violations(tab) == []


def test_german_stemming_in_the_index(tab, site_url):
    """Pagefind's own API: the German index stems „Häusern“ to „Haus“."""
    tab.goto(f"{site_url}/suche/")
    urls = tab.evaluate(
        """async () => {
            const pagefind = await import("/pagefind/pagefind.js");
            await pagefind.init();
            const search = await pagefind.search("Häusern");
            const data = await Promise.all(search.results.map((r) => r.data()));
            return data.map((d) => d.url);
        }"""
    )
    assert "/2020/von-haeusern-und-gaerten/" in urls
    assert violations(tab) == []


def test_inline_code_would_be_seen(tab, site_url):
    """The probe: an inline script is blocked, and the violation is seen."""
    tab.goto(f"{site_url}/")
    # Waits for Chromium's report of the blocked script, however busy the
    # machine (a fixed pause would race it).
    with tab.expect_console_message(lambda m: "script-src" in m.text):
        tab.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "document.title = 'eingeschleust';";
                document.body.append(script);
            }"""
        )
    assert tab.title() != "eingeschleust"
    assert any("script-src" in v for v in violations(tab))
