"""Readers: paths and stdin to ``RawArticle`` or ``IngestError``, streaming.

A reader never raises for bad input: every unreadable file, line or record comes
back as an :class:`IngestError` that says where and why, and the batch goes on.
Readers are registered by name in :data:`READERS`; a file is read by the reader
whose suffix ends its name, or by the one named with ``reader=``.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TextIO

from eventwire.ingest.decode import decode_bytes, text_problem
from eventwire.ingest.errors import Item, ingest_error
from eventwire.ingest.feeds import read_feed_file, read_url_list
from eventwire.ingest.fetch import FetchConfig
from eventwire.ingest.html import MAX_HTML_BYTES, read_html_file
from eventwire.ingest.tabular import (
    DEFAULT_COLUMNS,
    ColumnMap,
    read_csv_file,
    read_parquet_file,
    record_to_article,
)
from eventwire.ingest.warc import read_warc_file
from eventwire.records import IngestError, RawArticle
from eventwire.registry import UnknownComponentError

STDIN = "-"
STDIN_ORIGIN = "<stdin>"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Settings some readers need: the column mapping of corpus tables, the size
    cap of one page, and how to behave on the network for feeds and URL lists."""

    columns: ColumnMap = DEFAULT_COLUMNS
    max_page_bytes: int = MAX_HTML_BYTES
    fetch: FetchConfig = field(default_factory=FetchConfig)


DEFAULT_OPTIONS = ReadOptions()
Reader = Callable[[Path, ReadOptions], Iterator[Item]]


@dataclass(frozen=True, slots=True)
class ReaderSpec:
    """A named reader and the file-name suffixes it is picked for."""

    name: str
    suffixes: tuple[str, ...]
    read: Reader


