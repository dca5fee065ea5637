"""Fetching and feeds against a real local HTTP server (see conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.ingest import ReadOptions, read_inputs
from eventwire.ingest.feeds import fetch_article, fetch_feed, parse_feed
from eventwire.ingest.fetch import USER_AGENT, FetchConfig, Fetched, Fetcher
from eventwire.records import IngestError, RawArticle

if TYPE_CHECKING:
    from conftest import LocalSite

FAST = FetchConfig(timeout_s=0.3, retries=1, backoff_s=0.01, host_delay_s=0.0)


def test_fetch_sends_user_agent_and_follows_robots(site: LocalSite) -> None:
    with Fetcher(FAST) as fetcher:
        page = fetcher.fetch(f"{site.base}/africa/ceasefire.html")
        banned = fetcher.fetch(f"{site.base}/private/secret.html")
    assert isinstance(page, Fetched) and page.status == 200
    assert isinstance(banned, IngestError) and banned.reason == "robots_disallowed"
    assert site.hits["/private/secret.html"] == 0
    assert site.hits["/robots.txt"] == 1  # cached per host
    assert "eventwire/" in USER_AGENT


def test_server_error_is_retried_then_reported(site: LocalSite) -> None:
    slept: list[float] = []
    with Fetcher(FAST, sleep=slept.append) as fetcher:
        error = fetcher.fetch(f"{site.base}/error")
    assert isinstance(error, IngestError)
    assert (error.reason, error.detail, error.source) == (
        "http_error",
        "HTTP 500",
        f"{site.base}/error",
    )
    assert site.hits["/error"] == 1 + FAST.retries
    assert slept == [FAST.backoff_s]


def test_not_found_is_not_retried(site: LocalSite) -> None:
    with Fetcher(FAST) as fetcher:
        error = fetcher.fetch(f"{site.base}/nothing-here")
    assert isinstance(error, IngestError) and error.detail == "HTTP 404"
    assert site.hits["/nothing-here"] == 1


def test_timeout_and_redirect_loop_are_bounded(site: LocalSite) -> None:
    config = FetchConfig(timeout_s=0.2, retries=0, host_delay_s=0.0, max_redirects=3)
    with Fetcher(config) as fetcher:
        slow = fetcher.fetch(f"{site.base}/slow")
        loop = fetcher.fetch(f"{site.base}/loop")
    assert isinstance(slow, IngestError) and slow.reason == "timeout"
    assert isinstance(loop, IngestError) and loop.reason == "redirect_loop"
    assert site.hits["/loop"] == 1 + config.max_redirects


def test_size_cap_stops_reading(site: LocalSite) -> None:
    with Fetcher(FetchConfig(max_bytes=10_000, host_delay_s=0.0)) as fetcher:
        error = fetcher.fetch(f"{site.base}/big.html")
    assert isinstance(error, IngestError) and error.reason == "too_large"


def test_politeness_delay_between_calls_to_one_host(site: LocalSite) -> None:
    slept: list[float] = []
    now = [100.0]
    config = FetchConfig(host_delay_s=2.0, respect_robots=False)
    with Fetcher(config, sleep=slept.append, clock=lambda: now[0]) as fetcher:
        fetcher.fetch(f"{site.base}/africa/ceasefire.html")
        now[0] += 0.5
        fetcher.fetch(f"{site.base}/news/protest.html")
    assert slept == [1.5]


def test_feeds_parse_and_articles_take_entry_metadata(site: LocalSite) -> None:
    with Fetcher(FAST) as fetcher:
        entries = fetch_feed(f"{site.base}/harbour.rss", fetcher)
        assert not isinstance(entries, IngestError)
        assert [e.entry_id for e in entries] == ["harbour-1", "harbour-2"]
        assert entries[1].published == dt.date(2019, 3, 2)
        protest = fetch_article(entries[1].link, fetcher, entries[1])
    assert isinstance(protest, RawArticle)
    # The page has no date: the feed's is used. It is cp1252, declared in a meta tag.
    assert protest.published == dt.date(2019, 3, 2)
    assert "“remains open”" in protest.text
    assert protest.title == "Farmers block roads in protest over fuel prices"


def test_bad_feeds_are_errors() -> None:
    assert isinstance(parse_feed(b"", "f"), IngestError)
    error = parse_feed(b"<html><body>not a feed</body></html>", "f.rss")
    assert isinstance(error, IngestError) and error.reason == "bad_feed"


def test_feed_file_reader_fetches_entries_and_reports_the_lost_one(
    site: LocalSite, tmp_path: Path
) -> None:
    feed = tmp_path / "valley.atom"
    feed.write_bytes(site.routes["/valley.atom"][2])
    items = list(read_inputs([str(feed)], options=ReadOptions(fetch=FAST)))
    article, lost = items
    assert isinstance(article, RawArticle) and article.published == dt.date(2020, 6, 17)
    assert isinstance(lost, IngestError) and lost.source == f"{site.base}/gone.html"


def test_url_list_reader(site: LocalSite, tmp_path: Path) -> None:
    urls = tmp_path / "today.urls"
    urls.write_text(f"# two pages\n{site.base}/africa/ceasefire.html\n\n{site.base}/error\n")
    article, error = read_inputs([str(urls)], options=ReadOptions(fetch=FAST))
    assert isinstance(article, RawArticle) and article.origin == f"{urls}:2"
    assert isinstance(error, IngestError) and error.reason == "http_error"
