"""Tables and code blocks are labelled regions a keyboard can scroll."""

from __future__ import annotations

import re

from markdown_html import converter
from perlen.text.document import document_state

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
