"""The editor's config, page and headers, generated from the project's keys."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import ROOT
from perlen.content import editor_fields, metadata
from perlen.content.dates import fold
from perlen.problems import BuildFailed
from perlen.publish.decap_bundle import SITE, SOURCES, decap_bundle, validate_config
from perlen.publish.editor import (
    editor_config,
    editor_headers,
    editor_policy,
    header_keys,
)
from perlen.publish.headers import headers_file
from perlen.site.csp import content_security_policy

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
    # The written config is JSON the glue reads back to the same values.
    assert json.loads(json.dumps(config, ensure_ascii=False)) == config


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


def _rules(text: str) -> list[tuple[re.Pattern[str], list[str]]]:
    """`_headers` as path pattern → its indented lines, in file order."""
    rules: list[tuple[re.Pattern[str], list[str]]] = []
    for line in text.splitlines():
        if line.startswith("/"):
            pattern = ".*".join(re.escape(part) for part in line.split("*"))
            rules.append((re.compile(pattern + "$"), []))
        elif line.strip():
            rules[-1][1].append(line.strip())
    return rules


def cloudflare(text: str, path: str) -> list[str]:
    """The CSP values Cloudflare Pages sends for `path` (workers-sdk,
    asset-worker `getHeaders`): matching rules in file order; `! Name`
    removes what earlier rules set, a header set again is appended."""
    sent: list[str] = []
    seen = False
    for pattern, lines in _rules(text):
        if not pattern.match(path):
            continue
        for line in lines:
            if line.startswith("!") and line[1:].strip() == CSP:
                sent.clear()
            elif line.startswith(f"{CSP}:"):
                value = line.split(":", 1)[1].strip()
                sent[:] = [*sent, value] if seen else [value]
                seen = True
    return sent


def netlify(text: str, path: str) -> list[str]:
    """The CSP values Netlify sends for `path` (netlify/build headers-parser
    and `headersForPath`): a line without a colon is skipped, the last
    matching rule's value of a header wins."""
    sent: list[str] = []
    for pattern, lines in _rules(text):
        if pattern.match(path):
            pairs = [line.split(":", 1) for line in lines if ":" in line]
            sent = [value.strip() for name, value in pairs if name == CSP] or sent
    return sent


CSP = "Content-Security-Policy"


@pytest.mark.parametrize("host", [cloudflare, netlify])
def test_the_editor_gets_exactly_one_policy_on_either_host(host):
    settings = {**SETTINGS, "PERLEN_EDITOR": True}
    text = headers_file(settings, ["/theme/*", "/redaktion/decap-cms.js"])
    editor, site = editor_policy(settings), content_security_policy(settings)
    for path in ("/redaktion/", "/redaktion/index.html", "/redaktion/decap-cms.js"):
        assert host(text, path) == [editor], path
    for path in ("/", "/2021/ein-beitrag/", "/theme/site.css"):
        assert host(text, path) == [site], path


def test_without_the_detach_line_cloudflare_would_send_both_policies():
    """The simulation can fail: Cloudflare appends a header set twice."""
    settings = {**SETTINGS, "PERLEN_EDITOR": True}
    text = headers_file(settings, []).replace("  ! Content-Security-Policy\n", "")
    assert len(cloudflare(text, "/redaktion/")) == 2
    assert netlify(text, "/redaktion/") == [editor_policy(settings)]


def test_the_exact_page_is_one_click_away():
    config = editor_config(SETTINGS, KNOWN)
    assert config["site_url"] == "https://blog.example.org"
    assert config["show_preview_links"] is True
    posts, pages = config["collections"]
    assert posts["preview_path"] == (
        "redaktion/seite.html#beitraege/{{dirname}}/{{filename}}"
    )
    assert pages["preview_path"] == (
        "redaktion/seite.html#seiten/{{dirname}}/{{filename}}"
    )
    # Locally (no SITEURL): the preview server that serves the editor.
    assert editor_config({**SETTINGS, "SITEURL": ""}, KNOWN)["site_url"] == "/"


@pytest.mark.langsam
def test_decap_checks_the_config_in_the_build(tmp_path):
    """The browser skips Decap's schema check of the config (it cost a third
    of the time to the sign-in); the build runs it, with Decap's own code."""
    if shutil.which("node") is None or not (ROOT / "node_modules/esbuild").is_dir():
        pytest.skip("Node.js oder esbuild fehlt (npm ci)")
    settings = {**SETTINGS, "PLUGIN_PATHS": [str(ROOT / "plugins")]}
    bundle = decap_bundle(settings)
    assert (bundle / SITE / "decap-cms.js").is_file()
    config = tmp_path / "config.json"
    config.write_text(json.dumps(editor_config(settings, KNOWN)), encoding="utf-8")
    validate_config(bundle, config)
    broken = editor_config(settings, KNOWN)
    body = next(f for f in broken["collections"][0]["fields"] if f["name"] == "body")
    body["modes"] = ["wysiwyg"]
    config.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        validate_config(bundle, config)
    (problem,) = failed.value.problems
    assert problem.message.startswith("Decap CMS lehnt die Konfiguration")
    assert "modes[0]' must be equal to one of the allowed values" in problem.message


def test_every_widget_the_config_uses_is_in_the_editor():
    """Our Decap build has only the widgets our config uses (decap/entry.js),
    the glue adds its own; a field with any other widget would get Decap's
    box for an unknown widget instead of an input."""
    entry = (SOURCES / "entry.js").read_text(encoding="utf-8")
    glue = (ROOT / "theme/redaktion/redaktion.js").read_text(encoding="utf-8")
    built = re.findall(r'lazyWidget\("([\w-]+)"\)', entry) + [
        name.lower() for name in re.findall(r"DecapCmsWidget(\w+)\.Widget\(\)", entry)
    ]
    theirs = re.findall(r'registerWidget\(\s*"([\w-]+)"', glue)
    assert "markdown" in built and "string" in built and "perlen-bildtext" in theirs
    config = editor_config(SETTINGS, KNOWN)
    used = {f["widget"] for c in config["collections"] for f in c["fields"]}
    missing = used - {*built, *theirs, "hidden"}  # Decap leaves `hidden` out
    assert not missing, missing
