"""Where a reader goes next: the previous and next post, and related posts.

Related posts share the most tags with a post. To stay fast with 10,000
posts the candidates come from an index of posts by tag, never from all
pairs of posts; a tag carried by very many posts says little about
relatedness, so for such a tag only the posts closest in time are
candidates (`PERLEN_RELATED_WINDOW` on either side).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from perlen.settings import setting


class Post(Protocol):
    date: datetime  # Pelican leaves out `tags` on posts without tags.


P = TypeVar("P", bound=Post)


def neighbours(posts: Sequence[P]) -> dict[int, tuple[P | None, P | None]]:
    """For each post (by `id`): the previous (older) and next (newer) post."""
    ordered = sorted(posts, key=lambda post: post.date)
    result: dict[int, tuple[P | None, P | None]] = {}
    for index, post in enumerate(ordered):
        older = ordered[index - 1] if index > 0 else None
        newer = ordered[index + 1] if index + 1 < len(ordered) else None
        result[id(post)] = (older, newer)
    return result


def related_by_tags(posts: Sequence[P], limit: int, window: int) -> dict[int, list[P]]:
    """For each post (by `id`): up to `limit` posts sharing the most tags.

    Ties go to the post fewer posts away in date order, then to the newer
    one. Work is bounded by posts × tags per post × 2·`window`.
    """
    ordered = sorted(posts, key=lambda post: post.date)
    by_tag: dict[Hashable, list[int]] = defaultdict(list)
    for index, post in enumerate(ordered):
        for tag in _tags(post):
            by_tag[tag].append(index)  # ascending, as `ordered` is
    result: dict[int, list[P]] = {}
    for here, post in enumerate(ordered):
        # Counted by `Counter.update` and ranked by plain tuples: this loop
        # runs on one core between reading and writing.
        shared: Counter[int] = Counter()
        for tag in _tags(post):
            indices = by_tag[tag]
            middle = bisect_left(indices, here)
            shared.update(indices[max(0, middle - window) : middle + window + 1])
        del shared[here]
        best = heapq.nsmallest(
            limit,
            ((-count, abs(other - here), -other) for other, count in shared.items()),
        )
        result[id(post)] = [ordered[-negative] for _, _, negative in best]
    return result


def _tags(post: Post) -> set[Hashable]:
    return set(getattr(post, "tags", None) or ())


def add_related(generator) -> None:
    """`article_generator_finalized` handler: set `previous_post`, `next_post`
    and `related_posts` on every published article."""
    articles = generator.articles
    limit = setting(generator.settings, "PERLEN_RELATED_LIMIT")
    window = setting(generator.settings, "PERLEN_RELATED_WINDOW")
    around = neighbours(articles)
    related = related_by_tags(articles, limit, window)
    for article in articles:
        article.previous_post, article.next_post = around[id(article)]
        article.related_posts = related[id(article)]
