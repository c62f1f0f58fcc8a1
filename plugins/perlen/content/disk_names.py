"""File names as the file system spells them, whatever the writer typed.

macOS writes `ü` in file names as `u` plus a combining diaeresis (NFD),
Windows and most editors as one character (NFC), and the reader reads every
post as NFC (`text.characters`). A link typed `Grün.jpg` must find the file
`Grün.jpg` in the other form: it looks the same, but is another name on Linux.
"""

from __future__ import annotations

import os
import time
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
            name = _names(current).get(nfc(name))
            if name is None:
                return relative
        spelled.append(name)
        current = os.path.join(current, name)
    return "/".join(spelled)


# A folder's listing is kept while its modification time stays the same, if
# that time is older than this: a change in the same tick of the file
# system's clock as the listing would leave the time as it was.
SETTLED_NS = 2_000_000_000

# Folder → its modification stamp and its names by their NFC form.
_listings: dict[str, tuple[tuple[int, int], dict[str, str]]] = {}


def _names(folder: str) -> dict[str, str]:
    """The names in `folder` by their NFC form (the first of any that share
    one); empty if it cannot be listed. A post's folder holds a year's posts,
    and every post there linking from "/" looks in it: listed once."""
    try:
        status = os.stat(folder)
        stamp = (status.st_ino, status.st_mtime_ns)
        kept = _listings.get(folder)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        names: dict[str, str] = {}
        for entry in os.listdir(folder):
            names.setdefault(nfc(entry), entry)
    except OSError:
        return {}
    if time.time_ns() - status.st_mtime_ns > SETTLED_NS:
        _listings[folder] = (stamp, names)
    return names


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
