"""SIGKILL at random points of ``eventwire ingest`` never corrupts the store, and
resuming ends with exactly the rows of an uninterrupted run.

Each killed run is followed by the integrity check (``eventwire check``); the next
run resumes the killed one, and the last completes it. The corpus puts one record
without text at the head of every batch: the CLI reports its error on stderr right
after the batch before it was committed, which tells the test how far a run got,
so kills can be spread over the whole run (between batches, mid-coding,
mid-commit, during the final aggregation) instead of landing in the model load.

Heavier mode, as in issue 9 (20 kills, 1,000 real articles from ../shared/corpus):
    EVENTWIRE_CRASH_RUNS=20 EVENTWIRE_CRASH_ARTICLES=1000 pytest tests/store/test_crash_safety.py
"""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from eventwire.cli_check import register as register_check
from eventwire.ingest import read_inputs
from eventwire.pipeline import Pipeline
from eventwire.store import Store, open_store
from eventwire.store.ingest import ingest
from eventwire.store.integrity import check_store

RUNS = int(os.environ.get("EVENTWIRE_CRASH_RUNS", "3"))
ARTICLES = int(os.environ.get("EVENTWIRE_CRASH_ARTICLES", "60"))
SEED = int(os.environ.get("EVENTWIRE_CRASH_SEED", "9"))
REAL_CORPUS = (
    Path(__file__).resolve().parents[3] / "shared" / "corpus" / "allsides_political.jsonl.gz"
)
RUN_CLI = (
    "import typer; from eventwire.cli_store import register; "
    "app = typer.Typer(); register(app); app.command('noop')(lambda: None); app()"
)
ACTORS = (
    "Russia",
    "China",
    "Iran",
    "the United States",
    "Germany",
    "France",
    "Ukraine",
    "Turkey",
    "Israel",
    "Japan",
    "India",
    "Pakistan",
    "Egypt",
    "Brazil",
    "Mexico",
)
LEADERS = ("The president of {a}", "The foreign minister of {a}", "Police in {a}", "{a}")
ACTIONS = (
    "met with officials from {b}",
    "criticized {b} over its trade policy",
    "accused {b} of violating the agreement",
    "signed a trade agreement with {b}",
    "threatened to impose sanctions on {b}",
    "praised {b} for its help",
    "condemned the attack by {b}",
    "agreed to resume talks with {b}",
    "expelled two diplomats from {b}",
    "sent aid to {b}",
)
DAYS = ("on Monday", "on Tuesday", "last week", "on March 3", "yesterday", "")


