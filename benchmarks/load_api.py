"""Load while writing: concurrent reads against the API while articles are ingested
through it (issue 9, item 4).

A uvicorn server (its own process) serves a copy of a coded store with a write token.
This process is the client: a writer thread POSTs BATCHES batches of real articles
(``../shared/corpus/allsides_political.jsonl.gz``, after those already in the store)
to ``/api/documents`` while READERS threads send GETs (events with varied filters,
stats, health, locations, actors) until the writer is done (each at least
``--min-requests``, at most ``--max-requests``). Reported: failed requests (must be
0), read latency p50/p95/max, and consistency checks:

* every ``/api/stats`` answer adds up (sum of ``by_quad`` = ``events``);
* per reader, the event and document counts never decrease;
* at the end, the event count = the start + what the POSTs said they added, and
  walking every page of ``/api/events`` yields exactly that many distinct events.

Usage: .venv/bin/python benchmarks/load_api.py [--readers 4] [--batches 5] [--batch-size 8]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_api import CACHE, CORPUS, code_base, percentile, server  # noqa: E402
from bench_pipeline import append_result, record_header  # noqa: E402

RESULTS = REPO / "benchmarks" / "results.json"
TOKEN = "load-test-token-" + "x" * 16
MAX_BODY = 1 << 20

READS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("/api/events", {}),
    ("/api/stats", {}),
    ("/api/events", {"country": "USA", "limit": 50}),
    ("/api/health", {}),
    ("/api/events", {"quad": 4, "sort": "confidence"}),
    ("/api/locations", {}),
    ("/api/events", {"q": "election"}),
    ("/api/actors", {"q": "us"}),
    ("/api/stats", {}),
)


@dataclass
class ReaderLog:
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    inconsistencies: list[str] = field(default_factory=list)
    during_write: int = 0


def post_bodies(corpus: Path, skip: int, batches: int, size: int) -> list[dict[str, Any]]:
    """``batches`` request bodies of ``size`` articles (each under the 1 MiB limit)."""
    bodies: list[dict[str, Any]] = []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        records = (json.loads(line) for line in islice(lines, skip, None))
        batch: list[dict[str, Any]] = []
        for record in records:
            text = (record.get("text") or "").strip()
            if not text:
                continue
            published = str(record.get("published") or record.get("date") or "")[:10]
            article = {
                "text": text,
                "title": record.get("title"),
                "url": record.get("url"),
                "outlet": record.get("source"),
            }
            if len(published) == 10:
                article["published"] = published
            batch.append(article)
            if len(batch) == size:
                if len(json.dumps({"articles": batch})) < MAX_BODY:
                    bodies.append({"articles": batch})
                batch = []
            if len(bodies) == batches:
                break
    return bodies


def reader(
    base: str, writing: threading.Event, done: threading.Event, args: Any, log: ReaderLog
) -> None:
    last_events = last_documents = -1
    with httpx.Client(base_url=base, timeout=60) as client:
        n = 0
        while n < args.max_requests and (n < args.min_requests or not done.is_set()):
            path, params = READS[n % len(READS)]
            active = writing.is_set()
            started = time.perf_counter()
            try:
                response = client.get(path, params=params)
            except httpx.HTTPError as exc:
                log.failures.append(f"{path}: {type(exc).__name__}")
                n += 1
                continue
            log.latencies_ms.append((time.perf_counter() - started) * 1000)
            log.during_write += active
            n += 1
            if response.status_code != 200:
                log.failures.append(f"{path}: {response.status_code}")
                continue
            body = response.json()
            if path == "/api/stats":
                if sum(body["by_quad"].values()) != body["events"]:
                    log.inconsistencies.append(f"by_quad does not add up to {body['events']}")
                if body["events"] < last_events or body["documents"] < last_documents:
                    log.inconsistencies.append(
                        f"counts went back: {last_events}->{body['events']} events"
                    )
                last_events, last_documents = body["events"], body["documents"]


def count_all_events(client: httpx.Client) -> tuple[int, int]:
    """Walk every page of /api/events: (rows, distinct ids)."""
    ids: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 1000}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/events", params=params).raise_for_status().json()
        ids += [e["event_id"] for e in body["events"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return len(ids), len(set(ids))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="coded store to start from")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--min-requests", type=int, default=100)
    parser.add_argument("--max-requests", type=int, default=3000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    base_store = CACHE / f"coded_{args.n}.duckdb"
    if not base_store.exists():
        code_base(args.n, base_store, args.corpus)
    bodies = post_bodies(args.corpus, args.n, args.batches, args.batch_size)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "load.duckdb"
        shutil.copyfile(base_store, store)
        with server(store, TOKEN) as base, httpx.Client(base_url=base, timeout=600) as client:
            start = client.get("/api/stats").raise_for_status().json()
            writing, done = threading.Event(), threading.Event()
            logs = [ReaderLog() for _ in range(args.readers)]
            threads = [
                threading.Thread(target=reader, args=(base, writing, done, args, log))
                for log in logs
            ]
            for thread in threads:
                thread.start()
            added_events = added_documents = 0
            write_ms: list[float] = []
            write_failures: list[str] = []
            auth = {"Authorization": f"Bearer {TOKEN}"}
            writing.set()
            for body in bodies:
                started = time.perf_counter()
                response = client.post("/api/documents", json=body, headers=auth)
                write_ms.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    write_failures.append(f"POST: {response.status_code} {response.text[:200]}")
                    continue
                added_events += response.json()["added_events"]
                added_documents += response.json()["added_documents"]
            writing.clear()
            done.set()
            for thread in threads:
                thread.join()
            final = client.get("/api/stats").raise_for_status().json()
            rows, distinct = count_all_events(client)
    reads = [ms for log in logs for ms in log.latencies_ms]
    failures = [f for log in logs for f in log.failures] + write_failures
    inconsistencies = [i for log in logs for i in log.inconsistencies]
    if final["events"] != start["events"] + added_events:
        inconsistencies.append(
            f"final events {final['events']} != {start['events']} + {added_events} added"
        )
    if final["documents"] != start["documents"] + added_documents:
        inconsistencies.append("final documents do not match the documents added")
    if not rows == distinct == final["events"]:
        inconsistencies.append(
            f"paging gave {rows} rows ({distinct} distinct), stats says {final['events']}"
        )
    record = {
        **record_header("api_load", load_before),
        "store": {"coded_articles": args.n, "start_events": start["events"]},
        "readers": args.readers,
        "read_requests": len(reads) + sum(1 for f in failures if not f.startswith("POST")),
        "reads_during_writes": sum(log.during_write for log in logs),
        "read_latency_ms": {
            "p50": round(statistics.median(reads), 1),
            "p95": round(percentile(reads, 0.95), 1),
            "max": round(max(reads), 1),
        },
        "writes": {
            "batches": len(bodies),
            "articles": sum(len(b["articles"]) for b in bodies),
            "added_documents": added_documents,
            "added_events": added_events,
            "latency_ms": [round(ms) for ms in write_ms],
        },
        "failed_requests": len(failures),
        "failures": failures[:20],
        "inconsistencies": inconsistencies[:20],
        "consistent": not inconsistencies,
        "final_events": final["events"],
    }
    print(json.dumps(record, indent=2))
    if not args.no_append:
        append_result(record, args.results)
    if failures or inconsistencies:
        sys.exit(1)


if __name__ == "__main__":
    main()
