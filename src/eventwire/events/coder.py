"""The dependency coder: triggers from the pattern table, roles from the parse.

For each sentence: every verb or event noun whose lemma is in the pattern table is
a trigger; the most specific pattern whose particle/preposition/object constraints
hold gives the CAMEO code; :mod:`roles` finds source and target among the actor
mentions; :mod:`modality` re-codes intentions, refusals and threats and drops what
did not happen. A sentence that matches nothing yields nothing: there is no
default code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.dates import DateResolver
from eventwire.events.modality import (
    INTENT_CUES,
    OBLIGATION_MODALS,
    ModalityReading,
    read_modality,
    recode,
)
from eventwire.events.ontology import Ontology
from eventwire.events.patterns import Pattern, PatternTable
from eventwire.events.roles import (
    MentionIndex,
    is_passive,
    noun_own_source,
    noun_source,
    noun_target,
    prep_objects,
    verb_source,
    verb_target,
)
from eventwire.records import Actor, Document, Event, Mention, Sentence, Span

NULL_CODE = "---"
_VERB_POS = frozenset({"VERB"})
_NOUN_POS = frozenset({"NOUN"})


@dataclass(frozen=True, slots=True)
class _Trigger:
    token: Token
    kind: str
    pattern: Pattern
    code: str


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An event before deduplication, with what ranks it against its rivals."""

    event: Event
    trigger: _Trigger
    rank: float


