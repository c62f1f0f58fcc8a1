"""The web editor at /redaktion/, as a writer uses it, on a real repository.

A small site is copied into a temporary git repository, built for publishing
(with the editor) and served on 127.0.0.1 with its `_headers`; `decap-server`
from npm runs on loopback in git mode against that repository, exactly as
`make redaktion` runs it. Chromium writes a post in the editor, saves it
(a draft of the editorial workflow: a branch) and publishes it (merged into
main); the file, `perlen pruefen --streng` and the rebuilt page are checked.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from browser_site import (
    ARTIFACTS,
    _SiteHandler,
    browser,  # noqa: F401
    header_rules,
    phone_photo,
    require,
)
from conftest import ROOT, Site, fill_in_legal_data
from perlen.commands import editor_server
from PIL import Image

PERLEN = Path(sys.executable).with_name("perlen")
DECAP_SERVER = ROOT / editor_server.DECAP_SERVER
BERLIN = ZoneInfo("Europe/Berlin")

# Chromium, decap-server and a publish build: the slow tier.
pytestmark = pytest.mark.langsam

# A post written by hand: German header with a continuation line, emoji,
# hearts, typographic quotes and dashes, no-break spaces, a trailing space.
HAND_WRITTEN = """Titel: Perlen, Herzen & „Anführungszeichen“ – ein Test
Datum: Dienstag, 28. September 2021
Autorin: perlenmädchen
Kategorie: Agenturalltag
Schlagwörter: Kunden, Gestaltung
Zusammenfassung: Ein Beitrag mit allem, was Schreibende so tippen –
    über zwei Zeilen.
Status: Veröffentlicht

Wir ❤️ unsere Kund*innen <3 und sagen :wink: – immer „gern“.

Ein Absatz mit 10 % Rabatt und 3 km Weg… und „Zitat ‚innen‘“.\u0020\u0020
Zweite Zeile nach hartem Umbruch.

## Zwischenüberschrift

* Punkt eins
* Punkt zwei

```python
print("<3 bleibt Code")
```
"""
HAND_WRITTEN_PATH = "posts/2021/von-hand.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Newsroom:
    """The temporary repository, its built site and the editor's address."""

    root: Path
    site: Site
    url: str
    local_api: str

    def build(self) -> None:
        self.site.build("publishconf.py", PERLEN_EDITOR_LOCAL_URL=self.local_api)

    def git(self, *args: str) -> str:
        """Read the repository. (Writing here would race decap-server, which
        runs `git checkout` for every read an open editor asks of it.)"""
        return subprocess.run(
            ["git", "-C", str(self.root), *args],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def commit(self, action: str, **params) -> None:
        """Write and commit through decap-server's own API, which takes one
        request at a time, so no git command of its own runs meanwhile."""
        request = urllib.request.Request(
            self.local_api,
            data=json.dumps(
                {"action": action, "params": {"branch": "main", **params}}
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            urllib.request.urlopen(request, timeout=30).close()
        except urllib.error.HTTPError as error:
            pytest.fail(f"decap-server: {action}: {error.read().decode()}")


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    require(DECAP_SERVER.is_file(), "decap-server fehlt (npm ci)")
    require(shutil.which("node") is not None, "Node.js fehlt")
    root = tmp_path_factory.mktemp("redaktion")
    shutil.copytree(ROOT / "content", root / "content")
    fill_in_legal_data(root / "content")
    for name in (".gitignore", "pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, root / name)
    for name in ("theme", "plugins"):
        (root / name).symlink_to(ROOT / name)
    site = Site(root)
    site.write(HAND_WRITTEN_PATH, HAND_WRITTEN)
    api_port = free_port()
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_SiteHandler, directory=str(site.output))
    )
    url = f"http://127.0.0.1:{server.server_port}"
    room = Newsroom(root, site, url, f"http://127.0.0.1:{api_port}/api/v1")
    room.git("init", "-q", "-b", "main")
    room.git("config", "user.name", "Redaktion")
    room.git("config", "user.email", "redaktion@example.org")
    room.git("add", "-A")
    room.git("commit", "-qm", "Start")
    decap = subprocess.Popen(
        ["node", str(DECAP_SERVER)],
        env={
            **os.environ,
            "PORT": str(api_port),
            "BIND_HOST": "127.0.0.1",
            "MODE": "git",
            "GIT_REPO_DIRECTORY": str(root),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SITEURL", url)
            room.build()
            server.header_rules = header_rules(
                (site.output / "_headers").read_text(encoding="utf-8")
            )
            threading.Thread(target=server.serve_forever, daemon=True).start()
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", api_port), 1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or decap.poll() is not None:
                        pytest.fail("decap-server ist nicht gestartet")
                    time.sleep(0.05)
            yield room
    finally:
        server.shutdown()
        decap.terminate()
        decap.wait(10)


@pytest.fixture
def editor(browser, newsroom):  # noqa: F811
    """A signed-in editor tab (Berlin time, German browser)."""
    context = browser.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 1400, "height": 1000},
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(
                (newsroom.url, newsroom.local_api, "data:", "blob:")
            )
            else foreign.append(request.url)
        ),
    )
    page.goto(f"{newsroom.url}/redaktion/")
    sign_in = page.get_by_role("button", name="Anmelden")
    sign_in.wait_for()
    english = english_words(page)
    sign_in.click()
    page.get_by_text("Inhaltstypen").wait_for()
    page.get_by_text("Perlen, Herzen").first.wait_for()  # the list of posts
    english += english_words(page)
    assert english == [], "English on the sign-in or main screen"
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "redaktion.png"), full_page=True)
    (ARTIFACTS / "redaktion.html").write_text(page.content())
    context.close()
    assert foreign == [], "the editor loaded files from elsewhere"


