"""A real HTTP server on 127.0.0.1 serving the fixture feeds and pages, plus the
failures a feed can have: a timeout, a 500, a redirect loop, a robots.txt ban."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
PAGES = DATA / "pages"
FEEDS = DATA / "feeds"
SLOW_S = 1.0


@dataclass
class LocalSite:
    """The running server: its base URL, hit counts per path, and routes a test
    may add (path -> (status, content type, body))."""

    base: str
    hits: Counter[str] = field(default_factory=Counter)
    routes: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)


def _routes(base: str) -> dict[str, tuple[int, str, bytes]]:
    html = "text/html"
    return {
        "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/harbour.rss": (
            200,
            "application/rss+xml",
            (FEEDS / "harbour.rss").read_text().replace("{base}", base).encode(),
        ),
        "/valley.atom": (
            200,
            "application/atom+xml",
            (FEEDS / "valley.atom").read_text().replace("{base}", base).encode(),
        ),
        "/news/2019/03/04/quota-talks.html": (
            200,
            f"{html}; charset=utf-8",
            (PAGES / "harbour_gazette_talks.html").read_bytes(),
        ),
        "/news/protest.html": (200, html, (PAGES / "northern_ledger_protest.html").read_bytes()),
        "/africa/ceasefire.html": (
            200,
            html,
            (PAGES / "valley_courier_ceasefire.html").read_bytes(),
        ),
        "/private/secret.html": (200, html, (PAGES / "harbour_gazette_talks.html").read_bytes()),
        "/error": (500, "text/plain", b"internal error"),
        "/big.html": (200, html, b"<html><body>" + b"<p>word</p>" * 20_000 + b"</body></html>"),
    }


@pytest.fixture
def site() -> Iterator[LocalSite]:
    state = LocalSite(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            state.hits[path] += 1
            if path == "/slow":
                time.sleep(SLOW_S)
            if path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, content_type, body = state.routes.get(path, (404, "text/plain", b"none"))
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    state.routes.update(_routes(state.base))
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
