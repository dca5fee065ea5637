"""Every reader, fed damaged and random input: it yields articles or IngestErrors,
never raises, never hangs; every article it yields can be cleaned."""

from __future__ import annotations

import gzip
import io
import itertools
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fuzzing import (
    CORPUS,
    FEEDS,
    PAGES,
    csv_bytes,
    fuzz_settings,
    inputs,
    json_values,
    mutated,
    no_hang,
    warc_bytes,
)
from hypothesis import given
from hypothesis import strategies as st

from eventwire.ingest import TextCleaner
from eventwire.ingest.feeds import parse_feed, read_url_list
from eventwire.ingest.fetch import FetchConfig
from eventwire.ingest.readers import READERS, ReadOptions
from eventwire.records import IngestError, RawArticle

CLEANER = TextCleaner()
_COUNTER = itertools.count()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _read(workdir: Path, reader: str, suffix: str, data: bytes) -> list[RawArticle | IngestError]:
    """Write ``data`` to a fresh file and read it with ``reader``; check the contract."""
    path = workdir / f"input{next(_COUNTER)}{suffix}"
    path.write_bytes(data)
    try:
        with no_hang():
            items = list(READERS[reader].read(path, ReadOptions()))
            for item in items:
                _check_item(item)
    finally:
        path.unlink()
    return items


def _check_item(item: object) -> None:
    assert isinstance(item, RawArticle | IngestError), item
    if isinstance(item, IngestError):
        assert item.reason and item.source
        return
    assert item.text.strip() and "\x00" not in item.text
    document = CLEANER.clean(item)
    assert all(0 <= s.start <= s.end <= len(document.text) for s in document.paragraphs)
    for dropped in document.dropped:
        assert item.text[dropped.raw_start : dropped.raw_end] == dropped.text


TEXT_SEEDS = (
    CORPUS.read_bytes(),
    json.loads(CORPUS.read_text(encoding="utf-8").splitlines()[0])["text"].encode("utf-8"),
    "Präsident sagte: „Nein“ – café".encode("cp1252"),
    "Talks resumed in Geneva.".encode("utf-16"),
    b"\xef\xbb\xbfKABUL, 23 Dec 2017 (Wire) - Officials met.",
)


@fuzz_settings(300)
@given(inputs(TEXT_SEEDS))
def test_text_reader(workdir: Path, data: bytes) -> None:
    _read(workdir, "text", ".txt", data)


def _jsonl_record() -> st.SearchStrategy[bytes]:
    keys = st.sampled_from(("id", "url", "source", "title", "date", "text", "other"))
    record = st.dictionaries(keys, json_values(), max_size=7)
    line = st.one_of(record.map(json.dumps), json_values().map(json.dumps), st.text(max_size=40))
    return st.lists(line, max_size=5).map(lambda lines: "\n".join(lines).encode("utf-8"))


JSONL = st.one_of(inputs((CORPUS.read_bytes(),)), _jsonl_record())


@fuzz_settings(300)
@given(JSONL)
def test_jsonl_reader(workdir: Path, data: bytes) -> None:
    _read(workdir, "jsonl", ".jsonl", data)


@fuzz_settings(200)
@given(st.one_of(JSONL.map(gzip.compress), inputs((gzip.compress(CORPUS.read_bytes()),))))
def test_jsonl_gz_reader(workdir: Path, data: bytes) -> None:
    _read(workdir, "jsonl.gz", ".jsonl.gz", data)


CSV_SEEDS = (csv_bytes(), b"id,text\n1,Talks resumed.\n", b'text\n"unclosed\n')


@fuzz_settings(300)
@given(inputs(CSV_SEEDS))
def test_csv_reader(workdir: Path, data: bytes) -> None:
    _read(workdir, "csv", ".csv", data)


def _parquet(columns: dict[str, list[object]]) -> bytes:
    out = io.BytesIO()
    pq.write_table(pa.table(columns), out)
    return out.getvalue()


