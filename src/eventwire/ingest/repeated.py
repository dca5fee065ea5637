"""Cross-document boilerplate: lines an outlet repeats across many of its articles.

Navigation, promos and sign-offs differ from site to site, so no fixed rule list
catches them all; but within one batch, a line that recurs verbatim in a good
share of one outlet's articles is page furniture, not news. :class:`BatchCleaner`
learns those lines per outlet (outlet name, else the URL's host) and passes them
to the text cleaner as one more line rule, reason ``repeated_in_outlet``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from urllib.parse import urlsplit

from eventwire.ingest.boilerplate import LineRule
from eventwire.ingest.clean import TextCleaner
from eventwire.records import Document, RawArticle

REPEATED_REASON = "repeated_in_outlet"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class RepeatedLines:
    """A line rule: boilerplate when the line is one of ``lines`` (normalised)."""

    lines: frozenset[str]
    reason: str = REPEATED_REASON

    def matches(self, line: str) -> bool:
        return line in self.lines


@dataclass(frozen=True, slots=True)
class RepeatedLineLearner:
    """A line is an outlet's boilerplate when it occurs in at least ``min_documents``
    of its articles and in at least ``min_share`` of them; longer lines than
    ``max_chars`` are prose and never count."""

    min_documents: int = 3
    min_share: float = 0.3
    max_chars: int = 200

    def learn(self, articles: Sequence[RawArticle]) -> Mapping[str, RepeatedLines]:
        """The repeated lines of each outlet in the batch."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        totals: Counter[str] = Counter()
        for article in articles:
            outlet = outlet_key(article)
            if outlet is None:
                continue
            totals[outlet] += 1
            counts[outlet].update(self._lines(article.text))
        rules = {}
        for outlet, counter in counts.items():
            floor = max(self.min_documents, self.min_share * totals[outlet])
            repeated = frozenset(line for line, n in counter.items() if n >= floor)
            if repeated:
                rules[outlet] = RepeatedLines(repeated)
        return MappingProxyType(rules)

    def _lines(self, text: str) -> set[str]:
        lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
        return {line for line in lines if line and len(line) <= self.max_chars}


@dataclass(frozen=True, slots=True)
class BatchCleaner:
    """Cleans a batch of articles with the rule lines plus each outlet's repeated lines."""

    cleaner: TextCleaner = field(default_factory=TextCleaner)
    learner: RepeatedLineLearner = field(default_factory=RepeatedLineLearner)

    def clean(self, article: RawArticle) -> Document:
        """One article alone: only the rule lines apply (nothing to learn from)."""
        return self.cleaner.clean(article)

    def clean_batch(self, articles: Sequence[RawArticle]) -> list[Document]:
        learned = self.learner.learn(articles)
        cleaners: dict[str, TextCleaner] = {}
        documents = []
        for article in articles:
            outlet = outlet_key(article)
            rule = learned.get(outlet) if outlet is not None else None
            if rule is None or outlet is None:
                documents.append(self.cleaner.clean(article))
                continue
            if outlet not in cleaners:
                rules: tuple[LineRule, ...] = (*self.cleaner.rules, rule)
                cleaners[outlet] = replace(self.cleaner, rules=rules)
            documents.append(cleaners[outlet].clean(article))
        return documents


def outlet_key(article: RawArticle) -> str | None:
    """The outlet name, else the host of the URL, else None."""
    if article.outlet:
        return article.outlet.casefold()
    if article.url:
        try:
            host = urlsplit(article.url).hostname
        except ValueError:  # a malformed URL ("http://[::1") names no host
            return None
        return host.removeprefix("www.") if host else None
    return None
