from __future__ import annotations

import dataclasses

import pytest

from eventwire.records import EventDate, Span


def test_span_rejects_inverted_ranges() -> None:
    with pytest.raises(ValueError):
        Span(5, 2)


def test_span_slices_the_text() -> None:
    assert Span(0, 6).of("Russia says") == "Russia"
    assert Span(0, 10).contains(Span(2, 4))
    assert not Span(2, 4).contains(Span(0, 10))


def test_records_are_immutable() -> None:
    span = Span(0, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 3  # type: ignore[misc]


def test_event_date_precision_to_date() -> None:
    assert EventDate("2017-11", "month", "relative").date.isoformat() == "2017-11-01"
    assert EventDate("2001", "year", "explicit").date.year == 2001
