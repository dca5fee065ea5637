"""Engines: where partitions of a large input are coded (``eventwire run``).

Engines are registered, like the pipeline's stages, under versioned names in a
:class:`~eventwire.registry.Registry` of kind ``engine``: ``engine.local.v1`` (this
process) and ``engine.dask.v1`` (Dask distributed). Both write the same files:
one Parquet file of events per partition (see :mod:`eventwire.engine.sink`) and a
manifest; docs/SCALE.md says how to run them on a cluster and read the output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from eventwire.engine.partitions import DEFAULT_LINES_PER_PARTITION, Partition, plan_input
from eventwire.engine.run import (
    OutputConflictError,
    PartitionOutcome,
    RunProgress,
    RunReport,
    RunSpec,
)
from eventwire.registry import Registry

ENGINE_KIND = "engine"


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Where to run: an existing scheduler's address, or how many local workers."""

    scheduler: str | None = None
    workers: int = 1


class Engine(Protocol):
    name: str

    def run(self, spec: RunSpec, progress: RunProgress | None = None) -> RunReport: ...


def _make_local(options: EngineOptions) -> Engine:
    from eventwire.engine.local import LocalEngine

    if options.scheduler is not None or options.workers != 1:
        raise ValueError("engine.local.v1 runs in this process: no scheduler, one worker")
    return LocalEngine()


def _make_dask(options: EngineOptions) -> Engine:
    from eventwire.engine.dask_engine import DaskEngine

    return DaskEngine(scheduler=options.scheduler, workers=options.workers)


def engine_registry() -> Registry:
    """A fresh registry of the built-in engines."""
    registry = Registry()
    registry.register(ENGINE_KIND, "engine.local.v1", _make_local)
    registry.register(ENGINE_KIND, "engine.dask.v1", _make_dask)
    return registry


def create_engine(
    name: str, options: EngineOptions | None = None, registry: Registry | None = None
) -> Engine:
    """The engine registered as ``name``; an unknown name raises
    :class:`~eventwire.registry.UnknownComponentError` listing the valid ones."""
    chosen = registry or engine_registry()
    engine: Engine = chosen.create(ENGINE_KIND, name, options=options or EngineOptions())
    return engine


__all__ = [
    "DEFAULT_LINES_PER_PARTITION",
    "ENGINE_KIND",
    "Engine",
    "EngineOptions",
    "OutputConflictError",
    "Partition",
    "PartitionOutcome",
    "RunProgress",
    "RunReport",
    "RunSpec",
    "create_engine",
    "engine_registry",
    "plan_input",
]
