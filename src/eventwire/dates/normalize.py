"""Turn the words of one date expression into a calendar value.

The rules are ours and deterministic: every relative expression is resolved
against the publication date passed in, never against today. Without a
publication date only absolute expressions (full dates, month + year, years)
resolve. Weeks have no precision of their own, so a week resolves to the month
holding that week's Thursday (the ISO-8601 convention for which month or year a
week belongs to), at month precision.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from eventwire.records import Precision

from .fallback import AbsoluteDateParser

MONTHS: Mapping[str, int] = MappingProxyType(
    {
        "january": 1,
        "jan": 1,
        "february": 2,
        "feb": 2,
        "march": 3,
        "mar": 3,
        "april": 4,
        "apr": 4,
        "may": 5,
        "june": 6,
        "jun": 6,
        "july": 7,
        "jul": 7,
        "august": 8,
        "aug": 8,
        "september": 9,
        "sep": 9,
        "sept": 9,
        "october": 10,
        "oct": 10,
        "november": 11,
        "nov": 11,
        "december": 12,
        "dec": 12,
    }
)
WEEKDAYS: Mapping[str, int] = MappingProxyType(
    {
        "monday": 0,
        "tuesday": 1,
        "wednesday": 2,
        "thursday": 3,
        "friday": 4,
        "saturday": 5,
        "sunday": 6,
    }
)
NUMBER_WORDS: Mapping[str, int] = MappingProxyType(
    {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "fifteen": 15,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
    }
)
DAY_OFFSETS: Mapping[str, int] = MappingProxyType(
    {
        "today": 0,
        "tonight": 0,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "earlier today": 0,
        "later today": 0,
        "yesterday": -1,
        "last night": -1,
        "yesterday morning": -1,
        "yesterday afternoon": -1,
        "yesterday evening": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
)

_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(" + "|".join(WEEKDAYS) + ")"
_DAY = r"(\d{1,2})"
_YEAR = r"(\d{4})"
_PART_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"
_EDGE = r"(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of) )?"
_SEASON = r"(?:(?:spring|summer|autumn|fall|winter) (?:of )?)?"

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_DAY = re.compile(rf"(?:{_WEEKDAY} )?{_MONTH} {_DAY}(?: {_YEAR})?")
_DAY_MONTH = re.compile(rf"(?:{_WEEKDAY} )?{_DAY} (?:of )?{_MONTH}(?: {_YEAR})?")
_MONTH_YEAR = re.compile(rf"{_EDGE}{_MONTH} (?:of )?{_YEAR}")
_YEAR_ONLY = re.compile(rf"{_EDGE}{_SEASON}{_YEAR}")
_MONTH_ONLY = re.compile(rf"{_EDGE}(?:(last|next|this) )?{_MONTH}")
_WEEKDAY_ONLY = re.compile(rf"(?:(last|next|this|on|past) )?{_WEEKDAY}{_PART_OF_DAY}")
_CALENDAR_UNIT = re.compile(
    r"(?:(earlier|later) )?(this|last|next|the past|the previous) (week|month|year)"
)
_AGO = re.compile(
    r"(?:about |around |some |nearly |almost |more than |over )?(\S+) (day|week|month|year)s? ago"
)
_INTERVAL = re.compile(r"(\S+) (day|week|month|year)s? (after|before|later|earlier)")

_LEADING = (
    "on ",
    "in ",
    "since ",
    "during ",
    "by ",
    "from ",
    "the ",
    "some ",
    "about ",
    "around ",
    "approximately ",
)

# A day-month this close to the publication date is that day, whatever the tense.
NEAR_DAYS = 7


@dataclass(frozen=True, slots=True)
class CalendarValue:
    """A resolved date cut to its precision, and which rule produced it."""

    value: str
    precision: Precision
    rule: str


@dataclass(frozen=True, slots=True)
class Interval:
    """ "N units after/before": a distance from another event, not a date."""

    count: int
    unit: str
    direction: int  # +1 after/later, -1 before/earlier


def clean(text: str) -> str:
    """Lower-case, drop punctuation that only separates ("Dec. 3, 2017"), ordinals."""
    lowered = text.lower().replace("\u2019", "'")
    lowered = re.sub(r"(\d+)(?:st|nd|rd|th)\b", r"\1", lowered)
    lowered = re.sub(r"\bmid-", "mid ", lowered)
    lowered = re.sub(r"[.,]", " ", lowered)
    lowered = re.sub(r"'s\b", "", lowered)
    return " ".join(lowered.split())


def _strip_leading(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _LEADING:
            if text.startswith(prefix) and len(text) > len(prefix):
                text = text[len(prefix) :]
                changed = True
    return text


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def week_month(day: dt.date) -> dt.date:
    """First day of the month that holds the Thursday of ``day``'s ISO week."""
    thursday = day + dt.timedelta(days=3 - day.weekday())
    return thursday.replace(day=1)


def shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _day(day: dt.date, rule: str) -> CalendarValue:
    return CalendarValue(day.isoformat(), "day", rule)


def _month(day: dt.date, rule: str) -> CalendarValue:
    return CalendarValue(f"{day.year:04d}-{day.month:02d}", "month", rule)


def _year(year: int, rule: str) -> CalendarValue:
    return CalendarValue(f"{year:04d}", "year", rule)


def _valid_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _plausible_year(year: int) -> bool:
    return 1000 <= year <= 2199


def parse_interval(text: str) -> Interval | None:
    """Read "some 16 years after" / "two days later"; None for anything else."""
    match = _INTERVAL.fullmatch(_strip_leading(clean(text)))
    if match is None:
        return None
    count = _count(match.group(1))
    if count is None:
        return None
    direction = 1 if match.group(3) in ("after", "later") else -1
    return Interval(count, match.group(2), direction)


def offset(base: dt.date, interval: Interval, sign: int) -> tuple[dt.date, Precision] | None:
    """Move ``base`` by ``sign`` times the interval; precision follows the unit.
    None when the result leaves the calendar ("99999999 years ago")."""
    try:
        return _offset(base, sign * interval.count, interval.unit)
    except (OverflowError, ValueError):
        return None


def _offset(base: dt.date, steps: int, unit: str) -> tuple[dt.date, Precision]:
    if unit == "day":
        return base + dt.timedelta(days=steps), "day"
    if unit == "week":
        return week_month(base + dt.timedelta(weeks=steps)), "month"
    if unit == "month":
        return shift_months(base, steps), "month"
    return dt.date(base.year + steps, 1, 1), "year"


