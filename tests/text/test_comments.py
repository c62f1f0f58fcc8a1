"""A writer's HTML comments never reach a page, a feed or a summary; in code
they are text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_html import render
from perlen.building.checked import checked_build
from perlen.problems import Severity
from perlen.text.comments import comment_warnings, without_comments

NOTE = "Kunde XY nicht nennen"

# Text around a note, and the note itself: no "-", "<", ">" or "`" in either,
# so that neither can end the comment early nor open code.
_words = st.text(
    st.characters(codec="utf-8", exclude_characters="-<>`&*_[]\\!#\r"), max_size=30
).map(str.strip)


@settings(deadline=None)
@given(before=_words, note=_words, after=_words)
def test_a_comment_anywhere_in_a_paragraph_is_gone(before, note, after):
    html = render(f"{before} <!-- {note} NOTIZ --> {after}")
    assert "NOTIZ" not in html and "<!--" not in html


@settings(deadline=None)
@given(note=_words, lines=st.integers(1, 3))
def test_a_comment_as_its_own_block_leaves_nothing(note, lines):
    comment = "<!-- " + "\n".join([note] * lines) + " NOTIZ -->"
    html = render(f"Erster Absatz.\n\n{comment}\n\nZweiter Absatz.")
    assert "NOTIZ" not in html and "<p></p>" not in html
    assert html.count("<p>") == 2


def test_a_comment_inside_raw_html_is_gone_and_the_html_stays():
    html = render(f'<div class="kasten">\n<!-- {NOTE} -->\n<p>Hallo</p>\n</div>')
    assert NOTE not in html and '<div class="kasten">' in html and "Hallo" in html


class _Text(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.text = ""
        self.feed(html)

    def handle_data(self, data: str) -> None:
        self.text += data


def test_comments_in_code_are_text():
    html = render(f"Code: `<!-- {NOTE} -->`\n\n    <!-- {NOTE} -->\n")
    assert _Text(html).text.count(f"<!-- {NOTE} -->") == 2


def test_not_a_comment_where_html_says_so():
    script = '<script>var s = "<!--";</script>'
    assert without_comments(f"<p>a<!--x-->b</p>{script}") == f"<p>ab</p>{script}"
    assert without_comments('<a title="<!-- x -->">y</a>') == (
        '<a title="<!-- x -->">y</a>'
    )


def test_no_comment_reaches_page_feeds_or_summary(site, make_post):
    site.write(
        "posts/x.md",
        make_post(
            f"Erster Satz. <!-- {NOTE} -->\n\n<!-- Notiz an mich: {NOTE}! -->\n\n"
            "Zweiter Absatz.",
            Zusammenfassung=f"Kurz. <!-- {NOTE} -->",
        ),
    )
    site.write(
        "posts/y.md", make_post(f"Ohne Zusammenfassung <!-- {NOTE} -->.", Titel="Y")
    )
    output = site.build(
        FEED_ALL_ATOM="feeds/alle.atom.xml",
        CATEGORY_FEED_ATOM="feeds/kategorie/{slug}.atom.xml",
        PERLEN_STRICT=True,
    )
    written = [p for p in output.rglob("*") if p.suffix in (".html", ".xml", ".json")]
    assert sum(p.name.endswith(".atom.xml") for p in written) == 2
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert NOTE not in text, path


@settings(deadline=None)
@given(before=_words, first=_words, second=_words, blank=st.sampled_from(["", "  "]))
def test_a_comment_over_a_blank_line_inside_a_paragraph_is_gone(
    before, first, second, blank
):
    """Markdown ends a paragraph at a blank line: a comment begun in one must
    not leave its rest on the page as text."""
    html = render(f"Text {before} <!-- {first}\n{blank}\n{second} NOTIZ --> Ende")
    assert "NOTIZ" not in html and "<!--" not in html and "Ende" in html


# Lines that begin a block of their own inside a paragraph.
_BLOCK_STARTS = st.sampled_from(
    ["# ", "## ", ": ", "---", "===", "***", "[^1]: ", "[x]: /a", "*[HTML]: ", "> "]
)


@settings(deadline=None)
@given(first=_words, start=_BLOCK_STARTS, second=_words, blank=st.booleans())
def test_a_comment_over_a_line_that_begins_a_block_is_gone(first, start, second, blank):
    """A line inside the comment that Markdown would read as a heading, a
    definition, a rule or a footnote must not cut the comment in two."""
    gap = "\n" if blank else ""
    html = render(f"Text <!-- {first}\n{gap}{start}{second} NOTIZ --> Ende")
    assert "NOTIZ" not in html and "<!--" not in html and "Ende" in html


def test_a_comment_over_a_blank_line_keeps_the_lines_after_it():
    from markdown import Markdown
    from perlen.text.comments import CommentBlankLinesPreprocessor

    lines = ["Text <!-- Notiz", "", "  ", "mehr -->", "", "Weiter `<!--`", "", "-->"]
    kept = CommentBlankLinesPreprocessor(Markdown()).run(lines)
    assert kept == ["Text <!-- Notiz", ".", "  .", ".mehr -->", *lines[4:]]
    # `<!--` in an attribute begins no comment: the paragraphs stay two.
    html = render('Ein <a title="<!--">Link</a> hier.\n\nZweiter -->')
    assert html.count("<p>") == 2


# A line whose block ends with it, with a comment begun on it: `#` headings
# of every level, a table row, each also in a quotation.
_ONE_LINE_BLOCKS = st.sampled_from(
    ["# Titel", "## Titel", "###### Titel", "| Zelle | x", "> ## Titel"]
)


@settings(deadline=None)
@given(
    block=_ONE_LINE_BLOCKS,
    first=_words,
    second=_words,
    blank=st.sampled_from(["", "\n", "\n  \n"]),
    after=st.sampled_from(["", " Fortsetzung"]),
)
def test_a_comment_begun_in_a_heading_or_row_is_gone(
    block, first, second, blank, after
):
    """The heading or row ends with its line: the comment's rest on the next
    lines must not stand on the page; the text after it stays."""
    html = render(
        f"{block} <!-- {first}\n{blank}{second} NOTIZ -->{after}\n\nEnde des Textes"
    )
    assert "NOTIZ" not in html and "<!--" not in html and "&lt;!" not in html
    assert "Titel" in html or "Zelle" in html
    assert "Ende des Textes" in html.replace("\xa0", " ")
    assert ("Fortsetzung" in html) == bool(after)


@settings(deadline=None)
@given(first=_words, second=_words)
def test_a_comment_over_a_blank_line_of_a_quotation_is_gone(first, second):
    html = render(f"> Zitat <!-- {first}\n>\n> {second} NOTIZ --> Ende\n\nText")
    assert "NOTIZ" not in html and "<!--" not in html and "Ende" in html


def test_a_comment_begun_in_a_heading_keeps_the_lines_after_it():
    from markdown import Markdown
    from perlen.text.comments import CommentBlankLinesPreprocessor

    lines = ["## Titel <!-- Notiz", "", "noch Notiz --> Rest", "", "Text"]
    kept = CommentBlankLinesPreprocessor(Markdown()).run(lines)
    assert kept == ["## Titel ", "", " Rest", "", "Text"]
    # In code, a heading's `<!--` is text, and the lines stay as they are.
    code = ["    ## Titel <!-- Notiz", "    -->"]
    assert CommentBlankLinesPreprocessor(Markdown()).run(code) == code


@pytest.mark.parametrize(
    ("body", "lines", "kind"),
    [
        ("Text <!-- Notiz\n\nMehr Text.", [1], "nie"),
        ("A\n\n## Titel <!-- Notiz", [3], "nie"),
        ("a\n\nb <!-- c\n\nd <!-- e", [3, 5], "nie"),
        ("Text <!-- Notiz\n\nMehr <!-- zweite -->", [1], "Zeile 3"),
        ("<!-- alt <!-- Notiz --> -->", [1], "Zeile 1"),
        # A pasted line separator ends no line: the last one is still read.
        ("Erster\u2028Satz.\n\nText <!-- Notiz", [3], "nie"),
    ],
)
def test_a_note_that_would_not_stay_private_is_a_warning(body, lines, kind):
    warnings = comment_warnings(body)
    assert [line for line, _, _ in warnings] == lines
    assert all(kind in message and "-->" in fix for _, message, fix in warnings)


@pytest.mark.parametrize(
    "body",
    [
        "Text <!-- Notiz --> und <!-- noch eine\nüber zwei Zeilen -->.",
        "Code: `<!--` öffnet einen Kommentar.",
        "Code: `<!--` – und eine Notiz <!-- hier -->.",
        "```html\n<!-- offen\n```\n\nText",
        "Text\n\n    <!-- eingerückter Code",
        '<a title="<!--">Link</a>',
    ],
)
def test_closed_notes_and_code_are_no_warning(body):
    assert comment_warnings(body) == []


def test_an_unclosed_note_reaches_the_writer_with_its_line(site, make_post):
    path = site.write(
        "posts/notiz.md", make_post("Erster Absatz.\n\nText <!-- Notiz\n\nMehr.")
    )
    outcome = checked_build(site.settings())
    assert outcome.output is not None  # a warning: the build goes on
    (found,) = [p for p in outcome.warnings if p.path == str(path)]
    assert found.severity is Severity.WARNING and found.line == 6
    assert "nie mit „-->“ geschlossen" in found.message
