"""Code articles on several cores: worker processes that each load the pipeline once.

The parent reads, cleans and deduplicates (cheap, and order-dependent: the run's
memory of what it has seen must be one memory), then hands batches of documents to
``workers`` processes; each builds its own :class:`Pipeline` once and parses and
codes every batch it gets. Results come back in input order, identical to a
one-process run (same batches, same run state). A whole process per worker, not
spaCy's ``n_process``: spaCy would parallelise only the parse and ship every Doc
back to one process for the coding (see docs/PERFORMANCE.md for the measurement).
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import resource
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from eventwire.pipeline import DocumentPreparer, Pipeline, PipelineConfig
from eventwire.records import CodedDocument, IngestError, RawArticle

if TYPE_CHECKING:
    from eventwire.ingest.dedup import RunDeduplicator

Result = CodedDocument | IngestError


class ArticleCoder(Protocol):
    """What a command needs: a pipeline, or a pool of them."""

    def code_articles(
        self, articles: Iterable[RawArticle | IngestError], memory: RunDeduplicator | None = None
    ) -> Iterator[Result]: ...


class WorkerError(RuntimeError):
    """A worker process failed to start or died; the run cannot be completed."""


@dataclass(frozen=True, slots=True)
class WorkerStats:
    """Peak resident memory of one worker process (MiB), reported with each batch."""

    pid: int
    peak_rss_mb: float


def _peak_rss_mb() -> float:
    """This process's own peak RSS: ``VmHWM`` on Linux (``ru_maxrss`` would carry the
    parent's peak over fork and exec), ``ru_maxrss`` elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _work(config: PipelineConfig, tasks: Any, results: Any) -> None:
    """Worker main: build the pipeline once, then code batches until told to stop."""
    import os

    try:
        pipeline = Pipeline(config)
    except Exception as exc:  # reported to the parent, which raises WorkerError
        results.put(("failed", os.getpid(), repr(exc)))
        return
    results.put(("ready", os.getpid(), _peak_rss_mb()))
    while True:
        task = tasks.get()
        if task is None:
            return
        number, prepared = task
        coded = list(pipeline.code_prepared(prepared))
        results.put((number, os.getpid(), (coded, _peak_rss_mb())))


class ParallelPipeline:
    """``workers`` processes, each with its own pipeline; use as a context manager."""

    def __init__(
        self, config: PipelineConfig | None = None, workers: int = 2, start_method: str = "fork"
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.config = config or PipelineConfig()
        self.workers = workers
        self.preparer = DocumentPreparer(self.config)
        self.cleaner = self.preparer.cleaner  # what store.ingest asks a pipeline for
        context = mp.get_context(start_method)
        self._tasks: Any = context.Queue()
        self._results: Any = context.Queue()
        self._processes: list[BaseProcess] = [
            context.Process(  # type: ignore[attr-defined]
                target=_work, args=(self.config, self._tasks, self._results), daemon=True
            )
            for _ in range(workers)
        ]
        self.stats: dict[int, WorkerStats] = {}
        for process in self._processes:
            process.start()
        try:
            for _ in range(workers):
                kind, pid, value = self._next_message()
                if kind == "failed":
                    raise WorkerError(f"worker {pid} could not build the pipeline: {value}")
                self.stats[pid] = WorkerStats(pid, value)
        except BaseException:
            self.close()
            raise

    def code_articles(
        self, articles: Iterable[RawArticle | IngestError], memory: RunDeduplicator | None = None
    ) -> Iterator[Result]:
        """Like :meth:`Pipeline.code_articles`: one result per input, in input order."""
        from eventwire.ingest.dedup import RunDeduplicator

        seen = memory if memory is not None else (RunDeduplicator() if self.config.dedup else None)
        in_flight = 2 * self.workers
        pending = 0
        sent = 0
        done: dict[int, list[Result]] = {}
        next_out = 0
        for batch in _batches(articles, self.config.batch_size):
            self._tasks.put((sent, self.preparer.prepare_batch(batch, seen)))
            sent += 1
            pending += 1
            while pending >= in_flight:
                pending -= self._collect(done)
                while next_out in done:
                    yield from done.pop(next_out)
                    next_out += 1
        while next_out < sent:
            if next_out not in done:
                pending -= self._collect(done)
                continue
            yield from done.pop(next_out)
            next_out += 1

    def _collect(self, done: dict[int, list[Result]]) -> int:
        number, pid, (coded, rss) = self._next_message()
        self.stats[pid] = WorkerStats(pid, rss)
        done[number] = coded
        return 1

    def _next_message(self) -> tuple[Any, int, Any]:
        """The next message from any worker; raises WorkerError if a worker died."""
        while True:
            try:
                message: tuple[Any, int, Any] = self._results.get(timeout=1.0)
                return message
            except queue.Empty:
                dead = [p for p in self._processes if not p.is_alive()]
                if dead:
                    codes = ", ".join(f"pid {p.pid} exit {p.exitcode}" for p in dead)
                    self.close()
                    raise WorkerError(f"worker process died ({codes})") from None

    def close(self) -> None:
        """Stop the workers (idempotent)."""
        for process in self._processes:
            if process.is_alive():
                self._tasks.put(None)
        for process in self._processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join()
        self._processes = []

    def __enter__(self) -> ParallelPipeline:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _batches(
    items: Iterable[RawArticle | IngestError], size: int
) -> Iterator[Sequence[RawArticle | IngestError]]:
    batch: list[RawArticle | IngestError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def open_coder(config: PipelineConfig, workers: int) -> ArticleCoder:
    """One pipeline in this process for ``workers <= 1``, else a pool (close it)."""
    return Pipeline(config) if workers <= 1 else ParallelPipeline(config, workers)


__all__ = [
    "ArticleCoder",
    "ParallelPipeline",
    "WorkerError",
    "WorkerStats",
    "open_coder",
]