class DependencyCoder:
    """``coder.cameo_deps.v1``: CAMEO coding over a spaCy dependency parse."""

    name = "coder.cameo_deps.v1"

    def __init__(self, ontology: Ontology, patterns: PatternTable, dates: DateResolver) -> None:
        self.ontology = ontology
        self.patterns = patterns
        self.dates = dates
        self._verb_lemmas = patterns.trigger_lemmas("verb")
        self._noun_lemmas = patterns.trigger_lemmas("noun")
        self._light_verbs = patterns.light_verbs()

    def code(self, doc: Doc, document: Document, mentions: Sequence[Mention]) -> tuple[Event, ...]:
        index = MentionIndex.build(mentions)
        events: list[Event] = []
        for sentence_index, sent in enumerate(doc.sents):
            events.extend(self._code_sentence(sent, sentence_index, document, index))
        return tuple(events)

    # -- triggers -------------------------------------------------------------

    def _triggers(self, sent: SpacySpan, index: MentionIndex) -> list[_Trigger]:
        found: list[_Trigger] = []
        for token in sent:
            lemma = token.lemma_.lower()
            if token.pos_ in _VERB_POS and lemma in self._verb_lemmas:
                if token.dep_ in _NON_PREDICATE_DEPS:
                    continue  # "according to", "given that": not predicates
                pattern = self._match_verb(token, lemma)
            elif token.pos_ in _NOUN_POS and lemma in self._noun_lemmas:
                if index.at(token):
                    continue
                pattern = self._match_noun(token, lemma)
                modifiers = [
                    c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod"}
                ]
                modified = self.patterns.modified_code(lemma, modifiers)
                if pattern is not None and modified is not None:
                    pattern = replace(pattern, code=modified, note=f"modifier rule: {modified}")
            else:
                continue
            if pattern is None:
                continue
            code = pattern.code
            if pattern.kind == "verb" and is_passive(token) and pattern.passive_code:
                code = pattern.passive_code
            if code == NULL_CODE:
                continue
            found.append(_Trigger(token, pattern.kind, pattern, code))
        found.extend(_obligations(sent, {t.token.i: t for t in found}))
        return found

    def _match_verb(self, token: Token, lemma: str) -> Pattern | None:
        # A "particle" with dependents is a misparse ("kidnapped up to 16 ...").
        particles = {c.lower_ for c in token.children if c.dep_ == "prt" and not list(c.children)}
        preps = {c.lower_ for c in token.children if c.dep_ in {"prep", "agent", "dative"}}
        objects = {c.lemma_.lower() for c in token.children if c.dep_ in {"dobj", "attr"}}
        # "handed over 700 kg of medicine": a measure word passes on its "of" object.
        objects |= {
            pobj.lemma_.lower()
            for c in token.children
            if c.dep_ == "dobj" and c.lemma_.lower() in MEASURE_WORDS
            for pobj in prep_objects(c, "of")
        }
        # PP attachment is often to the object: "fired missiles [at Russia]".
        preps |= {
            p.lower_
            for c in token.children
            if c.dep_ == "dobj"
            for p in c.children
            if p.dep_ == "prep"
        }
        for pattern in self.patterns.candidates("verb", lemma):
            if pattern.particle:
                if pattern.particle not in particles:
                    continue
            elif particles:
                continue
            if pattern.prep and pattern.prep not in preps:
                continue
            if pattern.object:
                pool = (
                    {o.lemma_.lower() for o in prep_objects(token, pattern.prep)}
                    if pattern.prep
                    else objects
                )
                if pattern.object not in pool:
                    continue
            return pattern
        return None

    def _match_noun(self, token: Token, lemma: str) -> Pattern | None:
        preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
        for pattern in self.patterns.candidates("noun", lemma):
            if pattern.prep and pattern.prep not in preps:
                continue
            if pattern.object:
                pool = {o.lemma_.lower() for o in prep_objects(token, pattern.prep or None)}
                if pattern.object not in pool:
                    continue
            return pattern
        return None

    # -- events ---------------------------------------------------------------

    def _code_sentence(
        self, sent: SpacySpan, sentence_index: int, document: Document, index: MentionIndex
    ) -> list[Event]:
        triggers = self._triggers(sent, index)
        if not triggers:
            return []
        sentence = Sentence(
            index=sentence_index,
            span=Span(sent.start_char, sent.start_char + len(sent.text.rstrip())),
            text=sent.text.strip(),
        )
        noun_objects = {t.token.i for t in triggers if t.kind == "noun"}
        produced: dict[int, list[_Candidate]] = {}
        for trigger in triggers:
            if trigger.kind == "verb" and self._defers_to_noun(trigger, noun_objects):
                continue
            produced[trigger.token.i] = self._events_for(trigger, sentence, document, index)
        kept = [t for t in triggers if produced.get(t.token.i) and not _is_carrier(t, produced)]
        verbs = [t.token for t in kept if t.kind == "verb"]
        candidates = [
            candidate
            for trigger in kept
            if not (
                trigger.kind == "noun"
                and _is_theme(trigger.token, verbs)
                and not noun_own_source(trigger.token, index, set())
            )
            for candidate in produced[trigger.token.i]
        ]
        return _deduplicate(candidates)

    def _defers_to_noun(self, trigger: _Trigger, noun_triggers: set[int]) -> bool:
        """A light or bare verb ("hold talks", "engage in cooperation") yields to its noun."""
        if trigger.token.lemma_.lower() not in self._light_verbs:
            return False
        token = trigger.token
        objects = [c for c in token.children if c.dep_ in {"dobj", "attr"}]
        objects.extend(prep_objects(token))
        # "launched a mediation effort": the event noun may be a compound of the object.
        objects.extend(c for o in list(objects) for c in o.children if c.dep_ == "compound")
        return any(o.i in noun_triggers for o in objects)

    def _events_for(
        self, trigger: _Trigger, sentence: Sentence, document: Document, index: MentionIndex
    ) -> list[_Candidate]:
        token = trigger.token
        if trigger.code == RESIDUAL_STATEMENT:
            # CAMEO codes 010 only when nothing more specific can be said; "X said",
            # "his remarks" carry other events. PETRARCH's 010 flood is not repeated.
            return []
        base_code = trigger.code
        if _carries_uncoded_complement(trigger):
            lemma = token.lemma_.lower()
            if lemma in AGREEMENT_VERBS:
                base_code = AGREEMENT_CODE  # "agreed to set up a centre": the agreement
            elif lemma not in THREAT_VERBS:  # "threatened to resume attacks" stays 13x
                return []
        reading = read_modality(token)
        if reading.modality == "requested" or reading.suppressed:
            return []
        if trigger.kind == "verb":
            sources = verb_source(token, index)
        else:
            sources = noun_source(token, index, exclude=set())
        if trigger.kind == "verb" and token.lemma_.lower() in CONVERSE_VERBS:
            # "Demonstrators received weapons from the government": the giver acts.
            givers = [m for obj in prep_objects(token, "from") for m in index.with_conjuncts(obj)]
            if givers and sources:
                return self._pairs_to_events(
                    trigger,
                    trigger.code,
                    reading,
                    [(g, s) for g in givers for s in sources],
                    sentence,
                    document,
                    index,
                )
        unattributed = not sources
        if unattributed and base_code[:2] not in UNATTRIBUTED_ROOTS:
            return []
        exclude = {m.head_token for m in sources}
        pattern = trigger.pattern
        places = base_code[:2] in PLACE_TARGET_ROOTS or base_code in PLACE_TARGET_CODES
        if trigger.kind == "verb":
            targets = verb_target(
                token,
                index,
                pattern.prep or None,
                pattern.target,
                exclude,
                places,
                addressee_in_complement=base_code[:2] in ADDRESSEE_ROOTS,
            )
        else:
            targets = noun_target(token, index, pattern.prep or None, exclude, places)
        if unattributed:
            # "Three US servicemen were killed by a roadside bomb": the victims are
            # known, the attacker is not; CAMEO/PLOVER code it as unidentified armed
            # forces of the country where it happened.
            targets = _victims(trigger, index)
            if not targets:
                return []
            sources = [_unattributed_attacker(token, sentence.index, index)]
        code = recode(base_code, reading, has_target=bool(targets))
        if code is None or not self.ontology.is_valid(code):
            return []
        if not targets and not (
            _may_lack_target(trigger, code) or _may_lack_target(trigger, base_code)
        ):
            return []
        pairs: list[tuple[Mention, Mention | None]]
        if targets:
            pairs = [(s, t) for s in sources for t in targets]
            if _reciprocal(code, token):  # "X met Y" is also "Y met X"
                pairs += [(t, s) for s in sources for t in targets]
        elif len(sources) > 1 and code[:2] in JOINT_ROOTS:
            # "Brazil and the United States agreed to deepen ties": each with the other.
            pairs = [(s, t) for s in sources for t in sources if s is not t]
        else:  # "US and British activists protested": each on its own
            pairs = [(s, None) for s in sources]
        return self._pairs_to_events(trigger, code, reading, pairs, sentence, document, index)

    def _pairs_to_events(
        self,
        trigger: _Trigger,
        code: str,
        reading: ModalityReading,
        pairs: list[tuple[Mention, Mention | None]],
        sentence: Sentence,
        document: Document,
        index: MentionIndex,
    ) -> list[_Candidate]:
        token, pattern = trigger.token, trigger.pattern
        reporter = self._reporter(reading, index)
        event_type = self.ontology.event_type(code)
        date = self.dates.resolve(token, document.published, anchor=reading.reporter)
        trigger_span = Span(token.idx, token.idx + len(token.text))
        result: list[_Candidate] = []
        for source, target in pairs:
            if target is source or (
                target is not None
                and target.span == source.span
                and target.actor.code == source.actor.code
            ):
                continue  # coordinated actors share a phrase; one actor is not its own pair
            confidence = _confidence(pattern, source, target, reading)
            evidence = _evidence(sentence.span, trigger_span, source, target)
            event = Event(
                event_id=_event_id(document.id, sentence, trigger_span, source, target, code),
                doc_id=document.id,
                sentence=sentence,
                source=source.actor,
                target=target.actor if target else None,
                type=event_type,
                trigger=trigger_span,
                evidence=evidence,
                modality=reading.modality,
                date=date,
                confidence=confidence,
                reported_by=reporter,
                url=document.url,
                pattern=f"{pattern.kind}:{pattern.lemma}"
                + (f" {pattern.particle}" if pattern.particle else "")
                + (f" {pattern.prep}" if pattern.prep else "")
                + (f" [{pattern.object}]" if pattern.object else "")
                + f" -> {trigger.pattern.code} (line {pattern.line})",
            )
            rank = confidence + (0.05 if trigger.kind == "noun" else 0.0)
            result.append(_Candidate(event, trigger, rank))
        return result

    def _reporter(self, reading: ModalityReading, index: MentionIndex) -> Actor | None:
        if reading.reporter is None:
            return None
        speakers = verb_source(reading.reporter, index)
        return speakers[0].actor if speakers else None


