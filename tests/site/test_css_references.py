"""The URLs a stylesheet loads, as tinycss2 parses it: never one in a
comment or a string, each with the span the hashed-asset rewrite replaces."""

from __future__ import annotations

import pytest
from perlen.site.references import css_references


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("a { background: url(x.png) }", [("x.png", "img-src")]),
        ("a { background: url( 'x y.png' ) }", [("x y.png", "img-src")]),
        ('a { background: url("x.png") }', [("x.png", "img-src")]),
        ("/* url(kommentar.png) */ a { color: red }", []),
        ('a::before { content: "url(text.png)" }', []),
        (
            "a::before { content: 'x' } b { background: url(b.png) }",
            [("b.png", "img-src")],
        ),
        (
            '@import "a.css"; @import url(b.css);',
            [("a.css", "style-src"), ("b.css", "style-src")],
        ),
        (
            "@font-face { src: url(f.woff2) format('woff2'), url(\"f.woff\") }",
            [("f.woff2", "font-src"), ("f.woff", "font-src")],
        ),
        (
            "@media (min-width: 40rem) { a { background: url(m.png) } }",
            [("m.png", "img-src")],
        ),
        (
            "@supports (display: grid) {\n  a {\n    background: url(ü.png) } }",
            [("ü.png", "img-src")],
        ),
    ],
)
def test_the_urls_of_a_stylesheet(css, expected):
    found = css_references(css)
    assert [(r.url, r.directive) for r in found] == expected
    for reference in found:
        assert css[reference.start : reference.end] == reference.url
