"""Pelican's link syntax (`{static}bild.jpg`, `|filename|x.md`), read in one place.

At the base because every stage meets it: the reader writes it
(`content/links`), the image pipeline and the checks read paths out of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# The indicator a link may start with: `{static}`, `|static|`, `{attach}`, …
_INDICATOR = re.compile(r"^[{|](?P<kind>\w+)[}|]")


def without_indicator(value: str, kinds: Sequence[str] | None = None) -> str:
    """`value` without its leading `{static}` (or `{attach}`, `|filename|`, …;
    only those of `kinds` if given): the path as the writer named the file."""
    match = _INDICATOR.match(value)
    if match is None or (kinds is not None and match["kind"] not in kinds):
        return value
    return value[match.end() :]


def indicator(value: str) -> str:
    """`value`'s leading indicator as written (`{static}`, `|filename|`, …),
    or "" if it has none."""
    match = _INDICATOR.match(value)
    return match[0] if match else ""


def links_to_file(value: str) -> bool:
    """Whether `value` is one of Pelican's links to a file of the content
    folder (`{static}`, `{filename}`, `{attach}`, in either spelling)."""
    match = _INDICATOR.match(value)
    return match is not None and match["kind"] in ("static", "filename", "attach")
