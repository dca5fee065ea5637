"""Give each event its own date, so background sentences keep their own time.

Cascade, first hit wins (``resolved_by`` names the step):

1. Date words in the trigger's own clause (``explicit``, ``year``, ``day_month``,
   ``month``, ``weekday``, ``relative``, ``since``; ``interval`` for "16 years
   after it was invaded", counted back from the governing clause's date).
2. ``conjunct``: a verb coordinated with a dated verb shares its date
   ("signed the decree on Dec. 3 and left").
3. ``governing_clause``: an infinitive or participle clause without date words
   takes the date of the verb it depends on ("agreed last week to resume talks").
4. ``reporting_verb``: reported speech takes the date of the reporting verb, an
   upper bound for when the reported event happened.
5. Tense: a clause in the news "now" (present, present perfect, simple past,
   future, modal) takes the publication day (``tense_present``, ``tense_perfect``,
   ``tense_past``, ``tense_future``, ``tense_modal``; ``publication`` when no verb
   carries tense, as in headlines). Past perfect and habitual clauses ("had
   established", "used to sell") describe background before the story's time and
   get no date: a wrong precise date is worse than none.

Known limits: "N years after <event>" dates only the event of the after-clause;
the main clause is left to the later steps. Date words governed by "before",
"after", "until", "by" and the like bound an event rather than date it and are
skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Token

from eventwire.records import EventDate, Precision

from .clauses import (
    Tense,
    clause_hosts,
    governing_verb,
    is_infinitive,
    reaches_through_nominals,
    tense_of,
)
from .expressions import DateExpression, find_expressions
from .normalize import DateNormalizer, Interval, offset, parse_interval

DEFAULT_TENSE_RULES: Mapping[Tense, str] = MappingProxyType(
    {
        "present": "tense_present",
        "perfect": "tense_perfect",
        "past": "tense_past",
        "future": "tense_future",
        "modal": "tense_modal",
        "unknown": "publication",
    }
)
BOUNDING_PREPOSITIONS = frozenset(
    {"before", "after", "until", "till", "through", "between", "to", "by"}
)
_INTERVAL_WORDS = frozenset({"after", "before", "later", "earlier"})
_COARSENESS: Mapping[Precision, int] = MappingProxyType({"day": 0, "month": 1, "year": 2})
_MAX_CLIMB = 4


@dataclass(frozen=True, slots=True)
class _Candidate:
    expression: DateExpression
    priority: int
    distance: int
    preposition: str | None


def _host(root: Token) -> tuple[Token | None, str | None]:
    """The word a date expression modifies, skipping prepositions ("in 2001"),
    and the first preposition passed."""
    preposition: str | None = None
    current = root
    while True:
        if current.head.i == current.i:
            return (None, preposition) if current.i == root.i else (current, preposition)
        current = current.head
        if current.dep_ == "prep" or current.pos_ == "ADP":
            preposition = preposition or current.lower_
            continue
        return current, preposition


class DateResolver:
    """Resolves event dates; configuration lives here, nothing is global.

    ``tense_rules`` maps the tense of an undated clause to the ``resolved_by``
    name under which it inherits the publication day; tenses missing from the
    map (past perfect, habitual by default) get no date.
    """

    def __init__(
        self,
        normalizer: DateNormalizer | None = None,
        tense_rules: Mapping[Tense, str] = DEFAULT_TENSE_RULES,
    ) -> None:
        self._normalizer = normalizer if normalizer is not None else DateNormalizer()
        self._tense_rules = MappingProxyType(dict(tense_rules))

    def resolve(
        self, trigger: Token, published: dt.date | None, anchor: Token | None = None
    ) -> EventDate | None:
        verb = governing_verb(trigger)
        own = self._own_date(trigger, verb, published)
        if own is not None:
            return own
        if verb is not None:
            inherited = self._from_related_clause(verb, published)
            if inherited is not None:
                return inherited
        if anchor is not None and anchor.i != trigger.i:
            reported = self.resolve(anchor, published)
            if reported is not None:
                return EventDate(
                    reported.value, reported.precision, "reporting_verb", reported.span
                )
        return self._by_tense(verb, published)

    def _own_date(
        self, trigger: Token, verb: Token | None, published: dt.date | None
    ) -> EventDate | None:
        candidates = self._candidates(trigger, verb)
        future = verb is not None and self._future_context(verb)
        for candidate in candidates:
            expression = candidate.expression
            interval = self._interval_of(expression)
            if interval is not None:
                if verb is not None and verb.i == trigger.i:
                    dated = self._interval_date(verb, interval, published, expression)
                    if dated is not None:
                        return dated
                continue
            value = self._normalizer.normalize(expression.text, published, future)
            if value is None:
                continue
            rule = "since" if candidate.preposition == "since" else value.rule
            return EventDate(value.value, value.precision, rule, expression.span)
        return None

    def _candidates(self, trigger: Token, verb: Token | None) -> list[_Candidate]:
        found: list[_Candidate] = []
        trigger_is_verb = verb is not None and verb.i == trigger.i
        hosts = clause_hosts(verb) if verb is not None else frozenset()
        for expression in find_expressions(trigger.sent):
            if expression.start <= trigger.i < expression.end:
                continue
            host, preposition = _host(expression.root)
            if host is None or preposition in BOUNDING_PREPOSITIONS:
                continue
            if trigger_is_verb:
                if host.i in hosts:
                    priority = 0
                elif (
                    verb is not None
                    and expression.root.dep_ == "pobj"
                    and governing_verb(host) == verb
                    and reaches_through_nominals(host, verb)
                ):
                    priority = 1
                else:
                    continue
            elif host.i == trigger.i:
                priority = 0
            elif host.i in hosts:
                priority = 1
            else:
                continue
            distance = min(abs(expression.start - trigger.i), abs(expression.end - 1 - trigger.i))
            found.append(_Candidate(expression, priority, distance, preposition))
        found.sort(key=lambda c: (c.priority, c.distance))
        return found

    @staticmethod
    def _interval_of(expression: DateExpression) -> Interval | None:
        doc = expression.root.doc
        text = expression.text
        if expression.end < len(doc) and doc[expression.end].lower_ in _INTERVAL_WORDS:
            text = f"{text} {doc[expression.end].lower_}"
        return parse_interval(text)

    def _interval_date(
        self, verb: Token, interval: Interval, published: dt.date | None, expression: DateExpression
    ) -> EventDate | None:
        """ "X struggles 16 years after it was invaded": the after-clause event
        lies 16 years before the governing clause's date."""
        marks = {child.lower_ for child in verb.children if child.dep_ == "mark"}
        if verb.dep_ != "advcl" or not marks & {"after", "before"}:
            return None
        governor = governing_verb(verb.head)
        if governor is None:
            return None
        base = self.resolve(governor, published)
        if base is None:
            return None
        moved = offset(base.date, interval, -interval.direction)
        if moved is None:
            return None
        day, precision = moved
        if _COARSENESS[base.precision] > _COARSENESS[precision]:
            precision = base.precision
        value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}
        return EventDate(value[precision], precision, "interval", expression.span)

    def _from_related_clause(self, verb: Token, published: dt.date | None) -> EventDate | None:
        head = verb.head
        if head.i == verb.i:
            return None
        if verb.dep_ == "conj" and governing_verb(head) == head:
            dated = self._own_date(head, head, published)
            rule = "conjunct"
        elif tense_of(verb) == "nonfinite" and verb.dep_ in ("xcomp", "advcl", "acl"):
            governor = governing_verb(head)
            if governor is None:
                return None
            dated = self._own_date(governor, governor, published)
            rule = "governing_clause"
        else:
            return None
        if dated is None:
            return None
        return EventDate(dated.value, dated.precision, rule, dated.span)

    @staticmethod
    def _effective_tense(verb: Token) -> Tense:
        """Tense of the nearest finite clause: an infinitive or participle takes
        the tense of the verb it depends on."""
        tense = tense_of(verb)
        for _ in range(_MAX_CLIMB):
            if tense != "nonfinite" or verb.head.i == verb.i:
                break
            governor = governing_verb(verb.head)
            if governor is None:
                break
            verb, tense = governor, tense_of(governor)
        return "unknown" if tense == "nonfinite" else tense

    def _future_context(self, verb: Token) -> bool:
        return is_infinitive(verb) or self._effective_tense(verb) in ("future", "modal")

    def _by_tense(self, verb: Token | None, published: dt.date | None) -> EventDate | None:
        if published is None:
            return None
        tense: Tense = "unknown" if verb is None else self._effective_tense(verb)
        rule = self._tense_rules.get(tense)
        if rule is None:
            return None
        return EventDate(published.isoformat(), "day", rule, None)
