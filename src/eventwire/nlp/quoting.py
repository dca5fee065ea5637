"""Quotation marks and speech verbs, shared by the actor recogniser (who "we" is
inside a quote) and the quote extractor (who said what)."""

from __future__ import annotations

from eventwire.records import Span

SPEECH_VERBS = frozenset(
    {"say", "tell", "state", "add", "announce", "claim", "insist", "warn", "note", "stress"}
    | {"declare", "explain", "argue", "write", "assert", "report", "reply", "admit", "allege"}
    | {"confirm", "deny", "suggest", "acknowledge", "emphasize", "emphasise", "predict"}
    | {"vow", "promise", "threaten", "urge", "tweet", "complain", "maintain", "contend"}
)
# The speaker's own words: inside a quotation they point at its speaker.
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
QUOTE_PAIRS = (("\u201c", "\u201d"), ('"', '"'))


def quoted_spans(text: str) -> list[Span]:
    """The insides of paired quotation marks, in text order."""
    spans: list[Span] = []
    for opening, closing in QUOTE_PAIRS:
        position = 0
        while (start := text.find(opening, position)) != -1:
            end = text.find(closing, start + 1)
            if end == -1:
                break
            inner_end = end
            while inner_end > start + 1 and text[inner_end - 1] in ",;: ":
                inner_end -= 1  # "We will not accept this," he said
            if inner_end - start > 3:
                spans.append(Span(start + 1, inner_end))
            position = end + 1
    return sorted(spans)
