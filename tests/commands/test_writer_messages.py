"""The writer's messages: her own problems first, each once, counted right."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, Project
from perlen.building.checked import Outcome
from perlen.commands.reports import preview_report
from perlen.problems import Problem, Severity

HEADER = "Titel: {title}\nDatum: Dienstag, 28. September 2021\n"


def post(title: str, body: str = "Der Text.", **extra: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in extra.items())
    return f"{HEADER.format(title=title)}{lines}\n{body}\n"


def with_shipped_impressum(project: Project) -> Project:
    """The agency's Impressum as shipped: seven placeholders still in it."""
    shutil.copy(
        ROOT / "content" / "pages" / "impressum.md",
        project.content / "pages" / "impressum.md",
    )
    return project


# -- Counting -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "headline", "listed"),
    [
        (
            {"posts/farbe.md": post("Bunt", Farbe="Blau")},
            "Die Website wurde nicht gebaut: 1 Warnung gefunden. Beim "
            "Veröffentlichen zählt jede Warnung als Fehler.",
            ["Den Schlüssel „Farbe“ kennt der Blog nicht"],
        ),
        (
            {
                "posts/farbe.md": post("Bunt", Farbe="Blau", Frabe="Rot"),
                "posts/ohne.md": "Datum: 28.09.2021\n\nText.\n",
            },
            "Die Website wurde nicht gebaut: 1 Fehler und 2 Warnungen gefunden.",
            [
                "Den Schlüssel „Farbe“ kennt der Blog nicht",
                "Den Schlüssel „Frabe“ kennt der Blog nicht",
                "content/posts/ohne.md, Zeile 1: Der Titel fehlt",
            ],
        ),
    ],
)
def test_a_strict_publish_lists_each_problem_once_counted_by_kind(
    java, project, monkeypatch, files, headline, listed
):
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    for path, text in files.items():
        project.write(path, text)
    code, _, err = project.run("veroeffentlichen")
    assert code == 1
    assert err.splitlines()[0] == headline
    for text in listed:
        assert len([line for line in err.splitlines() if text in line]) == 1, err
    assert len(err.splitlines()) == 1 + len(listed), err


# -- Her own problems first ---------------------------------------------------


def test_pruefen_lists_her_problems_first_and_the_impressum_in_one_line(project):
    with_shipped_impressum(project)
    project.write("posts/tot.md", post("Tot", "Siehe [dort](/2021/weg/)."))
    project.write("posts/farbe.md", post("Bunt", Farbe="Blau"))
    code, out, _ = project.run("pruefen")
    lines = out.splitlines()
    assert code == 1
    assert "content/posts/farbe.md, Zeile 3" in lines[0]
    assert "content/posts/tot.md, Zeile 4" in lines[1]
    impressum = [line for line in lines if "Impressum" in line]
    assert len(impressum) == 1, out
    assert "content/pages/impressum.md" in impressum[0]
    assert "Warnungen" in impressum[0] and "docs/schreiben.md" in impressum[0]
    assert "perlen pruefen --alle" in impressum[0]
    # The count still counts each placeholder.
    assert lines[-1].startswith("Nicht in Ordnung: 3 Dateien geprüft, 1 Fehler, ")
    code, everything, _ = project.run("pruefen", "--alle")
    placeholders = [line for line in everything.splitlines() if "Platzhalter" in line]
    assert len(placeholders) >= 5
    assert everything.splitlines()[-1] == lines[-1]


