"""Output records on a hand-built event: every span's text is the document's words."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from rich.console import Console

from eventwire.output import (
    error_line,
    error_record,
    event_record,
    events_table,
    plover_record,
)
from eventwire.records import (
    Actor,
    Document,
    Event,
    EventDate,
    EventType,
    IngestError,
    Sentence,
    Span,
)

TEXT = "Officials said Moscow sent troops to Kabul on Saturday."


def find(word: str) -> Span:
    start = TEXT.index(word)
    return Span(start, start + len(word))


def make_event() -> tuple[Event, Document]:
    document = Document(
        id="doc-1",
        text=TEXT,
        url="https://example.org/a",
        outlet="Example News",
        published=dt.date(2017, 12, 23),
    )
    sentence = Sentence(0, Span(0, len(TEXT)), TEXT)
    event = Event(
        event_id="ev-1",
        doc_id="doc-1",
        sentence=sentence,
        source=Actor("RUSGOV", "Russia", find("Moscow"), "RUS", ("GOV",), "metonym"),
        target=Actor("AFG", "Afghanistan", find("Kabul"), "AFG", (), "metonym"),
        type=EventType("152", "Increase military alert status", -7.2, 3, "MOBILIZE", "troops"),
        trigger=find("sent"),
        evidence=Span(TEXT.index("Moscow"), TEXT.index(" on")),
        modality="asserted",
        date=EventDate("2017-12-23", "day", "weekday", find("Saturday")),
        confidence=0.87654,
        reported_by=Actor("---GOV", "Officials", find("Officials"), None, ("GOV",), "title"),
        pattern="verb:send+troops",
    )
    return event, document


def test_event_record_follows_the_documented_schema() -> None:
    event, document = make_event()
    record = event_record(event, document)
    json.dumps(record)  # JSON-serialisable as is
    assert record["cameo"] == "152" and isinstance(record["cameo"], str)
    assert (record["cameo_root"], record["quad_class"], record["goldstein"]) == ("15", 3, -7.2)
    assert record["plover"] == {"type": "MOBILIZE", "mode": "troops"}
    assert (record["date"], record["date_precision"], record["date_resolved_by"]) == (
        "2017-12-23",
        "day",
        "weekday",
    )
    assert record["date_span"]["text"] == "Saturday"
    assert record["source"]["span"] == {"start": 15, "end": 21, "text": "Moscow"}
    assert record["source"]["sectors"] == ["GOV"]
    assert record["target"]["code"] == "AFG"
    assert record["reported_by"]["name"] == "Officials"
    assert record["trigger"]["text"] == "sent"
    assert record["evidence_span"]["text"] == "Moscow sent troops to Kabul"
    assert record["sentence"] == {"index": 0, "start": 0, "end": len(TEXT), "text": TEXT}
    assert record["location"] is None
    assert record["confidence"] == 0.8765
    assert (record["doc_id"], record["url"]) == ("doc-1", "https://example.org/a")


def test_undated_event_without_target_has_nulls() -> None:
    event, document = make_event()
    bare = replace(event, target=None, date=None, reported_by=None)
    record = event_record(bare, document)
    assert record["target"] is None and record["reported_by"] is None
    assert record["date"] is None and record["date_precision"] is None


def test_plover_record_names_actor_recipient_and_source_text() -> None:
    event, document = make_event()
    record = plover_record(event, document)
    assert (record["event"], record["mode"]) == ("MOBILIZE", "troops")
    assert record["actor"]["code"] == "RUSGOV" and record["actor"]["text"] == "Moscow"
    assert record["recipient"]["code"] == "AFG"
    assert record["source_text"] == TEXT
    assert record["id"] == "ev-1"


def test_error_record_and_line() -> None:
    error = IngestError("in/bad.bin", "encoding", "binary data\nat byte 3", record="r1")
    assert error_record(error)["reason"] == "encoding"
    line = error_line(error)
    assert "\n" not in line and line.startswith("error: in/bad.bin: encoding")


def test_table_shows_codes_and_evidence() -> None:
    event, document = make_event()
    console = Console(width=200, record=True)
    console.print(events_table([(event, document)]))
    shown = console.export_text()
    assert "RUSGOV" in shown and "152" in shown and "Moscow sent troops to Kabul" in shown
