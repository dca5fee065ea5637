"""Records <-> table rows: the JSON event schema flattened, and read back.

Rows are filled from :func:`eventwire.output.event_record`, so the store holds
exactly what ``eventwire code`` prints; :func:`event_from_row` rebuilds the typed
records, so exports reuse the same output functions (``plover_record``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any, cast

from eventwire.output import actor_record, error_record, event_record
from eventwire.records import (
    Actor,
    ActorResolution,
    CodedDocument,
    Count,
    Document,
    DroppedSpan,
    Event,
    EventDate,
    EventType,
    IngestError,
    Location,
    Modality,
    Precision,
    Quote,
    Sentence,
    SizeField,
    Span,
)
from eventwire.store.schema import ACTOR_ROLES

Row = Mapping[str, Any]


def _span_columns(prefix: str, span: Mapping[str, Any] | None) -> dict[str, Any]:
    return {
        f"{prefix}_start": span["start"] if span else None,
        f"{prefix}_end": span["end"] if span else None,
    }


def _actor_columns(role: str, actor: Mapping[str, Any] | None) -> dict[str, Any]:
    actor = actor or {}
    span = actor.get("span")
    resolved = actor.get("resolved_span")
    return {
        f"{role}_code": actor.get("code"),
        f"{role}_country": actor.get("country"),
        f"{role}_sectors": actor.get("sectors"),
        f"{role}_name": actor.get("name"),
        f"{role}_resolved_by": actor.get("resolved_by"),
        f"{role}_start": span["start"] if span else None,
        f"{role}_end": span["end"] if span else None,
        f"{role}_text": span["text"] if span else None,
        f"{role}_resolved_start": resolved["start"] if resolved else None,
        f"{role}_resolved_end": resolved["end"] if resolved else None,
        f"{role}_kb_id": actor.get("kb_id"),
    }


def event_row(event: Event, document: Document) -> dict[str, Any]:
    """One ``events`` row: the JSON record of the event with nested objects flattened."""
    rec = event_record(event, document)
    location = rec["location"] or {}
    row: dict[str, Any] = {
        "event_id": rec["event_id"],
        "doc_id": rec["doc_id"],
        "url": rec["url"],
        "outlet": rec["outlet"],
        "published": document.published,
        "date": rec["date"],
        "date_precision": rec["date_precision"],
        "date_resolved_by": rec["date_resolved_by"],
        "date_first": event.date.date if event.date else None,
        **_span_columns("date_span", rec["date_span"]),
    }
    for role in ACTOR_ROLES:
        row.update(_actor_columns(role, rec[role]))
    row.update(
        {
            "cameo": rec["cameo"],
            "cameo_name": rec["cameo_name"],
            "cameo_root": rec["cameo_root"],
            "cameo_base": rec["cameo"][:3],
            "quad_class": rec["quad_class"],
            "goldstein": rec["goldstein"],
            "plover_type": rec["plover"]["type"],
            "plover_mode": rec["plover"]["mode"],
            "modality": rec["modality"],
            "location_name": location.get("name"),
            "location_country": location.get("country"),
            "location_adm1": location.get("adm1"),
            "location_geonames_id": location.get("geonames_id"),
            "location_lat": location.get("lat"),
            "location_lon": location.get("lon"),
            "location_precision": location.get("precision"),
            "location_fips": location.get("fips"),
            "location_resolved_by": location.get("resolved_by"),
            **_span_columns("location", location.get("span")),
            "sentence_index": rec["sentence"]["index"],
            "sentence_start": rec["sentence"]["start"],
            "sentence_end": rec["sentence"]["end"],
            "sentence_text": rec["sentence"]["text"],
            "trigger_start": rec["trigger"]["start"],
            "trigger_end": rec["trigger"]["end"],
            "trigger_text": rec["trigger"]["text"],
            "evidence_start": rec["evidence_span"]["start"],
            "evidence_end": rec["evidence_span"]["end"],
            "evidence_text": rec["evidence_span"]["text"],
            "confidence": rec["confidence"],
            "pattern": rec["pattern"],
            "schema_version": rec["schema_version"],
        }
    )
    return row


def content_hash(text: str) -> str:
    """Same words in the same order, whatever the spacing: agency copies share it."""
    return hashlib.sha256(" ".join(text.split()).lower().encode("utf-8")).hexdigest()[:16]


def document_row(coded: CodedDocument, ingested_at: dt.datetime) -> dict[str, Any]:
    doc = coded.document
    dropped = [
        {"text": d.text, "reason": d.reason, "raw_start": d.raw_start, "raw_end": d.raw_end}
        for d in doc.dropped
    ]
    return {
        "doc_id": doc.id,
        "url": doc.url,
        "outlet": doc.outlet,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "text": doc.text,
        "dropped": json.dumps(dropped, ensure_ascii=False),
        "content_hash": content_hash(doc.text),
        "story_id": doc.near_duplicate_of or doc.id,
        "num_events": len(coded.events),
        "tone": coded.tone.document if coded.tone else None,
        "avg_tone": coded.tone.avg_tone if coded.tone else None,
        "ingested_at": ingested_at,
    }


def quote_rows(coded: CodedDocument) -> list[dict[str, Any]]:
    """The document's ``quotes`` rows, keyed by (doc_id, position in the document)."""
    text = coded.document.text
    rows: list[dict[str, Any]] = []
    for index, quote in enumerate(coded.quotes):
        speaker = _actor_columns("speaker", actor_record(quote.speaker, text))
        # the speaker's words are kept even when they are no known actor
        speaker.update(
            {
                "speaker_start": quote.speaker_span.start if quote.speaker_span else None,
                "speaker_end": quote.speaker_span.end if quote.speaker_span else None,
                "speaker_text": quote.speaker_span.of(text) if quote.speaker_span else None,
            }
        )
        rows.append(
            {
                "doc_id": coded.document.id,
                "quote_index": index,
                "sentence_index": quote.sentence_index,
                "text_start": quote.text.start,
                "text_end": quote.text.end,
                "text": quote.text.of(text),
                "verb_start": quote.verb.start if quote.verb else None,
                "verb_end": quote.verb.end if quote.verb else None,
                "verb_text": quote.verb.of(text) if quote.verb else None,
                **speaker,
                "direct": quote.direct,
                "event_ids": list(quote.event_ids),
            }
        )
    return rows


