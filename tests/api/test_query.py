"""The filter fields added to ``EventFilter`` for the API also work from Python,
on coded and on aggregated events."""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.store import EventFilter, open_store
from eventwire.store.query import EventPage, literal_pattern


def test_new_filter_fields_select_from_both_tables(api_store: Path) -> None:
    with open_store(api_store, read_only=True) as store:
        conflict = store.select_events(EventFilter(actor="rus", quad=4)).to_pylist()
        assert conflict and all(r["quad_class"] == 4 for r in conflict)
        assert all("RUS" in (r["source_country"], r["target_country"]) for r in conflict)
        aggregated = store.select_events(EventFilter(actor="RUS", quad=4), aggregated=True)
        assert 0 < aggregated.num_rows <= len(conflict)
        boxed = store.select_events(EventFilter(bbox=(20.0, 40.0, 45.0, 60.0)), aggregated=True)
        assert all(20 <= r["location_lon"] <= 45 for r in boxed.to_pylist())
        sure = store.select_events(EventFilter(min_confidence=0.99, text="MET")).to_pylist()
        assert all(r["confidence"] >= 0.99 and "met" in r["sentence_text"] for r in sure)


def test_keyset_continues_after_the_last_row(api_store: Path) -> None:
    page = EventPage(sort="goldstein", order="asc")
    with open_store(api_store, read_only=True) as store:
        ordered = store.sql(
            f"SELECT event_id, {page.sort_expression()} AS k FROM events e "
            f"ORDER BY {page.order_by()}"
        ).to_pylist()
        after = EventPage("goldstein", "asc", (ordered[2]["k"], ordered[2]["event_id"]))
        condition, params = after.keyset()
        rest = store.sql(
            f"SELECT event_id FROM events e WHERE {condition} ORDER BY {after.order_by()}",
            params,
        ).to_pylist()
    assert [r["event_id"] for r in rest] == [r["event_id"] for r in ordered[3:]]


ASCII = st.text(alphabet=string.ascii_letters + string.punctuation + " ", max_size=8)


@pytest.fixture(scope="module")
def duck() -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect() as con:
        yield con


@settings(max_examples=300, deadline=None, derandomize=True)
@given(haystack=ASCII, needle=ASCII)
def test_text_search_is_a_literal_case_insensitive_substring(
    duck: duckdb.DuckDBPyConnection, haystack: str, needle: str
) -> None:
    found = duck.execute(
        "SELECT regexp_matches(?, ?, 'i')", [haystack, literal_pattern(needle)]
    ).fetchall()[0][0]
    assert found == (needle.lower() in haystack.lower())
