"""HTML comments are a writer's private notes: they never reach a reader.

`<!-- Notiz an mich: Kunde XY nicht nennen! -->` would otherwise stand in
the page source, in both feeds, in the search index and in summaries.
Markdown stashes every comment it meets as raw HTML (alone, or inside a raw
HTML block such as `<div>…</div>`); in code spans and code blocks it is text
and stays. So the comments are removed from the stash, before the raw HTML
goes back into the page (`RawHtmlPostprocessor`, priority 30), and found by
the tokenizer of `perlen.text.html`, not a pattern: `<!--` inside
`<script>` or an attribute is no comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from perlen.text.html import comment_spans

# Before Python-Markdown's `raw_html` postprocessor (30) puts the stash back.
PRIORITY = 35
# After `fenced_code` (25) has stashed fenced code, before Markdown's blocks
# of raw HTML (20) and its paragraphs.
BLANK_LINES_PRIORITY = 22

_BLANK_LINE = re.compile(r"(?<=\n)[ \t]*(?=\n)")


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


def _inside_a_paragraph(text: str, start: int) -> bool:
    """Whether the comment at `start` begins after text on its line, outside
    a code span and an indented code block."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return (
        bool(line.strip())
        and line.count("`") % 2 == 0
        and not (line.startswith(("    ", "\t")))
    )


class CommentBlankLinesPreprocessor(Preprocessor):
    """A comment begun inside a paragraph that runs over a blank line:
    Markdown would end the paragraph there, and the comment's rest would
    stand on the page as text. Its blank lines get a dot (the comment goes
    anyway; the lines after it keep their numbers)."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        changed = _edit_comments(
            text,
            lambda comment, start: (
                _BLANK_LINE.sub(".", comment)
                if _inside_a_paragraph(text, start)
                else comment
            ),
        )
        return changed.split("\n") if changed != text else lines


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
