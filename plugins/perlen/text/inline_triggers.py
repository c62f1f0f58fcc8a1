"""Markdown's inline patterns tried only on text that holds their first character.

Python-Markdown tries each of its inline patterns (code spans, escapes,
links, images, autolinks, line breaks, raw HTML, entities, emphasis,
footnotes) on every run of text, one after another, at a few microseconds
of Python each, although most runs of prose hold none of the characters
these patterns begin with. That was about a seventh of reading a post. Here
a pattern whose every match starts with a known character (`[`, `<`, `&`,
`*`, …) is skipped for text without that character: its search could not
have found anything, so the output is the same, byte for byte.

Only patterns whose regular expression is known here are skipped (by its
exact text, or by the delimiters of Markdown's emphasis processor); any
other pattern, an extension's or a changed one after an upgrade, is tried
as before. The skipping is done by overriding the one step of Markdown's
inline processor that loops over the patterns (`__handleInline`, private);
`tests/text/test_inline_triggers.py` compares the result with Markdown's
own processor and fails if an upgrade renames that step.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown, inlinepatterns, util
from markdown.treeprocessors import InlineProcessor

# Markdown's own patterns (`inlinepatterns`, and `footnotes`, which does not
# export its pattern) by their regular expressions: characters of which one
# is in every text the pattern matches.
KNOWN_TRIGGERS = {
    inlinepatterns.BACKTICK_RE: "`",
    inlinepatterns.ESCAPE_RE: "\\",
    inlinepatterns.REFERENCE_RE: "[",
    inlinepatterns.LINK_RE: "[",
    inlinepatterns.IMAGE_LINK_RE: "[",
    inlinepatterns.IMAGE_REFERENCE_RE: "[",
    inlinepatterns.AUTOLINK_RE: "<",
    inlinepatterns.AUTOMAIL_RE: "<",
    inlinepatterns.LINE_BREAK_RE: "\n",
    inlinepatterns.HTML_RE: "<",
    inlinepatterns.ENTITY_RE: "&",
    r"\[\^([^\]]*)\]": "[",  # footnotes.FOOTNOTE_RE
}
# Markdown's inline processor is registered under this name and priority.
NAME, PRIORITY = "inline", 20


def triggers(pattern: inlinepatterns.Pattern) -> str | None:
    """The characters of which one starts every match of `pattern`; None when
    not known (the pattern is then always tried)."""
    if isinstance(pattern, inlinepatterns.DelimiterProcessor):
        return "".join(token[0] for token in pattern.tokens) or None
    compiled = getattr(pattern, "compiled_re", None)
    return KNOWN_TRIGGERS.get(compiled.pattern) if compiled is not None else None


def could_match(trigger: str | None, data: str) -> bool:
    if trigger is None:
        return True
    if len(trigger) == 1:
        return trigger in data
    return any(character in data for character in trigger)


class TriggeredInlineProcessor(InlineProcessor):
    """Markdown's inline processor, skipping patterns that cannot match."""

    def __init__(self, md: Markdown):
        super().__init__(md)
        self._patterns: list[tuple[inlinepatterns.Pattern, str | None]] = []

    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        # Looked at per document, as an extension may change the patterns any
        # time; their triggers are worked out again only then.
        patterns = list(self.inlinePatterns)
        if [p for p, _ in self._patterns] != patterns:
            self._patterns = [(p, triggers(p)) for p in patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """`InlineProcessor.__handleInline`, with the test of `could_match`
        before each pattern; a skipped pattern counts as not matched."""
        if isinstance(data, util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern
        patterns = self._patterns
        start = 0
        while patternIndex < len(patterns):
            pattern, trigger = patterns[patternIndex]
            matched = False
            if could_match(trigger, data):
                data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
                start = 0
        return data


class InlineTriggersExtension(Extension):
    """Python-Markdown extension: replaces the inline processor."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TriggeredInlineProcessor(md), NAME, PRIORITY)


def makeExtension(**kwargs: Any) -> InlineTriggersExtension:
    return InlineTriggersExtension(**kwargs)
