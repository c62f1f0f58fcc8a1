"""Properties of the text pipeline over generated Markdown (hypothesis)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_html import converter
from perlen.text.document import document_state

VOID = {"br", "hr", "img", "input", "wbr", "meta", "link"}
CODE = {"code", "pre", "kbd", "samp", "script", "style", "textarea"}
# The spans the pipeline adds, by class.
OURS = {"emoji", "emoji heart", "amp", "caps"}
DOUBLE_ENCODED = re.compile(r"&amp;(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")

# Text that no rule applies to, also as Markdown around it: code, attributes
# and URLs may contain anything, since no rule touches them.
WORDS = ["Kunde", "König", "ist", "wir", "Zusammenarbeit", "auf", "Augenhöhe", "und"]
PLAIN_TOKENS = [
    *WORDS, "5", "Minuten", "E-Mail", "2021-09-28", "x<3", "a <30", "(so)", "Ein-",
    "*Betonung*", "**fett**", '`"x" -- <3 ... z. B.`', "[Link](https://e.org/a--b)",
    "[Link](https://e.org/a--b \"Titel\")", "<https://e.org/a---b...c>",
    "https://e.org/a---b...c?x='y'", '<abbr title="a -- b... \'x\'">x</abbr>',
    "<kbd>Strg - C</kbd>", "&amp;", "&lt;3", "&hellip;", "Text<br>", ":keinemoji:",
]  # fmt: skip
PATTERN_TOKENS = [
    '"', "'", "geht's", " - ", " -- ", "---", "...", "1990-2000", "9-17 Uhr",
    "z. B.", "S. 12", "5 km", "10 %", "20 €", "28. September", ":wink:",
    ":zwinkerndes_gesicht:", "😉", "👩‍💻", "<3", "</3", "&", "KI", "ÖPNV", ";-)",
    "[Link](https://e.org/ \"t -- 'x' <3\")", "![Bild \"a\" - <3](b.png)", "<br>",
    "&nbsp;", "'90er", "Grass'", "-5", "Mo-Fr", "z.B.", "Dr. Müller", "1:100:1000",
    "“so”", "10 GB", "9.30-17.00", "030 123456-78", "<3<3",
]  # fmt: skip
# Attributes whose text the pipeline sets like body text (a permalink's
# label repeats its heading's text).
TEXT_ATTRIBUTES = {"alt", "title", "aria-label"}
# (Indented code would continue a list item as a paragraph: see the examples.)
CODE_BLOCKS = [
    "```\nx = \"a\" -- 'b'... <3 :wink: 😉\n```",
    '~~~\neingerückt "a" -- b <3\n~~~',
    '<div title="a -- b <3">\n"roh" -- 5 km <3 :wink:\n</div>',
    '<script>if (a <3) { x = "--"; }</script>',
]


def documents(tokens: list[str]) -> st.SearchStrategy[str]:
    """Markdown documents: paragraphs, headings, lists, quotes, code blocks."""
    line = st.lists(st.sampled_from(tokens), min_size=1, max_size=12).map(" ".join)
    block = st.one_of(
        line,
        st.lists(line, min_size=2, max_size=3).map("\n".join),
        line.map(lambda t: "## " + t),
        st.lists(line, min_size=1, max_size=3).map(
            lambda ls: "\n".join("- " + x for x in ls)
        ),
        line.map(lambda t: "> " + t),
        st.sampled_from(CODE_BLOCKS),
    )
    return st.lists(block, min_size=1, max_size=6).map("\n\n".join)


class Parsed(HTMLParser):
    """Start tags, the text inside code-like elements, and whether tags balance."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.code: list[str] = []
        self.balanced = True
        self.feed(html)
        self.close()
        self.balanced = self.balanced and not self.open

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open.pop() != tag:
            self.balanced = False

    def handle_data(self, data):
        if CODE & set(self.open):
            self.code.append(data)


def ours(tag: tuple[str, list[tuple[str, str | None]]]) -> bool:
    return tag[0] == "span" and dict(tag[1]).get("class") in OURS


def without_text(tag: tuple[str, list[tuple[str, str | None]]]) -> tuple:
    return tag[0], [(k, v) for k, v in tag[1] if k not in TEXT_ATTRIBUTES]


FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(documents(PLAIN_TOKENS + PATTERN_TOKENS))
def test_output_is_well_formed_and_code_unchanged(markdown):
    plain = Parsed(converter(pipeline=False).convert(markdown))
    typeset = Parsed(converter().convert(markdown))
    assert typeset.balanced == plain.balanced
    assert typeset.code == plain.code
    # Every tag and attribute the writer's Markdown made is still there;
    # only alt texts and titles are set as text.
    assert [without_text(t) for t in typeset.tags if not ours(t)] == [
        without_text(t) for t in plain.tags
    ]


@FAST
@given(documents(PLAIN_TOKENS + PATTERN_TOKENS))
def test_rendering_is_deterministic(markdown):
    md = converter()
    first = md.convert(markdown)
    md.reset()
    assert md.convert(markdown) == first
    assert converter().convert(markdown) == first


