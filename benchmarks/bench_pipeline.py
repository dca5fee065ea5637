"""End-to-end throughput and memory of the pipeline, with bare spaCy as the yardstick.

For each corpus file (``../shared/corpus/allsides_political.jsonl.gz`` and
``reuters21578.jsonl.gz``) the first N articles are coded end to end (read, clean,
parse, code, place, date; no store) by a pool of 1 and of ``--workers`` worker
processes, and the same texts go through bare spaCy (``nlp.pipe``, same model, every
component of its default pipeline) in the same run, so the ratio shares the
machine and its load. A separate in-process pass times each stage. Appends one
JSON record (machine info, load average, git commit) to ``benchmarks/results.json``.

Usage: .venv/bin/python benchmarks/bench_pipeline.py [--n 200] [--workers 2]
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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


def record_header(
    benchmark: str, load_before: Sequence[float] | None = None, **machine_extra: str
) -> dict[str, Any]:
    """What every record starts with: which benchmark, when, at which commit, on
    what machine, and how loaded it was before and after (other work on 2 cores
    inflates every figure)."""
    machine: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        **machine_extra,
    }
    if load_before is not None:
        machine["load_average_before"] = [round(x, 2) for x in load_before]
        machine["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return {
        "benchmark": benchmark,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine,
    }


def append_result(record: dict[str, Any], results: Path) -> None:
    """Add one run to the history file (a JSON list), keeping earlier runs."""
    history = json.loads(results.read_text()) if results.exists() else []
    history.append(record)
    results.write_text(json.dumps(history, indent=2) + "\n", encoding="utf-8")
    print(f"appended to {results}", file=sys.stderr)


def load_articles(name: str, n: int) -> tuple[list[Any], float]:
    """The first ``n`` articles of one corpus file, and the seconds reading took."""
    from eventwire.ingest import read_inputs
    from eventwire.records import RawArticle

    path = CORPUS / name
    if not path.exists():
        raise SystemExit(f"missing {path}: the benchmark reads ../shared/corpus")
    started = time.perf_counter()
    articles = [a for a in islice(read_inputs([str(path)]), n) if isinstance(a, RawArticle)]
    return articles, time.perf_counter() - started


@contextmanager
def stopwatch(totals: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    totals[stage] = totals.get(stage, 0.0) + time.perf_counter() - started


def stage_times(pipeline: Any, articles: list[Any]) -> dict[str, float]:
    """One in-process pass, stage by stage (the same steps as ``code_prepared``)."""
    from eventwire.ingest.dedup import RunDeduplicator
    from eventwire.records import Document

    totals: dict[str, float] = {}
    seen = RunDeduplicator()
    size = pipeline.config.batch_size
    for first in range(0, len(articles), size):
        with stopwatch(totals, "clean_dedup"):
            prepared = pipeline.preparer.prepare_batch(articles[first : first + size], seen)
        documents = [p for p in prepared if isinstance(p, Document) and p.language == "en"]
        with stopwatch(totals, "prefilter_limits"):
            plans = [pipeline._plan(d) for d in documents]
        with stopwatch(totals, "parse"):
            texts = [p.text for p in plans]
            docs = list(pipeline.backend.pipe(texts, batch_size=pipeline.config.nlp_batch_size))
        for doc, document, plan in zip(docs, documents, plans, strict=True):
            view = document if plan.text == document.text else _with_text(document, plan.text)
            with stopwatch(totals, "actors"):
                mentions = pipeline.recognizer.find(doc, view)
            with stopwatch(totals, "events_dates"):
                events = pipeline.coder.code(doc, view, mentions)
            with stopwatch(totals, "places"):
                events = pipeline.geocoder.locate(doc, view, events, mentions)
            with stopwatch(totals, "extras"):
                sentences = _sentences(doc)
                pipeline.extras.find(doc, view, sentences, mentions, events)
    return {k: round(v, 2) for k, v in totals.items()}


def _with_text(document: Any, text: str) -> Any:
    import dataclasses

    return dataclasses.replace(document, text=text)


def _sentences(doc: Any) -> tuple[Any, ...]:
    from eventwire.records import Sentence, Span

    return tuple(
        Sentence(i, Span(s.start_char, s.start_char + len(s.text.rstrip())), s.text.strip())
        for i, s in enumerate(doc.sents)
    )


def pooled_run(config: Any, workers: int, articles: list[Any]) -> dict[str, Any]:
    """Code the articles with a pool of ``workers`` processes (start-up excluded)."""
    from eventwire.parallel import ParallelPipeline
    from eventwire.records import IngestError

    started = time.perf_counter()
    # spawn: workers start clean, so their peak RSS is theirs (a fork would count the
    # pages of this process, which holds a pipeline and bare spaCy).
    with ParallelPipeline(config, workers, start_method="spawn") as pool:
        start_s = time.perf_counter() - started
        events = errors = 0
        started = time.perf_counter()
        for result in pool.code_articles(articles):
            if isinstance(result, IngestError):
                errors += not result.is_skip
            else:
                events += len(result.events)
        seconds = time.perf_counter() - started
        rss = [s.peak_rss_mb for s in pool.stats.values()]
    return {
        "workers": workers,
        "start_s": round(start_s, 2),
        "seconds": round(seconds, 2),
        "events": events,
        "errors": errors,
        "peak_rss_mb_per_worker": max(rss),
    }


def bare_spacy(nlp: Any, texts: list[str], batch_size: int, n_process: int = 1) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - started


# The least a dependency coder must run on every sentence it codes: the shared
# embedding, the tagger (POS) and the parser. Lemmas, attribute rules and NER come on top.
PARSE_FLOOR = ("tok2vec", "tagger", "parser")


def parse_floor(nlp: Any, texts: list[str], batch_size: int) -> tuple[list[str], float]:
    """Seconds for the parse alone: the ceiling of ``speed_vs_bare_spacy`` for any
    pipeline that parses every sentence, whatever it does after the parse."""
    enabled = [name for name in PARSE_FLOOR if name in nlp.pipe_names]
    with nlp.select_pipes(enable=enabled):
        return enabled, bare_spacy(nlp, texts, batch_size)


def bench_file(
    name: str, args: argparse.Namespace, config: Any, pipeline: Any, nlp: Any
) -> dict[str, Any]:
    articles, read_s = load_articles(name, args.n)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    before = bare_spacy(nlp, texts, args.batch_size)
    runs = [pooled_run(config, w, articles) for w in sorted({1, args.workers})]
    after = bare_spacy(nlp, texts, args.batch_size)
    spacy_s = (before + after) / 2  # before and after the pipeline runs: load drifts
    out: dict[str, Any] = {
        "file": name,
        "articles": len(articles),
        "words": words,
        "read_s": round(read_s, 2),
        "bare_spacy": {
            "components": list(nlp.pipe_names),
            "seconds": round(spacy_s, 2),
            "seconds_before_after": [round(before, 2), round(after, 2)],
            "articles_per_s": round(len(articles) / spacy_s, 2),
            "words_per_s": round(words / spacy_s),
        },
        "stages_s": stage_times(pipeline, articles),
    }
    floor_components, floor_s = parse_floor(nlp, texts, args.batch_size)
    out["parse_floor"] = {
        "components": floor_components,
        "seconds": round(floor_s, 2),
        "max_speed_vs_bare_spacy": round(spacy_s / floor_s, 2),
    }
    for run in runs:
        seconds = run["seconds"] + read_s  # end to end: reading included
        run |= {
            "end_to_end_s": round(seconds, 2),
            "articles_per_s": round(len(articles) / seconds, 2),
            "words_per_s_per_core": round(words / seconds / run["workers"]),
            "speed_vs_bare_spacy": round(spacy_s / seconds, 2),
        }
        out[f"pipeline_{run['workers']}w"] = run
    if args.workers > 1:
        started = time.perf_counter()
        bare_spacy(nlp, texts, args.batch_size, n_process=args.workers)
        n_process_s = time.perf_counter() - started
        out["bare_spacy_n_process"] = {
            "n_process": args.workers,
            "seconds": round(n_process_s, 2),
            "articles_per_s": round(len(articles) / n_process_s, 2),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="articles per corpus file")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--prefilter", action="store_true", help="skip non-event sentences")
    parser.add_argument("--files", nargs="*", default=list(FILES))
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-append", action="store_true", help="print only")
    args = parser.parse_args()

    import spacy

    from eventwire.nlp import KNOWN_MODELS
    from eventwire.pipeline import Pipeline, PipelineConfig

    config = PipelineConfig(model=args.model, batch_size=args.batch_size, prefilter=args.prefilter)
    load_avg = os.getloadavg()
    pipeline = Pipeline(config)
    nlp = spacy.load(KNOWN_MODELS[args.model].path())
    per_file = [bench_file(name, args, config, pipeline, nlp) for name in args.files]
    record = {
        **record_header("pipeline", load_avg, spacy=spacy.__version__),
        "model": args.model,
        "batch_size": args.batch_size,
        "prefilter": config.prefilter,
        "enabled_components": list(pipeline.backend.nlp.pipe_names),
        "files": per_file,
        "bench_process_peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(record, indent=2))
    if not args.no_append:
        append_result(record, args.results)


if __name__ == "__main__":
    main()
