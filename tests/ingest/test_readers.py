"""Readers: every input kind, and every kind of bad input as an IngestError."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest

from eventwire.ingest import READERS, read_inputs
from eventwire.records import IngestError, RawArticle

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _record(**fields: object) -> str:
    base: dict[str, object] = {
        "id": "r1",
        "url": "https://example.org/2019/05/02/story",
        "source": "Example Times",
        "title": "Ministers meet",
        "date": "2019-05-02",
        "text": "The ministers met in Geneva on Tuesday to discuss the ceasefire.",
    }
    base.update(fields)
    return json.dumps(base)


def _errors(items: list[RawArticle | IngestError]) -> list[IngestError]:
    return [item for item in items if isinstance(item, IngestError)]


def _articles(items: list[RawArticle | IngestError]) -> list[RawArticle]:
    return [item for item in items if isinstance(item, RawArticle)]


def test_txt_file_is_one_article_without_id(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Iran accused Israel of the attack.\n", encoding="utf-8")
    [article] = list(read_inputs([str(path)]))
    assert isinstance(article, RawArticle)
    assert article.id is None
    assert article.origin == str(path)
    assert article.text.startswith("Iran accused")


def test_jsonl_fields_map_onto_the_article(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(_record() + "\n" + _record(id=7, date="1987-02-26T15:01:01") + "\n")
    first, second = read_inputs([str(path)])
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.id, first.outlet, first.title) == ("r1", "Example Times", "Ministers meet")
    assert first.url == "https://example.org/2019/05/02/story"
    assert first.published == dt.date(2019, 5, 2)
    assert first.origin == f"{path}:1"
    assert (second.id, second.origin) == ("7", f"{path}:2")
    assert second.published == dt.date(1987, 2, 26)


def test_null_and_odd_dates_become_none(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(_record(date=None) + "\n" + _record(date="yesterday") + "\n")
    assert [a.published for a in _articles(list(read_inputs([str(path)])))] == [None, None]


def test_jsonl_gz_streams_records(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for number in range(3):
            stream.write(_record(id=f"r{number}") + "\n")
    assert [a.id for a in _articles(list(read_inputs([str(path)])))] == ["r0", "r1", "r2"]


def test_committed_wikinews_records() -> None:
    items = list(read_inputs([str(DATA / "wikinews_sample.jsonl")]))
    assert not _errors(items)
    assert len(items) == 3
    assert all(a.outlet == "Wikinews" and a.url and a.published for a in _articles(items))


def test_real_corpus_records_stream_from_gzip() -> None:
    path = CORPUS / "wikinews_2019_2020.jsonl.gz"
    if not path.exists():
        pytest.skip("the corpus lives in ../shared")
    items = read_inputs([str(path)])
    first, second = next(items), next(items)
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert first.id and first.id.startswith("wikinews-")
    assert first.published is not None and first.origin.endswith(":1")


def test_bad_lines_are_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [
        _record(id="good1"),
        '{"id": "x", "text": ',
        "[1, 2]",
        _record(id="notext", text=None),
        json.dumps({"id": "missing"}),
        _record(id="blank", text="   \n "),
        _record(id="junk", text="\x00\x01\x02abc"),
        "",
        _record(id="good2"),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_inputs([str(path)]))
    assert [a.id for a in _articles(items)] == ["good1", "good2"]
    reasons = [(e.reason, e.record, e.source) for e in _errors(items)]
    assert reasons == [
        ("bad_json", None, f"{path}:2"),
        ("bad_json", None, f"{path}:3"),
        ("missing_text", "notext", f"{path}:4"),
        ("missing_text", "missing", f"{path}:5"),
        ("empty", "blank", f"{path}:6"),
        ("binary", "junk", f"{path}:7"),
    ]
    assert all(e.stage == "ingest" and e.detail for e in _errors(items))


def test_non_utf8_jsonl_line_is_an_encoding_error(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(_record(id="a").encode() + b"\n" + b'{"text": "caf\xe9"}\n')
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["RawArticle", "IngestError"]
    assert _errors(items)[0].reason == "encoding"


def test_truncated_gzip_yields_records_then_one_error(tmp_path: Path) -> None:
    body = "".join(_record(id=f"r{n}", text="word " * 400) + "\n" for n in range(50))
    whole = gzip.compress(body.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    items = list(read_inputs([str(path), str(path.with_name("missing.txt"))]))
    articles, errors = _articles(items), _errors(items)
    assert 0 < len(articles) < 50
    assert [a.id for a in articles] == [f"r{n}" for n in range(len(articles))]
    assert [e.reason for e in errors] == ["bad_gzip", "not_found"]


def test_not_gzip_at_all(tmp_path: Path) -> None:
    path = tmp_path / "fake.jsonl.gz"
    path.write_text(_record())
    [error] = list(read_inputs([str(path)]))
    assert isinstance(error, IngestError) and error.reason == "bad_gzip"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b" \n\t\n", "empty"),
        (b"PK\x03\x04\x00\x00binary\x00stuff", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (bytes(range(128, 256)) * 8, "encoding"),
    ],
)
def test_bad_text_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [error] = list(read_inputs([str(path)]))
    assert isinstance(error, IngestError)
    assert (error.reason, error.source, error.stage) == (reason, str(path), "ingest")


@pytest.mark.parametrize(
    "data",
    [
        "Peace talks resumed in Doha — “finally”.".encode("utf-16"),
        "\ufeffPeace talks resumed in Doha — “finally”.".encode(),
        "Peace talks resumed in Doha — “finally”.".encode("cp1252"),
    ],
)
def test_encodings_decode(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(data)
    [article] = list(read_inputs([str(path)]))
    assert isinstance(article, RawArticle)
    assert article.text == "Peace talks resumed in Doha — “finally”."


def test_missing_path_and_unknown_suffix(tmp_path: Path) -> None:
    odd = tmp_path / "a.docx"
    odd.write_text("x")
    missing, unsupported = read_inputs([str(tmp_path / "nope.jsonl"), str(odd)])
    assert isinstance(missing, IngestError) and missing.reason == "not_found"
    assert isinstance(unsupported, IngestError) and unsupported.reason == "unsupported_format"
    assert all(suffix in unsupported.detail for suffix in READERS)


def test_directory_reads_supported_files_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second article text here.")
    (tmp_path / "a.jsonl").write_text(_record(id="first") + "\n")
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / "sub").mkdir()
    items = list(read_inputs([str(tmp_path)]))
    assert [(type(i).__name__, i.origin) for i in _articles(items)] == [
        ("RawArticle", f"{tmp_path / 'a.jsonl'}:1"),
        ("RawArticle", str(tmp_path / "b.txt")),
    ]
    assert not _errors(items)


def test_empty_directory_and_empty_jsonl(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "e.jsonl").write_text("\n\n")
    items = list(read_inputs([str(tmp_path / "dir"), str(tmp_path / "e.jsonl")]))
    assert [e.reason for e in _errors(items)] == ["empty", "empty"]


def test_stdin_plain_text() -> None:
    stream = io.StringIO("\n  Russia and China signed a trade deal.\nMore text.\n")
    [article] = list(read_inputs(["-"], stdin=stream))
    assert isinstance(article, RawArticle)
    assert article.origin == "<stdin>" and article.id is None
    assert "Russia and China" in article.text and "More text." in article.text


def test_stdin_json_lines() -> None:
    stream = io.StringIO("\n" + _record(id="s1") + "\nnot json\n" + _record(id="s2") + "\n")
    items = list(read_inputs(["-"], stdin=stream))
    assert [a.id for a in _articles(items)] == ["s1", "s2"]
    assert [(a.origin) for a in _articles(items)] == ["<stdin>:2", "<stdin>:4"]
    assert [(e.reason, e.source) for e in _errors(items)] == [("bad_json", "<stdin>:3")]


def test_stdin_empty() -> None:
    [error] = list(read_inputs(["-"], stdin=io.StringIO("  \n")))
    assert isinstance(error, IngestError) and error.reason == "empty"


def test_five_megabyte_single_line(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("The army said it shelled the town. " * 150_000)
    [article] = list(read_inputs([str(path)]))
    assert isinstance(article, RawArticle) and len(article.text) > 5_000_000
