"""Line numbers in writers' files, for messages that point at a line.

The checks find problems in Pelican's content objects, which no longer know
where in the file a field or a link was written; this finds it again, reading
each file only when a problem needs it.
"""

from __future__ import annotations

from perlen.content.encoding import lines, read_text
from perlen.content.errors import LineError
from perlen.content.metadata import canonical_key, split_header


class SourceLines:
    """Line numbers in writers' files, read only when a problem needs one."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            try:
                self._lines[path] = lines(read_text(path))
            except (OSError, LineError):
                self._lines[path] = []
        return self._lines[path]

    def _header(self, path: str):
        try:
            return split_header("\n".join(self.lines(path)))
        except LineError:
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
