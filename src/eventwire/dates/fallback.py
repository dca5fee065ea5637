"""dateparser, kept for absolute dates our own patterns do not read ("9/11/2001").

Only dates that name a year and a month are accepted, and the year must appear
in the text, so the result never depends on today's date and relative phrases
("16 years", "last month") cannot slip through with a made-up value.
"""

from __future__ import annotations

import datetime as dt
import re
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

    from .normalize import CalendarValue

_YEAR_TOKEN = re.compile(r"\b(\d{4})\b")
_FIXED_BASE = dt.datetime(2000, 1, 1)
_SETTINGS = MappingProxyType(
    {
        "REQUIRE_PARTS": ["year", "month"],
        "RELATIVE_BASE": _FIXED_BASE,
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "MDY",
    }
)


class AbsoluteDateParser:
    """Wraps one lazily built ``DateDataParser`` (imported only when needed)."""

    def __init__(self) -> None:
        self._parser: DateDataParser | None = None

    def parse(self, words: str) -> CalendarValue | None:
        from .normalize import CalendarValue

        years = {int(y) for y in _YEAR_TOKEN.findall(words)}
        if not years:
            return None
        data = self._get().get_date_data(words)
        found = data.date_obj
        if found is None or found.year not in years:
            return None
        if data.period == "day":
            return CalendarValue(found.date().isoformat(), "day", "explicit")
        if data.period == "month":
            return CalendarValue(f"{found.year:04d}-{found.month:02d}", "month", "explicit")
        return None

    def _get(self) -> DateDataParser:
        if self._parser is None:
            from dateparser.date import DateDataParser

            self._parser = DateDataParser(languages=["en"], settings=dict(_SETTINGS))
        return self._parser
