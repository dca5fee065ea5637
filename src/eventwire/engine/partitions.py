"""Partitions: the units of work an engine hands out, planned and read where the data is.

A partition names a slice of one input file (a range of JSON Lines, a Parquet row
group, or the whole file for WARC, CSV, text, HTML). Planning only counts lines or
reads a Parquet footer, and runs on a worker in the distributed engine, so the
client never reads article bodies. Reading a partition yields exactly the items the
file's reader (``eventwire.ingest``) yields for those lines or rows, with the same
``file:N`` origins, so errors point at the same place as with ``eventwire code``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, cast

from eventwire.ingest.errors import Item, ingest_error
from eventwire.ingest.readers import DEFAULT_OPTIONS, ReadOptions, read_path, reader_for
from eventwire.ingest.tabular import record_to_article

PartitionKind = Literal["file", "lines", "row_group"]
DEFAULT_LINES_PER_PARTITION = 256
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: ``lines`` = ``count`` lines from byte ``offset`` (line
    ``first`` counted from 1); ``row_group`` = Parquet row group ``offset`` whose
    first row is row ``first``; ``file`` = the whole file through its reader."""

    path: str
    kind: PartitionKind
    index: int = 0
    offset: int = 0
    first: int = 1
    count: int = 0

    @property
    def name(self) -> str:
        """Stable across runs (resume finds its output by this name)."""
        key = f"{self.path}|{self.kind}|{self.index}|{self.offset}|{self.count}"
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
        stem = _UNSAFE.sub("_", Path(self.path).name)[:40]
        return f"part-{stem}-{self.index:05d}-{digest}"


def plan_input(
    name: str,
    lines_per_partition: int = DEFAULT_LINES_PER_PARTITION,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> list[Partition]:
    """The partitions of one input (a file or a directory of input files).

    JSON Lines files longer than ``lines_per_partition`` lines are cut into chunks of
    that many lines; Parquet files into row groups; anything else, and any file whose
    planning fails (the reader then reports why), is one partition.
    """
    if lines_per_partition < 1:
        raise ValueError(f"lines_per_partition must be >= 1, not {lines_per_partition}")
    path = Path(name).resolve()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and reader_for(p) is not None)
        if not files:  # the reader reports the empty directory as an error row
            return [Partition(str(path), "file")]
        return [part for file in files for part in _plan_file(file, lines_per_partition, options)]
    return _plan_file(path, lines_per_partition, options)


def _plan_file(path: Path, lines_per_partition: int, options: ReadOptions) -> list[Partition]:
    lowered = path.name.lower()
    whole = [Partition(str(path), "file")]
    if not path.is_file():
        return whole
    if lowered.endswith(_JSONL_SUFFIXES):
        return _plan_lines(path, lines_per_partition) or whole
    if lowered.endswith(".parquet"):
        return _plan_row_groups(path, options.columns.text) or whole
    return whole


def _open_lines(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _plan_lines(path: Path, lines_per_partition: int) -> list[Partition]:
    """Byte offsets (of the decompressed stream for .gz) of every chunk's first line."""
    starts: list[tuple[int, int]] = []
    offset = number = 0
    try:
        with _open_lines(path) as stream:
            for raw in stream:
                if number % lines_per_partition == 0:
                    starts.append((offset, number + 1))
                number += 1
                offset += len(raw)
    except (OSError, EOFError, zlib.error):
        return []  # a broken file is read whole, so its reader reports the break
    if number <= lines_per_partition:
        return []
    return [
        Partition(str(path), "lines", i, start, first, min(lines_per_partition, number - first + 1))
        for i, (start, first) in enumerate(starts)
    ]


def _plan_row_groups(path: Path, text_column: str) -> list[Partition]:
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
    except (OSError, ValueError):
        return []
    meta = file.metadata
    if meta.num_row_groups < 2 or text_column not in file.schema_arrow.names:
        return []
    parts, first = [], 1
    for group in range(meta.num_row_groups):
        rows = meta.row_group(group).num_rows
        parts.append(Partition(str(path), "row_group", group, group, first, rows))
        first += rows
    return parts


def read_partition(partition: Partition, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Item]:
    """The items of one partition; never raises for bad input."""
    if partition.kind == "lines":
        return _read_lines(partition, options)
    if partition.kind == "row_group":
        return _read_row_group(partition, options)
    return read_path(Path(partition.path), options=options)


def _read_lines(partition: Partition, options: ReadOptions) -> Iterator[Item]:
    origin = partition.path
    try:
        with _open_lines(Path(origin)) as stream:
            stream.seek(partition.offset)
            for number in range(partition.first, partition.first + partition.count):
                raw = stream.readline()
                if not raw:
                    break
                item = _line_item(origin, number, raw, options)
                if item is not None:
                    yield item
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield ingest_error(origin, "bad_gzip", f"the gzip stream is broken or truncated ({exc})")
    except OSError as exc:
        yield ingest_error(origin, "unreadable", f"cannot read the file: {exc.strerror or exc}")


def _line_item(origin: str, number: int, raw: bytes, options: ReadOptions) -> Item | None:
    """One JSON Lines line as the JSON Lines reader reads it (blank lines: nothing)."""
    where = f"{origin}:{number}"
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return ingest_error(where, "encoding", f"the line is not UTF-8: {exc}")
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ingest_error(where, "bad_json", f"the line is not valid JSON: {exc.msg}")
    return record_to_article(record, where, options.columns)


def _read_row_group(partition: Partition, options: ReadOptions) -> Iterator[Item]:
    import pyarrow.parquet as pq

    origin = partition.path
    columns = options.columns
    try:
        table = pq.ParquetFile(origin)
        names = set(table.schema_arrow.names)
        wanted = [getattr(columns, f) for f in ("id", "url", "outlet", "title", "date", "text")]
        rows = table.read_row_group(
            partition.offset, columns=[c for c in dict.fromkeys(wanted) if c in names]
        ).to_pylist()
    except (OSError, ValueError) as exc:
        yield ingest_error(origin, "bad_parquet", f"cannot read the Parquet file: {exc}")
        return
    for number, row in enumerate(rows, start=partition.first):
        yield record_to_article(row, f"{origin}:{number}", columns)
