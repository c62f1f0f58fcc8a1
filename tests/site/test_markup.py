"""Broken HTML in a writer's text: stray end tags and unclosed elements."""

import pytest
from perlen.content.reader import RAW_HTML
from perlen.content.source_lines import SourceLines
from perlen.site.check_broken_html import broken_html_problems
from perlen.site.markup import broken_tags


@pytest.mark.parametrize(
    "html",
    [
        "<p>Text <em>betont</em></p>",
        "<p>Erster<p>Zweiter",  # optional end tags
        "<ul><li>a<li>b</ul>",
        "Zeile<br>Umbruch<img src=x alt=y><hr>",
        "<script>if (a < b) {}</script>",
        "<table><tr><td>1<td>2</table>",
    ],
)
def test_valid_html_is_not_broken(html):
    assert broken_tags(html) == []


@pytest.mark.parametrize(
    ("html", "written"),
    [
        ("Wir </script> Tags", ["</script>"]),
        ("<p>Text</div></p>", ["</div>"]),
        ('<div class="x">offen', ["<div"]),
        ("<p><strong>fett</p>", ["<strong"]),
        ("<span/>", ["<span"]),
    ],
)
def test_broken_html_names_the_tag(html, written):
    assert [tag.written for tag in broken_tags(html)] == written


class _Post:
    """What the check reads of a post: its file, metadata and HTML."""

    def __init__(self, path, html: str):
        self.source_path = str(path)
        self.metadata = {RAW_HTML: True}
        self._content = html


def test_unbalanced_tags_are_reported_in_german_with_file_and_line(tmp_path):
    source = tmp_path / "offen.md"
    source.write_text(
        'Titel: Offen\n\nErster Absatz.\n\n<div class="kasten">\nText\n'
        "\nNoch ein Absatz </span> hier.\n",
        encoding="utf-8",
    )
    html = (
        '<p>Erster Absatz.</p>\n<div class="kasten">\nText\n'
        "<p>Noch ein Absatz </span> hier.</p>"
    )
    problems = broken_html_problems(_Post(source, html), SourceLines())
    found = [(p.path, p.line, p.message) for p in problems]
    assert found == [
        (
            str(source),
            8,
            "„</span>“ schließt ein Element, das nie geöffnet wurde; die Seite und "
            "jede Übersicht mit diesem Beitrag wären ungültiges HTML.",
        ),
        (
            str(source),
            5,
            "Das Element „<div>“ wird nie geschlossen; die Seite und jede Übersicht "
            "mit diesem Beitrag wären ungültiges HTML.",
        ),
    ]


# -- Which posts are checked: only where the writer typed HTML -----------------

FENCED_CODE = '```html\n<div class="kasten">\n```'


@pytest.mark.parametrize(
    ("body", "summary", "typed"),
    [
        ("Nur Text.", "", False),
        (FENCED_CODE, "", False),
        (f"{FENCED_CODE}\n\n{FENCED_CODE}", "Kurz.", False),
        ('![Perle](/images/perle.png "Eine Perle")', "", False),
        (f"{FENCED_CODE}\n\nText <span>fett", "", True),
        (f"{FENCED_CODE}\n\n<div>\nBlock\n</div>", "", True),
        (FENCED_CODE, "Eine <em>Zusammenfassung</em>", True),
        ("Text &amp; mehr", "", True),  # Markdown stashes entities as HTML
    ],
    ids=[
        "text",
        "code",
        "zweimal-code",
        "bildunterschrift",
        "code-und-inline",
        "code-und-block",
        "zusammenfassung",
        "entitaet",
    ],
)
def test_only_posts_with_html_the_writer_typed_are_marked(
    site, make_post, body, summary, typed
):
    """Highlighted code and image captions are the build's own HTML; a post
    holding only those needs no check for broken tags."""
    from perlen.content.reader import GermanMarkdownReader
    from PIL import Image

    images = site.content / "images"
    images.mkdir()
    Image.new("RGB", (8, 6)).save(images / "perle.png")
    fields = {"Zusammenfassung": summary} if summary else {}
    path = site.write("posts/x.md", make_post(body, **fields))
    reader = GermanMarkdownReader(site.settings())
    _, metadata = reader.read(str(path))
    assert metadata.get(RAW_HTML, False) is typed


def test_broken_html_after_a_code_block_fails_the_build(site, make_post):
    from perlen.building.checked import checked_build

    site.write("posts/x.md", make_post(f"{FENCED_CODE}\n\nWir </span> hier."))
    outcome = checked_build(site.settings())
    assert [p.message for p in outcome.errors] == [
        "„</span>“ schließt ein Element, das nie geöffnet wurde; die Seite und "
        "jede Übersicht mit diesem Beitrag wären ungültiges HTML."
    ]
