"""The server's hold on the store: a pool of read cursors and one serialised writer.

DuckDB lets one process hold a read-write connection; inside it, every cursor is its
own connection to the same database with its own transactions. Each request borrows
a cursor and reads inside one transaction, so it sees one committed snapshot even
while the writer (the store's main connection, one batch at a time under a lock)
commits a batch or rebuilds the aggregates.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from eventwire.records import IngestError, RawArticle
from eventwire.store import Store
from eventwire.store.ingest import ingest

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

POOL_SIZE = 8
BORROW_TIMEOUT_S = 30.0


class ServerBusyError(Exception):
    """No read cursor came free in time."""


class CursorStore(Store):
    """A read-only :class:`Store` over one cursor, so the store's query helpers
    (``select_events``, ``series``...) run on a request's own connection."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, path: Path) -> None:
        # no super().__init__: the file is already open (and migrated) by the server
        self.path = path
        self.read_only = True
        self.con = cursor

    def close(self) -> None:  # the pool owns the cursor
        return None

    def fetch(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """All rows of one query as dicts (column name -> value)."""
        result = self.con.execute(sql, params)
        names = [d[0] for d in result.description or ()]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


class ReadPool:
    """Cursors on the store's connection, lent out one request at a time."""

    def __init__(self, store: Store, size: int = POOL_SIZE) -> None:
        self._free: queue.Queue[duckdb.DuckDBPyConnection] = queue.Queue()
        self._path = store.path
        self._cursors = [store.con.cursor() for _ in range(size)]
        for cursor in self._cursors:
            self._free.put(cursor)

    @contextmanager
    def read(self) -> Iterator[CursorStore]:
        """A cursor inside one read transaction (one snapshot for the whole request)."""
        try:
            cursor = self._free.get(timeout=BORROW_TIMEOUT_S)
        except queue.Empty:
            raise ServerBusyError("all store connections are busy") from None
        try:
            cursor.execute("BEGIN TRANSACTION").fetchall()
            try:
                yield CursorStore(cursor, self._path)
            finally:
                cursor.execute("ROLLBACK").fetchall()
        finally:
            self._free.put(cursor)

    def close(self) -> None:
        for cursor in self._cursors:
            cursor.close()


@dataclass(frozen=True, slots=True)
class WriteResult:
    added_documents: int
    added_events: int
    skipped_documents: int
    errors: tuple[IngestError, ...]


class Writer:
    """Codes and stores articles, one call at a time. The pipeline (the spaCy model
    and the dictionaries, a few seconds to load) is built on the first write."""

    def __init__(self, store: Store, pipeline_factory: Callable[[], Pipeline]) -> None:
        self._store = store
        self._factory = pipeline_factory
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def add(self, articles: Sequence[RawArticle]) -> WriteResult:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            errors: list[IngestError] = []
            progress = ingest(
                self._store,
                self._pipeline,
                articles,
                on_batch=lambda _totals, batch_errors: errors.extend(batch_errors),
            )
        return WriteResult(
            added_documents=progress.documents,
            added_events=progress.events,
            skipped_documents=progress.skipped,
            errors=tuple(errors),
        )
