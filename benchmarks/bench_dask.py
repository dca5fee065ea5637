"""Dask scale-out: ``engine.dask.v1`` on a local cluster of 1 worker, then of 2.

Codes the first N articles (default 2,000) of
``../shared/corpus/allsides_political.jsonl.gz`` (copied to a temporary JSON Lines
file outside the repo, the run's only input) with each cluster, and reports
articles/s (model load excluded: workers build the pipeline before the clock
starts), the speedup of 2 workers over 1 (target >= 1.7), each worker's peak RSS,
and whether both runs wrote the same set of event ids. Appends one JSON record, with
machine info, load average and the git commit, to ``benchmarks/results.json``.

Usage: .venv/bin/python benchmarks/bench_dask.py [--n 2000] [--lines-per-partition K]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "allsides_political.jsonl.gz"
RESULTS = REPO / "benchmarks" / "results.json"
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_pipeline import append_result, record_header  # noqa: E402


def sample(n: int, directory: Path) -> tuple[Path, int, int]:
    """The first ``n`` lines of the corpus as a plain JSON Lines file, with the
    number of articles and of whitespace words in their texts."""
    if not CORPUS.exists():
        raise SystemExit(f"missing {CORPUS}: the benchmark reads ../shared/corpus")
    path = directory / "sample.jsonl"
    words = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as source, path.open("w") as out:
        lines = list(islice(source, n))
        for line in lines:
            words += len(str(json.loads(line).get("text") or "").split())
        out.writelines(lines)
    return path, len(lines), words


def data_fingerprint() -> str:
    """A hash of the package's data files: a change while the benchmark runs (another
    checkout step, an edit) would explain different events between the two runs."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "src" / "eventwire" / "data").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def event_ids(directory: Path) -> set[str]:
    import duckdb

    query = f"SELECT event_id FROM read_parquet('{directory}/*.parquet')"
    return {row[0] for row in duckdb.sql(query).fetchall()}


def run(workers: int, spec: Any) -> dict[str, Any]:
    from eventwire.engine.dask_engine import DaskEngine, worker_peak_rss_mb

    engine = DaskEngine(workers=workers)
    started = time.perf_counter()
    with engine.client() as client:
        cluster_s = time.perf_counter() - started
        started = time.perf_counter()
        engine.load(client, spec.pipeline)
        load_s = time.perf_counter() - started
        report = engine.run_on(client, spec)
        rss = client.run(worker_peak_rss_mb)
    articles = report.total("documents") + report.total("failed") + report.total("skipped")
    return {
        "workers": workers,
        "cluster_start_s": round(cluster_s, 2),
        "load_s": round(load_s, 2),
        "seconds": round(report.seconds, 2),
        "articles_per_s": round(articles / report.seconds, 2),
        "partitions": len(report.outcomes),
        "documents": report.total("documents"),
        "events": report.total("events"),
        "errors": report.total("failed"),
        "failed_partitions": len(report.failed_partitions),
        "peak_rss_mb_per_worker": sorted(rss.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="number of articles")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument(
        "--lines-per-partition",
        type=int,
        default=None,
        help="default: a multiple of 32 giving about 16 partitions (128 for 2,000)",
    )
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-append", action="store_true", help="print only")
    args = parser.parse_args()

    import spacy

    from eventwire.engine import RunSpec
    from eventwire.pipeline import PipelineConfig

    lines = args.lines_per_partition or 32 * math.ceil(args.n / (32 * 16))
    load_before = os.getloadavg()
    data_before = data_fingerprint()
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-dask-") as tmp:
        path, articles, words = sample(args.n, Path(tmp))
        config = PipelineConfig(model=args.model)
        runs = {}
        for workers in (1, 2):
            spec = RunSpec(
                inputs=(str(path),),
                output=Path(tmp) / f"out-{workers}",
                pipeline=config,
                lines_per_partition=lines,
            )
            runs[workers] = run(workers, spec)
            print(json.dumps(runs[workers]), file=sys.stderr)
        identical = event_ids(Path(tmp) / "out-1") == event_ids(Path(tmp) / "out-2")

    speedup = runs[2]["articles_per_s"] / runs[1]["articles_per_s"]
    record = {
        **record_header("dask", load_before, spacy=spacy.__version__),
        "model": args.model,
        "lines_per_partition": lines,
        "corpus": {"file": CORPUS.name, "articles": articles, "words": words},
        "workers_1": runs[1],
        "workers_2": runs[2],
        "speedup_2_vs_1": round(speedup, 2),
        "target_speedup": 1.7,
        "identical_event_ids": identical,
        "data_changed_during_run": data_fingerprint() != data_before,
    }
    print(json.dumps(record, indent=2))
    if not args.no_append:
        append_result(record, args.results)


if __name__ == "__main__":
    main()
