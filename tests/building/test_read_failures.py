"""Files under content/ the build cannot or must not read are German errors,
all in one run, and nothing outside the project is read into the site or
written (`read_failures`, `containment`)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from perlen.building.checked import checked_build
from perlen.building.read_failures import read_problem, tree_problems
from perlen.problems import BuildFailed

# Every case with one process reading and with a worker (`conftest.workers`).
pytestmark = pytest.mark.usefixtures("workers")

ROOT_USER = os.geteuid() == 0
needs_permissions = pytest.mark.skipif(
    ROOT_USER, reason="als root lässt sich jede Datei lesen; Rechte sind nicht prüfbar"
)


def post(title: str, body: str = "Text.", **fields: str) -> str:
    header = {"Titel": title, "Datum": "28.09.2021", **fields}
    return "".join(f"{k}: {v}\n" for k, v in header.items()) + f"\n{body}\n"


def nested_list(depth: int) -> str:
    return "".join("    " * level + "- x\n" for level in range(depth))


def messages(site) -> list[str]:
    return [str(problem) for problem in checked_build(site.settings()).problems]


def tree(root: Path) -> dict[str, tuple]:
    """Every entry under `root` with its type, content hash and mtime."""
    entries = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder, name)
            stat = path.lstat()
            digest = (
                hashlib.sha256(path.read_bytes()).hexdigest()
                if path.is_file() and not path.is_symlink()
                else str(os.readlink(path))
                if path.is_symlink()
                else "dir"
            )
            entries[str(path.relative_to(root))] = (digest, stat.st_mtime_ns)
    return entries


@pytest.mark.parametrize("depth", [300, pytest.param(1000, marks=pytest.mark.langsam)])
def test_deeply_nested_text_is_an_error_not_a_missing_post(site, depth):
    site.write("posts/gut.md", post("Gut"))
    site.write("posts/tief.md", post("Tief", nested_list(depth)))
    assert messages(site) == [
        f"{site.content}/posts/tief.md: Der Text ist zu tief verschachtelt (z. B. "
        "Hunderte Ebenen Listen oder Zitate ineinander) und lässt sich nicht lesen. "
        "Bitte die Verschachtelung auf wenige Ebenen verringern."
    ]


@pytest.mark.parametrize("target", ["/nirgends/beitrag.md", "fehlt.md"])
def test_a_link_to_nowhere_is_an_error(site, target):
    site.write("posts/gut.md", post("Gut"))
    os.symlink(target, site.content / "posts/weg.md")
    (problem,) = messages(site)
    assert problem.startswith(
        f"{site.content}/posts/weg.md: Die Verknüpfung zeigt auf „{target}“, "
        "das es nicht gibt."
    )


def test_an_editors_lock_link_is_no_post(site):
    site.write("posts/gut.md", post("Gut"))
    os.symlink("anna@laptop.1234:1700000000", site.content / "posts/.#gut.md")
    (site.content / "extra").mkdir()
    os.symlink("anna@laptop.1234:1700000000", site.content / "extra/.#robots.txt")
    assert messages(site) == []
    site.build()
    assert (site.output / "2021/gut/index.html").is_file()


def test_a_folder_linking_to_itself_is_an_error(site):
    site.write("posts/gut.md", post("Gut"))
    os.symlink("..", site.content / "posts/schleife")
    assert messages(site) == [
        f"{site.content}/posts/schleife: Die Verknüpfung zeigt auf einen Ordner, in "
        "dem sie selbst liegt (eine Endlosschleife). Bitte statt der Verknüpfung die "
        "Datei selbst in den Ordner „content“ legen oder die Verknüpfung löschen."
    ]


def test_every_read_failure_comes_with_the_writers_other_errors(site):
    site.write("posts/tief.md", post("Tief", nested_list(400)))
    site.write("posts/ohne-datum.md", "Titel: Ohne Datum\n\nText.\n")
    os.symlink("/nirgends.md", site.content / "posts/weg.md")
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert [Path(p.path).name for p in failure.value.problems] == [
        "ohne-datum.md",
        "tief.md",
        "weg.md",
    ]
    assert not site.output.exists()


@needs_permissions
def test_unreadable_files_and_folders_are_errors(site):
    site.write("posts/gut.md", post("Gut"))
    site.write("posts/geheim.md", post("Geheim")).chmod(0)
    site.write("posts/zu/a.md", post("A"))
    (site.content / "posts/zu").chmod(0)
    try:
        found = messages(site)
    finally:
        (site.content / "posts/zu").chmod(0o755)
    assert found == [
        f"{site.content}/posts/geheim.md: Die Datei darf der Blog nicht lesen. "
        "Bitte die Rechte prüfen, z. B. mit „chmod u+r“ (Ordner: „chmod u+rx“), "
        "oder die Datei aus „content“ entfernen.",
        f"{site.content}/posts/zu: Den Ordner darf der Blog nicht lesen. "
        "Bitte die Rechte prüfen, z. B. mit „chmod u+r“ (Ordner: „chmod u+rx“), "
        "oder die Datei aus „content“ entfernen.",
    ]


def test_read_problems_name_the_cause_in_german(tmp_path):
    path = str(tmp_path / "x.md")
    assert "nicht lesen" in read_problem(path, PermissionError(13, "denied")).message
    assert (
        "(Input/output error)"
        in read_problem(path, OSError(5, "Input/output error")).message
    )
    assert "ValueError: kaputt" in read_problem(path, ValueError("kaputt")).message


def test_a_clean_tree_has_no_problems(site):
    site.write("posts/gut.md", post("Gut"))
    (site.content / "images").mkdir()
    os.symlink("../posts/gut.md", site.content / "images/innen.md")
    assert tree_problems(str(site.content), []) == []


# -- Nothing outside content/ is read into the site or written -----------------


@pytest.fixture
def hostile(site):
    """A site beside a folder `draussen` it must never publish or touch."""
    outside = site.root / "draussen"
    (outside / "ssl").mkdir(parents=True)
    (outside / "ssl/schluessel.pem").write_text("GEHEIM")
    (outside / "x.jpg").write_bytes(b"GEHEIM")
    site.write("posts/gut.md", post("Gut"))
    return site, outside


@pytest.mark.parametrize(
    "fields, body, line",
    [
        ({}, "![Bild](../../draussen/x.jpg)", 4),
        ({}, "[Datei]({static}../../draussen/x.jpg)", 4),
        ({}, "![Bild]({attach}../../draussen/x.jpg)", 4),
        (
            {"Titelbild": "../../draussen/x.jpg", "Titelbild-Text": "Ein Schlüssel"},
            "Text.",
            3,
        ),
    ],
)
def test_links_leaving_content_are_errors_and_nothing_is_written_outside(
    hostile, tmp_path, fields, body, line
):
    site, _ = hostile
    site.write("posts/bild.md", post("Bild", body, **fields))
    before = tree(tmp_path)
    with pytest.raises(BuildFailed) as failure:
        site.build()
    (problem,) = failure.value.problems
    assert (Path(problem.path).name, problem.line) == ("bild.md", line)
    assert "liegt außerhalb des Ordners „content“" in problem.message
    after = tree(tmp_path)
    assert {k: v for k, v in after.items() if "cache" not in k} == {
        k: v for k, v in before.items() if "cache" not in k
    }


def test_a_symlinked_image_folder_leaving_content_is_never_published(hostile):
    site, outside = hostile
    (site.content / "images").mkdir()
    os.symlink(outside / "ssl", site.content / "images/zertifikate")
    with pytest.raises(BuildFailed) as failure:
        site.build()
    (problem,) = failure.value.problems
    assert problem.path == str(site.content / "images/zertifikate")
    assert "führt aus dem Ordner „content“ hinaus" in problem.message
    assert not site.output.exists()
    assert not list(site.root.glob(".output-*"))


def test_pruefen_reports_read_failures(project):
    project.write("posts/2021/gut.md", post("Gut"))
    project.write("posts/2021/tief.md", post("Tief", nested_list(400)))
    code, out, _ = project.run("pruefen")
    assert code == 1
    assert "content/posts/2021/tief.md: Der Text ist zu tief verschachtelt" in out
    assert out.endswith(
        "Nicht in Ordnung: 2 Dateien geprüft, 1 Fehler, keine Warnungen.\n"
    )


@pytest.mark.parametrize(
    "name", ["a b.md", "-rf.md", "u\u0308ber.md", "x\ny.md", "$(touch HACK).md"]
)
def test_hostile_file_names_build_and_touch_nothing_else(site, tmp_path, name):
    site.write(f"posts/{name}", post("Name"))
    before = tree(tmp_path)
    site.build()
    assert (site.output / "2021/name/index.html").is_file()
    changed = {
        path
        for path in set(tree(tmp_path)) | set(before)
        if not path.startswith(("output", "cache"))
        and tree(tmp_path).get(path) != before.get(path)
    }
    assert changed == set()
