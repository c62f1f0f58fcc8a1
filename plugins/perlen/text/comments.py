"""HTML comments are a writer's private notes: they never reach a reader.

`<!-- Notiz an mich: Kunde XY nicht nennen! -->` would otherwise stand in
the page source, in both feeds, in the search index and in summaries.
Markdown stashes every comment it meets as raw HTML (alone, or inside a raw
HTML block such as `<div>…</div>`); in code spans and code blocks it is text
and stays. So the comments are removed from the stash, before the raw HTML
goes back into the page (`RawHtmlPostprocessor`, priority 30), and found by
the tokenizer of `perlen.text.html`, not a pattern: `<!--` inside
`<script>` or an attribute is no comment. A comment Markdown's blocks would
cut in two (begun in a paragraph and running over a blank line, begun in a
heading or table row) is kept whole before the blocks are found, and a note
no `-->` closes is a warning for the writer (`comment_warnings`).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from perlen.text.html import comment_spans, source_tags
from perlen.text.structure import prose_lines

# Before Python-Markdown's `raw_html` postprocessor (30) puts the stash back.
PRIORITY = 35
# After `fenced_code` (25) has stashed fenced code, before Markdown's blocks
# of raw HTML (20) and its paragraphs.
BLANK_LINES_PRIORITY = 22

# Where a line inside a comment begins: after its indentation, and in a
# quotation after its marks too ("> … <!-- …", ">", "> … -->").
_LINE_START = re.compile(r"(?<=\n)[ \t]*")
_QUOTED_LINE_START = re.compile(r"(?<=\n)[ \t]*(?:>[ \t]*)*")
# A code span on one line, as Markdown finds it: a run of backticks to the
# next run as long.
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
# A line whose block ends with it: a `#` heading or a table row (also in a
# quotation). A comment begun in one and ended on a later line would leave
# its rest on the page as text.
_ONE_LINE_BLOCK = re.compile(r"^ {0,3}(?:>[ \t]?)*[ \t]*(?:#{1,6}(?:[ \t]|$)|\|)")


def _edit_comments(markup: str, edit: Callable[[str, int], str]) -> str:
    """`markup` with each HTML comment replaced by `edit(comment, start)`."""
    if "<!--" not in markup:
        return markup
    parts, last = [], 0
    for start, end in comment_spans(markup):
        parts += [markup[last:start], edit(markup[start:end], start)]
        last = end
    parts.append(markup[last:])
    return "".join(parts)


def without_comments(html: str) -> str:
    """`html` with every HTML comment removed.

    >>> without_comments('<p>a<!-- Notiz --> b</p><script>"<!--"</script>')
    '<p>a b</p><script>"<!--"</script>'
    """
    return _edit_comments(html, lambda comment, start: "")


def _begun_after_text(text: str, start: int) -> str | None:
    """The line up to the comment at `start` if the comment begins after text
    on it, outside a code span and an indented code block; else None."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    inside = (
        bool(line.strip())
        and line.count("`") % 2 == 0
        and not (line.startswith(("    ", "\t")))
    )
    return line if inside else None


def _kept_whole(text: str, comment: str, start: int) -> str:
    """The comment at `start`, changed so that Markdown's blocks do not cut
    it in two; the lines after it keep their numbers."""
    line = _begun_after_text(text, start)
    if line is None or "\n" not in comment:
        return comment
    if _ONE_LINE_BLOCK.match(line):
        # The heading or row ends with its line: the comment goes now, and
        # its lines stay as blank ones after the block.
        return "\n" * comment.count("\n")
    # A paragraph (or quotation) ends at a blank line, and a line inside it
    # can begin a block of its own (`# …`, `: …`, `---`, `[^1]: …`): each
    # line of the comment after its first begins with a dot, which goes with
    # the comment.
    starts = _QUOTED_LINE_START if line.lstrip().startswith(">") else _LINE_START
    return starts.sub(lambda start: start.group() + ".", comment)


