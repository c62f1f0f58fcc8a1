"""`perlen`: the writers' command line tool, in German.

Thin glue over the build and checks; every command is a function taking the
parsed arguments and returning an exit code.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence

from pelican.log import init as init_logging

from .build import build, load_settings
from .problems import BuildFailed


def cmd_bauen(args: argparse.Namespace) -> int:
    settings = load_settings(args.einstellungen, {"OUTPUT_PATH": args.ausgabe} if args.ausgabe else None)
    started = time.monotonic()
    try:
        output = build(settings)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    print(f"Fertig: Die Website liegt in „{output}“ ({time.monotonic() - started:.1f} s).")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="perlen",
        description="Werkzeug für den Blog der Kreativagentur perlenmädchen.",
    )
    main._positionals.title = "Befehle"
    main._optionals.title = "Optionen"
    commands = main.add_subparsers(dest="befehl", required=True, metavar="BEFEHL")

    bauen = commands.add_parser(
        "bauen",
        help="Website bauen (eine fehlerhafte Version ersetzt nie die letzte gute)",
        description="Baut die Website. Schlägt der Bau fehl, bleibt die bisherige Ausgabe unverändert.",
    )
    bauen.add_argument(
        "-s", "--einstellungen", default="pelicanconf.py", metavar="DATEI",
        help="Einstellungsdatei (Standard: pelicanconf.py)",
    )
    bauen.add_argument(
        "-o", "--ausgabe", default=None, metavar="ORDNER",
        help="Zielordner (Standard: OUTPUT_PATH aus den Einstellungen)",
    )
    bauen.set_defaults(func=cmd_bauen)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    init_logging(level=logging.WARNING)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
