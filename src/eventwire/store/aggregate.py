"""Cross-article aggregation: many coded mentions -> one real-world event.

Rules (docs/STORE.md, "Aggregation"):

* Mentions join when they share the source actor code, the target actor code (or
  both have none), the CAMEO base code (first three digits), and the location
  (GeoNames id, else name; unknown equals unknown).
* Day-precise dates: sorted by date, a mention joins the current group when it is at
  most ``window_days`` after the previous one (0 = the same day only).
* Month- or year-precise dates join only mentions with the very same value.
* Mentions without a date stay alone.

The aggregated id is a 60-bit integer hashed from the key and the group's first day,
so it is the same on every machine and after every rebuild, and fits GDELT's
integer ``GLOBALEVENTID``. The representative mention (code, names, URL) is the
earliest by publication date, then document id, sentence and event id.
"""

from __future__ import annotations

import duckdb

_KEYS = """
CREATE OR REPLACE TEMP TABLE _keyed AS
SELECT e.event_id, e.date_first, e.published, e.doc_id, e.sentence_index,
  CASE WHEN e.date IS NULL THEN 'event:' || e.event_id
       ELSE concat_ws('|', e.source_code, coalesce(e.target_code, ''), e.cameo_base,
                      coalesce(CAST(e.location_geonames_id AS VARCHAR), e.location_name, ''),
                      CASE WHEN e.date_precision = 'day' THEN 'day' ELSE e.date END)
  END AS agg_key
FROM events e
"""

_MEMBERS = """
INSERT INTO event_aggregates
WITH starts AS (
  SELECT *, coalesce(date_diff('day', lag(date_first) OVER w, date_first) > ?, true) AS opens
  FROM _keyed
  WINDOW w AS (PARTITION BY agg_key ORDER BY date_first, event_id)
), numbered AS (
  SELECT *, sum(CAST(opens AS INTEGER)) OVER (
    PARTITION BY agg_key ORDER BY date_first, event_id ROWS UNBOUNDED PRECEDING) AS group_no
  FROM starts
), firsts AS (
  SELECT agg_key, group_no, min(date_first) AS group_start FROM numbered GROUP BY ALL
)
SELECT n.event_id,
  ('0x' || md5(n.agg_key || '|' || coalesce(CAST(f.group_start AS VARCHAR), ''))[1:15])::BIGINT
FROM numbered n JOIN firsts f USING (agg_key, group_no)
"""

_ORDER = "e.published NULLS LAST, e.doc_id, e.sentence_index, e.event_id"
_FIRST = ", ".join(
    f"first(e.{c} ORDER BY {_ORDER}) AS {c}"
    for c in (
        "date",
        "date_precision",
        "source_code",
        "source_country",
        "source_name",
        "source_sectors",
        "target_code",
        "target_country",
        "target_name",
        "target_sectors",
        "cameo",
        "cameo_base",
        "cameo_root",
        "quad_class",
        "goldstein",
        "plover_type",
        "plover_mode",
        "location_name",
        "location_country",
        "location_adm1",
        "location_geonames_id",
        "location_lat",
        "location_lon",
        "location_precision",
    )
)

# GDELT's AvgTone: the mean tone of the documents that mention the event, each once
_AGGREGATES = f"""
INSERT INTO aggregated_events
WITH tones AS (
  SELECT m.aggregate_id, avg(d.avg_tone) AS avg_tone
  FROM (SELECT DISTINCT a.aggregate_id, e.doc_id
        FROM events e JOIN event_aggregates a USING (event_id)) m
  JOIN documents d USING (doc_id)
  GROUP BY m.aggregate_id
)
SELECT a.aggregate_id, min(e.date_first) AS date_first, {_FIRST},
  count(*) AS num_mentions,
  count(DISTINCT e.doc_id) AS num_articles,
  count(DISTINCT coalesce(d.outlet, e.doc_id)) AS num_sources,
  count(DISTINCT d.story_id) AS num_stories,
  min(d.ingested_at) AS first_seen,
  max(d.ingested_at) AS last_seen,
  min(e.published) AS first_published,
  avg(e.confidence) AS avg_confidence,
  any_value(t.avg_tone) AS avg_tone,
  bool_or(e.sentence_index < 3) AS is_root_event,
  first(e.url ORDER BY {_ORDER}) AS source_url,
  first(e.event_id ORDER BY {_ORDER}) AS first_event_id
FROM events e
JOIN event_aggregates a USING (event_id)
JOIN documents d USING (doc_id)
LEFT JOIN tones t ON t.aggregate_id = a.aggregate_id
GROUP BY a.aggregate_id
"""


def rebuild(con: duckdb.DuckDBPyConnection, window_days: int) -> None:
    """Recompute ``event_aggregates`` and ``aggregated_events`` from ``events``.

    Runs in the caller's transaction. A full rebuild keeps the grouping the same
    whatever order articles arrived in; it is a few set operations in DuckDB.
    """
    if window_days < 0:
        raise ValueError(f"window_days must be >= 0, not {window_days}")
    for statement, params in (
        ("DELETE FROM aggregated_events", None),
        ("DELETE FROM event_aggregates", None),
        (_KEYS, None),
        (_MEMBERS, [window_days]),
        (_AGGREGATES, None),
        ("DROP TABLE _keyed", None),
    ):
        con.execute(statement, params).fetchall()
