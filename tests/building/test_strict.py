"""The one rule for what fails a build (`strict.failures`)."""

from perlen.building.strict import failures
from perlen.problems import Problem, Severity

ERROR = Problem("content/posts/a.md", 3, "Das Datum fehlt.")
WARNING = Problem("content/posts/b.md", 1, "Zu lang.", "", Severity.WARNING)


def test_a_build_without_problems_goes_on_strict_or_not():
    assert failures([], is_strict=False) == []
    assert failures([], is_strict=True) == []


def test_warnings_alone_fail_only_a_strict_build():
    assert failures([WARNING], is_strict=False) == []
    assert failures([WARNING], is_strict=True) == [
        Problem("content/posts/b.md", 1, "Zu lang.", "", Severity.ERROR)
    ]


def test_an_error_fails_every_build_listing_the_warnings_too():
    assert failures([WARNING, ERROR], is_strict=False) == [ERROR, WARNING]


def test_a_strict_build_reports_every_problem_once_as_an_error():
    found = failures([WARNING, ERROR, WARNING], is_strict=True)
    assert [p.severity for p in found] == [Severity.ERROR, Severity.ERROR]
    assert [p.path for p in found] == [ERROR.path, WARNING.path]
