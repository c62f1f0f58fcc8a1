"""`perlen.text.html`: where tags, attributes and comments are written, and
the text a browser reads."""

import html as stdlib_html

from hypothesis import given
from hypothesis import strategies as st
from perlen.text import html
from perlen.text.comments import without_comments

# Attribute values as a writer or a template may write them.
values = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
names = st.sampled_from(["href", "src", "title", "data-x", "alt"])
quotes = st.sampled_from(['"', "'"])


@given(
    st.lists(
        st.tuples(names, values, quotes),
        min_size=1,
        max_size=4,
        unique_by=lambda a: a[0],
    )
)
def test_value_spans_cover_each_value_as_written(attributes):
    written = {}
    parts = ["<p>Text</p><a"]
    for name, value, quote in attributes:
        escaped = stdlib_html.escape(value, quote=True)
        parts.append(f" {name}={quote}{escaped}{quote}")
        written[name] = f"{quote}{escaped}{quote}"
    page = "".join(parts) + ">Link</a>"
    [_, tag] = html.source_tags(page)
    assert tag.name == "a"
    assert page[tag.offset : tag.offset + len(tag.text)] == tag.text
    for name, value, _ in attributes:
        start, end = tag.spans[name]
        assert tag.text[start:end] == written[name]
        assert tag.attrs[name] == value


def test_spans_of_unquoted_and_repeated_attributes():
    [tag] = html.source_tags("<link rel=stylesheet href=/a.css HREF='/b.css'>")
    assert tag.text[slice(*tag.spans["rel"])] == "stylesheet"
    # The first of a repeated name, as a browser reads it.
    assert tag.text[slice(*tag.spans["href"])] == "/a.css"
    assert tag.attrs["href"] == "/a.css"


prose = st.text(st.characters(blacklist_characters="<>&-!"), max_size=30)


@given(st.lists(st.tuples(prose, prose), max_size=4), prose)
def test_without_comments_keeps_every_byte_outside_the_comments(pieces, last):
    text = "".join(f"{before}<!--{note}-->" for before, note in pieces) + last
    assert without_comments(text) == "".join(b for b, _ in pieces) + last
    spans = html.comment_spans(text)
    assert [text[s:e] for s, e in spans] == [f"<!--{n}-->" for _, n in pieces]


def test_no_comment_inside_a_script_or_an_attribute():
    text = '<script>"<!--"</script><a title="<!-- x -->">y</a><!--z-->'
    assert [text[s:e] for s, e in html.comment_spans(text)] == ["<!--z-->"]


def test_text_leaves_out_comments_and_the_elements_asked():
    tree = html.fragment(
        '<p>a&nbsp;b<!-- c --><sup id="fnref:1">1</sup><figure>'
        '<figcaption>x<sup id="fnref:2">2</sup></figcaption></figure></p>'
    )
    assert html.text(tree, 'figure, sup[id^="fnref"]') == "a\u00a0b"


def test_tag_events_are_the_tags_as_written():
    assert html.tag_events("<p>a<br/><span/></div>") == [
        ("start", "p"),
        ("startend", "br"),
        ("startend", "span"),
        ("end", "div"),
    ]


# Markup where a parser's selection could differ from its walk of the tree:
# foreign elements, templates, comments, scripts, tables it repairs.
SOUP_PIECES = [
    "<a href=1>", "</a>", "<img src=2>", "<IMG SRC=3>", "<A HREF=4>", "<p>",
    "</p>", "<svg>", "</svg>", "<math>", "<template>", "</template>",
    "<!-- <a href=5> -->", "<script>", "</script>", "<table>", "<td>", "<tr>",
    "<noscript>", "<iframe srcdoc='<a href=6>'>", "Text", "<em>", "</em>",
]  # fmt: skip
TAG_SOUP = st.lists(st.sampled_from(SOUP_PIECES), max_size=25).map("".join)


@given(TAG_SOUP, st.sampled_from([("a",), ("a", "img"), ("img",)]))
def test_named_elements_are_those_of_the_walk_in_its_order(markup, names):
    tree = html.fragment(markup)
    walked = [n for n in html.elements(tree) if n.tag in names]
    named = html.named(html.fragment(markup), names)
    assert [(n.tag, html.attributes(n)) for n in named] == [
        (n.tag, html.attributes(n)) for n in walked
    ]
