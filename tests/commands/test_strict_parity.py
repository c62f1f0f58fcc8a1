"""`perlen pruefen --streng` passes exactly when `perlen veroeffentlichen`
does: every fault fixture goes through both, with the same verdict, each
naming the file, and never a traceback."""

from __future__ import annotations

import pytest
from conftest import Project
from fault_fixtures import FAULTS, Fault, post, run_clean, write_fault
from test_writers_contract import CASES, EXTRA_FILES, Served


def _contract_fault(name: str) -> Fault:
    path, text, expect = CASES[name]
    return Fault({path: text, **EXTRA_FILES.get(name, {})}, expect.text)


ALL_FAULTS = {
    **FAULTS,
    **{
        f"contract-{name}": _contract_fault(name)
        for name, (_, _, expect) in CASES.items()
        if not isinstance(expect, Served)
    },
}


@pytest.mark.parametrize("name", list(ALL_FAULTS))
def test_pruefen_streng_and_publishing_agree(java, tmp_path, monkeypatch, name):
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    fault = ALL_FAULTS[name]
    project = Project(tmp_path / "blog")
    write_fault(project, fault)
    checked, checked_shown = run_clean(project, "pruefen", "--streng")
    published, published_shown = run_clean(project, "veroeffentlichen")
    assert (checked, published) == (1, 1), checked_shown + published_shown
    assert fault.text in checked_shown and fault.text in published_shown
    assert not (project.root / "output").exists()


def test_a_clean_site_passes_both(java, tmp_path, monkeypatch):
    monkeypatch.delenv("SITEURL", raising=False)
    project = Project(tmp_path / "blog")
    project.write("posts/gut.md", post("Gut", "Ein <em>guter</em> Text."))
    code, shown = run_clean(project, "pruefen", "--streng")
    assert code == 0, shown
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    assert run_clean(project, "veroeffentlichen")[0] == 0
