"""HTML pages to articles: trafilatura finds the main text and the metadata.

trafilatura drops navigation, comments and footers and reads title, site name and
date (through htmldate, which looks at meta tags, structured data, the URL and
the page text, preferring the original publication date over an update). The page
text comes back one block per line; blocks become paragraphs, so the text cleaner
then runs on it like on any scraped text. Bytes are decoded with the charset the
server or the page declares, else like a text file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from eventwire.ingest.decode import decode_bytes, text_problem
from eventwire.ingest.errors import Item, ingest_error
from eventwire.ingest.identity import date_from_url, parse_date
from eventwire.records import RawArticle

MAX_HTML_BYTES = 10_000_000
# Less main text than this is a stub, an index or a broken page, not an article.
MIN_LETTERS = 40
_LETTERS = re.compile(r"[^\W\d_]")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_HEAD_BYTES = 4096


def read_html_file(path: Path, max_bytes: int = MAX_HTML_BYTES) -> Iterator[Item]:
    """One saved page is one article; pages over ``max_bytes`` are refused unread."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield ingest_error(origin, "too_large", f"{size} bytes > limit {max_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ingest_error(origin, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return
    yield article_from_html(data, origin)


def article_from_html(
    data: bytes | str,
    origin: str,
    url: str | None = None,
    charset: str | None = None,
    record: str | None = None,
) -> Item:
    """The main text and metadata of one page, or why there is none. ``charset``
    is what the HTTP headers declared, if anything."""
    if isinstance(data, bytes):
        decoded = decode_html(data, charset)
        if isinstance(decoded, tuple):
            return ingest_error(origin, decoded[0], decoded[1], record)
        page = decoded
    else:
        page = data
    problem = text_problem(page)
    if problem is not None:
        return ingest_error(origin, problem[0], problem[1], record)
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # lxml and trafilatura fail in many ways on broken markup
        return ingest_error(origin, "bad_html", f"the page could not be parsed: {exc!r}", record)
    text = "" if extracted is None or isinstance(extracted, dict) else extracted.text or ""
    if (
        extracted is None
        or isinstance(extracted, dict)
        or len(_LETTERS.findall(text)) < MIN_LETTERS
    ):
        detail = f"no main text of at least {MIN_LETTERS} letters found in the page"
        return ingest_error(origin, "no_article_text", detail, record)
    paragraphs = [line.strip() for line in (extracted.text or "").splitlines() if line.strip()]
    page_url = url or _str_or_none(extracted.url)
    return RawArticle(
        id=None,
        text="\n\n".join(paragraphs),
        origin=origin,
        url=page_url,
        outlet=_str_or_none(extracted.sitename) or _host(page_url),
        title=_str_or_none(extracted.title),
        published=parse_date(extracted.date) or date_from_url(page_url),
    )


def decode_html(data: bytes, charset: str | None = None) -> str | tuple[str, str]:
    """Text of a page, or ``(reason, detail)``: the declared charset when it
    decodes cleanly, else the text-file rules (UTF-8, then cp1252)."""
    for declared in (charset, _meta_charset(data)):
        if declared is None:
            continue
        try:
            codec = codecs.lookup(declared).name
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError, ValueError):  # ValueError: NUL in the name
            continue
    decoded = decode_bytes(data)
    if decoded.text is None:
        return decoded.reason or "encoding", decoded.detail
    return decoded.text


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_HEAD_BYTES])
    return match.group(1).decode("ascii") if match else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # a malformed URL ("http://[::1") names no host
        return None
    return host.removeprefix("www.") if host else None


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
