from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eventwire.output import event_record
from eventwire.records import CodedDocument, IngestError
from eventwire.store import StoreError, open_store
from eventwire.store.rows import document_from_row, event_from_row
from eventwire.store.schema import SCHEMA_VERSION


def test_add_is_idempotent(tmp_path: Path, coded_sample: list[CodedDocument | IngestError]):
    path = tmp_path / "s.duckdb"
    coded = [c for c in coded_sample if isinstance(c, CodedDocument)]
    events = sum(len(c.events) for c in coded)
    with open_store(path) as store:
        first = store.add(coded_sample)
        assert (first.documents, first.events) == (len(coded), events)
        again = store.add(coded_sample)
        assert (again.documents, again.events, again.errors) == (0, 0, 0)
        assert again.skipped_documents == len(coded)
        counts = store.counts()
    assert (counts.documents, counts.events) == (len(coded), events)


def test_errors_are_stored_once(tmp_path: Path):
    error = IngestError(source="in/x.txt", reason="encoding", detail="bad bytes", record=None)
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.add([error, error]).errors == 1
        assert store.add([error]).errors == 0
        row = store.sql("SELECT source, stage, reason FROM ingest_errors").to_pylist()
    assert row == [{"source": "in/x.txt", "stage": "ingest", "reason": "encoding"}]


def test_rows_give_back_the_same_json(
    tmp_path: Path, coded_sample: list[CodedDocument | IngestError]
):
    coded = [c for c in coded_sample if isinstance(c, CodedDocument) and c.events]
    with open_store(tmp_path / "s.duckdb") as store:
        store.add(coded)
        docs = {r["doc_id"]: r for r in store.rows("SELECT * FROM documents")}
        stored = {r["event_id"]: r for r in store.rows("SELECT * FROM events")}
    for c in coded:
        document = document_from_row(docs[c.document.id])
        assert document.text == c.document.text
        assert document.dropped == c.document.dropped
        for event in c.events:
            rebuilt = event_from_row(stored[event.event_id])
            assert event_record(rebuilt, document) == event_record(event, c.document)


def test_schema_version_and_read_only(tmp_path: Path):
    path = tmp_path / "s.duckdb"
    with pytest.raises(StoreError, match="no store"):
        open_store(path, read_only=True)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.meta()["backend"] == "store.duckdb.v1"
    with open_store(path, read_only=True) as store:
        assert store.counts().events == 0
        with pytest.raises(duckdb.Error):
            store.sql("DELETE FROM events")
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'").fetchall()
    con.close()
    with pytest.raises(StoreError, match="upgrade eventwire"):
        open_store(path)


def test_unknown_backend(tmp_path: Path):
    with pytest.raises(StoreError, match=r"store\.duckdb\.v1"):
        open_store(tmp_path / "s.duckdb", backend="store.sqlite.v9")


def test_query_filters(tmp_path: Path, coded_sample: list[CodedDocument | IngestError]):
    with open_store(tmp_path / "s.duckdb") as store:
        store.add(coded_sample)
        store.aggregate()
        everything = store.events()
        rus = store.events(country="RUS").to_pylist()
        assert rus and all("RUS" in (r["source_country"], r["target_country"]) for r in rus)
        assert all(r["aggregate_id"] is not None for r in rus)
        root = store.events(root="1", start="2020-01-01", end="2020-12-31").to_pylist()
        assert root and all(r["cameo_root"] == "01" for r in root)
        assert all("2020-01-01" <= r["date_first"].isoformat() <= "2020-12-31" for r in root)
        assert store.events(limit=3).num_rows == 3
        hostile = store.events(source="RUS' OR 1=1 --")
    assert everything.num_rows == sum(
        len(c.events) for c in coded_sample if isinstance(c, CodedDocument)
    )
    assert hostile.num_rows == 0
