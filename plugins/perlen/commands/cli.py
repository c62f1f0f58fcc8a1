"""`perlen`: the writers' command line tool, in German.

Thin glue over the build and checks; every command is a function taking the
parsed arguments and returning an exit code.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.log import init as init_logging

from perlen.building.atomic import load_settings
from perlen.building.checked import checked_build
from perlen.building.strict import failures
from perlen.commands import editor_server, preview
from perlen.commands.german_argparse import GermanArgumentParser
from perlen.commands.new_post import post_path, render_post
from perlen.commands.reports import (
    PUBLISH_NEEDS_NO_WARNINGS,
    build_and_report,
    counted,
    preview_report,
    print_problems,
    tally,
)
from perlen.content.dates import format_date, parse_date
from perlen.content.slugs import german_slug
from perlen.problems import ProblemError, display_path
from perlen.publish.verify import verify_site
from perlen.settings import setting
from perlen.site import schedule
from perlen.site.templating import plaintext
from perlen.workers import leave_objects_to_exit


class SettingsError(Exception):
    """The settings file cannot be read; the message says why, in German."""


def _settings(args: argparse.Namespace, overrides: dict | None = None) -> dict:
    try:
        return load_settings(args.einstellungen, overrides)
    except (OSError, ValueError) as error:
        raise SettingsError(
            f"Die Einstellungen „{args.einstellungen}“ ließen sich nicht laden "
            f"({error}). "
            "Bitte im Ordner des Blogs aufrufen, dort liegt „pelicanconf.py“."
        ) from error
    except Exception as error:  # the settings are Python: any mistake in them
        raise SettingsError(
            f"Die Einstellungen „{args.einstellungen}“ ließen sich nicht laden: "
            f"{_where_in_settings(error, Path(args.einstellungen))}"
            f"{type(error).__name__}: "
            f"{error.msg if isinstance(error, SyntaxError) else error}. "
            "Bitte diese Stelle berichtigen "
            "(oder die letzte Änderung daran rückgängig machen)."
        ) from error


def _where_in_settings(error: Exception, settings_file: Path) -> str:
    """„pelicanconf.py, Zeile 12: “ for the line of the settings (or of a
    settings file they import, as publishconf.py imports pelicanconf.py)
    where `error` arose; empty when no line of them is to blame."""
    folder = settings_file.resolve().parent
    if isinstance(error, SyntaxError) and error.filename and error.lineno:
        where = [(error.filename, error.lineno)]
    else:
        where = [
            (frame.filename, frame.lineno)
            for frame in traceback.extract_tb(error.__traceback__)
        ]
    for filename, line in reversed(where):
        path = Path(filename)
        if path.parent.resolve() == folder and line:
            return f"„{path.name}“, Zeile {line}: "
    return ""


def cmd_bauen(args: argparse.Namespace) -> int:
    overrides = {"OUTPUT_PATH": args.ausgabe} if args.ausgabe else None
    return build_and_report(_settings(args, overrides), "Fertig gebaut")


def cmd_neu(args: argparse.Namespace) -> int:
    settings = _settings(args)
    locale = setting(settings, "PERLEN_LOCALE")
    title = " ".join(args.titel.split())
    if not german_slug(title):
        print(
            "Der Titel braucht mindestens einen Buchstaben oder eine Ziffer.",
            file=sys.stderr,
        )
        return 1
    try:
        when = parse_date(args.datum, locale=locale) if args.datum else None
    except ProblemError as error:
        print(f"{error.problem.message} {error.problem.fix}", file=sys.stderr)
        return 1
    day = (when or datetime.now(ZoneInfo(settings["TIMEZONE"]))).date()
    path = post_path(Path(settings["PATH"], settings["ARTICLE_PATHS"][0]), title, day)
    text = render_post(
        title,
        day,
        author=args.autorin or settings["AUTHOR"],
        category=args.kategorie or settings["DEFAULT_CATEGORY"],
        tags=(args.schlagwoerter or "").split(","),
        locale=locale,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as post:
            post.write(text)
    except FileExistsError:
        print(
            f"„{display_path(str(path))}“ gibt es schon; "
            "ich überschreibe keinen Beitrag. "
            "Bitte einen anderen Titel wählen oder die Datei direkt bearbeiten.",
            file=sys.stderr,
        )
        return 1
    print(f"Neuer Entwurf: {display_path(str(path))}")
    return 0


# What makes a build a publish build, whatever the settings file says: the
# publish profile (strict, verified, with search index and hashed assets).
# `perlen pruefen --streng` runs the same steps, so that it passes exactly
# when publishing passes.
PUBLISH_STEPS = {"PERLEN_PROFILE": "publish"}


# The address `perlen pruefen --streng` checks for when SITEURL is not set:
# publishing needs one, and the checks of links, feeds and sitemap need it too.
CHECK_SITEURL = "https://blog.example.org"


@contextmanager
def _publish_address() -> Iterator[None]:
    """SITEURL for publishconf.py, which reads it from the environment."""
    if os.environ.get("SITEURL"):
        yield
        return
    os.environ["SITEURL"] = CHECK_SITEURL
    try:
        yield
    finally:
        del os.environ["SITEURL"]


def cmd_pruefen(args: argparse.Namespace) -> int:
    """Check like a build; with `--streng` exactly like publishing (the
    publish settings and every publish step), so that it passes exactly when
    `perlen veroeffentlichen` does."""
    overrides = {"PERLEN_PROGRESS": True} if args.fortschritt else {}
    if args.streng:
        overrides.update(PUBLISH_STEPS)
    if args.einstellungen is None:
        args.einstellungen = "publishconf.py" if args.streng else "pelicanconf.py"
    with tempfile.TemporaryDirectory(prefix="perlen-pruefen-") as scratch:
        overrides["OUTPUT_PATH"] = os.path.join(scratch, "website")
        with _publish_address() if args.streng else nullcontext():
            settings = _settings(args, overrides)
        try:
            outcome = checked_build(settings)
        except Exception as error:  # a theme or plugin failure, not a writer's
            print(f"Die Prüfung brach ab: {error}", file=sys.stderr)
            return 1
    checked = counted(len(outcome.sources), "Datei", "Dateien")
    print_problems(outcome, args.alle)
    failed = bool(failures(outcome.problems, args.streng))
    verdict = "Nicht in Ordnung" if failed else "In Ordnung"
    print(f"{verdict}: {checked} geprüft, {tally(outcome)}.")
    if outcome.warnings and not failed:
        # Publishing is strict: what `pruefen` lets pass must not fail there.
        print(PUBLISH_NEEDS_NO_WARNINGS)
    return 1 if failed else 0


def _port_hint(port: int) -> str:
    """How to ask for `port` the way the writer started the preview."""
    if os.environ.get("MAKELEVEL"):  # set by make for the commands it runs
        return f"make vorschau PORT={port}"
    return f"perlen vorschau --port {port}"


def cmd_redaktion(args: argparse.Namespace) -> int:
    """The web editor on this checkout plus the live preview, one command."""
    try:
        server = editor_server.start(_settings(args), Path.cwd())
    except editor_server.EditorServerError as error:
        print(error, file=sys.stderr)
        return 1
    try:
        print(
            f"Redaktion auf http://{preview.HOST}:{args.port}/redaktion/ "
            "(„Anmelden“ anklicken; sie schreibt in diesen Ordner)."
        )
        return cmd_vorschau(args)
    finally:
        editor_server.stop(server)
        print("Redaktion beendet.")


def cmd_vorschau(args: argparse.Namespace) -> int:
    overrides = {"PERLEN_PROGRESS": True} if args.fortschritt else {}
    folder = Path(
        args.ausgabe
        or os.path.join(_settings(args)["CACHE_PATH"], f"vorschau-{args.port}")
    ).resolve()
    try:
        server = preview.open_server(args.port)
    except OSError as error:
        taken = error.errno == errno.EADDRINUSE
        reason = "ist schon belegt" if taken else f"lässt sich nicht öffnen ({error})"
        print(
            f"Port {args.port} {reason}. Bitte einen anderen wählen, "
            f"z. B. „{_port_hint(args.port + 1)}“.",
            file=sys.stderr,
        )
        return 1
    print(f"Vorschau auf http://{preview.HOST}:{args.port}/ – beenden mit Strg+C.")
    sys.stdout.flush()
    preview.run(
        args.einstellungen, overrides, folder, server, preview_report(args.port)
    )
    print("\nVorschau beendet.")
    return 0


def cmd_veroeffentlichen(args: argparse.Namespace) -> int:
    """The publish build: strict, verified, with search index and hashed
    assets whatever the settings file says; or only verify the output."""
    overrides = dict(PUBLISH_STEPS)
    if args.ausgabe:
        overrides["OUTPUT_PATH"] = args.ausgabe
    settings = _settings(args, overrides)
    if args.nur_pruefen:
        return _verify_output(Path(settings["OUTPUT_PATH"]), settings)
    address = settings["SITEURL"] or "lokale Adressen"
    waiting: list = []

    def remember(pairs: list) -> None:
        waiting[:] = pairs

    schedule.held_back.connect(remember)
    try:
        code = build_and_report(settings, f"Gebaut und geprüft für {address}")
    finally:
        schedule.held_back.disconnect(remember)
    if code == 0 and waiting:
        print("Noch nicht veröffentlicht, weil ihr Datum in der Zukunft liegt:")
        for title, date in waiting:
            when = format_date(
                date, "d. MMMM y", locale=setting(settings, "PERLEN_LOCALE")
            )
            print(f"  • „{plaintext(title)}“ erscheint ab dem {when}.")
    return code


def _verify_output(output: Path, settings: dict) -> int:
    shown = display_path(str(output))
    if not output.is_dir():
        print(f"„{shown}“ gibt es nicht; bitte zuerst bauen.", file=sys.stderr)
        return 1
    problems = verify_site(output, settings)
    for problem in problems:
        print(f"  • {problem}", file=sys.stderr)
    if problems:
        count = counted(len(problems), "Fehler", "Fehler")
        print(f"Nicht in Ordnung: {count} in „{shown}“.", file=sys.stderr)
        return 1
    print(f"In Ordnung: „{shown}“ hat die Prüfung bestanden.")
    return 0


def _command(
    commands,
    name: str,
    help: str,
    description: str,
    settings_file: str | None = "pelicanconf.py",
    settings_help: str | None = None,
) -> argparse.ArgumentParser:
    """A subcommand with the settings-file option every command has."""
    command = commands.add_parser(name, help=help, description=description)
    command.add_argument(
        "-s", "--einstellungen", default=settings_file, metavar="DATEI",
        help=f"Einstellungsdatei (Standard: {settings_help or settings_file})",
    )  # fmt: skip
    return command


def _output_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-o", "--ausgabe", default=None, metavar="ORDNER",
        help="Zielordner (Standard: OUTPUT_PATH aus den Einstellungen)",
    )  # fmt: skip


def _progress_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--fortschritt", action="store_true",
        help="Fortschritt auch ohne Terminal zeigen",
    )  # fmt: skip


def _preview_options(command: argparse.ArgumentParser, port_help: str) -> None:
    """Port, folder and progress of a command that runs the preview."""
    command.add_argument("-p", "--port", type=int, default=8000, help=port_help)
    command.add_argument(
        "-o", "--ausgabe", default=None, metavar="ORDNER",
        help="Ordner für die Vorschau (Standard: cache/vorschau-PORT; nie output/)",
    )  # fmt: skip
    _progress_option(command)


def parser() -> argparse.ArgumentParser:
    main = GermanArgumentParser(
        prog="perlen",
        description="Werkzeug für den Blog der Kreativagentur perlenmädchen.",
    )
    main._positionals.title = "Befehle"
    commands = main.add_subparsers(dest="befehl", required=True, metavar="BEFEHL")

    bauen = _command(
        commands,
        "bauen",
        help="Website bauen (eine fehlerhafte Fassung ersetzt nie die letzte gute)",
        description="Baut die Website. Schlägt der Bau fehl, bleibt die bisherige "
        "Ausgabe unverändert.",
    )
    _output_option(bauen)
    bauen.set_defaults(func=cmd_bauen)

    neu = _command(
        commands,
        "neu",
        help="Neuen Beitrag als Entwurf anlegen",
        description="Legt content/posts/<Jahr>/<titel>.md mit allen Angaben an "
        "(Status: Entwurf) und nennt den Pfad. Eine vorhandene Datei wird nie "
        "überschrieben.",
    )
    neu.add_argument(
        "titel", metavar="TITEL", help="Titel des Beitrags, in Anführungszeichen"
    )
    neu.add_argument(
        "-k", "--kategorie", metavar="NAME", help="Kategorie (Standard: Allgemein)"
    )
    neu.add_argument(
        "-t",
        "--schlagwoerter",
        metavar="LISTE",
        help="Schlagwörter, durch Kommas getrennt, z. B. „Kunden, Agenturalltag“",
    )
    neu.add_argument(
        "-a", "--autorin", metavar="NAME", help="Autorin (Standard: AUTHOR)"
    )
    neu.add_argument(
        "-d",
        "--datum",
        metavar="DATUM",
        help="Datum, z. B. „1. Dezember 2025“ (Standard: heute); ein Datum in der "
        "Zukunft macht einen geplanten Beitrag",
    )
    neu.set_defaults(func=cmd_neu)

    pruefen = _command(
        commands,
        "pruefen",
        help="Alle Beiträge und Seiten prüfen und jedes Problem melden",
        description="Liest alle Beiträge und Seiten wie der Bau und meldet jedes "
        "Problem mit Datei, Zeile und Lösung. Rückgabewert 0, wenn es keine "
        "Fehler gibt (Warnungen allein sind erlaubt, außer mit --streng), sonst 1.",
        settings_file=None,
        settings_help="pelicanconf.py, mit --streng publishconf.py",
    )
    pruefen.add_argument(
        "--streng",
        action="store_true",
        help="Genau wie beim Veröffentlichen prüfen: Warnungen zählen als Fehler, "
        "und die gebaute Website wird geprüft (Links, Bilder, HTML, Feeds, Sitemap)",
    )
    pruefen.add_argument(
        "--alle",
        action="store_true",
        help="Auch Impressum und Einstellungen Meldung für Meldung zeigen "
        "(sonst je eine Zeile)",
    )
    _progress_option(pruefen)
    pruefen.set_defaults(func=cmd_pruefen)

    vorschau = _command(
        commands,
        "vorschau",
        help="Vorschau mit Entwürfen auf http://127.0.0.1:8000/, "
        "neu gebaut bei jeder Änderung",
        description="Baut die Website mit Entwürfen und geplanten Beiträgen, zeigt "
        "sie auf 127.0.0.1 und baut bei jeder Änderung neu. Eine fehlerhafte "
        "Fassung ersetzt nie die letzte gute.",
    )
    _preview_options(
        vorschau, "Port (Standard: 8000; mit make: make vorschau PORT=8001)"
    )
    vorschau.set_defaults(func=cmd_vorschau)

    redaktion = _command(
        commands,
        "redaktion",
        help="Web-Redaktion mit Vorschau: http://127.0.0.1:8000/redaktion/",
        description="Startet die Redaktion im Browser für diesen Ordner (Decap CMS "
        "mit „decap-server“) zusammen mit der Vorschau; Strg+C beendet beides.",
        settings_file="redaktionconf.py",
    )
    _preview_options(redaktion, "Port der Vorschau (Standard: 8000)")
    redaktion.set_defaults(func=cmd_redaktion)

    veroeffentlichen = _command(
        commands,
        "veroeffentlichen",
        help="Website zum Veröffentlichen bauen: streng, geprüft, mit Suche",
        description="Baut die Website für die Veröffentlichung (SITEURL aus der "
        "Umgebung): Jede Warnung ist ein Fehler; danach werden Links, Bilder, HTML, "
        "Feeds, Sitemap und fremde Server geprüft. Nur wenn alles stimmt, ersetzt "
        "sie die bisherige Ausgabe.",
        settings_file="publishconf.py",
    )
    _output_option(veroeffentlichen)
    veroeffentlichen.add_argument(
        "--nur-pruefen",
        action="store_true",
        help="Nichts bauen, nur die vorhandene Ausgabe prüfen",
    )
    veroeffentlichen.set_defaults(func=cmd_veroeffentlichen)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    init_logging(level=logging.WARNING)
    try:
        return args.func(args)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nAbgebrochen; die bisherige Fassung bleibt.", file=sys.stderr)
        return 130


def run() -> None:
    """The `perlen` command: `main`, then the end of the process."""
    code = main()
    leave_objects_to_exit()
    sys.exit(code)


if __name__ == "__main__":
    run()