def _parquet_table() -> st.SearchStrategy[bytes]:
    texts = st.one_of(
        st.lists(st.none() | st.text(max_size=80), min_size=1, max_size=4),
        st.lists(st.integers(-(2**63), 2**63 - 1), min_size=1, max_size=4),
        st.lists(st.binary(max_size=20), min_size=1, max_size=4),
        st.lists(st.lists(st.text(max_size=5), max_size=2), min_size=1, max_size=4),
    )

    @st.composite
    def table(draw: st.DrawFn) -> bytes:
        text = draw(texts)
        n = len(text)
        columns: dict[str, list[object]] = {draw(st.sampled_from(("text", "body"))): text}
        if draw(st.booleans()):
            columns["date"] = draw(
                st.lists(st.none() | st.text(max_size=12), min_size=n, max_size=n)
            )
        if draw(st.booleans()):
            columns["id"] = draw(st.lists(st.floats() | st.none(), min_size=n, max_size=n))
        return _parquet(columns)

    return table()


PARQUET_SEED = _parquet(
    {
        "id": ["a", "b"],
        "text": ["Ministers agreed to resume talks on Monday.", "Protesters blocked roads."],
        "date": ["2019-03-04", "not a date"],
    }
)


@fuzz_settings(200)
@given(st.one_of(_parquet_table(), mutated((PARQUET_SEED,))))
def test_parquet_reader(workdir: Path, data: bytes) -> None:
    _read(workdir, "parquet", ".parquet", data)


HTML_SEEDS = tuple(p.read_bytes() for p in PAGES)


def _html_page() -> st.SearchStrategy[bytes]:
    tags = st.sampled_from(("p", "div", "article", "table", "td", "script", "style", "h1", "time"))
    words = st.text(st.characters(codec="utf-8"), max_size=60)
    element = st.tuples(tags, words).map(lambda tw: f"<{tw[0]}>{tw[1]}</{tw[0]}>")
    return st.lists(element, max_size=12).map(
        lambda parts: ("<html><head><title>t</title></head><body>" + "".join(parts)).encode()
    )


@fuzz_settings(300)
@given(st.one_of(inputs(HTML_SEEDS), _html_page()))
def test_html_reader(workdir: Path, data: bytes) -> None:
    _read(workdir, "html", ".html", data)


WARC_SEEDS = (warc_bytes(gzipped=False), warc_bytes(gzipped=True))


@fuzz_settings(300)
@given(inputs(WARC_SEEDS), st.booleans())
def test_warc_reader(workdir: Path, data: bytes, gz_suffix: bool) -> None:
    _read(workdir, "warc", ".warc.gz" if gz_suffix else ".warc", data)


FEED_SEEDS = tuple(p.read_bytes() for p in FEEDS)


@fuzz_settings(300)
@given(inputs(FEED_SEEDS))
def test_feed_parser(data: bytes) -> None:
    with no_hang():
        parsed = parse_feed(data, "fuzz.rss")
    if isinstance(parsed, IngestError):
        assert parsed.reason in ("empty", "bad_feed")
    else:
        assert all(entry.link and entry.entry_id for entry in parsed)


# nothing listens on port 9 of 127.0.0.1: each URL fails fast, never leaves the machine
OFFLINE = FetchConfig(timeout_s=1.0, retries=0, host_delay_s=0.0, respect_robots=False)
URL_LINES = st.one_of(
    st.sampled_from(
        (
            "http://127.0.0.1:9/a",
            "# comment",
            "",
            " ",
            "ftp://127.0.0.1/x",
            "http://[::1",
            "http://[",
        )
    ),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30).filter(
        lambda s: "//" not in s or s.startswith(("http://127.0.0.1:9", "http://["))
    ),
)


@fuzz_settings(100)
@given(st.lists(URL_LINES, max_size=3))
def test_url_list_reader(workdir: Path, lines: list[str]) -> None:
    path = workdir / f"list{next(_COUNTER)}.urls"
    path.write_text("\n".join(lines), encoding="utf-8")
    with no_hang():
        items = list(read_url_list(path, OFFLINE))
    for item in items:
        _check_item(item)
