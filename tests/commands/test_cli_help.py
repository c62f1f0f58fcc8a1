"""The command line speaks German, also in argparse's own lines."""

import pytest
from perlen.commands.cli import main


def test_help_is_german(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--hilfe"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert out.startswith("Aufruf: perlen")
    assert "Diese Hilfe zeigen und beenden" in out
    assert "usage" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["xyz"], "perlen: Fehler: BEFEHL: „xyz“ gibt es nicht"),
        ([], "perlen: Fehler: es fehlt: BEFEHL"),
        (["bauen", "--foo"], "perlen: Fehler: unbekannte Angabe(n): --foo"),
        (
            ["vorschau", "-p", "abc"],
            "perlen vorschau: Fehler: -p/--port: 'abc' ist keine Zahl",
        ),
    ],
)
def test_usage_errors_are_german(capsys, argv, message):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_make_help_lists_the_writers_commands_first_in_their_own_group():
    import subprocess

    from conftest import ROOT

    shown = subprocess.run(
        ["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    writers, _, maintainers = shown.partition("\n\n")
    assert writers.startswith("Zum Schreiben:")
    for target in ("neu", "pruefen", "vorschau"):
        assert f"make {target} " in writers
        assert f"make {target} " not in maintainers
    assert "make publish " in maintainers and "make publish " not in writers


HELP_OPTIONS = ["--help", "-h", "--hilfe"]
HELP_COMMANDS = [[], ["neu"], ["pruefen"], ["vorschau"]]


@pytest.mark.parametrize("option", HELP_OPTIONS)
@pytest.mark.parametrize("command", HELP_COMMANDS)
def test_every_help_option_shows_the_german_help(capsys, command, option):
    with pytest.raises(SystemExit) as exit_:
        main([*command, option])
    shown = capsys.readouterr()
    assert exit_.value.code == 0
    assert shown.out.startswith(f"Aufruf: perlen {' '.join(command)}".rstrip())
    assert "Diese Hilfe zeigen und beenden" in shown.out
    assert shown.err == ""


@pytest.mark.parametrize(
    ("command", "option"),
    [
        # One `perlen` process each (Python and Pelican imported afresh): the
        # fast tier runs one, the slow tier the rest.
        (command, option)
        if (command, option) == ([], "--hilfe")
        else pytest.param(command, option, marks=pytest.mark.langsam)
        for command in HELP_COMMANDS
        for option in HELP_OPTIONS
    ],
)
def test_every_help_option_shows_the_help(command, option):
    """As a writer types it, through the installed `perlen`."""
    import subprocess
    import sys
    from pathlib import Path

    perlen = Path(sys.executable).parent / "perlen"
    shown = subprocess.run(
        [perlen, *command, option], capture_output=True, text=True, timeout=60
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"Aufruf: perlen {' '.join(command)}".rstrip())
    assert "Diese Hilfe zeigen und beenden" in shown.stdout
    assert shown.stderr == ""
