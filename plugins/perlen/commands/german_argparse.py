"""argparse in German: usage line, help option, section titles and the
errors argparse itself reports, for `perlen` and the benchmark."""

from __future__ import annotations

import argparse
import re
import sys

_ERRORS = [
    (re.compile(r"^unrecognized arguments: (.*)"), r"unbekannte Angabe(n): \1"),
    (re.compile(r"^the following arguments are required: (.*)"), r"es fehlt: \1"),
    (
        re.compile(r"^argument (\S+): invalid choice: '([^']*)'.*"),
        r"\1: „\2“ gibt es nicht",
    ),
    (
        re.compile(r"^argument (\S+): invalid int value: (\S+)"),
        r"\1: \2 ist keine Zahl",
    ),
    (re.compile(r"^argument (\S+): expected one argument"), r"\1 braucht einen Wert"),
]


class GermanHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(
            usage, actions, groups, "Aufruf: " if prefix is None else prefix
        )


class GermanArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose every line a user reads is German; its
    subcommand parsers (`add_subparsers`) are German too."""

    def __init__(self, *args, add_help: bool = True, **kwargs):
        kwargs.setdefault("formatter_class", GermanHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        if add_help:
            self.add_argument(
                "-h",
                "--hilfe",
                "--help",
                action="help",
                help="Diese Hilfe zeigen und beenden",
            )

    def error(self, message: str):
        for english, german in _ERRORS:
            message = english.sub(german, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: Fehler: {message}\n")
