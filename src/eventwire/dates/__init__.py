"""Event dates: each coded event gets its own date and precision, resolved
against the article's publication date (see :mod:`eventwire.dates.resolve`)."""

from .normalize import CalendarValue, DateNormalizer
from .resolve import DateResolver

__all__ = ["CalendarValue", "DateNormalizer", "DateResolver"]