# Decap's English phrases (and the ones its German locale leaves English),
# as a writer would see them on the sign-in and the main screen.
ENGLISH = (
    "Login",
    "Log in",
    "Loading",
    "Collections",
    "Contents",
    "Workflow",
    "Media",
    "Quick add",
    "Search all",
    "Sort by",
    "View as",
    "List view option",
    "Grid view option",
    "Unpublished Entries",
    "Log Out",
    "Notes",
    "New ",
)


def english_words(page) -> list[str]:
    """The known English phrases in the page's visible text and labels."""
    text = page.evaluate(
        """() => [document.body.innerText,
            ...[...document.querySelectorAll('[aria-label],[title],[placeholder]')]
                .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'),
                           e.getAttribute('placeholder')].join(' '))].join('\\n')"""
    )
    return [phrase for phrase in ENGLISH if phrase in text]


def field(page, key: str):
    return page.locator(f"[id^='{key}-field-']")


def publish(page) -> None:
    """Save (a draft: a branch), mark it ready, publish (merged into main)."""
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.get_by_text("Beitrag gespeichert").wait_for()
    page.get_by_role("button", name="Status: Entwurf").click()
    page.get_by_text("Abgeschlossen", exact=True).click()
    page.get_by_text("Beitragsstatus aktualisiert").wait_for()
    page.get_by_role("button", name="Veröffentlichen").click()
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_text("Jetzt veröffentlichen").click()
    page.get_by_text("Beitrag veröffentlicht").wait_for()


