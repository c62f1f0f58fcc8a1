"""How the suite runs: `make test` spreads it by file over every core,
`make test-schnell` leaves out the `langsam` tier, and no mark promises a
grouping the distribution does not make."""

from __future__ import annotations

import re
import tomllib

import pytest
from conftest import ROOT

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
PYTEST = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "pytest"
]["ini_options"]


def recipe(target: str) -> str:
    match = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", MAKEFILE, re.MULTILINE)
    assert match, target
    return match[1]


def test_make_test_spreads_the_suite_by_file():
    """Each file on one worker: a module's fixtures (a chromium, a built
    site) start once. `xdist_group` marks would do nothing under
    `--dist loadfile` (and under `--dist loadgroup` with pytest 9.2 and
    pytest-xdist 3.8 they do not group either), so none is used."""
    assert re.search(r"^XDIST := -n auto --dist loadfile$", MAKEFILE, re.MULTILINE)
    assert "$(XDIST)" in recipe("test") and "$(XDIST)" in recipe("test-schnell")
    marked = [
        path.relative_to(ROOT)
        for path in (ROOT / "tests").rglob("*.py")
        if path.name != "test_suite_setup.py"
        and "xdist_group" in path.read_text(encoding="utf-8")
    ]
    assert marked == []


def test_the_fast_tier_leaves_out_the_registered_langsam_mark():
    assert '-m "not langsam"' in recipe("test-schnell")
    assert any(marker.startswith("langsam:") for marker in PYTEST["markers"])
    # A misspelt mark (`langsm`) is an error, not a slow test in the fast tier.
    assert "--strict-markers" in PYTEST["addopts"].split()


def test_make_test_runs_the_timed_tests_alone_after_the_rest():
    lines = recipe("test").splitlines()
    assert "$(addprefix --ignore=,$(ALONE))" in lines[0]
    assert lines[1].strip().endswith("$(ALONE)")
    alone = next(
        line for line in MAKEFILE.splitlines() if line.startswith("ALONE :=")
    ).split()[2:]
    assert alone == [
        "tests/browser/test_lighthouse.py",
        "tests/browser/test_redaktion_ladezeit.py",
    ]
    assert all((ROOT / path).is_file() for path in alone)


def test_a_fast_test_that_runs_the_html_checker_fails():
    """`conftest.java_only_in_the_slow_tier`: the Nu HTML Checker (Java) is
    refused outside the `langsam` tier, so no fast test runs it unseen."""
    from perlen.publish import verify

    with pytest.raises(pytest.fail.Exception, match="`java` fixture"):
        verify.check_html(None, [], [], None)
