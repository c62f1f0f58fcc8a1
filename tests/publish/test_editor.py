"""The editor's config, page and headers, generated from the project's keys."""

from __future__ import annotations

import yaml
from perlen.content import editor_fields, metadata
from perlen.content.dates import fold
from perlen.publish.editor import editor_config, editor_headers, header_keys
from perlen.publish.headers import headers_file

KNOWN = {"authors": ["Anna"], "categories": ["Haltung"], "tags": ["Kunden", "Mut"]}
SETTINGS = {"PATH": "/srv/blog/content", "ARTICLE_PATHS": ["posts"]}
SETTINGS |= {"PAGE_PATHS": ["pages"], "SITEURL": "https://blog.example.org"}


def fields_of(config, collection=0):
    return {f["name"]: f for f in config["collections"][collection]["fields"]}


def test_every_key_a_writer_may_use_is_a_field_with_its_german_name():
    fields = fields_of(editor_config(SETTINGS, KNOWN))
    for key, names in metadata.KEYS.items():
        if key in editor_fields.HIDDEN:
            assert key not in fields
        else:
            assert fields[key]["label"] == names[0]
    assert fields["title"]["required"] and fields["date"]["required"]
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert fields["status"]["options"] == ["Entwurf", "Veröffentlicht"]
    assert fields["tags"]["vorschlaege"] == ["Kunden", "Mut"]
    assert fields["author"]["vorschlaege"] == ["Anna"]
    assert fields["category"]["vorschlaege"] == ["Haltung"]
    assert fields["body"]["modes"] == ["raw"]
    assert fields["body"]["sanitize_preview"] is True


def test_a_key_added_later_appears_in_the_editor(monkeypatch):
    monkeypatch.setitem(metadata.KEYS, "mood", ("Stimmung", "Mood"))
    fields = fields_of(editor_config(SETTINGS, KNOWN))
    assert fields["mood"]["label"] == "Stimmung"
    assert fields["mood"]["widget"] == "string"
    assert header_keys()["aliases"]["stimmung"] == "mood"


def test_the_summary_limit_is_the_checks_limit():
    for limit in (80, 160):
        config = editor_config({**SETTINGS, "PERLEN_SUMMARY_MAX_LENGTH": limit}, KNOWN)
        pattern, message = fields_of(config)["summary"]["pattern"]
        assert pattern == f"^[\\s\\S]{{0,{limit}}}$"
        assert f"höchstens {limit} Zeichen" in message


def test_posts_live_in_year_folders_with_their_images():
    config = editor_config(SETTINGS, KNOWN)
    posts, pages = config["collections"]
    assert posts["folder"] == "content/posts" and posts["path"] == "{{year}}/{{slug}}"
    assert pages["folder"] == "content/pages" and pages["path"] == "{{slug}}"
    assert posts["media_folder"] == "" and posts["format"] == "perlen-kopf"
    assert not fields_of(config, 1)["date"]["required"]
    assert config["locale"] == "de" and config["publish_mode"] == "editorial_workflow"
    # The written config is YAML Decap reads back to the same values.
    assert yaml.safe_load(yaml.safe_dump(config, allow_unicode=True)) == config


def test_header_spellings_are_folded_like_the_reader_folds_them():
    keys = header_keys()
    for key, names in metadata.KEYS.items():
        assert keys["names"][key] == names[0]
        for name in names:
            assert keys["aliases"][fold(name)] == key


def test_only_the_editor_gets_the_editors_policy():
    assert editor_headers(SETTINGS) == []
    text = headers_file({**SETTINGS, "PERLEN_EDITOR": True}, [])
    site, editor = text.split("/redaktion/*\n")
    assert "'unsafe-eval'" not in site and "'unsafe-inline'" not in site
    assert editor.startswith("  ! Content-Security-Policy\n")
    assert "'unsafe-eval'" in editor and "http://127.0.0.1:8081" in editor
    assert "X-Robots-Tag: noindex" in editor
    assert headers_file(SETTINGS, []) == site
