"""The writers' make targets speak German only: no English line of make or
Pelican, neither when they succeed nor when they fail."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from conftest import ROOT, Project

# Each test runs make, which runs perlen, in processes of their own.
pytestmark = pytest.mark.langsam

LINKED = ("Makefile", "pyproject.toml", "requirements.lock", ".venv")


@pytest.fixture
def blog(project: Project) -> Project:
    """A project whose make targets use this checkout's Makefile and venv."""
    for name in LINKED:
        (project.root / name).symlink_to(ROOT / name)
    return project


# A writer starts make in a terminal; inside `make test` these variables would
# make every make started here a sub-make, which prints its directory.
_SUB_MAKE = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")


def writer_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in _SUB_MAKE}


def make(blog: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", *args],
        cwd=blog.root,
        capture_output=True,
        text=True,
        timeout=300,
        env=writer_env(),
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (["pruefen"], "Nicht in Ordnung: 1 Datei geprüft, 1 Fehler"),
        (["html"], "Die Website wurde nicht gebaut: 1 Fehler gefunden."),
        (["neu"], "Bitte einen Titel angeben"),
    ],
)
def test_a_failing_target_ends_with_the_german_message(blog, target, message):
    blog.write("posts/a.md", "Titel: Ohne Datum\n\nText.\n")
    result = make(blog, *target)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert "make:" not in result.stdout + result.stderr
    assert "Error" not in result.stderr


def test_a_build_reports_in_german_with_a_decimal_comma(blog):
    blog.write("posts/a.md", "Titel: A\nDatum: 28.09.2021\n\nText.\n")
    result = make(blog, "html")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"Fertig gebaut: „output“ \(\d+,\d s\)\.\n", result.stdout)
    assert result.stderr == ""


def test_make_still_fails_where_it_cannot_stop_quietly(blog):
    """With SIGINT ignored (a background job of a script), make fails as usual."""
    blog.write("posts/a.md", "Titel: Ohne Datum\n\nText.\n")
    result = subprocess.run(
        ["sh", "-c", "trap '' INT; make pruefen"],
        cwd=blog.root,
        capture_output=True,
        text=True,
        timeout=300,
        env=writer_env(),
    )
    assert result.returncode != 0
