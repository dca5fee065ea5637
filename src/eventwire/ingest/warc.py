"""WARC and WARC.gz archives to articles, streamed record by record (warcio).

Only ``response`` records of HTML pages with HTTP status 200 are articles;
requests, metadata, redirects and images are skipped silently, since an archive
holds many of them by design. A record that breaks the archive (bad header,
truncated gzip member) ends the file with one error that names the record
number; the records before it are kept.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.ingest.errors import Item, ingest_error
from eventwire.ingest.html import MAX_HTML_BYTES, article_from_html

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_WARC_TYPES = frozenset(
    {
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
    }
)
_REQUIRED_HEADERS = ("WARC-Record-ID", "WARC-Date", "Content-Length")


def read_warc_file(path: Path, max_bytes: int = MAX_HTML_BYTES) -> Iterator[Item]:
    """Articles from the HTML responses of a (possibly gzipped) WARC file.

    Origins are ``file#N`` with N the 1-based record number in the archive."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    number = 0
    found = 0
    try:
        with path.open("rb") as stream:
            for record in _records(ArchiveIterator(stream)):
                number += 1
                if isinstance(record, str):
                    yield ingest_error(f"{origin}#{number}", "bad_warc", record)
                    return
                problem = _record_problem(record)
                if problem is not None:
                    yield ingest_error(f"{origin}#{number}", "bad_warc", problem)
                    return
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not content_type.lower().startswith(_HTML_TYPES):
                    continue
                if record.http_headers.get_statuscode() != "200":
                    continue
                found += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{origin}#{number}"
                try:
                    body = record.content_stream().read(max_bytes + 1)
                except (ValueError, LookupError, zlib.error, EOFError) as exc:
                    detail = f"the record's body cannot be decoded ({exc!r})"
                    yield ingest_error(where, "bad_warc", detail, url)
                    continue
                if len(body) > max_bytes:
                    yield ingest_error(where, "too_large", f"page > limit {max_bytes} bytes", url)
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:
                    detail = "the record ends before its Content-Length (truncated archive)"
                    yield ingest_error(where, "bad_warc", detail, url)
                    return
                yield article_from_html(body, where, url, _charset(content_type), url)
    except ArchiveLoadFailed as exc:
        yield ingest_error(f"{origin}#{number + 1}", "bad_warc", f"not a valid WARC record: {exc}")
        return
    except (EOFError, zlib.error) as exc:
        detail = f"the archive is truncated or its gzip is broken ({exc!r})"
        yield ingest_error(f"{origin}#{number + 1}", "bad_warc", detail)
        return
    except OSError as exc:
        yield ingest_error(origin, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return
    if number == 0:
        yield ingest_error(origin, "empty", "no records in the WARC file")
    elif found == 0:
        yield ingest_error(origin, "no_html", f"none of {number} records is an HTML response")


def _records(iterator: Iterator[ArcWarcRecord]) -> Iterator[ArcWarcRecord | str]:
    """The archive's records; a record warcio trips over in an unexpected way (it
    assumes headers it never checked, e.g. a response without a target URI) ends
    the stream with why, as a string. Failures it reports properly pass through."""
    from warcio.exceptions import ArchiveLoadFailed

    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except (ArchiveLoadFailed, EOFError, zlib.error, OSError):
            raise
        except Exception as exc:  # warcio has no error type for malformed headers
            yield f"not a valid WARC record: {exc!r}"
            return
        yield record


def _record_problem(record: ArcWarcRecord) -> str | None:
    """Why a record warcio accepted is not a sound WARC record (warcio is lenient:
    it reads junk as an old ARC record), or None."""
    if record.format != "warc":
        return f"not a WARC record (read as {record.format!r})"
    if record.rec_type not in _WARC_TYPES:
        return f"unknown WARC-Type {record.rec_type!r}"
    missing = [h for h in _REQUIRED_HEADERS if not record.rec_headers.get_header(h)]
    return f"missing {', '.join(missing)}" if missing else None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None
