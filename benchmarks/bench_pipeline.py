"""End-to-end throughput and memory of the pipeline, with bare spaCy as the yardstick.

Codes N articles (default 300: half from the start of each of
``../shared/corpus/allsides_political.jsonl.gz`` and ``reuters21578.jsonl.gz``) in one
process and reports articles/s, words/s (whitespace words of the input text) and
peak RSS; then runs the same texts through bare spaCy (``nlp.pipe``, same model, all
components) in the same run, so the ratio is measured on the same machine and load.
Appends one JSON record, with machine info and the git commit, to
``benchmarks/results.json``.

Usage: .venv/bin/python benchmarks/bench_pipeline.py [--n 300] [--model en_core_web_sm]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
FILES = ("allsides_political.jsonl.gz", "reuters21578.jsonl.gz")
RESULTS = REPO / "benchmarks" / "results.json"


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def git_commit() -> str | None:
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("-dirty" if dirty else "")


def append_result(record: dict[str, Any], results: Path) -> None:
    """Add one run to the history file (a JSON list), keeping earlier runs."""
    history = json.loads(results.read_text()) if results.exists() else []
    history.append(record)
    results.write_text(json.dumps(history, indent=2) + "\n", encoding="utf-8")
    print(f"appended to {results}", file=sys.stderr)


def load_articles(n: int) -> list[Any]:
    from eventwire.ingest import read_inputs
    from eventwire.records import RawArticle

    per_file = [n // len(FILES) + (i < n % len(FILES)) for i in range(len(FILES))]
    articles: list[Any] = []
    for name, count in zip(FILES, per_file, strict=True):
        path = CORPUS / name
        if not path.exists():
            raise SystemExit(f"missing {path}: the benchmark reads ../shared/corpus")
        items = islice(read_inputs([str(path)]), count)
        articles.extend(a for a in items if isinstance(a, RawArticle))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="number of articles")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-append", action="store_true", help="print only")
    args = parser.parse_args()

    import spacy

    from eventwire.nlp import KNOWN_MODELS
    from eventwire.pipeline import Pipeline, PipelineConfig
    from eventwire.records import IngestError

    articles = load_articles(args.n)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)

    started = time.perf_counter()
    pipeline = Pipeline(PipelineConfig(model=args.model, batch_size=args.batch_size))
    load_s = time.perf_counter() - started

    events = errors = 0
    started = time.perf_counter()
    for result in pipeline.code_articles(articles):
        if isinstance(result, IngestError):
            errors += 1
        else:
            events += len(result.events)
    pipeline_s = time.perf_counter() - started
    pipeline_rss = peak_rss_mb()

    nlp = spacy.load(KNOWN_MODELS[args.model].path())
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    spacy_s = time.perf_counter() - started

    record = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(),
            "spacy": spacy.__version__,
        },
        "model": args.model,
        "batch_size": args.batch_size,
        "corpus": {"files": list(FILES), "articles": len(articles), "words": words, "chars": chars},
        "pipeline": {
            "load_s": round(load_s, 2),
            "seconds": round(pipeline_s, 2),
            "articles_per_s": round(len(articles) / pipeline_s, 2),
            "words_per_s": round(words / pipeline_s),
            "events": events,
            "errors": errors,
            "peak_rss_mb": pipeline_rss,
        },
        "bare_spacy": {
            "components": list(nlp.pipe_names),
            "seconds": round(spacy_s, 2),
            "articles_per_s": round(len(articles) / spacy_s, 2),
            "words_per_s": round(words / spacy_s),
        },
        "pipeline_vs_spacy_time": round(pipeline_s / spacy_s, 2),
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(record, indent=2))
    if not args.no_append:
        append_result(record, args.results)


if __name__ == "__main__":
    main()