# Cooperation, aid and consultation are with somebody.
PARTNERED_ROOTS = frozenset({"04", "05", "06", "07"})
# Verbs whose subject is the recipient and whose "from" phrase is the actor.
CONVERSE_VERBS = frozenset({"receive", "obtain", "get", "accept"})
# Meetings and talks involve both sides equally; so does signing an agreement,
# but not endorsing or ratifying one.
RECIPROCAL_CODES = frozenset({"040", "041", "046"})
RECIPROCAL_AGREEMENT_WORDS = frozenset(
    {"sign", "conclude", "reach", "ink", "agreement", "treaty", "deal", "accord", "pact"}
)


def _reciprocal(code: str, trigger: Token) -> bool:
    if code in RECIPROCAL_CODES:
        return True
    return code == "057" and trigger.lemma_.lower() in RECIPROCAL_AGREEMENT_WORDS


# Force posture and attacks: the country where they happen is their recipient.
PLACE_TARGET_ROOTS = frozenset({"14", "15", "18", "19", "20"})
# A visit's recipient is its host: "attended a summit in Switzerland" (042-044).
PLACE_TARGET_CODES = frozenset({"042", "043", "044"})
# Cooperation between coordinated actors is with each other ("X and Y agreed").
JOINT_ROOTS = frozenset({"03", "04", "05", "06"})
# Prepositions whose object is what a verb is about ("censured X for ...");
# others ("with the deployment of troops", "in", "after") open adjuncts.
_THEME_PREPS = frozenset({"for", "of", "about", "over", "on", "against", "to", "into"})
# Links that open a new clause: an event noun below one is not a mere theme.
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis"})


