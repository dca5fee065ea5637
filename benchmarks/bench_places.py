"""What geocoding and event-date resolution cost per article (issue 5: < 10% of pipeline time).

Codes the first N articles (default 300) of ``../shared/corpus/allsides_political.jsonl.gz``
with two pipelines in one process: the default one, and the same with
``geocoder="places.none.v1"``. In each pipeline instance the date resolver the coder
holds and the geocoder are wrapped in timing proxies (attributes of that instance
are replaced; no module is patched), so the time spent inside
``DateResolver.resolve`` and ``Geocoder.locate`` is measured directly, besides the
with/without difference of whole runs. Rounds alternate the two pipelines after a
warm-up; the best round of each is reported. Appends one JSON record to
``benchmarks/results.json``.

Usage: .venv/bin/python benchmarks/bench_places.py [--n 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import time
from collections.abc import Sequence
from importlib.metadata import version
from itertools import islice
from pathlib import Path
from typing import Any

from bench_pipeline import append_result, git_commit, peak_rss_mb

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "allsides_political.jsonl.gz"
RESULTS = REPO / "benchmarks" / "results.json"


class Timed:
    """Forwards every attribute to ``inner``; calls of ``method`` are timed."""

    def __init__(self, inner: Any, method: str) -> None:
        self._inner = inner
        self._method = method
        self.seconds = 0.0
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name != self._method:
            return attribute

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return attribute(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1

        return timed

    def reset(self) -> None:
        self.seconds = 0.0
        self.calls = 0


def load_articles(n: int) -> list[Any]:
    from eventwire.ingest import read_inputs
    from eventwire.records import RawArticle

    if not CORPUS.exists():
        raise SystemExit(f"missing {CORPUS}: the benchmark reads ../shared/corpus")
    items = islice(read_inputs([str(CORPUS)]), n)
    return [a for a in items if isinstance(a, RawArticle)]


class Instrumented:
    """One pipeline with its date resolver (and geocoder) behind timing proxies."""

    def __init__(self, geocoder: str, model: str, batch_size: int) -> None:
        from eventwire.pipeline import Pipeline, PipelineConfig

        self.pipeline = Pipeline(
            PipelineConfig(model=model, batch_size=batch_size, geocoder=geocoder)
        )
        coder: Any = self.pipeline.coder
        self.dates = Timed(coder.dates, "resolve")
        coder.dates = self.dates
        self.geocoder = Timed(self.pipeline.geocoder, "locate")
        self.pipeline.geocoder = self.geocoder

    def run(self, articles: Sequence[Any]) -> dict[str, float]:
        from eventwire.records import IngestError

        self.dates.reset()
        self.geocoder.reset()
        events = errors = located = 0
        started = time.perf_counter()
        for result in self.pipeline.code_articles(articles):
            if isinstance(result, IngestError):
                errors += 1
                continue
            events += len(result.events)
            located += sum(e.location is not None for e in result.events)
        seconds = time.perf_counter() - started
        return {
            "seconds": seconds,
            "dates_s": self.dates.seconds,
            "dates_calls": self.dates.calls,
            "geocoder_s": self.geocoder.seconds,
            "events": events,
            "located": located,
            "errors": errors,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="number of articles")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per pipeline")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-append", action="store_true", help="print only")
    args = parser.parse_args()

    articles = load_articles(args.n)
    n = len(articles)
    words = sum(len(a.text.split()) for a in articles)
    with_geo = Instrumented("places.geonames.v1", args.model, args.batch_size)
    without_geo = Instrumented("places.none.v1", args.model, args.batch_size)
    warm_up = articles[: min(20, n)]
    with_geo.run(warm_up)
    without_geo.run(warm_up)

    runs: dict[str, list[dict[str, float]]] = {"with": [], "without": []}
    for _ in range(args.rounds):
        runs["with"].append(with_geo.run(articles))
        runs["without"].append(without_geo.run(articles))
    best_with = min(runs["with"], key=lambda r: r["seconds"])
    best_without = min(runs["without"], key=lambda r: r["seconds"])

    def per_article_ms(seconds: float) -> float:
        return round(1000 * seconds / n, 2)

    added = best_with["geocoder_s"] + best_with["dates_s"]
    record = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "benchmark": "places",
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(),
            "spacy": version("spacy"),
        },
        "model": args.model,
        "batch_size": args.batch_size,
        "rounds": args.rounds,
        "corpus": {"files": [CORPUS.name], "articles": n, "words": words},
        "with_geocoder": {
            "seconds": round(best_with["seconds"], 2),
            "ms_per_article": per_article_ms(best_with["seconds"]),
            "all_rounds_s": [round(r["seconds"], 2) for r in runs["with"]],
            "geocoder_ms_per_article": per_article_ms(best_with["geocoder_s"]),
            "dates_ms_per_article": per_article_ms(best_with["dates_s"]),
            "dates_calls": best_with["dates_calls"],
            "events": best_with["events"],
            "located_events": best_with["located"],
            "errors": best_with["errors"],
        },
        "without_geocoder": {
            "seconds": round(best_without["seconds"], 2),
            "ms_per_article": per_article_ms(best_without["seconds"]),
            "all_rounds_s": [round(r["seconds"], 2) for r in runs["without"]],
            "dates_ms_per_article": per_article_ms(best_without["dates_s"]),
            "events": best_without["events"],
        },
        # Measured inside the calls, in the run with the geocoder.
        "geocoding_share": round(best_with["geocoder_s"] / best_with["seconds"], 4),
        "dates_share": round(best_with["dates_s"] / best_with["seconds"], 4),
        "geocoding_plus_dates_share": round(added / best_with["seconds"], 4),
        # The same question asked of whole runs (noisier: includes run-to-run jitter).
        "geocoder_added_by_difference": round(
            (best_with["seconds"] - best_without["seconds"]) / best_without["seconds"], 4
        ),
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(record, indent=2))
    if not args.no_append:
        append_result(record, args.results)


if __name__ == "__main__":
    main()
