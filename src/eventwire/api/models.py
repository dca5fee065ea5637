"""Pydantic models of what the API answers and accepts (docs/API.md is the contract).

The event detail model is derived from the store's ``events`` columns, so a new
column is served (and documented in /openapi.json) without touching this file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from eventwire.store.schema import EVENT_COLUMNS

Offsets = tuple[int, int] | None

MAX_ARTICLES_PER_POST = 100
MAX_TEXT_CHARS = 1 << 20


class Health(BaseModel):
    status: str
    schema_version: int
    read_only: bool
    documents: int
    events: int


class EventSummary(BaseModel):
    """One row of ``/api/events``: what a table or a map needs, plus provenance."""

    event_id: str
    doc_id: str
    date: str | None = None
    date_first: dt.date | None = None
    date_precision: str | None = None
    source_code: str | None = None
    source_name: str | None = None
    source_country: str | None = None
    target_code: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    reported_by_code: str | None = None
    cameo: str | None = None
    cameo_name: str | None = None
    cameo_root: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    modality: str | None = None
    confidence: float | None = None
    location_name: str | None = None
    location_country: str | None = None
    location_lat: float | None = None
    location_lon: float | None = None
    sentence_text: str | None = None
    trigger_text: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None


SUMMARY_FIELDS: tuple[str, ...] = tuple(EventSummary.model_fields)


class EventPageOut(BaseModel):
    events: list[EventSummary]
    next_cursor: str | None = Field(
        default=None, description="pass as `cursor` for the next page; null on the last"
    )


class DocumentRef(BaseModel):
    doc_id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


class OtherMention(BaseModel):
    """Another article's (or sentence's) mention of the same aggregated event."""

    event_id: str
    doc_id: str
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    sentence_text: str | None = None


_PY_TYPES: Mapping[str, Any] = MappingProxyType(
    {
        "VARCHAR": str,
        "VARCHAR[]": list[str],
        "INTEGER": int,
        "TINYINT": int,
        "BIGINT": int,
        "DOUBLE": float,
        "DATE": dt.date,
        "BOOLEAN": bool,
    }
)

_DETAIL_FIELDS: dict[str, Any] = {
    **{c.name: (_PY_TYPES[c.sql_type] | None, None) for c in EVENT_COLUMNS},
    "aggregate_id": (int | None, None),
    "document": (DocumentRef, ...),
    "mentions": (list[OtherMention], ...),
}
EventDetail: type[BaseModel] = create_model("EventDetail", **_DETAIL_FIELDS)
del _DETAIL_FIELDS


class EventSpans(BaseModel):
    """Character offsets ``[start, end)`` into the document's ``text`` (Unicode code
    points, as Python counts them), or null when the event has no such part."""

    sentence: Offsets = None
    source: Offsets = None
    target: Offsets = None
    reported_by: Offsets = None
    trigger: Offsets = None
    evidence: Offsets = None
    location: Offsets = None
    date: Offsets = None


class DocumentEvent(BaseModel):
    event_id: str
    cameo: str | None = None
    cameo_name: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    plover_type: str | None = None
    modality: str | None = None
    confidence: float | None = None
    source_code: str | None = None
    source_name: str | None = None
    target_code: str | None = None
    target_name: str | None = None
    reported_by_code: str | None = None
    location_name: str | None = None
    date: str | None = None
    sentence_index: int | None = None
    spans: EventSpans


class DocumentQuote(BaseModel):
    quote_index: int
    sentence_index: int | None = None
    text: Offsets = None
    verb: Offsets = None
    speaker: Offsets = None
    speaker_code: str | None = None
    speaker_name: str | None = None
    direct: bool | None = None
    event_ids: list[str] = []


class DocumentCount(BaseModel):
    count_index: int
    sentence_index: int | None = None
    span: Offsets = None
    text: str | None = None
    number: float | None = None
    unit: str | None = None
    what: str | None = None
    approximate: bool | None = None
    size: str | None = None
    event_id: str | None = None


class DocumentOut(BaseModel):
    doc_id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    text: str
    tone: float | None = None
    avg_tone: float | None = None
    events: list[DocumentEvent]
    quotes: list[DocumentQuote]
    counts: list[DocumentCount]


class LocationPoint(BaseModel):
    name: str | None = None
    country: str | None = None
    lat: float
    lon: float
    events: int
    by_quad: dict[str, int]


class LocationsOut(BaseModel):
    locations: list[LocationPoint]
    truncated: bool = Field(description="true when only the busiest places are listed")


class SeriesPoint(BaseModel):
    period: dt.date
    quad_class: int
    events: int
    mentions: int
    goldstein_sum: float | None = None
    goldstein_mean: float | None = None


class SeriesOut(BaseModel):
    actor: str
    other: str | None = None
    by: str
    directed: bool
    points: list[SeriesPoint]


class ActorOut(BaseModel):
    code: str
    country: str | None = None
    name: str | None = None
    num_events: int
    events_as_source: int
    events_as_target: int
    num_documents: int
    first_date: dt.date | None = None
    last_date: dt.date | None = None


class ActorsOut(BaseModel):
    actors: list[ActorOut]


class ActorCount(BaseModel):
    code: str
    events: int


class StatsOut(BaseModel):
    documents: int
    events: int
    aggregated_events: int
    errors: int
    date_min: dt.date | None = None
    date_max: dt.date | None = None
    by_quad: dict[str, int]
    by_root: dict[str, int]
    by_plover: dict[str, int]
    top_actors: list[ActorCount]


class ArticleIn(BaseModel):
    """One article to code; only ``text`` is required."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None
    outlet: str | None = Field(default=None, max_length=200)


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES_PER_POST)


class ErrorOut(BaseModel):
    source: str
    reason: str
    detail: str


class AddedOut(BaseModel):
    added_documents: int
    added_events: int
    skipped_documents: int
    errors: int
    error_details: list[ErrorOut]
