"""The extras stage: quotations, counts and tone of one coded document, together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.extras.counts import CountExtractor
from eventwire.extras.quotes import QuoteExtractor
from eventwire.extras.tone import ToneScorer
from eventwire.records import Count, Document, Event, Mention, Quote, Sentence, Tone


@dataclass(frozen=True, slots=True)
class Findings:
    quotes: tuple[Quote, ...] = ()
    counts: tuple[Count, ...] = ()
    tone: Tone | None = None


class StandardExtras:
    """``extras.standard.v1``: quotes, counts and VADER tone."""

    def __init__(self) -> None:
        self.quotes = QuoteExtractor()
        self.counts = CountExtractor()
        self.tone = ToneScorer()

    def find(
        self,
        doc: Doc,
        document: Document,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        events: Sequence[Event],
    ) -> Findings:
        return Findings(
            quotes=self.quotes.find(doc, document, mentions, events),
            counts=self.counts.find(doc, events),
            tone=self.tone.score(sentences),
        )


class NoExtras:
    """``extras.none.v1``: for runs that only want events (faster)."""

    def find(
        self,
        doc: Doc,
        document: Document,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        events: Sequence[Event],
    ) -> Findings:
        return Findings()
