"""German typography: quotes, apostrophes, dashes, spaces, and typogrify's filters."""

import pytest
from markdown_html import converter, inline, render
from perlen.text import pipeline as textpipeline
from perlen.text import typography

NBSP = "\u00a0"
# The rules without typogrify's filters, so each test sees one rule at work.
PLAIN = {"PERLEN_TYPOGRIFY_FILTERS": []}


def typeset(text: str, **settings) -> str:
    return inline(text, **{**PLAIN, **settings})


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ('"Der Kunde ist König"', "„Der Kunde ist König“"),
        ("Er sagte 'Hallo' und ging.", "Er sagte ‚Hallo‘ und ging."),
        ("\"Sie sagte 'ja'\"", "„Sie sagte ‚ja‘“"),
        ('Das "Wort", das fehlt.', "Das „Wort“, das fehlt."),
        ('("Klammer")', "(„Klammer“)"),
        # Quotes around an element are paired across it.
        ('"*König*" ist er', "„<em>König</em>“ ist er"),
        ('Sie ist "**die** Beste"', "Sie ist „<strong>die</strong> Beste“"),
    ],
)
def test_german_quotes(markdown, html):
    assert typeset(markdown) == html


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("Wie geht's?", "Wie geht’s?"),
        ("Ich fass' es nicht.", "Ich fass’ es nicht."),
        ("Andreas' Buch", "Andreas’ Buch"),
        ("'s Hänschen klein", "’s Hänschen klein"),
        ("So 'ne Sache", "So ’ne Sache"),
        ("Die '80er", "Die ’80er"),
    ],
)
def test_the_apostrophe_is_never_an_opening_quote(markdown, html):
    assert typeset(markdown) == html


def test_guillemets_as_a_setting():
    html = typeset("\"Sie sagte 'ja'\" und geht's", PERLEN_GUILLEMETS=True)
    assert html == "»Sie sagte ›ja‹« und geht’s"


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("Wort - Wort", "Wort – Wort"),
        ("Wort -- Wort", "Wort – Wort"),
        ("Wort---Wort", "Wort—Wort"),
        ("von 1990-2000", "von 1990–2000"),
        ("von 9-17 Uhr", f"von 9–17{NBSP}Uhr"),
        ("S. 12-15.", f"S.{NBSP}12–15."),
        ("Und dann...", f"Und dann{NBSP}…"),
        # Hyphens stay hyphens.
        ("E-Mail", "E-Mail"),
        ("Ein- und Ausgang", "Ein- und Ausgang"),
        ("am 2021-09-28", "am 2021-09-28"),
        ("ISBN 978-3-16-148410-0", "ISBN 978-3-16-148410-0"),
        ("Tel.: 0711-123456", "Tel.: 0711-123456"),
        ("3-mal", "3-mal"),
        ("a ---- b", "a ---- b"),
        ("Punkt....", "Punkt...."),
    ],
)
def test_dashes_and_ellipses(markdown, html):
    assert typeset(markdown) == html


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("z. B. gut", f"z.{NBSP}B. gut"),
        ("d. h. gut", f"d.{NBSP}h. gut"),
        ("u. a. gut", f"u.{NBSP}a. gut"),
        ("i. d. R. gut", f"i.{NBSP}d.{NBSP}R. gut"),
        ("siehe S. 12", f"siehe S.{NBSP}12"),
        ("Haus Nr. 5", f"Haus Nr.{NBSP}5"),
        ("nach § 5 BGB", f"nach §{NBSP}5 BGB"),
        ("5 km weit", f"5{NBSP}km weit"),
        ("10 % mehr", f"10{NBSP}% mehr"),
        ("20 € mehr", f"20{NBSP}€ mehr"),
        ("€ 20 mehr", f"€{NBSP}20 mehr"),
        ("um 9 Uhr", f"um 9{NBSP}Uhr"),
        ("am 28. September 2021", f"am 28.{NBSP}September 2021"),
        ("am 1. Mai", f"am 1.{NBSP}Mai"),
        ("am 28. Sept. 2021", f"am 28.{NBSP}Sept. 2021"),
        # Not a unit, not a month, not an abbreviation.
        ("5 Minuten", "5 Minuten"),
        ("Platz 1. Sieger", "Platz 1. Sieger"),
        ("zum B. gehen", "zum B. gehen"),
    ],
)
def test_non_breaking_spaces(markdown, html):
    assert typeset(markdown) == html


def test_the_month_names_follow_the_locale():
    assert typeset("am 3. Jänner", PERLEN_LOCALE="de_AT") == f"am 3.{NBSP}Jänner"
    assert typeset("am 3. Jänner") == "am 3. Jänner"


