"""Exports for the tools analysts already use: GDELT 2.0 files, PLOVER JSON,
a Hive-partitioned Parquet dataset, CSV.

GDELT: one line per aggregated event in the 61 columns of the GDELT 2.0 Event
table (tab-separated, no header, as GDELT ships them) and one line per mention in
the 16 columns of its Mentions table. Tone is the document's ``avg_tone`` (mean
over an event's documents). Fields eventwire does not produce (ethnic and religion
codes, known groups, ADM2) are empty; geo fields are filled
from the event's location, with FIPS 10-4 country codes, and empty without one.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from itertools import groupby
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from eventwire.output import plover_record
from eventwire.store.rows import document_from_row, event_from_row

if TYPE_CHECKING:
    from eventwire.store.duckdb_store import Store

ExportFormat = Literal["gdelt", "plover", "parquet", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("gdelt", "plover", "parquet", "csv")
Table = Literal["events", "aggregated_events", "mentions"]
TABLES: tuple[Table, ...] = ("events", "aggregated_events", "mentions")


def _actor_fields(n: int) -> tuple[str, ...]:
    return tuple(
        f"Actor{n}{f}"
        for f in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    )


def _geo_fields(prefix: str) -> tuple[str, ...]:
    fields = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long")
    return (*(f"{prefix}Geo_{f}" for f in fields), f"{prefix}Geo_FeatureID")


GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    *("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"),
    *_actor_fields(1),
    *_actor_fields(2),
    *("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass"),
    *("GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"),
    *_geo_fields("Actor1"),
    *_geo_fields("Actor2"),
    *_geo_fields("Action"),
    "DATEADDED",
    "SOURCEURL",
)

GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)

# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
_GEO_TYPE = MappingProxyType({"country": 1, "adm1": 5, "city": 4})


@dataclass(frozen=True, slots=True)
class FipsCodes:
    """ISO-3 (CAMEO) country -> FIPS 10-4, from ``data/store/iso3_fips.tsv``."""

    by_iso3: Mapping[str, str]

    @classmethod
    def load(cls) -> FipsCodes:
        path = resources.files("eventwire").joinpath("data", "store", "iso3_fips.tsv")
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        return cls(dict(line.split("\t") for line in lines if line))

    def fips(self, iso3: str | None) -> str:
        return self.by_iso3.get(iso3 or "", "")


@dataclass(frozen=True, slots=True)
class ExportSummary:
    format: str
    paths: tuple[Path, ...]
    rows: int
    skipped: int = 0


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\t", " ").replace("\n", " ")


def _ymd(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d") if day else ""


def _stamp(moment: dt.datetime | dt.date | None) -> str:
    if moment is None:
        return ""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time())
    return moment.strftime("%Y%m%d%H%M%S")


def _geo(row: Mapping[str, Any], fips: FipsCodes) -> list[Any]:
    if row.get("location_name") is None:
        return [""] * 8
    return [
        _GEO_TYPE.get(row.get("location_precision") or "country", 1),
        row["location_name"],
        fips.fips(row.get("location_country")),
        row.get("location_adm1"),
        None,
        row.get("location_lat"),
        row.get("location_lon"),
        row.get("location_geonames_id"),
    ]


def _actor(row: Mapping[str, Any], role: str) -> list[Any]:
    code = row.get(f"{role}_code")
    if code is None:
        return [""] * 10
    sectors = list(row.get(f"{role}_sectors") or [])[:3]
    name = row.get(f"{role}_name")
    return [
        code,
        name.upper() if name else None,
        row.get(f"{role}_country"),
        None,
        None,
        None,
        None,
        *(sectors + [None] * (3 - len(sectors))),
    ]


def gdelt_event_line(row: Mapping[str, Any], fips: FipsCodes) -> list[str]:
    """One aggregated event (a row of ``aggregated_events``) in GDELT 2.0's 61 columns.
    Month- and year-precise dates are written as their first day (GDELT has no
    precision field)."""
    day: dt.date = row["date_first"]
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    geo = _geo(row, fips)
    values: list[Any] = [
        row["aggregate_id"],
        _ymd(day),
        day.strftime("%Y%m"),
        day.year,
        f"{fraction:.4f}",
        *_actor(row, "source"),
        *_actor(row, "target"),
        1 if row.get("is_root_event") else 0,
        row["cameo"],
        row["cameo_base"],
        row["cameo_root"],
        row["quad_class"],
        row["goldstein"],
        row["num_mentions"],
        row["num_sources"],
        row["num_articles"],
        row.get("avg_tone"),
        # eventwire places the event, not each actor: actor geo stays empty
        *([""] * 8),
        *([""] * 8),
        *geo,
        _stamp(row.get("first_seen")),
        row.get("source_url") or row.get("first_event_id"),
    ]
    return [_cell(v) for v in values]


def gdelt_mention_line(row: Mapping[str, Any]) -> list[str]:
    """One coded event (a row of the ``mentions`` view plus the event's first-seen
    time) in GDELT 2.0's 16 Mentions columns."""
    in_raw = all(
        row.get(f"{role}_resolved_by") in (None, "dictionary", "knowledge_base", "metonym")
        for role in ("source", "target")
    )
    values: list[Any] = [
        row["aggregate_id"],
        _stamp(row.get("event_first_seen")),
        _stamp(row.get("published") or row.get("ingested_at")),
        1,  # web
        row.get("outlet") or "",
        row.get("url") or row["doc_id"],
        (row["sentence_index"] or 0) + 1,
        row.get("source_start"),
        -1 if row.get("target_start") is None else row["target_start"],
        row.get("trigger_start"),
        1 if in_raw else 0,
        round(100 * (row.get("confidence") or 0)),
        row.get("doc_length"),
        row.get("doc_tone"),
        None,
        None,
    ]
    return [_cell(v) for v in values]


