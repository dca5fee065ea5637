"""CSV and Parquet tables, column mappings, and readers picked by name."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.ingest import READERS, ReadOptions, read_inputs
from eventwire.ingest.tabular import ColumnMap
from eventwire.records import IngestError, RawArticle
from eventwire.registry import UnknownComponentError

TEXT = "The army withdrew from the border town on Friday after talks with the rebels."
BODY = ColumnMap.parse("text=body, date=pubdate, outlet=paper")


def test_csv_with_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "paper", "pubdate", "body"])
        writer.writerow(["a1", "Valley Courier", "2020-06-17", TEXT])
        writer.writerow(["a2", "Valley Courier", "2020-06-18", ""])
        writer.writerow(["a3", "Valley Courier", "", TEXT + " Long" * 40_000])
    first, empty, long = read_inputs([str(path)], options=ReadOptions(columns=BODY))
    assert isinstance(first, RawArticle)
    assert (first.id, first.outlet, first.published) == (
        "a1",
        "Valley Courier",
        dt.date(2020, 6, 17),
    )
    assert first.origin == f"{path}:1"
    assert isinstance(empty, IngestError) and (empty.reason, empty.record) == ("empty", "a2")
    assert isinstance(long, RawArticle) and long.published is None


def test_csv_without_the_text_column(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,headline\n1,Hello\n")
    [error] = read_inputs([str(path)])
    assert isinstance(error, IngestError) and error.reason == "missing_text"


def test_parquet_streams_rows(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    table = pa.table(
        {
            "id": ["p1", "p2"],
            "body": [TEXT, None],
            "pubdate": [dt.date(2021, 1, 5), dt.date(2021, 1, 6)],
            "extra": [1, 2],
        }
    )
    pq.write_table(table, path)
    first, second = read_inputs([str(path)], options=ReadOptions(columns=BODY))
    assert isinstance(first, RawArticle) and first.published == dt.date(2021, 1, 5)
    assert isinstance(second, IngestError) and second.source == f"{path}:2"


def test_broken_parquet(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    path.write_bytes(b"PAR1 not really")
    [error] = read_inputs([str(path)])
    assert isinstance(error, IngestError) and error.reason == "bad_parquet"


def test_reader_by_name_overrides_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    path.write_text(json.dumps({"id": "x", "text": TEXT}) + "\n")
    [unsupported] = read_inputs([str(path)])
    assert isinstance(unsupported, IngestError) and unsupported.reason == "unsupported_format"
    [article] = read_inputs([str(path)], reader="jsonl")
    assert isinstance(article, RawArticle) and article.id == "x"


def test_unknown_reader_name_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownComponentError) as caught:
        read_inputs(["whatever"], reader="pdf")
    assert all(name in str(caught.value) for name in READERS)


def test_bad_column_mapping() -> None:
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        ColumnMap.parse("body")
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        ColumnMap.parse("headline=title")
