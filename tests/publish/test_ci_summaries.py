"""The German summaries of the workflow runs (.ci/): what the agency and the
writers read on GitHub after a publish or a pull-request check."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

PUBLISH = ROOT / ".ci" / "zusammenfassung.py"
VORSCHAU = ROOT / ".ci" / "vorschau-zusammenfassung"


def publish_summary(status: str, output) -> str:
    result = subprocess.run(
        [sys.executable, "-I", str(PUBLISH), status, str(output)],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ.get("PATH", "")},  # no blog installed
    )
    return result.stdout


def test_a_publish_says_when_the_next_scheduled_post_is_due(tmp_path):
    (tmp_path / ".perlen").mkdir()
    (tmp_path / ".perlen" / "naechster-termin").write_text(
        "2026-12-24T09:00:00+01:00\n", encoding="utf-8"
    )
    text = publish_summary("success", tmp_path)
    assert "gebaut und geprüft" in text
    assert "am 24.12.2026 um 09:00 Uhr (UTC+0100)" in text
    assert "nach 60 Tagen ohne neuen Commit ab" in text


def test_a_publish_without_scheduled_posts_says_so(tmp_path):
    (tmp_path / ".perlen").mkdir()
    (tmp_path / ".perlen" / "naechster-termin").write_text("", encoding="utf-8")
    assert "Es ist kein Beitrag geplant." in publish_summary("success", tmp_path)


def test_a_failed_publish_says_the_site_is_unchanged(tmp_path):
    text = publish_summary("failure", tmp_path)
    assert "gescheitert" in text and "unverändert" in text
    assert "nächste geplante" not in text


def vorschau_summary(tmp_path, findings: str | None, **outcomes: str):
    if findings is not None:
        (tmp_path / "pruefung.txt").write_text(findings, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "EINRICHTEN": "success success success",
        "PRUEFEN": "success",
        "BAUEN": "success",
        "VORSCHAU": "success",
        "LAUF": "https://github.com/agentur/blog/actions/runs/1",
        **outcomes,
    }
    return subprocess.run(
        ["bash", str(VORSCHAU)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


FINDINGS = (
    "content/posts/2026/herbst.md, Zeile 3: Unbekannter Schlüssel „Kategori“ – "
    "meinten Sie „Kategorie“?\n"
    "Warnung – content/posts/2026/winter.md, Zeile 7: Das Bild „a.jpg“ hat "
    "keinen Alternativtext.\n"
    "2 Probleme gefunden.\n"
)


def test_posts_with_problems_are_listed_by_line(tmp_path):
    result = vorschau_summary(tmp_path, FINDINGS, PRUEFEN="failure", BAUEN="skipped")
    assert result.returncode == 1
    assert "## ❌ Die Beiträge haben Fehler" in result.stdout
    assert "- content/posts/2026/herbst.md, Zeile 3:" in result.stdout
    assert "- Warnung – content/posts/2026/winter.md, Zeile 7:" in result.stdout
    assert "- 2 Probleme gefunden." not in result.stdout


def test_a_publish_build_failure_is_a_post_problem_too(tmp_path):
    result = vorschau_summary(tmp_path, FINDINGS, BAUEN="failure")
    assert result.returncode == 1
    assert "Die Beiträge haben Fehler" in result.stdout


@pytest.mark.parametrize(
    "setup", ["failure success success", "success success failure", "success"]
)
def test_a_broken_setup_says_the_check_broke_and_whom_to_tell(tmp_path, setup):
    result = vorschau_summary(tmp_path, None, EINRICHTEN=setup, PRUEFEN="skipped")
    assert result.returncode == 1
    assert "Die Prüfung selbst ist kaputt" in result.stdout
    assert "Agentur-Technik" in result.stdout
    assert "actions/runs/1" in result.stdout
    assert "Die Beiträge haben Fehler" not in result.stdout


def test_a_green_check_points_to_the_preview(tmp_path):
    result = vorschau_summary(tmp_path, "", ADRESSE="https://abc--vorschau.netlify.app")
    assert result.returncode == 0
    assert "## ✅ Die Beiträge sind in Ordnung" in result.stdout
    assert "https://abc--vorschau.netlify.app" in result.stdout
    assert "website-vorschau" in result.stdout
    without = vorschau_summary(tmp_path, "")
    assert "netlify" not in without.stdout and "website-vorschau" in without.stdout
