from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from eventwire.cli_store import register
from eventwire.pipeline import Pipeline
from eventwire.store import open_store

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "wikinews" / "wikinews_sample.jsonl"


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_ingest_twice_query_export_series(pipeline: Pipeline, tmp_path: Path):
    app, runner = _app(), CliRunner()
    store = str(tmp_path / "s.duckdb")
    first = runner.invoke(app, ["ingest", str(SAMPLE), "--store", store], obj=pipeline)
    assert first.exit_code == 0, first.output
    assert "30 documents" in first.stdout
    second = runner.invoke(app, ["ingest", str(SAMPLE), "--store", store], obj=pipeline)
    assert second.exit_code == 0
    assert "30 articles read (30 already stored), 0 documents and 0 events added" in second.stdout

    counted = runner.invoke(
        app, ["query", "-s", store, "--sql", "SELECT count(*) AS n FROM documents", "-f", "json"]
    )
    assert counted.exit_code == 0 and json.loads(counted.stdout) == {"n": 30}
    rus = runner.invoke(app, ["query", "-s", store, "--country", "RUS", "--format", "json"])
    rows = [json.loads(line) for line in rus.stdout.splitlines()]
    assert rows and all("RUS" in (r["source_country"], r["target_country"]) for r in rows)
    table = runner.invoke(app, ["query", "-s", store, "--root", "19", "--limit", "2"])
    assert table.exit_code == 0 and "2 rows" in table.stdout

    out = tmp_path / "g.tsv"
    exported = runner.invoke(app, ["export", "-s", store, "--format", "gdelt", "-o", str(out)])
    assert exported.exit_code == 0 and (tmp_path / "g.mentions.tsv").exists()

    series = runner.invoke(app, ["series", "RUS", "--by", "month", "-s", store, "-f", "csv"])
    assert series.exit_code == 0
    header = series.stdout.splitlines()[0]
    assert header == "period,quad_class,events,mentions,goldstein_sum,goldstein_mean"


def test_usage_errors(tmp_path: Path):
    app, runner = _app(), CliRunner()
    missing = runner.invoke(app, ["query", "-s", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no store" in missing.stderr
    store = str(tmp_path / "s.duckdb")
    # reading commands never create a store by accident
    assert runner.invoke(app, ["series", "RUS", "-s", store]).exit_code == 2
    open_store(store).close()
    assert runner.invoke(app, ["series", "RUS", "-s", store]).exit_code == 0
    bad = runner.invoke(app, ["query", "-s", store, "--sql", "DELETE FROM events"])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1
    bad_date = runner.invoke(app, ["query", "-s", store, "--start", "yesterday"])
    assert bad_date.exit_code == 2


def test_ingest_with_two_workers_stores_what_one_stores(pipeline: Pipeline, tmp_path: Path):
    app, runner = _app(), CliRunner()
    one, two = str(tmp_path / "one.duckdb"), str(tmp_path / "two.duckdb")
    assert runner.invoke(app, ["ingest", str(SAMPLE), "-s", one], obj=pipeline).exit_code == 0
    result = runner.invoke(app, ["ingest", str(SAMPLE), "-s", two, "--workers", "2"])
    assert result.exit_code == 0, result.output
    ids = "SELECT list(event_id ORDER BY event_id) AS ids FROM events"
    same = [
        runner.invoke(app, ["query", "-s", s, "--sql", ids, "-f", "json"]).stdout
        for s in (one, two)
    ]
    assert same[0] == same[1] and len(json.loads(same[0])["ids"]) > 100
