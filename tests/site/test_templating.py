"""Jinja filters for German dates and plain text."""

from datetime import datetime

from jinja2 import Environment
from perlen.content.dates import BERLIN
from perlen.site.templating import add_filters, plaintext


class FakeGenerator:
    def __init__(self, settings):
        self.settings = settings
        self.env = Environment()


def render(template: str, settings=None, **values) -> str:
    generator = FakeGenerator(settings or {})
    add_filters(generator)
    return generator.env.from_string(template).render(**values)


def test_datum_filter_default_and_pattern():
    day = datetime(2021, 9, 28, 14, 30, tzinfo=BERLIN)
    assert render("{{ d|datum }}", d=day) == "Dienstag, 28. September 2021"
    assert render('{{ d|datum("MMMM y") }}', d=day) == "September 2021"
    assert (
        render("{{ d|datum }}", {"PERLEN_DATE_PATTERN": "d. MMM y"}, d=day)
        == "28. Sept. 2021"
    )


def test_plaintext_strips_markup_and_entities():
    html = 'Kunde &amp; König <span class="emoji" role="img" aria-label="x">😉</span>'
    assert plaintext(html) == "Kunde & König 😉"
    assert (
        render("{{ t|plaintext|e }}", t="&lt;/script&gt; &quot;x&quot;")
        == "&lt;/script&gt; &#34;x&#34;"
    )


class Post:
    def __init__(self, content, summary=None):
        self.content = content
        self.metadata = {"summary": summary} if summary else {}


def test_a_posts_teaser_is_made_once_per_generator(monkeypatch):
    from perlen.site import templating

    made = []
    teaser = templating.teaser
    monkeypatch.setattr(
        templating,
        "teaser",
        lambda text, limit: made.append(text) or teaser(text, limit),
    )
    generator = FakeGenerator({})
    add_filters(generator)
    card = generator.env.from_string("{{ p|teaser }}")
    first, second = Post("<p>Erster Absatz.</p>"), Post("<p>Zweiter.</p>")
    pages = [card.render(p=post) for post in (first, second, first, first, second)]
    assert pages == [
        "Erster Absatz.",
        "Zweiter.",
        "Erster Absatz.",
        "Erster Absatz.",
        "Zweiter.",
    ]
    assert made == ["<p>Erster Absatz.</p>", "<p>Zweiter.</p>"]
    # Another generator (the next build of the preview) makes them anew.
    again = FakeGenerator({})
    add_filters(again)
    assert again.env.from_string("{{ p|teaser }}").render(p=first) == "Erster Absatz."
    assert len(made) == 3
