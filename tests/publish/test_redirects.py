"""Old addresses redirect: `_redirects` for Netlify and Cloudflare Pages, a
`noindex` page for GitHub Pages; verification follows both."""

from __future__ import annotations

import re

import pytest
from perlen.problems import BuildFailed
from perlen.publish.findings import Findings
from perlen.publish.pages import load_pages
from perlen.publish.verify_redirects import check_redirects
from perlen.publish.verify_references import check_references
from perlen.site.references import StartTag, references

SITEURL = "https://blog.example.org"
MOVED = """Titel: Monarchie im Perlenbüro
Datum: 28.09.2021
Alte Adressen: /2019/der-kunde-ist-koenig/, /blog/koenig.html

Text.
"""


def test_old_addresses_redirect_in_both_forms(publish_site):
    publish_site.write("posts/monarchie.md", MOVED)
    output = publish_site.build("publishconf.py")
    new = f"{SITEURL}/2021/monarchie-im-perlenbuero/"
    assert (output / "_redirects").read_text() == (
        "/2019/der-kunde-ist-koenig/ /2021/monarchie-im-perlenbuero/ 301\n"
        "/blog/koenig.html /2021/monarchie-im-perlenbuero/ 301\n"
    )
    for page in ("2019/der-kunde-ist-koenig/index.html", "blog/koenig.html"):
        html = (output / page).read_text()
        assert '<meta name="robots" content="noindex">' in html
        assert f'<meta http-equiv="refresh" content="0; url={new}">' in html
        assert f'<link rel="canonical" href="{new}">' in html
        assert '<meta http-equiv="Content-Security-Policy"' in html
        assert "Diese Seite ist umgezogen" in html
        link = html[html.index(f'<p>Ihr findet sie jetzt unter <a href="{new}">') :]
        assert "Perlenbüro</a>" in link[: link.index("</p>")]
        assert html.count('rel="canonical"') == 1
        assert "<script" not in html
    sitemap = (output / "sitemap.xml").read_text()
    assert "der-kunde-ist-koenig" not in sitemap
    assert "koenig.html" not in sitemap


def test_the_preview_redirects_to_relative_addresses(site):
    site.write("posts/monarchie.md", MOVED)
    output = site.build()
    html = (output / "blog/koenig.html").read_text()
    assert 'content="0; url=/2021/monarchie-im-perlenbuero/"' in html


def test_drafts_get_no_redirects(site):
    site.write("posts/monarchie.md", MOVED.replace("Text.", "Text.\n", 1))
    site.write(
        "posts/entwurf.md",
        "Titel: Entwurf\nDatum: 1.10.2021\nStatus: Entwurf\n"
        "Alte Adressen: /alt/entwurf/\n\nText.\n",
    )
    output = site.build()
    assert not (output / "alt").exists()
    assert "/alt/entwurf/" not in (output / "_redirects").read_text()


@pytest.mark.parametrize(
    ("content", "url"),
    [
        ("0; url=/neu/", "/neu/"),
        ("0;URL='https://blog.example.org/neu/'", "https://blog.example.org/neu/"),
        ('5, url="/neu/"', "/neu/"),
        ("3", None),
    ],
)
def test_a_meta_refresh_is_a_link(content, url):
    tag = StartTag("meta", {"http-equiv": "refresh", "content": content})
    assert [r.url for r in references(tag)] == ([url] if url else [])


def test_verification_follows_redirect_pages_and_rules(tmp_path, publish_site):
    publish_site.write("posts/monarchie.md", MOVED)
    output = publish_site.build("publishconf.py")
    # A rule and a page whose target has gone, as after a later rename.
    (output / "_redirects").write_text(
        (output / "_redirects").read_text() + "/2018/weg/ /2018/auch-weg/ 301\n"
    )
    findings = Findings()
    page = output / "2019/der-kunde-ist-koenig/index.html"
    page.write_text(page.read_text().replace("monarchie-im-perlenbuero", "weg"))
    root = SITEURL + "/"
    pages = load_pages(output)
    check_references(output, pages, root, {"default-src": ["'self'"]}, findings)
    check_redirects(output, pages, root, findings)
    found = [str(p) for p in findings.problems({})]
    assert any(
        f.startswith("Seite „/2019/der-kunde-ist-koenig/“: Der Link „")
        and "/2021/weg/" in f
        for f in found
    )
    assert (
        "_redirects: Die Weiterleitung von „/2018/weg/“ führt ins Leere: "
        "„/2018/auch-weg/“ gibt es nicht. Bitte „Alte Adressen:“ im umgezogenen "
        "Beitrag prüfen."
    ) in found
    assert (
        "_redirects: Für die alte Adresse „/2018/weg/“ fehlt die "
        "Weiterleitungsseite (für Server ohne _redirects wie GitHub Pages)."
    ) in found


def test_a_collision_stops_the_publish_build(publish_site):
    publish_site.write("posts/monarchie.md", MOVED.replace("/blog/koenig.html", "/"))
    publish_site.write(
        "posts/zweiter.md",
        "Titel: Zweiter\nDatum: 1.10.2021\nAlte Adressen: /ueber-uns/\n\nText.\n",
    )
    with pytest.raises(BuildFailed) as failure:
        publish_site.build("publishconf.py")
    message = str(failure.value)
    assert re.search(r"monarchie\.md, Zeile 3: „/“ ist keine Adresse", message)
    assert "zweiter.md, Zeile 3: Die alte Adresse „/ueber-uns/“ gehört jetzt" in message
