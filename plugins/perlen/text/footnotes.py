"""Footnotes in the reader's language.

Python-Markdown's footnotes extension titles each back-link "Jump back to
footnote 1 in the text". The site's posts are German (or English), so the
back-links get a title and an accessible name in the post's language.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

BACKLINK = {
    "de": "Zurück zu Fußnote {} im Text",
    "en": "Jump back to footnote {} in the text",
}


def label_backlinks(root: Element, lang: str) -> None:
    """Title and `aria-label` of each footnote's back-link, numbered in order."""
    label = BACKLINK.get(lang, BACKLINK["de"])
    for block in root.iter("div"):
        if "footnote" not in block.get("class", "").split():
            continue
        items = [item for ol in block.findall("ol") for item in ol.findall("li")]
        for number, item in enumerate(items, start=1):
            for link in item.iter("a"):
                if "footnote-backref" in link.get("class", "").split():
                    link.set("title", label.format(number))
                    link.set("aria-label", label.format(number))
