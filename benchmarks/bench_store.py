"""Store overhead: write time as a share of ingest time, and DuckDB size per 1,000 articles.

Ingests N articles (default 1,000, from the start of
``../shared/corpus/allsides_political.jsonl.gz``) into a fresh store with
``eventwire.store.ingest.ingest`` and reports the time spent in store writes and
aggregation against the whole run, and the file size (after a checkpoint) scaled to
1,000 articles. Prints one JSON record and appends it, with machine info and the
git commit, to ``benchmarks/results.json``.

Usage: .venv/bin/python benchmarks/bench_store.py [--n 1000] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from eventwire.ingest import read_inputs
from eventwire.pipeline import Pipeline
from eventwire.store import open_store
from eventwire.store.ingest import ingest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_pipeline import append_result, peak_rss_mb, record_header  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "allsides_political.jsonl.gz"
RESULTS = REPO / "benchmarks" / "results.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    pipeline = Pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        articles = islice(read_inputs([str(args.corpus)]), args.n)
        with open_store(path) as store:
            started = time.perf_counter()
            summary = ingest(store, pipeline, articles, batch_size=args.batch_size)
            elapsed = time.perf_counter() - started
            store.con.execute("CHECKPOINT").fetchall()
            counts = store.counts()
        size_mb = path.stat().st_size / 1e6
    record = {
        **record_header("store"),
        "articles": summary.articles,
        "documents": counts.documents,
        "events": counts.events,
        "aggregated_events": counts.aggregated_events,
        "ingest_seconds": round(elapsed, 2),
        "store_seconds": round(summary.store_seconds, 3),
        "store_share": round(summary.store_seconds / elapsed, 4),
        "db_mb": round(size_mb, 2),
        "db_mb_per_1000_articles": round(size_mb * 1000 / max(summary.articles, 1), 2),
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(record, indent=2))
    if not args.no_append:
        append_result(record, args.results)


if __name__ == "__main__":
    main()
