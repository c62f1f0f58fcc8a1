"""Wide tables and code blocks as scrollable regions a keyboard can reach.

A table or code block wider than a phone scrolls sideways. Keyboard users
can scroll only what takes focus, and screen readers announce a focusable
box only with a role and a name (axe's `scrollable-region-focusable`). So
every table is wrapped in `<div class="table-scroll" role="region"
tabindex="0" aria-label="Tabelle 1">` and every highlighted code block's
`<pre>` gets the same attributes ("Codebeispiel 1"). The numbers keep the
names unique on a page (axe's `landmark-unique`). It happens here, in the
Markdown pipeline, so that pages work without JavaScript.

Code blocks are HTML that Pygments wrote and Python-Markdown stashed; no
tree processor sees them. They get their attributes from a Pygments
formatter that this extension hands to `codehilite`.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.extensions.codehilite import CodeHiliteExtension
from markdown.treeprocessors import Treeprocessor
from pygments.formatters.html import HtmlFormatter

from perlen.text.document import document_state

LABELS = {
    "de": {"table": "Tabelle {}", "code": "Codebeispiel {}"},
    "en": {"table": "Table {}", "code": "Code example {}"},
}
# After the table alignment (3), before the serializer.
PRIORITY = 2


def _labels(md: Markdown) -> dict[str, str]:
    lang = (document_state(md).lang or "de").split("_")[0].split("-")[0]
    return LABELS.get(lang, LABELS["de"])


def region_attributes(label: str) -> dict[str, str]:
    return {"role": "region", "tabindex": "0", "aria-label": label}


class TableRegionTreeprocessor(Treeprocessor):
    """Wraps every table in a labelled, focusable scrolling box."""

    def run(self, root: Element) -> None:
        label = _labels(self.md)["table"]
        number = 0
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
                number += 1
                attributes = region_attributes(label.format(number))
                box = Element("div", {"class": "table-scroll", **attributes})
                box.tail, child.tail = child.tail, None
                parent.remove(child)
                box.append(child)
                parent.insert(index, box)


# Pygments' tables of a style's token classes and styles, by style and class
# prefix: codehilite makes a formatter per code block, and building them
# anew cost each block about half a millisecond.
_STYLE_TABLES: dict[tuple[Any, str], tuple[dict, dict]] = {}


class _RegionFormatter(HtmlFormatter):
    """Pygments' HTML with a labelled, focusable `<pre>`."""

    def __init__(self, label: str, **options: Any):
        super().__init__(**options)
        self.region_label = label

    def _create_stylesheet(self) -> None:
        # Pygments' own (private) step of `HtmlFormatter.__init__`. The
        # tables are only read once made (by Pygments' formatting and
        # `get_style_defs`), so formatters of one style share them; should a
        # Pygments upgrade change that, `test_highlighting_is_pygments_own_…`
        # in tests/text/test_scroll_regions.py fails.
        key = (self.style, self.classprefix)
        if key not in _STYLE_TABLES:
            super()._create_stylesheet()
            _STYLE_TABLES[key] = (self.ttype2class, self.class2style)
        self.ttype2class, self.class2style = _STYLE_TABLES[key]

    def wrap(self, source):
        attributes = "".join(
            f' {name}="{value}"'
            for name, value in region_attributes(self.region_label).items()
        )
        for kind, text in super().wrap(source):
            if kind == 0 and text.startswith("<pre"):
                text = "<pre" + attributes + text[len("<pre") :]
            yield kind, text


class ScrollRegionsExtension(Extension):
    """Tables and code blocks as labelled scrolling regions."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(
            TableRegionTreeprocessor(md), "perlen_table_regions", PRIORITY
        )
        for extension in md.registeredExtensions:
            if isinstance(extension, CodeHiliteExtension):
                extension.setConfig("pygments_formatter", self._formatter)
                # Indented code: codehilite's tree processor copied the
                # configuration when it was registered.
                if "hilite" in md.treeprocessors:
                    md.treeprocessors["hilite"].config = extension.getConfigs()
        md.registerExtension(self)
        self.md = md
        self.reset()

    def _formatter(self, **options: Any) -> HtmlFormatter:
        """One formatter per code block (codehilite's call), numbered."""
        self.code_blocks += 1
        label = _labels(self.md)["code"].format(self.code_blocks)
        return _RegionFormatter(label, **options)

    def reset(self) -> None:
        self.code_blocks = 0


def makeExtension(**kwargs: Any) -> ScrollRegionsExtension:
    return ScrollRegionsExtension(**kwargs)
