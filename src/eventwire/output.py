"""Events as the outside world sees them: JSON Lines, PLOVER-style JSON, a terminal table.

The record layouts are documented field by field in ``docs/OUTPUT.md``; change
both together. Every text-derived field carries ``{start, end, text}`` so a reader
can check each code against the words of ``Document.text`` it came from.
"""

from __future__ import annotations

import dataclasses
import platform
from collections.abc import Iterable, Mapping
from importlib import metadata
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from eventwire.records import (
    Actor,
    Document,
    Event,
    IngestError,
    Location,
    Sentence,
    Span,
)

if TYPE_CHECKING:
    from eventwire.nlp import ModelInfo

SCHEMA_VERSION = "1"


def span_record(span: Span | None, text: str) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.of(text)}


def _actor_identity(actor: Actor) -> dict[str, Any]:
    return {
        "code": actor.code,
        "country": actor.country,
        "sectors": list(actor.sectors),
        "name": actor.name,
    }


def actor_record(actor: Actor | None, text: str) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        **_actor_identity(actor),
        "resolved_by": actor.resolved_by,
        "span": span_record(actor.span, text),
        "resolved_span": span_record(actor.resolved_span, text),
        "kb_id": actor.kb_id,
    }


def location_record(location: Location | None, text: str) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "name": location.name,
        "country": location.country,
        "adm1": location.adm1,
        "geonames_id": location.geonames_id,
        "lat": location.lat,
        "lon": location.lon,
        "precision": location.precision,
        "fips": location.fips,
        "resolved_by": location.resolved_by,
        "span": span_record(location.span, text),
    }


def sentence_record(sentence: Sentence) -> dict[str, Any]:
    return {
        "index": sentence.index,
        "start": sentence.span.start,
        "end": sentence.span.end,
        "text": sentence.text,
    }


def event_record(event: Event, document: Document) -> dict[str, Any]:
    """One line of ``eventwire code --format jsonl`` (schema in docs/OUTPUT.md)."""
    text = document.text
    kind = event.type
    date = event.date
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "url": event.url or document.url,
        "outlet": document.outlet,
        "published": document.published.isoformat() if document.published else None,
        "date": date.value if date else None,
        "date_precision": date.precision if date else None,
        "date_resolved_by": date.resolved_by if date else None,
        "date_span": span_record(date.span, text) if date else None,
        "source": actor_record(event.source, text),
        "target": actor_record(event.target, text),
        "cameo": kind.cameo,
        "cameo_name": kind.name,
        "cameo_root": kind.root,
        "quad_class": kind.quad_class,
        "goldstein": kind.goldstein,
        "plover": {"type": kind.plover_type, "mode": kind.plover_mode},
        "modality": event.modality,
        "reported_by": actor_record(event.reported_by, text),
        "location": location_record(event.location, text),
        "sentence": sentence_record(event.sentence),
        "trigger": span_record(event.trigger, text),
        "evidence_span": span_record(event.evidence, text),
        "confidence": round(event.confidence, 4),
        "pattern": event.pattern,
        "schema_version": SCHEMA_VERSION,
    }


def _plover_actor(actor: Actor | None, text: str) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {**_actor_identity(actor), "text": actor.span.of(text)}


def plover_record(event: Event, document: Document) -> dict[str, Any]:
    """One event in the PLOVER interchange style (type/mode/context, actor and
    recipient), keeping the CAMEO code and the source text for provenance."""
    text = document.text
    kind = event.type
    return {
        "id": event.event_id,
        "date": event.date.value if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "event": kind.plover_type,
        "mode": kind.plover_mode,
        "context": [],
        "actor": _plover_actor(event.source, text),
        "recipient": _plover_actor(event.target, text),
        "reported_by": _plover_actor(event.reported_by, text),
        "location": location_record(event.location, text),
        "modality": event.modality,
        "cameo": kind.cameo,
        "event_text": event.trigger.of(text),
        "source_text": event.sentence.text,
        "doc_id": event.doc_id,
        "url": event.url or document.url,
        "outlet": document.outlet,
        "published": document.published.isoformat() if document.published else None,
    }


def error_record(error: IngestError) -> dict[str, Any]:
    """One line of the ``--errors`` file: an input that could not be coded, and why."""
    return {
        "source": error.source,
        "stage": error.stage,
        "reason": error.reason,
        "detail": error.detail,
        "record": error.record,
    }


def error_line(error: IngestError) -> str:
    """The one stderr line reported per failed input."""
    detail = f": {error.detail}" if error.detail else ""
    return f"error: {error.source}: {error.reason}{detail}".replace("\n", " ")


def _actor_cell(actor: Actor | None) -> str:
    return "-" if actor is None else actor.code


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def events_table(rows: Iterable[tuple[Event, Document]], title: str | None = None) -> Table:
    """A readable terminal table: one row per event, the evidence text last.
    The date's length shows its precision (2017-12-23, 2017-11, 2001)."""
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("date", no_wrap=True)
    table.add_column("source", no_wrap=True)
    table.add_column("event", min_width=18, max_width=30)
    table.add_column("target", no_wrap=True)
    table.add_column("modality", no_wrap=True)
    table.add_column("evidence", min_width=30, ratio=1)
    for event, document in rows:
        kind = event.type
        label = Text(f"{kind.cameo} {_shorten(kind.name, 26)}")
        if kind.plover_type:
            label.append(f" {kind.plover_type}", style="dim")
        modality = event.modality if event.reported_by is None else f"{event.modality}*"
        table.add_row(
            event.date.value if event.date else "-",
            _actor_cell(event.source),
            label,
            _actor_cell(event.target),
            modality,
            _shorten(event.evidence.of(document.text), 200),
        )
    return table


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def info_record(
    description: Mapping[str, object], model: ModelInfo, config: object
) -> dict[str, Any]:
    """What ``eventwire info --json`` prints: versions, the model (loadable again with
    ``spacy.load(spacy_model["path"])``), the configuration, then ``Pipeline.describe()``
    (registered stages, data files and their licences)."""
    record: dict[str, Any] = {
        "eventwire": _version("eventwire"),
        "python": platform.python_version(),
        "spacy": _version("spacy"),
        "spacy_model": {
            "name": model.name,
            "path": model.path,
            "version": model.version,
            "key": model.key,
            "components": list(model.components),
            "enabled": list(model.enabled),
        },
    }
    if dataclasses.is_dataclass(config) and not isinstance(config, type):
        record["config"] = dataclasses.asdict(config)
    for key, value in description.items():
        record.setdefault(key, value)
    return record
