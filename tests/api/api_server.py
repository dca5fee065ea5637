"""A real uvicorn server in a thread, for the API tests (imported by conftest and tests)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import uvicorn

from eventwire.api import create_app

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

TOKEN = "test-token-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(
    store: Path,
    *,
    token: str | None = None,
    cors: tuple[str, ...] = (),
    pipeline: Pipeline | None = None,
    static_dir: Path | None = None,
) -> Iterator[str]:
    """A real uvicorn server over ``store`` in a thread; yields its base URL."""
    extra = {"static_dir": static_dir} if static_dir is not None else {}
    app = create_app(store, write_token=token, cors_origins=cors, pipeline=pipeline, **extra)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        app.state.close()
