"""Hearts: `<3` and `</3` where a person wrote one, and nowhere else."""

import pytest
from markdown_html import converter, inline, render
from perlen.text import pipeline as textpipeline

HEART = '<span aria-label="rotes Herz" class="emoji heart" role="img">❤️</span>'
BROKEN = '<span aria-label="gebrochenes Herz" class="emoji heart" role="img">💔</span>'
ONLY = {"PERLEN_TYPOGRIFY_FILTERS": []}


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("furchtbar glücklich <3", f"furchtbar glücklich {HEART}"),
        ("Das war's </3", f"Das war’s {BROKEN}"),
        ("<3 <3", f"{HEART} {HEART}"),
        ("(<3)", f"({HEART})"),
        ("*<3*", f"<em>{HEART}</em>"),
        ("Wir <3 euch!", f"Wir {HEART} euch!"),
        ("Ende <3.", f"Ende {HEART}."),
    ],
)
def test_hearts(markdown, html):
    assert inline(markdown, **ONLY) == html


@pytest.mark.parametrize(
    "markdown",
    [
        "wenn x<3 ist",
        "wenn a <30 ist",
        "wenn a <3,5 ist",
        "wenn 1<3 ist",
        "Code `a <3` bleibt",
        "Code `x`<3 bleibt",
        "Ein &lt;3 bleibt ein Zeichen",
        "Die Seite https://example.org/<3 bleibt",
        'Roh <abbr title="ich &lt;3 dich">x</abbr> bleibt',
        "Inline <script>if (a <3) {}</script> bleibt",
    ],
)
def test_no_heart_where_nobody_drew_one(markdown):
    only_hearts = {"PERLEN_TYPOGRAPHY": False, "PERLEN_EMOJI": False, **ONLY}
    assert render(markdown, **only_hearts) == converter(pipeline=False).convert(
        markdown
    )


def test_code_blocks_raw_html_and_scripts_keep_their_hearts():
    markdown = (
        "```\nif a <3:\n```\n\n    b <3\n\n"
        '<div title="<3">ich <3 dich</div>\n\n'
        "<script>if (a <3) { x(); }</script>\n"
    )
    assert render(markdown) == converter(pipeline=False).convert(markdown)


def test_hearts_can_be_switched_off():
    assert inline("Wir <3 euch", PERLEN_HEARTS=False, **ONLY) == "Wir &lt;3 euch"


def test_a_heart_in_a_title():
    title = textpipeline.typeset_inline(
        "Wir &lt;3 Kunden", {"PERLEN_TYPOGRIFY_FILTERS": []}
    )
    assert title == f"Wir {HEART} Kunden"


@pytest.mark.parametrize(
    "markdown",
    [
        "Ladezeit <3 s",
        "Antwort in <3 Sekunden",
        "Ladezeit <3 Min.",
        "Latenz <3ms",
        "Gewicht <3,5 kg",
        "Abweichung < 3 %",
        "Fehlerquote <3%",
        "Fehlerquote <3 Prozent",
        "alle <33 Punkte",
        "Wartezeit </3 Tage",
        "Build <3 minutes",
        "Ladezeit\u00a0<3\u00a0s",
        "Ladezeit <3:00 min",
        "Lieferung in <3-5 Tagen",
        "Kinder <3 Jahre",
        "<3 €",
        "<3x pro Woche",
    ],
)
def test_a_comparison_before_a_quantity_is_no_heart(markdown):
    out = inline(markdown, **ONLY)
    assert "❤️" not in out and "💔" not in out
    assert "&lt;" in out and "3" in out


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("Wir <3 Kunden", f"Wir {HEART} Kunden"),
        ("Sommerfest <3 und mehr", f"Sommerfest {HEART} und mehr"),
        ("Ende </3", f"Ende {BROKEN}"),
    ],
)
def test_a_heart_before_words_that_are_no_quantity_stays_a_heart(markdown, html):
    assert inline(markdown, **ONLY) == html