def read_inputs(
    inputs: Sequence[str],
    stdin: TextIO | None = None,
    reader: str | None = None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> Iterator[Item]:
    """Articles from each input in order: files, directories, or ``-`` for stdin.

    ``reader`` forces one reader by name for every file; an unknown name raises
    :class:`~eventwire.registry.UnknownComponentError` at once, listing the valid ones.
    """
    forced = reader_named(reader) if reader is not None else None
    return _read_inputs(inputs, stdin, forced, options)


def reader_named(name: str) -> ReaderSpec:
    """The reader registered as ``name``."""
    try:
        return READERS[name]
    except KeyError:
        raise UnknownComponentError("reader", name, sorted(READERS)) from None


def _read_inputs(
    inputs: Sequence[str], stdin: TextIO | None, forced: ReaderSpec | None, options: ReadOptions
) -> Iterator[Item]:
    for name in inputs:
        if name == STDIN:
            yield from read_stdin(stdin if stdin is not None else sys.stdin)
        else:
            yield from read_path(Path(name), forced, options)


def read_path(
    path: Path, reader: ReaderSpec | None = None, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Item]:
    """One file by its suffix (or the given reader), or a directory's supported
    files in sorted order."""
    if path.is_dir():
        yield from _read_directory(path, reader, options)
        return
    if not path.exists():
        yield _error(str(path), "not_found", "no such file or directory")
        return
    spec = reader or reader_for(path)
    if spec is None:
        detail = f"unknown file type; supported: {_supported()}; or name a reader"
        yield _error(str(path), "unsupported_format", detail)
        return
    yield from spec.read(path, options)


def reader_for(path: Path, readers: Mapping[str, ReaderSpec] | None = None) -> ReaderSpec | None:
    """The reader whose suffix ends the file name (longest suffix wins)."""
    table = READERS if readers is None else readers
    name = path.name.lower()
    by_suffix = [(suffix, spec) for spec in table.values() for suffix in spec.suffixes]
    for suffix, spec in sorted(by_suffix, key=lambda pair: len(pair[0]), reverse=True):
        if name.endswith(suffix):
            return spec
    return None


def read_text_file(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Item]:
    """A plain-text file is one article; the cleaner derives its id."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _error(origin, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return
    decoded = decode_bytes(data)
    if decoded.text is None:
        yield _error(origin, decoded.reason or "encoding", decoded.detail)
        return
    yield RawArticle(id=None, text=decoded.text, origin=origin)


def read_jsonl_file(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Item]:
    """JSON Lines, one article per line, read line by line."""
    try:
        with path.open("rb") as stream:
            yield from _records(str(path), _decoded_lines(str(path), stream), options.columns)
    except OSError as exc:
        yield _error(str(path), "unreadable", f"cannot read the file: {exc.strerror or exc}")


def read_jsonl_gz_file(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Item]:
    """Gzipped JSON Lines, decompressed as a stream; a broken or truncated gzip
    still yields the records before the break, then one ``bad_gzip`` error."""
    origin = str(path)
    try:
        with gzip.open(path, "rb") as stream:
            yield from _records(origin, _decoded_lines(origin, stream), options.columns)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        detail = f"the gzip stream is broken or truncated ({exc})"
        yield _error(origin, "bad_gzip", detail)
    except OSError as exc:
        yield _error(origin, "unreadable", f"cannot read the file: {exc.strerror or exc}")


def _csv(path: Path, options: ReadOptions) -> Iterator[Item]:
    return read_csv_file(path, options.columns)


def _parquet(path: Path, options: ReadOptions) -> Iterator[Item]:
    return read_parquet_file(path, options.columns)


def _html(path: Path, options: ReadOptions) -> Iterator[Item]:
    return read_html_file(path, options.max_page_bytes)


def _warc(path: Path, options: ReadOptions) -> Iterator[Item]:
    return read_warc_file(path, options.max_page_bytes)


def _feed(path: Path, options: ReadOptions) -> Iterator[Item]:
    return read_feed_file(path, options.fetch)


def _urls(path: Path, options: ReadOptions) -> Iterator[Item]:
    return read_url_list(path, options.fetch)


READERS: Mapping[str, ReaderSpec] = MappingProxyType(
    {
        spec.name: spec
        for spec in (
            ReaderSpec("text", (".txt",), read_text_file),
            ReaderSpec("jsonl", (".jsonl",), read_jsonl_file),
            ReaderSpec("jsonl.gz", (".jsonl.gz",), read_jsonl_gz_file),
            ReaderSpec("csv", (".csv",), _csv),
            ReaderSpec("parquet", (".parquet",), _parquet),
            ReaderSpec("html", (".html", ".htm"), _html),
            ReaderSpec("warc", (".warc", ".warc.gz"), _warc),
            ReaderSpec("feed", (".rss", ".atom"), _feed),
            ReaderSpec("urls", (".urls",), _urls),
        )
    }
)


def _supported() -> str:
    return ", ".join(f"{spec.name} ({' '.join(spec.suffixes)})" for spec in READERS.values())


def read_stdin(stream: TextIO) -> Iterator[Item]:
    """JSON Lines when the first non-blank character is ``{``, else one article."""
    try:
        head: list[str] = []
        for line in stream:
            head.append(line)
            if line.strip():
                break
        first = "".join(head)
        if first.lstrip().startswith("{"):
            start = len(head)
            lines = _chain([first.strip()], stream)
            yield from _records(STDIN_ORIGIN, enumerate(lines, start=start))
            return
        text = first + stream.read()
    except UnicodeDecodeError as exc:
        yield _error(STDIN_ORIGIN, "encoding", f"stdin is not valid text: {exc}")
        return
    problem = text_problem(text)
    if problem is not None:
        yield _error(STDIN_ORIGIN, *problem)
        return
    yield RawArticle(id=None, text=text, origin=STDIN_ORIGIN)


def _read_directory(path: Path, reader: ReaderSpec | None, options: ReadOptions) -> Iterator[Item]:
    try:
        files = sorted(p for p in path.iterdir() if p.is_file() and reader_for(p) is not None)
    except OSError as exc:
        yield _error(str(path), "unreadable", f"cannot list the directory: {exc.strerror}")
        return
    if not files:
        yield _error(str(path), "empty", f"the directory has no input files ({_supported()})")
        return
    for file in files:
        yield from read_path(file, reader, options)


def _decoded_lines(origin: str, stream: Iterable[bytes]) -> Iterator[tuple[int, str | IngestError]]:
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield number, _error(f"{origin}:{number}", "encoding", f"the line is not UTF-8: {exc}")
            continue
        yield number, line


def _records(
    origin: str,
    lines: Iterable[tuple[int, str | IngestError]],
    columns: ColumnMap = DEFAULT_COLUMNS,
) -> Iterator[Item]:
    seen_any = False
    for number, line in lines:
        if isinstance(line, IngestError):
            seen_any = True
            yield line
            continue
        if not line.strip():
            continue
        seen_any = True
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _error(where, "bad_json", f"the line is not valid JSON: {exc.msg}")
            continue
        yield record_to_article(record, where, columns)
    if not seen_any:
        yield _error(origin, "empty", "no records in the input")


def _chain(first: list[str], rest: Iterable[str]) -> Iterator[str]:
    yield from first
    yield from rest


_error = ingest_error