def _is_theme(noun: Token, verbs: list[Token]) -> bool:
    """An event noun inside a coded verb's argument is its theme: "endorsed an
    agreement" is one event, not two. (A noun that names its own source, as in
    "condemned Russia's invasion", stays an event: the caller checks that.)"""
    for verb in verbs:
        node, below = noun, noun
        while node.i != verb.i and node.head.i != node.i and node.dep_ not in _CLAUSE_DEPS:
            below, node = node, node.head
        if node.i != verb.i:
            continue
        if below.dep_ in {"dobj", "attr", "oprd"}:
            return True
        if below.dep_ == "prep" and below.lower_ in _THEME_PREPS:
            return True
    return False


# Roots whose events are commonly reported without a recipient: statements,
# intentions, concessions, protests, force posture ("troops withdrew", "protested").
TARGETLESS_ROOTS = frozenset({"01", "02", "03", "07", "08", "10", "11", "12", "13", "14", "15"})
# Threat verbs are events even when what is threatened is not codable.
THREAT_VERBS = frozenset({"threaten", "warn"})
# Appeals, demands and threats address the subject of their complement clause.
ADDRESSEE_ROOTS = frozenset({"02", "10", "13"})
# Agreeing and offering are events even when what is agreed is not codable.
AGREEMENT_VERBS = frozenset({"agree", "accept", "consent", "commit", "offer"})
AGREEMENT_CODE = "030"
# Verbs in these roles are not predicates ("according to", "given that").
_NON_PREDICATE_DEPS = frozenset({"prep", "mark", "cc", "aux", "auxpass", "case"})
# Reporting verbs whose "must"/"should" complement is a demand on its subject.
_DEMAND_CARRIERS = frozenset(
    {"say", "declare", "reiterate", "insist", "state", "stress", "tell", "warn", "add", "argue"}
)
# What a demand asks for, by the root of the demanded act (CAMEO 10x).
_DEMAND_BY_ROOT = MappingProxyType(
    {
        "04": "106",
        "05": "102",
        "06": "101",
        "07": "103",
        "08": "105",
        "03": "100",
    }
)
_OBLIGATION = Pattern(
    kind="verb",
    lemma="<reporting verb> ... must",
    particle="",
    prep="",
    object="",
    code="100",
    passive_code="",
    target="auto",
    origin="eventwire",
    note="reported obligation: 'X said Y must ...' is a demand",
    line=0,
)


