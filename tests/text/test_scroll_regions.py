"""Tables and code blocks are labelled regions a keyboard can scroll."""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions.codehilite import CodeHiliteExtension
from markdown_html import converter
from perlen.text.document import document_state
from perlen.text.scroll_regions import ScrollRegionsExtension

TEXT = """Erst eine Tabelle:

| Monat | Perlen |
|-------|-------:|
| Mai   | 12     |

```python
perlen = 12
```

    eingerückter Code

| zweite | Tabelle |
|--------|---------|
| a      | b       |
"""


def test_tables_are_wrapped_in_numbered_focusable_regions():
    html = converter().convert(TEXT)
    boxes = re.findall(r"<div ([^>]*)><table>", html)
    assert len(boxes) == 2
    for number, attributes in enumerate(boxes, 1):
        assert 'class="table-scroll"' in attributes
        assert 'role="region"' in attributes and 'tabindex="0"' in attributes
        assert f'aria-label="Tabelle {number}"' in attributes


def test_fenced_and_indented_code_blocks_are_numbered_regions():
    md = converter()
    html = md.convert(TEXT)
    pres = re.findall(r"<pre([^>]*)>", html)
    assert pres == [
        ' role="region" tabindex="0" aria-label="Codebeispiel 1"',
        ' role="region" tabindex="0" aria-label="Codebeispiel 2"',
    ]
    # Numbers start again with the next document.
    md.reset()
    assert 'aria-label="Codebeispiel 1"' in md.convert("```\nx\n```")


def test_english_posts_get_english_labels():
    md = converter()
    document_state(md).lang = "en"
    html = md.convert(TEXT)
    assert 'aria-label="Table 1"' in html
    assert 'aria-label="Code example 1"' in html


def test_heading_permalinks_are_not_tab_stops_and_not_indexed():
    html = converter().convert("## Auf Augenhöhe\n\nText.")
    link = re.search(r'<a [^>]*class="headerlink"[^>]*>', html)[0]
    assert 'tabindex="-1"' in link
    assert "data-pagefind-ignore" in link


def test_highlighting_is_pygments_own_with_the_region_attributes():
    """Formatters share their style's tables: each block is still exactly
    what Pygments writes, in every language and style of the document."""
    text = (
        "```python\nclass Perle:\n    anzahl = 12  # Kommentar\n```\n\n"
        '```css\n.perle { color: #c0ffee; content: "„x“"; }\n```\n\n'
        "```python\ndef f():\n    return 'zwölf'\n```\n"
    )
    for style in ("default", "monokai", "default"):
        for noclasses in (False, True):
            config = {"pygments_style": style, "noclasses": noclasses}
            plain = Markdown(
                extensions=["fenced_code", CodeHiliteExtension(**config)]
            ).convert(text)
            ours = Markdown(
                extensions=[
                    "fenced_code",
                    CodeHiliteExtension(**config),
                    ScrollRegionsExtension(),
                ]
            ).convert(text)
            stripped = re.sub(
                r'<pre role="region" tabindex="0" aria-label="[^"]+"', "<pre", ours
            )
            assert stripped == plain, (style, noclasses)
            assert stripped != ours
