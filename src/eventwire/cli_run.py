"""``eventwire run``: code large inputs partition by partition on an engine (in this
process or on Dask), into a directory of Parquet files. Added to the main app by
:func:`register`; exit codes as in :mod:`eventwire.cli` (0 ok, 1 a partition
failed, 2 usage, 3 some inputs could not be coded).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from eventwire.cli_common import (
    EXIT_ERROR,
    EXIT_INPUT_FAILED,
    EXIT_USAGE,
    ModelName,
    fail,
    library_errors,
    pipeline_config,
)

if TYPE_CHECKING:
    from eventwire.engine import Engine, EngineOptions, PartitionOutcome, RunReport, RunSpec
    from eventwire.pipeline import PipelineConfig


class PartitionBar:
    """A rich progress bar of completed partitions, with running totals."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None
        self.events = self.errors = 0

    def planned(self, partitions: int) -> None:
        self.task = self.progress.add_task("partitions", total=partitions, events=0, errors=0)

    def finished(self, outcome: PartitionOutcome) -> None:
        if outcome.counts is not None:
            self.events += outcome.counts.events
            self.errors += outcome.counts.failed
        if outcome.status == "failed":
            self.progress.console.print(
                f"error: partition {outcome.partition.name}: {outcome.detail}",
                markup=False,
                highlight=False,
            )
        if self.task is not None:
            self.progress.update(self.task, advance=1, events=self.events, errors=self.errors)


def _engine_name(value: str) -> str:
    """``dask`` -> ``engine.dask.v1``; a full versioned name is kept as given."""
    return value if "." in value else f"engine.{value}.v1"


def register(app: typer.Typer) -> None:
    """Add ``run`` to ``app``."""
    app.command("run")(run_command)


def run_command(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Files or directories: .jsonl(.gz), .parquet, .warc(.gz), .csv, .txt, .html.",
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Directory for the Parquet partitions.")
    ],
    engine: Annotated[
        str, typer.Option(help="dask or local (or a registered name, e.g. engine.dask.v1).")
    ] = "dask",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Join this Dask scheduler (tcp://host:8786) instead of starting one."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Local Dask worker processes (default: 2); local engine: 1."),
    ] = None,
    model: Annotated[ModelName, typer.Option(help="spaCy pipeline.")] = ModelName.sm,
    coder: Annotated[str | None, typer.Option(help="Registered coder name.")] = None,
    lines_per_partition: Annotated[
        int, typer.Option(min=1, help="JSON Lines per partition (a multiple of the batch size).")
    ] = 256,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Code every partition again, replacing output.")
    ] = False,
) -> None:
    """Code many articles on an engine into Parquet partitions (resumable).

    Example: eventwire run corpus/ --output events/ --engine dask --workers 2

    Example: eventwire run /shared/shards/ -o /shared/events/ --scheduler tcp://10.0.0.5:8786
    """
    from eventwire.engine import EngineOptions, OutputConflictError, RunSpec

    if "-" in inputs:
        raise fail("run reads files and directories, not stdin", EXIT_USAGE)
    config = pipeline_config(ctx, model, coder)  # with the app-wide --actors files
    name = _engine_name(engine)
    local = name == "engine.local.v1"
    options = EngineOptions(scheduler=scheduler, workers=workers or (1 if local else 2))
    spec = RunSpec(
        inputs=tuple(inputs),
        output=output,
        pipeline=config,
        lines_per_partition=lines_per_partition,
        overwrite=overwrite,
    )
    with library_errors():
        try:
            chosen = _engine(ctx, name, options, config)
        except ValueError as exc:  # settings the engine cannot honour
            raise fail(str(exc), EXIT_USAGE) from None
        try:
            report = _run(chosen, spec)
        except OutputConflictError as exc:
            raise fail(str(exc), EXIT_USAGE) from None
    _summarise(report)
    if report.failed_partitions:
        raise typer.Exit(EXIT_ERROR)
    if report.total("failed"):
        raise typer.Exit(EXIT_INPUT_FAILED)


def _engine(
    ctx: typer.Context, name: str, options: EngineOptions, config: PipelineConfig
) -> Engine:
    from eventwire.engine import create_engine
    from eventwire.engine.local import LocalEngine
    from eventwire.pipeline import Pipeline

    engine = create_engine(name, options)
    given = ctx.obj  # tests and embedding programs pass a loaded pipeline
    if isinstance(engine, LocalEngine) and isinstance(given, Pipeline) and given.config == config:
        return LocalEngine(given)
    return engine


def _run(engine: Engine, spec: RunSpec) -> RunReport:
    if not sys.stderr.isatty():
        return engine.run(spec)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[events]} events"),
        TextColumn("{task.fields[errors]} errors"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        return engine.run(spec, PartitionBar(progress))


def _summarise(report: RunReport) -> None:
    existing = sum(1 for o in report.outcomes if o.status == "existing")
    documents = report.total("documents")
    rate = documents / report.seconds if report.seconds else 0.0
    print(
        f"{len(report.outcomes)} partitions ({existing} already done, "
        f"{len(report.failed_partitions)} failed) on {report.workers} worker(s): "
        f"{documents} documents, {report.total('events')} events, "
        f"{report.total('failed')} inputs failed -> {report.output} "
        f"({report.seconds:.1f} s, {rate:.1f} documents/s)"
    )
    for outcome in report.failed_partitions:
        print(
            f"eventwire: partition {outcome.partition.name} failed: {outcome.detail}",
            file=sys.stderr,
        )
