"""Calendar rules on expression text alone (no parse needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.dates import DateNormalizer
from eventwire.dates.normalize import parse_interval, week_month

SATURDAY = dt.date(2017, 12, 23)


@pytest.fixture(scope="module")
def normalizer() -> DateNormalizer:
    return DateNormalizer()


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("2009-07-14", False, ("2009-07-14", "day", "explicit")),
        ("Tuesday, Feb. 2nd, 2010", False, ("2010-02-02", "day", "explicit")),
        ("30 June 2012", False, ("2012-06-30", "day", "explicit")),
        ("late September 2015", False, ("2015-09", "month", "explicit")),
        ("the summer of 1998", False, ("1998", "year", "year")),
        ("mid-2014", False, ("2014", "year", "year")),
        ("1994", False, ("1994", "year", "year")),
        ("today", False, ("2017-12-23", "day", "relative")),
        ("last night", False, ("2017-12-22", "day", "relative")),
        ("Saturday", False, ("2017-12-23", "day", "weekday")),
        ("Saturday", True, ("2017-12-30", "day", "weekday")),
        ("last Saturday", False, ("2017-12-16", "day", "weekday")),
        ("Thursday evening", False, ("2017-12-21", "day", "weekday")),
        ("next Monday", False, ("2017-12-25", "day", "weekday")),
        ("Sept. 30", False, ("2017-09-30", "day", "day_month")),
        ("Sept. 30", True, ("2018-09-30", "day", "day_month")),
        # within a week of publication: that day, whatever the tense
        ("Dec. 20", True, ("2017-12-20", "day", "day_month")),
        ("Dec. 27", False, ("2017-12-27", "day", "day_month")),
        ("Dec. 23", True, ("2017-12-23", "day", "day_month")),
        ("February 29", False, ("2016-02-29", "day", "day_month")),
        ("July", False, ("2017-07", "month", "month")),
        ("July", True, ("2018-07", "month", "month")),
        ("December", False, ("2017-12", "month", "month")),
        ("last December", False, ("2016-12", "month", "month")),
        ("this month", False, ("2017-12", "month", "relative")),
        ("next month", False, ("2018-01", "month", "relative")),
        ("earlier this year", False, ("2017", "year", "relative")),
        ("next year", False, ("2018", "year", "relative")),
        ("the past year", False, None),
        ("last week", False, ("2017-12", "month", "relative")),
        ("five days ago", False, ("2017-12-18", "day", "relative")),
        ("about two months ago", False, ("2017-10", "month", "relative")),
        ("20 years ago", False, ("1997", "year", "relative")),
        ("several years ago", False, None),
        ("the 1990s", False, None),
        ("three years", False, None),
        ("9/11/2001", False, ("2001-09-11", "day", "explicit")),
    ],
)
def test_against_publication_date(
    normalizer: DateNormalizer,
    text: str,
    future: bool,
    expected: tuple[str, str, str] | None,
) -> None:
    found = normalizer.normalize(text, SATURDAY, future)
    assert (found and (found.value, found.precision, found.rule)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 July 1976", ("1976-07-04", "day")),
        ("January 2011", ("2011-01", "month")),
        ("in 1989", ("1989", "year")),
        ("yesterday", None),
        ("Monday", None),
        ("March 3", None),
        ("last year", None),
    ],
)
def test_without_publication_date_only_absolute(
    normalizer: DateNormalizer, text: str, expected: tuple[str, str] | None
) -> None:
    found = normalizer.normalize(text, None)
    assert (found and (found.value, found.precision)) == expected


def test_week_belongs_to_month_of_its_thursday() -> None:
    # Monday 2018-01-29 .. Sunday 2018-02-04: Thursday is 1 February.
    assert week_month(dt.date(2018, 1, 29)) == dt.date(2018, 2, 1)
    assert week_month(dt.date(2018, 2, 4)) == dt.date(2018, 2, 1)
    assert week_month(dt.date(2018, 1, 28)) == dt.date(2018, 1, 1)


def test_interval_reads_count_unit_and_direction() -> None:
    interval = parse_interval("some 12 years after")
    assert interval is not None
    assert (interval.count, interval.unit, interval.direction) == (12, "year", 1)
    assert parse_interval("two days before") is not None
    assert parse_interval("last year") is None