def test_a_writer_creates_and_publishes_a_post(editor, newsroom, tmp_path):
    page = editor
    photo, cover = tmp_path / "kette.jpg", tmp_path / "titelbild.jpg"
    phone_photo(photo)
    Image.new("RGB", (1600, 900), (200, 120, 90)).save(cover, "JPEG")
    when = datetime.now(BERLIN).replace(second=0, microsecond=0) - timedelta(hours=2)
    page.goto(f"{newsroom.url}/redaktion/#/collections/beitraege/new")
    field(page, "title").fill("Grüße aus München: Perlen für Übermorgen")
    field(page, "date").fill(when.strftime("%Y-%m-%dT%H:%M"))
    field(page, "category").fill("Agenturalltag")
    field(page, "tags").fill("Kunden, Gestaltung")
    field(page, "summary").fill("Wie wir in München Perlen für Übermorgen suchen.")
    # The Titelbild, and a second photo uploaded for the text.
    page.get_by_role("button", name="Wähle ein Bild").click()
    page.locator("input[type=file]").set_input_files([str(photo)])
    page.get_by_text("kette.jpg").wait_for()
    page.locator("input[type=file]").set_input_files([str(cover)])
    # Decap selects what was just uploaded.
    page.get_by_text("titelbild.jpg", exact=True).wait_for()
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    field(page, "cover_alt").fill("Eine rote Fläche, warm wie ein Sonnenuntergang")
    field(page, "credit").fill("Foto: perlenmädchen")
    body = page.locator("[data-slate-editor]").last
    body.click()
    page.keyboard.type(
        "Wir lieben Perlen <3 und zwinkern :wink: euch zu.\n\n"
        "![Eine Perlenkette im Sand](kette.jpg)\n"
    )
    publish(page)

    written = newsroom.site.content / f"posts/{when.year}"
    posts = [p for p in written.glob("*.md") if "munchen" in p.name]
    assert len(posts) == 1, sorted(written.iterdir())
    text = posts[0].read_text(encoding="utf-8")
    assert text.startswith("Titel: Grüße aus München: Perlen für Übermorgen\n")
    assert f"Datum: {when:%Y-%m-%d %H:%M}\n" in text
    assert "Kategorie: Agenturalltag\n" in text
    assert "Schlagwörter: Kunden, Gestaltung\n" in text
    assert "Titelbild: titelbild.jpg\n" in text
    assert "Titelbild-Text: Eine rote Fläche" in text
    assert "\n\nWir lieben Perlen <3 und zwinkern :wink: euch zu.\n" in text
    assert (written / "kette.jpg").is_file() and (written / "titelbild.jpg").is_file()
    assert newsroom.git("status", "--porcelain") == ""

    check = subprocess.run(
        [PERLEN, "pruefen", "--streng"],
        cwd=newsroom.root,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", newsroom.url)
        newsroom.build()
    page.goto(
        f"{newsroom.url}/{when.year}/gruesse-aus-muenchen-perlen-fuer-uebermorgen/"
    )
    article = page.locator("article")
    assert "Grüße aus München" in page.locator("h1").inner_text()
    german_date = format_date(when, "d. MMMM y", locale="de")
    assert german_date in article.locator("time").first.inner_text()
    assert article.locator("[role=img][aria-label='rotes Herz']").count() == 1
    assert article.locator("[role=img][aria-label='zwinkerndes Gesicht']").count() == 1
    photo_img = article.locator("img[alt='Eine Perlenkette im Sand']")
    assert photo_img.count() == 1
    assert "kette.jpg" not in (photo_img.get_attribute("src") or "")
    assert photo_img.evaluate("img => img.complete && img.naturalWidth > 0")


def test_a_hand_written_post_survives_an_edit(editor, newsroom):
    page = editor
    page.goto(f"{newsroom.url}/redaktion/#/collections/beitraege/entries/2021/von-hand")
    title = field(page, "title")
    title.wait_for()
    assert title.input_value() == "Perlen, Herzen & „Anführungszeichen“ – ein Test"
    assert field(page, "summary").input_value() == (
        "Ein Beitrag mit allem, was Schreibende so tippen –\nüber zwei Zeilen."
    )
    title.fill("Perlen, Herzen & „Anführungszeichen“ – ein Versuch")
    publish(page)

    saved = (newsroom.site.content / HAND_WRITTEN_PATH).read_bytes()
    assert saved == HAND_WRITTEN.replace("ein Test", "ein Versuch").encode("utf-8")

    # The exact page, one click away: Decap's link (site_url + preview_path)
    # leads through the page finder to the post's built page.
    link = page.get_by_role("link", name="Seite ansehen")
    href = link.get_attribute("href")
    assert href == f"{newsroom.url}/redaktion/seite.html#beitraege/2021/von-hand"
    assert link.get_attribute("target") == "_blank"
    post = page.context.new_page()  # the new tab the link opens
    post.goto(href)
    post.wait_for_url(
        f"{newsroom.url}/2021/perlen-herzen-*/", wait_until="domcontentloaded"
    )
    assert "Perlen, Herzen" in post.locator("h1").inner_text()
    assert post.locator("article").count() == 1
    post.close()


# When a button „Anmelden“ is first on screen, by the page's own clock
# (performance.now(), from the start of the navigation).
SIGN_IN_SHOWN = """
new MutationObserver((changes, observer) => {
  const shown = [...document.querySelectorAll("button")].some(
    (b) => b.textContent.includes("Anmelden") && b.getClientRects().length > 0);
  if (shown) {
    window.anmeldenSichtbar = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true, characterData: true });
"""


def first_visit(browser, url: str):  # noqa: F811
    """Open the editor as on a first visit (a fresh context: no cache, no
    session); returns the response, the scripts requested, and when the
    sign-in was on screen and the load event over (ms after navigation start)."""
    context = browser.new_context(locale="de-DE")
    context.add_init_script(SIGN_IN_SHOWN)
    page = context.new_page()
    scripts: list[str] = []
    page.on(
        "request",
        lambda r: scripts.append(r.url) if r.resource_type == "script" else None,
    )
    response = page.goto(url, wait_until="load")
    page.get_by_role("button", name="Anmelden").wait_for()
    page.wait_for_function("window.anmeldenSichtbar !== undefined")
    shown, loaded = page.evaluate(
        """[window.anmeldenSichtbar,
            performance.getEntriesByType('navigation')[0].loadEventEnd]"""
    )
    context.close()
    return response, scripts, shown, loaded


def test_the_editor_has_its_own_scripts_and_policy_only(
    browser,  # noqa: F811
    newsroom,
):
    # How fast it is ready: test_redaktion_ladezeit.py, run alone.
    response, scripts, shown, loaded = first_visit(
        browser, f"{newsroom.url}/redaktion/"
    )
    assert shown > 0 and loaded > 0
    assert scripts and all(s.startswith(f"{newsroom.url}/redaktion/") for s in scripts)
    policy = response.headers["content-security-policy"]
    # The editor's own policy, not the site's (which forbids eval and inline
    # styles); the rest of the site keeps the site's.
    assert (
        "'unsafe-eval'" in policy and newsroom.local_api.rsplit("/api", 1)[0] in policy
    )
    home = urllib.request.urlopen(f"{newsroom.url}/")
    assert "'unsafe-eval'" not in home.headers["Content-Security-Policy"]
    page_html = (newsroom.site.output / "redaktion/index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in page_html
    sitemap = (newsroom.site.output / "sitemap.xml").read_text()
    assert "/redaktion/" not in sitemap


def test_an_iphone_photo_gets_the_german_message(editor, newsroom, tmp_path):
    page = editor
    heic = tmp_path / "IMG_0001.HEIC"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00heicmif1")
    page.goto(f"{newsroom.url}/redaktion/#/collections/beitraege/new")
    page.get_by_role("button", name="Wähle ein Bild").click()
    page.locator("input[type=file]").set_input_files([str(heic)])
    alert = page.get_by_role("alert").filter(has_text="HEIC")
    alert.wait_for()
    assert "„IMG_0001.HEIC“ ist ein iPhone-Foto im HEIC-Format" in alert.inner_text()
    assert page.get_by_text("IMG_0001.HEIC", exact=True).count() == 0


def test_the_editor_refuses_in_german_before_saving(editor, newsroom):
    page = editor
    branches = newsroom.git("branch", "--list")
    page.goto(f"{newsroom.url}/redaktion/#/collections/beitraege/new")
    save = page.get_by_role("button", name="Speichern", exact=True)
    field(page, "subtitle").fill("Noch ohne Titel")
    save.click()
    page.get_by_text("Titel ist erforderlich.").wait_for()
    field(page, "title").fill("Zu viel gesagt")
    field(page, "date").fill("2021-09-28T10:00")
    field(page, "summary").fill("Sehr lang. " * 20)
    save.click()
    page.get_by_text(
        "Die Zusammenfassung ist zu lang: höchstens 160 Zeichen."
    ).wait_for()
    field(page, "summary").fill("Kurz und gut.")
    body = page.locator("[data-slate-editor]").last
    body.click()
    page.keyboard.type("Ein Bild ohne Text: ![](ohne-text.jpg)\n")
    save.click()
    page.get_by_text("Ein Bild im Text hat keinen Bildtext").wait_for()
    assert newsroom.git("branch", "--list") == branches


def test_a_titelbild_needs_its_text_before_saving(editor, newsroom, tmp_path):
    """The rule of `perlen pruefen`: a Titelbild needs a Titelbild-Text."""
    page = editor
    cover = tmp_path / "ohne-text.jpg"
    Image.new("RGB", (1600, 900), (90, 120, 200)).save(cover, "JPEG")
    branches = newsroom.git("branch", "--list")
    page.goto(f"{newsroom.url}/redaktion/#/collections/beitraege/new")
    field(page, "title").fill("Ein Titelbild ohne Text")
    field(page, "date").fill("2021-09-28T10:00")
    page.locator("[data-slate-editor]").last.click()
    page.keyboard.type("Ein Beitrag mit Titelbild.\n")
    save = page.get_by_role("button", name="Speichern", exact=True)
    message = page.get_by_text("Das Titelbild hat keinen Titelbild-Text")
    page.get_by_role("button", name="Wähle ein Bild").click()
    page.locator("input[type=file]").set_input_files([str(cover)])
    page.get_by_text("ohne-text.jpg", exact=True).wait_for()
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    save.click()
    message.wait_for()
    assert "für Menschen, die es nicht sehen" in message.text_content()
    assert newsroom.git("branch", "--list") == branches
    # With the text, the same post is saved (a draft: a branch of its own).
    field(page, "cover_alt").fill("Eine blaue Fläche")
    save.click()
    page.get_by_text("Beitrag gespeichert").wait_for()
    assert message.count() == 0
    assert newsroom.git("branch", "--list") != branches


def test_a_hostile_post_cannot_run_script_in_the_editor(editor, newsroom):
    """Posts are untrusted: their HTML is cleaned before the preview shows it
    to a signed-in editor (and the editor's policy forbids inline script)."""
    page = editor
    path = "content/posts/2021/feindlich.md"
    newsroom.commit(
        "persistEntry",
        entry={
            "slug": "feindlich",
            "path": path,
            "raw": "Titel: Feindlich\nDatum: 28.09.2021\n\n"
            '<img src="x" onerror="top.__pwned = 1"> '
            "<script>top.__pwned = 2</script>\n",
        },
        assets=[],
        options={"commitMessage": "Feindlich", "useWorkflow": False, "status": "draft"},
    )
    try:
        page.goto(
            f"{newsroom.url}/redaktion/#/collections/beitraege/entries/2021/feindlich"
        )
        field(page, "title").wait_for()
        preview = page.frame_locator("iframe").last
        preview.locator("img[src='x']").wait_for(state="attached")
        assert preview.locator("[onerror]").count() == 0
        assert preview.locator("script").count() == 0
        assert page.evaluate("window.__pwned") is None
    finally:
        newsroom.commit("deleteFile", path=path, options={"commitMessage": "Weg"})
