"""Characters as every machine sees them: one Unicode form, no control codes.

macOS writes `ü` as `u` plus a combining diaeresis (NFD), Windows as one
character (NFC): the same tag would get two addresses and a title's slug
would lose its umlauts. Control characters (a NUL byte, a form feed from a
PDF) are invisible in an editor but make the feed invalid XML.
"""

from __future__ import annotations

import re
import unicodedata

from perlen.problems import Problem

# C0 controls except tab, line feed and carriage return; DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def nfc(text: str) -> str:
    """`text` in Unicode's composed form (NFC)."""
    return unicodedata.normalize("NFC", text)


def control_problems(text: str, path: str) -> list[Problem]:
    """One error for each line of `text` with a control character."""
    problems = []
    # Not splitlines(): it also breaks at a form feed and other controls.
    for number, line in enumerate(text.split("\n"), start=1):
        found = _CONTROL.search(line)
        if found is None:
            continue
        code = ord(found.group())
        problems.append(
            Problem(
                path,
                number,
                f"Hier steht ein unsichtbares Steuerzeichen (U+{code:04X}), "
                "das Feeds und Suchmaschinen nicht lesen können.",
                "Bitte die Zeile neu tippen; solche Zeichen kommen beim Kopieren "
                "aus PDFs oder Word mit.",
            )
        )
    return problems
