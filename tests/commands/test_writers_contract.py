"""The writer's contract, end to end: every post a writer wrote either appears
in the site as she meant it, or `perlen bauen` fails with a German message
naming the file (and line) – and `perlen pruefen` says the same as the build
and as `perlen veroeffentlichen`.

One table of bad and odd input, as Windows editors, web CMSs, static-site
exports and copy-paste produce it. Each case is one of:
- `Served`: pruefen (even `--streng`) finds nothing, both builds pass, and the
  published page shows what the reader should see;
- `Fails`: an error: pruefen, bauen and veroeffentlichen all fail naming it;
- `Warns`: a warning: pruefen and bauen pass but show it, pruefen `--streng`
  and veroeffentlichen fail naming it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import Project

HEADER = "Titel: {title}\nDatum: Dienstag, 28. September 2021\n"


def post(title: str, body: str = "Der Text.", **extra: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in extra.items())
    return f"{HEADER.format(title=title)}{lines}\n{body}\n"


def photo() -> bytes:
    """A PNG wide enough for a Titelbild (1,200 px)."""
    from io import BytesIO

    from PIL import Image

    data = BytesIO()
    Image.new("RGB", (1300, 700), (200, 120, 90)).save(data, "PNG")
    return data.getvalue()


@dataclass(frozen=True)
class Served:
    """Read right: each page (output path) shows `shows` and not `hides`;
    `absent` pages are not published."""

    shows: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hides: dict[str, tuple[str, ...]] = field(default_factory=dict)
    absent: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fails:
    """An error naming `file` (under content/), `line` and a piece of text."""

    file: str
    line: int | None
    text: str


@dataclass(frozen=True)
class Warns(Fails):
    """A warning: the builds for writing pass, publishing fails."""


UTF16 = "Titel: Grüße aus Köln\nDatum: 28.09.2021\n\nÄpfel und Öl.\n"
WRAPPED = (
    "Titel: Entwurf mit Umbruch\n"
    "Datum: 28.09.2021\n"
    "Zusammenfassung: Eine lange Zusammenfassung, die der Editor\n"
    "umgebrochen hat.\n"
    "Titelbild: bild.jpg\n"
    "Status: Entwurf\n"
    "\n"
    "Geheim.\n"
)
YAML_EXPORT = (
    "---\n"
    'title: "Aus Hugo: exportiert"\n'
    "date: 2021-03-09T10:00:00+01:00\n"
    "tags: [Alpha, Beta]\n"
    "categories:\n"
    "  - Haltung\n"
    "description: Eine kurze Beschreibung.\n"
    "subtitle: Der Untertitel\n"
    "---\n"
    "\n"
    "Exportierter Text.\n"
)

CASES = {
    # -- Encodings and bytes ------------------------------------------------
    "utf8": ("posts/utf8.md", post("Grüße"), Served({"2021/gruesse/": ("Grüße",)})),
    "utf8-bom": (
        "posts/bom.md",
        b"\xef\xbb\xbf" + post("Mit Markierung").encode(),
        Served({"2021/mit-markierung/": ("<h1>Mit Markierung</h1>",)}),
    ),
    "utf16-bom": (
        "posts/utf16.md",
        UTF16.encode("utf-16"),
        Served({"2021/gruesse-aus-koeln/": ("Grüße aus Köln", "Äpfel und Öl.")}),
    ),
    "cp1252": (
        "posts/windows.md",
        post("Grüße aus Köln").encode("cp1252"),
        Fails("posts/windows.md", 1, "nicht in UTF-8 gespeichert"),
    ),
    "nul-bytes": (
        "posts/nul.md",
        post("Nullen", "Text\x00mit Null.").encode(),
        Fails("posts/nul.md", 4, "Null-Bytes"),
    ),
    "control-character": (
        "posts/escape.md",
        post("Steuerzeichen", "Text \x1b[0m kopiert."),
        Fails("posts/escape.md", 4, "U+001B"),
    ),
    "crlf": (
        "posts/crlf.md",
        post("Windows-Zeilen", "Erste Zeile.\n\nZweiter Absatz.").replace("\n", "\r\n"),
        Served({"2021/windows-zeilen/": ("<p>Zweiter Absatz.</p>",)}),
    ),
    # -- The header -----------------------------------------------------------
    "empty-file": ("posts/leer.md", "", Fails("posts/leer.md", 1, "Titel fehlt")),
    "only-header": (
        "posts/nur-kopf.md",
        HEADER.format(title="Nur ein Kopf"),
        Served({"2021/nur-ein-kopf/": ("Nur ein Kopf",)}),
    ),
    "tab-after-colon": (
        "posts/tab.md",
        "Titel:\tMit Tabulator\nDatum:\t28.09.2021\n\nText.\n",
        Served({"2021/mit-tabulator/": ("<h1>Mit Tabulator</h1>",)}),
    ),
    "key-with-trailing-spaces": (
        "posts/spaces.md",
        "Titel   : Mit Leerzeichen\nDatum  :  28.09.2021\n\nText.\n",
        Served({"2021/mit-leerzeichen/": ("<h1>Mit Leerzeichen</h1>",)}),
    ),
    "wrapped-value": (
        "posts/umbruch.md",
        WRAPPED,
        Fails("posts/umbruch.md", 6, "„Status: …“ steht im Text"),
    ),
    "blank-line-inside-header": (
        "posts/luecke.md",
        "Titel: Lücke\nDatum: 28.09.2021\n\nStatus: Entwurf\n\nText.\n",
        Fails("posts/luecke.md", 4, "steht im Text, nicht im Kopf"),
    ),
    "untertitel": (
        "posts/untertitel.md",
        post(
            "Monarchie",
            Untertitel="Wenn der Kunde König ist",
            Kategorie="Untertitel-Test",
        ),
        Served(
            {
                "2021/monarchie/": (
                    '<p class="post-subtitle" data-pagefind-ignore>'
                    "Wenn der Kunde König ist</p>",
                    '"alternativeHeadline": "Wenn der Kunde K\\u00f6nig\\u00a0ist"',
                    '<meta name="description" content="Wenn der Kunde König ist">',
                ),
                "kategorie/untertitel-test/": (
                    '<p class="post-card-subtitle">Wenn der Kunde König ist</p>',
                ),
            }
        ),
    ),
    "unknown-key": (
        "posts/farbe.md",
        post("Bunt", Farbe="Blau"),
        Warns("posts/farbe.md", 3, "Den Schlüssel „Farbe“ kennt der Blog nicht"),
    ),
    "no-blank-line-colon": (
        "posts/wichtig.md",
        HEADER.format(title="Wichtig") + "Wichtig: Bitte bis Freitag antworten!\n",
        Warns("posts/wichtig.md", 3, "„Wichtig“"),
    ),
    "no-blank-line-text": (
        "posts/direkt.md",
        HEADER.format(title="Direkt") + "Der Text beginnt sofort.\n",
        Warns("posts/direkt.md", 3, "fehlt die Leerzeile"),
    ),
    "line-separator": (
        "posts/u2028.md",
        post("Trenner", Zusammenfassung="Erster Teil\u2028zweiter Teil") + "",
        Warns("posts/u2028.md", 3, "unsichtbarer Zeilenumbruch"),
    ),
    "form-feed": (
        "posts/ff.md",
        HEADER.format(title="Seitenumbruch")
        + "Schlagwörter: Alpha\x0cKategorie: Haltung\n\nText.\n",
        Warns("posts/ff.md", 3, "unsichtbarer Zeilenumbruch"),
    ),
    "iso-date-in-header": (
        "posts/iso.md",
        "Titel: ISO-Datum\nDatum: 2021-03-09T23:30:00+00:00\n\nText.\n",
        Served({"2021/iso-datum/": ("Mittwoch, 10. März 2021",)}),
    ),
    # -- YAML front matter -------------------------------------------------------
    "yaml-export": (
        "posts/hugo.md",
        YAML_EXPORT,
        Served(
            {
                "2021/aus-hugo-exportiert/": (
                    "Aus Hugo: exportiert",
                    "Dienstag, 9. März 2021",
                    'rel="tag">Alpha</a>',
                    'rel="tag">Beta</a>',
                    ">Haltung</a>",
                    'content="Eine kurze Beschreibung."',
                    "Der Untertitel",
                )
            },
            hides={"2021/aus-hugo-exportiert/": ("[", "&#34;", "---")},
        ),
    ),
    "yaml-draft-true": (
        "posts/hugo-entwurf.md",
        "---\ntitle: Hugo-Entwurf\ndate: 2021-03-09\ndraft: true\n---\nGeheim.\n",
        Served(absent=("2021/hugo-entwurf/", "entwuerfe/hugo-entwurf/")),
    ),
    "yaml-status-draft": (
        "posts/status-draft.md",
        "---\ntitle: Status-Entwurf\ndate: 2021-03-09\nstatus: draft\n---\nGeheim.\n",
        Served(absent=("2021/status-entwurf/", "entwuerfe/status-entwurf/")),
    ),
    "jekyll-published-false": (
        "posts/jekyll.md",
        "---\ntitle: Jekyll\ndate: 2021-03-09\npublished: false\n---\nGeheim.\n",
        Served(absent=("2021/jekyll/", "entwuerfe/jekyll/")),
    ),
    "status-entwurf": (
        "posts/entwurf.md",
        post("Deutscher Entwurf", Status="Entwurf"),
        Served(absent=("2021/deutscher-entwurf/", "entwuerfe/deutscher-entwurf/")),
    ),
    "yaml-broken": (
        "posts/kaputt.md",
        "---\ntitle: Kaputt\ndate: 2021-03-09\ntags: [Alpha\n---\nText.\n",
        Fails("posts/kaputt.md", 4, "lässt sich nicht lesen"),
    ),
    # -- Files in the wrong place -----------------------------------------------
    "folder-typo": (
        "post/tippfehler.md",
        post("Tippfehler"),
        Fails("post/tippfehler.md", None, "meinten Sie „content/posts/“?"),
    ),
    "folder-capitalised": (
        "Posts/gross.md",
        post("Groß"),
        Fails("Posts/gross.md", None, "meinten Sie „content/posts/“?"),
    ),
    "content-root": (
        "wurzel.md",
        post("Wurzel"),
        Fails("wurzel.md", None, "direkt in „content/“"),
    ),
    "markdown-in-images": (
        "images/notiz.md",
        "Notiz für mich.\n",
        Fails("images/notiz.md", None, "als Rohtext veröffentlicht"),
    ),
    # -- Notes ---------------------------------------------------------------
    "note-begun-in-a-heading": (
        "posts/notiz-ueberschrift.md",
        post(
            "Notiz in der Überschrift",
            "## Zwischenstand <!-- intern:\nKunde XY nicht nennen -->\n\nDer Text.",
        ),
        Served(
            {"2021/notiz-in-der-ueberschrift/": ("Zwischenstand", "Der Text.")},
            hides={"2021/notiz-in-der-ueberschrift/": ("Kunde XY", "intern")},
        ),
    ),
    "unclosed-note": (
        "posts/offene-notiz.md",
        post("Offene Notiz", "Der Text. <!-- Kunde XY nicht nennen\n\nMehr Text."),
        Warns("posts/offene-notiz.md", 4, "nie mit „-->“ geschlossen"),
    ),
    # -- Links and images -----------------------------------------------------
    "preview-link": (
        "posts/vorschau.md",
        post("Vorschau", "Siehe [hier](http://127.0.0.1:8000/2021/gruesse/)."),
        Fails("posts/vorschau.md", 4, "führt auf die Vorschau"),
    ),
    "localhost-link": (
        "posts/localhost.md",
        post("Localhost", "Siehe [Archiv](http://localhost:8000/archiv/)."),
        Fails("posts/localhost.md", 4, "Bitte nur den Pfad schreiben: „/archiv/“"),
    ),
    "dead-site-link": (
        "posts/tot.md",
        post("Toter Link", "Siehe [dort](/2021/gibt-es-nicht/)."),
        Fails("posts/tot.md", 4, "„/2021/gibt-es-nicht/“ führt ins Leere"),
    ),
    "image-name-with-space-and-umlaut": (
        "posts/bild.md",
        post(
            "Bild im Büro",
            "![Eine Perle](perle im büro.png)",
            Titelbild="perle im büro.png",
            **{"Titelbild-Text": "Eine Perle im Büro"},
        ),
        Served(
            {
                "2021/bild-im-buero/": (
                    # The processed image's variants and the Titelbild's crop.
                    "posts/perle%20im%20b%C3%BCro-png-960.avif 960w",
                    'posts/perle%20im%20b%C3%BCro-png-960.jpg"',
                    'posts/perle%20im%20b%C3%BCro-png-1200x630.jpg">',
                )
            }
        ),
    ),
    "script-end-tag-in-summary": (
        "posts/skript.md",
        post("Skript", Zusammenfassung="Wir <3 </script> Tags"),
        Fails("posts/skript.md", 3, "„</script>“ schließt ein Element"),
    ),
    # -- Slugs ----------------------------------------------------------------
    "heart-in-title": (
        "posts/herz.md",
        post('Wir <3 "Kunden" & </script> Tags'),
        Served({"2021/wir-kunden-script-tags/": ("❤️",)}),
    ),
    "default-author": (
        "posts/ohne-autorin.md",
        post("Ohne Autorin"),
        Served(
            {"2021/ohne-autorin/": ('/autorin/perlenmaedchen/" rel="author"',)},
            absent=("autorin/perlenmadchen/",),
        ),
    ),
}
# Files some cases need beside their post.
EXTRA_FILES: dict[str, dict[str, str | bytes]] = {
    "image-name-with-space-and-umlaut": {"posts/perle im büro.png": photo()},
}
SERVED = [name for name, (_, _, expect) in CASES.items() if isinstance(expect, Served)]


def _project(tmp_path: Path, names: list[str]) -> Project:
    project = Project(tmp_path / "blog")
    for name in names:
        path, text, _ = CASES[name]
        project.write(path, text)
        for extra, data in EXTRA_FILES.get(name, {}).items():
            project.write(extra, data)
    return project


def _page(project: Project, output: str, page: str) -> str:
    """A built page, with the typography's non-breaking spaces as spaces."""
    html = (project.root / output / page / "index.html").read_text(encoding="utf-8")
    return html.replace("\u00a0", " ").replace("&nbsp;", " ")


