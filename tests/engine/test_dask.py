"""The Dask engine on a real local cluster of 2 worker processes (loopback only):
the same events as the in-process pipeline, and nothing listening beyond 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import psutil
import pytest

from eventwire.engine import RunSpec
from eventwire.engine.dask_engine import DaskEngine, PipelinePlugin, plugin_name
from eventwire.ingest import read_inputs
from eventwire.pipeline import Pipeline, PipelineConfig
from eventwire.records import CodedDocument, IngestError

pytestmark = pytest.mark.slow


def _listening() -> list[str]:
    """Addresses this process listens on (TCP)."""
    return [
        c.laddr.ip
        for c in psutil.Process().net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    ]


def _pipeline_pid(dask_worker: object) -> tuple[int, bool]:
    import os

    plugin = dask_worker.plugins[plugin_name(PipelineConfig())]  # type: ignore[attr-defined]
    return os.getpid(), isinstance(plugin, PipelinePlugin) and plugin.pipeline is not None


def test_two_workers_code_the_same_events_as_the_pipeline(
    pipeline: Pipeline, write_corpus: Callable[..., Path], tmp_path: Path
) -> None:
    first = write_corpus(tmp_path / "a.jsonl")
    second = tmp_path / "b.jsonl"  # other articles in a second file, and a missing input
    text = first.read_text(encoding="utf-8").replace('"a', '"b')
    second.write_text(text.replace('"text": "', '"text": "Reports say that '), encoding="utf-8")
    inputs = (str(first), str(second), str(tmp_path / "missing.jsonl"))
    expected_events: set[tuple[str, str]] = set()
    expected_errors: set[str] = set()
    for result in pipeline.code_articles(read_inputs(list(inputs))):
        if isinstance(result, IngestError):
            expected_errors.add(result.reason)
        elif isinstance(result, CodedDocument):
            expected_events.update((e.event_id, e.type.cameo) for e in result.events)

    engine = DaskEngine(workers=2)
    out = tmp_path / "out"
    with engine.client() as client:
        spec = RunSpec(inputs=inputs, output=out, lines_per_partition=4)
        report = engine.run_on(client, spec)
        workers = client.run(_pipeline_pid)
        listening = [ip for ips in client.run(_listening).values() for ip in ips]
        listening += [ip for ips in client.run(_listening, nanny=True).values() for ip in ips]
        listening += client.run_on_scheduler(_listening)
    assert report.workers == 2 and all(loaded for _, loaded in workers.values())
    assert len({pid for pid, _ in workers.values()}) == 2
    assert {o.worker for o in report.outcomes} <= set(workers)
    assert listening and set(listening) == {"127.0.0.1"}
    assert len(report.outcomes) == 7 and not report.failed_partitions

    rows = duckdb.sql(f"SELECT event_id, cameo FROM read_parquet('{out}/*.parquet')").fetchall()
    assert len(rows) == len(set(rows))
    assert expected_events and set(rows) == expected_events
    errors = duckdb.sql(f"SELECT reason FROM read_parquet('{out}/errors/*.parquet')").fetchall()
    assert {reason for (reason,) in errors} == expected_errors == {"bad_json", "not_found"}
