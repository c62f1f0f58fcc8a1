"""The text pipeline: emoji, hearts and typography inside Markdown.

Text rules run inside Python-Markdown, where code spans, code blocks and raw
HTML are already set apart, so they never touch code. One tree processor
runs after Markdown's inline processing (see `PRIORITY`): for each block it
collects the text runs in reading order, skipping `<code>`, `<pre>`,
`<kbd>`, `<samp>`, `<script>`, `<style>`, `<textarea>` (also when typed as
raw HTML) and atomic text such as autolinked URLs; raw HTML is only a
placeholder here, which counts as what a reader sees of it (`raw_html`:
`<br>` a space, `&nbsp;` a no-break space), and attributes are never read
as text. Then:

1. symbols become elements (`symbols`): hearts (`hearts`), emoji,
   shortcodes and emoticons (`emojis`), typogrify's `amp` and `caps` spans;
2. the runs get the typography of the text's language (`typography`):
   German, English, or none for other languages;
3. typogrify's `widont` glues the last two words of the block;
4. alt texts and titles get steps 1 and 2 as plain text; footnote
   back-links are labelled in the post's language (`footnotes`).

Titles go through the same steps via `typeset_inline`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element, SubElement

from markdown import Extension, Markdown
from markdown.serializers import to_html_string
from markdown.treeprocessors import Treeprocessor
from markdown.util import BLOCK_LEVEL_ELEMENTS, AtomicString

from perlen.settings import DEFAULTS, setting
from perlen.text import footnotes, html, typography
from perlen.text.comments import CommentsExtension
from perlen.text.document import document_state
from perlen.text.headings import HeadingsExtension
from perlen.text.inline_triggers import InlineTriggersExtension
from perlen.text.raw_html import TEXT_BREAKS, UNTOUCHED, RawHtml
from perlen.text.scroll_regions import ScrollRegionsExtension
from perlen.text.structure import StructureExtension
from perlen.text.symbols import SymbolRule, find_symbols, symbol_rules

# Blocks whose last two words `widont` keeps together (as typogrify does).
WIDONT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd"})
TYPOGRIFY_FILTERS = ("amp", "caps", "widont")
# After `inline` (20), `attr_list` (8), `abbr` (7) and `toc` (5), which
# looks for a bare "[TOC]" and takes heading ids from the text as typed;
# before `unescape` (0), so backslash-escaped characters stay as typed.
PRIORITY = 4

# Extension option: (Pelican setting with its default in settings.py, help).
_OPTIONS = {
    "emoji": ("PERLEN_EMOJI", "Mark up emoji with their German names"),
    "shortcodes": (
        "PERLEN_EMOJI_SHORTCODES",
        "Turn :wink: and :zwinkerndes_gesicht: into emoji",
    ),
    "emoticons": ("PERLEN_EMOTICONS", "Turn ;-) into emoji"),
    "hearts": ("PERLEN_HEARTS", "Turn <3 and </3 into hearts"),
    "typography": ("PERLEN_TYPOGRAPHY", "German quotes, dashes and spaces"),
    "guillemets": ("PERLEN_GUILLEMETS", "»Guillemets« instead of „Gänsefüßchen“"),
    "typogrify": ("PERLEN_TYPOGRIFY_FILTERS", "typogrify's filters: amp, caps, widont"),
    "locale": ("PERLEN_LOCALE", "CLDR locale (month names)"),
}


@dataclass(frozen=True)
class Options:
    """What the pipeline does; built from the PERLEN_* settings."""

    emoji: bool
    shortcodes: bool
    emoticons: bool
    hearts: bool
    typography: bool
    guillemets: bool
    typogrify: frozenset[str]
    locale: str
    # The language of the text being set ("de", "en"); `for_language`.
    lang: str = "de"

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Options:
        unknown = set(values["typogrify"]) - set(TYPOGRIFY_FILTERS)
        if unknown:
            raise ValueError(
                f"PERLEN_TYPOGRIFY_FILTERS: unbekannter Filter „{min(unknown)}“ – "
                f"möglich sind {', '.join(TYPOGRIFY_FILTERS)}."
            )
        return cls(
            **{**values, "typogrify": frozenset(values["typogrify"])},
            lang=_primary(values["locale"]),
        )


def _primary(lang: str) -> str:
    """The language of a locale or language tag: "de_DE" → "de"."""
    return lang.replace("-", "_").split("_")[0].lower()


def _settings_options(settings: Mapping[str, Any]) -> dict[str, Any]:
    return {name: setting(settings, key) for name, (key, _) in _OPTIONS.items()}


class Run:
    """Text in the tree that rules may change: `element.text`, or
    `element.tail` when `parent` (the element's parent) is given."""

    __slots__ = ("element", "parent")

    def __init__(self, element: Element, parent: Element | None = None):
        self.element = element
        self.parent = parent

    @property
    def text(self) -> str:
        return (self.element.text if self.parent is None else self.element.tail) or ""

    def set(self, text: str) -> None:
        if self.parent is None:
            self.element.text = text
        else:
            self.element.tail = text

    def insert(self, pieces: list[tuple[Element, str]]) -> list[Run | str]:
        """Put elements (each with its tail) right after this text; their runs."""
        if self.parent is None:
            container, index = self.element, 0
        else:
            container, index = self.parent, list(self.parent).index(self.element) + 1
        items: list[Run | str] = []
        for offset, (element, tail) in enumerate(pieces):
            element.tail = tail
            container.insert(index + offset, element)
            items += [element.text or "", Run(element, container)]
        return items


@dataclass
class _Flow:
    """The text of one block in reading order: runs, and context-only strings."""

    items: list[Run | str]
    widont: bool


def _flows(root: Element, is_block: Callable[[str], bool]) -> list[_Flow]:
    """The flows of every block under `root`; atomic text is context only."""
    flows: list[_Flow] = []

    def block(element: Element) -> None:
        has_blocks = any(isinstance(c.tag, str) and is_block(c.tag) for c in element)
        flow = _Flow([], element.tag in WIDONT_BLOCKS and not has_blocks)
        flows.append(flow)
        inline(element, flow)

    def editable(value: str, run: Run) -> Run | str:
        return value if isinstance(value, AtomicString) else run

    def inline(element: Element, flow: _Flow) -> _Flow:
        if element.text:
            flow.items.append(editable(element.text, Run(element)))
        for child in element:
            if not isinstance(child.tag, str):  # comment or processing instruction
                pass
            elif child.tag in UNTOUCHED:
                flow.items.append("".join(child.itertext()))
            elif child.tag in TEXT_BREAKS:
                flow.items.append(" ")
            elif is_block(child.tag):
                block(child)
                flow = _Flow([], False)
                flows.append(flow)
            else:
                flow = inline(child, flow)
            if child.tail:
                flow.items.append(editable(child.tail, Run(child, element)))
        return flow

    block(root)
    return flows


def _split(
    items: list[Run | str], rules: tuple[SymbolRule, ...], raw: RawHtml
) -> list[Run | str]:
    """Turn the symbols in the runs into elements; the flow's new items."""
    result: list[Run | str] = []
    before = " "
    for item in items:
        value = item if isinstance(item, str) else item.text
        view = value
        result.append(item)
        if isinstance(item, Run) and value:
            blocked: list[tuple[int, int]] = []
            if "\x02" in value or raw.inside is not None:  # else all is text
                view, spans = raw.view(value, before)
                blocked = [(s + 1, e + 1) for s, e in spans]  # after `before`
            head, pieces = find_symbols(before + value, before + view, rules, blocked)
            if pieces:
                item.set(head)
                result += item.insert(pieces)
        before = view[-1:] or before
    return result


def _runs(
    items: list[Run | str], raw: RawHtml
) -> tuple[list[tuple[str, bool]], list[list[tuple[str, str, str]] | None]]:
    """The `(text, editable)` runs for `typography`, and how to join them back.

    A placeholder for raw HTML is a run of what the reader sees of it, which
    no rule changes.
    """
    runs: list[tuple[str, bool]] = []
    layout: list[list[tuple[str, str, str]] | None] = []
    for item in items:
        if isinstance(item, str):
            runs.append((item, False))
            layout.append(None)
            continue
        text = item.text
        if "\x02" in text or raw.inside is not None:
            segments = raw.segments(text)
        else:  # what `segments` returns for plain text
            segments = [(text, "text", text)] if text else []
        runs += [(seen, kind == "text") for _, kind, seen in segments]
        layout.append(segments)
    return runs, layout


def typeset_tree(
    root: Element, options: Options, is_block: Callable[[str], bool], stash: list[Any]
) -> None:
    """Apply every rule the options switch on to the text under `root`.

    `stash` is Markdown's store of raw HTML, which placeholders in the text
    refer to.
    """
    rules = symbol_rules(options)
    widont = "widont" in options.typogrify
    for flow in _flows(root, is_block):
        if all(isinstance(i, str) or i.text.isspace() for i in flow.items):
            continue  # nothing any rule could change
        items = _split(flow.items, rules, RawHtml(stash)) if rules else flow.items
        if not (options.typography or (widont and flow.widont)):
            continue
        runs, layout = _runs(items, RawHtml(stash))
        texts = [text for text, _ in runs]
        if options.typography:
            texts = typography.typeset(
                runs,
                guillemets=options.guillemets,
                locale=options.locale,
                lang=options.lang,
            )
        if widont and flow.widont:
            glued = typography.widont(
                [(t, e) for t, (_, e) in zip(texts, runs, strict=True)]
            )
            if glued:
                texts[glued[0]] = glued[1]
        index = 0
        for item, segments in zip(items, layout, strict=True):
            if segments is None:
                index += 1
                continue
            if len(segments) == 1 and segments[0][1] == "text":
                new = texts[index]
            else:
                new = "".join(
                    texts[index + k] if kind == "text" else piece
                    for k, (piece, kind, _) in enumerate(segments)
                )
            index += len(segments)
            if new != item.text:
                item.set(new)


class GermanTextTreeprocessor(Treeprocessor):
    """Emoji, hearts and German typography on the finished element tree."""

    def __init__(self, md: Markdown, options: Options):
        super().__init__(md)
        self.options = options

    def run(self, root: Element) -> None:
        options = for_language(self.options, document_state(self.md).lang)
        # `md.is_block_level`, with a set instead of Markdown's list.
        blocks = frozenset(self.md.block_level_elements)

        def is_block(tag: str) -> bool:
            return tag.lower().rstrip("/") in blocks

        stash = self.md.htmlStash.rawHtmlBlocks
        typeset_tree(root, options, is_block, stash)
        typeset_attributes(root, options, is_block, stash)
        footnotes.label_backlinks(root, options.lang)


# Attributes a reader gets as text: an image's alt text, a link's title.
_TEXT_ATTRIBUTES = (("img", "alt"), ("img", "title"), ("a", "title"))


def typeset_attributes(
    root: Element, options: Options, is_block: Callable[[str], bool], stash: list[Any]
) -> None:
    """Alt texts and titles get the characters body text gets, as plain text:
    „quotes“, dashes, ❤️ and 😉, but no markup (and no `widont`)."""
    plain = _without_typogrify(options)
    for element in root.iter():
        for tag, name in _TEXT_ATTRIBUTES:
            value = element.get(name) if element.tag == tag else None
            if value and not value.isspace():
                element.set(name, typeset_plain(value, plain, is_block, stash))


def typeset_plain(
    text: str, options: Options, is_block: Callable[[str], bool], stash: list[Any]
) -> str:
    """`text` through the rules, as plain text (symbols as their characters)."""
    paragraph = Element("p")
    paragraph.text = text
    typeset_tree(paragraph, options, is_block, stash)
    return "".join(paragraph.itertext())


# Made once per language, not for each document (a post has two: its text
# and its summary).
@lru_cache(maxsize=64)
def _without_typogrify(options: Options) -> Options:
    return replace(options, typogrify=frozenset())


@lru_cache(maxsize=256)
def for_language(options: Options, lang: str | None) -> Options:
    """The options for text in `lang` (None: the site's language).

    German and English text get their own typography (`typography`); text
    in any other language keeps its quotes and spacing. Emoji are named in
    German or English, hearts and typogrify's filters apply to every
    language.
    """
    if lang is None:
        return options
    primary = _primary(lang)
    if primary not in typography.LANGUAGES:
        return replace(options, typography=False, lang=primary)
    return replace(options, lang=primary)


class GermanTextExtension(Extension):
    """Python-Markdown extension: `Markdown(extensions=[GermanTextExtension()])`."""

    def __init__(self, **kwargs: Any):
        self.config = {
            name: [DEFAULTS[key], help] for name, (key, help) in _OPTIONS.items()
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        options = Options.of(self.getConfigs())
        if options.typography:
            # As in `smarty`: \" and \' keep a straight quote.
            md.ESCAPED_CHARS.extend(c for c in "\"'" if c not in md.ESCAPED_CHARS)
        md.treeprocessors.register(
            GermanTextTreeprocessor(md, options), "perlen_text", PRIORITY
        )
        document_state(md)


def makeExtension(**kwargs: Any) -> GermanTextExtension:
    return GermanTextExtension(**kwargs)


def markdown_extensions(settings: Mapping[str, Any]) -> list[Extension]:
    """The Markdown extensions that set German text, configured from settings,
    German heading anchors with a table of contents, the reading of gender
    stars, hashtags and pasted lists as text (`structure`), tables and code
    blocks a keyboard can scroll, the removal of the writer's HTML
    comments, and Markdown's inline patterns tried only where they can match."""
    return [
        InlineTriggersExtension(),
        GermanTextExtension(**_settings_options(settings)),
        HeadingsExtension(),
        StructureExtension(),
        ScrollRegionsExtension(),
        CommentsExtension(),
    ]


def _element_tree(markup: str) -> Element:
    """An HTML fragment as elements under a `<p>`: tags kept, entities decoded."""
    root = Element("p")

    def add(parent: Element, nodes: list) -> None:
        for node in nodes:
            if node.is_text_node:
                data = node.text_content or ""
                if len(parent):
                    parent[-1].tail = (parent[-1].tail or "") + data
                else:
                    parent.text = (parent.text or "") + data
            elif node.is_element_node:
                element = SubElement(parent, node.tag, html.attributes(node))
                add(element, list(node.iter(include_text=True)))

    add(root, html.top_level(html.fragment(markup)))
    return root


_BLOCKS = frozenset(BLOCK_LEVEL_ELEMENTS)


def _is_block(tag: str) -> bool:
    return tag in _BLOCKS


def typeset_inline(
    fragment: str, settings: Mapping[str, Any], lang: str | None = None
) -> str:
    """Apply the text rules to an inline HTML fragment such as a title,
    written in `lang` (None: the site's language)."""
    if "<" in fragment or "&" in fragment:
        root = _element_tree(fragment)
    else:  # plain text, as the parser would return it, without parsing
        root = Element("p")
        root.text = fragment or None
    options = for_language(Options.of(_settings_options(settings)), lang)
    typeset_tree(root, options, _is_block, [])
    return to_html_string(root)[len("<p>") : -len("</p>")]