def mentions_path(output: Path) -> Path:
    """``events.tsv`` -> ``events.mentions.tsv`` (GDELT's ``.export``/``.mentions`` pair)."""
    return output.with_name(f"{output.stem}.mentions{output.suffix or '.tsv'}")


def export_gdelt(store: Store, output: Path) -> ExportSummary:
    """Aggregated events with a date, and all their mentions; undated events have no
    GDELT ``SQLDATE`` and are counted in ``skipped``."""
    store.ensure_aggregated()
    fips = FipsCodes.load()
    rows = 0
    with output.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        for row in store.rows(
            "SELECT * FROM aggregated_events WHERE date_first IS NOT NULL "
            "ORDER BY date_first, aggregate_id"
        ):
            writer.writerow(gdelt_event_line(row, fips))
            rows += 1
    skipped = int(
        store.sql("SELECT count(*) AS n FROM aggregated_events WHERE date_first IS NULL")["n"][
            0
        ].as_py()
    )
    mentions = mentions_path(output)
    with mentions.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        for row in store.rows(
            "SELECT m.*, a.first_seen AS event_first_seen FROM mentions m "
            "JOIN aggregated_events a USING (aggregate_id) WHERE a.date_first IS NOT NULL "
            "ORDER BY a.date_first, m.aggregate_id, m.event_id"
        ):
            writer.writerow(gdelt_mention_line(row))
    return ExportSummary("gdelt", (output, mentions), rows, skipped)


def _plover_groups(store: Store) -> Iterator[list[dict[str, Any]]]:
    query = (
        "SELECT e.*, a.aggregate_id, d.text, d.title, d.language, d.dropped, "
        "d.url AS doc_url, d.outlet AS doc_outlet "
        "FROM events e JOIN event_aggregates a USING (event_id) JOIN documents d USING (doc_id) "
        "ORDER BY a.aggregate_id, e.published NULLS LAST, e.doc_id, e.sentence_index, e.event_id"
    )
    for _, group in groupby(store.rows(query), key=lambda r: r["aggregate_id"]):
        yield list(group)