def _assert_served(project: Project, output: str, expect: Served) -> None:
    for page, texts in expect.shows.items():
        html = _page(project, output, page)
        for text in texts:
            assert text in html, (page, text)
    for page, texts in expect.hides.items():
        html = _page(project, output, page).split('<div class="post-body">')[1]
        for text in texts:
            assert text not in html.split("</article>")[0], (page, text)
    for page in expect.absent:
        assert not (project.root / output / page).exists(), page


def _named(expect: Fails, text: str) -> bool:
    where = f"content/{expect.file}"
    if expect.line is not None:
        where += f", Zeile {expect.line}"
    return any(where in line and expect.text in line for line in text.splitlines())


@pytest.mark.parametrize("name", list(CASES))
def test_pruefen_and_bauen_agree(tmp_path, name):
    _, _, expect = CASES[name]
    project = _project(tmp_path, [name])
    code, out, _ = project.run("pruefen")
    build_code, build_out, build_err = project.run("bauen")
    if isinstance(expect, Served):
        assert (code, build_code) == (0, 0), out
        assert "keine Fehler, keine Warnungen" in out
        assert build_err == ""
        # Drafts are in the preview build, but never where readers look.
        _assert_served(project, "output", Served(expect.shows, expect.hides))
    elif isinstance(expect, Warns):
        assert (code, build_code) == (0, 0), out
        assert _named(expect, out)
        assert _named(expect, build_err)
    else:
        assert (code, build_code) == (1, 1), out
        assert _named(expect, out), out
        assert _named(expect, build_err), build_err
        assert "Die Website wurde nicht gebaut" in build_err
    assert "Traceback" not in out + build_out + build_err
    assert "Done:" not in build_out + build_err


