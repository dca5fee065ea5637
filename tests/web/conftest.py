"""Dashboard test fixtures: a store coded from web_articles.py by the real
pipeline, the real app served by uvicorn on a free 127.0.0.1 port, and Debian's
Chromium driven by Playwright.

Without /usr/bin/chromium (or without the vendored front-end packages) the browser
tests skip, unless EVENTWIRE_REQUIRE_BROWSER=1, when they fail instead.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from web_articles import ARTICLES
from web_page import Dashboard, PageLog

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from eventwire.pipeline import Pipeline

from eventwire.web.browser import CHROMIUM, launch_options

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "src" / "eventwire" / "web" / "static"


def _unavailable(reason: str) -> None:
    if os.environ.get("EVENTWIRE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (EVENTWIRE_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def web_store(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the test articles, coded by the default pipeline."""
    from eventwire.ingest import read_inputs
    from eventwire.store import open_store

    folder = tmp_path_factory.mktemp("web")
    articles = folder / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = folder / "web.duckdb"
    with open_store(path) as store:
        store.add(pipeline.code_articles(read_inputs([str(articles)])))
        store.aggregate()  # /api/series counts aggregated events, as `eventwire ingest` leaves them
    return path


@pytest.fixture(scope="session")
def server_url(web_store: Path) -> Iterator[str]:
    """The real app over ``web_store``, served by uvicorn in a thread."""
    import uvicorn

    from eventwire.api.app import create_app

    app = create_app(web_store)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()
    app.state.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: apt-get install chromium")
    if not (STATIC / "vendor" / "versions.json").exists():
        _unavailable("front-end packages not vendored: run make web")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**launch_options())
        yield launched
        launched.close()


@pytest.fixture
def dashboard(browser: Browser, server_url: str) -> Iterator[Dashboard]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    log = PageLog()
    page.on("request", lambda request: log.requests.append(request.url))
    page.on("pageerror", lambda error: log.errors.append(str(error)))

    def on_dialog(dialog: Any) -> None:
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            log.csp_violations.append(message.text)

    page.on("console", on_console)
    yield Dashboard(page, server_url, log)
    context.close()
