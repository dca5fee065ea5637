"""The read endpoints: events, one event, locations, series, actors, documents, stats.

Every handler borrows a cursor from the app's :class:`ReadPool` and reads inside one
transaction; every value reaches SQL as a bound parameter.
"""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from eventwire.api.db import CursorStore, ReadPool
from eventwire.api.models import (
    SUMMARY_FIELDS,
    ActorsOut,
    DocumentEvent,
    DocumentOut,
    EventDetail,
    EventPageOut,
    Health,
    LocationsOut,
    SeriesOut,
    StatsOut,
)
from eventwire.api.params import CODE, MAX_LIMIT, decode_cursor, encode_cursor, event_filter
from eventwire.store.query import EventFilter, EventPage, SortKey, SortOrder
from eventwire.store.schema import SCHEMA_VERSION
from eventwire.store.series import Period, series

router = APIRouter(prefix="/api")

MAX_LOCATIONS = 5000
# Ids come from the user's own records (any printable text) or from our hashes;
# values are bound as SQL parameters, so this only keeps out control characters.
ID = r"^[^\x00-\x1f\x7f]{1,512}$"
# what a spreadsheet would run as a formula when a cell starts with it (OWASP)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _pool(request: Request) -> ReadPool:
    pool: ReadPool = request.app.state.pool
    return pool


Pool = Annotated[ReadPool, Depends(_pool)]


def _summary_columns() -> str:
    """The ``events`` columns of an event summary (``title`` comes from ``documents``)."""
    return ", ".join(f"e.{name}" for name in SUMMARY_FIELDS if name != "title")


_EVENT_SELECT = _summary_columns()


@router.get("/health", response_model=Health)
def health(pool: Pool, request: Request) -> dict[str, Any]:
    with pool.read() as view:
        documents, events = view.con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)"
        ).fetchall()[0]
    return {
        "status": "ok",
        "schema_version": SCHEMA_VERSION,
        "read_only": request.app.state.writer is None,
        "documents": documents,
        "events": events,
    }


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _events_csv(rows: list[dict[str, Any]], next_cursor: str | None) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SUMMARY_FIELDS)
    for row in rows:
        writer.writerow([_csv_cell(row[name]) for name in SUMMARY_FIELDS])
    headers = {"Content-Disposition": 'attachment; filename="events.csv"'}
    if next_cursor:
        headers["X-Next-Cursor"] = next_cursor
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get(
    "/events",
    response_model=EventPageOut,
    responses={200: {"content": {"text/csv": {}}, "description": "events (JSON or CSV)"}},
)
def events(
    pool: Pool,
    flt: Annotated[EventFilter, Depends(event_filter)],
    sort: SortKey = "date",
    order: SortOrder = "desc",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
    format: Literal["json", "csv"] = "json",
) -> Any:
    """Coded events matching every filter given, one page at a time (keyset on the
    sort key and ``event_id``, so pages never skip or repeat rows)."""
    page = decode_cursor(cursor, sort, order) if cursor else EventPage(sort=sort, order=order)
    where, params = flt.where("e")
    after, after_params = page.keyset("e")
    if after:
        where = f"{where} AND {after}" if where else f" WHERE {after}"
    # Sort and cut on the narrow columns first, then read the wide rows of the page
    # only: carrying every column through the sort costs more than the second pass.
    sql = (
        f"WITH page AS (SELECT e.rowid AS row_id FROM events e{where} "
        f"ORDER BY {page.order_by('e')} LIMIT ?) "
        f"SELECT {_EVENT_SELECT}, {page.sort_expression('e')} AS _key FROM events e "
        f"WHERE e.rowid IN (SELECT row_id FROM page) ORDER BY {page.order_by('e')}"
    )
    with pool.read() as view:
        rows = view.fetch(sql, [*params, *after_params, limit + 1])
        doc_ids = sorted({row["doc_id"] for row in rows})
        titles = dict(
            view.con.execute(
                "SELECT doc_id, title FROM documents WHERE list_contains(?, doc_id)", [doc_ids]
            ).fetchall()
        )
    for row in rows:
        row["title"] = titles.get(row["doc_id"])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(page, last["_key"], last["event_id"])
    if format == "csv":
        return _events_csv(rows, next_cursor)
    return {"events": rows, "next_cursor": next_cursor}


