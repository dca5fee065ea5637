"""Skip sentences that cannot hold an event before the expensive parse.

An event needs a trigger the coder knows (a pattern row whose code is not the
residual statement 010 or "no event", with its particle/preposition/object words
present) and an actor mention (a dictionary phrase, a pronoun or description the
coreference rules resolve, or a name the document used before). Sentences that
lack either are blanked to spaces of the same length, so the parse of what stays
keeps the character offsets of ``Document.text`` and costs nothing for the rest.

Coreference reaches back: a kept sentence with a pronoun or description also keeps
the sentences back to the nearest one naming somebody, and a kept sentence that
repeats a name keeps the sentence that first used it (where the recogniser
remembered who it is). Matching is on surface forms: every lemma the spaCy rule
lemmatizer could give a word (its rules and exceptions, any part of speech) is
tried, so inflection never hides a trigger.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

import ahocorasick
from spacy.language import Language

from eventwire.actors import coref
from eventwire.actors.lookup import normalise
from eventwire.events.modality import OBLIGATION_MODALS
from eventwire.events.patterns import MODIFIER_FILE, NULL_CODE, PatternTable, parse_modifiers
from eventwire.events.rules import APPEALS, DEMANDS, DIRECTIVES, RESIDUAL_STATEMENT
from eventwire.nlp.quoting import FIRST_PERSON, QUOTE_PAIRS, quoted_spans
from eventwire.records import Span

NO_EVENT_CODES = frozenset({NULL_CODE, RESIDUAL_STATEMENT, ""})
# Words whose mere presence may make a mention through coreference (see actors/coref.py).
COREF_WORDS = coref.PERSON_PRONOUNS | {"they", "them", "it"}
# Descriptions coreference resolves ("the official", "the group", "the country").
DESCRIPTIONS = coref.PERSON_DESCRIPTIONS | coref.GROUP_DESCRIPTIONS | coref.COUNTRY_DESCRIPTIONS
_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
# A sentence ends at . ! ? (and closing quotes/brackets) before white space and a
# capital, digit or opening quote, unless the word is an abbreviation; a line break
# always ends one (the backend forces a sentence start there too).
_SENTENCE_END = re.compile(
    r"(?P<word>[^\s]*)[.!?][\"'\u201d\u2019)\]]*\s+(?=[A-Z0-9\"'\u201c\u2018(\[])|\n+"
)
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "st", "jr", "sr", "gen", "col", "lt"}
    | {"sgt", "capt", "maj", "prof", "rev", "inc", "corp", "co", "ltd", "vs", "etc"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
    | {"mt", "ft", "fig", "gens", "reps", "sens", "adm", "cmdr", "pres", "supt", "atty"}
)


@dataclass(frozen=True, slots=True)
class TriggerRow:
    """One way a lemma can be an event: the other words that must be present."""

    lemma: str
    needs: frozenset[str]  # particle, preposition, object lemma, modifier, modal


@dataclass(frozen=True, slots=True)
class Decision:
    """The prefilter's verdict on one document: cheap sentence spans, kept or not."""

    sentences: tuple[Span, ...]
    kept: tuple[bool, ...]

    @property
    def skipped_chars(self) -> int:
        pairs = zip(self.sentences, self.kept, strict=True)
        return sum(s.end - s.start for s, k in pairs if not k)


