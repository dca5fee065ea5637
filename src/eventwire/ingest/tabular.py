"""Corpus tables to articles: one record or row per article, columns mapped by name.

Corpora name their columns differently (``body`` for ``text``, ``pubdate`` for
``date``); a :class:`ColumnMap` says which column holds which field, so no file
has to be rewritten before reading. CSV is read row by row and Parquet batch by
batch, so a large table never sits in memory whole.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from eventwire.ingest.decode import text_problem, without_lone_surrogates
from eventwire.ingest.errors import Item, ingest_error
from eventwire.ingest.identity import parse_date
from eventwire.records import RawArticle

PARQUET_BATCH_ROWS = 1024
# csv's default field limit (128 KiB) is below a long article.
_CSV_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which record key or column holds each article field."""

    id: str = "id"
    url: str = "url"
    outlet: str = "source"
    title: str = "title"
    date: str = "date"
    text: str = "text"

    @classmethod
    def parse(cls, spec: str) -> ColumnMap:
        """From ``"text=body,date=pubdate"``; raises ``ValueError`` on an unknown field."""
        valid = [f.name for f in fields(cls)]
        changes: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            field_name, sep, column = part.partition("=")
            field_name, column = field_name.strip(), column.strip()
            if not sep or field_name not in valid or not column:
                raise ValueError(
                    f"bad column mapping {part!r}: use FIELD=COLUMN with FIELD one of "
                    + ", ".join(valid)
                )
            changes[field_name] = column
        return replace(cls(), **changes)


DEFAULT_COLUMNS = ColumnMap()


def record_to_article(record: object, origin: str, columns: ColumnMap = DEFAULT_COLUMNS) -> Item:
    """One corpus record (a JSON object or table row) to a RawArticle."""
    if not isinstance(record, Mapping):
        return ingest_error(origin, "bad_json", "the record is not an object")
    record_id = _optional_str(record.get(columns.id))
    text = record.get(columns.text)
    if not isinstance(text, str):
        detail = f"the record has no {columns.text!r} string"
        return ingest_error(origin, "missing_text", detail, record_id)
    text = without_lone_surrogates(text)
    problem = text_problem(text)
    if problem is not None:
        return ingest_error(origin, problem[0], problem[1], record_id)
    return RawArticle(
        id=record_id,
        text=text,
        origin=origin,
        url=_optional_str(record.get(columns.url)),
        outlet=_optional_str(record.get(columns.outlet)),
        title=_optional_str(record.get(columns.title)),
        published=parse_date(record.get(columns.date)),
    )


def read_csv_file(path: Path, columns: ColumnMap = DEFAULT_COLUMNS) -> Iterator[Item]:
    """A CSV file with a header row; ``file:N`` counts data rows from 1."""
    origin = str(path)
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = csv.DictReader(stream)
            if rows.fieldnames is None:
                yield ingest_error(origin, "empty", "the CSV file has no header row")
                return
            missing = columns.text not in rows.fieldnames
            if missing:
                yield ingest_error(origin, "missing_text", f"no {columns.text!r} column")
                return
            seen = False
            for number, row in enumerate(rows, start=1):
                seen = True
                yield record_to_article(row, f"{origin}:{number}", columns)
            if not seen:
                yield ingest_error(origin, "empty", "no rows in the CSV file")
    except UnicodeDecodeError as exc:
        yield ingest_error(origin, "encoding", f"the CSV file is not UTF-8: {exc}")
    except csv.Error as exc:
        yield ingest_error(origin, "bad_csv", f"the CSV file is malformed: {exc}")
    except OSError as exc:
        yield ingest_error(origin, "unreadable", f"cannot read the file: {exc.strerror or exc}")


def read_parquet_file(path: Path, columns: ColumnMap = DEFAULT_COLUMNS) -> Iterator[Item]:
    """A Parquet file, streamed in row batches; ``file:N`` counts rows from 1."""
    origin = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the installation
        yield ingest_error(origin, "unsupported_format", "reading Parquet needs pyarrow")
        return
    try:
        table = pq.ParquetFile(path)
        names = set(table.schema_arrow.names)
        if columns.text not in names:
            yield ingest_error(origin, "missing_text", f"no {columns.text!r} column")
            return
        wanted = [c for c in {f.name: getattr(columns, f.name) for f in fields(columns)}.values()]
        number = 0
        for batch in table.iter_batches(
            batch_size=PARQUET_BATCH_ROWS, columns=[c for c in wanted if c in names]
        ):
            for row in batch.to_pylist():
                number += 1
                yield record_to_article(row, f"{origin}:{number}", columns)
        if number == 0:
            yield ingest_error(origin, "empty", "no rows in the Parquet file")
    except OSError as exc:  # pyarrow raises ArrowInvalid (an OSError) for bad files
        yield ingest_error(origin, "bad_parquet", f"cannot read the Parquet file: {exc}")
    except ValueError as exc:
        yield ingest_error(origin, "bad_parquet", f"cannot read the Parquet file: {exc}")


def _optional_str(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return without_lone_surrogates(value).strip() or None
    if isinstance(value, int | float):
        return str(value)
    return None
