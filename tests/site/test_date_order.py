"""`Geändert` before `Datum` is a warning (`date_order`)."""

import pytest
from perlen.building.checked import checked_build
from perlen.problems import Severity


@pytest.mark.parametrize(
    ("modified", "warned"),
    [
        ("27.09.2021", True),
        ("1. Januar 2020", True),
        ("28.09.2021", False),
        ("3. Oktober 2021", False),
    ],
)
def test_modified_before_date_is_a_warning(site, modified, warned):
    site.write(
        "posts/a.md",
        f"Titel: A\nDatum: 28.09.2021\nGeändert: {modified}\n\nText.\n",
    )
    problems = checked_build(site.settings()).problems
    assert bool(problems) is warned
    if warned:
        (problem,) = problems
        assert (problem.line, problem.severity) == (3, Severity.WARNING)
        assert problem.message.endswith("liegt vor dem „Datum“ (28. September 2021).")
