"""Tag, category and author pages: constant-time membership, same posts."""

from types import SimpleNamespace

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


def test_generator_lists_become_listings_in_place():
    a, b, c = Post(), Post(), Post()
    categories = [("Haltung", [a, b])]
    generator = SimpleNamespace(
        tags={"Kunden": [a, c]},
        categories=categories,
        authors=[("Anna", [c])],
        context={},
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
