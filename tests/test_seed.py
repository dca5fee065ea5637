"""Acceptance test on the article the project started from (Press TV, 2017-12-23).

The text lives in ../shared/seed (third-party copy, quoted here, not shipped).
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import CodedDocument, Event

PUBLISHED = dt.date(2017, 12, 23)
URL = "https://presstv.ir/Detail/2017/12/23/546562/Russia-Afghanistan-US-cooperation"


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline, seed_text: str) -> CodedDocument:
    return pipeline.code_text(seed_text, date=PUBLISHED, url=URL, outlet="Press TV")


def country(actor: object) -> str | None:
    return getattr(actor, "country", None)


def find(coded: CodedDocument, root: str, source: str, target: str | None) -> list[Event]:
    return [
        e
        for e in coded.events
        if e.type.root == root
        and country(e.source) == source
        and (target is None or country(e.target) == target)
    ]


def test_intent_to_cooperate_is_03_on_the_publication_day(coded: CodedDocument) -> None:
    events = find(coded, "03", "RUS", "USA")
    assert events, [(e.type.cameo, e.source.code, e.target) for e in coded.events]
    event = events[0]
    assert event.type.plover_type == "AGREE"
    assert event.modality == "intended"
    assert event.date is not None and event.date.value == "2017-12-23"
    assert (
        "ready to engage in cooperation"
        in coded.document.text[event.sentence.span.start : event.sentence.span.end]
    )


def test_russian_and_us_officials_in_contact_is_04(coded: CodedDocument) -> None:
    pairs = {(country(e.source), country(e.target)) for e in coded.events if e.type.root == "04"}
    assert pairs & {("RUS", "USA"), ("USA", "RUS")}, pairs
    assert all(e.type.plover_type == "CONSULT" for e in coded.events if e.type.root == "04")


def test_kabulov_censured_us_authorities_last_month(coded: CodedDocument) -> None:
    events = find(coded, "11", "RUS", "USA")
    assert events
    event = events[0]
    assert event.source.code == "RUSGOV"
    assert event.source.resolved_by in {"coref", "apposition"}
    assert event.date is not None and (event.date.value, event.date.precision) == (
        "2017-11",
        "month",
    )


def test_deployment_of_troops_is_15(coded: CodedDocument) -> None:
    events = find(coded, "15", "USA", None)
    assert events
    assert events[0].type.plover_type == "MOBILIZE"
    assert any(country(e.target) == "AFG" for e in events)


def test_the_2001_invasion_is_dated_2001(coded: CodedDocument) -> None:
    events = find(coded, "19", "USA", "AFG")
    assert events
    assert events[0].date is not None and events[0].date.value == "2001"
    assert events[0].type.quad_class == 4


def test_no_event_comes_from_boilerplate_or_the_caption(coded: CodedDocument) -> None:
    text = coded.document.text
    for junk in ("SHARE THIS ARTICLE", "presstv.co.uk", "alternate addresses", "Roku"):
        assert junk not in text
    sentences = [e.sentence.text for e in coded.events]
    assert not any(s.startswith("Zamir Kabulov, the special representative") for s in sentences)


def test_every_event_points_at_its_words(coded: CodedDocument) -> None:
    text = coded.document.text
    for event in coded.events:
        assert event.sentence.span.of(text).strip() == event.sentence.text
        assert event.sentence.span.contains(event.trigger)
        assert event.evidence.contains(event.trigger)
        assert event.source.span.of(text) != ""
        assert len(event.event_id) == 20


def test_ids_are_deterministic(pipeline: Pipeline, seed_text: str, coded: CodedDocument) -> None:
    again = pipeline.code_text(seed_text, date=PUBLISHED, url=URL, outlet="Press TV")
    assert [e.event_id for e in again.events] == [e.event_id for e in coded.events]
