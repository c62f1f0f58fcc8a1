"""Tag, category and author pages in linear time, however large the blog.

For every tag (category, author) Pelican's article generator lists its posts
in date order with `[a for a in self.dates if a in articles]`, `articles`
being a plain list: all posts times the tag's posts, for every tag, which is
quadratic in the size of the blog (seconds at 10,000 posts). Giving those
lists constant-time membership, and letting that search go through only the
page's own posts (`pelican_glue.write_listings_in_linear_time`), makes the
step linear; templates still get lists with the same posts in the same order.
The yearly archives' posts are found in one pass as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from perlen import pelican_glue


class Listing(list):
    """A list of posts whose `in` is a set lookup.

    Membership is by identity, which is what `==` means for Pelican's
    content objects. A change in length (a plugin appending a post) rebuilds
    the set; replacing an item in place is not supported.
    """

    def __init__(self, items: Iterable[Any] = ()):
        super().__init__(items)
        self._index()

    def _index(self) -> None:
        self._ids = frozenset(map(id, self))
        self._length = len(self)

    def __contains__(self, item: object) -> bool:
        if len(self) != self._length:
            self._index()
        return id(item) in self._ids


def archive_in_linear_time(generator) -> None:
    """`article_generator_init` handler: the yearly (monthly, daily) archives
    find their posts in linear time too
    (`pelican_glue.build_period_archives_in_linear_time`)."""
    pelican_glue.build_period_archives_in_linear_time(generator)


def index_listings(generator) -> None:
    """`article_generator_finalized` handler: make the tag, category and author
    lists `Listing`s, in place (the template context shares the containers),
    and give templates `listed`, the set of those with a page of their own:
    only published posts make one, so a draft's new category has none."""
    for tag, articles in generator.tags.items():
        generator.tags[tag] = Listing(articles)
    for pairs in (generator.categories, generator.authors):
        for index, (wrapper, articles) in enumerate(pairs):
            pairs[index] = (wrapper, Listing(articles))
    generator.context["listed"] = frozenset(
        [
            *generator.tags,
            *(category for category, _ in generator.categories),
            *(author for author, _ in generator.authors),
        ]
    )
    pelican_glue.write_listings_in_linear_time(generator)