def _obligations(sent: SpacySpan, triggers: dict[int, _Trigger]) -> list[_Trigger]:
    """ "The US said China must drop barriers": the speaker demands (10x) of the
    complement's subject; the code follows what is demanded, when that is coded."""
    found: list[_Trigger] = []
    for token in sent:
        if token.pos_ != "VERB" or token.lemma_.lower() not in _DEMAND_CARRIERS:
            continue
        for comp in token.children:
            if comp.dep_ != "ccomp":
                continue
            if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in comp.children):
                continue
            demanded = triggers.get(comp.i)
            code = _DEMAND_BY_ROOT.get(demanded.code[:2], "100") if demanded else "100"
            found.append(_Trigger(token, "verb", _OBLIGATION, code))
    return found


# Dependencies that hold a verb's complement (where a carrier's real event sits).
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj"})


RESIDUAL_STATEMENT = "010"
# Quantity and unit nouns whose "of" phrase is the real object.
MEASURE_WORDS = frozenset(
    {"kg", "kilogram", "ton", "tonne", "pound", "worth", "amount", "quantity", "shipment"}
    | {"batch", "consignment", "load", "lot", "number", "supply", "package", "cache"}
)
# Material violence is worth coding even when the perpetrator is not named.
UNATTRIBUTED_ROOTS = frozenset({"18", "19", "20"})
UNATTRIBUTED_SECTOR = "UAF"
_LOCATIVE_PREPS = frozenset({"in", "near", "outside", "at", "around", "across"})


def _victims(trigger: _Trigger, index: MentionIndex) -> list[Mention]:
    """Who suffered a violent act whose agent is not named: the subject of a passive
    verb ("were killed") or the noun a past participle modifies ("soldiers killed in
    Ukraine"). Event nouns ("the bombing") are not enough: they are too often
    background or generic."""
    token = trigger.token
    if trigger.kind != "verb":
        return []
    if is_passive(token):
        return [
            m
            for c in token.children
            if c.dep_ in {"nsubjpass", "csubjpass"}
            for m in index.with_conjuncts(c)
        ]
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return index.with_conjuncts(token.head)
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if subjects and all(s.pos_ == "NOUN" and not index.for_argument(s) for s in subjects):
        # "A car bomb killed twelve soldiers": the subject is a weapon, not an actor.
        return [m for c in token.children if c.dep_ == "dobj" for m in index.with_conjuncts(c)]
    return []


def _unattributed_attacker(trigger: Token, sentence_index: int, index: MentionIndex) -> Mention:
    """An "unidentified armed forces" actor placed in the country where the violence
    happened (a country named in a locative phrase of the sentence, if any). Its span
    is the instrument ("by an improvised explosive device") or else the trigger."""
    country = None
    for token in trigger.sent:
        if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS:
            for mention in index.for_argument(token):
                if mention.actor.country is not None:
                    country = mention.actor.country
                    break
        if country is not None:
            break
    words = [trigger]
    for agent in (c for c in trigger.children if c.dep_ == "agent"):
        for pobj in (c for c in agent.children if c.dep_ == "pobj"):
            words = list(pobj.subtree)
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    code = (country or "") + UNATTRIBUTED_SECTOR
    actor = Actor(
        code=code,
        name="unidentified armed forces",
        span=Span(start, end),
        country=country,
        sectors=(UNATTRIBUTED_SECTOR,),
        resolved_by="unattributed",
    )
    return Mention(
        span=Span(start, end),
        text=trigger.doc.text[start:end],
        actor=actor,
        sentence_index=sentence_index,
        token_start=words[0].i,
        token_end=words[-1].i + 1,
        head_token=trigger.i,
    )


def _carries_uncoded_complement(trigger: _Trigger) -> bool:
    """ "plans to build a wall", "promised to cut taxes": a bare intent verb whose
    complement is no coded event says nothing CAMEO can code (the complement, when
    coded, already carries the intent as its modality)."""
    token = trigger.token
    if trigger.kind != "verb" or trigger.pattern.specificity > 0:
        return False
    if token.lemma_.lower() not in INTENT_CUES:
        return False
    return any(c.dep_ in {"xcomp", "ccomp"} for c in token.children)


