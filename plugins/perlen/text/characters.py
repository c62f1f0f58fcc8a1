"""Characters as every machine sees them: one Unicode form.

macOS writes `ü` as `u` plus a combining diaeresis (NFD), Windows as one
character (NFC): the same tag would get two addresses and a title's slug
would lose its umlauts. (Control characters are the reader's errors, see
`content.encoding.forbidden_controls`.)
"""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """`text` in Unicode's composed form (NFC)."""
    return unicodedata.normalize("NFC", text)
