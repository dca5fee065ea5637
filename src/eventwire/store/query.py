"""Event filters -> parameterised SQL (values are always bound, never pasted)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What :meth:`Store.events` selects; every field is optional and they combine with AND.

    ``country``: either actor's country (ISO-3). ``source``/``target``: an actor code
    (``RUSGOV``) or a country (``RUS`` matches ``RUSGOV``, ``RUSMIL``...). ``root``:
    CAMEO root (``"3"`` or ``"03"``). ``cameo``: code prefix (``"03"``, ``"036"``).
    ``plover``: PLOVER type. ``start``/``end``: inclusive bounds on the first day of
    the event's date (a month-precise date counts as its first day); undated events
    drop out when either bound is set.
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
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def limit_clause(self) -> tuple[str, list[Any]]:
        if self.limit is None:
            return "", []
        if self.limit < 0:
            raise ValueError(f"limit must be >= 0, not {self.limit}")
        return " LIMIT ?", [self.limit]


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
