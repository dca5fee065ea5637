"""Stable ids and publication dates from what a record or URL already says."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


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