def _generated(count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Short news-like articles written from templates (our own sentences)."""
    records = []
    for n in range(count):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            a, b = rng.sample(ACTORS, 2)
            subject = rng.choice(LEADERS).format(a=a)
            action = rng.choice(ACTIONS).format(b=b)
            sentences.append(f"{subject} {action} {rng.choice(DAYS)}.".replace(" .", "."))
        records.append(
            {
                "id": f"gen-{n}",
                "source": rng.choice(("Wire One", "Wire Two", "Daily Three")),
                "url": f"https://news{n % 7}.example/2020/03/{1 + n % 28:02d}/story-{n}",
                "title": f"Story {n}",
                "date": f"2020-03-{1 + n % 28:02d}",
                "text": " ".join(sentences),
            }
        )
    return records


def _real(count: int) -> list[dict[str, Any]]:
    with gzip.open(REAL_CORPUS, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for _, line in zip(range(count), stream, strict=False)]


def _write_corpus(path: Path, records: list[dict[str, Any]], per_batch: int) -> int:
    """One text-less record at the head of each batch (the progress marker); the
    number of batches."""
    batches = 0
    with path.open("w", encoding="utf-8") as out:
        for start in range(0, len(records), per_batch - 1):
            out.write(json.dumps({"id": f"marker-{batches}", "title": "no text"}) + "\n")
            for record in records[start : start + per_batch - 1]:
                out.write(json.dumps(record) + "\n")
            batches += 1
    return batches


def _snapshot(store: Store) -> dict[str, list[Any]]:
    def column(sql: str) -> list[Any]:
        return [tuple(row.values()) for row in store.sql(sql).to_pylist()]

    return {
        "documents": column("SELECT doc_id, story_id, num_events FROM documents ORDER BY 1"),
        "events": column("SELECT event_id, doc_id, cameo FROM events ORDER BY 1"),
        "errors": column("SELECT error_id, reason FROM ingest_errors ORDER BY 1"),
        "quotes": column("SELECT doc_id, quote_index FROM quotes ORDER BY 1, 2"),
        "aggregates": column("SELECT aggregate_id, num_mentions FROM aggregated_events ORDER BY 1"),
    }


def _committed_batches(path: Path) -> int:
    if not path.exists():
        return 0
    with open_store(path, read_only=True) as store:
        rows = store.sql("SELECT count(*) AS n FROM ingest_errors WHERE reason = 'missing_text'")
        return int(rows["n"][0].as_py())


def _killed_run(
    corpus: Path, store: Path, batch_size: int, wait_lines: int, delay: float
) -> tuple[bool, float]:
    """Start ``eventwire ingest``; after ``wait_lines`` marker lines on stderr and
    ``delay`` more seconds, SIGKILL it. Returns (killed, seconds it ran)."""
    args = [sys.executable, "-c", RUN_CLI, "ingest", str(corpus), "--store", str(store)]
    started = time.monotonic()
    proc = subprocess.Popen(
        [*args, "--batch-size", str(batch_size)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = threading.Semaphore(0)

    def count_markers() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "missing_text" in line:
                seen.release()

    reader = threading.Thread(target=count_markers, daemon=True)
    reader.start()
    for _ in range(wait_lines):
        while not seen.acquire(timeout=0.2):
            if proc.poll() is not None:
                reader.join()
                return False, time.monotonic() - started
    time.sleep(delay)
    if proc.poll() is not None:
        reader.join()
        return False, time.monotonic() - started
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join()
    return True, time.monotonic() - started


@pytest.mark.slow
def test_sigkill_never_corrupts_and_resume_equals_uninterrupted(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    heavy = ARTICLES > 200 and REAL_CORPUS.exists()
    records = _real(ARTICLES) if heavy else _generated(ARTICLES, rng)
    batch_size = 8 if heavy else 4
    corpus = tmp_path / "corpus.jsonl"
    batches = _write_corpus(corpus, records, batch_size)

    reference_path = tmp_path / "reference.duckdb"
    started = time.monotonic()
    with open_store(reference_path) as store:
        ingest(store, pipeline, read_inputs([str(corpus)]), batch_size=batch_size)
        reference = _snapshot(store)
    per_batch = (time.monotonic() - started) / batches
    reference_report = check_store(reference_path)
    assert reference_report.sound, ("uninterrupted run", reference_report.failures)
    assert len(reference["documents"]) > 0 and len(reference["events"]) > 0

    path = tmp_path / "killed.duckdb"
    kills, log = 0, []
    for run in range(RUNS):
        done = _committed_batches(path)
        if done >= batches:
            break
        wait_lines = rng.randint(0, batches - done - 1) + done if run else 0
        delay = rng.uniform(0, 2 * per_batch) if run else rng.uniform(0, 8)
        killed, seconds = _killed_run(corpus, path, batch_size, wait_lines, delay)
        kills += killed
        report = check_store(path) if path.exists() else None
        log.append((run, done, wait_lines, round(delay, 2), killed, round(seconds, 1)))
        assert report is None or report.sound, (log[-1], report.failures)
    print(f"\ncrash runs (run, batches done, markers waited, delay, killed, s): {log}")
    assert kills >= min(RUNS, 2), log

    with open_store(path) as store:
        ingest(store, pipeline, read_inputs([str(corpus)]), batch_size=batch_size)
        resumed = _snapshot(store)
    for table, rows in resumed.items():
        assert len(rows) == len(set(rows)), f"duplicates in {table}"
        assert rows == reference[table], f"{table} differs from the uninterrupted run"

    app = typer.Typer()
    register_check(app)
    app.command("noop")(lambda: None)
    result = CliRunner().invoke(app, ["check", "--store", str(path)])
    assert result.exit_code == 0, result.output


def _cli_ingest(corpus: Path, store: Path, preexec: Any = None) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-c", RUN_CLI, "ingest", str(corpus), "--store", str(store)]
    return subprocess.run(
        [*args, "--batch-size", "4"],
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        timeout=600,
        check=False,
    )


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.startswith("eventwire: ")]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture
def small_store(pipeline: Pipeline, tmp_path: Path) -> tuple[Path, Path]:
    """A sound store of 8 generated articles, and a corpus of 40 more."""
    records = _generated(48, random.Random(SEED))
    first, rest = tmp_path / "first.jsonl", tmp_path / "rest.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in records[:8]), encoding="utf-8")
    rest.write_text("".join(json.dumps(r) + "\n" for r in records[8:]), encoding="utf-8")
    path = tmp_path / "store" / "events.duckdb"
    path.parent.mkdir()
    with open_store(path) as store:
        ingest(store, pipeline, read_inputs([str(first)]), batch_size=4)
    return path, rest


def _lock(path: Path) -> bool:
    """Make ``path`` unwritable even for root (chattr +i); False if impossible."""
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)
        return True
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    return done.returncode == 0


def _unlock(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)
    path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.slow
@pytest.mark.parametrize("locked", ["file", "directory"])
def test_read_only_store_is_a_clear_error_and_stays_sound(
    small_store: tuple[Path, Path], locked: str
) -> None:
    path, corpus = small_store
    target = path if locked == "file" else path.parent
    store = path if locked == "file" else path.parent / "new.duckdb"
    before = path.read_bytes()
    if not _lock(target):
        pytest.skip("cannot make a file read-only here (chattr unavailable)")
    try:
        result = _cli_ingest(corpus, store)
    finally:
        _unlock(target)
    assert result.returncode == 2, result.stderr
    line = _one_line_error(result)
    assert "cannot open" in line or "ermission" in line or "read-only" in line, line
    assert path.read_bytes() == before
    assert not (path.parent / "new.duckdb").exists()
    assert check_store(path).sound


@pytest.mark.slow
def test_full_disk_is_a_clear_error_and_keeps_committed_batches(
    small_store: tuple[Path, Path],
) -> None:
    """RLIMIT_FSIZE stands in for a full disk: writes past it fail with EFBIG."""
    import resource

    path, corpus = small_store
    with open_store(path, read_only=True) as store:
        stored = store.counts().documents
    limit = 64_000  # bytes: the WAL of the new batches outgrows it

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = _cli_ingest(corpus, path, full_disk)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "error" in _one_line_error(result)
    report = check_store(path)
    assert report.sound, report.failures
    assert dict(report.counts)["documents"] >= stored


@pytest.mark.slow
def test_resumed_run_still_knows_the_stored_stories(pipeline: Pipeline, tmp_path: Path) -> None:
    """A copy read after the kill point is skipped (exact, same source) or grouped
    with its story (near) exactly as in an uninterrupted run: the run's copy
    detector is shown the stored documents the resumed run skips."""
    records = _generated(8, random.Random(SEED + 1))
    copy = {**records[1], "id": "copy-of-1"}
    near = {
        **records[2],
        "id": "near-copy-of-2",
        "source": "Other Wire",
        "url": "https://other.example/2020/03/02/story",
        "text": records[2]["text"] + " Officials confirmed it.",
    }
    corpus = tmp_path / "copies.jsonl"
    lines = [*records, copy, near]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")

    with open_store(tmp_path / "reference.duckdb") as store:
        ingest(store, pipeline, read_inputs([str(corpus)]), batch_size=4)
        reference = _snapshot(store)
    assert ("copy-of-1",) not in [row[:1] for row in reference["documents"]]
    assert any(row[0] == "near-copy-of-2" and row[1] != row[0] for row in reference["documents"])

    with open_store(tmp_path / "resumed.duckdb") as store:
        first_batch = [item for _, item in zip(range(4), read_inputs([str(corpus)]), strict=False)]
        ingest(store, pipeline, first_batch, batch_size=4)
        ingest(store, pipeline, read_inputs([str(corpus)]), batch_size=4)
        assert _snapshot(store) == reference