@pytest.mark.parametrize(
    ("markdown", "kept"),
    [
        ('Code `"x" -- y... 5 km` bleibt', '<code>"x" -- y... 5 km</code>'),
        ('<kbd>"a" - b</kbd> und <samp>"a" - b</samp>', '<samp>"a" - b</samp>'),
        ('Text <script>var a = "x" -- 1;</script> Text', '"x" -- 1;</script>'),
        ('Text <code>"a" -- *b*</code> Text', '<code>"a" -- <em>b</em></code>'),
        ("[x](https://e.org/a--b \"Titel -- 'x'\")", 'href="https://e.org/a--b"'),
        ("<https://example.org/a---b...c>", ">https://example.org/a---b...c</a>"),
        (
            "Siehe https://example.org/2021-22/a---b...c?x=1 hier",
            "/2021-22/a---b...c?x=1 ",
        ),
        ("Siehe www.example.org/a---b hier", "www.example.org/a---b hier"),
    ],
)
def test_code_attributes_and_urls_keep_their_text(markdown, kept):
    assert kept in converter(pipeline=False).convert(markdown)
    assert kept in typeset(markdown)


def test_code_blocks_and_raw_html_blocks_keep_their_text():
    markdown = (
        'Vor "dem" Code\n\n```python\nx = "a" -- \'b\'... # <3 :wink:\n```\n\n'
        '    eingerückt "a" -- b <3\n\n'
        '<div title="a -- b <3">\n"roh" -- 5 km <3 :wink:\n</div>\n\n'
        '<style>p::before { content: "--"; }</style>\n'
    )
    plain = converter(pipeline=False).convert(markdown)
    assert render(markdown) == plain.replace('Vor "dem" Code', "Vor „dem“\xa0Code")


def test_a_backslash_keeps_a_character_as_typed():
    assert typeset(r"Ein \"gerades\" Zeichen \- und \.\.\.") == (
        'Ein "gerades" Zeichen - und ...'
    )


def test_typography_can_be_switched_off():
    markdown = 'Ein "Zitat" - z. B. hier...'
    assert typeset(markdown, PERLEN_TYPOGRAPHY=False) == markdown


def test_amp_and_caps_as_typogrify_does_them_but_for_german():
    markdown = "Müller & Söhne nutzen KI, ÖPNV und B2B, nicht GmbH oder B&B."
    html = inline(markdown, PERLEN_TYPOGRIFY_FILTERS=["amp", "caps"])
    amp, caps = '<span class="amp">&amp;</span>', '<span class="caps">{}</span>'.format
    assert html == (
        f"Müller {amp} Söhne nutzen {caps('KI')}, {caps('ÖPNV')} und {caps('B2B')}, "
        "nicht GmbH oder B&amp;B."
    )


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("Ein ganzer Satz", f"<p>Ein ganzer{NBSP}Satz</p>"),
        ("Text *mit Betonung*", f"<p>Text <em>mit{NBSP}Betonung</em></p>"),
        ("Text *letzte*", f"<p>Text{NBSP}<em>letzte</em></p>"),
        (
            "## Eine Überschrift hier",
            f'<h2 id="eine-ueberschrift-hier">Eine Überschrift{NBSP}hier'
            '<a aria-label="Link zum Abschnitt „Eine Überschrift hier“" '
            'class="headerlink" data-pagefind-ignore="" '
            'href="#eine-ueberschrift-hier" tabindex="-1" '
            'title="Link zum Abschnitt „Eine Überschrift hier“">¶</a></h2>',
        ),
        (
            "- Punkt eins\n- zwei",
            f"<ul>\n<li>Punkt{NBSP}eins</li>\n<li>zwei</li>\n</ul>",
        ),
        # Not across a line break, nor into code.
        ("Zeile eins  \nzwei", "<p>Zeile eins<br>\nzwei</p>"),
        ("Starte `make html`", "<p>Starte <code>make html</code></p>"),
        ("Einwort", "<p>Einwort</p>"),
    ],
)
def test_widont_keeps_the_last_two_words_together(markdown, html):
    only_widont = {"PERLEN_TYPOGRIFY_FILTERS": ["widont"], "PERLEN_TYPOGRAPHY": False}
    assert render(markdown, **only_widont) == html


def test_an_unknown_typogrify_filter_is_reported_in_german():
    with pytest.raises(ValueError, match="unbekannter Filter „smartypants“"):
        render("Text", PERLEN_TYPOGRIFY_FILTERS=["amp", "smartypants"])


def test_typeset_runs_use_their_neighbours_as_context():
    runs = [('Er sagte "', True), ("König", False), ('" und 5', True), (" km", True)]
    assert typography.typeset(runs, guillemets=False, locale="de") == [
        "Er sagte „",
        "König",
        "“ und 5",
        f"{NBSP}km",
    ]


def test_widont_finds_the_space_before_the_last_word_across_runs():
    assert typography.widont([("Text ", True), ("letzte", False)]) == (0, f"Text{NBSP}")
    assert typography.widont([("Text ", False), ("letzte", True)]) is None
    assert typography.widont([("eins", True), (" ", False), ("\nzwei", True)]) is None


def test_titles_get_the_same_rules():
    title = textpipeline.typeset_inline('"Der Kunde" - KI &amp; wir', {})
    assert title == (
        '„Der Kunde“ – <span class="caps">KI</span> <span class="amp">&amp;</span>'
        f"{NBSP}wir"
    )


def test_a_title_fragment_keeps_its_tags_and_escapes():
    fragment = '<em class="x">"Zitat"</em> &lt;b&gt; - hier<br>da'
    title = textpipeline.typeset_inline(fragment, PLAIN)
    assert title == '<em class="x">„Zitat“</em> &lt;b&gt; – hier<br>da'
