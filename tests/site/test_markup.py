"""Broken HTML in a writer's text: stray end tags and unclosed elements."""

import pytest
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
