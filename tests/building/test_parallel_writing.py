"""Pages rendered in forked processes (`building/parallel_writing`): the same
site, every record logged once in the pages' order, theme errors named as
before, and no process outlives its build."""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path

import jinja2
import pytest
from perlen.building import parallel_writing
from perlen.building.checked import checked_build
from perlen.building.strict import template_problem
from test_faults import wait_for
from test_parallel_reading import children, stopped_build, tree, varied_site

# A template that logs a warning for some pages and fails for one. (Pelican's
# loggers drop a message logged before: each test's messages are its own.)
PAGE = jinja2.Template("{{ number }}{{ note(number, test) }}")


def note(number: int, test: str) -> str:
    if number % 7 == 3:
        logging.getLogger("perlen.test").warning("%s: Seite %d", test, number)
    if number == FAILING:
        raise jinja2.UndefinedError("kaputt")
    return ""


FAILING = -1


def _pages(folder: Path, count: int) -> list[parallel_writing._Page]:
    return [
        parallel_writing._Page(
            PAGE,
            {
                "number": number,
                "note": note,
                "test": folder.name,
                "output_file": f"seite-{number}.html",
            },
            str(folder / f"seite-{number}.html"),
        )
        for number in range(count)
    ]


def test_pages_are_written_on_every_core_with_records_in_order(tmp_path, caplog, forks):
    count = 3 * parallel_writing.MINIMUM_PAGES
    with caplog.at_level(logging.WARNING, logger="perlen.test"):
        parallel_writing.render(_pages(tmp_path, count), workers=3)
    assert len(forks) == 2
    for number in range(count):
        text = (tmp_path / f"seite-{number}.html").read_text(encoding="utf-8")
        assert text == str(number)
    expected = [f"{tmp_path.name}: Seite {n}" for n in range(count) if n % 7 == 3]
    assert [r.getMessage() for r in caplog.records] == expected


def test_a_failing_page_raises_as_in_order_naming_the_page(
    tmp_path, caplog, forks, monkeypatch
):
    monkeypatch.setattr(sys.modules[__name__], "FAILING", 60)
    with (
        caplog.at_level(logging.WARNING, logger="perlen.test"),
        pytest.raises(jinja2.UndefinedError) as raised,
    ):
        parallel_writing.render(_pages(tmp_path, 100), workers=2)
    assert forks
    # The records of the pages before it, once each, and none after it.
    expected = [f"{tmp_path.name}: Seite {n}" for n in range(60) if n % 7 == 3]
    assert [r.getMessage() for r in caplog.records] == expected
    problem = template_problem(raised.value)
    assert "beim Schreiben von „seite-60.html“" in problem.message


def test_few_pages_are_written_without_forking(tmp_path, forks):
    parallel_writing.render(_pages(tmp_path, 5), workers=2)
    assert forks == []
    assert (tmp_path / "seite-4.html").read_text(encoding="utf-8") == "4"


def test_workers_write_the_same_site_byte_for_byte(site, monkeypatch, forks):
    varied_site(site, count=30)
    one = checked_build(site.settings(PERLEN_WORKERS=1))
    assert one.output is not None
    sequential = tree(site.output)
    assert forks == []
    monkeypatch.setattr(parallel_writing, "MINIMUM_PAGES", 5)
    # In batches, as a large blog's pages are (each holds its context).
    monkeypatch.setattr(parallel_writing, "BATCH", 12)
    batches = []
    render = parallel_writing.render

    def counting(pages, workers):
        batches.append(len(pages))
        render(pages, workers)

    monkeypatch.setattr(parallel_writing, "render", counting)
    two = checked_build(site.settings(PERLEN_WORKERS=2, LOAD_CONTENT_CACHE=False))
    assert two.output is not None
    assert forks, "no page was rendered in a forked process"
    assert batches.count(12) >= 2 and max(batches) == 12
    assert tree(site.output) == sequential
    assert [str(p) for p in two.problems] == [str(p) for p in one.problems]


def test_pages_rendered_ahead_make_the_same_site_byte_for_byte(
    site, monkeypatch, forks
):
    varied_site(site, count=30)
    one = checked_build(site.settings(PERLEN_WORKERS=1))
    assert one.output is not None
    sequential = tree(site.output)
    monkeypatch.setattr(parallel_writing, "MINIMUM_PAGES", 5)
    monkeypatch.setattr(parallel_writing, "AHEAD", 4)
    ahead = []
    render_ahead = parallel_writing.ParallelWriter._render_ahead

    def counting(writer):
        render_ahead(writer)
        ahead.append(len(writer.ahead))

    monkeypatch.setattr(parallel_writing.ParallelWriter, "_render_ahead", counting)
    two = checked_build(site.settings(PERLEN_WORKERS=2, LOAD_CONTENT_CACHE=False))
    assert two.output is not None
    assert sum(ahead) >= 1, "no page was rendered ahead"
    assert tree(site.output) == sequential
    assert [str(p) for p in two.problems] == [str(p) for p in one.problems]


def _writer(folder: Path, workers: int = 2) -> parallel_writing.ParallelWriter:
    return parallel_writing.ParallelWriter(
        str(folder), settings={"PERLEN_WORKERS": workers}
    )


