"""``eventwire check --store FILE``: the integrity check of a store, as a command.

Exit status: 0 the store is sound; 5 it is not (or cannot be opened at all);
2 there is no such file. The report is one line per check on stdout.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli_common import EXIT_USAGE, fail

EXIT_UNSOUND = 5


def check_command(
    store_path: Annotated[
        Path, typer.Option("--store", "-s", help="The DuckDB store file to check.")
    ] = Path("eventwire.duckdb"),
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object, not lines.")] = False,
) -> None:
    """Check a store read-only: schema, keys, references, spans, aggregates, counts.

    Example: eventwire check --store events.duckdb
    """
    from eventwire.store.integrity import StoreMissingError, check_store

    try:
        report = check_store(store_path)
    except StoreMissingError as exc:
        raise fail(str(exc), EXIT_USAGE) from None
    if as_json:
        record = {
            "path": report.path,
            "sound": report.sound,
            "aggregates_stale": report.aggregates_stale,
            "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in report.checks],
            "counts": dict(report.counts),
        }
        print(json.dumps(record, ensure_ascii=False))
    else:
        for check in report.checks:
            print(f"{'ok  ' if check.ok else 'FAIL'}  {check.name:<13} {check.detail}")
        counts = ", ".join(f"{n} {table}" for table, n in report.counts)
        verdict = "sound" if report.sound else f"NOT sound ({len(report.failures)} failed)"
        print(f"{report.path}: {verdict}" + (f"; {counts}" if counts else ""))
    if not report.sound:
        raise typer.Exit(EXIT_UNSOUND)


def register(app: typer.Typer) -> None:
    """Add ``check`` to ``app``."""
    app.command("check")(check_command)