def _may_lack_target(trigger: _Trigger, code: str) -> bool:
    """A bare converted verb ("take", "serve", "contain") codes only with a recipient;
    specific and hand-written patterns, event nouns and targetless roots need none."""
    pattern = trigger.pattern
    explicit = pattern.specificity == 0 and pattern.target in {"dobj", "pobj"}
    if trigger.kind == "verb" and explicit and code[:2] in PARTNERED_ROOTS:
        # The row names where its recipient is ("helped Israel"), and cooperation
        # needs a partner; threats, demands, coercion do not ("police arrested 12").
        return False
    if trigger.kind == "noun" or pattern.specificity > 0 or pattern.origin == "eventwire":
        return True
    return code[:2] in TARGETLESS_ROOTS


def _is_carrier(trigger: _Trigger, produced: dict[int, list[_Candidate]]) -> bool:
    """A bare verb whose complement was coded is a carrier ("decided to expand ...",
    "agreed to lift ...", "seeking to deepen ..."): the complement is the event."""
    if trigger.kind != "verb" or trigger.pattern.specificity > 0:
        return False
    if trigger.pattern is _OBLIGATION:
        return False  # the demand is the event; what is demanded is only requested
    for token in trigger.token.subtree:
        if token.i == trigger.token.i or not produced.get(token.i):
            continue
        node = token
        node, last = token, ""
        while node.i != trigger.token.i and node.dep_ in _COMPLEMENT_DEPS | {"conj", "acomp"}:
            last = node.dep_
            node = node.head
        if node.i == trigger.token.i and last in {"xcomp", "ccomp"}:
            return True
    return False


def _confidence(
    pattern: Pattern, source: Mention, target: Mention | None, reading: ModalityReading
) -> float:
    """A rough, documented score: specific patterns, known targets and direct
    (not coreferent) actors raise it; claims and conditionals lower it."""
    score = 0.55
    if pattern.specificity > 0:
        score += 0.15
    if target is not None:
        score += 0.15
    if source.actor.resolved_by == "coref":
        score -= 0.1
    if reading.modality in {"alleged", "hypothetical"}:
        score -= 0.15
    if pattern.origin == "eventwire":
        score += 0.05
    return round(max(0.05, min(0.95, score)), 2)


def _evidence(sentence: Span, trigger: Span, source: Mention, target: Mention | None) -> Span:
    spans = [trigger, source.span] + ([target.span] if target else [])
    inside = [s for s in spans if sentence.contains(s)] or [trigger]
    return Span(min(s.start for s in inside), max(s.end for s in inside))


def _event_id(
    doc_id: str,
    sentence: Sentence,
    trigger: Span,
    source: Mention,
    target: Mention | None,
    code: str,
) -> str:
    """Deterministic: the same input gives the same id on any machine or engine."""
    target_key = f"{target.span.start}:{target.span.end}:{target.actor.code}" if target else "-"
    key = "|".join(
        [
            doc_id,
            f"{sentence.span.start}:{sentence.span.end}",
            f"{trigger.start}:{trigger.end}",
            f"{source.span.start}:{source.span.end}:{source.actor.code}",
            target_key,
            code,
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _strong_target(event: Event) -> bool:
    """A recipient with a country or organisation, not just "people" or "troops"."""
    target = event.target
    if target is None:
        return False
    return target.country is not None or target.code != "".join(target.sectors)


def _deduplicate(candidates: list[_Candidate]) -> list[Event]:
    """One event per (source, target, CAMEO root) in a sentence: the best-ranked.

    "was in direct contact with Russian authorities to discuss the issue" gives a
    04x from "contact" and another from "discuss"; both say the same thing.
    An event without a (strong) target yields to one with a country or organisation
    as target for the same source and root ("bombarded Aleppo, killing eight people").
    """
    best: dict[tuple[str, str, str], _Candidate] = {}
    for candidate in candidates:
        event = candidate.event
        key = (
            event.source.code + f"@{event.source.span.start}",
            event.target.code if event.target else "",
            event.type.root,
        )
        current = best.get(key)
        if current is None or candidate.rank > current.rank:
            best[key] = candidate
    kept = list(best.values())
    with_target = {
        (c.event.source.span, c.event.type.root) for c in kept if _strong_target(c.event)
    }
    kept = [
        c
        for c in kept
        if _strong_target(c.event) or (c.event.source.span, c.event.type.root) not in with_target
    ]
    kept.sort(key=lambda c: (c.event.trigger.start, c.event.event_id))
    return [c.event for c in kept]