def split_sentences(text: str) -> tuple[Span, ...]:
    """Cheap sentence spans (end punctuation before white space, line breaks);
    the white space after a sentence belongs to it."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _abbreviation(match.group("word") or ""):
            continue
        end = match.end()
        if text[start:end].strip():
            spans.append(Span(start, end))
            start = end
    if text[start:].strip() or not spans:
        spans.append(Span(start, len(text)))
    else:
        spans[-1] = Span(spans[-1].start, len(text))
    return tuple(spans)


class LemmaGuesser:
    """Every lemma the rule lemmatizer might give a word form, cached per form.

    The cache is per object (one per pipeline) and grows with the vocabulary only.
    """

    def __init__(
        self, rules: Iterable[tuple[str, str]], exceptions: Mapping[str, Collection[str]]
    ) -> None:
        self._rules = tuple(sorted(set(rules)))
        self._exceptions = exceptions
        self._cache: dict[str, frozenset[str]] = {}

    def lemmas(self, word: str) -> frozenset[str]:
        found = self._cache.get(word)
        if found is None:
            lower = word.lower().replace("\u2019", "'")
            forms = {lower, *self._exceptions.get(lower, ())}
            for old, new in self._rules:
                if old and lower.endswith(old) and len(lower) > len(old):
                    forms.add(lower[: len(lower) - len(old)] + new)
            found = frozenset(forms)
            self._cache[word] = found
        return found


class Prefilter:
    """Built once per pipeline from the coder's triggers and the actor phrases."""

    def __init__(
        self,
        triggers: Iterable[TriggerRow],
        actor_phrases: Iterable[str],
        guesser: LemmaGuesser,
        keep_named: bool = True,
    ) -> None:
        by_lemma: dict[str, set[frozenset[str]]] = {}
        for row in triggers:
            by_lemma.setdefault(row.lemma, set()).add(row.needs)
        # An unconditional row makes the other rows of its lemma irrelevant.
        self._triggers: Mapping[str, tuple[frozenset[str], ...]] = MappingProxyType(
            {
                lemma: (frozenset(),) if frozenset() in rows else tuple(rows)
                for lemma, rows in by_lemma.items()
            }
        )
        self._actors = _PhraseStarts(actor_phrases)
        self._guesser = guesser
        self._keep_named = keep_named
        needs = {w for rows in self._triggers.values() for row in rows for w in row}
        self._relevant = frozenset(self._triggers) | needs | DESCRIPTIONS
        self._word_cache: dict[str, frozenset[str]] = {}

    def _lemmas(self, word: str) -> frozenset[str]:
        """The lemmas of a word form that matter here (usually none), cached."""
        found = self._word_cache.get(word)
        if found is None:
            found = self._guesser.lemmas(word) & self._relevant
            if len(self._word_cache) < _CACHE_LIMIT:
                self._word_cache[word] = found
        return found

    def decide(self, text: str) -> Decision:
        sentences = split_sentences(text)
        hits = self._actors.starts(text)
        words = [_WORD.findall(s.of(text)) for s in sentences]
        named = [_hit_in(hits, s) for s in sentences]
        names = [_names(ws) for ws in words]
        first_use: dict[str, int] = {}
        for i, found in enumerate(names):
            for name in found:
                first_use.setdefault(name, i)
        keep = [False] * len(sentences)
        quotes = quoted_spans(text) if any(q in text for q, _ in QUOTE_PAIRS) else []
        for i, sentence_words in enumerate(words):
            lowered = frozenset(w.lower() for w in sentence_words)
            lemmas = frozenset().union(*(self._lemmas(w) for w in lowered))
            repeated = {first_use[n] for n in names[i] if first_use[n] < i}
            coref_needed = bool(lowered & COREF_WORDS or lemmas & DESCRIPTIONS)
            # "'We will retaliate,' the spokesman said": the speaker may come after
            speaker_needed = bool(lowered & FIRST_PERSON) and _overlaps(quotes, sentences[i])
            if self._keep_named and (named[i] or names[i]):
                keep[i] = True  # an antecedent or a name to remember, event or not
            if not (named[i] or coref_needed or repeated or speaker_needed):
                continue
            if not self._has_trigger(lemmas):
                continue
            keep[i] = True
            if speaker_needed:
                for j in range(i + 1, min(i + 3, len(sentences))):
                    keep[j] = True
                    if named[j] or names[j]:
                        break
            for j in repeated:
                keep[j] = True
            if coref_needed:
                for j in range(i - 1, -1, -1):
                    keep[j] = True
                    if named[j] or names[j]:
                        break
        return Decision(sentences, tuple(keep))

    def _has_trigger(self, lemmas: frozenset[str]) -> bool:
        for lemma in lemmas:
            for needs in self._triggers.get(lemma, ()):
                if needs <= lemmas:
                    return True
        return False


def _overlaps(quotes: Sequence[Span], sentence: Span) -> bool:
    return any(q.start < sentence.end and sentence.start < q.end for q in quotes)


