"""The ``eventwire`` command: thin wrappers over the library, one per command.

Exit status: 0 every input processed; 1 an unexpected library error (one line on
stderr, no traceback); 2 usage error; 3 some inputs could not be coded (one stderr
line each, and a JSON record each with ``--errors``); 4 a quality floor was breached
(``eval --floors``). Heavy modules (spaCy) load inside the commands, so ``--help``
stays fast.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from eventwire import evaluate
    from eventwire.evaluate import EvalReport
    from eventwire.parallel import ParallelPipeline
    from eventwire.pipeline import Pipeline
    from eventwire.records import CodedDocument, IngestError

from eventwire.cli_check import register as register_check
from eventwire.cli_common import (
    ACTOR_OVERRIDES,
    EXIT_BELOW_FLOOR,
    EXIT_ERROR,
    EXIT_INPUT_FAILED,
    EXIT_USAGE,
    WORKERS_HELP,
    ModelName,
    OutputFormat,
    build_pipeline,
    fail,
    library_errors,
    open_coder,
    parse_date,
    progress_bar,
    read_articles,
)
from eventwire.cli_ingest import register as register_ingest
from eventwire.cli_run import register as register_run
from eventwire.cli_serve import register as register_serve
from eventwire.cli_store import register as register_store

app = typer.Typer(
    name="eventwire",
    help="Political event data (CAMEO, PLOVER) from news text, with provenance.\n\n"
    "Example: eventwire code article.txt --date 2017-12-23 --format table",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@dataclasses.dataclass
class _Counts:
    articles: int = 0
    events: int = 0
    errors: int = 0


@app.callback()
def app_options(
    ctx: typer.Context,
    actors: Annotated[
        list[Path] | None,
        typer.Option(
            "--actors",
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="Actor override file (docs/ACTORS.md), applied over the shipped "
            "dictionaries and knowledge base; repeatable. Goes before the command.",
        ),
    ] = None,
) -> None:
    """Political event data (CAMEO, PLOVER) from news text, with provenance."""
    ctx.meta[ACTOR_OVERRIDES] = tuple(str(path) for path in actors or ())


@app.command("code")
def code_command(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="A .txt file, a .jsonl/.jsonl.gz corpus file (id, url, source, title, "
            "date, text), or - for stdin.",
        ),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="jsonl, table or plover.")
    ] = OutputFormat.jsonl,
    date: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD for text inputs (anchors 'Saturday')."),
    ] = None,
    url: Annotated[str | None, typer.Option(help="URL of a text input.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name of a text input.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write events here, not stdout.")
    ] = None,
    errors: Annotated[
        Path | None, typer.Option(help="Write one JSON record per failed input here.")
    ] = None,
    model: Annotated[ModelName, typer.Option(help="spaCy pipeline.")] = ModelName.sm,
    coder: Annotated[
        str | None, typer.Option(help="Registered coder name, e.g. coder.cameo_deps.v1.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help=WORKERS_HELP)] = 1,
) -> None:
    """Code articles into events, one JSON line per event.

    Example: eventwire code article.txt --date 2017-12-23 --url https://example.org/a --format table

    Example: eventwire code corpus.jsonl.gz -o events.jsonl --errors errors.jsonl
    """
    published = parse_date(date)
    with library_errors(), open_coder(ctx, model, coder, workers) as pipeline:
        counts = _run_code(pipeline, inputs, output_format, published, url, outlet, output, errors)
    if counts.errors:
        raise typer.Exit(EXIT_INPUT_FAILED)


def _run_code(
    pipeline: Pipeline | ParallelPipeline,
    inputs: Sequence[str],
    output_format: OutputFormat,
    published: dt.date | None,
    url: str | None,
    outlet: str | None,
    output: Path | None,
    errors: Path | None,
) -> _Counts:
    from eventwire.output import error_line, error_record, event_record, events_table
    from eventwire.output import plover_record as plover_rec
    from eventwire.records import IngestError

    counts = _Counts()
    table_rows = []
    articles = read_articles(inputs, sys.stdin, published, url, outlet)
    with contextlib.ExitStack() as stack:
        out: TextIO = (
            stack.enter_context(output.open("w", encoding="utf-8")) if output else sys.stdout
        )
        err_file = stack.enter_context(errors.open("w", encoding="utf-8")) if errors else None
        progress = stack.enter_context(progress_bar(sys.stderr.isatty()))
        task = progress.add_task("coding", articles=0, events=0, errors=0) if progress else None
        results: Iterator[CodedDocument | IngestError] = pipeline.code_articles(articles)
        for result in results:
            if isinstance(result, IngestError):
                counts.errors += 0 if result.is_skip else 1
                line = error_line(result)
                if progress is not None:
                    progress.console.print(line, markup=False, highlight=False)
                else:
                    print(line, file=sys.stderr)
                if err_file is not None:
                    err_file.write(json.dumps(error_record(result), ensure_ascii=False) + "\n")
            else:
                counts.articles += 1
                counts.events += len(result.events)
                for warning in result.warnings:  # e.g. a non-English document, kept uncoded
                    print(f"note: {result.document.id}: {warning}", file=sys.stderr)
                for event in result.events:
                    if output_format is OutputFormat.table:
                        table_rows.append((event, result.document))
                        continue
                    record_of = event_record if output_format is OutputFormat.jsonl else plover_rec
                    out.write(json.dumps(record_of(event, result.document), ensure_ascii=False))
                    out.write("\n")
            if progress is not None and task is not None:
                progress.update(task, **dataclasses.asdict(counts))
        if output_format is OutputFormat.table:
            # * marks reported speech (reported_by is set); pipes get a wide table
            wide = output is not None or not sys.stdout.isatty()
            console = Console(file=out, width=160 if wide else None)
            console.print(
                events_table(
                    table_rows, title=f"{counts.events} events from {counts.articles} articles"
                )
            )
    return counts


@app.command("info")
def info_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    model: Annotated[ModelName, typer.Option(help="spaCy pipeline.")] = ModelName.sm,
) -> None:
    """Show versions, the spaCy model in use, data files with licences, registered stages.

    Example: eventwire info --json
    """
    from eventwire.output import info_record

    with library_errors():
        pipeline = build_pipeline(ctx, model, None)
        record = info_record(pipeline.describe(), pipeline.backend.model_info(), pipeline.config)
    if as_json:
        print(json.dumps(record, indent=2, ensure_ascii=False, default=str))
        return
    console = Console(highlight=False, soft_wrap=True)
    for key in ("eventwire", "python", "spacy"):
        console.print(f"{key:<12} {record[key]}", markup=False)
    spacy_model = record["spacy_model"]
    console.print(
        f"{'spacy_model':<12} {spacy_model['name']} {spacy_model['version']}"
        f" ({spacy_model['path']})",
        markup=False,
    )
    for key, value in record.items():
        if key in ("eventwire", "python", "spacy", "spacy_model"):
            continue
        console.print(f"\n[bold]{key}[/bold]")
        _print_nested(console, value, indent=1)


def _print_nested(console: Console, value: Any, indent: int) -> None:
    pad = "  " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list):
                console.print(f"{pad}{key}:", markup=False)
                _print_nested(console, item, indent + 1)
            else:
                console.print(f"{pad}{key}: {item}", markup=False)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list):
                _print_nested(console, item, indent)
                console.print("")
            else:
                console.print(f"{pad}- {item}", markup=False)
    else:
        console.print(f"{pad}{value}", markup=False)


@app.command("eval")
def eval_command(
    ctx: typer.Context,
    gold: Annotated[
        list[Path],
        typer.Argument(
            metavar="GOLD.jsonl...",
            help="Gold file(s) in the formats of ../shared/eval (CAMEO or PLOVER).",
        ),
    ],
    model: Annotated[ModelName, typer.Option(help="spaCy pipeline.")] = ModelName.sm,
    coder: Annotated[str | None, typer.Option(help="Registered coder name.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    floors: Annotated[
        Path | None,
        typer.Option(help="Fail (exit 4) when a metric pinned in this file is below its floor."),
    ] = None,
    update_floors: Annotated[
        bool, typer.Option("--update-floors", help="Raise (never lower) the pinned floors.")
    ] = False,
    show_errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="List false positives (trigger, pattern) and misses (what was coded "
            "instead) at the country+root level, and precision per confidence band.",
        ),
    ] = False,
) -> None:
    """Score the coder on gold-coded sentences: P/R/F1 per level and root, PLOVER type hits.

    Example: eventwire eval ../shared/eval/petr2_gsr.dev.jsonl --floors quality/floors.json
    """
    from eventwire import evaluate

    if update_floors and floors is None:
        raise fail("--update-floors needs --floors FILE", EXIT_USAGE)
    try:
        gold_sets = [evaluate.load_gold(path) for path in gold]
        pinned = evaluate.load_floors(floors) if floors else {}
    except (OSError, ValueError) as exc:
        raise fail(f"cannot read {exc}", EXIT_USAGE) from None
    with library_errors():
        pipeline = build_pipeline(ctx, model, coder)
        predictions = [evaluate.predict(pipeline, g) for g in gold_sets]
        reports = [
            evaluate.score(g, p, model=model.value)
            for g, p in zip(gold_sets, predictions, strict=True)
        ]
    cases = [
        case
        for g, p in zip(gold_sets, predictions, strict=True)
        for case in (evaluate.error_cases(g, p) if show_errors else [])
    ]
    bands = {
        g.name: evaluate.calibration(g, p)
        for g, p in zip(gold_sets, predictions, strict=True)
        if show_errors and g.format == "cameo"
    }
    breaches = [b for report in reports for b in evaluate.check_floors(report, pinned)]
    changes: list[evaluate.FloorChange] = []
    if update_floors and floors is not None:
        for report in reports:
            pinned, raised = evaluate.raise_floors(report, pinned)
            changes.extend(raised)
        if changes:
            comment = json.loads(floors.read_text(encoding="utf-8")).get("_comment")
            evaluate.write_floors(floors, pinned, comment=comment)
    if as_json:
        out: dict[str, Any] = {
            "reports": [r.as_dict() for r in reports],
            "floor_breaches": [str(b) for b in breaches],
            "floors_raised": [str(c) for c in changes],
        }
        if show_errors:
            out["errors"] = [c.as_dict() for c in cases]
            out["calibration"] = {
                name: [dataclasses.asdict(b) for b in found] for name, found in bands.items()
            }
        print(json.dumps(out, indent=2))
    else:
        console = Console(highlight=False, soft_wrap=True)
        for report in reports:
            _print_report(console, report)
        if show_errors:
            _print_errors(console, cases, bands)
        for change in changes:
            console.print(str(change), markup=False)
        if floors is not None and update_floors and not changes:
            console.print("no floor raised", markup=False)
    if breaches:
        for breach in breaches:
            print(f"eventwire: quality floor breached: {breach}", file=sys.stderr)
        raise typer.Exit(EXIT_BELOW_FLOOR)


def _print_errors(
    console: Console,
    cases: Sequence[evaluate.ErrorCase],
    bands: dict[str, tuple[evaluate.CalibrationBand, ...]],
) -> None:
    """One grep-friendly line per error and its sentence, then the calibration tables."""
    console.print(f"{len(cases)} errors (country+root level; PLOVER: missed types)")
    for case in cases:
        if case.kind == "false_positive":
            head = f"false_positive {case.gold} {case.record_id}: coded {case.predicted}"
            why = f"{case.trigger!r} via {case.pattern} ({case.modality})"
        else:
            head = f"miss {case.gold} {case.record_id}: expected {case.expected}"
            why = "coded instead: " + ("; ".join(case.coded_instead) or "nothing")
        console.print(f"{head}  {why}", markup=False)
        console.print(f"    {case.text}", markup=False)
    for name, found in bands.items():
        calibration = Table(title=f"{name}: precision by confidence", title_justify="left")
        for column in ("confidence", "coded", "right", "precision"):
            calibration.add_column(column, justify="right")
        for band in found:
            calibration.add_row(
                f"{band.low:.2f}-{band.high:.2f}",
                str(band.coded),
                str(band.correct),
                f"{band.precision:.2f}" if band.coded else "-",
            )
        console.print(calibration)


def _prf_table(title: str, rows: Sequence[tuple[str, Any]], label: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(label)
    for name in ("P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(name, justify="right")
    for name, prf in rows:
        table.add_row(
            name,
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            str(prf.tp),
            str(prf.fp),
            str(prf.fn),
        )
    return table


def _print_report(console: Console, report: EvalReport) -> None:
    if report.cameo is not None:
        c = report.cameo
        console.print(
            f"[bold]{report.gold}[/bold] (CAMEO, {report.model}): {c.records} sentences, "
            f"{c.gold_events} gold events, {c.predicted_events} coded, {c.errors} errors"
        )
        console.print(_prf_table("triples by level", c.levels, "level"))
        console.print(_prf_table("per root", c.per_root, "root"))
    if report.plover is not None:
        p = report.plover
        console.print(
            f"[bold]{report.gold}[/bold] (PLOVER, {report.model}): {p.records} records, "
            f"type hit rate {p.type_hit_rate:.3f} ({p.hits}/{p.records}), "
            f"source country {p.source_country_accuracy:.3f}, {p.errors} errors"
        )
        table = Table(title="per PLOVER type", title_justify="left")
        for name in ("type", "hits", "records", "rate"):
            table.add_column(name, justify="left" if name == "type" else "right")
        for t in p.per_type:
            table.add_row(t.plover_type, str(t.hits), str(t.total), f"{t.rate:.3f}")
        console.print(table)


# The store and ingestion commands live in their own modules.
register_store(app)
register_ingest(app)
register_run(app)
register_serve(app)
register_check(app)


def main() -> None:
    """Console entry point (``eventwire``): never a traceback for a library error."""
    try:
        app()
    except Exception as exc:  # a bug outside any command guard
        print(f"eventwire: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
