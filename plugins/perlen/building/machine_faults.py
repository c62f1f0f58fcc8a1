"""The machine's faults as one German sentence each, not a traceback.

A full disk or a folder the build may not write is no writer's mistake, but
she is the one who sees it; she needs the cause and what to do, in German.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from perlen.problems import BuildFailed, Problem

_FULL = (errno.ENOSPC, errno.EDQUOT)
_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


def fault_problem(error: OSError, output: Path) -> Problem | None:
    """The German problem for an OSError of the machine, None for others."""
    where = str(error.filename or output)
    if error.errno in _FULL:
        return Problem(
            where,
            None,
            "Der Speicherplatz ist voll; die Website wurde nicht gebaut, "
            "die bisherige Fassung bleibt.",
            "Bitte Platz schaffen (z. B. alte Dateien oder den Ordner „cache“ "
            "löschen) und noch einmal bauen.",
        )
    if error.errno in _DENIED:
        return Problem(
            where,
            None,
            "Hier darf der Blog nicht schreiben; die Website wurde nicht gebaut, "
            "die bisherige Fassung bleibt.",
            f"Bitte die Schreibrechte für „{output}“ und den Ordner darüber "
            "prüfen (oder einen anderen Zielordner wählen, z. B. "
            "„perlen bauen -o anderer-ordner“).",
        )
    if error.errno == errno.EBUSY:
        return Problem(
            where,
            None,
            f"Den Ordner „{output}“ kann der Blog nicht ersetzen: Er ist "
            "eingehängt (ein Mount, z. B. ein Docker-Volume) und gerade belegt; "
            "die Website wurde nicht gebaut, die bisherige Fassung bleibt.",
            "Bitte den Ordner beschreibbar einhängen oder in einen anderen "
            "Zielordner bauen, z. B. „perlen bauen -o anderer-ordner“.",
        )
    return None


@contextmanager
def machine_faults(output: Path) -> Iterator[None]:
    """Turn a full disk or missing rights while building `output` into
    `BuildFailed` with one German problem."""
    try:
        yield
    except OSError as error:
        problem = fault_problem(error, output)
        if problem is None:
            raise
        raise BuildFailed([problem]) from error
