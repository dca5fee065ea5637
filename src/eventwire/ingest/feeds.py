"""RSS/Atom feeds (feedparser) and URL lists: links to fetched, extracted articles.

A feed entry is only a pointer: the article is the linked page, fetched with a
:class:`~eventwire.ingest.fetch.Fetcher` and extracted like any HTML page. The
entry's title and date fill in what the page does not say.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from eventwire.ingest.errors import Item, ingest_error
from eventwire.ingest.fetch import FetchConfig, Fetcher
from eventwire.ingest.html import article_from_html
from eventwire.records import IngestError, RawArticle

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: where the article is and what the feed says of it."""

    link: str
    entry_id: str
    title: str | None = None
    published: dt.date | None = None
    feed_title: str | None = None


def parse_feed(data: bytes, origin: str) -> tuple[FeedEntry, ...] | IngestError:
    """The entries with a link; a feed that cannot be parsed or has none is an error."""
    import feedparser

    if not data.strip():
        return ingest_error(origin, "empty", "the feed is empty")
    try:
        # a stream, never the bytes: feedparser reads bytes that name a local file
        # (or a URL) as that file, so a feed body "/etc/hosts" would be read from disk
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser fails in many ways on junk (bad encodings)
        return ingest_error(origin, "bad_feed", f"not a readable RSS/Atom feed: {exc!r}")
    feed_title = _text(parsed.feed.get("title"))
    entries = []
    for entry in parsed.entries:
        link = _text(entry.get("link"))
        if link is None:
            continue
        entries.append(
            FeedEntry(
                link=link,
                entry_id=_text(entry.get("id")) or link,
                title=_text(entry.get("title")),
                published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                feed_title=feed_title,
            )
        )
    if not entries and parsed.get("bozo"):
        detail = f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')!r}"
        return ingest_error(origin, "bad_feed", detail)
    if not parsed.get("version") and not entries:
        return ingest_error(origin, "bad_feed", "not an RSS/Atom feed")
    return tuple(entries)


def fetch_feed(url: str, fetcher: Fetcher) -> tuple[FeedEntry, ...] | IngestError:
    fetched = fetcher.fetch(url)
    if isinstance(fetched, IngestError):
        return fetched
    return parse_feed(fetched.content, url)


def fetch_article(url: str, fetcher: Fetcher, entry: FeedEntry | None = None) -> Item:
    """The article at ``url``, with the feed entry's title and date as fallbacks."""
    fetched = fetcher.fetch(url)
    if isinstance(fetched, IngestError):
        return fetched
    content_type = fetched.content_type.lower()
    if content_type and not content_type.startswith(_HTML_TYPES):
        return ingest_error(url, "not_html", f"the page is {fetched.content_type!r}")
    item = article_from_html(fetched.content, url, fetched.final_url, fetched.charset, url)
    if isinstance(item, IngestError) or entry is None:
        return item
    return replace(
        item,
        title=item.title or entry.title,
        published=item.published or entry.published,
        outlet=item.outlet or entry.feed_title,
    )


def read_feed_file(path: Path, config: FetchConfig | None = None) -> Iterator[Item]:
    """A saved feed: each entry's page is fetched and extracted."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ingest_error(origin, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return
    entries = parse_feed(data, origin)
    if isinstance(entries, IngestError):
        yield entries
        return
    with Fetcher(config or FetchConfig()) as fetcher:
        for entry in entries:
            yield fetch_article(entry.link, fetcher, entry)


def read_url_list(path: Path, config: FetchConfig | None = None) -> Iterator[Item]:
    """A file of URLs, one a line (``#`` comments and blank lines skipped)."""
    origin = str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        yield ingest_error(origin, "unreadable", f"cannot read the URL list: {exc}")
        return
    urls = [(n, line.strip()) for n, line in enumerate(lines, 1) if _is_url_line(line)]
    if not urls:
        yield ingest_error(origin, "empty", "no URLs in the file")
        return
    with Fetcher(config or FetchConfig()) as fetcher:
        for number, url in urls:
            item = fetch_article(url, fetcher)
            if isinstance(item, RawArticle):
                item = replace(item, origin=f"{origin}:{number}")
            yield item


def _is_url_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, time.struct_time):
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).date()
