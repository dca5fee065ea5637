"""The in-process engine: one pipeline, partitions one after another.

The reference for the distributed engine (same partitions, same files) and the
simple choice when one core is enough.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
from typing import TYPE_CHECKING

from eventwire.engine.partitions import plan_input
from eventwire.engine.run import (
    RunProgress,
    RunReport,
    RunSpec,
    code_partition,
    prepare_output,
    unique_partitions,
    write_manifest,
)

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

LOCAL_ENGINE = "engine.local.v1"


class LocalEngine:
    """Codes every partition in this process with one :class:`~eventwire.pipeline.Pipeline`."""

    name = LOCAL_ENGINE

    def __init__(self, pipeline: Pipeline | None = None) -> None:
        """``pipeline``: one already built, used when its config is the run's."""
        self.pipeline = pipeline

    def run(self, spec: RunSpec, progress: RunProgress | None = None) -> RunReport:
        from eventwire.pipeline import Pipeline

        started_at = dt.datetime.now(dt.UTC)
        started = time.perf_counter()
        prepare_output(spec)
        partitions = unique_partitions(
            plan_input(name, spec.lines_per_partition, spec.options) for name in spec.inputs
        )
        if progress is not None:
            progress.planned(len(partitions))
        given = self.pipeline
        pipeline = given if given is not None and given.config == spec.pipeline else None
        pipeline = pipeline or Pipeline(spec.pipeline)
        here = f"{socket.gethostname()}:{os.getpid()}"
        outcomes = []
        for partition in partitions:
            outcome = code_partition(pipeline, partition, spec, here)
            outcomes.append(outcome)
            if progress is not None:
                progress.finished(outcome)
        report = RunReport(
            engine=self.name,
            output=spec.output,
            outcomes=tuple(outcomes),
            seconds=time.perf_counter() - started,
            workers=1,
            model=pipeline.backend.model_info().as_dict(),
        )
        write_manifest(spec, report, started_at)
        return report
