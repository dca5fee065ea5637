"""Event counts and Goldstein sums over time, per quad class, for a dyad or a country.

Counts aggregated events (one per real-world event, not per article). A bucket only
takes events whose date is at least as precise: ``day`` and ``week`` use day-precise
events, ``month`` also month-precise ones; year-precise and undated events are left
out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pyarrow as pa

if TYPE_CHECKING:
    from eventwire.store.duckdb_store import Store

Period = Literal["day", "week", "month"]
PERIODS: tuple[Period, ...] = ("day", "week", "month")


def _matches(role: str) -> str:
    return f"(e.{role}_code = ? OR e.{role}_country = ?)"


def series(
    store: Store,
    actor: str,
    other: str | None = None,
    *,
    by: Period = "month",
    directed: bool = False,
) -> pa.Table:
    """Rows ``period, quad_class, events, mentions, goldstein_sum, goldstein_mean``.

    ``actor`` alone: events where either side is that actor code or country.
    ``actor, other``: events between the two (either direction unless ``directed``,
    then ``actor`` is the source). ``period`` is the first day of the day, ISO week
    (Monday) or month.
    """
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    a, b = actor.upper(), other.upper() if other else None
    if b is None:
        where = f"({_matches('source')} OR {_matches('target')})"
        params = [a, a, a, a]
    elif directed:
        where = f"({_matches('source')} AND {_matches('target')})"
        params = [a, a, b, b]
    else:
        where = (
            f"(({_matches('source')} AND {_matches('target')}) OR "
            f"({_matches('source')} AND {_matches('target')}))"
        )
        params = [a, a, b, b, b, b, a, a]
    precisions = "('day', 'month')" if by == "month" else "('day')"
    sql = f"""
        SELECT CAST(date_trunc('{by}', e.date_first) AS DATE) AS period, e.quad_class,
               count(*) AS events, CAST(sum(e.num_mentions) AS BIGINT) AS mentions,
               sum(e.goldstein) AS goldstein_sum, avg(e.goldstein) AS goldstein_mean
        FROM aggregated_events e
        WHERE e.date_precision IN {precisions} AND {where}
        GROUP BY ALL ORDER BY period, e.quad_class
    """
    store.ensure_aggregated()
    return store.sql(sql, params)
