"""Take the dashboard screenshots of the README (docs/img/) from a real store.

Serves the store with the real app on a free 127.0.0.1 port, opens the dashboard
in Debian's headless Chromium and saves the overview and, with an event opened,
the article view. Also prints how long the first view took to load.

Usage:
    eventwire ingest samples/wikinews/wikinews_sample.jsonl --store out/demo.duckdb
    python scripts/screenshot_dashboard.py --store out/demo.duckdb [--event ID]
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from pathlib import Path

from eventwire.web.browser import CHROMIUM, launch_options

REPO = Path(__file__).resolve().parent.parent


def _serve(store: Path) -> tuple[str, object, threading.Thread]:
    import uvicorn

    from eventwire.api.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(store), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{sock.getsockname()[1]}", server, thread


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=REPO / "out" / "demo.duckdb")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img" / "dashboard.png")
    parser.add_argument("--article-out", type=Path, default=REPO / "docs" / "img" / "article.png")
    parser.add_argument("--query", default="", help="Query string of the view, e.g. ?quad=4")
    parser.add_argument("--event", default="", help="Event id for the article view")
    parser.add_argument("--event-text", default="", help="Else open the first row with this text")
    args = parser.parse_args(argv)
    if not args.store.exists():
        print(f"error: no store at {args.store} (see the usage above)", file=sys.stderr)
        return 1
    if not CHROMIUM.exists():
        print(f"error: {CHROMIUM} missing: apt-get install chromium", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    url, server, thread = _serve(args.store)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_options())
            page = browser.new_page(viewport={"width": 1600, "height": 1120})
            started = time.perf_counter()
            page.goto(f"{url}/{args.query}")
            page.wait_for_selector("body[data-ready=true]", timeout=30_000)
            seconds = time.perf_counter() - started
            print(f"first view loaded in {seconds:.2f} s")
            page.wait_for_timeout(400)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            if args.event:
                separator = "&" if args.query else "?"
                page.goto(f"{url}/{args.query}{separator}event={args.event}")
            else:
                rows = page.locator("#event-table tbody tr")
                row = rows.filter(has_text=args.event_text).first if args.event_text else rows.first
                row.click()
            page.wait_for_selector("#article-text")
            page.wait_for_timeout(300)
            page.screenshot(path=str(args.article_out))
            browser.close()
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=10)
    print(f"wrote {args.out} and {args.article_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
