"""Polling feeds from a local server: each article fetched once, across restarts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from eventwire.ingest.fetch import FetchConfig, Fetcher
from eventwire.ingest.watch import FeedWatcher, parse_interval, watch
from eventwire.records import IngestError, RawArticle

if TYPE_CHECKING:
    from conftest import LocalSite

FAST = FetchConfig(timeout_s=0.3, retries=0, backoff_s=0.0, host_delay_s=0.0)
Batch = list[RawArticle | IngestError]


def test_interval_parsing() -> None:
    assert parse_interval("15m") == 900 and parse_interval("90s") == 90
    assert parse_interval("1h") == 3600 and parse_interval("30") == 30
    with pytest.raises(ValueError, match="interval"):
        parse_interval("soon")


def test_new_articles_once_and_remembered_across_restarts(site: LocalSite, tmp_path: Path) -> None:
    feeds = [f"{site.base}/harbour.rss", f"{site.base}/valley.atom", f"{site.base}/error"]
    state = tmp_path / "watch.json"
    batches: list[Batch] = []
    watch(feeds, 0.0, batches.append, state, fetcher=Fetcher(FAST), polls=2)
    first = batches[0]
    titles = sorted(item.title or "" for item in first if isinstance(item, RawArticle))
    assert titles == [
        "Farmers block roads in protest over fuel prices",
        "Fishing ministers agree to resume quota talks",
        "Rebels and army sign ceasefire in northern province",
    ]
    reasons = sorted((i.source, i.reason) for i in first if isinstance(i, IngestError))
    assert reasons == [
        (f"{site.base}/error", "http_error"),
        (f"{site.base}/gone.html", "http_error"),
    ]
    # Second poll: the feed that failed fails again; no article is fetched again.
    assert [(i.reason) for i in batches[1]] == ["http_error"]
    assert site.hits["/africa/ceasefire.html"] == 1 and site.hits["/gone.html"] == 1

    # A restart with the same state file fetches nothing old.
    restarted: list[Batch] = []
    watcher = FeedWatcher(feeds[:2], restarted.append, state, Fetcher(FAST))
    report = watcher.poll()
    assert (report.new_articles, restarted) == (0, [])
    assert site.hits["/news/protest.html"] == 1
    assert json.loads(state.read_text())["version"] == 1


def test_a_timed_out_article_is_tried_again(site: LocalSite, tmp_path: Path) -> None:
    feed = (
        '<rss version="2.0"><channel><title>Slow</title>'
        f"<item><title>Slow page</title><link>{site.base}/slow</link><guid>s1</guid></item>"
        "</channel></rss>"
    ).encode()
    site.routes["/slow.rss"] = (200, "application/rss+xml", feed)
    batches: list[Batch] = []
    config = FetchConfig(timeout_s=0.1, retries=0, host_delay_s=0.0)
    watch([f"{site.base}/slow.rss"], 0.0, batches.append, tmp_path / "s.json", Fetcher(config), 2)
    assert [[(i.reason) for i in batch] for batch in batches] == [["timeout"], ["timeout"]]


def test_broken_state_file_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"something": "else"}')
    with pytest.raises(ValueError, match="state file"):
        FeedWatcher(["http://127.0.0.1:9/feed"], lambda batch: None, state)
