from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.dataset as ds

from eventwire.pipeline import Pipeline
from eventwire.records import CodedDocument, IngestError
from eventwire.store import open_store
from eventwire.store.export import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    FipsCodes,
    export,
    gdelt_event_line,
)

CODES = ("EventCode", "EventBaseCode", "EventRootCode")


def _read_tsv(path: Path, names: tuple[str, ...]) -> dict[str, list[object]]:
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=list(names)),
        parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False),
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in CODES if c in names}
        ),
    )
    return table.to_pydict()


def test_gdelt_export_has_gdelts_layout(
    tmp_path: Path, coded_sample: list[CodedDocument | IngestError]
):
    output = tmp_path / "events.tsv"
    with open_store(tmp_path / "s.duckdb") as store:
        store.add(coded_sample)
        summary = export(store, "gdelt", output)
        aggregated = store.counts().aggregated_events
    lines = output.read_text(encoding="utf-8").splitlines()
    assert len(GDELT_EVENT_COLUMNS) == 61 and len(GDELT_MENTION_COLUMNS) == 16
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    assert summary.rows + summary.skipped == aggregated
    events = _read_tsv(output, GDELT_EVENT_COLUMNS)
    assert len(events["GLOBALEVENTID"]) == summary.rows
    assert all(code.startswith(root) and len(root) == 2 for code, root in
               zip(events["EventCode"], events["EventRootCode"], strict=True))  # fmt: skip
    assert all(url.startswith("https://en.wikinews.org/") for url in events["SOURCEURL"])
    assert set(events["QuadClass"]) <= {1, 2, 3, 4}
    mentions = _read_tsv(summary.paths[1], GDELT_MENTION_COLUMNS)
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    assert sum(events["NumMentions"]) == len(mentions["GLOBALEVENTID"])


def test_gdelt_geo_fields_use_fips():
    row = {
        "aggregate_id": 7, "date_first": dt.date(2020, 3, 3), "source_code": "RUSGOV",
        "source_name": "Russian government", "source_country": "RUS",
        "source_sectors": ["GOV"], "target_code": None, "is_root_event": True,
        "cameo": "111", "cameo_base": "111", "cameo_root": "11", "quad_class": 3,
        "goldstein": -2.0, "num_mentions": 2, "num_sources": 1, "num_articles": 2,
        "location_name": "Moscow", "location_country": "RUS", "location_precision": "city",
        "location_lat": 55.75, "location_lon": 37.62, "location_geonames_id": 524901,
        "first_seen": dt.datetime(2020, 3, 3, 12, 0), "source_url": "https://example.org/a",
    }  # fmt: skip
    line = dict(zip(GDELT_EVENT_COLUMNS, gdelt_event_line(row, FipsCodes.load()), strict=True))
    assert line["ActionGeo_CountryCode"] == "RS"
    assert (line["ActionGeo_Type"], line["ActionGeo_FeatureID"]) == ("4", "524901")
    assert line["Actor1CountryCode"] == "RUS" and line["Actor1Type1Code"] == "GOV"
    assert (line["SQLDATE"], line["MonthYear"], line["DATEADDED"]) == (
        "20200303", "202003", "20200303120000"
    )  # fmt: skip
    assert line["Actor2Code"] == "" and line["Actor1Geo_CountryCode"] == ""


def test_parquet_csv_and_plover(tmp_path: Path, coded_sample: list[CodedDocument | IngestError]):
    with open_store(tmp_path / "s.duckdb") as store:
        store.add(coded_sample)
        events = store.counts().events
        export(store, "parquet", tmp_path / "pq")
        export(store, "csv", tmp_path / "events.csv")
        plover = export(store, "plover", tmp_path / "plover.jsonl")
        aggregated = store.counts().aggregated_events
    dataset = ds.dataset(tmp_path / "pq", format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert table.num_rows == events
    assert {"year", "month", "event_id", "aggregate_id"} <= set(table.column_names)
    assert any(p.startswith("year=2020") for p in (x.name for x in (tmp_path / "pq").iterdir()))
    assert pacsv.read_csv(tmp_path / "events.csv").num_rows == events
    records = [json.loads(line) for line in plover.paths[0].read_text().splitlines()]
    assert len(records) == aggregated
    for key in ("id", "date", "actor", "recipient", "event", "mode", "context",
                "event_text", "location", "size", "text_info", "cite_info"):  # fmt: skip
        assert all(key in r for r in records)
    assert sum(r["num_mentions"] for r in records) == events
    assert all(len(r["cite_info"]) == r["num_mentions"] for r in records)


def test_the_seed_exported_as_gdelt_reads_in_pandas(
    pipeline: Pipeline, seed_text: str, tmp_path: Path
) -> None:
    """The issue's check: 61 columns per line, and pandas reads the file with GDELT's
    published column names (the seed, dated as published)."""
    import pandas as pd

    coded = pipeline.code_text(seed_text, date=dt.date(2017, 12, 23), doc_id="seed")
    out = tmp_path / "seed.export.CSV"
    with open_store(tmp_path / "seed.duckdb") as store:
        store.add([coded])
        export(store, "gdelt", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    frame = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_EVENT_COLUMNS), dtype=str)
    assert list(frame.columns)[:2] == ["GLOBALEVENTID", "SQLDATE"]
    assert list(frame.columns)[-1] == "SOURCEURL"
    assert len(frame) == len(lines)
    roots = set(frame["EventRootCode"])
    assert {"03", "15", "19"} <= roots
    invasion = frame[(frame["EventRootCode"] == "19") & (frame["Actor2CountryCode"] == "AFG")]
    assert "2001" in set(invasion["SQLDATE"].str[:4])
