"""The store's tables, as data: column names and types in one place.

``EVENT_COLUMNS`` is the JSON event schema (docs/OUTPUT.md) flattened to one row
per coded event; :mod:`eventwire.store.rows` fills and reads it. Once a release
has shipped, changing a table means a new entry in :data:`MIGRATIONS` and a higher
:data:`SCHEMA_VERSION`; until then version 1 is edited in place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import duckdb
import pyarrow as pa

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql_type: str


# The Arrow type of each SQL type used here: one mapping for the store's inserts,
# its Parquet exports and the engines' Parquet partitions.
ARROW_TYPES: Mapping[str, pa.DataType] = MappingProxyType(
    {
        "VARCHAR": pa.string(),
        "JSON": pa.string(),
        "BOOLEAN": pa.bool_(),
        "VARCHAR[]": pa.list_(pa.string()),
        "INTEGER": pa.int32(),
        "TINYINT": pa.int8(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
    }
)


def arrow_schema(columns: Sequence[Column]) -> pa.Schema:
    return pa.schema([(c.name, ARROW_TYPES[c.sql_type]) for c in columns])


def _actor_columns(role: str) -> tuple[Column, ...]:
    return (
        Column(f"{role}_code", "VARCHAR"),
        Column(f"{role}_country", "VARCHAR"),
        Column(f"{role}_sectors", "VARCHAR[]"),
        Column(f"{role}_name", "VARCHAR"),
        Column(f"{role}_resolved_by", "VARCHAR"),
        Column(f"{role}_start", "INTEGER"),
        Column(f"{role}_end", "INTEGER"),
        Column(f"{role}_text", "VARCHAR"),
        Column(f"{role}_resolved_start", "INTEGER"),
        Column(f"{role}_resolved_end", "INTEGER"),
        Column(f"{role}_kb_id", "VARCHAR"),
    )


ACTOR_ROLES = ("source", "target", "reported_by")

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "VARCHAR"),
    Column("doc_id", "VARCHAR"),
    Column("url", "VARCHAR"),
    Column("outlet", "VARCHAR"),
    Column("published", "DATE"),
    Column("date", "VARCHAR"),
    Column("date_precision", "VARCHAR"),
    Column("date_resolved_by", "VARCHAR"),
    Column("date_first", "DATE"),
    Column("date_span_start", "INTEGER"),
    Column("date_span_end", "INTEGER"),
    *_actor_columns("source"),
    *_actor_columns("target"),
    *_actor_columns("reported_by"),
    Column("cameo", "VARCHAR"),
    Column("cameo_name", "VARCHAR"),
    Column("cameo_root", "VARCHAR"),
    Column("cameo_base", "VARCHAR"),
    Column("quad_class", "TINYINT"),
    Column("goldstein", "DOUBLE"),
    Column("plover_type", "VARCHAR"),
    Column("plover_mode", "VARCHAR"),
    Column("modality", "VARCHAR"),
    Column("location_name", "VARCHAR"),
    Column("location_country", "VARCHAR"),
    Column("location_adm1", "VARCHAR"),
    Column("location_geonames_id", "BIGINT"),
    Column("location_lat", "DOUBLE"),
    Column("location_lon", "DOUBLE"),
    Column("location_precision", "VARCHAR"),
    Column("location_fips", "VARCHAR"),
    Column("location_resolved_by", "VARCHAR"),
    Column("location_start", "INTEGER"),
    Column("location_end", "INTEGER"),
    Column("sentence_index", "INTEGER"),
    Column("sentence_start", "INTEGER"),
    Column("sentence_end", "INTEGER"),
    Column("sentence_text", "VARCHAR"),
    Column("trigger_start", "INTEGER"),
    Column("trigger_end", "INTEGER"),
    Column("trigger_text", "VARCHAR"),
    Column("evidence_start", "INTEGER"),
    Column("evidence_end", "INTEGER"),
    Column("evidence_text", "VARCHAR"),
    Column("confidence", "DOUBLE"),
    Column("pattern", "VARCHAR"),
    Column("schema_version", "VARCHAR"),
)

DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", "VARCHAR"),
    Column("url", "VARCHAR"),
    Column("outlet", "VARCHAR"),
    Column("title", "VARCHAR"),
    Column("published", "DATE"),
    Column("language", "VARCHAR"),
    Column("text", "VARCHAR"),
    Column("dropped", "JSON"),
    Column("content_hash", "VARCHAR"),
    Column("story_id", "VARCHAR"),
    Column("num_events", "INTEGER"),
    Column("tone", "DOUBLE"),
    Column("avg_tone", "DOUBLE"),
    Column("ingested_at", "TIMESTAMP"),
)

# span columns are ``<what>_start``/``<what>_end``: a bare ``end`` is an SQL keyword
QUOTE_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", "VARCHAR"),
    Column("quote_index", "INTEGER"),
    Column("sentence_index", "INTEGER"),
    Column("text_start", "INTEGER"),
    Column("text_end", "INTEGER"),
    Column("text", "VARCHAR"),
    Column("verb_start", "INTEGER"),
    Column("verb_end", "INTEGER"),
    Column("verb_text", "VARCHAR"),
    *_actor_columns("speaker"),
    Column("direct", "BOOLEAN"),
    Column("event_ids", "VARCHAR[]"),
)

COUNT_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", "VARCHAR"),
    Column("count_index", "INTEGER"),
    Column("sentence_index", "INTEGER"),
    Column("event_id", "VARCHAR"),
    Column("number", "DOUBLE"),
    Column("unit", "VARCHAR"),
    Column("what", "VARCHAR"),
    Column("approximate", "BOOLEAN"),
    Column("size", "VARCHAR"),
    Column("span_start", "INTEGER"),
    Column("span_end", "INTEGER"),
    Column("text", "VARCHAR"),
)

ERROR_COLUMNS: tuple[Column, ...] = (
    Column("error_id", "VARCHAR"),
    Column("source", "VARCHAR"),
    Column("stage", "VARCHAR"),
    Column("reason", "VARCHAR"),
    Column("detail", "VARCHAR"),
    Column("record", "VARCHAR"),
    Column("seen_at", "TIMESTAMP"),
)


def _create(table: str, columns: tuple[Column, ...], key: str) -> str:
    body = ",\n  ".join(f"{c.name} {c.sql_type}" for c in columns)
    return f"CREATE TABLE {table} (\n  {body},\n  PRIMARY KEY ({key})\n)"


_AGGREGATES = """
CREATE TABLE aggregated_events (
  aggregate_id BIGINT PRIMARY KEY,
  date_first DATE, date VARCHAR, date_precision VARCHAR,
  source_code VARCHAR, source_country VARCHAR, source_name VARCHAR, source_sectors VARCHAR[],
  target_code VARCHAR, target_country VARCHAR, target_name VARCHAR, target_sectors VARCHAR[],
  cameo VARCHAR, cameo_base VARCHAR, cameo_root VARCHAR, quad_class TINYINT,
  goldstein DOUBLE, plover_type VARCHAR, plover_mode VARCHAR,
  location_name VARCHAR, location_country VARCHAR, location_adm1 VARCHAR,
  location_geonames_id BIGINT, location_lat DOUBLE, location_lon DOUBLE,
  location_precision VARCHAR,
  num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER, num_stories INTEGER,
  first_seen TIMESTAMP, last_seen TIMESTAMP, first_published DATE,
  avg_confidence DOUBLE, avg_tone DOUBLE, is_root_event BOOLEAN,
  source_url VARCHAR, first_event_id VARCHAR
)
"""

_MEMBERS = """
CREATE TABLE event_aggregates (
  event_id VARCHAR PRIMARY KEY,
  aggregate_id BIGINT NOT NULL
)
"""

# GDELT-Mentions-like: one row per coded event (mention) with its aggregated event
_MENTIONS_VIEW = """
CREATE VIEW mentions AS
SELECT a.aggregate_id, e.event_id, e.doc_id, d.outlet, d.url, d.published,
       d.ingested_at, e.sentence_index, e.source_start, e.source_end,
       e.target_start, e.target_end, e.trigger_start, e.trigger_end,
       e.evidence_start, e.evidence_end, e.source_resolved_by, e.target_resolved_by,
       e.confidence, length(d.text) AS doc_length, d.avg_tone AS doc_tone
