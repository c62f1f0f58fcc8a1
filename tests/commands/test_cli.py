"""The writers' commands through their real entry points, in a temporary blog.

`perlen neu` and `perlen pruefen` run as a writer runs them: the console
script in a subprocess, or `perlen.commands.cli.main` with the blog as
working directory (`perlen vorschau` in `test_preview.py`). Drafts and
scheduled posts are followed from the preview build, where they are shown,
to the published build, which leaves them out.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from perlen.building.checked import checked_build
from perlen.building.progress import Progress
from perlen.commands.cli import main
from perlen.commands.new_post import post_path, render_post
from perlen.commands.reports import PUBLISH_NEEDS_NO_WARNINGS
from perlen.content.dates import BERLIN, parse_date

PERLEN = Path(sys.executable).with_name("perlen")


def post(
    title: str, date: str = "28.09.2021", body: str = "Text.", **fields: str
) -> str:
    header = {"Titel": title, "Datum": date, **fields}
    return "".join(f"{k}: {v}\n" for k, v in header.items()) + f"\n{body}\n"


# -- neu ---------------------------------------------------------------------


def test_neu_creates_a_draft_with_every_german_key(project):
    code, out, err = project.run(
        "neu",
        "Monarchie im Perlenbüro",
        "--kategorie",
        "Haltung",
        "--schlagwoerter",
        "Kunden, Agenturalltag",
        "--autorin",
        "Frau Müller",
    )
    today = datetime.now(BERLIN).date()
    relative = f"content/posts/{today:%Y}/monarchie-im-perlenbuero.md"
    assert (code, out, err) == (0, f"Neuer Entwurf: {relative}\n", "")
    lines = (project.root / relative).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Titel: Monarchie im Perlenbüro"
    date = lines[1].removeprefix("Datum: ")
    assert re.fullmatch(r"[A-Z][a-z]+, \d{1,2}\. [A-ZÄ][a-zä]+ \d{4}", date)
    assert parse_date(date).date() == today
    assert lines[2:] == [
        "Autorin: Frau Müller",
        "Kategorie: Haltung",
        "Schlagwörter: Kunden, Agenturalltag",
        "Zusammenfassung:",
        "Status: Entwurf",
        "",
    ]


def test_neu_fills_in_the_defaults_and_the_new_draft_is_readable(project, java):
    assert project.run("neu", "Ein neuer Beitrag")[0] == 0
    (path,) = project.content.glob("posts/*/ein-neuer-beitrag.md")
    text = path.read_text(encoding="utf-8")
    assert "Autorin: perlenmädchen\nKategorie: Allgemein\nSchlagwörter:\n" in text
    # The template itself causes no warning that would later fail publishing.
    code, out, _ = project.run("pruefen", "--streng")
    assert code == 0
    assert "keine Fehler, keine Warnungen" in out


def test_neu_through_the_console_script(project):
    result = subprocess.run(
        [PERLEN, "neu", "Adventskalender", "--datum", "1. Dezember 2099"],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Neuer Entwurf: content/posts/2099/adventskalender.md\n"
    text = (project.content / "posts/2099/adventskalender.md").read_text(
        encoding="utf-8"
    )
    assert "Datum: Dienstag, 1. Dezember 2099\n" in text


def test_neu_refuses_to_overwrite_a_post(project):
    existing = project.write(
        "posts/2099/adventskalender.md", "Titel: Mein Text\n\nNicht anfassen.\n"
    )
    code, out, err = project.run("neu", "Adventskalender", "--datum", "1.12.2099")
    assert (code, out) == (1, "")
    assert "„content/posts/2099/adventskalender.md“ gibt es schon" in err
    assert (
        existing.read_text(encoding="utf-8") == "Titel: Mein Text\n\nNicht anfassen.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Titel", "--datum", "nächsten Montag"], "„nächsten Montag“ ist kein Datum"),
        (["Titel", "--datum", "Montag, 1.12.2099"], "der 01.12.2099 ist ein Dienstag"),
        (["!!!"], "Der Titel braucht mindestens einen Buchstaben oder eine Ziffer."),
    ],
)
def test_neu_explains_what_it_cannot_use(project, args, message):
    code, _, err = project.run("neu", *args)
    assert code == 1
    assert message in err
    assert not list(project.content.glob("posts/**/*.md"))


def test_render_post_and_post_path_are_pure():
    day = datetime(2021, 9, 28).date()
    path = post_path(Path("posts"), "Größe zählt", day)
    assert path == Path("posts/2021/groesse-zaehlt.md")
    text = render_post(
        "Größe zählt", day, author="A", category="K", tags=[" x", "", "y "]
    )
    assert text.splitlines()[1:5] == [
        "Datum: Dienstag, 28. September 2021",
        "Autorin: A",
        "Kategorie: K",
        "Schlagwörter: x, y",
    ]


# -- pruefen -----------------------------------------------------------------


def test_pruefen_on_a_clean_blog_exits_0(project):
    project.write("posts/2021/a.md", post("A", Kategorie="Haltung"))
    project.write("pages/kontakt.md", "Titel: Kontakt\n\nText.\n")
    code, out, _ = project.run("pruefen")
    assert (code, out) == (
        0,
        "In Ordnung: 2 Dateien geprüft, keine Fehler, keine Warnungen.\n",
    )
    assert not (project.root / "output").exists()  # checks never touch the site


def test_pruefen_reports_every_problem_at_once_like_the_build(project):
    project.write("posts/2021/gut.md", post("Gut"))
    project.write("posts/2021/x.md", post("X", "Montag, 28. September 2021"))
    project.write("posts/2021/y.md", "Kategori: Haltung\nDatum: 28.09.2021\n\nText\n")
    project.write("posts/2021/z.md", post("Z", body="![Perlen](perlen.jpg)"))
    code, out, _ = project.run("pruefen")
    assert code == 1
    assert out.splitlines() == [
        "  • content/posts/2021/x.md, Zeile 2: „Montag, 28. September 2021“ – "
        "der 28.09.2021 ist ein Dienstag. Bitte Wochentag oder Datum korrigieren.",
        "  • content/posts/2021/y.md, Zeile 1: Der Titel fehlt. Bitte als erste Zeile "
        "„Titel: …“ mit dem Titel des Beitrags schreiben.",
        "  • content/posts/2021/y.md, Zeile 1: Unbekannter Schlüssel „Kategori“ – "
        "meinten Sie „Kategorie“? Bitte „Kategorie:“ schreiben.",
        "  • content/posts/2021/z.md, Zeile 4: Das Bild „perlen.jpg“ gibt es nicht. "
        "Bitte die Datei neben den Beitrag oder nach „content/images/“ legen und den "
        "Namen prüfen (auch Groß- und Kleinschreibung).",
        "Nicht in Ordnung: 4 Dateien geprüft, 4 Fehler, keine Warnungen.",
    ]
    code, _, err = project.run("bauen")
    assert code == 1
    for line in out.splitlines()[:-1]:
        assert line.strip() in err  # the build fails with the very same messages


def test_pruefen_passes_warnings_unless_streng(project, monkeypatch):
    project.write("posts/2021/a.md", post("A", Zusammenfassung="Ä" * 200))
    code, out, _ = project.run("pruefen")
    assert code == 0
    assert (
        "Warnung – content/posts/2021/a.md, Zeile 3: Die Zusammenfassung ist 200" in out
    )
    # It says plainly that publishing (which is strict) waits for the fix.
    assert out.endswith(
        "In Ordnung: 1 Datei geprüft, keine Fehler, 1 Warnung.\n"
        f"{PUBLISH_NEEDS_NO_WARNINGS}\n"
    )
    code, out, _ = project.run("pruefen", "--streng")
    assert code == 1
    assert out.endswith("Nicht in Ordnung: 1 Datei geprüft, keine Fehler, 1 Warnung.\n")
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    assert project.run("veroeffentlichen")[0] == 1


def test_pruefen_without_warnings_says_nothing_about_them(project):
    project.write("posts/2021/a.md", post("A"))
    code, out, _ = project.run("pruefen")
    assert code == 0
    assert PUBLISH_NEEDS_NO_WARNINGS not in out


def test_pruefen_shows_progress_when_asked(project):
    for number in range(3):
        project.write(f"posts/2021/p{number}.md", post(f"Beitrag {number}"))
    code, _, err = project.run("pruefen", "--fortschritt")
    assert code == 0
    assert "Beiträge lesen: 3 von 3\n" in err
    assert "Beiträge schreiben: 3 von 3\n" in err
    _, _, quiet = project.run("pruefen")
    assert "Beiträge lesen" not in quiet  # not a terminal, not asked


def test_progress_prints_a_line_every_step_off_the_terminal(capsys):
    progress = Progress("Beiträge lesen", 250, sys.stdout, live=False)
    for _ in range(250):
        progress.step()
    assert capsys.readouterr().out.splitlines() == [
        "Beiträge lesen: 100 von 250",
        "Beiträge lesen: 200 von 250",
        "Beiträge lesen: 250 von 250",
    ]


def test_pruefen_outside_a_blog_says_where_to_run_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["pruefen"]) == 1
    assert "Bitte im Ordner des Blogs aufrufen" in capsys.readouterr().err


# -- Drafts and scheduled posts ---------------------------------------------


def test_the_preview_marks_drafts_and_scheduled_posts(site):
    site.write("posts/a.md", post("Veröffentlicht"))
    site.write("posts/b.md", post("Noch nicht fertig", Status="Entwurf"))
    site.write("posts/c.md", post("Adventskalender", "1. Dezember 2099"))
    outcome = checked_build(site.settings())
    states = {c.slug: c.perlen_state for c in outcome.contents}
    assert states == {
        "veroeffentlicht": "",
        "noch-nicht-fertig": "Entwurf",
        "adventskalender": "geplant",
    }
    assert (site.output / "entwuerfe/noch-nicht-fertig/index.html").is_file()
    assert (site.output / "entwuerfe/adventskalender/index.html").is_file()
    home = site.html("index.html")
    listed, unpublished = home.split('class="unpublished"')[1].split("</section>")
    assert "Adventskalender" in listed and "Noch nicht" in listed
    assert "Geplant für 1. Dezember 2099" in listed
    assert "Veröffentlicht" in unpublished and "Adventskalender" not in unpublished
    overview = site.html("entwuerfe/index.html")
    assert "Adventskalender" in overview and "Veröffentlicht" not in overview


def test_the_published_site_leaves_out_drafts_and_scheduled_posts(publish_site):
    site = publish_site
    soon = datetime.now(BERLIN) + timedelta(hours=2)
    just_now = datetime.now(BERLIN) - timedelta(minutes=5)
    site.write("posts/a.md", post("Erschienen", f"{just_now:%d.%m.%Y %H:%M}"))
    site.write(
        "posts/b.md",
        post("Geheimer Entwurf", body="![Skizze](skizze.png)", Status="Entwurf"),
    )
    site.write("posts/c.md", post("Geheim geplant", f"{soon:%d.%m.%Y %H:%M}"))
    (site.content / "posts/skizze.png").write_bytes(b"png")
    site.build("publishconf.py")
    assert (site.output / f"{just_now:%Y}/erschienen/index.html").is_file()
    assert not (site.output / "entwuerfe").exists()
    assert not list(site.output.rglob("skizze.png"))
    for path in site.output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "Geheim" not in text, path


@pytest.mark.parametrize(
    ("mistake", "kind"),
    [("SEITE = (", "SyntaxError"), ("SEITE = unbekannt", "NameError")],
)
@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_a_mistake_in_the_settings_is_named_with_its_line(
    project, mistake, kind, settings_file
):
    """Python's traceback is no message: the settings file, its line and
    the mistake in German words, also when publishconf.py imports it."""
    settings = project.root / "pelicanconf.py"
    lines = settings.read_text(encoding="utf-8").splitlines()
    settings.write_text("\n".join([*lines, mistake]) + "\n", encoding="utf-8")
    result = subprocess.run(
        [PERLEN, "pruefen", "--einstellungen", settings_file],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(
        f"Die Einstellungen „{settings_file}“ ließen sich nicht laden: "
        f"„pelicanconf.py“, Zeile {len(lines) + 1}: {kind}: "
    ), result.stderr
    assert "Bitte diese Stelle berichtigen" in result.stderr


def test_the_command_leaves_its_objects_to_the_exit(monkeypatch):
    """`perlen` (the console script) ends without Python's collection of
    every object the build made; `main`, which tests call, leaves them be."""
    from perlen import workers
    from perlen.commands import cli

    frozen = []
    monkeypatch.setattr(workers.gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(sys, "argv", ["perlen", "--help"])
    with pytest.raises(SystemExit):
        main(["--help"])
    assert frozen == []
    monkeypatch.setattr(cli, "main", lambda: 3)
    with pytest.raises(SystemExit) as ended:
        cli.run()
    assert ended.value.code == 3 and frozen == [True]
    script = PERLEN.read_text(encoding="utf-8")
    assert "from perlen.commands.cli import run" in script
