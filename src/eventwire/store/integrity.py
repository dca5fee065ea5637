"""Integrity check of a store file: is it the research record it claims to be?

Run after a crash, a full disk or a copy between machines. The file is opened
read-only with DuckDB directly (not through :class:`~eventwire.store.Store`, which
refuses or migrates a file of another schema version), every table is read in full
(so DuckDB verifies the block checksums), and the invariants the writer keeps are
checked: schema, keys, references, spans and aggregates. Nothing is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from eventwire.store.duckdb_store import BACKEND
from eventwire.store.schema import (
    COUNT_COLUMNS,
    DOCUMENT_COLUMNS,
    ERROR_COLUMNS,
    EVENT_COLUMNS,
    QUOTE_COLUMNS,
    SCHEMA_VERSION,
    Column,
)

TABLE_COLUMNS: tuple[tuple[str, tuple[Column, ...]], ...] = (
    ("documents", DOCUMENT_COLUMNS),
    ("events", EVENT_COLUMNS),
    ("quotes", QUOTE_COLUMNS),
    ("counts", COUNT_COLUMNS),
    ("ingest_errors", ERROR_COLUMNS),
)
TABLES = ("meta", "documents", "events", "quotes", "counts", "ingest_errors")
AGGREGATE_TABLES = ("aggregated_events", "event_aggregates")
VIEWS = ("mentions", "actors", "locations")
KEYS: tuple[tuple[str, str], ...] = (
    ("meta", "key"),
    ("documents", "doc_id"),
    ("events", "event_id"),
    ("quotes", "doc_id, quote_index"),
    ("counts", "doc_id, count_index"),
    ("ingest_errors", "error_id"),
    ("aggregated_events", "aggregate_id"),
    ("event_aggregates", "event_id"),
)
# (table, span prefix, text column or None): spans that must lie inside the document
EVENT_SPANS: tuple[tuple[str, str | None], ...] = (
    ("trigger", "trigger_text"),
    ("evidence", "evidence_text"),
    ("sentence", "sentence_text"),
    ("source", "source_text"),
    ("target", "target_text"),
    ("reported_by", "reported_by_text"),
    ("source_resolved", None),
    ("target_resolved", None),
    ("location", None),
    ("date_span", None),
)
OTHER_SPANS: tuple[tuple[str, str, str | None], ...] = (
    ("quotes", "text", "text"),
    ("quotes", "verb", "verb_text"),
    ("quotes", "speaker", "speaker_text"),
    ("counts", "span", "text"),
)


@dataclass(frozen=True, slots=True)
class Check:
    """One invariant: its name, whether it holds, and what was found."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    """All checks of one store file, and its row counts (empty when unreadable)."""

    path: str
    checks: tuple[Check, ...]
    counts: tuple[tuple[str, int], ...] = ()
    aggregates_stale: bool = False

    @property
    def sound(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.ok)


class StoreMissingError(FileNotFoundError):
    """There is no file to check."""


def check_store(path: str | Path) -> IntegrityReport:
    """Check the store at ``path``; raises :class:`StoreMissingError` if there is none.

    Never raises for a damaged file: an unreadable one is a report with one failed
    ``opens`` check.
    """
    where = Path(path)
    if not where.is_file():
        raise StoreMissingError(f"no store at {where}")
    try:
        con = duckdb.connect(str(where), read_only=True)
    except duckdb.Error as exc:
        return IntegrityReport(str(where), (Check("opens", False, _one_line(exc)),))
    try:
        return _Checker(con, str(where)).run()
    finally:
        con.close()


class _Checker:
    """Runs the checks on one open connection, collecting them in order."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str):
        self.con = con
        self.path = path
        self.checks: list[Check] = [Check("opens", True, "read-only")]

    def run(self) -> IntegrityReport:
        meta = self._meta()
        present = self._structure()
        if not present:
            return IntegrityReport(self.path, tuple(self.checks))
        stale = meta.get("aggregates_stale") == "1"
        self._guard("readable", self._readable)
        self._guard("keys", self._keys)
        self._guard("references", self._references)
        self._guard("spans", self._spans)
        self._guard("event counts", self._event_counts)
        self._guard("aggregates", lambda: self._aggregates(stale))
        self._guard("views", self._views)
        counts = tuple(
            (table, self._scalar(f"SELECT count(*) FROM {table}"))
            for table in (*TABLES[1:], "aggregated_events")
        )
        return IntegrityReport(self.path, tuple(self.checks), counts, stale)

    # -- helpers ------------------------------------------------------------------

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()

    def _scalar(self, sql: str) -> int:
        return int(self._rows(sql)[0][0] or 0)

    def _add(self, name: str, problems: list[str], fine: str) -> None:
        self.checks.append(Check(name, not problems, "; ".join(problems) or fine))

    def _guard(self, name: str, run: Callable[[], None]) -> None:
        """A check that cannot even run (a damaged block, a missing column) fails."""
        try:
            run()
        except duckdb.Error as exc:
            self.checks.append(Check(name, False, _one_line(exc)))

    # -- checks -------------------------------------------------------------------

    def _meta(self) -> dict[str, str]:
        try:
            meta = {str(k): str(v) for k, v in self._rows("SELECT key, value FROM meta")}
        except duckdb.Error as exc:
            self.checks.append(Check("schema", False, f"no readable meta table: {_one_line(exc)}"))
            return {}
        problems = []
        version = meta.get("schema_version")
        if version != str(SCHEMA_VERSION):
            problems.append(f"schema_version {version!r}, expected {SCHEMA_VERSION}")
        if meta.get("backend") != BACKEND:
            problems.append(f"backend {meta.get('backend')!r}, expected {BACKEND!r}")
        if meta.get("aggregates_stale") not in ("0", "1"):
            problems.append(f"aggregates_stale {meta.get('aggregates_stale')!r}")
        self._add("schema", problems, f"version {SCHEMA_VERSION}, {BACKEND}")
        return meta

    def _structure(self) -> bool:
        found = {
            str(name): str(kind)
            for name, kind in self._rows(
                "SELECT table_name, table_type FROM information_schema.tables"
            )
        }
        problems = [f"table {t} missing" for t in (*TABLES, *AGGREGATE_TABLES) if t not in found]
        problems += [f"view {v} missing" for v in VIEWS if found.get(v) != "VIEW"]
        for table, columns in TABLE_COLUMNS:
            if table not in found:
                continue
            have = [
                str(row[0])
                for row in self._rows(
                    "SELECT column_name FROM information_schema.columns "
                    f"WHERE table_name = '{table}' ORDER BY ordinal_position"
                )
            ]
            want = [c.name for c in columns]
            if have != want:
                missing = sorted(set(want) - set(have))
                extra = sorted(set(have) - set(want))
                problems.append(f"{table} columns differ (missing {missing}, extra {extra})")
        self._add("tables", problems, f"{len(TABLES) + len(AGGREGATE_TABLES)} tables, views")
        return not any("missing" in p and p.startswith("table") for p in problems)

    def _readable(self) -> None:
        """Read every row of every table (DuckDB checks each block it loads)."""
        for table in (*TABLES, *AGGREGATE_TABLES):
            self._rows(f"SELECT count(*), bit_xor(hash(t)) FROM {table} t")
        self.checks.append(Check("readable", True, "every row of every table read"))

    def _keys(self) -> None:
        problems = []
        for table, key in KEYS:
            nulls = " OR ".join(f"{part.strip()} IS NULL" for part in key.split(","))
            duplicates = self._scalar(
                f"SELECT count(*) FROM (SELECT {key} FROM {table} "
                f"GROUP BY {key} HAVING count(*) > 1)"
            )
            missing = self._scalar(f"SELECT count(*) FROM {table} WHERE {nulls}")
            if duplicates:
                problems.append(f"{table}: {duplicates} duplicate keys ({key})")
            if missing:
                problems.append(f"{table}: {missing} rows without a key")
        self._add("keys", problems, "every primary key unique and present")

    def _references(self) -> None:
        problems = []
        for table, column, target, target_column in (
            ("events", "doc_id", "documents", "doc_id"),
            ("quotes", "doc_id", "documents", "doc_id"),
            ("counts", "doc_id", "documents", "doc_id"),
            ("counts", "event_id", "events", "event_id"),
            ("event_aggregates", "event_id", "events", "event_id"),
        ):
            orphans = self._scalar(
                f"SELECT count(*) FROM {table} x WHERE x.{column} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {target} y WHERE y.{target_column} = x.{column})"
            )
            if orphans:
                problems.append(f"{orphans} {table} rows whose {column} is not in {target}")
        self._add("references", problems, "every event, quote and count has its document")

    def _spans(self) -> None:
        problems = []
        checks = [("events", prefix, text) for prefix, text in EVENT_SPANS] + list(OTHER_SPANS)
        for table, prefix, text_column in checks:
            start, end = f"x.{prefix}_start", f"x.{prefix}_end"
            outside = (
                f"({start} IS NULL) <> ({end} IS NULL) OR {start} < 0 OR {end} < {start} "
                f"OR {end} > length(d.text)"
            )
            if text_column is not None:
                outside += (
                    f" OR ({start} IS NOT NULL AND x.{text_column} IS DISTINCT FROM "
                    f"substr(d.text, {start} + 1, {end} - {start}))"
                )
            bad = self._scalar(
                f"SELECT count(*) FROM {table} x JOIN documents d USING (doc_id) WHERE {outside}"
            )
            if bad:
                problems.append(f"{bad} {table}.{prefix} spans outside their document's text")
        self._add("spans", problems, "every span inside its document's text")

    def _event_counts(self) -> None:
        wrong = self._scalar(
            "SELECT count(*) FROM documents d WHERE d.num_events IS DISTINCT FROM "
            "(SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id)"
        )
        problems = [f"{wrong} documents whose num_events differs from their events"] * bool(wrong)
        self._add("event counts", problems, "documents.num_events matches events")

    def _aggregates(self, stale: bool) -> None:
        problems = []
        dangling = self._scalar(
            "SELECT count(*) FROM event_aggregates m WHERE NOT EXISTS "
            "(SELECT 1 FROM aggregated_events a WHERE a.aggregate_id = m.aggregate_id)"
        )
        if dangling:
            problems.append(f"{dangling} event_aggregates rows point to no aggregated event")
        if stale:
            self._add("aggregates", problems, "marked stale: rebuilt by the next ingest or export")
            return
        unassigned = self._scalar(
            "SELECT count(*) FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM event_aggregates m WHERE m.event_id = e.event_id)"
        )
        if unassigned:
            problems.append(f"{unassigned} events in no aggregated event (not marked stale)")
        mismatched = self._scalar(
            "SELECT count(*) FROM aggregated_events a WHERE a.num_mentions IS DISTINCT FROM "
            "(SELECT count(*) FROM event_aggregates m WHERE m.aggregate_id = a.aggregate_id)"
        )
        if mismatched:
            problems.append(f"{mismatched} aggregated events whose num_mentions is wrong")
        self._add("aggregates", problems, "every event in exactly one aggregated event")

    def _views(self) -> None:
        for view in VIEWS:
            self._rows(f"SELECT count(*) FROM {view}")
        self.checks.append(Check("views", True, ", ".join(VIEWS) + " answer"))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
