"""Inputs the fuzzers found that used to raise (or worse), kept as plain tests."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest.feeds import parse_feed, read_url_list
from eventwire.ingest.fetch import FetchConfig, Fetcher
from eventwire.ingest.html import article_from_html
from eventwire.ingest.repeated import BatchCleaner, outlet_key
from eventwire.ingest.warc import read_warc_file
from eventwire.records import IngestError, RawArticle

FEED = Path(__file__).resolve().parents[1] / "data" / "ingest" / "feeds" / "harbour.rss"
PAGE = Path(__file__).resolve().parents[1] / "data" / "ingest" / "pages"
BAD_URL = "http://[::1"


def test_warc_response_without_target_uri_is_a_bad_warc_error(tmp_path: Path) -> None:
    """warcio raised AttributeError on a response record with no WARC-Target-URI."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
    record = writer.create_warc_record(
        "https://x.example/a", "response", payload=io.BytesIO(b"<p>hi</p>"), http_headers=headers
    )
    writer.write_record(record)
    path = tmp_path / "no-uri.warc"
    path.write_bytes(out.getvalue().replace(b"WARC-Target-URI: https://x.example/a\r\n", b""))
    items = list(read_warc_file(path))
    assert [(i.reason, i.source) for i in items if isinstance(i, IngestError)] == [
        ("bad_warc", f"{path}#1")
    ]


def test_feed_with_undecodable_encoding_declaration_is_a_bad_feed() -> None:
    """feedparser raised UnicodeDecodeError on a non-ASCII encoding name."""
    parsed = parse_feed(b'<?xml version="1.0" encoding="\x80x"?><rss></rss>', "f.rss")
    assert isinstance(parsed, IngestError) and parsed.reason == "bad_feed"


def test_feed_with_nul_is_a_bad_feed() -> None:
    """feedparser took the bytes for a file name and raised ValueError on the NUL."""
    parsed = parse_feed(b"<rss>\x00</rss>", "f.rss")
    assert isinstance(parsed, IngestError) and parsed.reason == "bad_feed"


def test_feed_body_naming_a_local_file_is_not_read_from_disk() -> None:
    """A feed whose body is a path used to be parsed from that local file."""
    assert isinstance(parse_feed(str(FEED).encode(), "hostile.rss"), IngestError)
    assert not isinstance(parse_feed(FEED.read_bytes(), "harbour.rss"), IngestError)


def test_malformed_urls_are_errors_not_exceptions(tmp_path: Path) -> None:
    """urlsplit raises ValueError on an unclosed IPv6 bracket."""
    with Fetcher(FetchConfig(retries=0, respect_robots=False)) as fetcher:
        fetched = fetcher.fetch(BAD_URL)
    assert isinstance(fetched, IngestError) and fetched.reason == "bad_url"
    urls = tmp_path / "list.urls"
    urls.write_text(BAD_URL + "\n", encoding="utf-8")
    assert [i.reason for i in read_url_list(urls) if isinstance(i, IngestError)] == ["bad_url"]
    article = RawArticle(id=None, text="Talks resumed.", origin="x", url=BAD_URL)
    assert outlet_key(article) is None
    assert len(BatchCleaner().clean_batch([article, article])) == 2
    page = (PAGE / "harbour_gazette_talks.html").read_bytes()
    assert isinstance(article_from_html(page, "p.html", url=BAD_URL), RawArticle)


def test_json_escaped_lone_surrogate_is_mended_not_a_crash(tmp_path: Path) -> None:
    """A JSON line with half a surrogate pair ("\\ud800") crashed the document hash."""
    from eventwire.ingest import TextCleaner
    from eventwire.ingest.readers import READERS, ReadOptions

    path = tmp_path / "lone.jsonl"
    path.write_text('{"text": "\\ud800Officials met in Kabul.", "title": "\\udc00T"}\n')
    [article] = list(READERS["jsonl"].read(path, ReadOptions()))
    assert isinstance(article, RawArticle)
    assert article.text == "\ufffdOfficials met in Kabul." and article.title == "\ufffdT"
    TextCleaner().clean(article).text.encode("utf-8")


def test_a_charset_with_a_nul_byte_falls_back_to_sniffing() -> None:
    """codecs.lookup raised ValueError ("embedded null character"), not LookupError."""
    from eventwire.ingest.html import decode_html

    assert decode_html(b"<p>Talks resumed.</p>", "utf\x008") == "<p>Talks resumed.</p>"


def test_an_interval_beyond_the_calendar_is_no_date() -> None:
    """ "99999999 years ago" overflowed datetime instead of giving no date."""
    import datetime as dt

    from eventwire.dates.normalize import DateNormalizer

    published = dt.date(2017, 12, 23)
    for text in (
        "99999999 years ago",
        "2017 years ago",
        "99999999999 days ago",
        "30000 months ago",
    ):
        assert DateNormalizer().normalize(text, published, False) is None
    assert DateNormalizer().normalize("two years ago", published, False) is not None
