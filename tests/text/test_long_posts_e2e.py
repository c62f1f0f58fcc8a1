"""End to end: tables of contents, heading anchors, highlighted code and the
`#` heading warning in built sites."""

import re

import pytest
from perlen.building.checked import checked_build
from perlen.problems import BuildFailed, Severity

SECTIONS = "\n\n".join(
    f"## {title}\n\n" + "Wir reden über Arbeit und Augenhöhe. " * 40
    for title in ("Auf Augenhöhe", 'Der "Kunde"', "Was bleibt")
)
CODE = '```python\nprint("Hallo -- Welt")\n```'


def page(site, slug: str) -> str:
    return site.html(f"2021/{slug}/index.html")


def test_a_long_post_shows_its_table_of_contents(site, make_post):
    site.write("posts/lang.md", make_post(SECTIONS, Slug="lang"))
    site.build(PERLEN_TOC_MIN_WORDS=300)
    html = page(site, "lang")
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group()
    assert '<a href="#auf-augenhoehe">Auf Augenhöhe</a>' in toc
    assert '<a href="#der-kunde">Der „Kunde“</a>' in toc
    assert '<h2 id="auf-augenhoehe">' in html
    # Each heading has a permalink with a German accessible name.
    assert (
        '<a aria-label="Link zum Abschnitt „Der „Kunde““" class="headerlink" '
        'data-pagefind-ignore="" href="#der-kunde" tabindex="-1"' in html
    )


@pytest.mark.parametrize(
    ("choice", "min_words", "shown"),
    [("ja", 100000, True), ("nein", 10, False), (None, 100000, False)],
)
def test_the_writer_decides_or_the_length(site, make_post, choice, min_words, shown):
    site.write(
        "posts/lang.md",
        make_post(SECTIONS, Slug="lang", Inhaltsverzeichnis=choice),
    )
    site.build(PERLEN_TOC_MIN_WORDS=min_words)
    assert ('<nav class="toc"' in page(site, "lang")) is shown


def test_a_wrong_toc_choice_is_a_german_error(site, make_post):
    site.write("posts/lang.md", make_post("Text.", Inhaltsverzeichnis="vielleicht"))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert "„vielleicht“ ist weder „ja“ noch „nein“" in str(failure.value)


def test_code_is_highlighted_with_classes_and_a_copy_script(site, make_post):
    site.write("posts/code.md", make_post(f"Code:\n\n{CODE}\n", Slug="code"))
    site.write("posts/text.md", make_post("Nur Text.", Slug="text", Titel="Text"))
    site.build()
    html = page(site, "code")
    assert (
        '<div class="highlight"><pre role="region" tabindex="0" '
        'aria-label="Codebeispiel 1">' in html
    )
    assert '<span class="nb">print</span>' in html
    assert "style=" not in html
    assert re.search(r'<script src="[^"]*/js/code\.js" defer></script>', html)
    assert "code.js" not in page(site, "text")


def test_a_title_heading_in_the_body_is_a_warning_with_its_line(site, make_post):
    path = site.write(
        "posts/h1.md",
        make_post("Text.\n\n```\n# Kommentar im Code\n```\n\n# Zweiter Titel\n\nText."),
    )
    outcome = checked_build(site.settings())
    assert outcome.output is not None  # a warning: the build goes on
    (warning,) = [p for p in outcome.warnings if "„#“" in p.message]
    assert warning.severity is Severity.WARNING
    assert (warning.path, warning.line) == (str(path), 10)
    assert "„##“" in warning.fix
