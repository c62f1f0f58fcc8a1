"""A realistic, reproducible corpus of German posts for the build benchmark.

Every post is written twice from the same data: with German metadata
(`Titel:`, `Datum: Dienstag, 28. September 2021`) for this site, and with
English keys and ISO dates for stock Pelican, so both build the same texts.
The bodies carry what the text pipeline works on: quotes, dashes, emoji,
shortcodes, hearts, a heading, a list, code.

Two shapes (`FORMS`): `standard`, posts of about 600 words in few categories
with few tags each; and `vielfalt`, a blog of another shape that stresses
what the first leaves easy: short and very long posts mixed, many tags per
post from a large pool, many authors (some posts by two) and categories,
images, links to other posts, tables, footnotes and quotations, posts
without a summary, pages beside the posts and a few drafts.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from perlen.content.dates import format_date
from perlen.content.slugs import german_slug

CATEGORIES = (
    "Haltung",
    "Gestaltung",
    "Marketing",
    "Agenturalltag",
    "Typografie",
    "Werbung",
    "Soziale Medien",
    "Kundenpflege",
    "Fotografie",
    "Strategie",
)
TAGS = (
    "Zusammenarbeit",
    "Kunden",
    "Agenturalltag",
    "Logo",
    "Farben",
    "Schriften",
    "Instagram",
    "Newsletter",
    "Werbekampagne",
    "Briefing",
    "Kreativität",
    "Büro",
    "Teamgeist",
    "Präsentation",
    "Texten",
    "Fotoshooting",
    "Verpackung",
    "Messe",
    "Website",
    "Suchmaschinen",
    "Barrierefreiheit",
    "Druck",
    "Papier",
    "Illustration",
    "Marke",
    "Positionierung",
    "Budget",
    "Angebot",
    "Pitch",
    "Workshop",
    "Moodboard",
    "Weihnachten",
    "Sommerfest",
    "Praktikum",
    "Ausbildung",
    "Nachhaltigkeit",
    "Regionalität",
    "Handwerk",
    "Events",
    "Plakate",
    "Flyer",
    "Geschäftsausstattung",
    "Corporate Design",
    "Farbpsychologie",
    "Bildsprache",
    "Storytelling",
    "Video",
    "Podcast",
    "Interview",
    "Erfolg",
    "Fehler",
    "Feedback",
    "Rechnung",
    "Zeitmanagement",
    "Homeoffice",
    "Werkzeuge",
    "Gründung",
    "Selbstständigkeit",
    "Perlen",
    "Größe",
)
# Writers coin new tags as a blog grows: one more compound per 20 posts.
_TAG_STEMS = (
    "Kunden",
    "Farb",
    "Schrift",
    "Marken",
    "Bild",
    "Text",
    "Web",
    "Druck",
    "Foto",
    "Design",
    "Team",
    "Projekt",
    "Werbe",
    "Messe",
    "Büro",
    "Logo",
    "Papier",
    "Event",
    "Video",
    "Perlen",
    "Ideen",
    "Kreativ",
    "Grafik",
    "Layout",
    "Agentur",
)
_TAG_ENDINGS = (
    "konzept",
    "pflege",
    "strategie",
    "planung",
    "workshop",
    "handwerk",
    "tipps",
    "fehler",
    "trends",
    "beispiele",
    "werkzeuge",
    "geschichte",
    "alltag",
    "budget",
    "briefing",
    "check",
    "kultur",
    "sprache",
    "qualität",
    "wissen",
)
POSTS_PER_NEW_TAG = 20
AUTHORS = ("perlenmädchen", "Frau Müller", "Jördis Weiß", "Anna-Lena Köhler")

_OPENERS = (
    "Wenn der Kunde König ist",
    "Warum gute Gestaltung Zeit braucht",
    "Was wir aus dem letzten Pitch gelernt haben",
    "Mut zur Lücke",
    "Drei Fragen an unsere Praktikantin",
    "Weniger ist mehr",
    "Farben, die verkaufen",
    "Ein Logo für die Bäckerei um die Ecke",
    "Schriften mit Charakter",
    "Hinter den Kulissen",
    "Der perfekte Briefing-Bogen",
    "Über Größe und Bescheidenheit",
    "Die Kunst des Nein-Sagens",
    "Von der Idee zum Plakat",
    "Kaffee, Kreide und Kreativität",
    "Warum wir Papier lieben",
)
_SUFFIXES = (
    "im Perlenbüro",
    "für kleine Unternehmen",
    "– ein Erfahrungsbericht",
    "in fünf Schritten",
    "aus Sicht der Gestalterin",
    "zwischen Budget und Anspruch",
    "am Beispiel einer Kampagne",
    "ohne Agentursprech",
    "für Gründerinnen",
    "im Alltag",
    "und was daraus wurde",
    "mit einem Augenzwinkern",
)
_SENTENCES = (
    'Jeder Unternehmer kennt den Ausspruch "Der Kunde ist König".',
    "Und das Schlimme ist, viele handeln auch so.",
    "Eine gewinnbringende Zusammenarbeit kann immer nur auf Augenhöhe entstehen.",
    "Wir denken, dass das genau der falsche Ansatz ist - und sagen das auch.",
    "Gutes Marketing braucht Vertrauen -- Offenheit ist die wichtigste Säule.",
    "Das sollte kein Unternehmer tun, z. B. nur auf den Preis schauen.",
    "Im Perlenbüro nimmt niemand eine Bückhaltung an.",
    "Lernt neue Kunden erst einmal kennen und denkt gründlich über Aufgaben nach.",
    "Passen eure Denkweisen zusammen? Stimmt die Sympathie?",
    "Seid ehrlich zu euch selbst und hört unbedingt auch auf euren Bauch.",
    "Der winkende Profit sollte nie der ausschlaggebende Faktor sein.",
    "Auf den alten Pfaden hat er es ja scheinbar lang genug versucht 😉",
    "Die Krönung ist eine Kampagne, die alle furchtbar glücklich macht <3",
    "Wir haben 10 % mehr Zeit eingeplant, und das hat sich gelohnt.",
    "Das Angebot lag bei 2.500 € - ein fairer Preis für drei Wochen Arbeit.",
    "Geht's auch ohne Druck? Ja, aber nicht ohne Plan.",
    "Der Termin war von 9-17 Uhr angesetzt, die Ideen kamen trotzdem erst abends...",
    "Sie sagte: 'Probiert es einfach aus' - und wir haben es getan.",
    "Am Ende zählt das Ergebnis :wink:",
    "Unsere Lieblingsfarbe bleibt das Perlmutt :heart:",
    "Manchmal hilft nur ein ehrliches Gespräch :zwinkerndes_gesicht:",
    "Das Team hat gefeiert 🎉 und am nächsten Morgen weitergemacht.",
    "Die erste Skizze entstand auf einer Serviette im Café.",
    "Ein gutes Briefing spart Zeit, Geld und Nerven, d. h. alle gewinnen.",
    "Schrift ist die Stimme eines Textes, Farbe seine Stimmung.",
    "Wir schreiben „so“ und nicht anders, weil es zur Marke passt.",
    "Die Druckerei lieferte 5 km Papierbahn - zumindest fühlte es sich so an.",
    "Kunden, die zuhören, bekommen bessere Arbeit; das ist keine Magie.",
    "Wer alles gleichzeitig will, bekommt am Ende nichts richtig.",
    "Mit `git log` sehen wir, wie oft sich die Website geändert hat.",
    "Mehr dazu steht auf [unserer Leistungsseite](https://example.org/leistungen/).",
    "Am 28. September ging die Kampagne online, S. 12 im Magazin inklusive.",
)
_HEADINGS = (
    "Was wir gelernt haben",
    "So gehen wir vor",
    "Drei Dinge zum Mitnehmen",
    "Unser Fazit",
    "Und jetzt?",
    "Ein Blick zurück",
    "Die Zahlen",
)
_LIST_ITEMS = (
    "Zuhören, bevor wir gestalten",
    "Ehrliche Angebote ohne Kleingedrucktes",
    "Ein Ansprechpartner für alles",
    "Feedback in zwei Runden",
    "Dateien in allen Formaten",
    "Korrekturen bis zum Druck",
    "Ein Kaffee zum Kennenlernen <3",
    "Termine, die halten",
)
_CODE = (
    (
        "css",
        ":root {\n  --perlmutt: #f4efe9;\n  --akzent: #b03a5b;\n}\n"
        "a:hover { color: var(--akzent); }",
    ),
    (
        "python",
        'def gruss(name: str) -> str:\n    return f"Hallo, {name} <3"\n\n'
        'print(gruss("Welt"))',
    ),
    ("html", '<p class="hinweis">Der "Kunde" ist -- hier -- kein König :wink:</p>'),
    ("bash", "make html && make serve  # Vorschau auf http://127.0.0.1:8000"),
)

# Posts spread evenly over these years whatever their number, so yearly
# archives grow with the corpus as a busier blog's would.
FIRST_DAY = datetime(2013, 1, 7, 9, 0)
LAST_DAY = datetime(2024, 12, 20, 18, 0)


FORMS = ("standard", "vielfalt")


@dataclass(frozen=True)
class Post:
    """One post's data, independent of how its metadata is spelled.

    `body` is spelled as the agency's writers link (`../2019/beitrag.md`,
    `/images/foto.png`); `stock_markdown` turns such links into Pelican's
    syntax. A `page` lives in `pages/`, a `draft` is not published.
    """

    title: str
    date: datetime
    author: str
    category: str
    tags: tuple[str, ...]
    summary: str
    body: str
    coauthor: str = ""
    image: str = ""
    draft: bool = False
    page: bool = False

    @property
    def slug(self) -> str:
        return german_slug(self.title)

    @property
    def path(self) -> str:
        """Where the post lives below `content/`, as writers file them."""
        if self.page:
            return f"pages/{self.slug}.md"
        return f"posts/{self.date:%Y}/{self.slug}.md"


def generate(count: int, *, seed: int = 28092021, form: str = "standard") -> list[Post]:
    """`count` posts of the given shape (`FORMS`), the same for the same seed."""
    if form == "vielfalt":
        return _varied(count, seed)
    return _standard(count, seed)


def _standard(count: int, seed: int) -> list[Post]:
    """`count` posts, ~600 words each, unique slugs.

    Dates spread evenly from 2013 to 2024 and the tag pool grows with the
    corpus, so archives, tag and category pages grow as a real blog's do and
    a step that is quadratic in posts or tags shows in the scale run.
    """
    rng = random.Random(seed)
    compounds = [stem + ending for stem in _TAG_STEMS for ending in _TAG_ENDINGS]
    rng.shuffle(compounds)
    tags = TAGS + tuple(compounds[: count // POSTS_PER_NEW_TAG])
    posts: list[Post] = []
    slugs: set[str] = set()
    step = (LAST_DAY - FIRST_DAY) / max(count, 1)
    for number in range(count):
        title = _unique_title(rng, number, slugs)
        posts.append(
            Post(
                title=title,
                date=_date(rng, number, step),
                author=rng.choice(AUTHORS),
                category=rng.choice(CATEGORIES),
                tags=tuple(rng.sample(tags, rng.randint(2, 5))),
                summary=rng.choice(_SENTENCES).replace("`", ""),
                body=_body(rng, with_code=number % 3 == 0),
            )
        )
    return posts


def _unique_title(rng: random.Random, number: int, slugs: set[str]) -> str:
    """A title whose slug is not in `slugs` yet (then added)."""
    title = f"{rng.choice(_OPENERS)} {rng.choice(_SUFFIXES)}"
    if german_slug(title) in slugs:
        title = f"{title} (Teil {number + 1})"
    slugs.add(german_slug(title))
    return title


def _date(rng: random.Random, number: int, step: timedelta) -> datetime:
    """Post `number`'s date: evenly spread, at a random time of its day."""
    return FIRST_DAY + number * step + timedelta(minutes=rng.randint(0, 300))


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(5, 8)))


