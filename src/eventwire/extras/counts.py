"""How many: "some 4,000 troops", "killed 12", "tens of thousands of deaths", "$2 billion".

A count is a number phrase read from the parse: the number, what it counts (the
noun it modifies or, for "killed 12", the verb it is the object of), whether the
text hedges it ("some", "about", "dozens"), and the PLOVER size field it fills
when the words say so (dead, injured, arrested). It is linked to the event whose
trigger governs it, else to the nearest event in its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from spacy.tokens import Doc, Token

from eventwire.records import Count, Event, SizeField, Span

UNITS: Mapping[str, float] = MappingProxyType(
    {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
    | {"dozen": 12.0}
)
WORD_NUMBERS: Mapping[str, float] = MappingProxyType(
    {
        w: float(i)
        for i, w in enumerate(
            [
                "zero",
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
                "twenty",
            ]
        )
    }
    | {"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0}
    | {"eighty": 80.0, "ninety": 90.0}
)
# "dozens", "tens of thousands": a vague amount; the value is the lower bound.
VAGUE_PLURALS: Mapping[str, float] = MappingProxyType(
    {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0}
    | {"millions": 2e6, "tens": 20.0, "billions": 2e9}
)
HEDGES = frozenset(
    {"some", "about", "around", "nearly", "almost", "roughly", "approximately", "over"}
    | {"least", "than", "up", "estimated", "an", "perhaps", "upwards", "close"}
)
_DEAD: dict[str, SizeField] = dict.fromkeys(
    ("kill", "dead", "death", "die", "body", "casualty", "fatality"), "dead"
)
_INJURED: dict[str, SizeField] = dict.fromkeys(
    ("injure", "wound", "hurt", "injury", "injured", "wounded"), "injured"
)
_ARRESTED: dict[str, SizeField] = dict.fromkeys(
    ("arrest", "detain", "detention", "jail", "imprison", "arrested", "detained"), "arrested"
)
SIZE_WORDS: Mapping[str, SizeField] = MappingProxyType(_DEAD | _INJURED | _ARRESTED)
CURRENCIES: Mapping[str, str] = MappingProxyType(
    {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollars": "USD", "euros": "EUR"}
)
SKIP_ENTITIES = frozenset({"DATE", "TIME", "PERCENT", "ORDINAL"})
_DIGITS = re.compile(r"^\d[\d,]*(\.\d+)?$")


class CountExtractor:
    """Stateless; ``find`` reads counts from a parsed document."""

    def find(self, doc: Doc, events: Sequence[Event]) -> tuple[Count, ...]:
        counts: list[Count] = []
        used: set[int] = set()
        sentence_starts = [s.start for s in doc.sents]
        for token in doc:
            if token.i in used or token.ent_type_ in SKIP_ENTITIES:
                continue
            value = _value(token)
            if value is None or _is_phrase_inner(token):
                continue
            tokens = _phrase(token)
            used.update(t.i for t in tokens)
            number = value * _multiplier(tokens, token)
            counted = _counted(token)
            unit, what = _unit_and_what(token, counted)
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            sentence_index = sum(1 for s in sentence_starts if s <= token.i) - 1
            counts.append(
                Count(
                    span=Span(start, end),
                    text=doc.text[start:end],
                    number=number,
                    unit=unit,
                    what=what,
                    approximate=any(t.lower_ in HEDGES for t in tokens)
                    or token.lower_ in VAGUE_PLURALS,
                    size=_size(token, counted),
                    sentence_index=sentence_index,
                    event_id=_link(doc, token, sentence_index, events),
                )
            )
        return tuple(counts)


def _value(token: Token) -> float | None:
    text = token.lower_
    if _DIGITS.match(text):
        if token.like_num and len(text) == 4 and text.startswith(("19", "20")) and "," not in text:
            return None  # a year
        return float(text.replace(",", ""))
    if text in WORD_NUMBERS and token.pos_ == "NUM":
        return WORD_NUMBERS[text]
    if text in VAGUE_PLURALS and _of_object(token) is not None:
        return VAGUE_PLURALS[text]
    return None


def _of_object(token: Token) -> Token | None:
    """ "thousands of deaths" -> "deaths"; through "tens of thousands of"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    inner = _of_object(obj) if obj.lower_ in VAGUE_PLURALS else None
                    return inner or obj
    return None


