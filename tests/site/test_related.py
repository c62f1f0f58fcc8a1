"""Previous/next and related posts, and that related posts scale."""

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from perlen.site.related import neighbours, related_by_tags

START = datetime(2021, 1, 1)


@dataclass(eq=False)
class Post:
    name: str
    date: datetime
    tags: list[str] = field(default_factory=list)


def posts(*specs: tuple[str, list[str]]) -> list[Post]:
    return [
        Post(name, START + timedelta(days=i), tags)
        for i, (name, tags) in enumerate(specs)
    ]


def names(found) -> list[str]:
    return [post.name for post in found]


def test_neighbours_follow_the_dates_not_the_list_order():
    a, b, c = posts(("a", []), ("b", []), ("c", []))
    around = neighbours([c, a, b])
    assert around[id(a)] == (None, b)
    assert around[id(b)] == (a, c)
    assert around[id(c)] == (b, None)


def test_most_shared_tags_first_then_closest_in_time():
    everything = posts(
        ("a", ["x", "y"]),
        ("b", ["x"]),
        ("c", ["x", "y", "z"]),
        ("d", ["q"]),
        ("e", ["x", "y"]),
        ("f", ["x"]),
    )
    related = related_by_tags(everything, limit=3, window=50)
    by_name = {post.name: post for post in everything}
    # e and a share two tags and are equally far away: the newer one first.
    assert names(related[id(by_name["c"])]) == ["e", "a", "b"]
    assert names(related[id(by_name["a"])]) == ["c", "e", "b"]
    assert related[id(by_name["d"])] == []


def test_posts_without_tags_have_no_related_posts():
    (lonely,) = [Post("a", START)]
    del lonely.tags  # Pelican leaves the attribute out
    assert related_by_tags([lonely], limit=3, window=5) == {id(lonely): []}


def test_a_tag_on_every_post_only_looks_at_posts_close_in_time():
    everything = posts(*[(str(i), ["alle"]) for i in range(20)])
    related = related_by_tags(everything, limit=10, window=2)
    assert sorted(names(related[id(everything[10])])) == ["11", "12", "8", "9"]


def all_pairs(everything: list[Post], limit: int, window: int) -> dict[int, list[str]]:
    """The rule of `related_by_tags` applied to every pair of posts: shared
    tags counted within `window` posts of the same tag on either side."""
    ordered = sorted(everything, key=lambda post: post.date)
    related = {}
    for here, post in enumerate(ordered):
        scores = []
        for other, candidate in enumerate(ordered):
            if other == here:
                continue
            shared = 0
            for tag in set(post.tags) & set(candidate.tags):
                carriers = [i for i, p in enumerate(ordered) if tag in p.tags]
                if abs(carriers.index(other) - carriers.index(here)) <= window:
                    shared += 1
            if shared:
                scores.append(((-shared, abs(other - here), -other), candidate.name))
        related[id(post)] = [name for _, name in sorted(scores)[:limit]]
    return related


@given(
    st.lists(st.sets(st.sampled_from("abcde"), max_size=4), max_size=14),
    st.integers(1, 4),
    st.integers(1, 6),
)
def test_the_tag_index_finds_what_comparing_all_pairs_finds(tag_sets, limit, window):
    everything = posts(*[(str(i), sorted(tags)) for i, tags in enumerate(tag_sets)])
    related = related_by_tags(everything, limit=limit, window=window)
    expected = all_pairs(everything, limit, window)
    assert {key: names(found) for key, found in related.items()} == expected


def test_ten_thousand_posts_with_a_shared_tag_stay_fast():
    everything = [
        Post(
            str(i),
            START + timedelta(hours=i),
            ["alle", f"monat-{i // 300}", f"thema-{i % 7}"],
        )
        for i in range(10_000)
    ]
    started = time.perf_counter()
    related = related_by_tags(everything, limit=3, window=50)
    elapsed = time.perf_counter() - started
    assert all(len(found) == 3 for found in related.values())
    # All pairs would be 50 million comparisons; the tag index takes about a second.
    assert elapsed < 15, f"{elapsed:.1f} s"
