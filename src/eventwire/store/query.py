"""Event filters -> parameterised SQL (values are always bound, never pasted)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What :meth:`Store.events` selects; every field is optional and they combine with AND.

    ``country``: either actor's country (ISO-3). ``source``/``target``: an actor code
    (``RUSGOV``) or a country (``RUS`` matches ``RUSGOV``, ``RUSMIL``...). ``root``:
    CAMEO root (``"3"`` or ``"03"``). ``cameo``: code prefix (``"03"``, ``"036"``).
    ``plover``: PLOVER type. ``start``/``end``: inclusive bounds on the first day of
    the event's date (a month-precise date counts as its first day); undated events
    drop out when either bound is set.

    Added for the HTTP API (all optional, appended so positional use still works):
    ``actor``: either side's code or country. ``quad``: quad class 1-4. ``bbox``:
    ``(min_lon, min_lat, max_lon, max_lat)`` on the event's location (events without
    coordinates drop out). ``text``: case-insensitive substring of the sentence and
    ``min_confidence``: lowest coder confidence, both on coded events only (the
    ``aggregated_events`` table has neither column).
    """

    country: str | None = None
    source: str | None = None
    target: str | None = None
    root: str | None = None
    cameo: str | None = None
    plover: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    limit: int | None = None
    actor: str | None = None
    quad: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    min_confidence: float | None = None

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """A ``WHERE`` clause (empty when nothing is set) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        p = f"{alias}."
        if self.country:
            clauses.append(f"({p}source_country = ? OR {p}target_country = ?)")
            params += [self.country.upper()] * 2
        for role, value in (("source", self.source), ("target", self.target)):
            if value:
                clauses.append(f"({p}{role}_code = ? OR {p}{role}_country = ?)")
                params += [value.upper()] * 2
        if self.root:
            clauses.append(f"{p}cameo_root = ?")
            params.append(self.root.zfill(2))
        if self.cameo:
            clauses.append(f"starts_with({p}cameo, ?)")
            params.append(self.cameo)
        if self.plover:
            clauses.append(f"{p}plover_type = ?")
            params.append(self.plover.upper())
        if self.start:
            clauses.append(f"{p}date_first >= ?")
            params.append(self.start)
        if self.end:
            clauses.append(f"{p}date_first <= ?")
            params.append(self.end)
        if self.actor:
            sides = " OR ".join(
                f"{p}{role}_{what} = ?"
                for role in ("source", "target")
                for what in ("code", "country")
            )
            clauses.append(f"({sides})")
            params += [self.actor.upper()] * 4
        if self.quad is not None:
            clauses.append(f"{p}quad_class = ?")
            params.append(self.quad)
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            clauses.append(f"{p}location_lon BETWEEN ? AND ? AND {p}location_lat BETWEEN ? AND ?")
            params += [min_lon, max_lon, min_lat, max_lat]
        if self.text:
            # a quoted literal in a case-insensitive RE2 search: twice as fast as ILIKE
            clauses.append(f"regexp_matches({p}sentence_text, ?, 'i')")
            params.append(literal_pattern(self.text))
        if self.min_confidence is not None:
            clauses.append(f"{p}confidence >= ?")
            params.append(self.min_confidence)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def limit_clause(self) -> tuple[str, list[Any]]:
        if self.limit is None:
            return "", []
        if self.limit < 0:
            raise ValueError(f"limit must be >= 0, not {self.limit}")
        return " LIMIT ?", [self.limit]


def literal_pattern(text: str) -> str:
    """``text`` as an RE2 pattern matching exactly it (``\\Q...\\E`` quoting; a
    ``\\E`` inside the text is closed, escaped and reopened)."""
    return "\\Q" + text.replace("\\E", "\\E\\\\E\\Q") + "\\E"


def parse_day(value: str | dt.date | None) -> dt.date | None:
    """``2020-01-05``, ``2020-01`` (its first day) or ``2020`` (1 January)."""
    if value is None or isinstance(value, dt.date):
        return value
    parts = value.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        while len(numbers) < 3:
            numbers.append(1)
        return dt.date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        raise ValueError(f"{value!r} is not a date like 2020-01-05, 2020-01 or 2020") from None


SortKey = Literal["date", "confidence", "goldstein"]
SortOrder = Literal["asc", "desc"]

# Sort expressions never yield NULL (undated events sort as the earliest day), so a
# keyset ``(key, event_id)`` orders every row exactly once.
_SORT_EXPRESSIONS: Mapping[str, str] = MappingProxyType(
    {
        "date": "coalesce({p}date_first, DATE '0001-01-01')",
        "confidence": "coalesce({p}confidence, -1.0)",
        "goldstein": "coalesce({p}goldstein, -100.0)",
    }
)


@dataclass(frozen=True, slots=True)
class EventPage:
    """Keyset pagination over coded events: sort key, order, and where the previous
    page ended (``after`` = that row's sort value and ``event_id``)."""

    sort: SortKey = "date"
    order: SortOrder = "desc"
    after: tuple[Any, str] | None = None

    def sort_expression(self, alias: str = "e") -> str:
        return _SORT_EXPRESSIONS[self.sort].format(p=f"{alias}.")

    def keyset(self, alias: str = "e") -> tuple[str, list[Any]]:
        """A condition (to AND with the filter) selecting the rows after ``after``."""
        if self.after is None:
            return "", []
        key = self.sort_expression(alias)
        op = "<" if self.order == "desc" else ">"
        value, event_id = self.after
        return (
            f"({key} {op} ? OR ({key} = ? AND {alias}.event_id {op} ?))",
            [value, value, event_id],
        )

    def order_by(self, alias: str = "e") -> str:
        direction = self.order.upper()
        return f"{self.sort_expression(alias)} {direction}, {alias}.event_id {direction}"
