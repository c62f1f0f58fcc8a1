"""The links to the site's pages: the theme's markup, rendered once per list."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from perlen.site.page_links import TEMPLATE, PageLinks

THEME = Path(__file__).resolve().parents[2] / "theme" / "templates"
# As the theme's `base.html` looped over the pages on every page before.
LOOP = """{% for p in pages if which == "footer" or p.slug in MENU_PAGES %}
      <li><a href="{{ SITEURL }}/{{ p.url }}"{% if p.url == here %} aria-current="page"{% endif %}>{{ p.title|safe }}</a></li>
{% endfor %}"""  # noqa: E501


@pytest.fixture
def env() -> jinja2.Environment:
    """Pelican's environment settings and `pelicanconf.py`'s autoescape."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME),
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )


def _page(slug: str, title: str) -> SimpleNamespace:
    return SimpleNamespace(slug=slug, url=f"{slug}/", title=title)


PAGES = [
    _page("ueber-uns", "Über uns"),
    _page("impressum", "Impressum"),
    _page("datenschutz", "Daten&shy;schutz <em>&amp;</em> mehr"),
]


@pytest.mark.parametrize("which", ["menu", "footer"])
@pytest.mark.parametrize("here", ["", "impressum/", "ueber-uns/", "2021/beitrag/"])
@pytest.mark.parametrize("siteurl", ["", "https://perlenmaedchen.de", "../.."])
def test_the_links_are_those_the_loop_on_every_page_made(env, which, here, siteurl):
    links = PageLinks(env, ["ueber-uns"])
    expected = env.from_string(LOOP).render(
        pages=PAGES, which=which, here=here, SITEURL=siteurl, MENU_PAGES=["ueber-uns"]
    )
    assert links(which, PAGES, here, siteurl) == expected


def test_only_the_pages_own_link_is_current(env):
    links = PageLinks(env, [])
    assert 'aria-current="page">Impressum' in links("footer", PAGES, "impressum/", "")
    for here in ("", "2021/beitrag/", "archiv/"):
        assert "aria-current" not in links("footer", PAGES, here, "")
    assert links("menu", PAGES, "impressum/", "") == ""


def test_each_list_is_rendered_once(env, monkeypatch):
    renders = []
    template = env.get_template(TEMPLATE)
    render = template.render

    def counted(*args, **kwargs):
        renders.append(kwargs["here"])
        return render(*args, **kwargs)

    monkeypatch.setattr(template, "render", counted)
    links = PageLinks(env, ["ueber-uns"])
    for here in ["2021/a/", "2021/b/", "impressum/", "2022/c/", "impressum/"]:
        links("footer", PAGES, here, "")
    assert renders == [None, "impressum/"]
    links("footer", [*PAGES], "2021/a/", "")  # another build's pages
    links("footer", PAGES, "2021/a/", "../..")  # another folder depth
    assert renders == [None, "impressum/", None, None]