def _body(rng: random.Random, *, with_code: bool) -> str:
    """Markdown of about 600 words: paragraphs, a heading, a list, maybe code."""
    blocks = [_paragraph(rng) for _ in range(3)]
    blocks.append(f"## {rng.choice(_HEADINGS)}")
    blocks += [_paragraph(rng) for _ in range(2)]
    blocks.append("\n".join(f"- {item}" for item in rng.sample(_LIST_ITEMS, 4)))
    blocks += [_paragraph(rng) for _ in range(2)]
    if with_code:
        language, code = rng.choice(_CODE)
        blocks.append(f"```{language}\n{code}\n```")
    blocks += [_paragraph(rng) for _ in range(2)]
    return "\n\n".join(blocks)


def german_markdown(post: Post) -> str:
    """The post as the agency's writers write it."""
    authors = {"Autorinnen": f"{post.author}, {post.coauthor}"}
    header = {
        "Titel": post.title,
        "Datum": format_date(post.date, "EEEE, d. MMMM y") + f" {post.date:%H:%M}",
        **(authors if post.coauthor else {"Autorin": post.author}),
        "Kategorie": post.category,
        "Schlagwörter": ", ".join(post.tags),
        "Zusammenfassung": post.summary,
        "Titelbild": post.image,
        "Status": "Entwurf" if post.draft else "",
    }
    return _markdown(header, post.body)