@pytest.mark.parametrize("name", list(CASES))
def test_pruefen_streng_fails_exactly_where_publishing_does(java, tmp_path, name):
    """`pruefen --streng` runs the publish build with its HTML check (Java):
    a warning fails it, as it fails publishing."""
    _, _, expect = CASES[name]
    project = _project(tmp_path, [name])
    code, out, _ = project.run("pruefen", "--streng")
    assert code == (0 if isinstance(expect, Served) else 1), out
    if not isinstance(expect, Served):
        assert _named(expect, out), out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    "name", [n for n in CASES if not isinstance(CASES[n][2], Served)]
)
def test_publishing_fails_naming_the_file_pruefen_named(
    java, tmp_path, name, monkeypatch
):
    _, _, expect = CASES[name]
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    project = _project(tmp_path, [name])
    code, _, err = project.run("veroeffentlichen")
    assert code == 1
    assert _named(expect, err), err
    assert not (project.root / "output").exists()


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Project:
    """Every case that must be served, published together (one HTML check)."""
    os.environ["SITEURL"] = "https://blog.example.org"
    try:
        project = _project(tmp_path_factory.mktemp("veroeffentlicht"), SERVED)
        result = project.run("veroeffentlichen")
    finally:
        del os.environ["SITEURL"]
    assert result[0] == 0, result
    return project


@pytest.mark.parametrize("name", SERVED)
def test_published_site_serves_what_the_writer_wrote(java, published, name):
    _assert_served(published, "output", CASES[name][2])


def test_a_symlink_to_outside_content_is_named(tmp_path):
    project = Project(tmp_path / "blog")
    outside = tmp_path / "geheim.md"
    outside.write_text(post("Geheim"), encoding="utf-8")
    (project.content / "posts" / "link.md").symlink_to(outside)
    code, out, _ = project.run("pruefen")
    assert code == 1
    assert "content/posts/link.md" in out


def test_a_page_shows_its_untertitel(project):
    project.write("pages/team.md", "Titel: Team\nUntertitel: Wer wir sind\n\nText.\n")
    assert project.run("bauen")[0] == 0
    html = (project.root / "output/team/index.html").read_text(encoding="utf-8")
    assert '<p class="post-subtitle">Wer wir' in html
    assert '<meta name="description" content="Wer wir' in html