class _PhraseStarts:
    """Where any dictionary phrase starts (whole words; overlaps allowed: any hit
    makes a sentence a candidate). Case and white space are folded with
    ``str.translate``, which keeps offsets and is far cheaper than a loop."""

    def __init__(self, phrases: Iterable[str]) -> None:
        automaton: Any = ahocorasick.Automaton()
        for phrase in {normalise(p) for p in phrases}:
            if phrase.strip():
                automaton.add_word(phrase, len(phrase))
        automaton.make_automaton()
        self._automaton = automaton

    def starts(self, text: str) -> list[int]:
        folded = text.lower()
        folded = normalise(text) if len(folded) != len(text) else folded.translate(_FOLD)
        found = []
        for last, length in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < len(folded) and folded[end].isalnum():
                continue
            found.append(start)
        return sorted(found)


# What lookup.normalise folds: white space and hyphens to a space, curly apostrophes.
_FOLD = str.maketrans(
    {c: " " for c in map(chr, range(0x3001)) if c.isspace()}
    | {c: " " for c in "-\u2010\u2011\u2012\u2013"}
    | {c: "'" for c in "\u2019\u2018\u02bc"}
)
_CACHE_LIMIT = 500_000


def mask(text: str, decision: Decision) -> str:
    """``text`` with the skipped sentences blanked (line breaks kept), same length."""
    if all(decision.kept):
        return text
    parts = [text[: decision.sentences[0].start]]
    for span, kept in zip(decision.sentences, decision.kept, strict=True):
        piece = span.of(text)
        parts.append(piece if kept else "".join(c if c == "\n" else " " for c in piece))
    parts.append(text[decision.sentences[-1].end :])
    return "".join(parts)


def _abbreviation(word: str) -> bool:
    """ "Mr.", "Gov.", "U.S.", "J." end no sentence."""
    word = word.lstrip("\"'(\u201c\u2018[")
    return word.lower() in ABBREVIATIONS or "." in word or (len(word) == 1 and word.isupper())


def _names(words: Sequence[str]) -> frozenset[str]:
    """Capitalised words after the first: names a recogniser may remember."""
    return frozenset(w for w in words[1:] if w[0].isupper() and not w.isupper())


def _hit_in(starts: Sequence[int], span: Span) -> bool:
    i = bisect_left(starts, span.start)
    return i < len(starts) and starts[i] < span.end


def trigger_rows(patterns: PatternTable, valid_codes: Collection[str]) -> list[TriggerRow]:
    """What the coder can code: pattern rows with an event code (either voice),
    modifier rules ("hunger strike"), and the complement rules ("X said Y must",
    "X urged Y to")."""
    rows = []
    for p in patterns:
        if {p.code, p.passive_code} - NO_EVENT_CODES:
            needs = {w for part in (p.particle, p.prep, p.object) for w in part.split()}
            rows.append(TriggerRow(p.lemma, frozenset(needs)))
    modifiers = resources.files("eventwire") / "data" / "patterns" / MODIFIER_FILE
    for (lemma, modifier), code in parse_modifiers(
        modifiers.read_text(encoding="utf-8"), frozenset(valid_codes), MODIFIER_FILE
    ).items():
        if code not in NO_EVENT_CODES:
            rows.append(TriggerRow(lemma, frozenset(modifier.split())))
    for carrier in DEMANDS.carriers:
        rows.extend(TriggerRow(carrier, frozenset({modal})) for modal in OBLIGATION_MODALS)
    for rule in (APPEALS, DIRECTIVES):
        rows.extend(TriggerRow(carrier, frozenset({"to"})) for carrier in rule.carriers)
    return rows


def lemma_guesser(nlp: Language) -> LemmaGuesser:
    """Rules and exceptions of the model's rule lemmatizer, all parts of speech."""
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    rules = lookups.get_table("lemma_rules")
    exceptions = lookups.get_table("lemma_exc")
    pairs = [(old, new) for key in rules for old, new in rules[key]]
    inverse: dict[str, set[str]] = {}
    for key in exceptions:
        for form, lemmas in exceptions[key].items():
            inverse.setdefault(form, set()).update(lemmas)
    return LemmaGuesser(pairs, {k: frozenset(v) for k, v in inverse.items()})


def build_prefilter(
    nlp: Language,
    patterns: PatternTable,
    valid_codes: Collection[str],
    actor_phrases: Iterable[str],
) -> Prefilter:
    """The prefilter for one pipeline's model, trigger table and actor dictionary."""
    return Prefilter(trigger_rows(patterns, valid_codes), actor_phrases, lemma_guesser(nlp))
