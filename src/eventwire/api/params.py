"""Query parameters -> store filters, and the opaque pagination cursor.

FastAPI validates the shapes (patterns, ranges, enums); what a pattern cannot say
(a real calendar date, a bounding box in order) is checked here and answered 422.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
from typing import Annotated, Any

from fastapi import HTTPException, Query

from eventwire.store.query import EventFilter, EventPage, SortKey, SortOrder, parse_day

CODE = r"^[A-Za-z0-9]{1,32}$"
COUNTRY = r"^[A-Za-z]{3}$"
DATE = r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"
MAX_LIMIT = 1000


def _day(name: str, value: str | None) -> dt.date | None:
    try:
        return parse_day(value)
    except ValueError as exc:
        raise HTTPException(422, f"{name}: {exc}") from None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    message = "bbox: expected minlon,minlat,maxlon,maxlat with -180<=lon<=180, -90<=lat<=90"
    try:
        numbers = [float(part) for part in value.split(",")]
    except ValueError:
        raise HTTPException(422, message) from None
    if len(numbers) != 4:
        raise HTTPException(422, message)
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HTTPException(422, message + ", min before max")
    return min_lon, min_lat, max_lon, max_lat


def event_filter(
    country: Annotated[
        str | None, Query(pattern=COUNTRY, description="either side's country (ISO-3)")
    ] = None,
    actor: Annotated[
        str | None, Query(pattern=CODE, description="either side's actor code or country")
    ] = None,
    source: Annotated[
        str | None, Query(pattern=CODE, description="source actor code or country")
    ] = None,
    target: Annotated[
        str | None, Query(pattern=CODE, description="target actor code or country")
    ] = None,
    cameo: Annotated[
        str | None, Query(pattern=r"^\d{1,4}$", description="CAMEO code prefix")
    ] = None,
    root: Annotated[
        str | None, Query(pattern=r"^\d{1,2}$", description="CAMEO root, 3 or 03")
    ] = None,
    plover: Annotated[
        str | None, Query(pattern=r"^[A-Za-z_]{1,40}$", description="PLOVER event type")
    ] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="quad class")] = None,
    start: Annotated[
        str | None, Query(pattern=DATE, description="first day (2020-01-05, 2020-01, 2020)")
    ] = None,
    end: Annotated[str | None, Query(pattern=DATE, description="last day, inclusive")] = None,
    bbox: Annotated[
        str | None, Query(max_length=100, description="minlon,minlat,maxlon,maxlat")
    ] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="text in the sentence, any case"),
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> EventFilter:
    """The ``/api/events`` filters (shared with ``/api/locations``)."""
    first, last = _day("start", start), _day("end", end)
    if first and last and first > last:
        raise HTTPException(422, "start is after end")
    return EventFilter(
        country=country,
        source=source,
        target=target,
        root=root,
        cameo=cameo,
        plover=plover,
        start=first,
        end=last,
        actor=actor,
        quad=quad,
        bbox=_bbox(bbox),
        text=q,
        min_confidence=min_confidence,
    )


def encode_cursor(page: EventPage, key: Any, event_id: str) -> str:
    """Where the next page starts, as opaque URL-safe text."""
    value = key.isoformat() if isinstance(key, dt.date) else key
    raw = json.dumps([page.sort, page.order, value, event_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: SortKey, order: SortOrder) -> EventPage:
    """The page a cursor continues; 422 when it is not one of ours or was made for
    another sort order."""
    invalid = HTTPException(422, "cursor: invalid (pass next_cursor back unchanged)")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_sort, made_order, value, event_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError):
        raise invalid from None
    if (made_sort, made_order) != (sort, order) or not isinstance(event_id, str):
        raise HTTPException(422, "cursor: made for another sort or order") from None
    try:
        if sort == "date":
            key: Any = dt.date.fromisoformat(value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            key = float(value)
            if not math.isfinite(key):
                raise ValueError(value)
        else:
            raise ValueError(value)
    except (TypeError, ValueError):
        raise invalid from None
    return EventPage(sort=sort, order=order, after=(key, event_id))
