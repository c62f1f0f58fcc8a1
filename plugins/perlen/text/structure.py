"""Markdown syntax that German writing triggers without meaning it.

Markdown reads some everyday German as structure and changes what the text
says. Where the writer's meaning is clear, `StructureExtension` reads it as
text inside Python-Markdown (never by rewriting the finished HTML):

- a `*` between letters or digits is text, not emphasis: gender-inclusive
  forms (`Kund*innen`, `jede*r`) appear in most of the agency's paragraphs,
  and `*Kund*innen*` still sets the whole word in italics; emphasis inside
  a word is written `<em>…</em>` (docs/schreiben.md);
- a `#` not followed by a space starts no heading (`#Sommerfest` is a
  hashtag; CommonMark needs the space too);
- an indented block of list items after a blank line, as Word and Google
  Docs paste lists (`\\t- erster Punkt`, `\\t•\\terster Punkt`), is the
  list the writer sees in her editor, not a code block.

Where the meaning is not clear, `structure_warnings` finds the lines for the
reader to warn about: a paragraph that starts like `1. FC Köln` or
`3. Oktober` (a one-item numbered list that loses its number) and a `---`
line right under text (which makes that text a heading).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markdown import Extension, Markdown
from markdown.blockprocessors import HashHeaderProcessor
from markdown.preprocessors import Preprocessor

# After `fenced_code_block` (25) and `html_block` (20), so that code and
# raw HTML are already set apart; after `normalize_whitespace` (30), which
# turns tabs into four spaces.
PASTED_LIST_PRIORITY = 19

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ *(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
# Lines whose indented continuation belongs to them: list items, footnotes
# ("[^1]: …") and definitions (": …").
_CONTAINER = re.compile(r"^ *(?:[-*+]|\d{1,9}[.)]|\[\^[^\]]+\]:|:)(?:[ \t]|$)")
_INDENTED_ITEM = re.compile(r"^ {4,}(?:[-*+•◦▪]|\d{1,9}[.)])[ \t]+\S")
# The bullets Word and Google Docs paste, which Markdown knows as "-".
_PASTED_BULLET = re.compile(r"^( *)[•◦▪](?=[ \t])")
# A numbered line, also in a quotation ("> 1. FC Köln").
_ORDERED = re.compile(r"^ {0,3}(?:> ?)*(\d{1,9})\.[ \t]+(\S.*)$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_H2 = re.compile(r"^ {0,3}-+[ \t]*$")


class _HashtagSafeHeaderProcessor(HashHeaderProcessor):
    """Python-Markdown's `#` headings, with a space (or the line's end)
    required after the `#`s: `#Sommerfest #Agenturleben` stays text."""

    RE = re.compile(
        r"(?:^|\n)(?P<level>#{1,6})(?=[ \t]|\n|$)"
        r"(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)"
    )


class _PastedListPreprocessor(Preprocessor):
    """Un-indents a block of indented list items that follows a blank line
    outside a list: Markdown would publish it as code."""

    def run(self, lines: list[str]) -> list[str]:
        return unindent_pasted_lists(lines)


def unindent_pasted_lists(lines: list[str]) -> list[str]:
    """`lines` with each pasted, indented list moved to the left margin.

    A block counts as one when every line of it is an indented list item (a
    nested item more indented), it follows a blank line and the text before
    it is no list, footnote or definition, whose nested items it would be.
    """
    result = list(lines)
    index = 0
    while index < len(result):
        start = index
        while index < len(result) and _INDENTED_ITEM.match(result[index]):
            index += 1
        if index == start:
            index += 1
            continue
        blank_before = start == 0 or not result[start - 1].strip()
        blank_after = index == len(result) or not result[index].strip()
        if blank_before and blank_after and not _in_container(result, start):
            block = result[start:index]
            margin = min(len(line) - len(line.lstrip(" ")) for line in block)
            result[start:index] = [
                _PASTED_BULLET.sub(r"\1-", line[margin:]) for line in block
            ]
    return result


def _in_container(lines: list[str], start: int) -> bool:
    """Whether the last text before line `start` is a list item, footnote or
    definition (or indented, so inside one), which indented lines continue."""
    for index in range(start - 1, -1, -1):
        line = lines[index]
        if line.strip():
            return bool(_CONTAINER.match(line)) or line.startswith((" ", "\t"))
    return False


class StructureExtension(Extension):
    """Reads gender stars, hashtags and pasted lists as the writer means them."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Registers the processors; they keep no state between documents,
        so there is nothing to `reset`."""
        # As Python-Markdown treats `_`: a `*` with a letter or digit on
        # both sides neither opens nor closes emphasis.
        md.delimiters.add("*", "strong,em", smart=True)
        md.parser.blockprocessors.register(
            _HashtagSafeHeaderProcessor(md.parser), "hashheader", 70
        )
        md.preprocessors.register(
            _PastedListPreprocessor(md), "perlen_pasted_list", PASTED_LIST_PRIORITY
        )


def makeExtension(**kwargs: Any) -> StructureExtension:
    return StructureExtension(**kwargs)


def prose_lines(body: str) -> Iterator[tuple[int, str, str]]:
    """`(number, line, previous line)` for the lines outside fenced code,
    numbered from 1; the previous line is "" at a fence. Lines end only at
    line feeds, as Python-Markdown's and the editor's do (`splitlines` would
    end one at a pasted U+2028 or a form feed, too)."""
    fence, previous = "", ""
    for number, line in enumerate(body.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence:
            if (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
            ):
                fence = ""
            previous = ""
            continue
        if opening:
            fence, previous = opening.group(1), ""
            continue
        yield number, line, previous
        previous = line


def structure_warnings(body: str) -> list[tuple[int, str, str]]:
    """`(line, message, fix)` in German for the lines Markdown would read as
    a structure the writer probably did not mean."""
    warnings = []
    lines = list(prose_lines(body))
    blank = {n for n, line, _ in lines if not line.strip()}
    for position, (number, line, previous) in enumerate(lines):
        # A block starts after a blank line and right after a heading.
        starts_block = (
            number == 1 or (number - 1) in blank or bool(_HEADING.match(previous))
        )
        ordered = _ORDERED.match(line)
        if ordered and starts_block and not _in_numbered_list(lines, position):
            words = " ".join(ordered.group(2).split()[:2])
            typed, escaped = (
                f"{ordered.group(1)}. {words}",
                f"{ordered.group(1)}\\. {words}",
            )
            warnings.append(
                (
                    number,
                    f"„{typed}“ am Anfang eines Absatzes macht daraus eine "
                    "nummerierte Liste mit einem Punkt; die Zahl erscheint "
                    "nicht im Text.",
                    f"Ist keine Liste gemeint, bitte „{escaped}“ schreiben "
                    "(mit einem Rückstrich vor dem Punkt).",
                )
            )
        elif (
            _SETEXT_H2.match(line)
            and previous.strip()
            and not previous.startswith("    ")
            and (number <= 2 or (number - 2) in blank)
        ):
            warnings.append(
                (
                    number,
                    "Die Zeile „---“ direkt unter Text macht den Text darüber "
                    "zu einer Zwischenüberschrift.",
                    "Ist eine Trennlinie gemeint, bitte eine Leerzeile davor "
                    "setzen; ist eine Überschrift gemeint, bitte „## …“ davor "
                    "schreiben.",
                )
            )
    return warnings


def _in_numbered_list(lines: list[tuple[int, str, str]], position: int) -> bool:
    """Whether the numbered item at `position` has a neighbouring item: a
    real list, not a paragraph that starts with a number and a dot.

    Backwards, an item's indented lines belong to it; forwards, so do the
    lines of its own paragraph.
    """
    for other in range(position - 1, -1, -1):
        text = lines[other][1]
        if _ORDERED.match(text):
            return True
        if text.strip() and not text.startswith((" ", "\t")):
            break
    in_paragraph = True
    for other in range(position + 1, len(lines)):
        text = lines[other][1]
        if _ORDERED.match(text):
            return True
        if not text.strip():
            in_paragraph = False
        elif not in_paragraph and not text.startswith((" ", "\t")):
            break
    return False
