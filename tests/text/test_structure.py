"""Markdown syntax German writing triggers without meaning it (`text.structure`):
gender stars, hashtags, pasted lists, and the warnings for numbered
paragraphs and `---` under text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_html import render
from perlen.building.checked import checked_build
from perlen.problems import Severity
from perlen.text.structure import structure_warnings, unindent_pasted_lists

PLAIN = {"PERLEN_TYPOGRIFY_FILTERS": []}


def html(text: str) -> str:
    return render(text, **PLAIN)


# -- Gender-inclusive forms are text, never emphasis --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kund*innen und Partner*innen",
        "Liebe Kund*innen, liebe Partner*innen, liebe Mitarbeiter*innen",
        "Kund*innen sind bei uns König*innen.",
        "Jede*r Mitarbeiter*in bekommt ein Kund*innen-Handbuch.",
        "Kund*in oder Partner*in",
        "Kund:innen und Partner:innen",
        "Kund_innen und Partner_innen",
        "Kund/-innen und Partner/-innen",
        "KundInnen und PartnerInnen",
        "2*3*4 Kund*innen",
    ],
)
def test_gender_forms_are_text(text):
    assert html(text) == f"<p>{text}</p>"


def test_gender_forms_in_several_paragraphs_and_lines():
    text = "Kund*innen und\nPartner*innen.\n\nJede*r Expert*in und Kolleg*innen."
    out = html(text)
    assert "<em>" not in out and out.count("*") == 5


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("*Betonung* hier", "<em>Betonung</em> hier"),
        ("**fett** und *kursiv*", "<strong>fett</strong> und <em>kursiv</em>"),
        ("*Kund*innen* zuerst", "<em>Kund*innen</em> zuerst"),
        ("**Partner*innen**", "<strong>Partner*innen</strong>"),
        ("Wir sind *sehr* froh, Kund*innen", "Wir sind <em>sehr</em> froh, Kund*innen"),
        ("<em>Kund</em>innen", "<em>Kund</em>innen"),
        ("Kund\\*innen *so*", "Kund*innen <em>so</em>"),
    ],
)
def test_emphasis_between_words_still_works(text, shown):
    assert html(text) == f"<p>{shown}</p>"


def test_a_star_in_code_stays_as_typed():
    assert html("`a*b*c`") == "<p><code>a*b*c</code></p>"


STEMS = ["Kund", "Partner", "Mitarbeiter", "Kolleg", "Expert", "Künstler"]


# No deadline: the machine running the tests may be busy.
@settings(deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(STEMS), st.sampled_from(["*innen", "*in", ":innen"])),
        min_size=1,
        max_size=6,
    )
)
def test_any_sentence_of_gender_forms_keeps_every_star(words):
    text = " und ".join(stem + ending for stem, ending in words)
    assert html(text) == f"<p>{text}</p>"


# -- Hashtags are text ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "#Sommerfest #Agenturleben",
        "#perlenmädchen",
        "#1 der Agenturen",
        "##Doppelt",
    ],
)
def test_a_hash_without_space_is_no_heading(text):
    assert html(text) == f"<p>{text}</p>"


def test_a_hashtag_line_inside_a_paragraph_stays_text():
    assert html("Unser Fest:\n#Sommerfest #Agenturleben") == (
        "<p>Unser Fest:\n#Sommerfest #Agenturleben</p>"
    )


@pytest.mark.parametrize(
    ("text", "tag"), [("## Titel", "h2"), ("### Titel ###", "h3"), ("##\tTab", "h2")]
)
def test_headings_with_a_space_stay_headings(text, tag):
    assert html(text).startswith(f"<{tag} ")


# -- Lists pasted from Word or Google Docs ----------------------------------------


@pytest.mark.parametrize(
    "pasted",
    [
        "\t- erster Punkt\n\t- zweiter Punkt",
        "    - erster Punkt\n    - zweiter Punkt",
        "\t* erster Punkt\n\t* zweiter Punkt",
        "\t•\terster Punkt\n\t•\tzweiter Punkt",
    ],
)
def test_a_pasted_tab_indented_list_is_a_list(pasted):
    out = html(f"Unsere Punkte:\n\n{pasted}\n\nDanach.")
    assert "<pre>" not in out and "<code>" not in out
    assert "<ul>\n<li>erster Punkt</li>\n<li>zweiter Punkt</li>\n</ul>" in out


def test_a_pasted_numbered_and_nested_list_keeps_its_levels():
    out = html("Text\n\n\t1. eins\n\t\t- unter\n\t2. zwei")
    assert "<pre>" not in out
    assert "<ol>" in out and "<ul>\n<li>unter</li>\n</ul>" in out


@pytest.mark.parametrize(
    "text",
    [
        "- Punkt\n\n    - Unterpunkt",  # a nested item of a real list
        "1. Punkt\n\n    - Unterpunkt",
        "[^1]: Fußnote\n\n    - Punkt der Fußnote",
        "Begriff\n: Erklärung\n\n    - Punkt der Erklärung",
        "Text\n\n    x = 1\n    - y",  # code that merely has a dash line
        "Text\n\n    def f():\n        return 1",
    ],
)
def test_lists_in_lists_and_real_code_stay_as_they_are(text):
    assert unindent_pasted_lists(text.splitlines()) == text.splitlines()


def test_indented_code_is_still_code():
    assert "<code>x = 1\n</code></pre>" in html("Text\n\n    x = 1")


# -- Warnings: numbered paragraphs and `---` under text -------------------------


@pytest.mark.parametrize(
    ("body", "line", "fix"),
    [
        ("1. FC Köln gewinnt.", 1, "1\\. FC Köln"),
        ("Text.\n\n3. Oktober ist Feiertag.", 3, "3\\. Oktober"),
        ("Text.\n\n2. Bundesliga\nspielt heute.", 3, "2\\. Bundesliga"),
        ("## Spielbericht\n1. FC Köln gewinnt.", 2, "1\\. FC Köln"),
        ("> 1. FC Köln gewinnt.", 1, "1\\. FC Köln"),
        ("Wir feiern.\n\n3. Oktober: Tag der Einheit", 3, "3\\. Oktober:"),
    ],
)
def test_a_paragraph_starting_with_a_number_and_dot_is_a_warning(body, line, fix):
    ((found, message, advice),) = structure_warnings(body)
    assert found == line and "Liste" in message
    assert f"„{fix}" in advice


@pytest.mark.parametrize(
    "body",
    [
        "1. eins\n2. zwei",
        "1. eins\n\n2. zwei",
        "1. eins\n\n    mehr dazu\n\n2. zwei",
        "Am 3. Oktober feiern wir.",
        "Text\n1. FC Köln spielt",  # a paragraph's second line stays text
        "```\n1. FC Köln\n```",
        "    1. FC Köln",
        "Text\n\n---\n\nText",
        "Text\nText\n---",
    ],
)
def test_real_lists_code_and_separated_rules_are_no_warning(body):
    assert structure_warnings(body) == []


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0c", "\x85"])
def test_warnings_count_lines_as_the_editor_does(separator):
    """A pasted line separator or form feed ends no line in the editor nor in
    Markdown: the warning names the line the writer sees."""
    ((found, _, _),) = structure_warnings(f"Erster{separator}Satz.\n\n1. FC Köln")
    assert found == 3


@pytest.mark.parametrize(("body", "line"), [("Text\n---", 2), ("A\n\nB\n-----", 4)])
def test_a_rule_right_under_text_is_a_warning(body, line):
    ((found, message, advice),) = structure_warnings(body)
    assert found == line and "Zwischenüberschrift" in message
    assert "Leerzeile" in advice


def test_the_warnings_reach_the_writer_with_their_lines(site, make_post):
    path = site.write(
        "posts/liste.md",
        make_post("Text.\n\n1. FC Köln gewinnt.\n\nDas Fest\n---\n\nEnde."),
    )
    outcome = checked_build(site.settings())
    assert outcome.output is not None  # warnings: the build goes on
    found = {
        p.line: p for p in outcome.warnings if p.path == str(path) and p.line in (6, 9)
    }
    assert set(found) == {6, 9}
    assert all(p.severity is Severity.WARNING for p in found.values())
    assert "„1\\. FC Köln“" in found[6].fix
    assert "„---“" in found[9].message
