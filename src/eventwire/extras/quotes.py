"""Who said it: direct and indirect quotations, their speakers and the events they carry.

A quotation is a speech verb ("said", "told", "warned", "according to") with its
reported content: the quoted words when the sentence has quotation marks, else
the verb's clausal complement ("said that Moscow had contacts ..."). The speaker
is the verb's subject, resolved to an Actor through the actor mentions
(coreference included); events whose trigger lies inside the content are linked.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from eventwire.nlp.quoting import SPEECH_VERBS, quoted_spans
from eventwire.records import Document, Event, Mention, Quote, Span

CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})


class QuoteExtractor:
    """Stateless; ``find`` reads quotations from a parsed document."""

    def find(
        self, doc: Doc, document: Document, mentions: Sequence[Mention], events: Sequence[Event]
    ) -> tuple[Quote, ...]:
        by_token = {i: m for m in mentions for i in range(m.token_start, m.token_end)}
        quoted = quoted_spans(document.text)
        quotes: list[Quote] = []
        for index, sentence in enumerate(doc.sents):
            for verb, subject in _speech_acts(sentence):
                direct = _nearest_quote(quoted, sentence, verb)
                content = direct or _complement(verb)
                if content is None:
                    continue
                mention = by_token.get(subject.i) if subject is not None else None
                speaker_span = (
                    mention.span
                    if mention is not None
                    else (_token_span(subject) if subject is not None else None)
                )
                quotes.append(
                    Quote(
                        text=content,
                        verb=_token_span(verb),
                        speaker=mention.actor if mention is not None else None,
                        speaker_span=speaker_span,
                        direct=direct is not None,
                        sentence_index=index,
                        event_ids=tuple(e.event_id for e in events if content.contains(e.trigger)),
                    )
                )
        return tuple(quotes)


def _speech_acts(sentence: TokenSpan) -> list[tuple[Token, Token | None]]:
    """(speech verb, its subject) pairs; "according to X" gives ("according", X)."""
    acts: list[tuple[Token, Token | None]] = []
    for token in sentence:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS:
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            acts.append((token, subject))
        elif token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                acts.append((token, obj))
    return acts


def _nearest_quote(quoted: Sequence[Span], sentence: TokenSpan, verb: Token) -> Span | None:
    """A quotation overlapping the verb's sentence, closest to the verb."""
    start, end = sentence.start_char, sentence.end_char
    inside = [q for q in quoted if q.start < end and start < q.end]
    if not inside:
        return None
    return min(inside, key=lambda q: min(abs(q.start - verb.idx), abs(q.end - verb.idx)))


def _complement(verb: Token) -> Span | None:
    """The reported clause of an indirect quotation ("said [Moscow had ...]")."""
    for child in verb.children:
        if child.dep_ in CONTENT_DEPS and child.pos_ in ("VERB", "AUX"):
            tokens = [t for t in child.subtree if not t.is_punct or t.i < child.right_edge.i]
            first = next((t for t in tokens if t.lower_ != "that"), tokens[0])
            last = tokens[-1]
            return Span(first.idx, last.idx + len(last.text))
    return None


def _token_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text))
