"""`Vorlage: …` must name a template of the theme (`template_choice`)."""

import pytest
from perlen.building.checked import checked_build
from perlen.problems import BuildFailed


@pytest.mark.parametrize("name", ["gibtsnicht", "Page", "article.html"])
def test_an_unknown_template_is_an_error_with_its_line(site, name):
    site.write("posts/a.md", f"Titel: A\nDatum: 28.09.2021\nVorlage: {name}\n\nText.\n")
    (problem,) = checked_build(site.settings()).problems
    assert (problem.line, problem.message) == (
        3,
        f"Die Vorlage „{name}“ gibt es im Design nicht.",
    )
    assert problem.fix.endswith("nennen: „article“ oder „page“.")
    with pytest.raises(BuildFailed):
        site.build()


def test_a_template_of_the_theme_is_used(site):
    site.write("posts/b.md", "Titel: B\nDatum: 28.09.2021\nVorlage: article\n\nB.\n")
    assert checked_build(site.settings()).problems == []
