"""Table alignment becomes classes, so the CSP (no inline styles) holds."""

from markdown import Markdown

TABLE = "| Posten | Preis |\n|:--|--:|\n| Logo | 20 € |\n| Mitte | x |\n"


def render(text: str, extensions: list[str]) -> str:
    return Markdown(extensions=extensions).convert(text)


def test_aligned_cells_get_classes_not_styles():
    html = render(TABLE, ["markdown.extensions.extra", "perlen.text.table_align"])
    assert "style=" not in html
    assert '<th class="align-left">Posten</th>' in html
    assert '<td class="align-right">20 €</td>' in html


def test_without_the_extension_markdown_writes_inline_styles():
    assert 'style="text-align: left;"' in render(TABLE, ["markdown.extensions.extra"])


def test_published_post_with_a_table_has_no_inline_style(site, make_post):
    site.write("posts/tabelle.md", make_post(TABLE))
    site.build()
    page = site.html("2021/monarchie-im-perlenbuero/index.html")
    assert 'class="align-right"' in page
    assert 'style="' not in page
