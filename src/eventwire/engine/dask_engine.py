"""The distributed engine: Dask ``distributed``, on a local cluster or an existing one.

Each worker builds the pipeline once, in :class:`PipelinePlugin.setup`, from the
picklable :class:`~eventwire.pipeline.PipelineConfig`; the plugin object (kept by
the worker in ``worker.plugins``) holds it, and tasks take it from there through
``distributed.get_worker()``. Nothing is cached in a module global. Inputs are
planned and read on the workers (paths must be visible to them, e.g. on a shared
file system) and workers write the partition files themselves, so the client only
moves partition descriptions and counts.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from eventwire.engine.partitions import Partition, plan_input
from eventwire.engine.run import (
    PartitionOutcome,
    RunProgress,
    RunReport,
    RunSpec,
    code_partition,
    failed_outcome,
    peak_rss_mb,
    prepare_output,
    unique_partitions,
    write_manifest,
)
from eventwire.pipeline import PipelineConfig

if TYPE_CHECKING:
    from distributed import Worker

    from eventwire.pipeline import Pipeline

DASK_ENGINE = "engine.dask.v1"
PLUGIN_PREFIX = "eventwire-pipeline"
LOOPBACK = "127.0.0.1"


def plugin_name(config: PipelineConfig) -> str:
    """One plugin per configuration: registering the same one again is a no-op,
    and runs with other settings on the same cluster get their own pipeline."""
    key = json.dumps(dataclasses.asdict(config), sort_keys=True)
    return f"{PLUGIN_PREFIX}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"


class PipelinePlugin(WorkerPlugin):
    """Builds one pipeline per worker when the worker starts (or joins later)."""

    idempotent = True  # registered again (same name, same config): nothing reloads

    def __init__(self, config: PipelineConfig) -> None:
        self.name = plugin_name(config)
        self.config = config
        self.pipeline: Pipeline | None = None
        # a worker with several threads runs tasks concurrently; the pipeline is not
        # thread-safe, so they take turns (give workers one thread each)
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}  # neither the model nor the lock travel

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.name = plugin_name(state["config"])
        self.config = state["config"]
        self.pipeline = None
        self.lock = threading.Lock()

    async def setup(self, worker: Worker) -> None:
        from eventwire.pipeline import Pipeline

        # off the event loop, so the worker keeps answering heartbeats while it loads
        self.pipeline = await asyncio.to_thread(Pipeline, self.config)


def _plugin(worker: Worker, config: PipelineConfig) -> PipelinePlugin:
    name = plugin_name(config)
    plugin = worker.plugins.get(name)
    if not isinstance(plugin, PipelinePlugin) or plugin.pipeline is None:
        raise RuntimeError(f"worker {worker.address} has no pipeline plugin {name} set up")
    return plugin


def code_on_worker(partition: Partition, spec: RunSpec) -> PartitionOutcome:
    """The task: code one partition with this worker's pipeline."""
    worker = get_worker()
    plugin = _plugin(worker, spec.pipeline)
    assert plugin.pipeline is not None  # checked by _plugin
    with plugin.lock:
        return code_partition(plugin.pipeline, partition, spec, worker.address)


def worker_model(dask_worker: Worker, config: PipelineConfig) -> dict[str, Any]:
    """The model the worker's pipeline loaded (for the manifest; ``client.run``
    passes the worker as ``dask_worker``)."""
    pipeline = _plugin(dask_worker, config).pipeline
    assert pipeline is not None
    info: dict[str, Any] = pipeline.backend.model_info().as_dict()
    return info


def worker_peak_rss_mb() -> float:
    """Peak RSS of the worker process, for benchmarks (``client.run``)."""
    return peak_rss_mb()


class DaskEngine:
    """Runs partitions as Dask tasks, one partition per task.

    Without ``scheduler`` it starts a :class:`~distributed.LocalCluster` of
    ``workers`` processes with one thread each, listening on 127.0.0.1 only and
    without a dashboard; with ``scheduler`` (``tcp://host:8786``) it joins that
    cluster and uses its workers.
    """

    name = DASK_ENGINE

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError(f"workers must be >= 1, not {workers}")
        self.scheduler = scheduler
        self.workers = workers

    @contextlib.contextmanager
    def client(self) -> Iterator[Client]:
        """A client of the cluster the run uses (started here, or joined)."""
        if self.scheduler is not None:
            with Client(self.scheduler) as client:  # type: ignore[no-untyped-call]
                yield client
            return
        with (
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                host=LOOPBACK,
                dashboard_address=None,
                worker_dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            yield client

    @staticmethod
    def load(client: Client, config: PipelineConfig) -> None:
        """Have every worker (and every worker that joins later) build the pipeline;
        returns when all have, or raises the first worker's error."""
        plugin = PipelinePlugin(config)
        client.register_plugin(plugin, name=plugin.name)

    def run(self, spec: RunSpec, progress: RunProgress | None = None) -> RunReport:
        started_at = dt.datetime.now(dt.UTC)
        started = time.perf_counter()
        with self.client() as client:
            return self.run_on(client, spec, progress, started_at, started)

    def run_on(
        self,
        client: Client,
        spec: RunSpec,
        progress: RunProgress | None = None,
        started_at: dt.datetime | None = None,
        started: float | None = None,
    ) -> RunReport:
        """The run on a client the caller manages (benchmarks reuse one cluster)."""
        started_at = started_at or dt.datetime.now(dt.UTC)
        started = time.perf_counter() if started is None else started
        prepare_output(spec)
        self.load(client, spec.pipeline)
        plans = client.map(
            plan_input,
            list(spec.inputs),
            lines_per_partition=spec.lines_per_partition,
            options=spec.options,
            pure=False,
        )
        partitions = unique_partitions(client.gather(plans))  # type: ignore[no-untyped-call]
        if progress is not None:
            progress.planned(len(partitions))
        futures = client.map(code_on_worker, partitions, spec=spec, pure=False)
        index = {
            future.key: partition for future, partition in zip(futures, partitions, strict=True)
        }
        done: dict[str, PartitionOutcome] = {}
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            partition = index[future.key]
            try:
                outcome: PartitionOutcome = future.result()
            except Exception as exc:  # a worker died (memory) or the task was lost
                outcome = failed_outcome(partition, repr(exc))
            done[partition.name] = outcome
            if progress is not None:
                progress.finished(outcome)
        models = client.run(worker_model, config=spec.pipeline)
        report = RunReport(
            engine=self.name,
            output=spec.output,
            outcomes=tuple(done[p.name] for p in partitions),
            seconds=time.perf_counter() - started,
            workers=len(models),
            model=next(iter(models.values()), {}),
        )
        write_manifest(spec, report, started_at)
        return report
