"""Readers: paths and stdin to ``RawArticle`` or ``IngestError``, streaming.

A reader never raises for bad input: every unreadable file, line or record comes
back as an :class:`IngestError` that says where and why, and the batch goes on.
Formats are chosen by file-name suffix through :data:`READERS`, a plain table that
a later, registry-based lookup can wrap.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from eventwire.ingest.decode import decode_bytes, text_problem
from eventwire.ingest.identity import parse_date
from eventwire.records import IngestError, RawArticle

Item = RawArticle | IngestError
Reader = Callable[[Path], Iterator[Item]]
STDIN = "-"
STDIN_ORIGIN = "<stdin>"


def read_inputs(inputs: Sequence[str], stdin: TextIO | None = None) -> Iterator[Item]:
    """Articles from each input in order: files, directories, or ``-`` for stdin."""
    for name in inputs:
        if name == STDIN:
            yield from read_stdin(stdin if stdin is not None else sys.stdin)
        else:
            yield from read_path(Path(name))


def read_path(path: Path) -> Iterator[Item]:
    """One file by its suffix, or a directory's supported files in sorted order."""
    if path.is_dir():
        yield from _read_directory(path)
        return
    if not path.exists():
        yield _error(str(path), "not_found", "no such file or directory")
        return
    reader = reader_for(path)
    if reader is None:
        supported = ", ".join(sorted(READERS))
        yield _error(str(path), "unsupported_format", f"unknown file type; supported: {supported}")
        return
    yield from reader(path)


def reader_for(path: Path, readers: Mapping[str, Reader] | None = None) -> Reader | None:
    """The reader whose suffix ends the file name (longest suffix wins)."""
    table = READERS if readers is None else readers
    name = path.name.lower()
    for suffix in sorted(table, key=len, reverse=True):
        if name.endswith(suffix):
            return table[suffix]
    return None


def read_text_file(path: Path) -> Iterator[Item]:
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


def read_jsonl_file(path: Path) -> Iterator[Item]:
    """JSON Lines, one article per line, read line by line."""
    try:
        with path.open("rb") as stream:
            yield from _read_jsonl_lines(str(path), stream)
    except OSError as exc:
        yield _error(str(path), "unreadable", f"cannot read the file: {exc.strerror or exc}")


def read_jsonl_gz_file(path: Path) -> Iterator[Item]:
    """Gzipped JSON Lines, decompressed as a stream; a broken or truncated gzip
    still yields the records before the break, then one ``bad_gzip`` error."""
    origin = str(path)
    try:
        with gzip.open(path, "rb") as stream:
            yield from _read_jsonl_lines(origin, stream)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        detail = f"the gzip stream is broken or truncated ({exc})"
        yield _error(origin, "bad_gzip", detail)
    except OSError as exc:
        yield _error(origin, "unreadable", f"cannot read the file: {exc.strerror or exc}")


READERS: Mapping[str, Reader] = {
    ".txt": read_text_file,
    ".jsonl": read_jsonl_file,
    ".jsonl.gz": read_jsonl_gz_file,
}


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


def record_to_article(record: object, origin: str) -> Item:
    """A corpus record (``id, url, source, title, date, text``) to a RawArticle."""
    if not isinstance(record, dict):
        return _error(origin, "bad_json", "the line is JSON but not an object")
    record_id = _optional_str(record.get("id"))
    text = record.get("text")
    if not isinstance(text, str):
        return _error(origin, "missing_text", "the record has no 'text' string", record_id)
    problem = text_problem(text)
    if problem is not None:
        return _error(origin, problem[0], problem[1], record_id)
    return RawArticle(
        id=record_id,
        text=text,
        origin=origin,
        url=_optional_str(record.get("url")),
        outlet=_optional_str(record.get("source")),
        title=_optional_str(record.get("title")),
        published=parse_date(record.get("date")),
    )


def _read_directory(path: Path) -> Iterator[Item]:
    try:
        files = sorted(p for p in path.iterdir() if p.is_file() and reader_for(p) is not None)
    except OSError as exc:
        yield _error(str(path), "unreadable", f"cannot list the directory: {exc.strerror}")
        return
    if not files:
        supported = ", ".join(sorted(READERS))
        yield _error(str(path), "empty", f"the directory has no input files ({supported})")
        return
    for file in files:
        yield from read_path(file)


def _read_jsonl_lines(origin: str, stream: Iterable[bytes]) -> Iterator[Item]:
    yield from _records(origin, _decoded_lines(origin, stream))


def _decoded_lines(origin: str, stream: Iterable[bytes]) -> Iterator[tuple[int, str | IngestError]]:
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield number, _error(f"{origin}:{number}", "encoding", f"the line is not UTF-8: {exc}")
            continue
        yield number, line


def _records(origin: str, lines: Iterable[tuple[int, str | IngestError]]) -> Iterator[Item]:
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
        yield record_to_article(record, where)
    if not seen_any:
        yield _error(origin, "empty", "no records in the input")


def _chain(first: list[str], rest: Iterable[str]) -> Iterator[str]:
    yield from first
    yield from rest


def _optional_str(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    return None


def _error(source: str, reason: str, detail: str, record: str | None = None) -> IngestError:
    return IngestError(source=source, reason=reason, detail=detail, stage="ingest", record=record)
