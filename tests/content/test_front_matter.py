"""YAML front matter: the same keys and errors as the `Key: value` header."""

import pytest
from perlen.content.front_matter import read_yaml
from perlen.content.metadata import split_header
from perlen.problems import ProblemError


def test_scalars_stay_as_written():
    entries = read_yaml("title: no\ndate: 2021-03-09\ndraft: true\nempty:\n", 2)
    assert [(e.name, e.value, e.line) for e in entries] == [
        ("title", "no", 2),
        ("date", "2021-03-09", 3),
        ("draft", "true", 4),
        ("empty", "", 5),
    ]


def test_lists_in_both_styles_keep_their_items():
    entries = read_yaml('tags: [Alpha, "Beta, Gamma"]\ncategories:\n  - Haltung\n', 2)
    assert entries[0].items == ("Alpha", "Beta, Gamma")
    assert (entries[1].items, entries[1].line) == (("Haltung",), 3)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title: A\ntags: [Alpha\n", 3),
        ("title: A\n  date: 2021\n", 3),
        ("title: A\nparams:\n  x: 1\n", 3),
        ("- a\n- b\n", 2),
    ],
    ids=["open-list", "bad-indent", "nested", "not-a-mapping"],
)
def test_errors_name_the_line_in_the_file(text, line):
    with pytest.raises(ProblemError) as error:
        read_yaml(text, 2)
    assert error.value.problem.line == line
    assert error.value.problem.message and error.value.problem.fix


def test_split_header_reads_yaml_between_fences():
    header = split_header("---\ntitle: Hallo\ntags: [a, b]\n---\n\nText\n")
    assert [(f.name, f.items, f.line) for f in header.fields] == [
        ("title", None, 2),
        ("tags", ("a", "b"), 3),
    ]
    assert header.body_line == 5


def test_a_fenced_header_that_is_not_yaml_is_read_as_key_lines():
    header = split_header("---\nTitel: Wir: die Perlen\nDatum: 28.09.2021\n---\nT\n")
    assert [(f.name, f.value) for f in header.fields] == [
        ("Titel", "Wir: die Perlen"),
        ("Datum", "28.09.2021"),
    ]


def test_a_value_meant_as_yaml_stays_an_error():
    with pytest.raises(ProblemError) as error:
        split_header("---\nTitel: A\nTags: [a, b\n---\n")
    assert error.value.problem.line == 3


def test_a_missing_closing_fence_is_an_error():
    with pytest.raises(ProblemError) as error:
        split_header("---\nTitel: A\n\nText\n")
    assert error.value.problem.line == 1
