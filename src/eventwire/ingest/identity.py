"""Stable ids and publication dates from what a record or URL already says."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
)  # fmt: skip
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "December 23, 2017" or "23 December 2017", anywhere in a short dateline.
_WRITTEN_DATES = (
    (re.compile(rf"\b{_MONTH} (\d{{1,2}}),? ((?:19|20)\d\d)\b", re.IGNORECASE), (3, 1, 2)),
    (re.compile(rf"\b(\d{{1,2}}) {_MONTH},? ((?:19|20)\d\d)\b", re.IGNORECASE), (3, 2, 1)),
)
DATELINE_MAX_CHARS = 80


def content_id(text: str) -> str:
    """A deterministic id for an article that came without one."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_date(value: object) -> dt.date | None:
    """A date from ``YYYY-MM-DD`` or an ISO timestamp; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if match is None:
        return None
    return _safe_date(*(int(part) for part in match.groups()))


def date_from_url(url: str | None) -> dt.date | None:
    """The ``/YYYY/MM/DD/`` date many outlets put in their article paths."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if match is None:
        return None
    return _safe_date(*(int(part) for part in match.groups()))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_from_dateline(line: str) -> dt.date | None:
    """A full written date in a short dateline ("Saturday, December 23, 2017",
    "MOSCOW, 23 Dec 2017 (Reuters) -"); None when the line has none."""
    head = line[:DATELINE_MAX_CHARS]
    for pattern, (year, month, day) in _WRITTEN_DATES:
        match = pattern.search(head)
        if match is None:
            continue
        month_number = _MONTHS.index(match.group(month)[:3].lower()) + 1
        return _safe_date(int(match.group(year)), month_number, int(match.group(day)))
    return None
