"""A run killed with SIGKILL part-way, then rerun, ends with the rows of an
uninterrupted run: nothing lost, nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from eventwire.ingest import read_inputs
from eventwire.pipeline import Pipeline
from eventwire.store import Store, open_store
from eventwire.store.ingest import ingest

RUN_CLI = (
    "import typer; from eventwire.cli_store import register; "
    "app = typer.Typer(); register(app); app.command('noop')(lambda: None); app()"
)


def _snapshot(store: Store) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    docs = store.sql("SELECT doc_id FROM documents ORDER BY 1")["doc_id"].to_pylist()
    events = store.sql("SELECT event_id FROM events ORDER BY 1")["event_id"].to_pylist()
    groups = store.sql(
        "SELECT aggregate_id, num_mentions FROM aggregated_events ORDER BY 1"
    ).to_pylist()
    return docs, events, [(g["aggregate_id"], g["num_mentions"]) for g in groups]


def test_killed_run_resumes_without_loss_or_duplicates(
    pipeline: Pipeline, tmp_path: Path, paragraph_corpus: tuple[Path, int]
):
    corpus, total = paragraph_corpus
    reference_path = tmp_path / "reference.duckdb"
    with open_store(reference_path) as store:
        ingest(store, pipeline, read_inputs([str(corpus)]), batch_size=8)
        reference = _snapshot(store)
    assert len(reference[0]) == total

    path = tmp_path / "killed.duckdb"
    wal = Path(f"{path}.wal")
    args = [sys.executable, "-c", RUN_CLI, "ingest", str(corpus), "--store", str(path)]
    proc = subprocess.Popen(
        [*args, "--batch-size", "8"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 150_000:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    with open_store(path) as store:
        part = store.counts().documents
    assert 0 < part < total

    with open_store(path) as store:
        summary = ingest(store, pipeline, read_inputs([str(corpus)]), batch_size=8)
        assert summary.skipped == part
        assert _snapshot(store) == reference
        summary = ingest(store, pipeline, read_inputs([str(corpus)]), batch_size=8)
        assert (summary.documents, summary.events) == (0, 0)
        assert _snapshot(store) == reference
