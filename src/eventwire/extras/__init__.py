"""Extras on top of events: quotations, counts and amounts, tone.

Their records (Quote, Count, Tone) live in :mod:`eventwire.records`, like every
record that crosses a stage boundary.
"""

from eventwire.extras.counts import CountExtractor
from eventwire.extras.quotes import QuoteExtractor
from eventwire.extras.tone import ToneScorer
from eventwire.records import Count, Quote, Tone

__all__ = ["Count", "CountExtractor", "Quote", "QuoteExtractor", "Tone", "ToneScorer"]
