"""Polling feeds: fetch each new article once, remembered across restarts.

The state file is a small JSON document of the entry ids, URLs and text hashes
already handled; it is rewritten atomically after every poll, so a crash loses at
most one poll's memory and never corrupts it. Failures that may pass (timeouts,
network errors, 5xx) leave the entry unseen so the next poll tries again; every
failure still reaches the sink as an :class:`IngestError`.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from eventwire.ingest.dedup import exact_key
from eventwire.ingest.feeds import FeedEntry, fetch_article, fetch_feed
from eventwire.ingest.fetch import Fetcher
from eventwire.records import IngestError, RawArticle

Sink = Callable[[list[RawArticle | IngestError]], None]
STATE_VERSION = 1
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = MappingProxyType({"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0})
_RETRY_REASONS = frozenset({"timeout", "network_error"})


def parse_interval(text: str) -> float:
    """Seconds in ``"15m"``, ``"90s"``, ``"1h"`` or ``"30"``; ``ValueError`` otherwise."""
    match = _INTERVAL.match(text.lower())
    if match is None or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r} is not an interval like 15m, 90s or 1h")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def read_feed_list(path: Path) -> tuple[str, ...]:
    """Feed URLs, one a line; blank lines and ``#`` comments skipped."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@dataclass(frozen=True, slots=True)
class PollReport:
    """What one poll did."""

    feeds: int
    new_articles: int
    errors: int


@dataclass
class FeedWatcher:
    """Polls ``feeds`` and hands each poll's new articles and errors to ``sink``."""

    feeds: Sequence[str]
    sink: Sink
    state_path: Path
    fetcher: Fetcher = field(default_factory=Fetcher)
    _seen: set[str] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        self._seen = load_seen(self.state_path)

    def poll(self) -> PollReport:
        batch: list[RawArticle | IngestError] = []
        for feed in self.feeds:
            entries = fetch_feed(feed, self.fetcher)
            if isinstance(entries, IngestError):
                batch.append(entries)
                continue
            for entry in entries:
                if entry.entry_id in self._seen or entry.link in self._seen:
                    continue
                batch.extend(self._fetch_entry(entry))
        new = sum(1 for item in batch if isinstance(item, RawArticle))
        if batch:
            self.sink(batch)
        save_seen(self.state_path, self._seen)
        return PollReport(len(self.feeds), new, len(batch) - new)

    def _fetch_entry(self, entry: FeedEntry) -> Iterable[RawArticle | IngestError]:
        item = fetch_article(entry.link, self.fetcher, entry)
        if isinstance(item, IngestError):
            if not _may_pass(item):
                self._seen.update((entry.entry_id, entry.link))
            return [item]
        self._seen.update((entry.entry_id, entry.link))
        text_key = "sha256:" + exact_key(item.text)
        if text_key in self._seen:  # the same story under another link
            return []
        self._seen.add(text_key)
        return [item]


def watch(
    feeds: Sequence[str],
    every_s: float,
    sink: Sink,
    state_path: Path,
    fetcher: Fetcher | None = None,
    polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_poll: Callable[[PollReport], None] | None = None,
) -> None:
    """Poll every ``every_s`` seconds, ``polls`` times (forever when None)."""
    with fetcher or Fetcher() as client:
        watcher = FeedWatcher(feeds, sink, state_path, client)
        done = 0
        while polls is None or done < polls:
            started = time.monotonic()
            report = watcher.poll()
            done += 1
            if on_poll is not None:
                on_poll(report)
            if polls is None or done < polls:
                sleep(max(0.0, every_s - (time.monotonic() - started)))


def load_seen(path: Path) -> set[str]:
    """The remembered keys; a missing file is a fresh start, a broken one an error."""
    if not path.exists():
        return set()
    state = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        raise ValueError(f"{path} is not an eventwire watch state file")
    seen = state.get("seen", [])
    return {key for key in seen if isinstance(key, str)}


def save_seen(path: Path, seen: set[str]) -> None:
    """Write the state atomically (temporary file, then rename)."""
    temporary = path.with_name(path.name + ".tmp")
    payload = {"version": STATE_VERSION, "seen": sorted(seen)}
    temporary.write_text(json.dumps(payload, indent=0), encoding="utf-8")
    os.replace(temporary, path)


def _may_pass(error: IngestError) -> bool:
    return error.reason in _RETRY_REASONS or error.detail.startswith(("HTTP 5", "HTTP 429"))