def stock_markdown(post: Post) -> str:
    """The same post for stock Pelican: English keys, ISO date, ASCII slug."""
    authors = {"Authors": f"{post.author}, {post.coauthor}"}
    header = {
        "Title": post.title,
        "Date": f"{post.date:%Y-%m-%d %H:%M}",
        **(authors if post.coauthor else {"Author": post.author}),
        "Category": post.category,
        "Tags": ", ".join(post.tags),
        "Summary": post.summary,
        "Slug": post.slug,
        "Image": post.image,
        "Status": "draft" if post.draft else "",
    }
    return _markdown(header, _LOCAL_LINK.sub(_pelican_link, post.body))


# A writer's link to another post (`../2019/x.md`) or to a shared image.
_LOCAL_LINK = re.compile(r"\]\((?P<url>(?:\.\./|/images/)[^)\s]+)\)")


def _pelican_link(match: re.Match[str]) -> str:
    url = match["url"]
    syntax = "{filename}" if url.endswith(".md") else "{static}"
    return f"]({syntax}{url})"


def _markdown(header: dict[str, str], body: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in header.items() if value)
    return f"{lines}\n{body}\n"


def write(posts: Iterable[Post], content: Path, *, german: bool) -> list[Path]:
    """Write the posts below `content/` in one spelling, and the images they
    show to `content/images/`; returns the posts' paths."""
    render = german_markdown if german else stock_markdown
    paths = []
    shows_images = False
    for post in posts:
        path = content / post.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(post), encoding="utf-8")
        paths.append(path)
        shows_images = shows_images or bool(post.image) or "/images/" in post.body
    if shows_images:
        images = content / "images"
        images.mkdir(parents=True, exist_ok=True)
        for number in range(IMAGES):
            (images / _image_name(number)).write_bytes(_png(number))
    return paths