@FAST
@given(documents(PLAIN_TOKENS + PATTERN_TOKENS))
def test_no_entity_is_encoded_twice(markdown):
    plain = converter(pipeline=False).convert(markdown)
    typeset = converter().convert(markdown)
    assert len(DOUBLE_ENCODED.findall(typeset)) == len(DOUBLE_ENCODED.findall(plain))


@FAST
@given(documents(PLAIN_TOKENS))
def test_without_patterns_the_html_is_plain_markdowns(markdown):
    plain = converter(pipeline=False).convert(markdown)
    no_widont = {"PERLEN_TYPOGRIFY_FILTERS": ["amp", "caps"]}
    assert converter(**no_widont).convert(markdown) == plain
    # widont, on by default, only makes one space per block non-breaking.
    glued = converter().convert(markdown)
    assert glued.count("\u00a0") <= plain.count("\u00a0") + plain.count("</")
    assert " ".join(glued.replace("\u00a0", " ").split()) == " ".join(plain.split())


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


# Tokens whose digits become a symbol: shortcodes, hearts.
NUMBERS = [t for t in PLAIN_TOKENS + PATTERN_TOKENS if ":" not in t and "3" not in t]


@FAST
@given(documents(NUMBERS))
def test_no_number_is_ever_lost(markdown):
    plain = converter(pipeline=False).convert(markdown)
    typeset = converter().convert(markdown)
    assert re.findall(r"\d+", _text(typeset)) == re.findall(r"\d+", _text(plain))


@FAST
@given(documents(PLAIN_TOKENS))
def test_english_text_without_patterns_is_plain_markdown(markdown):
    english = {}
    for pipeline in (False, True):
        md = converter(pipeline, PERLEN_TYPOGRIFY_FILTERS=["amp", "caps"])
        document_state(md).lang = "en"  # also the permalinks' labels
        english[pipeline] = md.convert(markdown)
    assert english[True] == english[False]


# What a writer types in prose, with the classes where Markdown or a text
# rule could change what it says: gender forms, hashtags, comparisons,
# identifiers, ranges, quotes, units.
PROSE_START = [
    *WORDS, "Kund*innen", "Partner*innen", "jede*r", "Mitarbeiter*in", "Kund:innen",
    "Kund_innen", "Kund/-innen", "KundInnen", "#Sommerfest", "#Agenturleben",
    "#1", "Ladezeit", "Am",
]  # fmt: skip
PROSE = [
    *PROSE_START, "Kund*in", "<3", "</3", "<3 s", "<3 Sekunden", "< 3 %", "<3ms",
    "<3,5 kg", "<33", "<3 Min.", "x<3", "ISO 9241-110", "DIN EN 1090-2",
    "Auftrags-Nr. 2024-117", "RE-2024-0815", "1.2-3", "12.-14. März",
    "23.12.-02.01.", "18-25-Jährige", "1990-2000", "9-17 Uhr", "20%", "30°C",
    "§5", "EUR 2.500", "USD 25,50", "geht´s", "gibt's", '"Hallo"', "'24/7'",
    "'24", 'sagte:"Hallo"', '"Dienstleister"/"Partner"', "5*3", "2 * 3", "a*b",
    "z.B.", "...", "-", "Mo-Fr", "-5 °C", "& Co.", "ÖPNV", "10 GB", "#", "<",
]  # fmt: skip


def prose() -> st.SearchStrategy[str]:
    line = st.tuples(
        st.sampled_from(PROSE_START),
        st.lists(st.sampled_from(PROSE), max_size=10),
    ).map(lambda t: " ".join([t[0], *t[1]]))
    paragraph = st.lists(line, min_size=1, max_size=3).map("\n".join)
    return st.lists(paragraph, min_size=1, max_size=4).map("\n\n".join)


# A heart's label → the characters it replaces.
HEARTS = {
    "rotes Herz": "<3",
    "gebrochenes Herz": "</3",
    "red heart": "<3",
    "broken heart": "</3",
}


class Seen(HTMLParser):
    """The characters a reader gets, hearts read as the `<3` they replace."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_symbol = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("role") == "img":
            self.parts.append(HEARTS[attributes["aria-label"]])
            self.in_symbol += 1
        elif self.in_symbol and tag not in VOID:
            self.in_symbol += 1

    def handle_endtag(self, tag):
        if self.in_symbol and tag not in VOID:
            self.in_symbol -= 1

    def handle_data(self, data):
        if not self.in_symbol:
            self.parts.append(data)


def meaningful(text: str) -> str:
    """Letters, digits, `*`, `#` and `<`: what must never change."""
    return "".join(c for c in text if c.isalnum() or c in "*#<")


@FAST
@given(prose())
def test_a_reader_sees_every_letter_digit_star_hash_and_less_than_typed(text):
    seen = "".join(Seen(converter().convert(text)).parts)
    assert meaningful(seen) == meaningful(text)


@FAST
@given(prose())
def test_english_readers_see_every_character_typed_too(text):
    md = converter()
    document_state(md).lang = "en"
    seen = "".join(Seen(md.convert(text)).parts)
    assert meaningful(seen) == meaningful(text)