def _document_ref(view: CursorStore, doc_id: str) -> dict[str, Any]:
    found = view.fetch(
        "SELECT doc_id, title, url, outlet, published FROM documents WHERE doc_id = ?",
        [doc_id],
    )
    return found[0] if found else {"doc_id": doc_id}


@router.get("/events/{event_id}", response_model=EventDetail)
def event(pool: Pool, event_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    """One coded event with every stored column, its article, and the other
    mentions of the same aggregated event."""
    with pool.read() as view:
        found = view.fetch(
            "SELECT e.*, a.aggregate_id FROM events e "
            "LEFT JOIN event_aggregates a USING (event_id) WHERE e.event_id = ?",
            [event_id],
        )
        if not found:
            raise HTTPException(404, f"no event {event_id}")
        row = found[0]
        row["document"] = _document_ref(view, row["doc_id"])
        row["mentions"] = []
        if row["aggregate_id"] is not None:
            row["mentions"] = view.fetch(
                "SELECT e.event_id, e.doc_id, e.url, e.outlet, e.published, e.sentence_text "
                "FROM event_aggregates a JOIN events e USING (event_id) "
                "WHERE a.aggregate_id = ? AND e.event_id <> ? "
                "ORDER BY e.published NULLS LAST, e.doc_id, e.event_id LIMIT 1000",
                [row["aggregate_id"], event_id],
            )
    return row


@router.get("/locations", response_model=LocationsOut)
def locations(pool: Pool, flt: Annotated[EventFilter, Depends(event_filter)]) -> dict[str, Any]:
    """Map points: located events matching the filters, counted per place and quad class."""
    where, params = flt.where("e")
    located = "e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL"
    where = f"{where} AND {located}" if where else f" WHERE {located}"
    quads = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS q{q}" for q in range(1, 5))
    sql = (
        "SELECT e.location_name AS name, e.location_country AS country, "
        "e.location_lat AS lat, e.location_lon AS lon, count(*) AS events, "
        f"{quads} FROM events e{where} GROUP BY ALL "
        "ORDER BY events DESC, name, lat, lon LIMIT ?"
    )
    with pool.read() as view:
        rows = view.fetch(sql, [*params, MAX_LOCATIONS + 1])
    points = [
        {
            "name": r["name"],
            "country": r["country"],
            "lat": r["lat"],
            "lon": r["lon"],
            "events": r["events"],
            "by_quad": {str(q): r[f"q{q}"] for q in range(1, 5)},
        }
        for r in rows[:MAX_LOCATIONS]
    ]
    return {"locations": points, "truncated": len(rows) > MAX_LOCATIONS}


@router.get("/series", response_model=SeriesOut)
def series_endpoint(
    pool: Pool,
    actor: Annotated[str, Query(pattern=CODE, description="actor code or country")],
    other: Annotated[str | None, Query(pattern=CODE)] = None,
    by: Period = "month",
    directed: bool = False,
) -> dict[str, Any]:
    """Aggregated events per period and quad class, for one actor or a dyad."""
    with pool.read() as view:
        table = series(view, actor, other, by=by, directed=directed)
    return {
        "actor": actor.upper(),
        "other": other.upper() if other else None,
        "by": by,
        "directed": directed,
        "points": table.to_pylist(),
    }


_ACTORS_SQL = """
WITH sides AS (
  SELECT source_code AS code, source_country AS country, source_name AS name,
         'source' AS role, event_id, doc_id, date_first
  FROM events WHERE source_code IS NOT NULL
  UNION ALL
  SELECT target_code, target_country, target_name, 'target', event_id, doc_id, date_first
  FROM events WHERE target_code IS NOT NULL
)
SELECT code, mode(country) AS country, mode(name) AS name,
       count(DISTINCT event_id) AS num_events,
       count(*) FILTER (WHERE role = 'source') AS events_as_source,
       count(*) FILTER (WHERE role = 'target') AS events_as_target,
       count(DISTINCT doc_id) AS num_documents,
       min(date_first) AS first_date, max(date_first) AS last_date
FROM sides
WHERE ? IS NULL OR starts_with(lower(code), ?) OR contains(lower(name), ?)
GROUP BY code
ORDER BY num_events DESC, code
LIMIT ?
"""


@router.get("/actors", response_model=ActorsOut)
def actors(
    pool: Pool,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=100, description="code prefix or part of the name"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> dict[str, Any]:
    """Actors seen as a source or target, busiest first (one row per code)."""
    needle = q.lower() if q else None
    with pool.read() as view:
        rows = view.fetch(_ACTORS_SQL, [needle, needle, needle, limit])
    return {"actors": rows}


def _offsets(row: dict[str, Any], prefix: str) -> tuple[int, int] | None:
    start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
    return None if start is None or end is None else (start, end)


_DOCUMENT_EVENT_FIELDS = tuple(name for name in DocumentEvent.model_fields if name != "spans")
_SPAN_PARTS = ("sentence", "source", "target", "reported_by", "trigger", "evidence", "location")


def _document_event(row: dict[str, Any]) -> dict[str, Any]:
    spans: dict[str, Any] = {part: _offsets(row, part) for part in _SPAN_PARTS}
    spans["date"] = _offsets(row, "date_span")
    return {**{name: row[name] for name in _DOCUMENT_EVENT_FIELDS}, "spans": spans}


@router.get("/documents/{doc_id}", response_model=DocumentOut)
def document(pool: Pool, doc_id: Annotated[str, Path(pattern=ID)]) -> dict[str, Any]:
    """The cleaned text with the offsets of every event part, quote and count in it."""
    with pool.read() as view:
        found = view.fetch(
            "SELECT doc_id, title, url, outlet, published, language, text, tone, avg_tone "
            "FROM documents WHERE doc_id = ?",
            [doc_id],
        )
        if not found:
            raise HTTPException(404, f"no document {doc_id}")
        events = view.fetch(
            "SELECT * FROM events WHERE doc_id = ? ORDER BY sentence_index, trigger_start, "
            "event_id",
            [doc_id],
        )
        quotes = view.fetch("SELECT * FROM quotes WHERE doc_id = ? ORDER BY quote_index", [doc_id])
        counts = view.fetch("SELECT * FROM counts WHERE doc_id = ? ORDER BY count_index", [doc_id])
    return {
        **found[0],
        "events": [_document_event(row) for row in events],
        "quotes": [
            {
                "quote_index": r["quote_index"],
                "sentence_index": r["sentence_index"],
                "text": _offsets(r, "text"),
                "verb": _offsets(r, "verb"),
                "speaker": _offsets(r, "speaker"),
                "speaker_code": r["speaker_code"],
                "speaker_name": r["speaker_name"],
                "direct": r["direct"],
                "event_ids": r["event_ids"] or [],
            }
            for r in quotes
        ],
        "counts": [{**r, "span": _offsets(r, "span")} for r in counts],
    }


@router.get("/stats", response_model=StatsOut)
def stats(pool: Pool) -> dict[str, Any]:
    """Totals and breakdowns, all read from one snapshot (they always add up)."""
    with pool.read() as view:
        totals = view.fetch(
            "SELECT (SELECT count(*) FROM documents) AS documents, "
            "(SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM aggregated_events) AS aggregated_events, "
            "(SELECT count(*) FROM ingest_errors) AS errors, "
            "(SELECT min(date_first) FROM events) AS date_min, "
            "(SELECT max(date_first) FROM events) AS date_max"
        )[0]

        def breakdown(column: str) -> dict[str, int]:
            rows = view.con.execute(
                f"SELECT {column}, count(*) FROM events WHERE {column} IS NOT NULL "
                "GROUP BY 1 ORDER BY 1"
            ).fetchall()
            return {str(key): int(n) for key, n in rows}

        by_quad = breakdown("quad_class")
        by_root = breakdown("cameo_root")
        by_plover = breakdown("plover_type")
        top = view.fetch(
            "SELECT code, count(*) AS events FROM ("
            "SELECT source_code AS code FROM events WHERE source_code IS NOT NULL "
            "UNION ALL SELECT target_code FROM events WHERE target_code IS NOT NULL) "
            "GROUP BY code ORDER BY events DESC, code LIMIT 20"
        )
    return {
        **totals,
        "by_quad": by_quad,
        "by_root": by_root,
        "by_plover": by_plover,
        "top_actors": top,
    }
