"""API fixtures: a store coded from the test articles by the real pipeline, and real
uvicorn servers on 127.0.0.1 (free ports, in threads) over it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from api_articles import ARTICLES
from api_server import live_server

from eventwire.store import open_store
from eventwire.store.ingest import ingest

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline


@pytest.fixture(scope="session")
def api_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """The test articles coded and stored (aggregated), closed again."""
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    with open_store(path) as store:
        ingest(store, pipeline, ARTICLES)
    return path


@pytest.fixture(scope="session")
def base_url(api_store: Path) -> Iterator[str]:
    """A read-only server (no token) over the test store."""
    with live_server(api_store) as url:
        yield url


@pytest.fixture(scope="session")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


@pytest.fixture()
def writable_store(api_store: Path, tmp_path: Path) -> Path:
    """A copy of the test store (one process may not open a file read-only and
    read-write at once)."""
    copy = tmp_path / "writable.duckdb"
    shutil.copyfile(api_store, copy)
    return copy
