"""Tag, category and author pages: constant-time membership, same posts."""

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st
from pelican.generators import ArticlesGenerator
from perlen.site.listings import Listing, index_listings


class Post:
    """Compares like Pelican's content (by identity) but fails if compared:
    a membership test that walks the list would call `__eq__`."""

    def __eq__(self, other):
        raise AssertionError("membership must not compare posts one by one")

    __hash__ = object.__hash__


def test_membership_is_a_lookup_not_a_scan():
    posts = [Post() for _ in range(5)]
    listing = Listing(posts[:3])
    assert listing == posts[:3]
    assert posts[1] in listing
    assert posts[4] not in listing


def test_membership_follows_appended_posts():
    first, later = Post(), Post()
    listing = Listing([first])
    listing.append(later)
    assert later in listing


@dataclass(frozen=True)
class Name:
    """A tag, category or author as the listing pages' methods use it."""

    name: str

    @property
    def save_as(self):
        return f"{self.name}.html"

    url = page_name = save_as


class Generator:
    """The parts of Pelican's article generator that write the tag, category
    and author pages, with its own methods; `written` records each page's
    name and the posts of its `dates`."""

    generate_tags = ArticlesGenerator.generate_tags
    generate_categories = ArticlesGenerator.generate_categories
    generate_authors = ArticlesGenerator.generate_authors

    def __init__(self, dates, tags, categories, authors):
        self.dates, self.articles = dates, list(dates)
        self.tags, self.categories, self.authors = tags, categories, authors
        self.context, self.written = {}, []

    def get_template(self, name):
        return name

    def write(self, name, template, context, **page):
        self.written.append((name, [id(post) for post in page["dates"]]))

    def write_listing_pages(self):
        for write_pages in (
            self.generate_tags,
            self.generate_categories,
            self.generate_authors,
        ):
            write_pages(self.write)
        return self.written


def test_generator_lists_become_listings_in_place():
    a, b, c = Post(), Post(), Post()
    categories = [("Haltung", [a, b])]
    generator = Generator(
        [a, b, c],
        tags={"Kunden": [a, c]},
        categories=categories,
        authors=[("Anna", [c])],
    )
    index_listings(generator)
    assert isinstance(generator.tags["Kunden"], Listing)
    assert generator.tags["Kunden"] == [a, c]
    # The template context holds the same list object as the generator.
    assert generator.categories is categories
    assert isinstance(categories[0][1], Listing) and categories[0] == (
        "Haltung",
        [a, b],
    )
    assert generator.authors[0][1] == [c] and c in generator.authors[0][1]
    # Templates learn which of them have a page of their own.
    assert generator.context["listed"] == {"Kunden", "Haltung", "Anna"}


def test_tag_page_lists_exactly_its_posts(site, make_post):
    site.write("posts/a.md", make_post(Titel="Kundenbesuch", Schlagwörter="Kunden"))
    site.write(
        "posts/b.md",
        make_post(
            Titel="Farbenlehre",
            Datum="Mittwoch, 29. September 2021",
            Schlagwörter="Kunden, Farben",
        ),
    )
    site.write("posts/c.md", make_post(Titel="Pinselstrich", Schlagwörter="Farben"))
    site.build()
    page = site.html("schlagwort/kunden/index.html")
    assert "Pinselstrich" not in page
    assert page.index("Farbenlehre") < page.index("Kundenbesuch")


def _generator(count, tags, categories, authors, post=Post):
    posts = [post() for _ in range(count)]

    def lists(entries):
        return [(Name(name), [posts[i] for i in indices]) for name, indices in entries]

    return Generator(
        posts[::-1],  # date order is not the order the lists were filled in
        dict(lists(tags)),
        lists(categories),
        lists(authors),
    )


_ENTRIES = st.lists(
    st.tuples(st.text("abc", min_size=1, max_size=3), st.lists(st.integers(0, 11))),
    max_size=6,
    unique_by=lambda entry: entry[0],
)


