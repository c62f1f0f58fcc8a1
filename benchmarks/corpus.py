"""A realistic, reproducible corpus of German posts for the build benchmark.

Every post is written twice from the same data: with German metadata
(`Titel:`, `Datum: Dienstag, 28. September 2021`) for this site, and with
English keys and ISO dates for stock Pelican, so both build the same texts.
The bodies carry what the text pipeline works on: quotes, dashes, emoji,
shortcodes, hearts, a heading, a list, code.
"""

from __future__ import annotations

import random
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


@dataclass(frozen=True)
class Post:
    """One post's data, independent of how its metadata is spelled."""

    title: str
    date: datetime
    author: str
    category: str
    tags: tuple[str, ...]
    summary: str
    body: str

    @property
    def slug(self) -> str:
        return german_slug(self.title)

    @property
    def path(self) -> str:
        """Where the post lives below `content/`, as writers file them."""
        return f"posts/{self.date:%Y}/{self.slug}.md"


def generate(count: int, *, seed: int = 28092021) -> list[Post]:
    """`count` posts, the same for the same seed: ~600 words each, unique slugs.

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
        title = f"{rng.choice(_OPENERS)} {rng.choice(_SUFFIXES)}"
        if german_slug(title) in slugs:
            title = f"{title} (Teil {number + 1})"
        slugs.add(german_slug(title))
        posts.append(
            Post(
                title=title,
                date=FIRST_DAY + number * step + timedelta(minutes=rng.randint(0, 300)),
                author=rng.choice(AUTHORS),
                category=rng.choice(CATEGORIES),
                tags=tuple(rng.sample(tags, rng.randint(2, 5))),
                summary=rng.choice(_SENTENCES).replace("`", ""),
                body=_body(rng, with_code=number % 3 == 0),
            )
        )
    return posts


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
    header = {
        "Titel": post.title,
        "Datum": format_date(post.date, "EEEE, d. MMMM y") + f" {post.date:%H:%M}",
        "Autorin": post.author,
        "Kategorie": post.category,
        "Schlagwörter": ", ".join(post.tags),
        "Zusammenfassung": post.summary,
    }
    return _markdown(header, post.body)


def stock_markdown(post: Post) -> str:
    """The same post for stock Pelican: English keys, ISO date, ASCII slug."""
    header = {
        "Title": post.title,
        "Date": f"{post.date:%Y-%m-%d %H:%M}",
        "Author": post.author,
        "Category": post.category,
        "Tags": ", ".join(post.tags),
        "Summary": post.summary,
        "Slug": post.slug,
    }
    return _markdown(header, post.body)


def _markdown(header: dict[str, str], body: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in header.items())
    return f"{lines}\n{body}\n"


def write(posts: Iterable[Post], content: Path, *, german: bool) -> list[Path]:
    """Write the posts below `content/` in one spelling; returns the paths."""
    render = german_markdown if german else stock_markdown
    paths = []
    for post in posts:
        path = content / post.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(post), encoding="utf-8")
        paths.append(path)
    return paths
