"""The integrity check finds each kind of damage, and passes a sound store."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from eventwire.cli_check import EXIT_UNSOUND, register
from eventwire.records import CodedDocument, IngestError
from eventwire.store import open_store
from eventwire.store.integrity import StoreMissingError, check_store


@pytest.fixture(scope="module")
def sound_store(
    tmp_path_factory: pytest.TempPathFactory, coded_sample: list[CodedDocument | IngestError]
) -> Path:
    path = tmp_path_factory.mktemp("integrity") / "sound.duckdb"
    failed = IngestError(source="broken.html", reason="bad_html", detail="test")
    with open_store(path) as store:
        store.add([*coded_sample, failed])
        store.aggregate()
    return path


def _damaged(sound: Path, tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "damaged.duckdb"
    shutil.copy(sound, path)
    con = duckdb.connect(str(path))
    for statement in statements:
        con.execute(statement)
    con.close()
    return path


def _failed(path: Path) -> dict[str, str]:
    return {check.name: check.detail for check in check_store(path).failures}


def test_a_sound_store_passes_every_check(sound_store: Path) -> None:
    report = check_store(sound_store)
    assert report.sound, report.failures
    counts = dict(report.counts)
    assert counts["documents"] > 0 and counts["events"] > 0 and counts["ingest_errors"] == 1
    assert {c.name for c in report.checks} >= {"schema", "keys", "spans", "aggregates"}


FIRST_EVENT = "(SELECT min(event_id) FROM events)"
FIRST_DOC = "(SELECT min(doc_id) FROM documents)"
DAMAGE: list[tuple[str, tuple[str, ...], str, str]] = [
    (
        "orphan event",
        ("DELETE FROM documents WHERE doc_id = (SELECT min(doc_id) FROM events)",),
        "references",
        "events rows whose doc_id is not in documents",
    ),
    (
        "span past the text",
        (f"UPDATE events SET trigger_end = 10000000 WHERE event_id = {FIRST_EVENT}",),
        "spans",
        "events.trigger spans",
    ),
    (
        "span text that is not the document's",
        (f"UPDATE events SET evidence_text = 'x' || evidence_text WHERE event_id = {FIRST_EVENT}",),
        "spans",
        "events.evidence spans",
    ),
    (
        "event left out of the aggregates",
        ("DELETE FROM event_aggregates WHERE event_id = (SELECT min(event_id) FROM events)",),
        "aggregates",
        "1 events in no aggregated event",
    ),
    (
        "newer schema",
        ("UPDATE meta SET value = '99' WHERE key = 'schema_version'",),
        "schema",
        "schema_version '99'",
    ),
    ("missing view", ("DROP VIEW actors",), "tables", "view actors missing"),
    (
        "duplicated key",
        (
            "CREATE TABLE copied AS SELECT * FROM ingest_errors",
            "DROP TABLE ingest_errors",
            "CREATE TABLE ingest_errors AS SELECT * FROM copied UNION ALL SELECT * FROM copied",
            "DROP TABLE copied",
        ),
        "keys",
        "ingest_errors: 1 duplicate keys",
    ),
    (
        "wrong event count",
        (f"UPDATE documents SET num_events = num_events + 1 WHERE doc_id = {FIRST_DOC}",),
        "event counts",
        "1 documents",
    ),
]


@pytest.mark.parametrize(
    ("statements", "check", "detail"), [d[1:] for d in DAMAGE], ids=[d[0] for d in DAMAGE]
)
def test_each_kind_of_damage_is_found(
    sound_store: Path, tmp_path: Path, statements: tuple[str, ...], check: str, detail: str
) -> None:
    failed = _failed(_damaged(sound_store, tmp_path, *statements))
    assert check in failed, failed
    assert detail in failed[check]


def test_stale_aggregates_are_not_damage(sound_store: Path, tmp_path: Path) -> None:
    path = _damaged(
        sound_store,
        tmp_path,
        "DELETE FROM event_aggregates WHERE event_id = (SELECT min(event_id) FROM events)",
        "UPDATE meta SET value = '1' WHERE key = 'aggregates_stale'",
    )
    report = check_store(path)
    assert report.sound and report.aggregates_stale


def test_junk_and_missing_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database\n" * 1000)
    report = check_store(junk)
    assert not report.sound and report.failures[0].name == "opens"
    with pytest.raises(StoreMissingError):
        check_store(tmp_path / "absent.duckdb")


def _cli() -> Callable[[list[str]], tuple[int, str]]:
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)

    def run(args: list[str]) -> tuple[int, str]:
        result = CliRunner().invoke(app, args)
        return result.exit_code, result.output

    return run


def test_cli_exit_codes(sound_store: Path, tmp_path: Path) -> None:
    run = _cli()
    code, output = run(["check", "--store", str(sound_store)])
    assert code == 0 and "sound" in output and "FAIL" not in output
    damaged = _damaged(sound_store, tmp_path, "DROP VIEW mentions")
    code, output = run(["check", "--store", str(damaged)])
    assert code == EXIT_UNSOUND and "FAIL  tables" in output
    code, output = run(["check", "--store", str(damaged), "--json"])
    assert code == EXIT_UNSOUND and '"sound": false' in output
    code, _ = run(["check", "--store", str(tmp_path / "absent.duckdb")])
    assert code == 2
