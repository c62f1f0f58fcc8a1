"""File names as the file system spells them, whatever the writer typed.

macOS writes `ü` in file names as `u` plus a combining diaeresis (NFD),
Windows and most editors as one character (NFC), and the reader reads every
post as NFC (`text.characters`). A link typed `Grün.jpg` must find the file
`Grün.jpg` in the other form: it looks the same, but is another name on Linux.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from perlen.link_syntax import indicator
from perlen.text.characters import nfc


def on_disk(folder: str, relative: str) -> str:
    """`relative` (a "/"-separated path from `folder`) with each name spelled
    as in `folder`; unchanged where no file matches."""
    if os.path.lexists(os.path.join(folder, relative)):
        return relative
    current, spelled = folder, []
    for name in relative.split("/"):
        if name not in ("", ".", "..") and not os.path.lexists(
            os.path.join(current, name)
        ):
            try:
                names = os.listdir(current)
            except OSError:
                return relative
            wanted = nfc(name)
            name = next((n for n in names if nfc(n) == wanted), None)
            if name is None:
                return relative
        spelled.append(name)
        current = os.path.join(current, name)
    return "/".join(spelled)


def spelled_on_disk(path: str, source_path: str) -> str:
    """A local link's path (`bild.jpg`, `../a/b.md`, `/images/x.png`) as the
    file system spells it, seen from the post at `source_path`; a path from
    "/" starts at the nearest folder above the post that holds its first
    folder (the content folder)."""
    if not path.startswith("/"):
        return on_disk(os.path.dirname(source_path), path)
    relative = path.lstrip("/")
    top = relative.split("/", 1)[0]
    folder = os.path.dirname(source_path)
    while top:
        if os.path.isdir(os.path.join(folder, on_disk(folder, top))):
            return "/" + on_disk(folder, relative)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return path


def link_on_disk(link: str, source_path: str) -> str:
    """A local link or Titelbild (`Grün.jpg`, `{static}Grün.jpg#x`) with the
    file's name as the file system spells it; another site's stays."""
    prefix = indicator(link)
    rest = link[len(prefix) :]
    parts = urlsplit(rest)
    if parts.scheme or parts.netloc or not parts.path:
        return link
    cut = len(parts.path)
    return prefix + spelled_on_disk(rest[:cut], source_path) + rest[cut:]
