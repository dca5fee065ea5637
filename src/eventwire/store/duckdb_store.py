"""The DuckDB event store: one file, versioned schema, one transaction per batch.

Writes are idempotent: documents (with their events, quotes and counts) and ingest
errors are keyed by their deterministic ids, so adding the same results again adds
nothing. Aggregated
events are rebuilt from the coded events (``aggregate``) and marked stale in
``meta`` whenever a batch adds events, so a killed run never leaves them half-done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.records import CodedDocument, Document, IngestError
from eventwire.store import aggregate as aggregation
from eventwire.store.query import EventFilter
from eventwire.store.rows import count_rows, document_row, error_row, event_row, quote_rows
from eventwire.store.schema import (
    COUNT_COLUMNS,
    DOCUMENT_COLUMNS,
    ERROR_COLUMNS,
    EVENT_COLUMNS,
    MIGRATIONS,
    QUOTE_COLUMNS,
    SCHEMA_VERSION,
    arrow_schema,
)

BACKEND = "store.duckdb.v1"
DEFAULT_PATH = "eventwire.duckdb"
DEFAULT_WINDOW_DAYS = 0


class StoreError(Exception):
    """The store file cannot be used as asked (missing, newer schema, read-only)."""


@dataclass(frozen=True, slots=True)
class AddSummary:
    """What one :meth:`Store.add` call wrote (rows already stored are not counted)."""

    documents: int = 0
    events: int = 0
    errors: int = 0
    skipped_documents: int = 0
    quotes: int = 0
    counts: int = 0


@dataclass(frozen=True, slots=True)
class StoreCounts:
    documents: int
    events: int
    aggregated_events: int
    ingest_errors: int
    quotes: int = 0
    counts: int = 0


_SCHEMAS = MappingProxyType(
    {
        "documents": (arrow_schema(DOCUMENT_COLUMNS), DOCUMENT_COLUMNS),
        "events": (arrow_schema(EVENT_COLUMNS), EVENT_COLUMNS),
        "ingest_errors": (arrow_schema(ERROR_COLUMNS), ERROR_COLUMNS),
        "quotes": (arrow_schema(QUOTE_COLUMNS), QUOTE_COLUMNS),
        "counts": (arrow_schema(COUNT_COLUMNS), COUNT_COLUMNS),
    }
)


class Store:
    """An open event store. Use :func:`eventwire.store.open_store` to get one."""

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        try:
            self._migrate()
        except BaseException:
            self.con.close()
            raise

    # -- lifecycle ------------------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _run(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run one statement and fetch it (duckdb 2 leaves results open otherwise)."""
        return self.con.execute(sql, params).fetchall()

    # -- schema -------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        tables = {row[0] for row in self._run("SELECT table_name FROM duckdb_tables()")}
        if "meta" not in tables:
            return 0
        rows = self._run("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(rows[0][0]) if rows else 0

    def meta(self) -> dict[str, str]:
        return {k: v for k, v in self._run("SELECT key, value FROM meta ORDER BY key")}

    def _set_meta(self, key: str, value: str) -> None:
        self._run("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def _migrate(self) -> None:
        """Bring the file to :data:`SCHEMA_VERSION`, one transaction per step."""
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this eventwire knows up to "
                f"{SCHEMA_VERSION}: upgrade eventwire"
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(
                f"{self.path} has schema version {version}, needs {SCHEMA_VERSION}: "
                "open it once for writing to migrate"
            )
        for step in range(version, SCHEMA_VERSION):
            with self._transaction():
                if step == 0:
                    self._run("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
                    self._set_meta("backend", BACKEND)
                    self._set_meta("created_at", _now().isoformat())
                    self._set_meta("aggregate_window_days", str(DEFAULT_WINDOW_DAYS))
                    self._set_meta("aggregates_stale", "0")
                MIGRATIONS[step](self.con)
                self._set_meta("schema_version", str(step + 1))

    def _transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # -- writing ----------------------------------------------------------------------

    def known_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored (to skip them before coding)."""
        ids = sorted(set(doc_ids))
        if not ids:
            return set()
        rows = self._run("SELECT doc_id FROM documents WHERE list_contains(?, doc_id)", [ids])
        return {row[0] for row in rows}

    def stored_documents(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """The stored documents of these ids (id, text, url, outlet, published: what
        a resumed run must remember of them to find later copies)."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        rows = self._run(
            "SELECT doc_id, text, url, outlet, published FROM documents "
            "WHERE list_contains(?, doc_id)",
            [ids],
        )
        return {
            doc_id: Document(id=doc_id, text=text, url=url, outlet=outlet, published=published)
            for doc_id, text, url, outlet, published in rows
        }

    def add(self, results: Iterable[CodedDocument | IngestError]) -> AddSummary:
        """Store coded documents (with their events, quotes and counts) and ingest
        errors, all in one transaction.

        Documents already stored (by id) are skipped with everything coded from them;
        errors are keyed by what failed and why. Re-adding the same results adds nothing.
        """
        now = _now()
        coded: dict[str, CodedDocument] = {}
        errors: dict[str, dict[str, Any]] = {}
        for result in results:
            if isinstance(result, IngestError):
                row = error_row(result, now)
                errors.setdefault(row["error_id"], row)
            else:
                coded.setdefault(result.document.id, result)
        known = self.known_documents(coded)
        new = [c for doc_id, c in coded.items() if doc_id not in known]
        documents = [document_row(c, now) for c in new]
        events = {e.event_id: event_row(e, c.document) for c in new for e in c.events}
        quotes = [row for c in new for row in quote_rows(c)]
        counts = [row for c in new for row in count_rows(c)]
        known_errors = self._known("ingest_errors", "error_id", errors)
        new_errors = [row for key, row in errors.items() if key not in known_errors]
        with self._transaction():
            self._insert("documents", documents)
            self._insert("events", list(events.values()))
            self._insert("quotes", quotes)
            self._insert("counts", counts)
            self._insert("ingest_errors", new_errors)
            if events:
                self._set_meta("aggregates_stale", "1")
        return AddSummary(
            documents=len(documents),
            events=len(events),
            errors=len(new_errors),
            skipped_documents=len(coded) - len(new),
            quotes=len(quotes),
            counts=len(counts),
        )

    def _known(self, table: str, key: str, ids: Iterable[str]) -> set[str]:
        wanted = sorted(set(ids))
        if not wanted:
            return set()
        rows = self._run(f"SELECT {key} FROM {table} WHERE list_contains(?, {key})", [wanted])
        return {row[0] for row in rows}

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        schema, columns = _SCHEMAS[table]
        batch = pa.Table.from_pylist(rows, schema=schema)
        names = ", ".join(c.name for c in columns)
        self.con.register("_incoming", batch)
        try:
            self._run(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM _incoming "
                "ON CONFLICT DO NOTHING"
            )
        finally:
            self.con.unregister("_incoming")

    # -- aggregation ----------------------------------------------------------------

    @property
    def window_days(self) -> int:
        return int(self.meta().get("aggregate_window_days", DEFAULT_WINDOW_DAYS))

    @property
    def aggregates_stale(self) -> bool:
        return self.meta().get("aggregates_stale") == "1"

    def aggregate(self, window_days: int | None = None) -> int:
        """Rebuild the aggregated events (optionally with a new date window, kept in
        ``meta``); returns how many there are."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only: cannot aggregate")
        window = self.window_days if window_days is None else window_days
        with self._transaction():
            aggregation.rebuild(self.con, window)
            self._set_meta("aggregate_window_days", str(window))
            self._set_meta("aggregates_stale", "0")
        return int(self._run("SELECT count(*) FROM aggregated_events")[0][0])

    def ensure_aggregated(self) -> None:
        """Rebuild aggregates if a batch was added since the last rebuild."""
        if self.aggregates_stale and not self.read_only:
            self.aggregate()

    # -- reading ----------------------------------------------------------------------

    def counts(self) -> StoreCounts:
        def count(table: str) -> int:
            return int(self._run(f"SELECT count(*) FROM {table}")[0][0])

        return StoreCounts(
            documents=count("documents"),
            events=count("events"),
            aggregated_events=count("aggregated_events"),
            ingest_errors=count("ingest_errors"),
            quotes=count("quotes"),
            counts=count("counts"),
        )

    def events(
        self,
        *,
        country: str | None = None,
        source: str | None = None,
        target: str | None = None,
        root: str | None = None,
        cameo: str | None = None,
        plover: str | None = None,
        start: dt.date | str | None = None,
        end: dt.date | str | None = None,
        limit: int | None = None,
    ) -> pa.Table:
        """Coded events (one row per mention, the columns of ``events`` plus
        ``aggregate_id``), filtered as :class:`EventFilter` says, by date then id."""
        from eventwire.store.query import parse_day

        flt = EventFilter(
            country, source, target, root, cameo, plover, parse_day(start), parse_day(end), limit
        )
        return self.select_events(flt)

    def select_events(self, flt: EventFilter, aggregated: bool = False) -> pa.Table:
        """Events (or aggregated events) matching ``flt``, as an Arrow table."""
        where, params = flt.where("e")
        limit, limit_params = flt.limit_clause()
        if aggregated:
            sql = (
                f"SELECT e.* FROM aggregated_events e{where} "
                f"ORDER BY e.date_first NULLS LAST, e.aggregate_id{limit}"
            )
        else:
            sql = (
                f"SELECT e.*, a.aggregate_id FROM events e "
                f"LEFT JOIN event_aggregates a USING (event_id){where} "
                f"ORDER BY e.date_first NULLS LAST, e.event_id{limit}"
            )
        return self.sql(sql, params + limit_params)

    def sql(self, query: str, params: Sequence[Any] | None = None) -> pa.Table:
        """Any SQL over the documented tables, as an Arrow table."""
        relation = self.con.sql(query, params=list(params) if params else None)
        if relation is None:
            return pa.table({})
        return relation.to_arrow_table()

    def rows(self, query: str, params: Sequence[Any] | None = None) -> Iterator[dict[str, Any]]:
        """Stream a query's rows as dicts (for exports that build records)."""
        result = self.con.execute(query, params)
        names = [d[0] for d in result.description or ()]
        while chunk := result.fetchmany(2048):
            for values in chunk:
                yield dict(zip(names, values, strict=True))


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK when the block raises."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION").fetchall()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.con.execute("COMMIT").fetchall()
        else:
            self.con.execute("ROLLBACK").fetchall()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
