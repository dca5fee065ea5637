"""``eventwire clean``: what was dropped and why, per line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import typer
from typer.testing import CliRunner

from eventwire.cli_ingest import register

if TYPE_CHECKING:
    from conftest import LocalSite

PAGES = Path(__file__).resolve().parent.parent / "data" / "ingest" / "pages"


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_clean_shows_dropped_lines_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "World / Europe\n\nTroops cross the border\n\n"
        "Troops crossed the border on Friday, the defence ministry said.\n\n"
        "SHARE THIS ARTICLE\n"
    )
    result = CliRunner().invoke(_app(), ["clean", str(path)], terminal_width=200)
    assert result.exit_code == 0, result.output
    for line_number, reason, text in (
        ("1", "breadcrumb", "World / Europe"),
        ("3", "title", "Troops cross the border"),
        ("7", "social", "SHARE THIS ARTICLE"),
    ):
        rows = [r for r in result.output.splitlines() if r.startswith("│")]
        row = next(r for r in rows if text in r and reason in r)
        assert row.split()[1] == line_number
    assert "Troops crossed the border on Friday" not in result.output


def test_clean_html_and_errors_exit_3(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    page = str(PAGES / "valley_courier_ceasefire.html")
    result = CliRunner().invoke(_app(), ["clean", page, str(empty), "--kept"], terminal_width=200)
    assert result.exit_code == 3
    assert "2020-06-17" in result.output and "Rebel commanders" in result.output
    assert f"{empty}: empty" in result.stderr


def test_unknown_reader_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["clean", "x.txt", "--reader", "pdf"])
    assert result.exit_code == 2
    assert "warc" in result.stderr


@pytest.mark.slow
def test_watch_codes_new_articles_into_the_store(site: LocalSite, tmp_path: Path) -> None:
    from eventwire.store import open_store

    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# coast\n{site.base}/harbour.rss\n")
    store = tmp_path / "events.duckdb"
    args = ["watch", str(feeds), "--store", str(store), "--every", "1s", "--polls", "1"]
    result = CliRunner().invoke(_app(), args)
    assert result.exit_code == 0, result.output + result.stderr
    assert "2 new articles" in result.stderr
    assert (tmp_path / "events.duckdb.watch.json").exists()
    with open_store(store, read_only=True) as opened:
        counts = opened.counts()
    assert (counts.documents, counts.ingest_errors) == (2, 0)
