"""Partition output: Parquet files in the layout of the store and its exports.

For a partition named ``P`` in the output directory ``DIR``:

* ``DIR/P.parquet``: the events, in the columns and types of
  ``eventwire export --format parquet`` (``aggregate_id`` is null: aggregation
  spans every partition and happens when the output is loaded into a store);
* ``DIR/documents/P.parquet``, ``DIR/quotes/P.parquet``, ``DIR/counts/P.parquet``:
  the store's tables of the same names;
* ``DIR/errors/P.parquet``: every input that could not be coded (``ingest_errors``).

Each file is written under a temporary name and renamed, and the events file last,
so an events file that exists means the whole partition is complete.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.records import CodedDocument, IngestError
from eventwire.store.rows import count_rows, document_row, error_row, event_row, quote_rows
from eventwire.store.schema import (
    COUNT_COLUMNS,
    DOCUMENT_COLUMNS,
    ERROR_COLUMNS,
    EVENT_COLUMNS,
    QUOTE_COLUMNS,
    Column,
    arrow_schema,
)

# ``eventwire export --format parquet`` writes ``events`` plus its aggregate id
EVENTS_SCHEMA = arrow_schema((*EVENT_COLUMNS, Column("aggregate_id", "BIGINT")))
SIDE_TABLES: Mapping[str, pa.Schema] = MappingProxyType(
    {
        "documents": arrow_schema(DOCUMENT_COLUMNS),
        "quotes": arrow_schema(QUOTE_COLUMNS),
        "counts": arrow_schema(COUNT_COLUMNS),
        "errors": arrow_schema(ERROR_COLUMNS),
    }
)


@dataclass(frozen=True, slots=True)
class PartitionCounts:
    """What one partition produced."""

    documents: int
    events: int
    failed: int  # inputs that could not be coded
    skipped: int  # deliberate skips: exact copies of a document already coded


def events_path(output: Path, name: str) -> Path:
    return output / f"{name}.parquet"


def table_path(output: Path, table: str, name: str) -> Path:
    return output / table / f"{name}.parquet"


def write_partition(
    output: Path, name: str, results: Sequence[CodedDocument | IngestError]
) -> PartitionCounts:
    """Write one partition's tables, the events file last (see the module docstring)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    coded = [r for r in results if isinstance(r, CodedDocument)]
    errors = [r for r in results if isinstance(r, IngestError)]
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [document_row(c, now) for c in coded],
        "quotes": [row for c in coded for row in quote_rows(c)],
        "counts": [row for c in coded for row in count_rows(c)],
        "errors": [error_row(e, now) for e in errors],
    }
    for table, schema in SIDE_TABLES.items():
        _write_atomically(table_path(output, table, name), rows[table], schema)
    events = [
        {**event_row(event, c.document), "aggregate_id": None} for c in coded for event in c.events
    ]
    _write_atomically(events_path(output, name), events, EVENTS_SCHEMA)
    skipped = sum(1 for e in errors if e.is_skip)
    return PartitionCounts(len(coded), len(events), len(errors) - skipped, skipped)


def read_counts(output: Path, name: str) -> PartitionCounts:
    """The counts of a partition written earlier (for resumed runs), from the files."""
    errors = pq.read_table(table_path(output, "errors", name), columns=["reason"])
    skipped = sum(1 for reason in errors.column("reason").to_pylist() if reason == "duplicate")
    return PartitionCounts(
        documents=pq.ParquetFile(table_path(output, "documents", name)).metadata.num_rows,
        events=pq.ParquetFile(events_path(output, name)).metadata.num_rows,
        failed=errors.num_rows - skipped,
        skipped=skipped,
    )


def _write_atomically(path: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
