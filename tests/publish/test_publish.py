"""The publish build end to end: strict, atomic, reproducible, with hashed
assets and security headers; `perlen veroeffentlichen` on the command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from perlen.commands import cli
from perlen.problems import BuildFailed
from perlen.publish.asset_hashes import hash_assets

SITEURL = "https://blog.example.org"
HAEUSER = """Titel: Von Häusern und Gärten
Datum: Mittwoch, 29. September 2021
Kategorie: Gestaltung
Schlagwörter: Architektur

Wir geben alten Häusern neue Fassaden.
"""


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def settings_file(site, name: str = "veroeffentlichen.py") -> Path:
    """A settings file for the temp site on top of publishconf.py, for the CLI.

    publishconf.py runs afresh (not imported): it reads SITEURL when it runs.
    """
    path = site.root / name
    path.write_text(
        "import runpy, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        f"globals().update(runpy.run_path({str(ROOT / 'publishconf.py')!r}))\n"
        f"PATH = {str(site.content)!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"CACHE_PATH = {str(site.root / 'cache')!r}\n",
        encoding="utf-8",
    )
    return path


def perlen(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`perlen …` in its own process (own hash seed, own clock)."""
    return subprocess.run(
        [sys.executable, "-m", "perlen.commands.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


# -- Reproducible ------------------------------------------------------------


def test_two_publish_builds_are_byte_identical(publish_site, make_post):
    publish_site.write(
        "posts/monarchie.md",
        make_post("Der Kunde ist König.", Schlagwörter="Kunden, Haltung"),
    )
    publish_site.write("posts/haeuser.md", HAEUSER)
    config = settings_file(publish_site)
    outputs = []
    for seed in ("1", "2"):
        output = publish_site.root / f"ausgabe-{seed}"
        env = {**os.environ, "SITEURL": SITEURL, "PYTHONHASHSEED": seed}
        result = perlen(
            "veroeffentlichen", "-s", str(config), "-o", str(output), env=env
        )
        assert result.returncode == 0, result.stderr
        outputs.append(snapshot(output))
    first, second = outputs
    assert any(name.startswith("pagefind/fragment/") for name in first)
    assert any(
        re.fullmatch(r"theme/css/perlen\.[0-9a-f]{10}\.css", name) for name in first
    )
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_sitemap_dates_index_pages_by_the_newest_post(publish_site, make_post):
    publish_site.write("posts/monarchie.md", make_post())
    publish_site.write("posts/haeuser.md", HAEUSER)
    publish_site.build("publishconf.py")
    sitemap = publish_site.html("sitemap.xml")
    home = re.search(rf"<loc>{SITEURL}/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
    assert home is not None
    assert home.group(1) == "2021-09-29T00:00:00+02:00"


def test_a_failed_build_does_not_cost_the_next_one_its_sitemap(publish_site, make_post):
    publish_site.write("posts/kaputt.md", make_post(Datum="gestern"))
    with pytest.raises(BuildFailed):
        publish_site.build("publishconf.py")
    (publish_site.content / "posts/kaputt.md").unlink()
    publish_site.write("posts/gut.md", make_post())
    publish_site.build("publishconf.py")
    assert "/2021/monarchie-im-perlenbuero/</loc>" in publish_site.html("sitemap.xml")


# -- Atomic -------------------------------------------------------------------


def test_a_broken_post_fails_and_keeps_the_previous_output(publish_site, make_post):
    publish_site.write("posts/gut.md", make_post())
    publish_site.build("publishconf.py")
    before = snapshot(publish_site.output)
    publish_site.write("posts/kaputt.md", make_post(Titel="Kaputt", Datum="gestern"))
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py")
    assert "kaputt.md, Zeile 2" in str(failure.value)
    assert snapshot(publish_site.output) == before
    assert [
        p.name for p in publish_site.root.iterdir() if p.name.startswith(".output")
    ] == []


def test_a_failed_verification_keeps_the_previous_output(publish_site, make_post):
    publish_site.write("posts/gut.md", make_post())
    publish_site.build("publishconf.py")
    before = snapshot(publish_site.output)
    publish_site.write("posts/link.md", make_post("[weg](/weg/)", Titel="Link"))
    with pytest.raises(BuildFailed):
        publish_site.build("publishconf.py")
    assert snapshot(publish_site.output) == before


# -- Strict -------------------------------------------------------------------


def test_warnings_fail_the_strict_build_only(publish_site, make_post):
    long_summary = "Ein Satz, der viel zu lang ist. " * 8
    publish_site.write("posts/lang.md", make_post(Zusammenfassung=long_summary))
    publish_site.build()  # pelicanconf.py: a warning, and the build goes on
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py")
    message = str(failure.value)
    assert message.startswith("Die Website wurde nicht gebaut: 1 Fehler gefunden.")
    assert "posts/lang.md, Zeile 3: Die Zusammenfassung ist" in message


def test_pelican_warnings_are_reported_in_german_naming_each_post(
    publish_site, make_post
):
    for name in ("eins", "zwei"):
        publish_site.write(
            f"posts/{name}.md",
            make_post("Siehe [dort]({unbekannt}x).", Titel=name.title()),
        )
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py")
    message = str(failure.value)
    for name in ("eins", "zwei"):
        assert (
            f"posts/{name}.md: Die Link-Art „{{unbekannt}}“ gibt es nicht." in message
        )


def test_warnings_and_verification_findings_are_reported_together(
    publish_site, make_post
):
    publish_site.write(
        "posts/art.md",
        make_post("[dort]({unbekannt}x)", Titel="Art", Zusammenfassung="A."),
    )
    publish_site.write(
        "posts/link.md", make_post("[weg](/weg/)", Titel="Link", Zusammenfassung="L.")
    )
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py")
    message = str(failure.value)
    # Pelican's warning while writing, and what verification found afterwards.
    assert "posts/art.md: Die Link-Art „{unbekannt}“ gibt es nicht." in message
    assert "posts/art.md (Seite „/2021/art/“): Ungültiges HTML: Bad value" in message
    assert "posts/link.md (Seite „/2021/link/“): Der Link „/weg/“ führt ins" in message


def test_a_template_error_names_template_line_and_page(
    publish_site, make_post, tmp_path
):
    templates = tmp_path / "vorlagen"
    templates.mkdir()
    (templates / "article.html").write_text(
        "<p>{{ article.title }}</p>\n{{ article.gibt_es_nicht.auch_nicht }}\n"
    )
    publish_site.write("posts/gut.md", make_post())
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py", THEME_TEMPLATES_OVERRIDES=[str(templates)])
    message = str(failure.value)
    assert (
        "vorlagen/article.html, Zeile 2: "
        "Fehler in der Theme-Vorlage beim Schreiben von " in message
    )
    assert "„2021/monarchie-im-perlenbuero/index.html“" in message
    assert "gibt_es_nicht" in message


# -- Drafts and future posts --------------------------------------------------


def test_drafts_and_future_posts_are_not_published(publish_site, make_post):
    publish_site.write("posts/gut.md", make_post())
    publish_site.write(
        "posts/entwurf.md", make_post(Titel="Geheimer Entwurf", Status="Entwurf")
    )
    publish_site.write(
        "posts/zukunft.md", make_post(Titel="Aus der Zukunft", Datum="1. Januar 2999")
    )
    publish_site.build("publishconf.py")
    everything = b"".join(snapshot(publish_site.output).values()).decode(
        "utf-8", "replace"
    )
    # Titles keep the no-break spaces of `widont` wherever they appear.
    everything = everything.replace("\u00a0", " ")
    assert "Monarchie im Perlenbüro" in everything
    assert "Geheimer Entwurf" not in everything
    assert "Aus der Zukunft" not in everything
    assert not (publish_site.output / "entwuerfe").exists()


# -- Hashed assets and headers ------------------------------------------------


def test_theme_assets_get_content_hashed_names(publish_site, make_post):
    publish_site.write("posts/gut.md", make_post())
    output = publish_site.build("publishconf.py")
    css = list((output / "theme/css").glob("*.css"))
    assert [p.name for p in css] and all(
        re.fullmatch(r"[\w-]+\.[0-9a-f]{10}\.css", p.name) for p in css
    )
    main = next(p for p in css if p.name.startswith("perlen."))
    stylesheet = main.read_text(encoding="utf-8")
    fonts = re.findall(r"url\(([^)]+)\)", stylesheet)
    assert fonts and all(re.search(r"\.[0-9a-f]{10}\.woff2$", f) for f in fonts)
    assert all((main.parent / f).resolve().is_file() for f in fonts)
    page = publish_site.html("index.html")
    assert f'href="{SITEURL}/theme/css/{main.name}"' in page
    assert not list(output.glob("theme/**/perlen.css"))
    headers = publish_site.html("_headers")
    assert (
        f"/theme/css/{main.name}\n"
        "  Cache-Control: public, max-age=31536000, immutable" in headers
    )


def hashed_site(root: Path, font: bytes) -> dict[str, str]:
    files = {
        "theme/fonts/serif.woff2": font,
        "theme/css/site.css": b"@font-face { src: url(../fonts/serif.woff2); }",
        "index.html": (
            b'<link rel="stylesheet" href="/theme/css/site.css">'
            b'<pre><code>&lt;link href="/theme/css/site.css"&gt;</code></pre>'
        ),
        "2021/post/index.html": (
            b'<link href="../../theme/css/site.css" rel=stylesheet>'
        ),
    }
    for relative, data in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)
    return hash_assets(root, {"THEME_STATIC_DIR": "theme", "SITEURL": ""})


def test_hashing_rewrites_real_references_only(tmp_path):
    renamed = hashed_site(tmp_path, b"font")
    css, font = renamed["theme/css/site.css"], renamed["theme/fonts/serif.woff2"]
    assert re.fullmatch(r"theme/css/site\.[0-9a-f]{10}\.css", css)
    assert (tmp_path / css).read_text() == (
        f"@font-face {{ src: url(../fonts/{font.rpartition('/')[2]}); }}"
    )
    index = (tmp_path / "index.html").read_text()
    assert index.startswith(f'<link rel="stylesheet" href="/{css}">')
    assert '<code>&lt;link href="/theme/css/site.css"&gt;</code>' in index
    post = (tmp_path / "2021/post/index.html").read_text()
    assert post == f'<link href="../../{css}" rel=stylesheet>'


def test_a_changed_font_renames_the_stylesheet_too(tmp_path):
    first = hashed_site(tmp_path / "eins", b"font")
    second = hashed_site(tmp_path / "zwei", b"neue Schrift")
    assert first["theme/css/site.css"] != second["theme/css/site.css"]


def test_headers_file_carries_a_csp_without_inline_code(publish_site, make_post):
    publish_site.write("posts/gut.md", make_post())
    publish_site.build("publishconf.py")
    headers = publish_site.html("_headers")
    # The site's policy; the web editor's own follows in its `/redaktion/*`
    # section (tests/publish/test_editor.py).
    [policy, _] = re.findall(r"^  Content-Security-Policy: (.+)$", headers, re.M)
    assert "\n/redaktion/*\n  ! Content-Security-Policy\n" in headers
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert headers.startswith("/*\n")
    assert "\n  X-Content-Type-Options: nosniff\n" in headers
    assert "\n  Referrer-Policy: strict-origin-when-cross-origin\n" in headers


def test_allowed_hosts_extend_the_policy(publish_site, make_post):
    publish_site.write("posts/gut.md", make_post())
    publish_site.build(
        "publishconf.py",
        PERLEN_ALLOWED_HOSTS={"frame-src": ["www.youtube-nocookie.com"]},
        PERLEN_HOST_PURPOSES={"www.youtube-nocookie.com": "Videos von YouTube."},
    )
    headers = publish_site.html("_headers")
    assert re.search(
        r"; frame-src 'self' https://www\.youtube-nocookie\.com(;|$)", headers, re.M
    )


# -- Command line -------------------------------------------------------------


def test_publish_without_siteurl_stops_in_german(monkeypatch):
    monkeypatch.delenv("SITEURL", raising=False)
    with pytest.raises(SystemExit) as stop:
        cli.main(["veroeffentlichen"])
    assert str(stop.value).startswith(
        "SITEURL fehlt: Bitte die Adresse der Website angeben"
    )


def test_verify_only_checks_the_existing_output(publish_site, make_post, capsys):
    publish_site.write(
        "posts/gut.md",
        make_post('<img src="/images/perle.png" alt="Perle">', Zusammenfassung="Kurz."),
    )
    publish_site.write("images/perle.png", "png")
    config = str(settings_file(publish_site))
    assert (
        cli.main(["veroeffentlichen", "-s", config, "-o", str(publish_site.output)])
        == 0
    )
    assert (
        cli.main(
            [
                "veroeffentlichen",
                "-s",
                config,
                "-o",
                str(publish_site.output),
                "--nur-pruefen",
            ]
        )
        == 0
    )
    (publish_site.output / "images/perle.png").unlink()
    capsys.readouterr()
    assert (
        cli.main(
            [
                "veroeffentlichen",
                "-s",
                config,
                "-o",
                str(publish_site.output),
                "--nur-pruefen",
            ]
        )
        == 1
    )
    errors = capsys.readouterr().err
    assert (
        "Seite „/2021/monarchie-im-perlenbuero/“: Das Bild „/images/perle.png“ fehlt."
        in errors
    )
    assert "Nicht in Ordnung: 1 Fehler in" in errors


def test_html_of_a_summary_never_reaches_a_listing(publish_site, make_post, java):
    """Cards show the summary as plain text (`|teaser`): its markup, valid
    or not, is nowhere on the listings."""
    publish_site.write(
        "posts/id.md",
        make_post(Zusammenfassung='Ein <span dir="schräg">Satz</span> mit Richtung.'),
    )
    output = publish_site.build("publishconf.py")
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "Ein Satz mit" in home and "Richtung." in home
    assert 'dir="schräg"' not in home
