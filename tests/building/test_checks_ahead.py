"""The site checks beside the writing (`building/checks_ahead`): the same
problems and site as when checked before writing, a failing build keeps the
previous site, the checks' German message wins over Pelican's, and their
process never outlives the build."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest
from perlen.building import checked, checks_ahead
from perlen.building.checked import checked_build
from test_parallel_reading import children, stopped_build, tree, varied_site


@pytest.fixture
def ahead(monkeypatch, forking) -> list[bool]:
    """Checks beside the writing for any blog; whether each build could."""
    monkeypatch.setattr(checks_ahead, "MINIMUM_POSTS", 1)
    started: list[bool] = []
    start = checks_ahead.start

    def recorded(find, report) -> bool:
        started.append(start(find, report))
        return started[-1]

    monkeypatch.setattr(checks_ahead, "start", recorded)
    return started


def messages(outcome) -> list[str]:
    return [str(problem) for problem in outcome.problems]


def test_checks_beside_the_writing_find_what_checks_before_it_find(site, ahead):
    varied_site(site, count=20)
    one = checked_build(site.settings(PERLEN_WORKERS=1))
    assert one.output is not None and one.warnings
    sequential = tree(site.output)
    assert ahead == []
    two = checked_build(site.settings(PERLEN_WORKERS=2, LOAD_CONTENT_CACHE=False))
    assert ahead == [True]
    assert two.output is not None
    assert messages(two) == messages(one)
    assert tree(site.output) == sequential


def test_an_error_found_beside_the_writing_fails_the_build_and_keeps_the_site(
    site, ahead
):
    varied_site(site, count=10)
    site.build(PERLEN_WORKERS=2)
    before = tree(site.output)
    site.write(
        "posts/kaputt.md",
        "Titel: Kaputt\nDatum: 1. März 2021\n\nSiehe [hier](gibt-es-nicht.md).\n",
    )
    sequential = checked_build(site.settings(PERLEN_WORKERS=1))
    assert sequential.output is None and sequential.errors
    failed = checked_build(site.settings(PERLEN_WORKERS=2))
    assert ahead[-1] is True
    assert failed.output is None
    assert messages(failed) == messages(sequential)
    assert tree(site.output) == before


def test_the_checks_message_wins_when_pelican_stops_first(site, ahead):
    """Two posts at one address: Pelican's writer refuses the second page
    (in English) while the checks are still running; their German message
    is what the build fails with, as when they run first."""
    varied_site(site, count=6)
    for name in ("eins", "zwei"):
        site.write(
            f"posts/{name}.md",
            f"Titel: {name}\nDatum: 1. März 2021\nSlug: gleich\n\nText.\n",
        )
    sequential = checked_build(site.settings(PERLEN_WORKERS=1))
    assert sequential.output is None
    assert any("gleich" in problem.message for problem in sequential.errors)
    failed = checked_build(site.settings(PERLEN_WORKERS=2, LOAD_CONTENT_CACHE=False))
    assert ahead == [True]
    assert failed.output is None
    assert messages(failed) == messages(sequential)
    assert not any("overwrite" in message for message in messages(failed))


def test_checks_whose_process_died_are_made_again_by_the_build(
    site, ahead, monkeypatch
):
    varied_site(site, count=8)
    one = checked_build(site.settings(PERLEN_WORKERS=1))
    problems = checked._problems

    def dying(*args):
        if multiprocessing.parent_process() is not None:
            os._exit(9)
        return problems(*args)

    monkeypatch.setattr(checked, "_problems", dying)
    two = checked_build(site.settings(PERLEN_WORKERS=2, LOAD_CONTENT_CACHE=False))
    assert ahead == [True]
    assert two.output is not None
    assert messages(two) == messages(one)


# The build stops while its checks run beside the writing: the check process
# says so in a file and waits to be stopped.
HOLD = """
import multiprocessing, sys, time
from pathlib import Path
from perlen.building import checked, checks_ahead
from perlen.commands.cli import main

ready = Path(sys.argv[1])
checks_ahead.MINIMUM_POSTS = 1
problems = checked._problems


def held(*args):
    if multiprocessing.parent_process() is not None:
        ready.write_text("angehalten")
        while True:
            time.sleep(3600)
    return problems(*args)


checked._problems = held
sys.exit(main(["bauen"]))
"""


@pytest.mark.langsam
@pytest.mark.parametrize(
    "how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["int", "term", "kill"]
)
def test_a_stopped_build_leaves_no_check_process_behind(project, tmp_path, how):
    assert stopped_build(project, tmp_path, HOLD, 3, how, children)
