"""German dates: every accepted form, every error, CLDR formatting."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from perlen.content.dates import BERLIN, format_date, parse_date
from perlen.problems import ProblemError

SEPT_28 = datetime(2021, 9, 28, tzinfo=BERLIN)


@pytest.mark.parametrize(
    "text",
    [
        "Dienstag, 28. September 2021",
        "dienstag, 28. september 2021",
        "28. September 2021",
        "28. Sept. 2021",
        "28. Sep 2021",
        "28.09.2021",
        "28.9.2021",
        "2021-09-28",
        "Di., 28.09.2021",
    ],
)
def test_accepted_forms(text):
    assert parse_date(text) == SEPT_28


@pytest.mark.parametrize(
    "text",
    [
        "28.09.2021 14:30",
        "28.09.2021 14:30 Uhr",
        "Dienstag, 28. September 2021, 14:30 Uhr",
        "28. September 2021 um 14:30 Uhr",
        "2021-09-28 14:30",
        "2021-09-28T14:30",
    ],
)
def test_times_are_berlin_time(text):
    parsed = parse_date(text)
    assert parsed == datetime(2021, 9, 28, 14, 30, tzinfo=BERLIN)
    assert parsed.isoformat() == "2021-09-28T14:30:00+02:00"


@pytest.mark.parametrize(
    "text", ["1. März 2021", "1. Maerz 2021", "1. MÄRZ 2021", "1. Mär. 2021"]
)
def test_maerz_with_and_without_umlaut(text):
    assert parse_date(text).date() == date(2021, 3, 1)


def test_winter_dates_have_winter_offset():
    assert parse_date("1. März 2021").isoformat() == "2021-03-01T00:00:00+01:00"


def test_wrong_weekday_is_an_error_naming_the_right_one():
    with pytest.raises(ProblemError) as error:
        parse_date("Montag, 28. September 2021")
    assert (
        error.value.problem.message
        == "„Montag, 28. September 2021“ – der 28.09.2021 ist ein Dienstag."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("gestern", "„gestern“ ist kein Datum, das ich lesen kann."),
        ("31. Februar 2021", "„31. Februar 2021“: Diesen Tag gibt es nicht."),
        (
            "28. Septober 2021",
            "„28. Septober 2021“: Den Monat „Septober“ kenne ich nicht.",
        ),
        ("28.09.2021 25:00", "„28.09.2021 25:00“: Die Uhrzeit gibt es nicht."),
        (
            "Blautag, 28.09.2021",
            "„Blautag, 28.09.2021“: Den Wochentag „Blautag“ kenne ich nicht.",
        ),
        ("2021-13-01", "„2021-13-01“: Diesen Tag gibt es nicht."),
    ],
)
def test_unreadable_dates_are_errors_with_a_fix(text, message):
    with pytest.raises(ProblemError) as error:
        parse_date(text)
    assert error.value.problem.message == message
    assert error.value.problem.fix


def test_format_date_uses_cldr_without_system_locale():
    assert format_date(SEPT_28) == "Dienstag, 28. September 2021"
    assert format_date(SEPT_28, "MMMM y") == "September 2021"
    assert format_date(date(2021, 3, 1), "d. MMMM") == "1. März"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_formatted_long_dates_parse_back(day):
    assert parse_date(format_date(day)).date() == day
    assert parse_date(format_date(day, "d. MMM y")).date() == day
    assert parse_date(f"{day.day}.{day.month}.{day.year}").date() == day