def test_a_publish_of_the_shipped_impressum_summarises_it(java, project, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    with_shipped_impressum(project)
    project.write("posts/farbe.md", post("Bunt", Farbe="Blau"))
    code, _, err = project.run("veroeffentlichen")
    lines = err.splitlines()
    assert code == 1
    assert lines[0].startswith("Die Website wurde nicht gebaut:")
    assert "content/posts/farbe.md, Zeile 3" in lines[1]
    assert len([line for line in lines if "Impressum" in line]) == 1, err


def test_preview_rebuilds_repeat_the_site_wide_line_only_when_it_changes(capsys):
    own = Problem("content/posts/a.md", 4, "Ein Link führt ins Leere.")
    gap = Problem(
        "content/pages/impressum.md",
        6,
        "Im Impressum steht noch der Platzhalter „[Name]“.",
        severity=Severity.WARNING,
    )
    other_gap = Problem(
        "content/pages/impressum.md",
        7,
        "Im Impressum steht noch der Platzhalter „[Ort]“.",
        severity=Severity.WARNING,
    )
    report = preview_report(8000)
    for problems in ([gap, own], [gap, own], [gap, other_gap, own]):
        report(Outcome(problems=problems))
    shown = capsys.readouterr().out
    assert shown.count("content/posts/a.md, Zeile 4") == 3
    summaries = [line for line in shown.splitlines() if "Impressum" in line]
    assert len(summaries) == 2, shown
    assert "1 Warnung" in summaries[0] and "2 Warnungen" in summaries[1]
    assert "Platzhalter" not in shown


def test_the_preview_banner_shows_her_problems_first_and_the_impressum_in_one_line():
    from perlen.commands.preview.server import banner

    gaps = [
        Problem("content/pages/impressum.md", n, f"Im Impressum fehlt {n}.")
        for n in range(1, 8)
    ]
    own = [Problem("content/posts/z.md", n, f"Eigener Fehler {n}.") for n in (1, 2)]
    shown = banner((*gaps, *own)).decode()
    items = shown.split("<li>")[1:]
    assert len(items) == 3
    assert "Eigener Fehler 1" in items[0] and "Eigener Fehler 2" in items[1]
    assert "Das Impressum (content/pages/impressum.md)" in items[2]
    assert "7 Fehler" in items[2]
    assert "Im Impressum fehlt" not in shown


# -- A header error does not hide the rest of the file ------------------------

BODY = "Siehe [dort]({filename}gibt-es-nicht.md).\n\n![Ein Bild](fehlt.jpg)\n"


@pytest.mark.parametrize(
    ("header", "header_error"),
    [
        ("Titel: Kaputt\nDatum: 31. April 2021\n", "Zeile 2: „31. April 2021“"),
        ("Datum: 28.09.2021\n", "Zeile 1: Der Titel fehlt"),
        ("Titel: Ohne Datum\n", "Zeile 1: Das Datum fehlt"),
        (
            "Titel: Status\nDatum: 28.09.2021\nStatus: bald\n",
            "Zeile 3: Den Status „bald“ kenne ich nicht",
        ),
        ("Titel: Leer\nDatum:\n", "Zeile 2: Hier fehlt der Wert"),
    ],
)
def test_a_header_error_and_the_bodys_problems_are_reported_together(
    project, header, header_error
):
    project.write("posts/kaputt.md", f"{header}\n{BODY}")
    project.write("posts/gut.md", post("Gut"))
    lines = header.count("\n")
    expected = [
        f"content/posts/kaputt.md, {header_error}",
        f"content/posts/kaputt.md, Zeile {lines + 2}: Der Link auf „gibt-es-nicht.md“",
        f"content/posts/kaputt.md, Zeile {lines + 4}: Das Bild „fehlt.jpg“ gibt es",
    ]
    for command in ("pruefen", "bauen", "bauen"):  # the second build from cache
        code, out, err = project.run(command)
        shown = (out + err).splitlines()
        assert code == 1
        for text in expected:
            assert len([line for line in shown if text in line]) == 1, (text, shown)
    assert not (project.root / "output").exists()


# -- NFC and NFD names ---------------------------------------------------------


def _picture() -> bytes:
    from io import BytesIO

    from PIL import Image

    data = BytesIO()
    Image.new("RGB", (1300, 700), (200, 120, 90)).save(data, "PNG")
    return data.getvalue()


def _form(form: str, text: str) -> str:
    import unicodedata

    return unicodedata.normalize(form, text)


@pytest.mark.parametrize(("file_form", "text_form"), [("NFD", "NFC"), ("NFC", "NFD")])
@pytest.mark.parametrize(
    ("files", "header", "body", "page", "shows"),
    [
        # An image beside the post, shown inline and as Titelbild.
        (
            {"posts/Grün.png": "picture"},
            {"Titelbild": "Grün.png", "Titelbild-Text": "Eine grüne Fläche"},
            "![Grünes Bild](Grün.png)",
            "2021/gruen/",
            "-960.jpg",
        ),
        # An image in a folder with an umlaut, linked from the content root.
        (
            {"images/Übersicht/Bäume.png": "picture"},
            {},
            "![Bäume](/images/Übersicht/Bäume.png)",
            "2021/gruen/",
            "-960.jpg",
        ),
        # A link to another post, and to a file.
        (
            {"posts/Größe.md": post("Größe"), "posts/Maße.pdf": "%PDF-1.4\n"},
            {},
            "Siehe [Größe](Größe.md) und [Maße](Maße.pdf).",
            "2021/gruen/",
            'href="/2021/groesse/"',
        ),
    ],
)
def test_a_name_typed_in_one_normal_form_finds_the_file_in_the_other(
    project, file_form, text_form, files, header, body, page, shows
):
    for path, data in files.items():
        project.write(_form(file_form, path), _picture() if data == "picture" else data)
    text = post("Grün", body, **header)
    project.write("posts/gruen.md", _form(text_form, text))
    code, out, _ = project.run("pruefen")
    assert code == 0, out
    assert "keine Fehler, keine Warnungen" in out
    code, _, err = project.run("bauen")
    assert code == 0, err
    html = (project.root / "output" / page / "index.html").read_text()
    assert shows in html


# -- Hints that fit the header style -------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "fits", "misfits"),
    [
        (
            "---\ntitle: Aus WordPress\ndate: 2021-03-09\nlayout: post\n---\nText.\n",
            4,
            "unter die Zeile „---“",
            "Leerzeile",
        ),
        (
            "---\ntitle: Hugo\ndate: 2021-03-09\nweight: 3\ntags: [a, b]\n---\n"
            "\nText.\n",
            4,
            "unter die Zeile „---“",
            "Leerzeile",
        ),
        # `Key: value` lines between `---`: the fence ends the header, too.
        (
            "---\nTitel: Wir: die Perlen\nDatum: 9.3.2021\nFarbe: Blau\n---\nText.\n",
            4,
            "unter die Zeile „---“",
            "Leerzeile",
        ),
        (
            "Titel: Deutsch\nDatum: 9.3.2021\nFarbe: Blau\n\nText.\n",
            3,
            "bitte eine Leerzeile davor setzen",
            "„---“",
        ),
    ],
)
def test_an_unknown_keys_hint_fits_the_header_style(project, text, line, fits, misfits):
    project.write("posts/kopf.md", text)
    code, out, _ = project.run("pruefen")
    assert code == 0, out
    warning = next(
        row for row in out.splitlines() if f"content/posts/kopf.md, Zeile {line}" in row
    )
    assert "kennt der Blog nicht" in warning
    assert fits in warning and misfits not in warning


