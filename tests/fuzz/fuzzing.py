"""Shared pieces of the fuzz tests: example counts, seed inputs and mutations.

Random bytes alone rarely get past the first check of a parser, so most inputs
are real samples from ``tests/data/ingest`` (pages, feeds, corpus lines, a WARC
built from the pages) with structure-aware damage: bytes inserted, deleted,
duplicated or flipped, the file cut short, two samples spliced.
"""

from __future__ import annotations

import io
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
PAGES = tuple(sorted((DATA / "pages").glob("*.html")))
FEEDS = tuple(sorted((DATA / "feeds").glob("*")))
CORPUS = DATA / "wikinews_sample.jsonl"
PER_EXAMPLE_S = 20  # an example slower than this is a hang


def fuzz_settings(examples: int) -> settings:
    """``examples`` cases normally; the profile's count (10,000) under HYPOTHESIS_PROFILE."""
    quiet = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
    if os.environ.get("HYPOTHESIS_PROFILE") in ("fuzz", "ci"):
        return settings(deadline=None, suppress_health_check=quiet)
    # Derandomized: ``make test`` checks the same cases on every run (a CI result
    # must not depend on the draw); ``make fuzz`` and the profiles explore anew.
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=quiet, derandomize=True
    )


class Hang(Exception):
    """An example ran longer than :data:`PER_EXAMPLE_S`."""


@contextmanager
def no_hang(seconds: int = PER_EXAMPLE_S) -> Iterator[None]:
    """Fail (instead of stalling the run) when the block takes too long."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def warc_bytes(gzipped: bool) -> bytes:
    """A WARC of the fixture pages: warcinfo, request + response per page, an image."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "fuzz"}))
    for n, page in enumerate(PAGES):
        url = f"https://outlet{n}.example/2020/01/0{n + 1}/story"
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(page.read_bytes()), http_headers=headers
        )
        writer.write_record(record)
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], "HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://outlet0.example/logo.png",
            "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n"),
            http_headers=image,
        )
    )
    return out.getvalue()


def csv_bytes() -> bytes:
    import csv
    import json

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "url", "source", "title", "date", "text"])
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        writer.writerow([r["id"], r["url"], r["source"], r["title"], r["date"], r["text"][:600]])
    return out.getvalue().encode()


# byte pieces that mean something to the parsers under test
TOKENS = (
    b"<",
    b">",
    b"</p>",
    b"<p>",
    b"<script>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"&#x0;",
    b"&amp;",
    b'<meta charset="utf-16">',
    b'<meta charset="x-unknown">',
    b"\r\n\r\n",
    b"\n",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xe2\x80",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999\r\n",
    b"Content-Length: -1\r\n",
    b"WARC-Type: response\r\n",
    b"HTTP/1.1 200 OK\r\n",
    b'{"text": ',
    b'"',
    b",",
    b"\\u0000",
    b"\\ud800",
    b"<item><link>",
    b"<entry>",
    b"\x1f\x8b\x08\x00",
    b"2019-02-30",
    b"9999-99-99",
)


@st.composite
def mutated(draw: st.DrawFn, seeds: tuple[bytes, ...], max_mutations: int = 6) -> bytes:
    """One seed (or two spliced) with a few structure-aware edits."""
    data = bytearray(draw(st.sampled_from(seeds)))
    if draw(st.booleans()) and len(seeds) > 1:
        other = draw(st.sampled_from(seeds))
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + other[draw(st.integers(0, len(other))) :]
    for _ in range(draw(st.integers(0, max_mutations))):
        kind = draw(st.sampled_from(("insert", "token", "delete", "repeat", "flip", "cut")))
        at = draw(st.integers(0, len(data)))
        if kind == "insert":
            data[at:at] = draw(st.binary(max_size=16))
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "repeat":
            piece = data[at : at + draw(st.integers(1, 256))]
            data[at:at] = piece * draw(st.integers(1, 8))
        elif kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            data = data[:at]
    return bytes(data)


def inputs(seeds: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    """Mostly mutated seeds, sometimes raw random bytes."""
    return st.one_of(mutated(seeds), mutated(seeds), mutated(seeds), st.binary(max_size=2048))


def json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=40),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )


Check = Callable[[Any], None]
