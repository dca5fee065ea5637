"""API latency: ``GET /api/events`` on a store of 10,000 articles, on 127.0.0.1.

The store: the first N articles (default 1,000) of
``../shared/corpus/allsides_political.jsonl.gz`` are coded by the real pipeline
(``eventwire.store.ingest.ingest``); to reach 10,000 documents without coding for a
quarter of an hour, the coded documents are then **replicated** (COPIES - 1 times)
in SQL with distinct ``doc_id``/``event_id`` (suffix ``~rK``) and dates shifted by
K years, and aggregates are rebuilt. The output says so (``store.replicated``). The
store is cached under ``out/bench_api/`` and reused by later runs.

Then a real uvicorn server (a separate process) answers a bounded loop of requests
with varied filters (countries, actors, roots, quad classes, date windows, bounding
boxes, text search, confidence, other sort orders, next pages, CSV), after a
warm-up; p50/p95/max latency (client-side, wall clock) are printed and appended to
``benchmarks/results.json``.

Usage: .venv/bin/python benchmarks/bench_api.py [--n 1000] [--copies 10] [--requests 600]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_pipeline import append_result, record_header  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "allsides_political.jsonl.gz"
RESULTS = REPO / "benchmarks" / "results.json"
CACHE = REPO / "out" / "bench_api"

SERVER = """
import sys
import uvicorn
from eventwire.api import create_app
app = create_app(sys.argv[1], write_token=sys.argv[3] or None)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def server(store: Path, token: str | None = None) -> Iterator[str]:
    """A uvicorn process serving ``store``; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(store), str(port), token or ""])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}")
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def code_base(n: int, path: Path, corpus: Path) -> float:
    """Code the first ``n`` corpus articles into a new store; returns seconds."""
    from eventwire.ingest import read_inputs
    from eventwire.pipeline import Pipeline
    from eventwire.store import open_store
    from eventwire.store.ingest import ingest

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.duckdb")
    partial.unlink(missing_ok=True)
    pipeline = Pipeline()
    started = time.perf_counter()
    with open_store(partial) as store:
        ingest(store, pipeline, islice(read_inputs([str(corpus)]), n))
        store.con.execute("CHECKPOINT").fetchall()
    partial.rename(path)
    return time.perf_counter() - started


def _shifted_date_sql(k: int) -> dict[str, str]:
    first = f"CAST(date_first + INTERVAL {k} YEAR AS DATE)"
    return {
        "date_first": first,
        "date": (
            f"CASE date_precision WHEN 'day' THEN strftime({first}, '%Y-%m-%d') "
            f"WHEN 'month' THEN strftime({first}, '%Y-%m') "
            f"WHEN 'year' THEN strftime({first}, '%Y') ELSE date END"
        ),
        "published": f"CAST(published + INTERVAL {k} YEAR AS DATE)",
    }


def replicate(path: Path, copies: int) -> None:
    """Add ``copies - 1`` copies of every document (and its events, quotes, counts)
    with distinct ids and dates shifted by whole years; rebuild the aggregates."""
    from eventwire.store import open_store
    from eventwire.store.schema import (
        COUNT_COLUMNS,
        DOCUMENT_COLUMNS,
        EVENT_COLUMNS,
        QUOTE_COLUMNS,
        Column,
    )

    def copy(store: Any, table: str, columns: tuple[Column, ...], over: dict[str, str]) -> None:
        select = ", ".join(over.get(c.name, c.name) for c in columns)
        names = ", ".join(c.name for c in columns)
        store.con.execute(
            f"INSERT INTO {table} ({names}) SELECT {select} FROM {table} "
            "WHERE NOT contains(doc_id, '~r')"
        ).fetchall()

    with open_store(path) as store:
        for k in range(1, copies):
            tag = f"'~r{k}'"
            dates = _shifted_date_sql(k)
            with store._transaction():
                copy(
                    store,
                    "documents",
                    DOCUMENT_COLUMNS,
                    {
                        "doc_id": f"doc_id || {tag}",
                        "story_id": f"story_id || {tag}",
                        "url": f"url || '#r{k}'",
                        "published": dates["published"],
                    },
                )
                copy(
                    store,
                    "events",
                    EVENT_COLUMNS,
                    {
                        **dates,
                        "event_id": f"event_id || {tag}",
                        "doc_id": f"doc_id || {tag}",
                        "url": f"url || '#r{k}'",
                    },
                )
                copy(
                    store,
                    "quotes",
                    QUOTE_COLUMNS,
                    {
                        "doc_id": f"doc_id || {tag}",
                        "event_ids": f"list_transform(event_ids, lambda x: x || {tag})",
                    },
                )
                copy(
                    store,
                    "counts",
                    COUNT_COLUMNS,
                    {"doc_id": f"doc_id || {tag}", "event_id": f"event_id || {tag}"},
                )
        store.aggregate()
        store.con.execute("CHECKPOINT").fetchall()


def build_store(n: int, copies: int, corpus: Path) -> tuple[Path, dict[str, Any]]:
    """The cached benchmark store (coded originals, then replicated)."""
    base = CACHE / f"coded_{n}.duckdb"
    coding_s = None
    if not base.exists():
        coding_s = round(code_base(n, base, corpus), 1)
    path = CACHE / f"store_{n}x{copies}.duckdb"
    if not path.exists():
        partial = path.with_suffix(".partial.duckdb")
        shutil.copyfile(base, partial)
        replicate(partial, copies)
        partial.rename(path)
    from eventwire.store import open_store

    with open_store(path, read_only=True) as store:
        counts = store.counts()
    return path, {
        "path": str(path.relative_to(REPO)),
        "corpus": corpus.name,
        "coded_articles": n,
        "copies": copies,
        "replicated": copies > 1,
        "documents": counts.documents,
        "events": counts.events,
        "aggregated_events": counts.aggregated_events,
        "coding_seconds_this_run": coding_s,
    }


def request_mix(client: httpx.Client) -> list[tuple[str, dict[str, Any]]]:
    """Realistic queries, drawn from what the store holds."""
    stats = client.get("/api/stats").raise_for_status().json()
    actors = [a["code"] for a in stats["top_actors"]]
    countries = [c for c in dict.fromkeys(code[:3] for code in actors) if c.isalpha()][:5]
    roots = sorted(stats["by_root"], key=lambda r: -stats["by_root"][r])[:4]
    year = (stats["date_max"] or "2020-01-01")[:4]
    mix: list[tuple[str, dict[str, Any]]] = [("default", {}), ("page_500", {"limit": 500})]
    mix += [("country", {"country": c}) for c in countries]
    mix += [("actor_quad", {"actor": a, "quad": 4}) for a in actors[:3]]
    mix += [("dyad", {"source": actors[0], "target": actors[1]})] if len(actors) > 1 else []
    mix += [("root", {"root": r}) for r in roots]
    mix += [("quad", {"quad": q}) for q in (1, 2, 3, 4)]
    mix += [
        ("date_window", {"start": f"{year}-01", "end": f"{year}-06-30"}),
        ("date_country", {"start": year, "country": countries[0] if countries else "USA"}),
        ("bbox_europe", {"bbox": "-10,35,40,70"}),
        ("bbox_middle_east", {"bbox": "25,12,63,42", "quad": 4}),
        ("text", {"q": "sanction"}),
        ("text", {"q": "talks"}),
        ("min_confidence", {"min_confidence": 0.8}),
        ("sort_confidence", {"sort": "confidence"}),
        ("sort_goldstein", {"sort": "goldstein", "order": "asc"}),
        ("csv", {"format": "csv", "limit": 200}),
        ("next_page", {}),
        ("next_page", {"country": countries[0] if countries else "USA"}),
    ]
    return mix


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def drive(base: str, requests: int, warmup: int) -> dict[str, Any]:
    """Send ``requests`` GETs to /api/events, round-robin over the mix."""
    timings: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        mix = request_mix(client)
        cursors: dict[int, str] = {}
        for i in range(warmup + requests):
            slot = i % len(mix)
            kind, params = mix[slot]
            if kind == "next_page" and slot in cursors:
                params = {**params, "cursor": cursors[slot]}
            started = time.perf_counter()
            response = client.get("/api/events", params=params)
            elapsed = (time.perf_counter() - started) * 1000
            response.raise_for_status()
            if kind == "next_page":
                following = response.json()["next_cursor"]
                cursors.pop(slot, None)
                if following:
                    cursors[slot] = following
            if i >= warmup:
                timings.setdefault(kind, []).append(elapsed)
    every = [t for ts in timings.values() for t in ts]
    return {
        "requests": len(every),
        "warmup": warmup,
        "latency_ms": {
            "p50": round(statistics.median(every), 1),
            "p95": round(percentile(every, 0.95), 1),
            "max": round(max(every), 1),
        },
        "p95_ms_by_kind": {k: round(percentile(v, 0.95), 1) for k, v in sorted(timings.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles coded for real")
    parser.add_argument("--copies", type=int, default=10, help="replicas of the coded set")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    path, store_info = build_store(args.n, args.copies, args.corpus)
    load_before = os.getloadavg()
    with server(path) as base:
        measured = drive(base, args.requests, args.warmup)
    record = {
        **record_header("api", load_before),
        "endpoint": "/api/events",
        "store": store_info,
        **measured,
        "target_p95_ms": 100,
    }
    print(json.dumps(record, indent=2))
    if store_info["replicated"]:
        print(
            f"note: {store_info['coded_articles']} articles were coded; the store holds "
            f"{store_info['copies']} copies of them (distinct ids, dates shifted by years)",
            file=sys.stderr,
        )
    if not args.no_append:
        append_result(record, args.results)


if __name__ == "__main__":
    main()
