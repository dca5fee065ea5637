"""Ingest commands for the ``eventwire`` app: ``clean`` and ``watch``.

``register(app)`` adds them, so ``cli.py`` only has to call it. ``clean`` shows,
per input line, what the cleaner dropped and why; ``watch`` polls feeds and hands
new articles to the store.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from eventwire.ingest.readers import ReadOptions
    from eventwire.records import Document, IngestError, RawArticle

EXIT_USAGE, EXIT_INPUT_FAILED = 2, 3


def register(app: typer.Typer) -> None:
    """Add ``clean`` and ``watch`` to ``app``."""
    app.command("clean")(clean_command)
    app.command("watch")(watch_command)


def clean_command(
    inputs: Annotated[list[str], typer.Argument(metavar="FILE...", help="Inputs, or - for stdin.")],
    reader: Annotated[
        str | None, typer.Option(help="Reader name (text, jsonl, csv, html, warc, ...).")
    ] = None,
    columns: Annotated[
        str | None, typer.Option(help="Column mapping for tables, e.g. text=body,date=pubdate.")
    ] = None,
    repeated: Annotated[
        bool, typer.Option(help="Also drop lines an outlet repeats across the batch.")
    ] = True,
    limit: Annotated[int, typer.Option(help="Clean at most this many articles.")] = 1000,
    kept: Annotated[bool, typer.Option(help="Print the kept text too.")] = False,
) -> None:
    """Show what the cleaner drops from each article, line by line, and why.

    Example: eventwire clean article.txt
    """
    from eventwire.ingest.repeated import BatchCleaner, RepeatedLineLearner
    from eventwire.records import IngestError

    options = _read_options(columns)
    articles, errors = _read(inputs, reader, options, limit)
    learner = RepeatedLineLearner() if repeated else RepeatedLineLearner(min_documents=10**9)
    documents = BatchCleaner(learner=learner).clean_batch(articles)
    console = Console(highlight=False, soft_wrap=False)
    for article, document in zip(articles, documents, strict=True):
        console.print(_dropped_table(article, document))
        if kept:
            console.print(document.text, markup=False)
            console.print()
    _print_errors(errors)
    if any(isinstance(e, IngestError) for e in errors):
        raise typer.Exit(EXIT_INPUT_FAILED)


def watch_command(
    feeds: Annotated[Path, typer.Argument(metavar="FEEDS.txt", help="Feed URLs, one a line.")],
    store: Annotated[Path, typer.Option(help="The store to add coded articles to.")],
    every: Annotated[str, typer.Option(help="Poll interval: 90s, 15m, 1h.")] = "15m",
    state: Annotated[
        Path | None, typer.Option(help="What was fetched (default: STORE.watch.json).")
    ] = None,
    polls: Annotated[int | None, typer.Option(help="Stop after this many polls.")] = None,
) -> None:
    """Poll RSS/Atom feeds and code each new article once into the store.

    Example: eventwire watch feeds.txt --every 15m --store events.db
    """
    from eventwire.ingest.watch import PollReport, parse_interval, read_feed_list, watch

    try:
        interval = parse_interval(every)
        urls = read_feed_list(feeds)
    except (ValueError, OSError) as exc:
        fail(str(exc), EXIT_USAGE)
    if not urls:
        fail(f"{feeds} lists no feeds", EXIT_USAGE)
    state_path = state or store.with_name(store.name + ".watch.json")
    console = Console(stderr=True, highlight=False)

    def report(done: PollReport) -> None:
        console.print(
            f"polled {done.feeds} feeds: {done.new_articles} new articles, {done.errors} errors"
        )

    from eventwire.pipeline import Pipeline
    from eventwire.store import open_store

    pipeline = Pipeline()
    with open_store(store) as opened:

        def sink(items: list[RawArticle | IngestError]) -> None:
            """Code each poll's articles and add them, with the errors, to the store."""
            opened.add(list(pipeline.code_articles(items)))

        try:
            watch(urls, interval, sink, state_path, polls=polls, on_poll=report)
        except KeyboardInterrupt:
            console.print("stopped")


def _read_options(columns: str | None) -> ReadOptions:
    from eventwire.ingest.readers import ReadOptions
    from eventwire.ingest.tabular import ColumnMap

    if columns is None:
        return ReadOptions()
    try:
        return ReadOptions(columns=ColumnMap.parse(columns))
    except ValueError as exc:
        fail(str(exc), EXIT_USAGE)


def _read(
    inputs: list[str], reader: str | None, options: ReadOptions, limit: int
) -> tuple[list[RawArticle], list[IngestError]]:
    from eventwire.ingest.readers import read_inputs
    from eventwire.records import RawArticle
    from eventwire.registry import UnknownComponentError

    try:
        items: Iterator[RawArticle | IngestError] = read_inputs(
            inputs, reader=reader, options=options
        )
    except UnknownComponentError as exc:
        fail(str(exc), EXIT_USAGE)
    articles: list[RawArticle] = []
    errors: list[IngestError] = []
    for item in items:
        if isinstance(item, RawArticle):
            articles.append(item)
            if len(articles) >= limit:
                break
        else:
            errors.append(item)
    return articles, errors


def _dropped_table(article: RawArticle, document: Document) -> Table:
    title = (
        f"{article.origin}  title: {document.title or '-'}  published: "
        f"{document.published or '-'}  outlet: {document.outlet or '-'}  "
        f"language: {document.language}  kept: {len(document.paragraphs)} paragraphs"
    )
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("line", justify="right")
    table.add_column("chars", justify="right")
    table.add_column("reason")
    table.add_column("dropped text", overflow="fold")
    for dropped in document.dropped:
        line = article.text.count("\n", 0, dropped.raw_start) + 1
        table.add_row(
            str(line), f"{dropped.raw_start}-{dropped.raw_end}", dropped.reason, dropped.text
        )
    if not document.dropped:
        table.add_row("", "", "-", "nothing dropped")
    return table


def _print_errors(errors: list[IngestError]) -> None:
    for error in errors:
        where = error.source + (f" [{error.record}]" if error.record else "")
        print(f"eventwire: {where}: {error.reason}: {error.detail}", file=sys.stderr)


def fail(message: str, code: int) -> NoReturn:
    print(f"eventwire: {message}".replace("\n", " "), file=sys.stderr)
    raise typer.Exit(code)
