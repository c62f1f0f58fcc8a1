"""Symbols in text that become elements: hearts, emoji (characters,
shortcodes, emoticons) and typogrify's `amp` and `caps` spans.

Each rule has a pattern, a cheap test whether a text can contain a match at
all, and what to make of a match; `find_symbols` splits a run at the matches
outside what must stay text (URLs, raw HTML), the earliest rule first on a
tie. The pipeline (`pipeline`) inserts the elements into the tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from markdown.util import AtomicString

from perlen.text import emojis, hearts, typography

if TYPE_CHECKING:
    from perlen.text.pipeline import Options


def _span(match: re.Match[str]) -> tuple[Element, int]:
    """typogrify's `<span class="amp">` or `<span class="caps">`."""
    span = Element("span", {"class": match.lastgroup})
    span.text = AtomicString(match.group())
    return span, match.end()


@dataclass(frozen=True)
class SymbolRule:
    pattern: re.Pattern[str]
    applies: Callable[[str], bool]  # a cheap test before the regex runs
    make: Callable[[re.Match[str]], tuple[Element, int] | None]  # element, end
    # Whether a match is valid only right after another symbol (`<3<3`).
    chained: Callable[[re.Match[str]], bool] | None = None


def _always(_: str) -> bool:
    return True


@cache
def symbol_rules(options: Options) -> tuple[SymbolRule, ...]:
    """The rules that turn text into elements, earliest first on a tie."""
    rules = []
    lang = options.lang
    if options.hearts:
        rules.append(
            SymbolRule(
                hearts.HEART,
                lambda t: "<" in t,
                partial(hearts.symbol, lang=lang),
                hearts.follows_symbol,
            )
        )
    if options.emoji:
        symbol = partial(emojis.symbol, lang=lang)
        if options.emoticons:
            rules.append(SymbolRule(emojis.EMOTICON, _always, symbol))
        if options.shortcodes:
            rules.append(SymbolRule(emojis.SHORTCODE, lambda t: ":" in t, symbol))
        rules.append(SymbolRule(emojis.emoji_pattern(), _always, symbol))
    if "amp" in options.typogrify:
        rules.append(SymbolRule(typography.AMP, lambda t: "&" in t, _span))
    if "caps" in options.typogrify:
        rules.append(SymbolRule(typography.CAPS, typography.CAPS_HINT.search, _span))
    return tuple(rules)


def find_symbols(
    text: str, view: str, rules: tuple[SymbolRule, ...], blocked: list[tuple[int, int]]
) -> tuple[str, list[tuple[Element, str]]]:
    """Split `text[1:]` at its symbols outside `blocked`; `text[0]` is context.

    The rules read `view`, which is `text` with raw HTML shown as what a
    reader sees of it (`RawHtml.view`).
    """
    matches = [
        (m, rule)
        for rule in rules
        if rule.applies(view)
        for m in rule.pattern.finditer(view, 1)
    ]
    if not matches:
        return text[1:], []
    matches.sort(key=lambda pair: pair[0].start())
    if "://" in text or "www." in text:
        blocked = blocked + [m.span() for m in typography.URL.finditer(text)]
    found: list[tuple[int, int, Element]] = []
    position = 1
    for match, rule in matches:
        start = match.start()
        if start < position or (
            rule.chained and rule.chained(match) and not (found and position == start)
        ):
            continue
        hit = rule.make(match)
        if hit and not any(s < hit[1] and start < e for s, e in blocked):
            element, position = hit
            found.append((start, position, element))
    if not found:
        return text[1:], []
    ends = [start for start, _, _ in found[1:]] + [len(text)]
    pieces = [
        (element, text[end:until])
        for (_, end, element), until in zip(found, ends, strict=True)
    ]
    return text[1 : found[0][0]], pieces
