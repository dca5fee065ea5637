"""The dependency coder: triggers from the pattern table, roles from the parse.

For each sentence: every verb or event noun whose lemma is in the pattern table is
a trigger; the most specific pattern whose particle/preposition/object constraints
hold gives the CAMEO code; :mod:`roles` finds source and target among the actor
mentions; :mod:`modality` re-codes intentions, refusals and threats and drops what
did not happen. A sentence that matches nothing yields nothing: there is no
default code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.dates import DateResolver
from eventwire.events.modality import (
    ModalityReading,
    read_modality,
    recode,
)
from eventwire.events.ontology import Ontology
from eventwire.events.patterns import NULL_CODE, Pattern, PatternTable
from eventwire.events.roles import (
    MentionIndex,
    is_passive,
    noun_own_source,
    noun_source,
    noun_target,
    passive_subjects,
    prep_objects,
    topic_place,
    verb_source,
    verb_target,
)
from eventwire.events.rules import (
    ACCIDENT_LEMMAS,
    ADDRESSED_VERBS,
    AGREEMENT_CODE,
    AGREEMENT_VERBS,
    APPEALS,
    ARMED_SECTORS,
    COMPLEMENT_TARGET_ROOTS,
    CONVERSE_VERBS,
    DEMANDS,
    DIRECTIVES,
    EXERCISE_NOUNS,
    HARM_LEMMAS,
    JOINT_EXERCISE_CODE,
    MATERIAL_CONFLICT,
    MEASURE_WORDS,
    NON_PREDICATE_DEPS,
    PLACE_TARGET_CODES,
    PLACE_TARGET_ROOTS,
    REFUSAL_CODE,
    REFUSAL_VERBS,
    RELEASE_CODE,
    RELEASE_PERSONS_CODE,
    RESIDUAL_STATEMENT,
    SAME_CODE_ROOTS,
    THREAT_VERBS,
    UNATTRIBUTED_ROOTS,
    VERBAL_ATTACK_CODE,
    Candidate,
    Trigger,
    abstract_struggle,
    campaign_rally,
    carries_uncoded_complement,
    confidence_of,
    deduplicate,
    electoral_contest,
    empty_promise,
    event_id_of,
    evidence_span,
    instrument_owner,
    is_carrier,
    is_theme,
    joint,
    may_lack_target,
    names_a_standing_thing,
    place_authority,
    predicated_conflict,
    reciprocal,
    releases_people,
    thanked_for,
    unattributed_attacker,
    verbal_attack,
    victims,
    violence_evident,
    warns_of_others,
)
from eventwire.records import Actor, Document, Event, Mention, Sentence, Span

_VERB_POS = frozenset({"VERB"})
# Meetings: the place a meeting is in hosts it; it is not a party to it.
CONSULT_ROOT = "04"
# De-escalation said in the passive without an agent: the forces withdrawn or
# demobilized are the ones who de-escalate (CAMEO 087x).
SELF_PASSIVE_CODES = ("087",)
# Sectors that neither posture nor fight, for roots that are force (CAMEO 15, 18-20).
UNARMED_SECTORS = frozenset({"BUS", "MED", "EDU"})
UNARMED_ROOTS = frozenset({"15", "18", "19", "20"})
# Events a city names as their venue, not their agent: "Moscow talks", "the Raqqa
# battle", "a Kabul car bombing" (but "a Beijing crackdown" is Beijing's).
VENUE_ROOTS = frozenset({"04", "18", "19", "20"})
# A missile fired or launched at nobody named is a test or show of force (150); aimed
# at someone, it is an attack with aerial weapons (195).
LAUNCHED_WEAPONS = frozenset({"missile", "rocket"})
SHOW_OF_FORCE_CODE = "150"
# A government's protest is an official complaint (114), not a demonstration (141).
OFFICIAL_COMPLAINT_CODE = "114"
# Withdrawn "forces" are peacekeepers (1661) only when the text says so.
PEACEKEEPERS_OUT_CODE = "1661"
MILITARY_WITHDRAWAL_CODE = "087"
PEACEKEEPING_WORDS = frozenset(
    {"peacekeeping", "peacekeeper", "un", "u.n.", "international", "multinational", "peace"}
)
CRITICISM_CODE = "111"
AERIAL_WEAPONS_CODE = "195"
_NOUN_POS = frozenset({"NOUN"})


def each_other(trigger: Token) -> bool:
    """The trigger acts on "each other" / "one another"."""
    words = [c for c in trigger.children if c.dep_ in {"dobj", "prep"}]
    for word in words:
        text = " ".join(t.lower_ for t in word.subtree)
        if text.endswith(("each other", "one another")) and len(text.split()) <= 3:
            return True
    return False


def _states(doc: Doc, sources: Sequence[Mention]) -> bool:
    """Governments, or countries named as such ("China", "Beijing"), not their
    people ("thousands of Chinese")."""
    return bool(sources) and all(
        m.actor.country is not None
        and m.actor.code[:3] == m.actor.country
        and (
            m.actor.sectors == ("GOV",)
            or (not m.actor.sectors and doc[m.head_token].tag_ == "NNP")  # not "Palestinians"
        )
        for m in sources
    )


def _someone_elses(noun: Token, reading: ModalityReading, index: MentionIndex) -> bool:
    """The noun, the direct object of the refusing or denying verb, names its own
    actor, who is not the one refusing or denying it."""
    if reading.cue is None or noun.dep_ != "dobj" or noun.head.i != reading.cue.i:
        return False  # "refused to respond to a demand from Kenya": only the refusal
    own = noun_own_source(noun, index, set())
    if not own:
        return False
    refusers = {m.actor.code for m in verb_source(reading.cue, index)}
    return not refusers & {m.actor.code for m in own}


def _peacekeeping(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(
        t.lower_ in PEACEKEEPING_WORDS or t.lemma_.lower() == "peacekeeper"
        for o in objects
        for t in o.subtree
    )


def _venue(doc: Doc, target: Mention) -> bool:
    """A bare place in a locative phrase: where the act happened, not who took part."""
    head = doc[target.head_token]
    return not target.actor.sectors and head.dep_ == "pobj" and head.head.lower_ in {"in", "at"}


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

    def _triggers(self, sent: SpacySpan, index: MentionIndex) -> list[Trigger]:
        found: list[Trigger] = []
        for token in sent:
            lemma = token.lemma_.lower()
            if token.pos_ in _VERB_POS and lemma in self._verb_lemmas:
                if token.dep_ in NON_PREDICATE_DEPS:
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
                    modified = self._refine(modified, pattern.code)
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
            found.append(Trigger(token, pattern.kind, pattern, code))
        nouns = {t.token.i for t in found if t.kind == "noun"}
        # "ceasefire violations": a noun compounded onto another event noun is part
        # of that event, not one of its own.
        found = [
            t
            for t in found
            if not (t.kind == "noun" and t.token.dep_ == "compound" and t.token.head.i in nouns)
        ]
        by_token = {t.token.i: t for t in found}
        ruled = [t for rule in (DEMANDS, APPEALS, DIRECTIVES) for t in rule.find(sent, by_token)]
        # a rule that recodes a carrier drops the carrier's own row
        return [t for t in found if by_token.get(t.token.i) is t] + ruled

    def _match_verb(self, token: Token, lemma: str) -> Pattern | None:
        # A "particle" with dependents is a misparse ("kidnapped up to 16 ...").
        particles = {c.lower_ for c in token.children if c.dep_ == "prt" and not list(c.children)}
        preps = {c.lower_ for c in token.children if c.dep_ in {"prep", "agent", "dative"}}
        objects = {c.lemma_.lower() for c in token.children if c.dep_ in {"dobj", "attr"}}
        # "handed over 700 kg of medicine": a measure word passes on its "of" object,
        # which beats the measure word itself ("received a mission of observers").
        inner = {
            pobj.lemma_.lower()
            for c in token.children
            if c.dep_ == "dobj" and c.lemma_.lower() in MEASURE_WORDS
            for pobj in prep_objects(c, "of")
        }
        objects |= inner
        # PP attachment is often to the object: "fired missiles [at Russia]".
        preps |= {
            p.lower_
            for c in token.children
            if c.dep_ == "dobj"
            for p in c.children
            if p.dep_ == "prep"
        }
        first: Pattern | None = None
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
                if pattern.object in inner and not pattern.prep:
                    return pattern
            if first is None:
                first = pattern
            if not inner:
                return first
        return first

    def _match_noun(self, token: Token, lemma: str) -> Pattern | None:
        preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
        if token.dep_ == "dobj" and token.head.lemma_.lower() in self._light_verbs:
            # "opened a hearing on Wednesday into ...": the parser hangs the noun's
            # phrase on the light verb.
            preps |= {c.lower_ for c in token.head.children if c.dep_ == "prep"}
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
        produced: dict[int, list[Candidate]] = {}
        for trigger in triggers:
            if trigger.kind == "verb" and self._defers_to_noun(trigger, noun_objects):
                continue
            produced[trigger.token.i] = self._events_for(trigger, sentence, document, index)
        kept = [t for t in triggers if produced.get(t.token.i) and not is_carrier(t, produced)]
        verbs = [t.token for t in kept if t.kind == "verb"]
        candidates = [
            candidate
            for trigger in kept
            if not (
                trigger.kind == "noun"
                and is_theme(trigger.token, verbs)
                and not noun_own_source(trigger.token, index, set())
            )
            for candidate in produced[trigger.token.i]
        ]
        return deduplicate(candidates)

    def _defers_to_noun(self, trigger: Trigger, noun_triggers: set[int]) -> bool:
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
        self, trigger: Trigger, sentence: Sentence, document: Document, index: MentionIndex
    ) -> list[Candidate]:
        token = trigger.token
        if trigger.code == RESIDUAL_STATEMENT:
            # CAMEO codes 010 only when nothing more specific can be said; "X said",
            # "his remarks" carry other events. PETRARCH's 010 flood is not repeated.
            return []
        if names_a_standing_thing(trigger, self._light_verbs):
            return []  # "the Iran deal", "the war in Syria": references, not events
        if predicated_conflict(trigger, trigger.code):
            return []  # "the filing is a politically motivated exercise"
        base_code = trigger.code
        if carries_uncoded_complement(trigger):
            lemma = token.lemma_.lower()
            if lemma in AGREEMENT_VERBS:
                base_code = AGREEMENT_CODE  # "agreed to set up a centre": the agreement
            elif lemma in REFUSAL_VERBS:
                base_code = REFUSAL_CODE
            elif lemma not in THREAT_VERBS:  # "threatened to resume attacks" stays 13x
                return []
        reading = read_modality(token)
        if reading.modality == "requested" or reading.suppressed:
            return []
        if trigger.kind == "verb":
            sources = verb_source(token, index)
            if not sources and base_code.startswith(SELF_PASSIVE_CODES) and is_passive(token):
                # "Russian troops were withdrawn", "guerrillas have been demobilized":
                # forces pulled back by their own side; the withdrawn act.
                sources = [m for s in passive_subjects(token) for m in index.with_conjuncts(s)]
            elif not sources and is_passive(token) and passive_subjects(token):
                # "was arrested in Paris": the state where it happened did it
                authority = place_authority(token, base_code, index)
                sources = [authority] if authority is not None else []
        else:
            venues = base_code[:2] in VENUE_ROOTS
            sources = noun_source(token, index, exclude=set(), venues=venues)
            if reading.modality == "negated" and _someone_elses(token, reading, index):
                # "declined Honcharuk's offer to resign": the offer was made; only
                # the declining is refused, and it is the verb's own event.
                reading = replace(reading, modality="asserted", cue=None, refused=False)
        if warns_of_others(trigger, sources, index):
            return []  # "warned that floodwater can contain bacteria": a forecast
        if base_code[:2] in {"18", "19"} and abstract_struggle(trigger, index):
            return []  # "fight the creeping authoritarianism of the education cartel"
        if base_code[:2] in {"18", "19"} and verbal_attack(trigger, index, sources):
            base_code = VERBAL_ATTACK_CODE  # "his attacks on mail-in voting"
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
        if (
            trigger.kind == "noun"
            and token.lemma_.lower() in EXERCISE_NOUNS
            and len({m.actor.country for m in sources} - {None}) > 1
        ):
            base_code = JOINT_EXERCISE_CODE  # "French and Egyptian warships launched war games"
        unattributed = not sources
        if unattributed and (
            base_code[:2] not in UNATTRIBUTED_ROOTS or token.lemma_.lower() not in HARM_LEMMAS
        ):
            return []  # "ISIS is defeated" names no harm done by anyone in particular
        if unattributed and any(t.lemma_.lower() in ACCIDENT_LEMMAS for t in token.sent):
            return []  # "sailors were killed when the destroyer collided with a ship"
        if (
            unattributed
            and not violence_evident(token, document.title)
            and instrument_owner(token, index) is None  # "in a US counterterrorism operation"
        ):
            return []  # "All 157 people on board were killed" in an air-crash story
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
                addressee_in_complement=base_code[:2] in COMPLEMENT_TARGET_ROOTS,
            )
        else:
            targets = noun_target(token, index, pattern.prep or None, exclude, places)
        if (
            trigger.kind == "verb"
            and trigger.pattern.specificity == 0
            and token.lemma_.lower() in ADDRESSED_VERBS
        ):
            # "ordered Khashoggi's killing": an order of an act, not to Khashoggi
            owners = {
                g.i
                for c in token.children
                if c.dep_ == "dobj"
                for g in c.children
                if g.dep_ in {"poss", "compound", "nmod"}
            }
            targets = [t for t in targets if t.head_token not in owners]
        # "Russia warned that it would act": a pronoun for the source is no target.
        own_spans = {m.span for m in sources}
        targets = [
            t
            for t in targets
            if not (t.actor.resolved_by == "coref" and t.actor.resolved_span in own_spans)
        ]
        refusal = trigger.kind == "verb" and base_code == REFUSAL_CODE
        if refusal and not targets:
            # "refused to respond to a demand from the US President": the one
            # refused is in the refused act's own arguments.
            for complement in (c for c in token.children if c.dep_ == "xcomp"):
                targets = verb_target(complement, index, None, "auto", exclude)
                if targets:
                    break
            if not targets:
                return []
        if not targets and not unattributed:
            targets = topic_place(token, index, exclude, venue=base_code[:2] == CONSULT_ROOT)
        if not targets and thanked_for(trigger):
            return []  # "expressed appreciation for China's assistance"
        if not targets and empty_promise(trigger):
            return []  # "keeps his campaign promises"
        if unattributed:
            # "Three US servicemen were killed by a roadside bomb": the victims are
            # known, the attacker is not; CAMEO/PLOVER code it as unidentified armed
            # forces of the country where it happened.
            aimed_at = targets if pattern.target == "pobj" and is_passive(token) else []
            # "rockets were fired at southern Israel": the weapon is no victim; the
            # one it was aimed at is.
            targets = victims(trigger, index) or aimed_at
            if not targets:
                return []
            owner = instrument_owner(token, index)
            sources = [owner or unattributed_attacker(token, sentence.index, index, targets)]
        if base_code == PEACEKEEPERS_OUT_CODE and not _peacekeeping(token):
            base_code = MILITARY_WITHDRAWAL_CODE  # "Israel withdrew its forces from Gaza"
        code = recode(base_code, reading, has_target=bool(targets))
        if code is None or not self.ontology.is_valid(code):
            return []
        if electoral_contest(token, sources, targets) or campaign_rally(token, sources):
            return []  # "Biden beat Trump in Pennsylvania", "Trump held rallies in Ohio"
        # "Ethiopia and Eritrea signed a deal in Jeddah", "Russia and Ukraine accused
        # each other": coordinated sources act on each other, not on the venue.
        mutual = len(sources) > 1 and (
            each_other(token) or (joint(code, token) and all(_venue(token.doc, t) for t in targets))
        )
        if mutual:
            targets = []
        if code[:2] == "14" and token.lemma_.lower() == "protest" and trigger.kind == "verb":
            if _states(token.doc, sources):
                code = OFFICIAL_COMPLAINT_CODE  # "China protested to Japan": no march
            elif any(c.dep_ == "ccomp" for c in token.children):
                code = CRITICISM_CODE  # "Amnesty protested that police tortured ..."
        if code == SHOW_OF_FORCE_CODE and targets and pattern.object in LAUNCHED_WEAPONS:
            code = AERIAL_WEAPONS_CODE  # "fired cruise missiles into Ukraine"
        if code == RELEASE_CODE and targets and all(releases_people(token, t) for t in targets):
            code = RELEASE_PERSONS_CODE  # "Putin released the civilians": 0841, not 084
        if not targets and not (
            may_lack_target(trigger, code)
            or may_lack_target(trigger, base_code)
            or (len(sources) > 1 and joint(code, token))
            or mutual
        ):
            return []
        if not targets and reading.modality == "alleged" and code[:2] in MATERIAL_CONFLICT:
            return []  # "accused of a role in the genocide": a charge against nobody named
        pairs: list[tuple[Mention, Mention | None]]
        if targets:
            pairs = [(s, t) for s in sources for t in targets]
            if reciprocal(code, token):  # "X met Y" is also "Y met X"
                pairs += [(t, s) for s in sources for t in targets]
        elif mutual or (len(sources) > 1 and joint(code, token)):
            # "Brazil and the United States agreed to deepen ties": each with the other.
            pairs = [(s, t) for s in sources for t in sources if s is not t]
        elif code[:2] == CONSULT_ROOT:
            return []  # "in the meeting, the president said": a meeting with nobody named
        else:  # "US and British activists protested": each on its own
            pairs = [(s, None) for s in sources]
        return self._pairs_to_events(trigger, code, reading, pairs, sentence, document, index)

    def _refine(self, modified: str, row_code: str) -> str:
        """A modifier's code keeps what the row's object adds: "hunger strike" is 142,
        a strike "for democracy" is 1434 (regime change), so a hunger strike for
        democracy is 1424."""
        if len(modified) == 3 and len(row_code) == 4 and row_code[:2] == modified[:2]:
            refined = modified + row_code[3]
            if self.ontology.is_valid(refined):
                return refined
        return modified

    def _pairs_to_events(
        self,
        trigger: Trigger,
        code: str,
        reading: ModalityReading,
        pairs: list[tuple[Mention, Mention | None]],
        sentence: Sentence,
        document: Document,
        index: MentionIndex,
    ) -> list[Candidate]:
        token, pattern = trigger.token, trigger.pattern
        reporter = self._reporter(reading, index)
        event_type = self.ontology.event_type(code)
        date = self.dates.resolve(token, document.published, anchor=reading.reporter)
        trigger_span = Span(token.idx, token.idx + len(token.text))
        result: list[Candidate] = []
        for source, target in pairs:
            if target is not None and self_directed(source, target, code):
                continue
            if unarmed_force(source, code, pattern):
                continue  # "Red Hat deploys CentOS Stream", "the company uses glue guns"
            confidence = confidence_of(pattern, source, target, reading, token)
            evidence = evidence_span(sentence.span, trigger_span, source, target)
            event = Event(
                event_id=event_id_of(document.id, sentence, trigger_span, source, target, code),
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
            result.append(Candidate(event, trigger, rank))
        return result

    def _reporter(self, reading: ModalityReading, index: MentionIndex) -> Actor | None:
        if reading.reporter is None:
            return None
        speakers = verb_source(reading.reporter, index)
        return speakers[0].actor if speakers else None


def unarmed_force(source: Mention, code: str, pattern: Pattern) -> bool:
    """Force posture and violence (CAMEO 15, 18-20) by a company, the media or a
    school, read off a bare verb ("deploy", "use", "blast"): the verb means
    something else there. Specific rows ("bombed", "deploy troops") still code."""
    if code[:2] not in UNARMED_ROOTS or pattern.specificity > 0:
        return False
    actor = source.actor
    return actor.code.startswith("MNC") or (
        bool(actor.sectors) and set(actor.sectors) <= UNARMED_SECTORS
    )


def self_directed(source: Mention, target: Mention, code: str) -> bool:
    """An event an actor does to itself says nothing about relations between actors:
    the same mention or person on both sides, or two actors with one code ("Trump
    asked Coats": USAGOV -> USAGOV); internal events keep distinct sector codes
    (AFGGOV -> AFGINS). Only fighting between two differently named armed factions
    of one country and code is kept ("rival rebel groups clashed")."""
    a, b = source.actor, target.actor
    if target is source:
        return True
    if a.code != b.code:  # "Hungarian and Romanian officials": two actors, one phrase
        return False
    if target.span == source.span:
        return True
    if a.kb_id is not None and a.kb_id == b.kb_id:
        return True
    factions = (
        code[:2] in SAME_CODE_ROOTS
        and a.country is not None
        and bool(set(a.sectors) & ARMED_SECTORS)
        and "unattributed" not in (a.resolved_by, b.resolved_by)
        and a.name.lower() != b.name.lower()
    )
    return not factions
