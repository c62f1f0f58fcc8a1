"""The Pagefind search index: German, in every build, deterministic.

That a search for „Häusern“ finds „Häuser“ in the browser, under the site's
Content-Security-Policy, is tested in `browser/test_csp.py`.
"""

from __future__ import annotations

import json
import shutil

import pytest
from perlen.problems import BuildFailed
from perlen.publish.search_index import write_index

HAEUSER = """Titel: Von Häusern und Gärten
Datum: Mittwoch, 29. September 2021

Wir geben alten Häusern neue Fassaden.
"""


def snapshot(directory):
    return {
        p.relative_to(directory): p.read_bytes()
        for p in directory.rglob("*")
        if p.is_file()
    }


def test_publish_build_has_a_german_search_index(publish_site):
    publish_site.write("posts/haeuser.md", HAEUSER)
    output = publish_site.build("publishconf.py")
    entry = json.loads((output / "pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["de"]
    assert entry["languages"]["de"]["page_count"] >= 1
    assert (output / "pagefind/pagefind-ui.js").is_file()
    assert (output / "pagefind/wasm.de.pagefind").is_file()
    search_page = publish_site.html("suche/index.html")
    assert '<html lang="de"' in search_page
    assert "https://blog.example.org/pagefind/" in search_page


def test_the_index_is_built_only_when_switched_on(site, tmp_path):
    """Off while writing (a rebuild would re-index the whole site), on in
    publishconf.py; any build can switch it on."""
    site.write("posts/haeuser.md", HAEUSER)
    assert not (site.build() / "pagefind").exists()
    with_index = site.build(OUTPUT_PATH=str(tmp_path / "mit"), PERLEN_SEARCH=True)
    assert (with_index / "pagefind/pagefind-entry.json").is_file()


def test_a_failed_index_fails_the_build(tmp_path):
    (tmp_path / "leer").mkdir()
    with pytest.raises(BuildFailed) as failure:
        write_index(tmp_path / "leer")
    assert "Suche: Pagefind konnte den Suchindex nicht bauen: " in str(failure.value)


def test_the_index_is_the_same_every_time(tmp_path):
    """Pagefind works in parallel; its output must not depend on scheduling."""
    site = tmp_path / "site"
    words = ["Haus", "Häuser", "Garten", "Gärten", "Perle", "Kunde", "Agentur"]
    for number in range(300):
        text = " ".join(words[(number * 7 + i * 3) % len(words)] for i in range(200))
        page = site / f"{number}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<!DOCTYPE html><html lang="de"><head><title>Seite {number}</title></head>'
            f"<body><main><h1>Seite {number}</h1><p>{text}</p></main></body></html>",
            encoding="utf-8",
        )
    copies = []
    for name in ("eins", "zwei"):
        shutil.copytree(site, tmp_path / name)
        write_index(tmp_path / name)
        copies.append(snapshot(tmp_path / name / "pagefind"))
    assert len(copies[0]) > 300
    assert copies[0] == copies[1]