# The second shape, `vielfalt`.
IMAGES = 12
VARIED_AUTHORS = tuple(
    f"{first} {last}"
    for first in ("Anna", "Jördis", "Lena", "Merle", "Özlem", "Till", "Jonas", "Ida")
    for last in ("Müller", "Weiß", "Köhler", "Brandt", "Şahin")
)  # 40
VARIED_CATEGORIES = CATEGORIES + tuple(
    f"{stem}{ending}".capitalize()
    for stem in ("Kunden", "Marken", "Druck", "Foto")
    for ending in ("strategie", "handwerk", "wissen", "kultur", "alltag")
)  # 30
_PAGES = (
    "Über uns",
    "Impressum",
    "Datenschutz",
    "Leistungen",
    "Kontakt",
    "Jobs",
    "Presse",
    "Referenzen",
)
_QUOTES = (
    '"Gute Gestaltung ist so wenig Gestaltung wie möglich." -- Dieter Rams',
    "'Einfach' ist das Schwerste, was es gibt... sagt unsere Chefin :heart:",
    '"Wer nicht wirbt, stirbt" - ein Satz, den wir so nicht unterschreiben 😅',
)


def _varied(count: int, seed: int) -> list[Post]:
    """`count` posts and `count // 20` pages of the `vielfalt` shape.

    Lengths: half short (about 80 words), a third about 600, one in six
    about 3,000 words in sections with tables, quotations and footnotes.
    3–12 tags per post from a pool of `count // 2` (a few much used), 40
    authors, 30 categories, one post in four with a Titelbild, one in
    seven by two authors, half without a summary, one in 50 a draft.
    """
    rng = random.Random(seed)
    pool = _tag_pool(rng, max(60, count // 2))
    posts: list[Post] = []
    slugs: set[str] = set()
    step = (LAST_DAY - FIRST_DAY) / max(count, 1)
    for number in range(count):
        title = _unique_title(rng, number, slugs)
        authors = rng.sample(VARIED_AUTHORS, 2)
        popular = rng.sample(pool[:20], rng.randint(1, 3))
        rare = rng.sample(pool[20:], rng.randint(2, 9))
        length = rng.random()
        posts.append(
            Post(
                title=title,
                date=_date(rng, number, step),
                author=authors[0],
                coauthor=authors[1] if rng.random() < 1 / 7 else "",
                category=rng.choice(VARIED_CATEGORIES),
                tags=tuple(dict.fromkeys(popular + rare)),
                summary=rng.choice(_SENTENCES).replace("`", "")
                if rng.random() < 0.5
                else "",
                body=_varied_body(rng, length, posts),
                image=f"/images/{_image_name(rng.randrange(IMAGES))}"
                if rng.random() < 0.25
                else "",
                draft=rng.random() < 0.02,
            )
        )
    for number in range(count // 20):
        name = _PAGES[number % len(_PAGES)]
        title = name if number < len(_PAGES) else f"{name} {number // len(_PAGES)}"
        posts.append(
            Post(
                title=title,
                date=LAST_DAY,
                author=rng.choice(VARIED_AUTHORS),
                category="",
                tags=(),
                summary="",
                body=_varied_body(rng, rng.random() * 0.85, posts, "../posts/"),
                page=True,
            )
        )
    return posts


def _tag_pool(rng: random.Random, size: int) -> list[str]:
    compounds = [stem + ending for stem in _TAG_STEMS for ending in _TAG_ENDINGS]
    rng.shuffle(compounds)
    pool = list(TAGS) + compounds
    series = 2
    while len(pool) < size:
        pool += [f"{tag} {series}" for tag in compounds[: size - len(pool)]]
        series += 1
    return pool[:size]


def _varied_body(
    rng: random.Random, length: float, earlier: list[Post], up: str = "../"
) -> str:
    """Short, medium or long Markdown with what makes posts heavy to build;
    `up` leads from the post's folder to the year folders."""
    if length < 0.5:
        return _paragraph(rng) + " " + _link(rng, earlier, up)
    if length < 5 / 6:
        blocks = [_paragraph(rng), _image(rng), _body(rng, with_code=False)]
        blocks.append(f"{_paragraph(rng)} {_link(rng, earlier, up)}[^1]")
        blocks.append(f"[^1]: {rng.choice(_SENTENCES)}")
        return "\n\n".join(blocks)
    blocks = []
    for section in range(5):
        blocks.append(f"## {rng.choice(_HEADINGS)} ({section + 1})")
        blocks += [_paragraph(rng) for _ in range(4)]
        blocks.append(f"> {rng.choice(_QUOTES)}")
        blocks.append(f"{_paragraph(rng)} {_link(rng, earlier, up)}[^{section + 1}]")
        blocks.append(_table(rng))
        blocks.append(_image(rng))
        blocks += [_paragraph(rng) for _ in range(3)]
    blocks += [f"[^{n}]: {rng.choice(_SENTENCES)}" for n in range(1, 6)]
    return "\n\n".join(blocks)


def _link(rng: random.Random, earlier: list[Post], up: str) -> str:
    """A writer's link to an earlier post, or to another website."""
    posts = [post for post in earlier[-50:] if not post.page and not post.draft]
    if not posts:
        return "[Mehr bei uns](https://example.org/leistungen/)."
    post = rng.choice(posts)
    return f"Siehe auch [„{post.title}“]({up}{post.date:%Y}/{post.slug}.md)."


def _image(rng: random.Random) -> str:
    return f"![{rng.choice(_LIST_ITEMS)}](/images/{_image_name(rng.randrange(IMAGES))})"


def _table(rng: random.Random) -> str:
    rows = [
        f"| {item} | {rng.randint(1, 40)} | {rng.randint(100, 9000)} € |"
        for item in rng.sample(_LIST_ITEMS, 4)
    ]
    return "\n".join(["| Leistung | Stunden | Preis |", "| --- | :-: | --: |", *rows])


def _image_name(number: int) -> str:
    return f"foto-{number + 1:02d}.png"


def _png(number: int) -> bytes:
    """A valid one-pixel PNG, a different colour for each number."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    pixel = bytes([0, number * 20 % 256, 120, 200])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0]))
        + chunk(b"IDAT", zlib.compress(pixel))
        + chunk(b"IEND", b"")
    )
