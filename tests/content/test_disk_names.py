"""File names as the file system spells them: a folder is listed once while
it stays unchanged, and a change is always seen."""

from __future__ import annotations

import os
import unicodedata

import pytest
from perlen.content import disk_names
from perlen.content.disk_names import on_disk, spelled_on_disk

NFD_GRUEN = unicodedata.normalize("NFD", "Grün.png")
LONG_AGO_NS = 1_600_000_000 * 10**9


@pytest.fixture
def listings(monkeypatch):
    """A fresh memory of listings; counts the folders listed."""
    monkeypatch.setattr(disk_names, "_listings", {})
    listed = []
    listdir = os.listdir

    def counting(folder):
        listed.append(folder)
        return listdir(folder)

    monkeypatch.setattr(disk_names.os, "listdir", counting)
    return listed


def _settle(folder):
    os.utime(folder, ns=(LONG_AGO_NS, LONG_AGO_NS))


def test_a_name_typed_nfc_finds_the_nfd_file(tmp_path, listings):
    (tmp_path / NFD_GRUEN).write_bytes(b"")
    assert on_disk(str(tmp_path), "Grün.png") == NFD_GRUEN
    assert on_disk(str(tmp_path), "Blau.png") == "Blau.png"


def test_a_settled_folder_is_listed_once_for_many_links(tmp_path, listings):
    """Every post of a year linking `/images/…` looks for `images` in the
    year's folder first: one listing, not one per post."""
    year = tmp_path / "posts" / "2021"
    year.mkdir(parents=True)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "x.png").write_bytes(b"")
    for number in range(30):
        (year / f"post-{number}.md").write_text("Text.")
    _settle(year)
    _settle(tmp_path / "posts")
    for number in range(30):
        source = str(year / f"post-{number}.md")
        assert spelled_on_disk("/images/x.png", source) == "/images/x.png"
    assert listings.count(str(year)) == 1
    assert listings.count(str(tmp_path / "posts")) == 1


def test_a_file_added_to_a_settled_folder_is_found(tmp_path, listings):
    _settle(tmp_path)
    assert on_disk(str(tmp_path), "Grün.png") == "Grün.png"
    (tmp_path / NFD_GRUEN).write_bytes(b"")
    assert on_disk(str(tmp_path), "Grün.png") == NFD_GRUEN


def test_a_folder_changed_just_now_is_listed_again(tmp_path, listings):
    """A change in the same tick of the file system's clock leaves the
    folder's time as it was: a folder that recent is not kept."""
    now = os.stat(tmp_path).st_mtime_ns
    assert on_disk(str(tmp_path), "Grün.png") == "Grün.png"
    (tmp_path / NFD_GRUEN).write_bytes(b"")
    os.utime(tmp_path, ns=(now, now))  # the same tick
    assert on_disk(str(tmp_path), "Grün.png") == NFD_GRUEN
    assert listings == [str(tmp_path)] * 2


def test_a_folder_that_cannot_be_listed_leaves_the_name(tmp_path, listings):
    assert on_disk(str(tmp_path / "fehlt"), "Grün.png") == "Grün.png"
