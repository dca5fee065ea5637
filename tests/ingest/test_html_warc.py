"""HTML pages and WARC archives: main text, titles, dates, and broken inputs."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest import TextCleaner, read_inputs
from eventwire.ingest.html import article_from_html
from eventwire.records import IngestError, RawArticle

PAGES = Path(__file__).resolve().parent.parent / "data" / "ingest" / "pages"
# (fixture page, URL it is archived under, content type, expected title, date)
ARCHIVED = (
    (
        "harbour_gazette_talks.html",
        "https://harbourgazette.example/world/quota-talks",
        "text/html; charset=utf-8",
        "Fishing ministers agree to resume quota talks",
        dt.date(2019, 3, 4),  # meta article:published_time
    ),
    (
        "northern_ledger_protest.html",
        "https://www.northernledger.example/2019/03/02/farmers-protest",
        "text/html",
        "Farmers block roads in protest over fuel prices",
        dt.date(2019, 3, 2),  # only the URL says when
    ),
    (
        "valley_courier_ceasefire.html",
        "https://valleycourier.example/africa/ceasefire",
        "text/html; charset=utf-8",
        "Rebels and army sign ceasefire in northern province",
        dt.date(2020, 6, 17),  # JSON-LD datePublished
    ),
)


def _write_warc(path: Path, gzipped: bool = True) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        info = writer.create_warcinfo_record(path.name, {"software": "eventwire tests"})
        writer.write_record(info)
        for page, url, content_type, _, _ in ARCHIVED:
            body = (PAGES / page).read_bytes()
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.1")
            get = StatusAndHeaders(
                "GET / HTTP/1.1", [("User-Agent", "tests")], is_http_request=True
            )
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), http_headers=get
            )
            writer.write_record(request)
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], "HTTP/1.1")
        png = writer.create_warc_record(
            "https://valleycourier.example/logo.png",
            "response",
            payload=io.BytesIO(b"\x89PNG\r\n"),
            http_headers=image,
        )
        writer.write_record(png)


@pytest.mark.parametrize("name", ["pages.warc.gz", "pages.warc"])
def test_warc_round_trips_into_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gzipped=name.endswith(".gz"))
    items = list(read_inputs([str(path)]))
    assert all(isinstance(item, RawArticle) for item in items), items
    documents = [TextCleaner().clean(item) for item in items if isinstance(item, RawArticle)]
    got = [(d.url, d.title, d.published) for d in documents]
    assert got == [(url, title, date) for _, url, _, title, date in ARCHIVED]
    assert [d.outlet for d in documents] == ["Harbour Gazette", "Northern Ledger", "Valley Courier"]
    assert documents[1].text.startswith("Hundreds of farmers drove their tractors")
    assert "“remains open”" in documents[1].text  # cp1252 page decoded right
    for document in documents:
        assert "Copyright" not in document.text and "Share this" not in document.text
        assert document.language == "en"
    assert items[0].origin == f"{path}#3"  # warcinfo, request, then the response


def test_truncated_warc_gz_keeps_earlier_records(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    _write_warc(whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    items = list(read_inputs([str(cut)]))
    assert isinstance(items[0], RawArticle)
    error = items[-1]
    assert isinstance(error, IngestError) and error.reason == "bad_warc"
    assert error.source.startswith(f"{cut}#")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"this is not a WARC file at all\r\n\r\n", "bad_warc"),
        (gzip.compress(b"WARC/1.0\r\nWARC-Type: bogus\r\n"), "bad_warc"),
    ],
)
def test_malformed_warc(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(content)
    items = list(read_inputs([str(path)]))
    assert [item.reason for item in items if isinstance(item, IngestError)] == [reason]


def test_html_file_metadata(tmp_path: Path) -> None:
    [article] = read_inputs([str(PAGES / "valley_courier_ceasefire.html")])
    assert isinstance(article, RawArticle)
    assert article.title == "Rebels and army sign ceasefire in northern province"
    assert article.published == dt.date(2020, 6, 17)
    assert "Home > World" not in article.text


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\xff" * 100, "binary"),
        (b"<html><body><div><p>Hi</div></span></body>", "no_article_text"),
        (b"<<<>>><!-- <html", "no_article_text"),
    ],
)
def test_bad_html(page: bytes, reason: str) -> None:
    item = article_from_html(page, "page.html")
    assert isinstance(item, IngestError) and (item.reason, item.source) == (reason, "page.html")


def test_mixed_encodings_in_one_page_are_kept() -> None:
    body = "<p>The minister’s visit to Zürich was cancelled on Tuesday by the government.</p>"
    page = (
        ("<html><body><article>" + body * 3).encode("utf-8")
        + "<p>Café é</p>".encode("cp1252")
        + b"</article></body></html>"
    )
    item = article_from_html(page, "mixed.html")
    assert isinstance(item, RawArticle) and "Tuesday" in item.text


def test_fifty_megabyte_page_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # sparse: no 50 MB of disk or memory
    ok = tmp_path / "ok.html"
    ok.write_bytes((PAGES / "harbour_gazette_talks.html").read_bytes())
    error, article = read_inputs([str(path), str(ok)])
    assert isinstance(error, IngestError) and error.reason == "too_large"
    assert isinstance(article, RawArticle)
