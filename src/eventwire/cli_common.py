"""Shared pieces of the command-line edges: exit codes, model names, error guards,
how inputs become articles and how a command gets its pipeline."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, TextIO

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from eventwire.parallel import ParallelPipeline
    from eventwire.pipeline import Pipeline, PipelineConfig
    from eventwire.records import IngestError, RawArticle

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INPUT_FAILED, EXIT_BELOW_FLOOR = 0, 1, 2, 3, 4


class ModelName(StrEnum):
    """The pinned spaCy pipelines (keys of ``eventwire.nlp.KNOWN_MODELS``)."""

    sm = "en_core_web_sm"
    md = "en_core_web_md"


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"
    plover = "plover"


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int) -> typer.Exit:
    """Print one line on stderr and return the exit to raise."""
    print(f"eventwire: {message}".replace("\n", " "), file=sys.stderr)
    return typer.Exit(code)


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """Turn an unexpected library failure into one stderr line and exit 1, and an
    unknown component or model name into a usage error (exit 2)."""
    from eventwire.registry import UnknownComponentError

    try:
        yield
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except UnknownComponentError as exc:
        raise fail(str(exc), EXIT_USAGE) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None
    except BrokenPipeError:
        # the reader of stdout went away (``| head``): stop quietly, as the docs advise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_ERROR) from None
    except Exception as exc:
        raise fail(f"error: {type(exc).__name__}: {exc}", EXIT_ERROR) from None


def build_pipeline(ctx: typer.Context, model: ModelName, coder: str | None) -> Pipeline:
    """A new pipeline, or the one a caller passed as the click context object
    (``CliRunner().invoke(app, args, obj=pipeline)``) when its settings match, so
    tests and embedding programs load the model once."""
    from eventwire.pipeline import Pipeline

    config = pipeline_config(ctx, model, coder)
    given = ctx.obj
    if isinstance(given, Pipeline) and given.config == config:
        return given
    return Pipeline(config)


def pipeline_config(ctx: typer.Context, model: ModelName, coder: str | None) -> PipelineConfig:
    """The settings a command's options ask for, with the app-wide ``--actors`` files."""
    from eventwire.pipeline import PipelineConfig

    overrides = tuple(ctx.meta.get(ACTOR_OVERRIDES, ()))
    config = PipelineConfig(model=model.value, actor_overrides=overrides)
    return dataclasses.replace(config, coder=coder) if coder else config


@contextlib.contextmanager
def open_coder(
    ctx: typer.Context, model: ModelName, coder: str | None, workers: int
) -> Iterator[Pipeline | ParallelPipeline]:
    """The pipeline of :func:`build_pipeline` for one worker; for more, a pool of
    worker processes that each load it once (closed on exit)."""
    if workers <= 1:
        yield build_pipeline(ctx, model, coder)
        return
    from eventwire.parallel import ParallelPipeline

    with ParallelPipeline(pipeline_config(ctx, model, coder), workers) as pool:
        yield pool


# where the app-wide ``--actors FILE`` option leaves its files for every command
ACTOR_OVERRIDES = "eventwire.actor_overrides"

WORKERS_HELP = "Worker processes, each with its own model (2 on a 2-core machine)."


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2017-12-23") from None


def _is_text_article(name: str, article: RawArticle) -> bool:
    """A .txt file, or plain text on stdin (a JSON Lines record on stdin has an id)."""
    return name.lower().endswith(".txt") or (name == "-" and article.id is None)


def read_articles(
    inputs: Sequence[str],
    stdin: TextIO,
    date: dt.date | None,
    url: str | None,
    outlet: str | None,
) -> Iterator[RawArticle | IngestError]:
    """Read every input in order; ``--date/--url/--outlet`` override the metadata of
    text inputs and fill what JSON Lines records lack."""
    from eventwire.ingest import read_inputs
    from eventwire.records import RawArticle

    for name in inputs:
        for item in read_inputs([name], stdin=stdin):
            if isinstance(item, RawArticle):
                force = _is_text_article(name, item)
                item = dataclasses.replace(
                    item,
                    published=date if date and (force or not item.published) else item.published,
                    url=url if url and (force or not item.url) else item.url,
                    outlet=outlet if outlet and (force or not item.outlet) else item.outlet,
                )
            yield item


def progress_bar(
    enabled: bool, rate: bool = False
) -> contextlib.AbstractContextManager[Progress | None]:
    """A rich progress bar on stderr (articles, events, errors), only on a terminal."""
    if not enabled:
        return contextlib.nullcontext()
    columns = [
        SpinnerColumn(),
        TextColumn("{task.fields[articles]} articles"),
        *([TextColumn("{task.fields[rate]:.1f} articles/s")] if rate else []),
        TextColumn("{task.fields[events]} events"),
        TextColumn("{task.fields[errors]} errors"),
        TimeElapsedColumn(),
    ]
    return Progress(*columns, console=Console(stderr=True), transient=True)
