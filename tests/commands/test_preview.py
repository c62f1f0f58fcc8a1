"""`perlen vorschau` as a writer uses it: a real subprocess, real saves.

Every wait is on a condition with a timeout; the only pauses are the gaps
between two saves that the scenarios are about.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import chdir
from pathlib import Path

import pytest
from perlen.building.atomic import build, load_settings
from perlen.commands.preview.live import Live
from perlen.commands.preview.server import banner, decorate
from perlen.commands.preview.watch import Watcher
from perlen.problems import Problem, Severity
from perlen.site.addresses import address

# Most of these run a real preview in a process of its own, for seconds each
# (`langsam`); the unit tests at the end (addresses, the page decoration, the
# event log, the watcher) stay in the fast tier.

PERLEN = Path(sys.executable).with_name("perlen")
POST = "posts/2021/a.md"
PAGE = "/2021/eins/"


def post(body: str, date: str = "28.09.2021", **fields: str) -> str:
    header = {"Titel": "Eins", "Datum": date, **fields}
    return "".join(f"{k}: {v}\n" for k, v in header.items()) + f"\n{body}\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float = 30.0, what: str = "condition"):
    """Poll `condition` until it returns something true, or fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            result = condition()
        except OSError:
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


class Preview:
    """A running `perlen vorschau` in `root`, with its printed lines."""

    def __init__(self, root: Path, env: dict | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [PERLEN, "vorschau", "--port", str(self.port)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        self.printed: list[str] = []
        self._reader = threading.Thread(
            target=lambda: self.printed.extend(self.process.stdout), daemon=True
        )
        self._reader.start()

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", errors="replace")

    def state(self) -> dict:
        return json.loads(self.get("/_vorschau/zustand")[1])

    def shows(self, path: str, text: str) -> bool:
        """Whether the page at `path` has the paragraph `text` (one word, which
        typography leaves as it is)."""
        status, page = self.get(path)
        return status == 200 and f"<p>{text}</p>" in page

    def settled(self, number: int = 0) -> dict | None:
        """The state once nothing is building or waiting, after event `number`."""
        state = self.state()
        return state if not state["building"] and state["version"] > number else None

    def stop(self) -> str:
        """Ctrl+C; the preview must end at once, with exit code 0."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail("the preview did not end within 10 s of Ctrl+C")
        self._reader.join(timeout=5)
        out = "".join(self.printed)
        assert self.process.returncode == 0, out
        assert time.monotonic() - started < 10
        assert out.rstrip().endswith("Vorschau beendet."), out
        return out


class Events:
    """The server-sent events a page of the preview receives."""

    def __init__(self, preview: Preview, since: int):
        self.received: list[tuple[str, dict]] = []
        self._connection = http.client.HTTPConnection("127.0.0.1", preview.port)
        self._connection.request("GET", f"/_vorschau/ereignisse?seit={since}")
        self._response = self._connection.getresponse()
        assert self._response.getheader("Content-Type").startswith("text/event-stream")
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        kind = None
        try:
            for raw in self._response:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    kind = line[len("event: ") :]
                elif line.startswith("data: ") and kind:
                    self.received.append((kind, json.loads(line[len("data: ") :])))
        except (OSError, ValueError):
            return

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.received]

    def reloads(self, path: str) -> int:
        """How often a page at `path` reloaded itself (as `live.js` decides)."""
        count = 0
        for kind, data in self.received:
            if kind == "failed":
                count += 1
            elif data["pages"] is not None:
                count += path in data["pages"]
            else:
                count += path not in data["except"]
        return count

    def close(self) -> None:
        self._connection.close()


@pytest.fixture
def preview(project):
    project.write(POST, post("Erstfassung"))
    project.write(
        "posts/2021/b.md", post("Entwurfstext", Titel="Zwei", Status="Entwurf")
    )
    running = Preview(project.root)
    try:
        wait_for(lambda: running.shows(PAGE, "Erstfassung"), what="first build")
        yield running
    finally:
        if running.process.poll() is None:
            running.stop()


def save(path: Path, text: str, *, by_rename: bool) -> None:
    """Save as editors do: in place, or into a new file renamed over the old."""
    if by_rename:
        fresh = path.with_name(path.name + ".tmp")
        fresh.write_text(text, encoding="utf-8")
        os.replace(fresh, path)
    else:
        path.write_text(text, encoding="utf-8")


@pytest.mark.langsam
def test_twenty_rapid_double_saves_each_end_at_the_last_text(project, preview):
    source = project.content / POST
    gaps = random.Random(13)
    for attempt in range(20):
        by_rename = attempt % 2 == 1
        save(source, post(f"Zwischenstand{attempt}"), by_rename=by_rename)
        time.sleep(gaps.uniform(0.05, 0.4))  # the writer's second save
        last = f"Endfassung{attempt}"
        save(source, post(last), by_rename=by_rename)
        wait_for(lambda: preview.shows(PAGE, last), what=f"save {attempt}")  # noqa: B023
        wait_for(preview.settled, what="the preview to settle")
        assert preview.shows(PAGE, last), f"save {attempt} was lost"
        home = preview.get("/")[1]
        assert f">{last}</p>" in home, "the listings did not follow"
    out = preview.stop()
    assert "Nicht neu gebaut" not in out


@pytest.mark.langsam
def test_a_failed_rebuild_shows_a_german_banner_over_the_last_good_version(
    project, preview
):
    source = project.content / POST
    save(source, post("Kaputt", date="gestern"), by_rename=False)
    wait_for(lambda: "vorschau-hinweis" in preview.get(PAGE)[1], what="the banner")
    page = preview.get(PAGE)[1]
    assert "Nicht neu gebaut." in page
    assert "Die Vorschau zeigt die letzte fehlerfreie Fassung." in page
    assert "a.md, Zeile 2</strong>: „gestern“ ist kein Datum" in page
    assert "„gestern“ ist kein Datum" in page
    assert "<p>Erstfassung</p>" in page and "Kaputt" not in page
    assert "vorschau-hinweis" in preview.get("/")[1]  # on every page

    save(source, post("Repariert"), by_rename=True)
    wait_for(lambda: preview.shows(PAGE, "Repariert"), what="the repaired post")
    assert "vorschau-hinweis" not in preview.get(PAGE)[1]
    out = preview.stop()
    assert "a.md, Zeile 2: „gestern“ ist kein Datum" in out


@pytest.mark.langsam
def test_a_publish_build_while_the_preview_runs_leaves_its_pages_intact(
    project, preview, monkeypatch
):
    status, home = preview.get("/")
    assert status == 200 and 'href="/theme/css/perlen.css"' in home
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    with chdir(project.root):
        published = build(
            load_settings(
                "publishconf.py", {"PERLEN_VERIFY": False, "PERLEN_SEARCH": False}
            )
        )
    assert published == project.root / "output"
    assert "https://blog.example.org/" in (published / "index.html").read_text()
    status, after = preview.get("/")
    assert status == 200
    assert 'href="/theme/css/perlen.css"' in after
    assert "https://blog.example.org" not in after
    assert preview.shows("/entwuerfe/zwei/", "Entwurfstext")
    assert preview.get("/theme/css/perlen.css")[0] == 200


@pytest.mark.langsam
def test_live_reload_fires_once_per_successful_rebuild(project, preview):
    source = project.content / POST
    start = wait_for(preview.settled, what="the first build")["version"]
    events = Events(preview, start)
    try:
        save(source, post("Zweitfassung"), by_rename=False)
        wait_for(lambda: preview.settled(start + 1), what="the rebuild")
        wait_for(lambda: events.reloads("/") == 1, what="a reload of /")
        assert events.reloads(PAGE) == 1
        assert events.reloads("/entwuerfe/zwei/") == 1

        save(source, post("Kaputt", date="gestern"), by_rename=False)
        wait_for(lambda: preview.state()["problems"], what="the failed rebuild")
        wait_for(lambda: events.reloads(PAGE) >= 2, what="the banner's reload")

        save(source, post("Drittfassung"), by_rename=True)
        wait_for(lambda: preview.shows(PAGE, "Drittfassung"), what="the fix")
        wait_for(preview.settled, what="the preview to settle")
        # Two successful rebuilds: the first save's two events (the page
        # first, then the rest) and the fix's one.
        wait_for(lambda: events.kinds().count("changed") == 2 + 1, what="the events")
        kinds = events.kinds()
        assert kinds.count("changed") == 3 and kinds.count("failed") >= 1
        # Each reloads every page once; each failed rebuild once more, to
        # show the banner.
        reloads = 2 + kinds.count("failed")
        wait_for(lambda: events.reloads("/") == reloads, what="the last reload")
        assert events.reloads(PAGE) == reloads
    finally:
        events.close()


@pytest.mark.langsam
def test_the_terminal_lists_drafts_and_problems_and_the_last_good_version_stays(
    project, preview
):
    draft_url = "/entwuerfe/zwei/"
    assert preview.shows(draft_url, "Entwurfstext")
    draft = project.content / "posts/2021/b.md"
    save(draft, post("Zweitfassung", Titel="Zwei", Status="Entwurf"), by_rename=False)
    wait_for(lambda: preview.shows(draft_url, "Zweitfassung"), what="the rebuild")
    broken = post("Kaputt", date="gestern", Titel="Zwei", Status="Entwurf")
    save(draft, broken, by_rename=False)
    wait_for(
        lambda: "„gestern“ ist kein Datum" in "".join(preview.printed),
        what="the failed rebuild",
    )
    assert preview.shows(draft_url, "Zweitfassung")  # the last good version
    out = preview.stop()
    assert f"Vorschau auf {preview.base}/ – beenden mit Strg+C." in out
    assert f"„Zwei“ (Entwurf): {preview.base}{draft_url}" in out
    assert "Nicht neu gebaut; die Vorschau zeigt die letzte fehlerfreie Fassung." in out
    assert "b.md, Zeile 2: „gestern“ ist kein Datum" in out


@pytest.mark.langsam
def test_pages_carry_the_live_script_and_the_preview_keeps_out_of_output(
    project, preview
):
    page = preview.get(PAGE)[1]
    assert '<script src="/_vorschau/live.js" data-fassung="' in page
    assert preview.get("/_vorschau/live.js")[0] == 200
    assert not (project.root / "output").exists()
    assert list((project.root / "cache").glob("vorschau-*/fassung-*/index.html"))
    assert preview.get("/gibt-es-nicht/")[0] == 404


@pytest.mark.langsam
def test_the_start_page_and_the_drafts_overview_show_drafts(project):
    project.write(POST, post("Veröffentlicht"))
    project.write(
        "posts/2021/b.md", post("Text.", Titel="Halbfertig", Status="Entwurf")
    )
    project.write("posts/2099/c.md", post("Text.", "1. Dezember 2099", Titel="Advent"))
    project.write("pages/d.md", "Titel: Impressum neu\nStatus: Entwurf\n\nText.\n")
    running = Preview(project.root)
    try:
        wait_for(lambda: "Halbfertig" in running.get("/")[1], what="the start page")
        home = running.get("/")[1]
        drafts = home[home.index('class="unpublished"') :]
        assert "Entwürfe und geplante Beiträge" in drafts
        assert '<p class="state-label">Entwurf</p>' in drafts
        assert '<p class="state-label">Geplant für 1. Dezember 2099</p>' in drafts
        status, overview = running.get("/entwuerfe/")
        assert status == 200
        assert "<h1>Entwürfe und geplante Beiträge</h1>" in overview
        for title in ("Halbfertig", "Advent", "Impressum"):
            assert title in overview
        assert "Directory listing" not in overview
    finally:
        running.stop()


@pytest.mark.langsam
@pytest.mark.parametrize(
    ("make", "hint"),
    [(True, "make vorschau PORT={}"), (False, "perlen vorschau --port {}")],
)
def test_a_port_in_use_is_explained_as_the_writer_started_it(
    project, monkeypatch, make, hint
):
    if make:
        monkeypatch.setenv("MAKELEVEL", "1")
    else:
        monkeypatch.delenv("MAKELEVEL", raising=False)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = project.run("vorschau", "--port", str(port))
    assert code == 1
    assert f"Port {port} ist schon belegt." in err
    assert f"„{hint.format(port + 1)}“" in err


@pytest.mark.langsam
def test_ctrl_c_during_a_build_ends_the_preview_at_once(project):
    for number in range(150):  # a build long enough to be caught at it
        project.write(
            f"posts/2021/p{number}.md", post("Text", Titel=f"Beitrag {number}")
        )
    project.write(POST, post("Erstfassung"))
    running = Preview(project.root)
    try:
        wait_for(lambda: running.shows(PAGE, "Erstfassung"), what="first build")
        wait_for(running.settled, what="the preview to settle")
        save(project.content / POST, post("Nachtrag"), by_rename=False)
        wait_for(lambda: running.state()["building"], what="a build", seconds=10)
    finally:
        running.stop()


# -- the server's pure parts -------------------------------------------------


def test_an_address_drops_index_html():
    assert address("2021/x/index.html") == "/2021/x/"
    assert address("index.html") == "/"
    assert address("robots.txt") == "/robots.txt"
    assert address("2021/windex.html") == "/2021/windex.html"


def test_decorate_adds_script_and_stylesheet_and_the_escaped_banner():
    page = b"<html><head><title>x</title></head><body class='a'><p>Text</p></body>"
    problem = Problem("/blog/content/a.md", 3, "„<b>“ ist falsch.", "Bitte ändern.")
    live = Live()
    live.publish("failed", {}, problems=(problem,))
    decorated = decorate(page, live.view())
    assert b'data-fassung="1" defer></script></head>' in decorated
    assert b"<body class='a'><aside class=\"vorschau-hinweis\"" in decorated
    assert "„&lt;b&gt;“ ist falsch.".encode() in decorated
    assert b"Zeile 3" in decorated and "Bitte ändern.".encode() in decorated
    assert decorated.endswith(b"<p>Text</p></body>")
    warning = Problem("a.md", None, "Lang.", severity=Severity.WARNING)
    assert b"Warnung: Lang." in banner((warning,))
    assert b"vorschau-hinweis" not in decorate(page, Live().view())


def test_a_page_that_missed_the_log_reloads():
    live = Live()
    for _ in range(150):
        live.publish("changed", {"pages": ["/x/"], "except": []})
    assert live.events_after(149, 0) == [live._events[-1]]
    (event,) = live.events_after(3, 0)
    assert event.data == {"pages": None, "except": []}
    live.close()
    assert live.events_after(150, 1) is None


def test_a_saved_change_is_never_idle_between_the_watcher_and_the_builder(tmp_path):
    """The race behind „the listings did not follow“: the watcher hands a
    save to the page renderer and to the builder at once. The renderer
    showed the new text while the builder had taken the change but not yet
    said it was busy, so the preview looked settled with old listings. Now
    every moment from the save to the end of the rebuild reads as busy."""
    (tmp_path / "a.md").write_text("eins", encoding="utf-8")
    watcher = Watcher([str(tmp_path)])
    live = Live()
    live.pending = watcher.pending
    watcher.start()
    try:
        assert not live.building()
        (tmp_path / "a.md").write_text("zwei", encoding="utf-8")
        # Once the renderer can have it, the builder has it waiting.
        assert watcher.take_fresh(timeout=10)
        assert live.building() and not live.busy
        seen_idle = []

        def marked_busy():
            # Inside `take`: the change is still pending for every reader.
            seen_idle.append(not live.building())
            live.set_busy(True)

        assert watcher.take(10, taken=marked_busy)
        assert seen_idle == [False]
        assert live.building() and not watcher.pending()
        live.set_busy(False)  # the rebuild ended
        assert not live.building()
        assert watcher.take(0.01, taken=marked_busy) == set()
        assert seen_idle == [False]  # nothing taken, nothing marked
    finally:
        watcher.stop()