@pytest.mark.parametrize("key", ["excerpt", "description", "Excerpt"])
def test_a_wordpress_excerpt_is_the_summary(project, key):
    project.write(
        "posts/wp.md",
        f"---\ntitle: Aus WordPress\ndate: 2021-03-09\n{key}: Kurz gesagt.\n---\n"
        "Der lange Text des Beitrags.\n",
    )
    code, out, _ = project.run("pruefen")
    assert (code, out.splitlines()[-1]) == (
        0,
        "In Ordnung: 1 Datei geprüft, keine Fehler, keine Warnungen.",
    )
    assert project.run("bauen")[0] == 0
    page = (project.root / "output/2021/aus-wordpress/index.html").read_text()
    page = page.replace("\u00a0", " ")  # the typography's no-break spaces
    import re

    assert re.findall(r"<meta name=.description[^>]*>", page) == [
        '<meta name="description" content="Kurz gesagt.">'
    ]


# -- An automatic description quotes the text's own sentences -----------------


def _description(html: str) -> str:
    import re

    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) == 1
    return found[0].replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("folder", "header", "body", "page"),
    [
        # A figure whose credit comes from the post's Bildnachweis.
        (
            "posts",
            {"Bildnachweis": "Anna Muster"},
            '![Eine Krone](krone.png "Die Krone am Morgen")\n\nDer erste Satz.',
            "2021/krone/",
        ),
        # A figure with its own credit, after the first paragraph.
        (
            "posts",
            {},
            "Der erste Satz.\n\n"
            '![Eine Krone](krone.png "Die Krone am Morgen. Bildnachweis: Anna Muster")',
            "2021/krone/",
        ),
        # A footnote.
        (
            "posts",
            {},
            "Der erste Satz[^1].\n\n[^1]: Die Krone am Morgen.",
            "2021/krone/",
        ),
        # A page, not a post.
        (
            "pages",
            {"Bildnachweis": "Anna Muster"},
            '![Eine Krone](krone.png "Die Krone am Morgen")\n\nDer erste Satz.',
            "krone/",
        ),
    ],
)
def test_an_automatic_description_leaves_out_captions_credits_and_footnotes(
    project, folder, header, body, page
):
    project.write(f"{folder}/krone.png", _picture())
    project.write(f"{folder}/krone.md", post("Krone", body, **header))
    code, _, err = project.run("bauen")
    assert code == 0, err
    html = (project.root / "output" / page / "index.html").read_text()
    assert _description(html) == "Der erste Satz."
    # Still on the page itself.
    assert "Die Krone am Morgen" in html.replace("\u00a0", " ")


def test_a_written_summary_is_still_the_description(project):
    project.write("posts/krone.png", _picture())
    project.write(
        "posts/krone.md",
        post(
            "Krone", '![Krone](krone.png "Am Morgen")', Zusammenfassung="Geschrieben."
        ),
    )
    assert project.run("bauen")[0] == 0
    html = (project.root / "output/2021/krone/index.html").read_text()
    assert _description(html) == "Geschrieben."