@given(tags=_ENTRIES, categories=_ENTRIES, authors=_ENTRIES)
def test_listing_pages_are_written_as_pelican_writes_them(tags, categories, authors):
    """The same pages in the same order, each with the same posts in date
    order, as Pelican's own search of all posts for every page finds."""
    # Pelican's search compares posts with `==`: plain objects, by identity.
    pelicans = _generator(12, tags, categories, authors, post=object)
    expected = pelicans.write_listing_pages()
    ours = _generator(12, tags, categories, authors)
    index_listings(ours)
    # Ids are of other posts; positions in date order compare.
    order = {id(post): i for i, post in enumerate(ours.dates)}
    pelicans_order = {id(post): i for i, post in enumerate(pelicans.dates)}
    assert [
        (name, [order[i] for i in posts]) for name, posts in ours.write_listing_pages()
    ] == [(name, [pelicans_order[i] for i in posts]) for name, posts in expected]
    # The generator is as it was: a later step sees all tags and posts.
    assert len(ours.dates) == 12 and [t.name for t in ours.tags] == [
        name for name, _ in tags
    ]


def test_listing_pages_look_at_each_of_their_posts_once(monkeypatch):
    """Work in proportion to the posts listed, not to the pages times all
    posts (400 tags over 2,000 posts would be 800,000 looks)."""
    looked = 0
    contains = Listing.__contains__

    def counted(self, item):
        nonlocal looked
        looked += 1
        return contains(self, item)

    monkeypatch.setattr(Listing, "__contains__", counted)
    tags = [(f"t{n}", list(range(n * 5, n * 5 + 5))) for n in range(400)]
    generator = _generator(2000, tags, [("k", [0, 1])], [("a", [2])])
    index_listings(generator)
    generator.write_listing_pages()
    assert looked == 400 * 5 + 2 + 1


class Dated(Post):
    """A post with a date that fails if compared one by one (`Post`)."""

    def __init__(self, date):
        self.date = date


_ARCHIVE_SETTINGS = {
    "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/index.html",
    "YEAR_ARCHIVE_URL": "{date:%Y}/",
    "MONTH_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/index.html",
    "MONTH_ARCHIVE_URL": "{date:%Y}/{date:%m}/",
    "DAY_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/{date:%d}/index.html",
    "DAY_ARCHIVE_URL": "{date:%Y}/{date:%m}/{date:%d}/",
}


class ArchivesGenerator:
    """The part of Pelican's article generator that builds the period
    archives, with its own method."""

    _build_period_archives = ArticlesGenerator._build_period_archives


def _archives(generator, posts, order):
    dates = sorted(posts, key=lambda post: post.date, reverse=True)
    articles = [posts[i] for i in order]
    built = generator._build_period_archives(dates, articles, _ARCHIVE_SETTINGS)
    # Posts by their place in `posts`, so two builds compare.
    place = {id(post): i for i, post in enumerate(posts)}
    return {
        granularity: [
            {
                **archive,
                "dates": [place[id(p)] for p in archive["dates"]],
                "articles": [place[id(p)] for p in archive["articles"]],
            }
            for archive in archives
        ]
        for granularity, archives in built.items()
    }


@given(
    days=st.lists(
        st.tuples(st.integers(2019, 2021), st.integers(1, 2), st.integers(1, 3)),
        max_size=25,
    ),
    data=st.data(),
)
def test_period_archives_are_built_as_pelican_builds_them(days, data):
    """The same archives with the same posts in the same order as Pelican's
    own search of all posts for every year, month and day."""
    from datetime import datetime

    from perlen.site.listings import archive_in_linear_time

    order = data.draw(st.permutations(range(len(days))))
    # Pelican's search compares posts with `==`: by identity, as `object`'s.
    pelicans = [type("Plain", (), {"date": datetime(*day)})() for day in days]
    expected = _archives(ArchivesGenerator(), pelicans, order)
    ours = ArchivesGenerator()
    archive_in_linear_time(ours)
    assert _archives(ours, [Dated(datetime(*day)) for day in days], order) == expected


def test_period_archives_compare_no_posts_one_by_one():
    """Pelican looked for every post in each period's list of posts, comparing
    them one by one (quadratic); `Dated` fails if compared."""
    from datetime import datetime, timedelta

    from perlen.site.listings import archive_in_linear_time

    posts = [Dated(datetime(2013, 1, 1) + timedelta(days=n)) for n in range(2000)]
    generator = ArchivesGenerator()
    archive_in_linear_time(generator)
    built = _archives(generator, posts, range(len(posts)))
    assert sum(len(year["articles"]) for year in built["year"]) == 2000
    assert len(built["day"]) == 2000
