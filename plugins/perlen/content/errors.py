"""What a writer must fix at one line of a post, in German.

The pure readers of a post (encoding, front matter, header) raise these; the
reader glue turns them into `Problem`s with the file's path.
"""


class LineError(ValueError):
    """A problem at `line` (1-based) of a writer's file; message and fix in German."""

    def __init__(self, line: int, message: str, fix: str = ""):
        self.line = line
        self.message = message
        self.fix = fix
        super().__init__(f"Zeile {line}: {message} {fix}")
