"""What every engine shares: the run's specification, the work on one partition,
and the output directory's bookkeeping (configuration check, resume, manifest).

An engine only decides *where* :func:`code_partition` runs; the output of a
partition is the same whichever engine ran it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from eventwire.engine.partitions import DEFAULT_LINES_PER_PARTITION, Partition, read_partition
from eventwire.engine.sink import SIDE_TABLES, PartitionCounts, events_path, read_counts
from eventwire.engine.sink import write_partition as write_partition_files
from eventwire.ingest.readers import DEFAULT_OPTIONS, ReadOptions
from eventwire.pipeline import PipelineConfig

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

Status = Literal["coded", "existing", "failed"]
RUN_FILE = "_run.json"
MANIFEST_FILE = "_manifest.json"
SUCCESS_FILE = "_SUCCESS"


class OutputConflictError(ValueError):
    """The output directory holds a run made with other settings."""


@dataclass(frozen=True, slots=True)
class RunSpec:
    """Everything that decides a run's output; picklable, so workers get a copy."""

    inputs: tuple[str, ...]
    output: Path
    pipeline: PipelineConfig = field(default_factory=PipelineConfig)
    lines_per_partition: int = DEFAULT_LINES_PER_PARTITION
    overwrite: bool = False
    options: ReadOptions = DEFAULT_OPTIONS

    def settings(self) -> dict[str, Any]:
        """The settings a resumed run must share with the run it continues."""
        return {
            "pipeline": dataclasses.asdict(self.pipeline),
            "lines_per_partition": self.lines_per_partition,
            "columns": dataclasses.asdict(self.options.columns),
        }


@dataclass(frozen=True, slots=True)
class PartitionOutcome:
    partition: Partition
    status: Status
    counts: PartitionCounts | None
    seconds: float
    worker: str
    peak_rss_mb: float
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.partition.name,
            **dataclasses.asdict(self.partition),
            "status": self.status,
            **(dataclasses.asdict(self.counts) if self.counts else {}),
            "seconds": round(self.seconds, 3),
            "worker": self.worker,
            "peak_rss_mb": self.peak_rss_mb,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class RunReport:
    engine: str
    output: Path
    outcomes: tuple[PartitionOutcome, ...]
    seconds: float
    workers: int
    model: dict[str, Any]

    def total(self, what: Literal["documents", "events", "failed", "skipped"]) -> int:
        return sum(getattr(o.counts, what) for o in self.outcomes if o.counts is not None)

    @property
    def failed_partitions(self) -> tuple[PartitionOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")


class RunProgress(Protocol):
    """Told how many partitions a run has, then about each one as it completes."""

    def planned(self, partitions: int) -> None: ...

    def finished(self, outcome: PartitionOutcome) -> None: ...


def peak_rss_mb() -> float:
    """Peak resident set size of this process (``ru_maxrss`` is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def code_partition(
    pipeline: Pipeline, partition: Partition, spec: RunSpec, worker: str
) -> PartitionOutcome:
    """Code one partition into its files, or take the counts of its finished files.

    A failure of the whole partition (unwritable output, a bug) becomes a ``failed``
    outcome, so one partition cannot sink the run; failures of single inputs are
    error rows of the partition.
    """
    started = time.perf_counter()
    try:
        if not spec.overwrite and events_path(spec.output, partition.name).exists():
            counts = read_counts(spec.output, partition.name)
            status: Status = "existing"
        else:
            results = list(pipeline.code_articles(read_partition(partition, spec.options)))
            counts = write_partition_files(spec.output, partition.name, results)
            status = "coded"
    except Exception as exc:  # reported in the manifest; the other partitions go on
        return failed_outcome(partition, repr(exc), time.perf_counter() - started, worker)
    return PartitionOutcome(
        partition, status, counts, time.perf_counter() - started, worker, peak_rss_mb()
    )


def failed_outcome(
    partition: Partition, detail: str, seconds: float = 0.0, worker: str = ""
) -> PartitionOutcome:
    return PartitionOutcome(partition, "failed", None, seconds, worker, 0.0, detail)


def unique_partitions(plans: Iterable[Iterable[Partition]]) -> list[Partition]:
    """All partitions in input order, each once (an input named twice is coded once)."""
    seen: dict[str, Partition] = {}
    for plan in plans:
        for partition in plan:
            seen.setdefault(partition.name, partition)
    return list(seen.values())


def prepare_output(spec: RunSpec) -> None:
    """Create the output directory; refuse to mix runs of different settings, and
    with ``overwrite`` remove this engine's files from an earlier run first."""
    output = spec.output
    output.mkdir(parents=True, exist_ok=True)
    run_file = output / RUN_FILE
    if spec.overwrite:
        _remove_previous(output)
    elif run_file.exists():
        previous = json.loads(run_file.read_text(encoding="utf-8")).get("settings")
        if previous != json.loads(json.dumps(spec.settings())):  # tuples read back as lists
            raise OutputConflictError(
                f"{output} holds a run with other settings ({RUN_FILE}); "
                "use --overwrite or another output directory"
            )
    (output / SUCCESS_FILE).unlink(missing_ok=True)
    _write_json(run_file, {"settings": spec.settings()})


def _remove_previous(output: Path) -> None:
    for directory in (output, *(output / table for table in SIDE_TABLES)):
        if directory.is_dir():
            for path in directory.glob("part-*.parquet"):
                path.unlink()
    for name in (RUN_FILE, MANIFEST_FILE, SUCCESS_FILE):
        (output / name).unlink(missing_ok=True)


def write_manifest(spec: RunSpec, report: RunReport, started: dt.datetime) -> Path:
    """``_manifest.json`` (partitions, counts, settings, versions) and, when no
    partition failed, an empty ``_SUCCESS`` marker."""
    manifest = {
        "engine": report.engine,
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(report.seconds, 2),
        "workers": report.workers,
        "inputs": list(spec.inputs),
        "settings": spec.settings(),
        "model": report.model,
        "versions": _versions(),
        "totals": {
            "partitions": len(report.outcomes),
            "failed_partitions": len(report.failed_partitions),
            "documents": report.total("documents"),
            "events": report.total("events"),
            "failed_inputs": report.total("failed"),
            "skipped_duplicates": report.total("skipped"),
        },
        "partitions": [o.as_dict() for o in report.outcomes],
    }
    path = spec.output / MANIFEST_FILE
    _write_json(path, manifest)
    if not report.failed_partitions:
        (spec.output / SUCCESS_FILE).touch()
    return path


def _versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {"python": platform.python_version()}
    for package in ("eventwire", "spacy", "distributed", "pyarrow"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def _write_json(path: Path, value: Any) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(value, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(temporary, path)
