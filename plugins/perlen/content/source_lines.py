"""Line numbers in writers' files, for messages that point at a line.

The checks find problems in Pelican's content objects, which no longer know
where in the file a field or a link was written; this finds it again, reading
each file only when a problem needs it. A build has one `SourceLines`
(`of_build`), so the checks, the images and the steps after Pelican read a
file once between them.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from perlen.content.encoding import lines, read_text
from perlen.content.metadata import canonical_key, split_header
from perlen.problems import ProblemError

# Where a build keeps its `SourceLines`: Pelican's context, which every
# generator of a run shares and each run makes anew.
_IN_CONTEXT = "PERLEN_SOURCE_LINES"


def of_build(context: MutableMapping[str, Any]) -> SourceLines:
    """The `SourceLines` of the build whose Pelican context is `context`,
    made when a step first asks for it."""
    return context.setdefault(_IN_CONTEXT, SourceLines())


class SourceLines:
    """Line numbers in writers' files, read only when a problem needs one."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            try:
                self._lines[path] = lines(read_text(path))
            except (OSError, ProblemError):
                self._lines[path] = []
        return self._lines[path]

    def _header(self, path: str):
        try:
            return split_header("\n".join(self.lines(path)))
        except ProblemError:
            return split_header("")

    def field(self, path: str, key: str) -> int | None:
        """The line of the metadata field for Pelican's `key`, e.g. "category"."""
        return next(
            (f.line for f in self._header(path).fields if canonical_key(f.name) == key),
            None,
        )

    def find(self, path: str, text: str) -> int | None:
        """The first line containing `text`, searching the body first."""
        lines = self.lines(path)
        body = min(self._header(path).body_line - 1, len(lines))
        order = [*range(body, len(lines)), *range(body)]
        return next((index + 1 for index in order if text in lines[index]), None)
