"""Read -> code -> store, batch by batch, resumable.

Each batch is committed in one transaction, and documents already in the store are
skipped before they are coded, so a run that was killed restarts cheaply where it
stopped, with nothing lost and nothing twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from eventwire.ingest.dedup import RunDeduplicator
from eventwire.records import CodedDocument, IngestError, RawArticle

if TYPE_CHECKING:
    from eventwire.parallel import ParallelPipeline
    from eventwire.pipeline import Pipeline
    from eventwire.store.duckdb_store import Store


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """Running totals after each batch (and the final summary)."""

    articles: int = 0
    skipped: int = 0
    documents: int = 0
    events: int = 0
    errors: int = 0
    seconds: float = 0.0
    store_seconds: float = 0.0
    aggregated_events: int | None = None

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


def _document_id(pipeline: Pipeline | ParallelPipeline, article: RawArticle) -> str | None:
    """The id the document will be stored under, without parsing it."""
    if article.id:
        return article.id
    try:
        return pipeline.cleaner.clean(article).id
    except Exception:  # the pipeline reports the failure when it codes the article
        return None


def _remember(
    memory: RunDeduplicator, store: Store, batch_ids: list[str | None], known: set[str]
) -> None:
    """Show the run's copy detector the stored documents it skips, in input order,
    so a resumed run still knows them: a later copy of one is then skipped or
    grouped with it exactly as in an uninterrupted run, not stored as a new story."""
    stored = store.stored_documents(known)
    for doc_id in batch_ids:
        if doc_id is not None and doc_id in stored:
            memory.check(stored.pop(doc_id))


def _batches(
    items: Iterable[RawArticle | IngestError], size: int
) -> Iterator[list[RawArticle | IngestError]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(
    store: Store,
    pipeline: Pipeline | ParallelPipeline,
    articles: Iterable[RawArticle | IngestError],
    *,
    batch_size: int = 64,
    on_batch: Callable[[IngestProgress, list[IngestError]], None] | None = None,
) -> IngestProgress:
    """Code ``articles`` and add them to ``store``; aggregates are rebuilt at the end.

    ``on_batch`` gets the running totals and that batch's errors after each commit.
    """
    from eventwire.pipeline import limit_errors

    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, not {batch_size}")
    started = time.perf_counter()
    totals = IngestProgress()
    # One memory of texts for the whole run, so copies are found across batches.
    memory = RunDeduplicator() if pipeline.config.dedup else None
    store_seconds = 0.0
    for batch in _batches(articles, batch_size):
        ids = {id(a): _document_id(pipeline, a) for a in batch if isinstance(a, RawArticle)}
        known = store.known_documents(i for i in ids.values() if i)
        todo = [a for a in batch if not (isinstance(a, RawArticle) and ids[id(a)] in known)]
        if memory is not None and known:
            order = [ids[id(a)] for a in batch if isinstance(a, RawArticle)]
            _remember(memory, store, order, known)
        results: list[CodedDocument | IngestError] = list(pipeline.code_articles(todo, memory))
        # a document cut by a resource limit is stored with what was parsed, and the
        # limit it hit is recorded beside it
        results += [
            error
            for result in results
            if isinstance(result, CodedDocument)
            for error in limit_errors(result)
        ]
        errors = [r for r in results if isinstance(r, IngestError) and not r.is_skip]
        copies = sum(1 for r in results if isinstance(r, IngestError) and r.is_skip)
        write_start = time.perf_counter()
        added = store.add(results)
        store_seconds += time.perf_counter() - write_start
        totals = IngestProgress(
            articles=totals.articles + len(batch),
            skipped=totals.skipped + len(batch) - len(todo) + added.skipped_documents + copies,
            documents=totals.documents + added.documents,
            events=totals.events + added.events,
            errors=totals.errors + len(errors),
            seconds=time.perf_counter() - started,
            store_seconds=store_seconds,
        )
        if on_batch is not None:
            on_batch(totals, errors)
    write_start = time.perf_counter()
    aggregated = store.aggregate() if store.aggregates_stale else store.counts().aggregated_events
    store_seconds += time.perf_counter() - write_start
    return IngestProgress(
        articles=totals.articles,
        skipped=totals.skipped,
        documents=totals.documents,
        events=totals.events,
        errors=totals.errors,
        seconds=time.perf_counter() - started,
        store_seconds=store_seconds,
        aggregated_events=aggregated,
    )
