"""Find the date expressions of a sentence: spaCy DATE/TIME entities, plus the
few single words the small model sometimes leaves untagged ("Saturday",
"yesterday", "in 2001")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.records import Span

from .normalize import DAY_OFFSETS, MONTHS, WEEKDAYS

DATE_LABELS = frozenset({"DATE", "TIME"})
_SINGLE_WORDS = frozenset(WEEKDAYS) | frozenset(w for w in DAY_OFFSETS if " " not in w)
_FULL_MONTHS = frozenset(m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july"))
_YEAR_PREPOSITIONS = frozenset({"in", "since", "during", "of", "from", "by"})


@dataclass(frozen=True, slots=True)
class DateExpression:
    """Contiguous date words; ``root`` is where the expression meets the parse."""

    start: int
    end: int
    root: Token
    text: str
    span: Span


def _expression(tokens: SpacySpan) -> DateExpression:
    last = tokens[-1]
    return DateExpression(
        start=tokens.start,
        end=tokens.end,
        root=tokens.root,
        text=tokens.text,
        span=Span(tokens[0].idx, last.idx + len(last.text)),
    )


def _is_year(token: Token) -> bool:
    return (
        token.is_digit
        and len(token.text) == 4
        and 1000 <= int(token.text) <= 2199
        and token.head.lower_ in _YEAR_PREPOSITIONS
    )


def _is_month(token: Token) -> bool:
    return token.lower_ in _FULL_MONTHS and token.tag_ == "NNP"


def find_expressions(sentence: SpacySpan) -> tuple[DateExpression, ...]:
    """Date expressions in ``sentence``, in text order."""
    found: list[DateExpression] = []
    covered: set[int] = set()
    for entity in sentence.ents:
        if entity.label_ in DATE_LABELS:
            found.append(_expression(entity))
            covered.update(range(entity.start, entity.end))
    doc = sentence.doc
    for token in sentence:
        if token.i in covered:
            continue
        if token.lower_ in _SINGLE_WORDS or _is_year(token):
            found.append(_expression(doc[token.i : token.i + 1]))
        elif _is_month(token):
            end = token.i + 1
            while end < sentence.end and end - token.i < 3 and doc[end].like_num:
                end += 1
            found.append(_expression(doc[token.i : end]))
            covered.update(range(token.i, end))
    found.sort(key=lambda e: e.start)
    return tuple(found)
