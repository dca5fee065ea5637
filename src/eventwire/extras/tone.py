"""Tone: VADER sentiment per sentence and per document.

VADER (vaderSentiment, MIT) ships its lexicon inside the package, so scoring is
offline. ``document`` is the mean of the sentence compound scores in [-1, 1];
``avg_tone`` multiplies it by 10 to sit on roughly the range GDELT's AvgTone
uses in practice, but it is not GDELT's word-count formula and the two should not
be compared number for number.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventwire.records import Sentence, Tone


class ToneScorer:
    """Holds the loaded VADER analyser (lexicon read once)."""

    def __init__(self) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self._analyser: Any = SentimentIntensityAnalyzer()

    def score(self, sentences: Sequence[Sentence]) -> Tone:
        scores = tuple(float(self._analyser.polarity_scores(s.text)["compound"]) for s in sentences)
        mean = sum(scores) / len(scores) if scores else 0.0
        return Tone(document=round(mean, 4), avg_tone=round(10 * mean, 3), sentences=scores)