def test_pages_are_rendered_ahead_while_pelican_collects_more(
    tmp_path, caplog, forks, monkeypatch
):
    monkeypatch.setattr(parallel_writing, "AHEAD", 10)
    monkeypatch.setattr(parallel_writing, "MINIMUM_PAGES", 5)
    writer = _writer(tmp_path)
    pages = _pages(tmp_path, 100)
    with caplog.at_level(logging.WARNING, logger="perlen.test"):
        for page in pages[:10]:
            writer.defer(page.template, page.localcontext, page.path)
        # The first ten are being rendered already, before any flush.
        assert len(forks) == 1 and writer.pages == []
        assert wait_for(lambda: (tmp_path / "seite-9.html").is_file())
        for page in pages[10:]:
            writer.defer(page.template, page.localcontext, page.path)
        writer.flush()
    assert writer.ahead == [] and writer.pages == []
    for number in range(100):
        text = (tmp_path / f"seite-{number}.html").read_text(encoding="utf-8")
        assert text == str(number)
    expected = [f"{tmp_path.name}: Seite {n}" for n in range(100) if n % 7 == 3]
    assert [r.getMessage() for r in caplog.records] == expected


def test_a_page_failing_ahead_raises_at_the_flush_naming_the_page(
    tmp_path, caplog, forks, monkeypatch
):
    monkeypatch.setattr(sys.modules[__name__], "FAILING", 3)
    monkeypatch.setattr(parallel_writing, "AHEAD", 10)
    writer = _writer(tmp_path)
    pages = _pages(tmp_path, 30)
    with caplog.at_level(logging.WARNING, logger="perlen.test"):
        for page in pages:
            writer.defer(page.template, page.localcontext, page.path)
        assert forks
        with pytest.raises(jinja2.UndefinedError) as raised:
            writer.flush()
    # Page 3 warns, then fails: rendered again here, it warns once more.
    assert [r.getMessage() for r in caplog.records] == [f"{tmp_path.name}: Seite 3"]
    assert "„seite-3.html“" in template_problem(raised.value).message
    assert writer.ahead == [] and not any(child.is_alive() for child in forks)


def test_a_stopped_writer_ends_the_processes_rendering_ahead(
    tmp_path, forks, monkeypatch
):
    monkeypatch.setattr(parallel_writing, "AHEAD", 10)
    writer = _writer(tmp_path)
    for page in _pages(tmp_path, 10):
        writer.defer(page.template, page.localcontext, page.path)
    assert forks
    writer.stop()
    assert writer.ahead == [] and not any(child.is_alive() for child in forks)


def test_relative_urls_are_rendered_in_order(site, monkeypatch, forks):
    """Pelican changes the shared context for each page with relative URLs:
    those pages are rendered where Pelican writes them."""
    varied_site(site, count=8)
    monkeypatch.setattr(parallel_writing, "MINIMUM_PAGES", 1)
    site.build(PERLEN_WORKERS=2, RELATIVE_URLS=True)
    assert forks == []


# -- Faults: no forked process outlives its build ---------------------------------

# The build stops where a forked process renders its first page: it says so
# in a file and waits to be stopped.
HOLD = """
import multiprocessing, sys, time
from pathlib import Path
from perlen.building import parallel_writing
from perlen.commands.cli import main

ready = Path(sys.argv[1])
parallel_writing.MINIMUM_PAGES = 1
write = parallel_writing._write


def held(page):
    if multiprocessing.parent_process() is not None:
        ready.write_text("angehalten")
        while True:
            time.sleep(3600)
    write(page)


parallel_writing._write = held
sys.exit(main(["bauen"]))
"""


# Held in a process rendering ahead, while Pelican still collects pages.
HOLD_AHEAD = HOLD.replace(
    "parallel_writing.MINIMUM_PAGES = 1",
    "parallel_writing.MINIMUM_PAGES = 1\nparallel_writing.AHEAD = 1",
)


@pytest.mark.langsam
@pytest.mark.parametrize("hold", [HOLD, HOLD_AHEAD], ids=["beim-schreiben", "voraus"])
@pytest.mark.parametrize(
    "how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["int", "term", "kill"]
)
def test_a_stopped_build_leaves_no_page_writer_behind(project, tmp_path, how, hold):
    stopped_build(project, tmp_path, hold, 3, how, children)
    assert os.listdir(project.root / "output")


def _post_page(folder: Path) -> parallel_writing._Page:
    """A page that shows a post's content and summary, as Pelican resolves them."""
    from datetime import datetime

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    post = Article(
        '<p>Text mit <a href="{filename}/a.md">Link</a></p>',
        metadata={"title": "T", "date": datetime(2021, 9, 28), "summary": "<p>S</p>"},
        settings=dict(DEFAULT_CONFIG),
        context={"generated_content": {}, "static_content": {}},
    )
    template = jinja2.Template("{{ article.content }}{{ article.summary }}")
    return parallel_writing._Page(template, {"article": post}, str(folder / "a.html"))


@pytest.mark.parametrize("forked", [True, False])
def test_a_forked_process_forgets_the_resolved_content_after_a_page(
    tmp_path, monkeypatch, forked
):
    """Pelican memoises a post's resolved content and summary for the
    process's life: a forked process, which ends after its pages, would only
    hold copies; the build's process keeps them for the steps after."""
    from pelican.contents import Content

    monkeypatch.setattr(parallel_writing, "in_forked_process", lambda: forked)
    page = _post_page(tmp_path)
    parallel_writing._rendered(page)
    assert (tmp_path / "a.html").read_text(encoding="utf-8").endswith("<p>S</p>")
    post = page.localcontext["article"]
    kept = [
        key
        for cache in (Content.get_content.cache, Content.get_summary.cache)
        for key in cache
        if key[0] is post
    ]
    assert len(kept) == (0 if forked else 2)
