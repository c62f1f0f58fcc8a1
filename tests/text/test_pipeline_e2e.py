"""End to end: the HTML a reader gets for emoji, hearts and German typography."""

import re
from pathlib import Path

import pytest
from markdown_html import converter

ROOT = Path(__file__).resolve().parents[2]
REAL_POST = ROOT / "content/posts/2021/monarchie-im-perlenbuero.md"
WINK = '<span aria-label="zwinkerndes Gesicht" class="emoji" role="img">😉</span>'
HEART = '<span aria-label="rotes Herz" class="emoji heart" role="img">❤️</span>'
NBSP = "\u00a0"

BODY = """\
Jeder Unternehmer kennt den Ausspruch "Der Kunde ist König". Wie geht's euch
damit? Wir denken - wie gesagt -- anders.

Von 9-17 Uhr sind wir da, z. B. am 28. September :wink:

```python
print("Der Kunde -- ist <3 König...")
```

Und die Krönung ist eine Kampagne, die uns glücklich macht <3
"""


def article(site) -> str:
    """The built article page's `<article>` element."""
    page = site.html("2021/der-kunde-ist-koenig/index.html")
    match = re.search(r"<article\b.*</article>", page, re.S)
    assert match, page
    return match.group()


@pytest.fixture
def built(site, make_post):
    site.write(
        "posts/kunde.md",
        make_post(
            BODY,
            Titel='"Der Kunde ist König" - wirklich?',
            Zusammenfassung='Wenn der "Kunde" König ist...',
            Slug="der-kunde-ist-koenig",
        ),
    )
    site.build()
    return site


def test_the_first_posts_patterns_as_a_reader_gets_them(built):
    html = article(built)
    assert "den Ausspruch „Der Kunde ist König“. Wie geht’s euch" in html
    assert f"Wir denken – wie gesagt –{NBSP}anders." in html
    assert f"Von 9–17{NBSP}Uhr sind wir da" in html
    assert f"z.{NBSP}B. am 28.{NBSP}September{NBSP}{WINK}" in html
    assert f"glücklich macht{NBSP}{HEART}</p>" in html


def test_code_blocks_reach_the_reader_unchanged(built):
    code = converter(pipeline=False).convert(
        '```python\nprint("Der Kunde -- ist <3 König...")\n```'
    )
    assert code in article(built)


def test_titles_and_summaries_are_typeset_too(built):
    page = built.html("2021/der-kunde-ist-koenig/index.html")
    assert f"<h1>„Der Kunde ist König“ –{NBSP}wirklich?</h1>" in page
    # Plain-text contexts get the characters without markup.
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith(f"„Der Kunde ist König“ –{NBSP}wirklich?")
    index = built.html("index.html")
    assert f"Wenn der „Kunde“ König{NBSP}ist{NBSP}…" in index


def test_the_real_first_post(site):
    site.write("posts/2021/monarchie-im-perlenbuero.md", REAL_POST.read_text("utf-8"))
    site.build()
    page = site.html("2021/monarchie-im-perlenbuero/index.html")
    assert "den Ausspruch „Der Kunde ist König“. Und das Schlimme ist" in page
    assert "zurückzustellen – sich quasi fremdsteuern zu lassen" in page
    assert f"lang genug versucht{NBSP}{WINK}</p>" in page
    assert f"furchtbar glücklich macht{NBSP}{HEART}</p>" in page
    assert "<h1>Monarchie im\u00a0Perlenbüro</h1>" in page