def plover_aggregate_record(mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """One aggregated event as a PLOVER record: the first mention's
    :func:`~eventwire.output.plover_record`, plus ``size`` (unknown: null),
    ``text_info`` and ``cite_info`` (every mention) and the aggregate counts."""
    first = mentions[0]
    document = document_from_row({**first, "url": first["doc_url"], "outlet": first["doc_outlet"]})
    record = plover_record(event_from_row(first), document)
    record["id"] = str(first["aggregate_id"])
    record["size"] = None
    record["text_info"] = {
        "event_text": record["event_text"],
        "source_text": record["source_text"],
        "title": first.get("title"),
    }
    record["cite_info"] = [
        {
            "event_id": m["event_id"],
            "doc_id": m["doc_id"],
            "url": m["url"],
            "outlet": m["outlet"],
            "published": m["published"].isoformat() if m["published"] else None,
            "sentence": m["sentence_text"],
            "trigger": {"start": m["trigger_start"], "end": m["trigger_end"]},
            "confidence": m["confidence"],
        }
        for m in mentions
    ]
    record["num_mentions"] = len(mentions)
    record["num_articles"] = len({m["doc_id"] for m in mentions})
    record["num_sources"] = len({m["outlet"] or m["doc_id"] for m in mentions})
    return record


def export_plover(store: Store, output: Path) -> ExportSummary:
    """One PLOVER JSON record per aggregated event and line."""
    store.ensure_aggregated()
    rows = 0
    with output.open("w", encoding="utf-8") as out:
        for group in _plover_groups(store):
            out.write(json.dumps(plover_aggregate_record(group), ensure_ascii=False) + "\n")
            rows += 1
    return ExportSummary("plover", (output,), rows)


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _table_query(table: Table) -> str:
    if table == "events":
        return (
            "SELECT e.*, a.aggregate_id FROM events e LEFT JOIN event_aggregates a USING (event_id)"
        )
    return f"SELECT * FROM {table}"


def export_parquet(store: Store, output: Path, table: Table = "events") -> ExportSummary:
    """A Hive-partitioned dataset ``year=YYYY/month=M/`` by the event's date (the
    publication date when the event has none)."""
    store.ensure_aggregated()
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}")
    when = "coalesce(date_first, published)" if table != "aggregated_events" else "date_first"
    query = f"SELECT *, year({when}) AS year, month({when}) AS month FROM ({_table_query(table)})"
    rows = int(store.sql(f"SELECT count(*) AS n FROM ({query})")["n"][0].as_py())
    store.con.execute(
        f"COPY ({query}) TO {_quoted(output)} "
        "(FORMAT parquet, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)"
    ).fetchall()
    return ExportSummary("parquet", (output,), rows)


def export_csv(store: Store, output: Path, table: Table = "events") -> ExportSummary:
    """One CSV file with a header; list columns (sectors) are written as ``[GOV, MIL]``."""
    store.ensure_aggregated()
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}")
    query = _table_query(table)
    rows = int(store.sql(f"SELECT count(*) AS n FROM ({query})")["n"][0].as_py())
    store.con.execute(f"COPY ({query}) TO {_quoted(output)} (FORMAT csv, HEADER)").fetchall()
    return ExportSummary("csv", (output,), rows)


def export(
    store: Store, export_format: ExportFormat, output: Path, table: Table = "events"
) -> ExportSummary:
    """Write ``store`` to ``output`` in ``export_format`` (see the module docstring)."""
    if export_format == "gdelt":
        return export_gdelt(store, output)
    if export_format == "plover":
        return export_plover(store, output)
    if export_format == "parquet":
        return export_parquet(store, output, table)
    if export_format == "csv":
        return export_csv(store, output, table)
    raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}")
