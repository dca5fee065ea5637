"""Store commands (``ingest``, ``query``, ``export``, ``series``), added to the main
``eventwire`` app by :func:`register`. Thin wrappers over :mod:`eventwire.store`,
with the exit codes of :mod:`eventwire.cli`: 0 ok, 1 internal error (one line),
2 usage, 3 some inputs failed.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from eventwire.cli_common import (
    EXIT_INPUT_FAILED,
    EXIT_USAGE,
    WORKERS_HELP,
    ModelName,
    fail,
    library_errors,
    open_coder,
    parse_date,
    progress_bar,
    read_articles,
)

if TYPE_CHECKING:
    import pyarrow as pa

    from eventwire.records import IngestError
    from eventwire.store import Store
    from eventwire.store.ingest import IngestProgress

StoreOption = Annotated[
    Path, typer.Option("--store", "-s", help="The DuckDB store file.", show_default=True)
]
DEFAULT_STORE = Path("eventwire.duckdb")


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormatName(StrEnum):
    gdelt = "gdelt"
    plover = "plover"
    parquet = "parquet"
    csv = "csv"


class TableName(StrEnum):
    events = "events"
    aggregated_events = "aggregated_events"
    mentions = "mentions"


class PeriodName(StrEnum):
    day = "day"
    week = "week"
    month = "month"


@contextlib.contextmanager
def _opened(path: Path, read_only: bool) -> Iterator[Store]:
    """The store, or a one-line usage error when it cannot be opened as asked."""
    from eventwire.store import StoreError, open_store

    try:
        store = open_store(path, read_only=read_only)
    except StoreError as exc:
        raise fail(str(exc), EXIT_USAGE) from None
    with store:
        yield store


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[Store]:
    """The store read-only (so a server or another reader may hold it too); stale
    aggregates are rebuilt first, the one time a reading command writes."""
    with _opened(path, read_only=True) as store:
        stale = store.aggregates_stale
    if stale:
        with _opened(path, read_only=False) as store:
            store.aggregate()
    with _opened(path, read_only=True) as store:
        yield store


def ingest_command(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(metavar="INPUT...", help="Files, directories or - (as for `code`)."),
    ],
    store_path: StoreOption = DEFAULT_STORE,
    model: Annotated[ModelName, typer.Option(help="spaCy pipeline.")] = ModelName.sm,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per committed batch.")] = 64,
    date: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD for text inputs (anchors 'Saturday')."),
    ] = None,
    url: Annotated[str | None, typer.Option(help="URL of a text input.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name of a text input.")] = None,
    workers: Annotated[int, typer.Option(min=1, help=WORKERS_HELP)] = 1,
) -> None:
    """Code articles into the store; documents already stored are skipped, so a rerun
    adds nothing and an interrupted run resumes where it stopped.

    Example: eventwire ingest samples/wikinews/wikinews_sample.jsonl --store events.duckdb
    """
    from eventwire.output import error_line
    from eventwire.store.ingest import ingest

    with (
        library_errors(),
        _opened(store_path, read_only=False) as store,
        open_coder(ctx, model, None, workers) as pipeline,
    ):
        articles = read_articles(inputs, sys.stdin, parse_date(date), url, outlet)
        with contextlib.ExitStack() as stack:
            progress = stack.enter_context(progress_bar(sys.stderr.isatty(), rate=True))
            task = (
                progress.add_task("ingest", articles=0, rate=0.0, events=0, errors=0)
                if progress
                else None
            )

            def report(totals: IngestProgress, errors: list[IngestError]) -> None:
                for error in errors:
                    if progress is not None:
                        progress.console.print(error_line(error), markup=False)
                    else:
                        print(error_line(error), file=sys.stderr)
                if progress is not None and task is not None:
                    progress.update(
                        task,
                        articles=totals.articles,
                        rate=totals.articles_per_second,
                        events=totals.events,
                        errors=totals.errors,
                    )

            summary = ingest(store, pipeline, articles, batch_size=batch_size, on_batch=report)
        counts = store.counts()
    print(
        f"{summary.articles} articles read ({summary.skipped} already stored), "
        f"{summary.documents} documents and {summary.events} events added, "
        f"{summary.errors} errors, in {summary.seconds:.1f} s "
        f"({summary.articles_per_second:.1f} articles/s); {store_path}: "
        f"{counts.documents} documents, {counts.events} events, "
        f"{counts.aggregated_events} aggregated events"
    )
    if summary.errors:
        raise typer.Exit(EXIT_INPUT_FAILED)


_TABLE_COLUMNS = ("date", "source_code", "cameo", "cameo_name", "target_code", "evidence_text")


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return value


def _print_table(table: pa.Table, fmt: QueryFormat, columns: tuple[str, ...] | None) -> None:
    rows = table.to_pylist()
    if fmt is QueryFormat.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt is QueryFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(table.column_names)
        for row in rows:
            writer.writerow(["" if v is None else _plain(v) for v in row.values()])
    else:
        shown = [c for c in columns or table.column_names if c in table.column_names]
        view = Table(title=f"{len(rows)} rows", title_justify="left")
        for name in shown:
            view.add_column(name, overflow="fold")
        for row in rows:
            view.add_row(*("-" if row[c] is None else str(_plain(row[c])) for c in shown))
        wide = not sys.stdout.isatty()
        Console(width=200 if wide else None, highlight=False).print(view)


def query_command(
    store_path: StoreOption = DEFAULT_STORE,
    country: Annotated[str | None, typer.Option(help="Either actor's country, e.g. RUS.")] = None,
    source: Annotated[str | None, typer.Option(help="Source code or country.")] = None,
    target: Annotated[str | None, typer.Option(help="Target code or country.")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root, e.g. 03.")] = None,
    cameo: Annotated[str | None, typer.Option(help="CAMEO code prefix, e.g. 036.")] = None,
    plover: Annotated[str | None, typer.Option(help="PLOVER type, e.g. ASSAULT.")] = None,
    start: Annotated[str | None, typer.Option(help="First day, e.g. 2020-01-01.")] = None,
    end: Annotated[str | None, typer.Option(help="Last day (inclusive).")] = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many rows.")] = None,
    aggregated: Annotated[
        bool, typer.Option("--aggregated", help="Aggregated events, not coded mentions.")
    ] = False,
    sql: Annotated[
        str | None, typer.Option(help="Raw read-only SQL over events, mentions, documents...")
    ] = None,
    output_format: Annotated[
        QueryFormat, typer.Option("--format", "-f", help="table, csv or json (lines).")
    ] = QueryFormat.table,
) -> None:
    """Query the store with filters, or with raw read-only SQL.

    Example: eventwire query --store events.duckdb --country RUS --root 03 --start 2020-01-01

    Example: eventwire query -s events.duckdb --sql "SELECT cameo, count(*) FROM events GROUP BY 1"
    """
    import duckdb

    from eventwire.store import EventFilter
    from eventwire.store.query import parse_day

    try:
        flt = EventFilter(
            country, source, target, root, cameo, plover, parse_day(start), parse_day(end), limit
        )
    except ValueError as exc:
        raise fail(str(exc), EXIT_USAGE) from None
    with library_errors(), _opened(store_path, read_only=True) as store:
        try:
            table = store.sql(sql) if sql else store.select_events(flt, aggregated=aggregated)
        except duckdb.Error as exc:
            raise fail(f"query failed: {exc}", EXIT_USAGE) from None
    columns = None if sql or aggregated else _TABLE_COLUMNS
    _print_table(table, output_format, columns)


def export_command(
    output_format: Annotated[
        ExportFormatName, typer.Option("--format", "-f", help="gdelt, plover, parquet or csv.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="File (or directory: parquet).")],
    store_path: StoreOption = DEFAULT_STORE,
    table: Annotated[
        TableName,
        typer.Option(help="What parquet/csv export: events, aggregated_events, mentions."),
    ] = TableName.events,
) -> None:
    """Export the store: GDELT 2.0 Event + Mentions files, PLOVER JSON lines, a
    year=/month= Parquet dataset, or CSV.

    Example: eventwire export --store events.duckdb --format gdelt --output events.tsv
    (writes events.tsv and events.mentions.tsv)
    """
    from eventwire.store.export import export

    with library_errors(), _reading(store_path) as store:
        summary = export(store, output_format.value, output, table.value)
    paths = ", ".join(str(p) for p in summary.paths)
    skipped = f" ({summary.skipped} undated events left out)" if summary.skipped else ""
    print(f"wrote {summary.rows} rows to {paths}{skipped}")


def series_command(
    actor: Annotated[str, typer.Argument(help="Actor code or country, e.g. RUS.")],
    other: Annotated[str | None, typer.Argument(help="Second actor for a dyad.")] = None,
    by: Annotated[PeriodName, typer.Option(help="day, week or month.")] = PeriodName.month,
    directed: Annotated[
        bool, typer.Option("--directed", help="Only ACTOR -> OTHER, not both directions.")
    ] = False,
    store_path: StoreOption = DEFAULT_STORE,
    output_format: Annotated[
        QueryFormat, typer.Option("--format", "-f", help="table, csv or json (lines).")
    ] = QueryFormat.table,
) -> None:
    """Event counts and Goldstein sums per period and quad class, for a country or a dyad.

    Example: eventwire series RUS USA --by month --store events.duckdb
    """
    from eventwire.store.series import series

    with library_errors(), _reading(store_path) as store:
        table = series(store, actor, other, by=by.value, directed=directed)
    _print_table(table, output_format, None)


def register(app: typer.Typer) -> None:
    """Add ``ingest``, ``query``, ``export`` and ``series`` to ``app``."""
    app.command("ingest")(ingest_command)
    app.command("query")(query_command)
    app.command("export")(export_command)
    app.command("series")(series_command)
