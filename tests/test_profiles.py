"""The build profiles: one switch (`PERLEN_PROFILE`) picks the steps a build
takes; a switch set on its own overrides its profile."""

from __future__ import annotations

import pytest
from conftest import ROOT
from perlen.building.atomic import load_settings
from perlen.settings import PROFILES, setting


@pytest.mark.parametrize(
    ("settings_file", "profile"),
    [
        ("pelicanconf.py", "development"),
        ("vorschauconf.py", "preview"),
        ("publishconf.py", "publish"),
    ],
)
def test_each_settings_file_builds_its_profile(monkeypatch, settings_file, profile):
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    settings = load_settings(ROOT / settings_file)
    for name, value in PROFILES[profile].items():
        assert setting(settings, name) is value, name
    assert setting(settings, "PERLEN_PUBLISH") is (profile == "publish")


def test_publishing_is_strict_verified_and_indexed_the_others_not():
    assert all(
        PROFILES["publish"][name]
        for name in ("PERLEN_STRICT", "PERLEN_VERIFY", "PERLEN_SEARCH")
    )
    for profile in ("development", "preview"):
        assert not any(
            PROFILES[profile][name]
            for name in ("PERLEN_STRICT", "PERLEN_VERIFY", "PERLEN_SEARCH")
        )
    assert PROFILES["preview"]["PERLEN_NOINDEX"]
    assert not PROFILES["publish"]["PERLEN_NOINDEX"]


def test_a_switch_set_on_its_own_overrides_the_profile():
    settings = {"PERLEN_PROFILE": "publish", "PERLEN_VERIFY": False}
    assert setting(settings, "PERLEN_VERIFY") is False
    assert setting(settings, "PERLEN_STRICT") is True


def test_an_unknown_profile_is_a_german_error():
    with pytest.raises(ValueError, match="Das Bauprofil „veroeffentlichen“"):
        setting({"PERLEN_PROFILE": "veroeffentlichen"}, "PERLEN_STRICT")


def test_the_preview_profile_marks_every_page_noindex(site, make_post):
    site.write("posts/a.md", make_post())
    site.build("vorschauconf.py")
    for page in ("index.html", "2021/monarchie-im-perlenbuero/index.html"):
        assert '<meta name="robots" content="noindex' in site.html(page)
    site.build()
    assert "noindex" not in site.html("index.html")
