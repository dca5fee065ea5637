"""Throughput of reading + cleaning alone (no NLP), on one core.

Reads the first N articles of each JSON Lines corpus file in ``../shared/corpus``
with ``eventwire.ingest.read_inputs`` and cleans them with ``TextCleaner`` (rule
lines, headline, captions), timing reading + cleaning together; then times the
batch cleaner (adds cross-document repeated lines) and the deduplicator
(MinHash LSH) on the same articles. The target is at least 500 articles/s for
read + clean. Appends one JSON record to ``benchmarks/results.json``.

Usage: .venv/bin/python benchmarks/bench_ingest.py [--n 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_pipeline import append_result, git_commit, peak_rss_mb  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
FILES = ("allsides_political.jsonl.gz", "reuters21578.jsonl.gz", "wikinews_2019_2020.jsonl.gz")
RESULTS = REPO / "benchmarks" / "results.json"
TARGET_ARTICLES_PER_S = 500


def read_and_clean(path: Path, n: int) -> dict[str, Any]:
    from eventwire.ingest import TextCleaner, read_inputs
    from eventwire.records import RawArticle

    cleaner = TextCleaner()
    articles = errors = chars = 0
    started = time.perf_counter()
    for item in islice(read_inputs([str(path)]), n):
        if isinstance(item, RawArticle):
            chars += len(cleaner.clean(item).text)
            articles += 1
        else:
            errors += 1
    seconds = time.perf_counter() - started
    return {
        "file": path.name,
        "articles": articles,
        "errors": errors,
        "seconds": round(seconds, 3),
        "articles_per_s": round(articles / seconds, 1),
        "kept_chars": chars,
    }


def batch_and_dedup(path: Path, n: int) -> dict[str, Any]:
    from eventwire.ingest import read_inputs
    from eventwire.ingest.dedup import Deduplicator
    from eventwire.ingest.repeated import BatchCleaner
    from eventwire.records import RawArticle

    articles = [a for a in islice(read_inputs([str(path)]), n) if isinstance(a, RawArticle)]
    started = time.perf_counter()
    documents = BatchCleaner().clean_batch(articles)
    batch_s = time.perf_counter() - started
    dedup = Deduplicator()
    started = time.perf_counter()
    kinds = [dedup.check(d).kind for d in documents]
    dedup_s = time.perf_counter() - started
    return {
        "file": path.name,
        "batch_clean_articles_per_s": round(len(articles) / batch_s, 1),
        "repeated_lines_dropped": sum(
            1 for d in documents for s in d.dropped if s.reason == "repeated_in_outlet"
        ),
        "dedup_articles_per_s": round(len(documents) / dedup_s, 1),
        "exact_duplicates": kinds.count("exact"),
        "near_duplicates": kinds.count("near"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles per corpus file")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    paths = [CORPUS / name for name in FILES]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise SystemExit(f"missing {', '.join(missing)}: the benchmark reads ../shared/corpus")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    per_file = [read_and_clean(path, args.n) for path in paths]
    total_articles = sum(r["articles"] for r in per_file)
    total_s = sum(r["seconds"] for r in per_file)
    record = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "benchmark": "ingest",
        "machine": {
            "cpu_count": os.cpu_count(),
            "cores_used": 1,
            "platform": platform.platform(),
            "processor": platform.processor(),
            "python": platform.python_version(),
        },
        "read_clean": {
            "articles": total_articles,
            "seconds": round(total_s, 3),
            "articles_per_s": round(total_articles / total_s, 1),
            "target_articles_per_s": TARGET_ARTICLES_PER_S,
            "per_file": per_file,
        },
        "batch_and_dedup": [batch_and_dedup(path, args.n) for path in paths],
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(record, indent=2))
    if not args.no_save:
        append_result(record, args.results)


if __name__ == "__main__":
    main()