class DateNormalizer:
    """Resolves expression text against an optional publication date.

    ``future`` says the event lies ahead of the publication date (future tense or
    an infinitive of intent), which flips bare weekdays, months and day-months
    from the most recent past occurrence to the next one.
    """

    def __init__(self, fallback: AbsoluteDateParser | None = None) -> None:
        self._fallback = fallback if fallback is not None else AbsoluteDateParser()

    def normalize(
        self, text: str, published: dt.date | None, future: bool = False
    ) -> CalendarValue | None:
        words = _strip_leading(clean(text))
        if not words:
            return None
        found = self._absolute(words)
        if found is not None:
            return found
        if published is None:
            return None
        found = self._relative(words, published, future)
        if found is not None:
            return found
        return self._fallback.parse(words)

    def _absolute(self, words: str) -> CalendarValue | None:
        if match := _ISO.fullmatch(words):
            day = _valid_day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            return _day(day, "explicit") if day else None
        for pattern, month_group, day_group, year_group in (
            (_MONTH_DAY, 2, 3, 4),
            (_DAY_MONTH, 3, 2, 4),
        ):
            match = pattern.fullmatch(words)
            if match and match.group(year_group):
                day = _valid_day(
                    int(match.group(year_group)),
                    MONTHS[match.group(month_group)],
                    int(match.group(day_group)),
                )
                return _day(day, "explicit") if day else None
        if match := _MONTH_YEAR.fullmatch(words):
            year = int(match.group(2))
            if _plausible_year(year):
                return _month(dt.date(year, MONTHS[match.group(1)], 1), "explicit")
        if match := _YEAR_ONLY.fullmatch(words):
            year = int(match.group(1))
            if _plausible_year(year):
                return _year(year, "year")
        return None

    def _relative(self, words: str, published: dt.date, future: bool) -> CalendarValue | None:
        if words in DAY_OFFSETS:
            return _day(published + dt.timedelta(days=DAY_OFFSETS[words]), "relative")
        for pattern, month_group, day_group in ((_MONTH_DAY, 2, 3), (_DAY_MONTH, 3, 2)):
            match = pattern.fullmatch(words)
            if match:
                return self._day_month(
                    MONTHS[match.group(month_group)], int(match.group(day_group)), published, future
                )
        if match := _WEEKDAY_ONLY.fullmatch(words):
            return _day(
                self._weekday(WEEKDAYS[match.group(2)], match.group(1), published, future),
                "weekday",
            )
        if match := _MONTH_ONLY.fullmatch(words):
            return _month(
                self._month_name(MONTHS[match.group(2)], match.group(1), published, future), "month"
            )
        if match := _CALENDAR_UNIT.fullmatch(words):
            return self._calendar_unit(match.group(1), match.group(2), match.group(3), published)
        if match := _AGO.fullmatch(words):
            count = _count(match.group(1))
            if count is None:
                return None
            moved = offset(published, Interval(count, match.group(2), 1), -1)
            if moved is None:
                return None
            day, precision = moved
            if precision == "day":
                return _day(day, "relative")
            if precision == "month":
                return _month(day, "relative")
            return _year(day.year, "relative")
        return None

    @staticmethod
    def _day_month(month: int, day: int, published: dt.date, future: bool) -> CalendarValue | None:
        """The clause's tense picks the year ("will meet on Sept. 30" is ahead,
        "ratified on March 3" behind), except for a day within a week of publication,
        which is that day whatever the tense: "in its January 3 alert" in a story of 5
        January 2020 is 2020-01-03, not 2021."""
        candidates = [
            found
            for year in (published.year - 1, published.year, published.year + 1)
            if (found := _valid_day(year, month, day)) is not None
        ]
        near = [c for c in candidates if abs((c - published).days) <= NEAR_DAYS]
        if near:
            return _day(near[0], "day_month")
        ahead = [c for c in candidates if c >= published]
        behind = [c for c in candidates if c <= published]
        if future and ahead:
            return _day(min(ahead), "day_month")
        if not future and behind:
            return _day(max(behind), "day_month")
        return None

    @staticmethod
    def _weekday(weekday: int, modifier: str | None, published: dt.date, future: bool) -> dt.date:
        back = (published.weekday() - weekday) % 7
        ahead = (weekday - published.weekday()) % 7
        if modifier == "next" or (future and modifier != "last"):
            return published + dt.timedelta(days=ahead or 7)
        if modifier in ("last", "past"):
            return published - dt.timedelta(days=back or 7)
        return published - dt.timedelta(days=back)

    @staticmethod
    def _month_name(month: int, modifier: str | None, published: dt.date, future: bool) -> dt.date:
        this_year = dt.date(published.year, month, 1)
        start = published.replace(day=1)
        if modifier == "next":
            return this_year if this_year > start else shift_months(this_year, 12)
        if modifier == "last":
            return this_year if this_year < start else shift_months(this_year, -12)
        if future:
            return this_year if this_year >= start else shift_months(this_year, 12)
        return this_year if this_year <= start else shift_months(this_year, -12)

    @staticmethod
    def _calendar_unit(
        edge: str | None, which: str, unit: str, published: dt.date
    ) -> CalendarValue | None:
        if which in ("the past", "the previous") and edge is None:
            return None  # "the past year" is a duration, not a date
        step = {"this": 0, "last": -1, "the previous": -1, "the past": -1, "next": 1}[which]
        if unit == "week":
            return _month(week_month(published + dt.timedelta(weeks=step)), "relative")
        if unit == "month":
            return _month(shift_months(published, step), "relative")
        return _year(published.year + step, "relative")
