"""Page folders made ahead: the same output, and nothing left of a failed build."""

from __future__ import annotations

import os
from types import SimpleNamespace
from typing import NamedTuple

import pytest
from pelican.paginator import PaginationRule
from perlen.building.folders import make_folders_ahead, wait_for_folders
from perlen.problems import BuildFailed
from perlen.site.written_files import written_files


def _post(title: str, date: str, **fields: str) -> str:
    header = {"Titel": title, "Datum": date, **fields}
    return "".join(f"{k}: {v}\n" for k, v in header.items()) + "\nText.\n"


def _full_site(site) -> None:
    """Posts in two years with tags, categories and two authors, enough
    posts for a second page of a tag, a draft, pages, a hidden page."""
    for number in range(12):
        site.write(
            f"posts/{2020 + number % 2}/beitrag-{number}.md",
            _post(
                f"Beitrag {number}",
                f"{number + 1}.3.{2020 + number % 2}",
                Kategorie="Gestaltung" if number % 3 else "Haltung",
                Schlagwörter="Farben, Größe" if number % 2 else "Farben",
                Autorin="Jördis Weiß" if number % 4 else "Frau Müller",
            ),
        )
    site.write("posts/2021/entwurf.md", _post("Entwurf", "1.4.2021", Status="Entwurf"))
    site.write("pages/ueber-uns.md", "Titel: Über uns\n\nText.\n")
    site.write("pages/geheim.md", "Titel: Geheim\nStatus: Versteckt\n\nText.\n")


def _folders(root) -> set[str]:
    return {
        os.path.relpath(folder, root)
        for folder, _, _ in os.walk(root)
        if folder != str(root)
    }


def test_every_folder_made_ahead_gets_a_file(site):
    _full_site(site)
    site.build()
    for folder in _folders(site.output):
        assert os.listdir(site.output / folder), f"leerer Ordner: {folder}"
    assert (site.output / "schlagwort/farben/seite/2/index.html").is_file()
    assert (site.output / "entwuerfe/entwurf/index.html").is_file()
    assert (site.output / "geheim/index.html").is_file()


def test_the_output_is_the_same_with_folders_made_ahead(site, monkeypatch):
    _full_site(site)
    ahead = site.build()
    files = {p.relative_to(ahead): p.read_bytes() for p in ahead.rglob("*.html")}
    monkeypatch.setattr("perlen.building.checked.make_folders_ahead", lambda *_: None)
    site.output = site.root / "ohne"
    without = site.build()
    assert {p.relative_to(without): p.read_bytes() for p in without.rglob("*.html")}
    assert files == {
        p.relative_to(without): p.read_bytes() for p in without.rglob("*.html")
    }
    assert _folders(ahead) == _folders(without)


def test_the_sites_map_is_made_once_per_build(site, monkeypatch):
    """The checks and the folders share it: at 10,000 posts each map costs
    about a second on the build's one busy core."""
    _full_site(site)
    # The old-address check reads the map, too.
    site.write(
        "posts/2021/umgezogen.md",
        _post("Umgezogen", "2.4.2021", **{"Alte Adressen": "/2019/alter-titel/"}),
    )
    maps = []

    def counted(*args):
        maps.append(written_files(*args))
        return maps[-1]

    monkeypatch.setattr("perlen.building.checked.written_files", counted)
    site.build()
    assert len(maps) == 1
    assert (site.output / "2021/umgezogen/index.html").is_file()
    assert "schlagwort/farben/seite/2" in maps[0].page_folders()


class _Wrapper(NamedTuple):
    save_as: str
    url: str = ""


_wrapper = _Wrapper


def test_page_folders_lists_parents_first_once_each():
    contents = [_wrapper("2021/a/index.html"), _wrapper("2021/b/index.html")]
    contents += [_wrapper(""), _wrapper("robots.txt")]
    settings = {
        "DIRECT_TEMPLATES": ["index"],
        "INDEX_SAVE_AS": "index.html",
        "PAGINATED_TEMPLATES": {"index": 3, "tag": None, "category": None},
        "DEFAULT_PAGINATION": 2,
        "DEFAULT_ORPHANS": 0,
        "PAGINATION_PATTERNS": [
            PaginationRule(1, "{url}", "{save_as}"),
            PaginationRule(2, "", "{base_name}/seite/{number}/index.html"),
        ],
    }
    generator = SimpleNamespace(
        settings=settings,
        dates=[],
        articles=[1, 2, 3, 4],
        tags={_wrapper("schlagwort/farben/index.html"): [1, 2, 3]},
        categories=[(_wrapper("kategorie/haltung/index.html"), [1, 2])],
        authors=[(_wrapper("autorin/frau-mueller/index.html"), [1, 2, 3])],
    )
    assert written_files([generator], contents).page_folders() == [
        "2021",
        "2021/a",
        "2021/b",
        "seite",  # the home page's second page: 3 posts per page
        "seite/2",
        "schlagwort",
        "schlagwort/farben",
        "schlagwort/farben/seite",
        "schlagwort/farben/seite/2",
        "kategorie",
        "kategorie/haltung",
        "autorin",  # author pages are not paginated here
        "autorin/frau-mueller",
    ]


def test_the_folders_are_made_in_a_process_of_their_own(tmp_path, monkeypatch):
    (tmp_path / "2021").mkdir()
    names = ["2021", "2021/a", "2021/a/b", "schlagwort", "schlagwort/größe"]
    make_folders_ahead(str(tmp_path), names)
    wait_for_folders()
    assert _folders(tmp_path) == set(names)


def test_a_build_failing_in_a_template_leaves_no_folders(site, tmp_path):
    _full_site(site)
    theme = tmp_path / "thema"
    theme.mkdir()
    broken = site.settings()["THEME"]
    os.symlink(os.path.join(broken, "static"), theme / "static")
    (theme / "templates").mkdir()
    for name in os.listdir(os.path.join(broken, "templates")):
        target = os.path.join(broken, "templates", name)
        os.symlink(target, theme / "templates" / name)
    (theme / "templates" / "tag.html").unlink()
    (theme / "templates" / "tag.html").write_text("{{ kaputt( }}", encoding="utf-8")
    with pytest.raises(BuildFailed):
        site.build(THEME=str(theme))
    assert not site.output.exists()
    assert [p.name for p in site.root.iterdir() if p.name.startswith(".")] == []