class CommentBlankLinesPreprocessor(Preprocessor):
    """A comment begun after text on a line and ended on a later one:
    Markdown would end the paragraph at a blank line inside it or a line
    that begins a block, or the heading or table row at the line's end, and
    the comment's rest would stand on the page as text (`_kept_whole`)."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        changed = _edit_comments(
            text, lambda comment, start: _kept_whole(text, comment, start)
        )
        return changed.split("\n") if changed != text else lines


def comment_warnings(body: str) -> list[tuple[int, str, str]]:
    """`(line, message, fix)` in German for the notes in `body` that would
    not stay private as the writer meant: a `<!--` no `-->` closes (the note
    would stand on the page), and a `<!--` inside a note (the one before was
    probably not closed, and all text up to the next `-->` would be gone).

    Code is left out (fenced blocks, indented lines, code spans), and so is a
    `<!--` inside a tag (an attribute's value).
    """
    if "<!--" not in body:
        return []
    lines = {number: line for number, line, _ in prose_lines(body)}
    prose = "\n".join(
        "" if line.startswith(("    ", "\t")) else line
        for line in (lines.get(n, "") for n in range(1, body.count("\n") + 2))
    )
    prose = _CODE_SPAN.sub(lambda span: " " * len(span.group()), prose)
    # Both lists are in the text's order and apart: `_holding` finds in them
    # by bisection, so a post of many notes and tags costs no more than in
    # proportion.
    comments = comment_spans(prose)
    tags = [(tag.offset, tag.offset + len(tag.text)) for tag in source_tags(prose)]
    line_starts = [0] + [m.end() for m in re.finditer("\n", prose)]
    warnings = []
    for opening in re.finditer("<!--", prose):
        start = opening.start()
        line = bisect.bisect_right(line_starts, start)
        outer = _holding(comments, start)
        if _holding(tags, start) is not None:
            continue
        if outer is not None and outer < start:
            warnings.append(
                (
                    bisect.bisect_right(line_starts, outer),
                    "Die Notiz nach „<!--“ reicht bis zum nächsten „-->“ und "
                    f"schließt damit das „<!--“ in Zeile {line} und den Text "
                    "davor ein; er fehlt auf der Seite.",
                    "Bitte jede Notiz mit „-->“ schließen, bevor der Text weitergeht.",
                )
            )
        elif outer is None:
            warnings.append(
                (
                    line,
                    "Die Notiz nach „<!--“ wird nie mit „-->“ geschlossen; sie "
                    "stünde als Text auf der Seite.",
                    "Bitte „-->“ ans Ende der Notiz setzen – oder, soll „<!--“ "
                    "als Text erscheinen, es in Backticks schreiben: „`<!--`“.",
                )
            )
    return warnings


def _holding(spans: list[tuple[int, int]], position: int) -> int | None:
    """Where the span of `spans` (in order, apart) that holds `position`
    begins; None if none does."""
    index = bisect.bisect_right(spans, (position, math.inf)) - 1
    if index >= 0 and position < spans[index][1]:
        return spans[index][0]
    return None


class StripCommentsPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        # Runs more than once per document (the table of contents is
        # postprocessed on its own), so an entry emptied before still counts.
        stash = self.md.htmlStash
        for index, raw in enumerate(stash.rawHtmlBlocks):
            if not isinstance(raw, str) or (raw and "<!--" not in raw):
                continue
            kept = without_comments(raw)
            if not kept.strip():
                # A comment alone in its block: no empty paragraph either.
                placeholder = stash.get_placeholder(index)
                text = text.replace(f"<p>{placeholder}</p>", "")
                text = text.replace(f"{placeholder}\n", "")
                kept = ""
            stash.rawHtmlBlocks[index] = kept
        return text


class CommentsExtension(Extension):
    """Python-Markdown extension: HTML comments never reach the page."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(
            CommentBlankLinesPreprocessor(md),
            "perlen_comment_blank_lines",
            BLANK_LINES_PRIORITY,
        )
        md.postprocessors.register(
            StripCommentsPostprocessor(md), "perlen_strip_comments", PRIORITY
        )


def makeExtension(**kwargs) -> CommentsExtension:
    return CommentsExtension(**kwargs)
