from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.engine.partitions import Partition, plan_input, read_partition
from eventwire.ingest import read_inputs


def _items(partitions: list[Partition]) -> list[object]:
    return [item for p in partitions for item in read_partition(p)]


def test_jsonl_chunks_read_exactly_what_the_reader_reads(
    tmp_path: Path, write_corpus: Callable[..., Path]
) -> None:
    path = write_corpus(tmp_path / "c.jsonl")
    with path.open("ab") as out:  # a blank line, a non-UTF-8 line, a record without text
        out.write(b"\n\xff\xfe not text\n" + b'{"id": "x"}\n')
    parts = plan_input(str(path), lines_per_partition=4)
    assert [p.kind for p in parts] == ["lines"] * 4
    assert [(p.first, p.count) for p in parts] == [(1, 4), (5, 4), (9, 4), (13, 2)]
    assert _items(parts) == list(read_inputs([str(path.resolve())]))


def test_gzip_chunks_and_short_files(tmp_path: Path, write_corpus: Callable[..., Path]) -> None:
    plain = write_corpus(tmp_path / "c.jsonl", bad_line=False)
    zipped = tmp_path / "c.jsonl.gz"
    zipped.write_bytes(gzip.compress(plain.read_bytes()))
    parts = plan_input(str(zipped), lines_per_partition=3)
    assert len(parts) == 4
    assert _items(parts) == list(read_inputs([str(zipped.resolve())]))
    assert [p.kind for p in plan_input(str(plain), lines_per_partition=10)] == ["file"]


def test_parquet_row_groups(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    rows = [{"id": f"r{i}", "text": f"Article number {i} about trade."} for i in range(7)]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=3)
    parts = plan_input(str(path))
    assert [(p.kind, p.first, p.count) for p in parts] == [
        ("row_group", 1, 3),
        ("row_group", 4, 3),
        ("row_group", 7, 1),
    ]
    assert _items(parts) == list(read_inputs([str(path.resolve())]))


def test_directories_missing_files_and_names(
    tmp_path: Path, write_corpus: Callable[..., Path]
) -> None:
    write_corpus(tmp_path / "b.jsonl", bad_line=False)
    (tmp_path / "a.txt").write_text("Kenya protested to Uganda.", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    parts = plan_input(str(tmp_path), lines_per_partition=5)
    assert [(Path(p.path).name, p.kind) for p in parts] == [
        ("a.txt", "file"),
        ("b.jsonl", "lines"),
        ("b.jsonl", "lines"),
    ]
    assert len({p.name for p in parts}) == 3
    assert parts[1].name == plan_input(str(tmp_path), lines_per_partition=5)[1].name
    (missing,) = plan_input(str(tmp_path / "nope.jsonl"))
    (error,) = read_partition(missing)
    assert getattr(error, "reason", None) == "not_found"
    with pytest.raises(ValueError):
        plan_input(str(tmp_path), lines_per_partition=0)