def count_rows(coded: CodedDocument) -> list[dict[str, Any]]:
    """The document's ``counts`` rows, keyed by (doc_id, position in the document)."""
    return [
        {
            "doc_id": coded.document.id,
            "count_index": index,
            "sentence_index": count.sentence_index,
            "event_id": count.event_id,
            "number": count.number,
            "unit": count.unit,
            "what": count.what,
            "approximate": count.approximate,
            "size": count.size,
            "span_start": count.span.start,
            "span_end": count.span.end,
            "text": count.text,
        }
        for index, count in enumerate(coded.counts)
    ]


def error_row(error: IngestError, seen_at: dt.datetime) -> dict[str, Any]:
    """An ``ingest_errors`` row; the id hashes what failed and why, so a rerun that
    fails the same way adds nothing."""
    rec = error_record(error)
    key = "\x1f".join(str(rec[k]) for k in ("source", "stage", "reason", "record"))
    return {
        "error_id": hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        **rec,
        "seen_at": seen_at,
    }


# -- rows back to records ---------------------------------------------------------------


def _span(row: Row, prefix: str) -> Span | None:
    start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
    return None if start is None or end is None else Span(int(start), int(end))


def _actor(row: Row, role: str) -> Actor | None:
    code = row.get(f"{role}_code")
    span = _span(row, role)
    if code is None or span is None:
        return None
    return Actor(
        code=code,
        name=row[f"{role}_name"],
        span=span,
        country=row.get(f"{role}_country"),
        sectors=tuple(row.get(f"{role}_sectors") or ()),
        resolved_by=cast(ActorResolution, row[f"{role}_resolved_by"]),
        resolved_span=_span(row, f"{role}_resolved"),
        kb_id=row.get(f"{role}_kb_id"),
    )


def _location(row: Row) -> Location | None:
    name = row.get("location_name")
    if name is None:
        return None
    return Location(
        name=name,
        span=_span(row, "location"),
        country=row.get("location_country"),
        geonames_id=row.get("location_geonames_id"),
        adm1=row.get("location_adm1"),
        lat=row.get("location_lat"),
        lon=row.get("location_lon"),
        precision=row.get("location_precision") or "country",
        fips=row.get("location_fips"),
        resolved_by=row.get("location_resolved_by") or "text",
    )


def event_from_row(row: Row) -> Event:
    """The typed event a stored row came from (``event_record`` of it is the same JSON)."""
    source = _actor(row, "source")
    if source is None:
        raise ValueError(f"event {row['event_id']} has no source actor")
    date = None
    if row.get("date") is not None:
        date = EventDate(
            value=row["date"],
            precision=cast(Precision, row["date_precision"]),
            resolved_by=row["date_resolved_by"],
            span=_span(row, "date_span"),
        )
    return Event(
        event_id=row["event_id"],
        doc_id=row["doc_id"],
        sentence=Sentence(
            row["sentence_index"],
            Span(row["sentence_start"], row["sentence_end"]),
            row["sentence_text"],
        ),
        source=source,
        target=_actor(row, "target"),
        type=EventType(
            cameo=row["cameo"],
            name=row["cameo_name"],
            goldstein=row["goldstein"],
            quad_class=row["quad_class"],
            plover_type=row.get("plover_type"),
            plover_mode=row.get("plover_mode"),
        ),
        trigger=Span(row["trigger_start"], row["trigger_end"]),
        evidence=Span(row["evidence_start"], row["evidence_end"]),
        modality=cast(Modality, row["modality"]),
        date=date,
        confidence=row["confidence"],
        reported_by=_actor(row, "reported_by"),
        location=_location(row),
        url=row.get("url"),
        pattern=row.get("pattern") or "",
    )


def document_from_row(row: Row) -> Document:
    dropped = tuple(
        DroppedSpan(d["text"], d["reason"], d["raw_start"], d["raw_end"])
        for d in json.loads(row.get("dropped") or "[]")
    )
    return Document(
        id=row["doc_id"],
        text=row["text"],
        url=row.get("url"),
        outlet=row.get("outlet"),
        title=row.get("title"),
        published=row.get("published"),
        language=row.get("language") or "en",
        dropped=dropped,
    )


def quote_from_row(row: Row) -> Quote:
    speaker_span = _span(row, "speaker")
    speaker = _actor(row, "speaker")
    return Quote(
        text=Span(row["text_start"], row["text_end"]),
        verb=_span(row, "verb"),
        speaker=speaker,
        speaker_span=speaker_span,
        direct=bool(row["direct"]),
        sentence_index=row["sentence_index"],
        event_ids=tuple(row.get("event_ids") or ()),
    )


def count_from_row(row: Row) -> Count:
    return Count(
        span=Span(row["span_start"], row["span_end"]),
        text=row["text"],
        number=row["number"],
        unit=row.get("unit"),
        what=row.get("what"),
        approximate=bool(row["approximate"]),
        size=cast(SizeField | None, row.get("size")),
        sentence_index=row["sentence_index"],
        event_id=row.get("event_id"),
    )
