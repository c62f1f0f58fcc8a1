"""One shape for a problem: `Problem`, carried by `ProblemError`."""

from __future__ import annotations

import pickle

from perlen.problems import BuildFailed, Problem, ProblemError, Severity


def test_a_label_names_what_no_file_does_and_is_no_path():
    problem = Problem("", None, "Pagefind ist nicht installiert.", label="Suche")
    assert problem.path == ""
    assert problem.where == "Suche"
    assert str(problem) == "Suche: Pagefind ist nicht installiert."


def test_problems_sort_by_where_they_are_then_line():
    """By file or label as a writer reads it, then line (none first)."""
    label = Problem("", None, "S.", label="Suche")
    first = Problem("content/posts/a.md", None, "A.")
    second = Problem("content/posts/a.md", 2, "B.")
    third = Problem("content/posts/b.md", 1, "C.")
    assert sorted([third, second, label, first]) == [label, first, second, third]


def test_a_pure_function_raises_what_its_caller_places():
    error = ProblemError.at(3, "Diese Zeile lässt sich nicht lesen.", "Bitte …")
    assert (error.problem.path, error.problem.line) == ("", 3)
    placed = error.problem.placed("content/posts/a.md")
    assert str(placed) == (
        "content/posts/a.md, Zeile 3: Diese Zeile lässt sich nicht lesen. Bitte …"
    )
    assert error.problem.placed("a.md", 7).line == 7


def test_problem_errors_cross_to_worker_processes_and_back():
    """Image workers return a `ProblemError` through a pipe."""
    error = ProblemError.at(None, "„a.jpg“ ist kaputt.", "Bitte neu exportieren.")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is ProblemError and again.problems == error.problems
    failed = BuildFailed([Problem("a.md", 1, "Fehlt.", severity=Severity.WARNING)])
    again = pickle.loads(pickle.dumps(failed))
    assert type(again) is BuildFailed and str(again) == str(failed)
