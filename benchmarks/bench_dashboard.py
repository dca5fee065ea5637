"""First view of the dashboard in headless Chromium, on the 10,000-article store.

Serves the store with the real app (uvicorn) on a free 127.0.0.1 port in a separate
process, and opens the dashboard in Debian's Chromium ``--runs`` times, each in a
fresh browser context (no cache): the time from ``goto`` until the page marks itself
ready (map markers, table rows and charts drawn). Target (issue 7): under 2 s.
Prints one JSON record and appends it to ``benchmarks/results.json``.

The store is the one ``bench_api.py`` builds and caches under ``out/bench_api``.

Usage: python benchmarks/bench_dashboard.py [--store FILE] [--runs 10] [--no-append]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from eventwire.web.browser import launch_options

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from bench_pipeline import append_result, record_header  # noqa: E402

DEFAULT_STORE = REPO / "out" / "bench_api" / "store_1000x10.duckdb"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(store: Path, port: int) -> subprocess.Popen[bytes]:
    """``eventwire serve`` in its own process, as a user would run it."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "eventwire.cli",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    if not args.store.exists():
        sys.exit(f"no store at {args.store}: run benchmarks/bench_api.py first")
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()
    port = _free_port()
    server = _serve(args.store, port)
    url = f"http://127.0.0.1:{port}/"
    seconds: list[float] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_options())
            for _ in range(args.runs + 1):  # the first run warms the server's caches
                context = browser.new_context(viewport={"width": 1600, "height": 1120})
                page = context.new_page()
                started = time.perf_counter()
                page.goto(url)
                page.wait_for_selector("body[data-ready=true]", timeout=60_000)
                seconds.append(time.perf_counter() - started)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    timed = sorted(seconds[1:])
    record = {
        **record_header("dashboard_first_view", load_before),
        "store": str(
            args.store.relative_to(REPO) if args.store.is_relative_to(REPO) else args.store
        ),
        "runs": len(timed),
        "cold_first_s": round(seconds[0], 3),
        "median_s": round(statistics.median(timed), 3),
        "max_s": round(timed[-1], 3),
        "target_s": 2.0,
    }
    print(json.dumps(record, indent=1))
    if not args.no_append:
        append_result(record, REPO / "benchmarks" / "results.json")


if __name__ == "__main__":
    main()
