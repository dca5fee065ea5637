"""The event store: coded events kept in one DuckDB file, aggregated across
articles, queried from Python or SQL, exported as GDELT, PLOVER, Parquet or CSV.

``open_store(path)`` is the entry point; tables and rules are in docs/STORE.md.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from eventwire.store.duckdb_store import (
    BACKEND,
    DEFAULT_PATH,
    AddSummary,
    Store,
    StoreCounts,
    StoreError,
)
from eventwire.store.query import EventFilter

BACKENDS = MappingProxyType({BACKEND: Store})


def open_store(
    path: str | Path = DEFAULT_PATH, read_only: bool = False, backend: str = BACKEND
) -> Store:
    """Open (and create or migrate, unless ``read_only``) the store at ``path``."""
    if backend not in BACKENDS:
        known = ", ".join(sorted(BACKENDS))
        raise StoreError(f"unknown store backend {backend!r}; known: {known}")
    return BACKENDS[backend](path, read_only=read_only)


__all__ = [
    "BACKEND",
    "BACKENDS",
    "DEFAULT_PATH",
    "AddSummary",
    "EventFilter",
    "Store",
    "StoreCounts",
    "StoreError",
    "open_store",
]
