"""A preview round by round, with the watcher's answers in the test's hand."""

from __future__ import annotations

import threading

from conftest import ROOT
from pelican import signals
from perlen.commands.preview.live import Live
from perlen.commands.preview.session import Session

PAGE = "2021/monarchie-im-perlenbuero/index.html"


class Watcher:
    """Says whether a newer save is waiting, as the test wants."""

    def __init__(self, pending: bool):
        self._pending = pending

    def pending(self, within: float = 0.0) -> bool:
        return self._pending


class SavesDuringTheBuild(Watcher):
    """Nothing waits before the build; a save arrives while it runs."""

    calls = 0

    def pending(self, within: float = 0.0) -> bool:
        self.calls += 1
        return self.calls > 1


def session(site, reports: list) -> Session:
    overrides = {
        "PATH": str(site.content),
        "CACHE_PATH": str(site.root / "cache"),
        "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
    }
    return Session(
        str(ROOT / "pelicanconf.py"),
        overrides,
        site.root / "vorschau",
        Live(),
        reports.append,
    )


def started(site, make_post, reports: list) -> tuple:
    """A post and a session that has built it once."""
    post = site.write("posts/a.md", make_post("Erstfassung"))
    preview = session(site, reports)
    preview.update(set(), Watcher(pending=False))
    return post, preview


def served(preview: Session) -> str:
    return (preview.live.root / PAGE).read_text(encoding="utf-8")


def test_a_failed_build_undoes_only_the_pages_it_judged(site, make_post):
    reports = []
    post, preview = started(site, make_post, reports)
    first = preview.live.root
    assert "<p>Erstfassung</p>" in served(preview)

    # Rendered first, then a newer save arrives: no build in this round.
    post.write_text(make_post("Zweitfassung"), encoding="utf-8")
    preview.render_ahead({str(post)})
    preview.update({str(post)}, Watcher(pending=True))
    assert preview.live.root == first and len(reports) == 1
    assert "<p>Zweitfassung</p>" in served(preview)

    # The newer save is broken: the page rendered before it stays.
    post.write_text(make_post("Kaputt", Datum="gestern"), encoding="utf-8")
    preview.render_ahead({str(post)})
    preview.update({str(post)}, Watcher(pending=False))
    assert reports[-1].output is None and preview.live.problems
    assert "<p>Zweitfassung</p>" in served(preview)

    # Fixed: the full build serves it, in a folder of its own.
    post.write_text(make_post("Drittfassung"), encoding="utf-8")
    preview.render_ahead({str(post)})  # not while problems are shown
    assert "<p>Zweitfassung</p>" in served(preview)
    preview.update({str(post)}, Watcher(pending=False))
    assert preview.live.problems == () and preview.live.root != first
    assert "<p>Drittfassung</p>" in served(preview)
    assert not first.exists() or first.name.startswith("fassung-")


def test_a_page_rendered_in_the_failing_round_goes_back(site, make_post):
    reports = []
    post, preview = started(site, make_post, reports)
    # Reads without an error, but the site check fails it (a broken link).
    post.write_text(make_post("[Link](fehlt.md)"), encoding="utf-8")
    preview.render_ahead({str(post)})
    assert "fehlt.md" in served(preview)
    preview.update({str(post)}, Watcher(pending=False))
    assert reports[-1].output is None
    assert "fehlt.md" in str(reports[-1].problems)
    kinds = [event.kind for event in preview.live.events_after(0, 0)]
    assert kinds == ["changed", "changed", "failed"]  # rendered first, then undone
    assert "<p>Erstfassung</p>" in served(preview)


def test_a_page_already_served_is_not_announced_again(site, make_post):
    post, preview = started(site, make_post, [])
    preview.render_ahead({str(post)})  # saved without a change
    assert [event.kind for event in preview.live.events_after(0, 0)] == ["changed"]
    assert preview.ahead == {}


def test_a_build_overtaken_by_a_save_is_dropped(site, make_post):
    reports = []
    post, preview = started(site, make_post, reports)
    first = preview.live.root
    post.write_text(make_post("Zweitfassung"), encoding="utf-8")
    preview.update({str(post)}, SavesDuringTheBuild(pending=False))
    assert preview.live.root == first and len(reports) == 1
    assert [p.name for p in (site.root / "vorschau").iterdir()] == [first.name]


def test_a_page_saved_during_a_build_is_served_before_the_build_ends(site, make_post):
    post, preview = started(site, make_post, [])
    seen_during_the_build = []

    def save_while_building(generators) -> None:
        post.write_text(make_post("Drittfassung"), encoding="utf-8")
        renderer = threading.Thread(target=preview.render_ahead, args=({str(post)},))
        renderer.start()
        renderer.join(timeout=30)  # it must not wait for the build
        seen_during_the_build.append(served(preview))

    post.write_text(make_post("Zweitfassung"), encoding="utf-8")
    with signals.all_generators_finalized.connected_to(save_while_building):
        preview.update({str(post)}, SavesDuringTheBuild(pending=False))
    assert "<p>Drittfassung</p>" in seen_during_the_build[0]
    assert "<p>Drittfassung</p>" in served(preview)  # the build gave way
