"""The in-process engine, the output files and ``eventwire run`` (real pipeline)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from eventwire.cli_run import register
from eventwire.engine import (
    EngineOptions,
    OutputConflictError,
    RunSpec,
    create_engine,
    engine_registry,
)
from eventwire.engine.local import LocalEngine
from eventwire.engine.sink import EVENTS_SCHEMA
from eventwire.ingest import read_inputs
from eventwire.pipeline import Pipeline
from eventwire.records import CodedDocument
from eventwire.registry import UnknownComponentError
from eventwire.store import open_store
from eventwire.store.export import export_parquet


def _events(directory: Path) -> set[tuple[str, str]]:
    rows = duckdb.sql(f"SELECT event_id, cameo FROM read_parquet('{directory}/*.parquet')")
    return set(rows.fetchall())


def test_events_schema_is_the_parquet_export_schema(pipeline: Pipeline, tmp_path: Path) -> None:
    coded = pipeline.code_text("Russia attacked Ukraine on Monday.", doc_id="d1")
    with open_store(tmp_path / "s.duckdb") as store:
        store.add([coded])
        export_parquet(store, tmp_path / "export")
    (exported,) = (tmp_path / "export").rglob("*.parquet")
    schema = pq.read_schema(exported)
    assert [(f.name, f.type) for f in schema] == [(f.name, f.type) for f in EVENTS_SCHEMA]


def test_local_run_writes_resumes_and_loads_into_a_store(
    pipeline: Pipeline, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    spec = RunSpec(inputs=(str(corpus),), output=out, lines_per_partition=4)
    report = LocalEngine(pipeline).run(spec)
    assert [o.status for o in report.outcomes] == ["coded"] * 3
    assert (report.total("documents"), report.total("failed")) == (10, 1)
    expected = {
        (e.event_id, e.type.cameo)
        for r in pipeline.code_articles(read_inputs([str(corpus)]))
        if isinstance(r, CodedDocument)
        for e in r.events
    }
    assert expected and _events(out) == expected
    errors = duckdb.sql(f"SELECT source, reason FROM read_parquet('{out}/errors/*.parquet')")
    assert errors.fetchall() == [(f"{corpus.resolve()}:5", "bad_json")]
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["totals"]["events"] == len(expected) and (out / "_SUCCESS").exists()
    assert not list(out.rglob("*.tmp"))

    again = LocalEngine(pipeline).run(spec)  # resumable: nothing coded twice
    assert [o.status for o in again.outcomes] == ["existing"] * 3
    assert again.total("events") == len(expected) and again.total("failed") == 1
    with pytest.raises(OutputConflictError):
        LocalEngine(pipeline).run(RunSpec(inputs=(str(corpus),), output=out))

    # the SQL of docs/SCALE.md loads the partitions into a store
    with open_store(tmp_path / "loaded.duckdb") as store:
        for table, files in (
            ("documents", "documents/*"),
            ("events", "*"),
            ("quotes", "quotes/*"),
            ("counts", "counts/*"),
            ("ingest_errors", "errors/*"),
        ):
            exclude = " EXCLUDE (aggregate_id)" if table == "events" else ""
            store.con.execute(
                f"INSERT INTO {table} BY NAME SELECT *{exclude} "
                f"FROM read_parquet('{out}/{files}.parquet') ON CONFLICT DO NOTHING"
            )
        assert store.aggregate() > 0
        counts = store.counts()
        assert (counts.documents, counts.events, counts.ingest_errors) == (10, len(expected), 1)


def test_engines_are_registered_by_versioned_name() -> None:
    assert engine_registry().names("engine") == ["engine.dask.v1", "engine.local.v1"]
    with pytest.raises(UnknownComponentError, match=r"engine\.dask\.v1, engine\.local\.v1"):
        create_engine("engine.spark.v1")
    with pytest.raises(ValueError):
        create_engine("engine.local.v1", EngineOptions(scheduler="tcp://127.0.0.1:8786"))


def test_run_command(pipeline: Pipeline, corpus: Path, tmp_path: Path) -> None:
    app = typer.Typer()
    app.callback()(lambda: None)  # a group, as in the real app (not a lone command)
    register(app)
    runner = CliRunner()
    out = tmp_path / "out"
    args = ["run", str(corpus), "--engine", "local", "-o", str(out), "--lines-per-partition", "4"]
    first = runner.invoke(app, args, obj=pipeline)
    assert first.exit_code == 3, first.output  # the broken line is an error row
    assert "3 partitions (0 already done, 0 failed)" in first.stdout
    assert "10 documents" in first.stdout
    second = runner.invoke(app, [*args, "--overwrite"], obj=pipeline)
    assert "3 partitions (0 already done" in second.stdout
    unknown = runner.invoke(app, ["run", str(corpus), "--engine", "ray", "-o", str(out)])
    assert unknown.exit_code == 2 and "engine.dask.v1, engine.local.v1" in unknown.output
    conflict = runner.invoke(app, ["run", str(corpus), "--engine", "local", "-o", str(out)])
    assert conflict.exit_code == 2 and "other settings" in conflict.output
