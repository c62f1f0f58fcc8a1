"""Table column alignment as classes instead of inline styles.

Python-Markdown's tables write `style="text-align: left;"` on every aligned
cell (or the obsolete `align` attribute). Inline styles break the site's
Content-Security-Policy (`style-src 'self'`), so cells get the class
`align-left`, `align-center` or `align-right` and the theme's CSS aligns them.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_ALIGN = re.compile(r"^\s*text-align:\s*(left|center|right)\s*;?\s*$")


class AlignClassProcessor(Treeprocessor):
    def run(self, root) -> None:
        for cell in root.iter():
            if cell.tag not in ("th", "td"):
                continue
            match = _ALIGN.match(cell.get("style", ""))
            if match:
                del cell.attrib["style"]
                classes = [*cell.get("class", "").split(), f"align-{match[1]}"]
                cell.set("class", " ".join(classes))


class TableAlignExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the block parser built the table (tree processors run after
        # it), before the serializer; the priority only orders tree processors.
        md.treeprocessors.register(AlignClassProcessor(md), "perlen_table_align", 3)


def makeExtension(**kwargs) -> TableAlignExtension:
    return TableAlignExtension(**kwargs)