def _is_phrase_inner(token: Token) -> bool:
    """ "thousands" in "tens of thousands" belongs to the phrase "tens" opens."""
    head = token.head
    return (
        token.lower_ in VAGUE_PLURALS
        and head.dep_ == "prep"
        and head.lower_ == "of"
        and head.head.lower_ in VAGUE_PLURALS
    )


def _phrase(token: Token) -> list[Token]:
    """The number with its hedges, scale words and currency ("some 4,000", "$2 billion")."""
    parts = [token]
    for child in token.children:
        if child.dep_ in ("quantmod", "advmod", "compound", "nmod", "nummod") and child.i < token.i:
            parts.extend(child.subtree)
    head = token.head
    if head.lower_ in UNITS and token.dep_ in ("compound", "nummod", "quantmod"):
        parts.append(head)
        parts.extend(c for c in head.children if c.dep_ in ("quantmod", "advmod", "nmod"))
    for child in token.children:  # "tens of thousands"
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.lower_ in VAGUE_PLURALS:
                    parts.extend([child, obj])
    ordered = sorted({t.i: t for t in parts}.values(), key=lambda t: t.i)
    return ordered[: max(i for i, t in enumerate(ordered) if t.i >= token.i) + 1]


def _multiplier(tokens: Sequence[Token], number: Token) -> float:
    factor = 1.0
    for token in tokens:
        if token.i != number.i and token.lower_ in UNITS:
            factor *= UNITS[token.lower_]
        elif token.i != number.i and token.lower_ in VAGUE_PLURALS:
            factor *= VAGUE_PLURALS[token.lower_] / 2  # "tens of thousands": 20 * 1000, a floor
    return factor


def _counted(number: Token) -> Token:
    """The word the number counts: its head noun, a scale word's head, the "of"
    object of a vague plural, or the verb it is the object of ("killed 12")."""
    token = number
    if token.head.lower_ in UNITS and token.dep_ in ("compound", "nummod", "quantmod"):
        token = token.head
    of_object = _of_object(token)
    if of_object is not None:
        return of_object
    if token.dep_ in ("nummod", "quantmod", "amod", "compound") and token.head is not token:
        return token.head
    return token.head if token.dep_ in ("dobj", "nsubj", "nsubjpass") else token


def _unit_and_what(number: Token, counted: Token) -> tuple[str | None, str | None]:
    doc = number.doc
    for i in range(max(0, number.i - 2), min(len(doc), number.i + 3)):
        currency = CURRENCIES.get(doc[i].lower_) or CURRENCIES.get(doc[i].text)
        if currency is not None:
            return currency, _money_for(counted)
    if counted.i == number.i:
        return None, None
    if counted.pos_ in ("NOUN", "PROPN", "ADJ") and counted.lower_ not in UNITS:
        return counted.lower_, counted.lower_
    return None, counted.lower_


def _money_for(token: Token) -> str | None:
    """ "$2 billion in aid" -> "aid"."""
    for owner in (token, token.head):
        for child in owner.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of", "for"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.ent_type_ not in SKIP_ENTITIES:
                        return obj.lower_
    return None


def _size(number: Token, counted: Token) -> SizeField | None:
    """ "12 people were killed", "killed 12", "4 dead", "arrested dozens of people"."""
    for token in (counted, counted.head, number.head):
        field = SIZE_WORDS.get(token.lemma_.lower()) or SIZE_WORDS.get(token.lower_)
        if field is not None:
            return field
    for child in counted.children:  # "12 people killed", "3 soldiers wounded"
        if child.dep_ in ("acl", "amod", "relcl"):
            field = SIZE_WORDS.get(child.lemma_.lower()) or SIZE_WORDS.get(child.lower_)
            if field is not None:
                return field
    return None


def _link(doc: Doc, number: Token, sentence_index: int, events: Sequence[Event]) -> str | None:
    """The event whose trigger governs the number, else the nearest in its sentence."""
    in_sentence = [e for e in events if e.sentence.index == sentence_index]
    if not in_sentence:
        return None
    ancestors = {t.i for t in number.ancestors}

    def rank(event: Event) -> tuple[int, int]:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        root = span.root.i if span is not None and len(span) else number.i
        return (0 if root in ancestors else 1, abs(root - number.i))

    return min(in_sentence, key=rank).event_id
