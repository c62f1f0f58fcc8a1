"""URLs are computed once per build and stay exactly Pelican's."""

from datetime import datetime
from types import SimpleNamespace

from pelican.contents import Article, Page
from pelican.settings import DEFAULT_CONFIG
from perlen.content.dates import BERLIN
from perlen.site.urls import freeze_urls

SETTINGS = {
    **DEFAULT_CONFIG,
    "ARTICLE_URL": "{date:%Y}/{slug}/",
    "ARTICLE_SAVE_AS": "{date:%Y}/{slug}/index.html",
    "DRAFT_URL": "entwuerfe/{slug}/",
    "DRAFT_SAVE_AS": "entwuerfe/{slug}/index.html",
    "PAGE_URL": "{slug}/",
    "PAGE_SAVE_AS": "{slug}/index.html",
}
DAY = datetime(2021, 9, 28, tzinfo=BERLIN)


def article(slug: str, **metadata) -> Article:
    return Article(
        "<p>Text</p>", {"title": slug, "date": DAY, "slug": slug, **metadata}, SETTINGS
    )


def test_frozen_urls_are_pelicans_for_every_kind_of_content():
    post = article("monarchie")
    draft = article("entwurf", status="draft")
    page = Page("<p>Text</p>", {"title": "Über uns", "slug": "ueber-uns"}, SETTINGS)
    freeze_urls(SimpleNamespace(articles=[post], drafts=[draft], pages=[page]))
    assert (post.url, post.save_as) == ("2021/monarchie/", "2021/monarchie/index.html")
    assert (draft.url, draft.save_as) == (
        "entwuerfe/entwurf/",
        "entwuerfe/entwurf/index.html",
    )
    assert (page.url, page.save_as) == ("ueber-uns/", "ueber-uns/index.html")


def test_frozen_urls_are_not_computed_again():
    post = article("monarchie")
    freeze_urls(SimpleNamespace(articles=[post]))
    post.slug = "anders"
    assert post.url == "2021/monarchie/"


def test_a_writers_own_url_is_kept():
    post = article(
        "monarchie", url="eigene/adresse/", save_as="eigene/adresse/index.html"
    )
    freeze_urls(SimpleNamespace(articles=[post]))
    assert (post.url, post.save_as) == ("eigene/adresse/", "eigene/adresse/index.html")
