"""Which output names no file system can hold (`site/file_names`)."""

from pathlib import Path

import pytest
from perlen.building.checked import checked_build
from perlen.site.file_names import MAX_NAME_BYTES, name_problem


@pytest.mark.parametrize(
    "save_as",
    [
        "2024/05/ein-beitrag/index.html",
        "tag/grüße/index.html",
        "a" * MAX_NAME_BYTES + "/index.html",
        # 100 umlauts are 200 bytes: still within the limit.
        "ä" * (MAX_NAME_BYTES // 2) + "/index.html",
    ],
)
def test_writable_names(save_as):
    assert name_problem(save_as) is None


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x1f", "\x7f"])
def test_a_control_character_anywhere_is_named(char):
    for save_as in (f"alt{char}/index.html", f"2024/ein{char}beitrag.html"):
        assert "Steuerzeichen" in name_problem(save_as)


def test_a_part_too_long_in_bytes_is_named_with_its_characters():
    umlauts = "ü" * (MAX_NAME_BYTES // 2 + 1)  # 101 characters, 202 bytes
    assert "mit 101 Zeichen" in name_problem(f"tag/{umlauts}/index.html")
    assert "mit 201 Zeichen" in name_problem("tag/" + "x" * 201 + "/index.html")
    # The suffix counts: 196 characters and ".html" are 201.
    assert "mit 201 Zeichen" in name_problem("x" * 196 + ".html")


def _line_of(path: Path, key: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(key))


def test_each_post_with_an_unwritable_tag_is_named_at_its_line(site, make_post):
    """The tag's address is worked out once, the problem told for every post."""
    tag = "Sehr" + "lang" * 80
    a = site.write("posts/a.md", make_post(Schlagwörter=f"Kunden, {tag}"))
    b = site.write("posts/b.md", make_post(Titel="Zweiter", Schlagwörter=tag))
    site.write("posts/c.md", make_post(Titel="Dritter", Schlagwörter="Kunden"))
    outcome = checked_build(site.settings())
    named = sorted(
        (Path(p.path).name, p.line)
        for p in outcome.problems
        if "„/schlagwort/" in p.message
    )
    key = "Schlagwörter"
    assert named == [("a.md", _line_of(a, key)), ("b.md", _line_of(b, key))]