FROM events e
JOIN documents d USING (doc_id)
LEFT JOIN event_aggregates a USING (event_id)
"""

# every distinct actor identity seen as a source or a target of a coded event
_ACTORS_VIEW = """
CREATE VIEW actors AS
WITH sides AS (
  SELECT source_code AS code, source_country AS country, source_sectors AS sectors,
         source_name AS name, 'source' AS role, event_id, doc_id, date_first
  FROM events WHERE source_code IS NOT NULL
  UNION ALL
  SELECT target_code, target_country, target_sectors, target_name, 'target',
         event_id, doc_id, date_first
  FROM events WHERE target_code IS NOT NULL
)
SELECT code, country, sectors, name,
       count(DISTINCT event_id) AS num_events,
       count(*) FILTER (WHERE role = 'source') AS events_as_source,
       count(*) FILTER (WHERE role = 'target') AS events_as_target,
       count(DISTINCT doc_id) AS num_documents,
       min(date_first) AS first_date, max(date_first) AS last_date
FROM sides
GROUP BY code, country, sectors, name
"""

# every distinct place an event was located at
_LOCATIONS_VIEW = """
CREATE VIEW locations AS
SELECT location_name AS name, location_country AS country, location_adm1 AS adm1,
       location_geonames_id AS geonames_id, location_lat AS lat, location_lon AS lon,
       location_precision AS "precision", location_fips AS fips,
       count(*) AS num_events, count(DISTINCT doc_id) AS num_documents,
       min(date_first) AS first_date, max(date_first) AS last_date
FROM events
WHERE location_name IS NOT NULL
GROUP BY ALL
"""


def _migrate_to_1(con: duckdb.DuckDBPyConnection) -> None:
    for statement in (
        _create("documents", DOCUMENT_COLUMNS, "doc_id"),
        _create("ingest_errors", ERROR_COLUMNS, "error_id"),
        _create("events", EVENT_COLUMNS, "event_id"),
        _create("quotes", QUOTE_COLUMNS, "doc_id, quote_index"),
        _create("counts", COUNT_COLUMNS, "doc_id, count_index"),
        _AGGREGATES,
        _MEMBERS,
        _MENTIONS_VIEW,
        _ACTORS_VIEW,
        _LOCATIONS_VIEW,
    ):
        con.execute(statement).fetchall()


Migration = Callable[[duckdb.DuckDBPyConnection], None]

# MIGRATIONS[i] takes a store from schema version i to i + 1, inside one transaction
MIGRATIONS: tuple[Migration, ...] = (_migrate_to_1,)
assert len(MIGRATIONS) == SCHEMA_VERSION
