"""The sentence-level rules of the dependency coder, each small and named.

Which triggers carry other events, which nouns are themes, when a recipient is
needed, who suffered violence with no named perpetrator, how rival readings of one
sentence are reduced to one event each. :mod:`eventwire.events.coder` applies them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.events.modality import (
    DIRECTIVE_CUES,
    INTENT_CUES,
    OBLIGATION_MODALS,
    ModalityReading,
    directs_another,
    infinitive_complement,
    warner_acts,
)
from eventwire.events.patterns import Pattern
from eventwire.events.roles import (
    MEANS_OF_VIOLENCE,
    MentionIndex,
    governing_verb,
    is_passive,
    names_a_city,
    nearest_subject,
    own_clause,
    prep_objects,
)
from eventwire.records import Actor, Event, Mention, Sentence, Span


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    kind: str
    pattern: Pattern
    code: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event before deduplication, with what ranks it against its rivals."""

    event: Event
    trigger: Trigger
    rank: float


# Cooperation, aid and consultation are with somebody.
PARTNERED_ROOTS = frozenset({"04", "05", "06", "07"})
COOPERATION_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
# Verbs whose subject is the recipient and whose "from" phrase is the actor.
CONVERSE_VERBS = frozenset({"receive", "obtain", "get", "accept"})
# Meetings and talks involve both sides equally; so does signing an agreement,
# but not endorsing or ratifying one.
RECIPROCAL_CODES = frozenset({"040", "041", "046"})
RECIPROCAL_AGREEMENT_WORDS = frozenset(
    {"sign", "conclude", "reach", "ink", "agreement", "treaty", "deal", "accord", "pact"}
)


def reciprocal(code: str, trigger: Token) -> bool:
    if code in RECIPROCAL_CODES:
        return True
    return code == "057" and trigger.lemma_.lower() in RECIPROCAL_AGREEMENT_WORDS


# Force posture and attacks: the country where they happen is their recipient.
PLACE_TARGET_ROOTS = frozenset({"14", "15", "18", "19", "20"})
# A visit's recipient is its host: "attended a summit in Switzerland" (042-044).
PLACE_TARGET_CODES = frozenset({"042", "043", "044"})
# Cooperation between coordinated actors is with each other ("X and Y agreed").
JOINT_ROOTS = frozenset({"03", "04", "05", "06"})
# Offers are made to someone outside the group: "the U.S., Colombia and Venezuela
# offered assistance" is three offers, not offers to each other.
OUTWARD_VERBS = frozenset(
    {"offer", "provide", "give", "send", "supply", "donate", "pledge"}
    # stances on a third thing: "Jordan and Qatar supported the strikes"
    | {"support", "back", "endorse", "praise", "welcome", "defend", "applaud", "hail"}
)
# Codes where two actors with one CAMEO code can still be two sides: factions of
# one armed group fighting each other ("rival rebel groups clashed").
SAME_CODE_ROOTS = frozenset({"18", "19", "20"})
ARMED_SECTORS = frozenset({"REB", "INS", "UAF"})  # non-state: factions of one code fight
# Prepositions whose object is what a verb is about ("censured X for ...");
# others ("with the deployment of troops", "in", "after") open adjuncts.
_THEME_PREPS = frozenset({"for", "of", "about", "over", "on", "against", "to", "into"})
# Links that open a new clause: an event noun below one is not a mere theme.
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis"})


def is_theme(noun: Token, verbs: list[Token]) -> bool:
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
# Heads that make an event noun before them the name of a thing: "detention centre".
THING_HEADS = frozenset(
    {"centre", "center", "facility", "camp", "site", "zone", "cell", "helicopter", "jet"}
    | {"aircraft", "plane", "drone", "force", "crime", "criminal", "tribunal", "court", "law"}
    | {"dog", "rifle", "vehicle", "ship", "boat", "squad", "unit", "suspect", "victim", "game"}
    # counts and records of acts: "deportation figures", "arrest rates"
    | {"figure", "number", "rate", "statistic", "total", "record", "data", "count", "toll"}
)
# Military exercises held by the forces of several countries together are military
# cooperation (062), not a show of force (150).
EXERCISE_NOUNS = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "game"})
JOINT_EXERCISE_CODE = "062"
# Orders are demands only when someone is ordered ("ordered airlines to ground ...").
ADDRESSED_VERBS = frozenset({"order", "instruct", "direct", "command"})
# Deaths in accidents and disasters have no attacker, named or not.
ACCIDENT_LEMMAS = frozenset(
    {"crash", "collide", "collision", "accident", "earthquake", "flood", "storm", "stampede"}
    | {"avalanche", "landslide", "hurricane", "typhoon", "derail", "capsize", "shipwreck"}
)
# With no attacker named, harm is violence only when the act says so itself or the
# text around it speaks of violence; otherwise it is a crash, fire or disease.
VIOLENT_ACTS = frozenset(
    {"shoot", "bomb", "stab", "behead", "massacre", "assassinate", "execute", "torture"}
    | {"ambush", "gun", "lynch", "rape", "abduct", "kidnap", "shell", "bombard", "raid"}
    | {"attack", "airstrike", "bombing", "shelling", "shooting", "gunfire", "stabbing"}
    | {"assault", "assassination", "execution", "fire", "launch", "capture", "seize"}
    | {"detain", "disarm", "beat", "beating", "slaughter", "murder"}
)
VIOLENCE_EVIDENCE = (VIOLENT_ACTS - {"fire", "launch", "capture", "seize", "beat"}) | frozenset(
    {"attacker", "shot", "gunman", "gunmen", "bomber", "explosion", "explosive", "blast"}
    | {"knife", "clash", "riot", "rioter", "unrest", "militant", "insurgent", "insurgency"}
    | {"rebel", "troop", "soldier", "army", "police", "mob", "protest", "protester"}
    | {"missile", "rocket", "war", "conflict", "fighting", "fight", "murderer", "terror"}
    | {"terrorist", "terrorism", "weapon", "assailant", "violence", "violent", "militia"}
    | {"jihadist", "hostage", "siege", "offensive", "battle", "combat", "sniper", "grenade"}
    | {"mortar", "artillery", "drone", "killer", "strike", "gunfight", "firefight"}
    | {"counterterrorism", "counter-terrorism", "counterinsurgency", "airstrike", "raid"}
)
# Threat verbs are events even when what is threatened is not codable.
THREAT_VERBS = frozenset({"threaten", "warn"})
WARNING_VERBS = frozenset({"warn", "caution"})
PROMISE_NOUNS = frozenset(
    {"promise", "pledge", "vow", "commitment", "assurance", "guarantee", "proposal"}
)
# "poses a threat", "represents a far greater threat", "under threat"
DANGER_GOVERNORS = frozenset({"pose", "under", "represent", "constitute"})
# Who does an act of the state when the text only says where: (code prefix, sector).
AUTHORITY_BY_CODE = (("09", "GOV"), ("173", "COP"), ("174", "GOV"), ("116", "JUD"))
GRATITUDE_LEMMAS = frozenset(
    {"appreciation", "gratitude", "thanks", "thank", "praise", "credit", "commend"}
    | {"applaud", "hail", "laud", "congratulate", "salute", "reward", "honour", "honor"}
)
# Attacks that are criticism when what they hit is an idea ("attacks on mail-in voting").
ATTACK_LEMMAS = frozenset({"attack", "assault"})
VERBAL_ATTACK_CODE = "111"
# Struggles that are no violence when their object is an idea or a condition.
STRUGGLE_LEMMAS = frozenset({"fight", "combat", "battle", "tackle", "counter", "confront"})
# Actors whose attacks on each other or on the press are words, not force.
POLITICAL_SECTORS = frozenset({"GOV", "LEG", "PTY", "ELI", "JUD", "OPP"})
# ... of whom those with no armed forces attack only in words.
SPEAKING_SECTORS = frozenset({"LEG", "PTY", "ELI", "JUD", "MED"})
# Things that can be physically attacked (everything else an attack is "on" is an idea).
PHYSICAL_TARGETS = frozenset(
    {"base", "convoy", "city", "town", "village", "building", "embassy", "consulate"}
    | {"ship", "vessel", "tanker", "boat", "plant", "facility", "school", "hospital"}
    | {"mosque", "church", "synagogue", "temple", "shrine", "market", "camp", "checkpoint"}
    | {"station", "airport", "airfield", "port", "harbour", "harbor", "bridge", "road"}
    | {"pipeline", "position", "post", "outpost", "headquarters", "home", "house"}
    | {"office", "compound", "bus", "train", "car", "truck", "vehicle", "aircraft", "plane"}
    | {"helicopter", "drone", "target", "site", "area", "region", "border", "barracks"}
    | {"patrol", "installation", "refinery", "oilfield", "field", "depot", "warehouse"}
    | {"prison", "jail", "parliament", "palace", "residence", "hotel", "restaurant", "club"}
    | {"stadium", "concert", "rally", "gathering", "crowd", "capital", "province", "district"}
    | {"neighbourhood", "neighborhood", "street", "square", "line", "front", "territory"}
    | {"island", "coast", "infrastructure", "grid", "network", "system", "server"}
    | {"dam", "mine", "fleet", "column", "unit", "stronghold", "hideout", "den"}
)
# Appeals, demands, concessions and threats address the subject of their complement
# clause ("allowed the refugees to return": the refugees are yielded to).
ADDRESSEE_ROOTS = frozenset({"02", "08", "10", "13"})
# ... and so is the one accused or protested against: "charged that Israeli troops
# had tortured prisoners", "complained that Croatian authorities were failing".
ACCUSED_ROOTS = frozenset({"11", "14"})
COMPLEMENT_TARGET_ROOTS = ADDRESSEE_ROOTS | ACCUSED_ROOTS
# Agreeing and offering are events even when what is agreed is not codable.
AGREEMENT_VERBS = frozenset({"agree", "accept", "consent", "commit", "offer"})
AGREEMENT_CODE = "030"
# Refusals of something uncodable ("refused to respond to a US demand") are a bare
# rejection, and only with an actor on the other side ("refused to comment" is none).
REFUSAL_VERBS = frozenset({"refuse"})
REFUSAL_CODE = "120"
# Verbs in these roles are not predicates ("according to", "given that").
NON_PREDICATE_DEPS = frozenset({"prep", "mark", "cc", "aux", "auxpass", "case"})


def _rule_pattern(lemma: str, code: str, target: str, note: str) -> Pattern:
    """A pattern record for a coder rule, so its events say which rule made them."""
    return Pattern(
        kind="verb",
        lemma=lemma,
        particle="",
        prep="",
        object="",
        code=code,
        passive_code="",
        target="dobj" if target == "dobj" else "auto",
        origin="eventwire",
        note=note,
        line=0,
    )


@dataclass(frozen=True, slots=True)
class ComplementRule:
    """A verb whose complement clause makes it an act on somebody: "X said Y must
    ..." is a demand, "X asked Y to ..." an appeal. The code follows what is asked
    for, by the root of the complement's own trigger when it has one."""

    carriers: frozenset[str]
    complement_dep: str
    pattern: Pattern
    by_root: MappingProxyType[str, str]
    needs_obligation: bool
    skip_coded_carriers: bool
    needs_other_party: bool = False

    def find(self, sent: SpacySpan, triggers: dict[int, Trigger]) -> list[Trigger]:
        """The rule's triggers; a carrier's own row, if any, is dropped from
        ``triggers`` when the rule recodes it ("encouraged Greece to ...")."""
        found: list[Trigger] = []
        for token in sent:
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.carriers:
                continue
            own = triggers.get(token.i)
            if self.skip_coded_carriers and own is not None and own.code[:2] == self.root:
                continue  # "urged" already has its own row of this kind
            if self.needs_other_party and not directs_another(token):
                continue  # "ordered troops to withdraw": the withdrawal is the event
            for comp in token.children:
                if comp.dep_ != self.complement_dep and not (
                    self.complement_dep == "xcomp" and infinitive_complement(token, comp)
                ):
                    continue
                if self.needs_obligation and not any(
                    c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in comp.children
                ):
                    continue
                asked = triggers.get(comp.i)
                default = self.pattern.code
                code = self.by_root.get(asked.code[:2], default) if asked else default
                found.append(Trigger(token, "verb", self.pattern, code))
                if own is not None and self.skip_coded_carriers:
                    del triggers[token.i]
                    own = None
        return found

    @property
    def root(self) -> str:
        return self.pattern.code[:2]


OBLIGATION = _rule_pattern(
    "<reporting verb> ... must", "100", "auto", "reported obligation: 'X said Y must ...'"
)
APPEAL = _rule_pattern("<request verb> X to ...", "020", "dobj", "appeal: 'X urged Y to ...'")
# A demand's code follows the root of what is demanded.
DEMAND_BY_ROOT = MappingProxyType(
    {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105", "03": "100"}
)
# "The US said China must drop barriers": a demand (10x) on the complement's subject.
DEMANDS = ComplementRule(
    carriers=frozenset(
        {"say", "declare", "reiterate", "insist", "state", "stress", "tell", "warn", "add"}
        | {"argue"}
    ),
    complement_dep="ccomp",
    pattern=OBLIGATION,
    by_root=DEMAND_BY_ROOT,
    needs_obligation=True,
    skip_coded_carriers=False,
)
DIRECTIVE = _rule_pattern(
    "<directive verb> X to ...", "100", "dobj", "demand: 'X ordered Y to ...'"
)
# "The Security Council ordered Israel to withdraw": a demand (10x) on the other party.
DIRECTIVES = ComplementRule(
    carriers=DIRECTIVE_CUES,
    complement_dep="xcomp",
    pattern=DIRECTIVE,
    by_root=DEMAND_BY_ROOT,
    needs_obligation=False,
    skip_coded_carriers=True,
    needs_other_party=True,
)
# "Kenya asked Somalia to withdraw": an appeal (02x) to the one asked.
APPEALS = ComplementRule(
    carriers=frozenset(
        {"ask", "urge", "call", "appeal", "implore", "invite", "encourage", "press", "beg"}
    ),
    complement_dep="xcomp",
    pattern=APPEAL,
    by_root=MappingProxyType(
        {"04": "026", "05": "022", "06": "021", "07": "023", "08": "025", "03": "020"}
    ),
    needs_obligation=False,
    skip_coded_carriers=True,
)


# Dependencies that hold a verb's complement (where a carrier's real event sits).
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj"})


RESIDUAL_STATEMENT = "010"
# Quantity, unit and party nouns whose "of" phrase is the real object ("a mission
# of observers" is received as observers).
MEASURE_WORDS = frozenset(
    {"kg", "kilogram", "ton", "tonne", "pound", "worth", "amount", "quantity", "shipment"}
    | {"batch", "consignment", "load", "lot", "number", "supply", "package", "cache"}
    | {"mission", "team", "contingent"}
)
# "Release" of people is 0841; of property 0842. The released are people when the
# theme of the verb is an actor of a human sector (not a company's tanker).
RELEASE_CODE = "084"
RELEASE_PERSONS_CODE = "0841"
HUMAN_SECTORS = frozenset(
    {"CVL", "PPL", "OPP", "REB", "INS", "MIL", "COP", "GOV", "REF", "LAB", "EDU", "MED"}
    | {"HLH", "JUD", "LEG", "ELI", "SPY", "CRM", "HRI", "ACT", "AGR", "UAF"}
)
_THEME_DEPS = frozenset({"dobj", "nsubjpass", "nsubj"})
# Force, coercion and violence (CAMEO 15-20).
MATERIAL_CONFLICT = frozenset({"15", "16", "17", "18", "19", "20"})
# Harm to named victims is worth coding even when the perpetrator is not named.
HARM_LEMMAS = frozenset(
    {"kill", "wound", "injure", "hurt", "shoot", "attack", "bomb", "shell", "kidnap"}
    | {"abduct", "behead", "torture", "massacre", "execute", "assassinate", "murder"}
    | {"hit", "strike", "target", "ambush", "raid", "stab", "beat", "slaughter", "burn"}
    | {"blow", "capture", "seize", "detain", "bombard", "gun", "lynch", "rape", "disarm"}
    # weapons aimed at a target: "rockets were fired at southern Israel"
    | {"fire", "launch"}
    # the acts as nouns: "died in an airstrike", "died of torture"
    | {"airstrike", "bombing", "shelling", "shooting", "gunfire", "stabbing", "beating"}
    | {"assault", "assassination", "execution", "killing", "bombardment"}
)
# Verbs whose subject is the victim of the act in their prepositional phrase.
DEATH_VERBS = frozenset({"die", "succumb", "perish"})
# Material violence is worth coding even when the perpetrator is not named.
UNATTRIBUTED_ROOTS = frozenset({"18", "19", "20"})
UNATTRIBUTED_SECTOR = "UAF"
_LOCATIVE_PREPS = frozenset({"in", "near", "outside", "at", "around", "across"})
_ORIGIN_PREPS = frozenset({"from"})


def victims(trigger: Trigger, index: MentionIndex) -> list[Mention]:
    """Who suffered a violent act whose agent is not named: the subject of a passive
    verb ("were killed") or the noun a past participle modifies ("soldiers killed in
    Ukraine"), or the subject of "died" in it ("died in an airstrike"). Other event
    nouns ("the bombing") are not enough: they are too often background or generic."""
    token = trigger.token
    if trigger.kind != "verb":
        # "Ten civilians died in an airstrike", "a prisoner died of torture"
        verb = governing_verb(token)
        if verb is None or verb.lemma_.lower() not in DEATH_VERBS or token.dep_ != "pobj":
            return []
        return [m for c in verb.children if c.dep_ == "nsubj" for m in index.with_conjuncts(c)]
    if is_passive(token):
        subjects = [c for c in token.children if c.dep_ in {"nsubjpass", "csubjpass"}]
        return [m for c in nearest_subject(subjects, token) for m in index.with_conjuncts(c)]
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return index.with_conjuncts(token.head)
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if subjects and all(
        s.lemma_.lower() in MEANS_OF_VIOLENCE and not index.for_argument(s) for s in subjects
    ):
        # "A car bomb killed twelve soldiers": the subject is a weapon, not an actor.
        return [m for c in token.children if c.dep_ == "dobj" for m in index.with_conjuncts(c)]
    return []


_INSTRUMENT_PREPS = frozenset({"in", "by", "during", "from", "after"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})


def instrument_owner(trigger: Token, index: MentionIndex) -> Mention | None:
    """The actor named on the means of a violent act whose agent is not named:
    "killed in Israeli tank shelling", "killed by Russian shelling", "US drone
    strikes killed ..." -> ISR, RUS, USA (never a place: "shelling in Gaza")."""
    weapons = [c for c in trigger.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    for prep in [*weapons, *trigger.children]:
        if prep in weapons:
            means_list = [prep]  # "US drone strikes killed three fighters"
        elif prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ in _INSTRUMENT_PREPS):
            means_list = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
        else:
            continue
        for means in means_list:
            if index.at(means):
                continue  # "killed by rebels" names the agent itself, not a means
            frontier = [means]
            for _ in range(2):  # "Israeli tank shelling": the owner may modify a modifier
                frontier = [c for t in frontier for c in t.children if c.dep_ in _MODIFIER_DEPS]
                for modifier in frontier:
                    for mention in index.at(modifier):
                        if modifier.dep_ == "compound" and names_a_city(mention, modifier):
                            continue  # "a Kabul car bombing": where, not whose
                        if mention.actor.country is not None or mention.actor.code[:3] in {
                            "IGO",
                            "IMG",
                        }:
                            return mention
    return _custodian(trigger, index)


# Places of confinement whose keeper answers for what happens there.
CUSTODY_NOUNS = frozenset({"custody", "detention", "jail", "prison", "captivity"})


def _custodian(trigger: Token, index: MentionIndex) -> Mention | None:
    """ "died of torture in Israeli police custody", "was beaten in Egyptian
    detention": whoever holds the victim, when the text names them on the custody."""
    verb = governing_verb(trigger) if trigger.pos_ == "NOUN" else trigger
    for holder in (trigger, verb) if verb is not None else (trigger,):
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"in", "under"}:
                continue
            for place in prep.children:
                if place.dep_ == "pobj" and place.lemma_.lower() in CUSTODY_NOUNS:
                    named = [m for m in index.at(place) if m.actor.country is not None]
                    if named:
                        return named[0]
    return None


def _place_named(
    trigger: Token,
    index: MentionIndex,
    own: bool = False,
    preps: frozenset[str] = _LOCATIVE_PREPS,
    skip: frozenset[int] = frozenset(),
) -> Mention | None:
    """The first place with a country in a ``preps`` phrase of the trigger's own
    clause ("arrested in Paris"; not "told reporters in Iowa after X was killed");
    with ``own``, only a phrase hanging on the trigger itself. Mentions whose head is
    in ``skip`` (the act's targets: "fired at southern Israel") are no place."""
    if own:  # "arrested in Paris", "put under investigation in Italy"
        words = _prep_objects_of([trigger])
        words += _prep_objects_of(words)
    else:
        words = own_clause(trigger)
    for token in words:
        if token.dep_ == "pobj" and token.head.lower_ in preps:
            for mention in index.for_argument(token):
                if mention.actor.country is not None and mention.head_token not in skip:
                    return mention
    return None


def _prep_objects_of(tokens: list[Token]) -> list[Token]:
    return [o for t in tokens for p in t.children if p.dep_ == "prep" for o in p.children]


def authority_sector(code: str) -> str | None:
    """The branch of the state that does an act of this code when the text does not
    say who did it: investigations, arrests, expulsions, convictions."""
    for prefix, sector in AUTHORITY_BY_CODE:
        if code.startswith(prefix):
            return sector
    return None


def place_authority(trigger: Token, code: str, index: MentionIndex) -> Mention | None:
    """ "A US national has been put under investigation in Italy", "was arrested in
    Paris": investigations, arrests and expulsions are done by the authorities of the
    country where they happen. The actor's span is that place."""
    sector = authority_sector(code)
    place = _place_named(trigger, index, own=True) if sector else None
    if sector is None or place is None or place.actor.country is None:
        return None
    country = place.actor.country
    actor = Actor(
        code=country + sector,
        name=f"authorities ({place.text})",
        span=place.span,
        country=country,
        sectors=(sector,),
        resolved_by="place",
        resolved_span=place.span,
    )
    return replace(place, actor=actor)


# Contests that elections share with war, and what makes them electoral.
CONTEST_LEMMAS = frozenset({"defeat", "beat", "unseat", "trounce"})
ELECTION_WORDS = frozenset(
    {"election", "race", "vote", "primary", "seat", "nomination", "ballot", "poll"}
    | {"caucus", "runoff", "electoral", "campaign", "candidate", "incumbent", "midterm"}
    | {"reelection", "re-election", "voter", "electorate", "debate"}
)
CANDIDATE_SECTORS = frozenset({"ELI", "PTY", "LEG", "GOV"})
FORCE_LIKE_SECTORS = frozenset({"MIL", "REB", "INS", "UAF", "COP", "SPY"})


def _candidates(mentions: Sequence[Mention]) -> bool:
    return bool(mentions) and all(
        set(m.actor.sectors) & CANDIDATE_SECTORS and not set(m.actor.sectors) & FORCE_LIKE_SECTORS
        for m in mentions
    )


def electoral_contest(
    trigger: Token, sources: Sequence[Mention], targets: Sequence[Mention]
) -> bool:
    """ "Biden beat Trump in Pennsylvania", "defeated the incumbent in the
    election": winning a vote is no use of force ("troops defeated ISIS" is)."""
    if trigger.lemma_.lower() not in CONTEST_LEMMAS:
        return False
    if any(t.lemma_.lower() in ELECTION_WORDS for t in trigger.sent):
        return True
    return _candidates([*sources, *targets])


def campaign_rally(trigger: Token, sources: Sequence[Mention]) -> bool:
    """ "Trump held rallies in Ohio", "at one Biden rally": a politician's rally is
    campaigning, not a demonstration (CAMEO 141)."""
    return trigger.lemma_.lower() == "rally" and _candidates(sources)


def violence_evident(trigger: Token, title: str | None) -> bool:
    """The act itself is violent ("shot", "bombed"), or its sentence, the sentence
    before or the headline speaks of violence: "All 157 people were killed" in a
    story of an air crash, or "the fire killed five", is not an attack."""
    if trigger.lemma_.lower() in VIOLENT_ACTS:
        return True
    doc, start = trigger.doc, trigger.sent.start
    before = doc[start - 1].sent.start if start > 0 else start
    if any(t.lemma_.lower() in VIOLENCE_EVIDENCE for t in doc[before : trigger.sent.end]):
        return True
    words = "".join(c if c.isalpha() else " " for c in (title or "").lower()).split()
    return any(w in VIOLENCE_EVIDENCE or w.rstrip("s") in VIOLENCE_EVIDENCE for w in words)


def unattributed_attacker(
    trigger: Token, sentence_index: int, index: MentionIndex, targets: Sequence[Mention] = ()
) -> Mention:
    """An "unidentified armed forces" actor placed in the country it struck from
    ("rockets were fired from Gaza"), else where the violence happened (a country
    named in a locative phrase of the trigger's clause that is not a target). Its
    span is the instrument ("by an improvised explosive device") or else the trigger."""
    skip = frozenset(t.head_token for t in targets)
    place = _place_named(trigger, index, own=True, preps=_ORIGIN_PREPS, skip=skip)
    place = place or _place_named(trigger, index, skip=skip)
    country = place.actor.country if place is not None else None
    if country is None:  # "a Kabul car bombing killed ...": the city says where
        means = [c for c in trigger.children if c.dep_ in {"nsubj", "agent"}]
        means += [g for m in means if m.dep_ == "agent" for g in m.children if g.dep_ == "pobj"]
        for word in means:
            for modifier in (c for c in word.children if c.dep_ == "compound"):
                cities = [m for m in index.at(modifier) if names_a_city(m, modifier)]
                if cities:
                    country = cities[0].actor.country
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


def _strikes_a_thing(verb: Token) -> bool:
    return any(
        c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in PHYSICAL_TARGETS
        for c in verb.children
    )


def carries_uncoded_complement(trigger: Trigger) -> bool:
    """ "plans to build a wall", "promised to cut taxes": a bare intent verb whose
    complement is no coded event says nothing CAMEO can code (the complement, when
    coded, already carries the intent as its modality)."""
    token = trigger.token
    if trigger.kind != "verb" or trigger.pattern.specificity > 0:
        return False
    if token.lemma_.lower() not in INTENT_CUES:
        return False
    return any(c.dep_ in {"xcomp", "ccomp"} for c in token.children)


def may_lack_target(trigger: Trigger, code: str) -> bool:
    """A bare converted verb ("take", "serve", "contain") codes only with a recipient;
    specific and hand-written patterns, event nouns and targetless roots need none."""
    pattern = trigger.pattern
    if trigger.kind == "verb" and pattern.specificity == 0 and pattern.lemma in ADDRESSED_VERBS:
        return False  # "ordered the same meal", "ordered a review": no one was ordered
    if pattern is OBLIGATION:
        return False  # "said the construction should go ahead": a demand on no one
    explicit = pattern.specificity == 0 and pattern.target in {"dobj", "pobj"}
    if trigger.kind == "verb" and explicit and code[:2] in PARTNERED_ROOTS:
        # The row names where its recipient is ("helped Israel"), and cooperation
        # needs a partner; threats, demands, coercion do not ("police arrested 12").
        return False
    if trigger.kind == "noun" or pattern.specificity > 0 or pattern.origin == "eventwire":
        return True
    if code[:2] in UNATTRIBUTED_ROOTS and _strikes_a_thing(trigger.token):
        return True  # "attacked a commercial ship": violence against a thing
    if (
        pattern.code[:2] in PARTNERED_ROOTS
        and code[:2] in COOPERATION_ROOTS
        and pattern.lemma not in AGREEMENT_VERBS
    ):
        # A bare converted verb of cooperation ("conducted", "found", "revealed"),
        # even recoded as an intent ("promised to conduct elections"), is an event
        # only with a partner; refusals of it and yields ("will resign") need none.
        return False
    return code[:2] in TARGETLESS_ROOTS


# A complaint is an event of its own besides what it complains of.
COMPLAINT_ROOTS = frozenset({"11", "14"})


def is_carrier(trigger: Trigger, produced: dict[int, list[Candidate]]) -> bool:
    """A bare verb whose complement was coded is a carrier ("decided to expand ...",
    "agreed to lift ...", "seeking to deepen ..."): the complement is the event."""
    if trigger.kind != "verb" or trigger.pattern.specificity > 0:
        return False
    if trigger.code[:2] in COMPLAINT_ROOTS:
        return False  # "protested that police had tortured detainees": both events
    if trigger.pattern is OBLIGATION or trigger.pattern is APPEAL:
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


# How sure the actor's identity is, by the path that resolved it.
_RESOLUTION_WEIGHT = MappingProxyType(
    {
        "dictionary": 0.1,
        "knowledge_base": 0.1,
        "metonym": 0.05,
        "title": 0.05,
        "apposition": 0.05,
        "ner": 0.0,
        "coref": -0.05,
        "unattributed": -0.15,
    }
)


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one parse (via their lowest common ancestor)."""
    up = {a.i: 0}
    node, steps = a, 0
    while node.head.i != node.i:
        node, steps = node.head, steps + 1
        up[node.i] = steps
    node, steps = b, 0
    while node.i not in up and node.head.i != node.i:
        node, steps = node.head, steps + 1
    return steps + up.get(node.i, steps)


def confidence_of(
    pattern: Pattern,
    source: Mention,
    target: Mention | None,
    reading: ModalityReading,
    trigger: Token | None = None,
) -> float:
    """A documented score from the evidence used (docs/OUTPUT.md): a specific or
    hand-checked pattern, actors read from a dictionary rather than guessed, a
    target, and actors close to the trigger in the parse raise it; coreference,
    unattributed sources, claims and conditionals lower it."""
    score = 0.5
    if pattern.specificity > 0:
        score += 0.12
    if pattern.origin == "eventwire":
        score += 0.05
    score += _RESOLUTION_WEIGHT.get(source.actor.resolved_by, 0.0)
    if target is not None:
        score += 0.1 + min(0.0, _RESOLUTION_WEIGHT.get(target.actor.resolved_by, 0.0))
    if reading.modality in {"alleged", "hypothetical"}:
        score -= 0.15
    if trigger is not None:
        doc = trigger.doc
        heads = [source.head_token] + ([target.head_token] if target else [])
        far = max(tree_distance(trigger, doc[i]) for i in heads if 0 <= i < len(doc))
        score += 0.05 if far <= 2 else -0.05 * min(3, far - 3) if far > 3 else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def evidence_span(sentence: Span, trigger: Span, source: Mention, target: Mention | None) -> Span:
    spans = [trigger, source.span] + ([target.span] if target else [])
    inside = [s for s in spans if sentence.contains(s)] or [trigger]
    return Span(min(s.start for s in inside), max(s.end for s in inside))


def event_id_of(
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


def strong_target(event: Event) -> bool:
    """A recipient with a country or organisation, not just "people" or "troops"."""
    target = event.target
    if target is None:
        return False
    return target.country is not None or target.code != "".join(target.sectors)


def deduplicate(candidates: list[Candidate]) -> list[Event]:
    """One event per (source, target, CAMEO root) in a sentence: the best-ranked.

    "was in direct contact with Russian authorities to discuss the issue" gives a
    04x from "contact" and another from "discuss"; both say the same thing.
    An event without a (strong) target yields to one with a country or organisation
    as target for the same source and root ("bombarded Aleppo, killing eight people").
    """
    best: dict[tuple[str, str, str], Candidate] = {}
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
    with_target = {(c.event.source.span, c.event.type.root) for c in kept if strong_target(c.event)}
    kept = [
        c
        for c in kept
        if strong_target(c.event) or (c.event.source.span, c.event.type.root) not in with_target
    ]
    kept.sort(key=lambda c: (c.event.trigger.start, c.event.event_id))
    return [c.event for c in kept]


# Nouns that name standing things (a treaty, a war, sanctions, a probe): mentioned
# alone they are background; they are events when something starts, signs, imposes
# or holds them ("signed a deal", "launched a war", "opened an investigation").
ENTITY_NOUNS = frozenset(
    {"deal", "agreement", "treaty", "accord", "pact", "war", "sanction", "embargo"}
    | {"alliance", "partnership", "relation", "tie", "investigation", "probe", "inquiry"}
    | {"conflict", "dispute"}
)
ENTITY_GOVERNORS = frozenset(
    {"sign", "reach", "conclude", "seal", "strike", "ink", "broker", "impose", "declare"}
    | {"wage", "announce", "agree", "order", "approve", "ratify", "initiate"}
)


def warns_of_others(trigger: Trigger, sources: list[Mention], index: MentionIndex) -> bool:
    """ "warned that floodwater can contain bacteria", "warned him: 'You can't
    imagine ...'": a warning about what others or things may do is a forecast, not
    a threat; "warned that it would retaliate" threatens the warner's own act."""
    token = trigger.token
    if trigger.kind != "verb" or token.lemma_.lower() not in WARNING_VERBS:
        return False
    if trigger.pattern.specificity > 0:
        return False  # "warned of consequences", "warned against an attack": own rows
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    own = {m.actor.code for m in sources}
    for clause in clauses:
        if warner_acts(token, clause):
            return False  # "warned that it would respond": its own act
        for subject in (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}):
            if {m.actor.code for m in index.with_conjuncts(subject)} & own:
                return False
    return True


def verbal_attack(trigger: Trigger, index: MentionIndex, sources: Sequence[Mention] = ()) -> bool:
    """ "his attacks on mail-in voting", "attacked the agreement": an attack on an
    idea, a policy or a process is criticism (CAMEO 111), not force. The object
    must be named, be nobody, and be nothing that can be hit. So is a politician's
    attack on the media or on other politicians ("Trump attacked the media")."""
    token = trigger.token
    if token.lemma_.lower() not in ATTACK_LEMMAS:
        return False
    if trigger.kind == "verb" and sources and _politicians_attack_speech(token, sources, index):
        return True
    if trigger.kind == "noun" and sources and _political(sources):
        # "withering attacks from congressional Democrats", "Trump's attacks on Biden"
        hit = [
            m
            for prep in ("on", "against")
            for o in prep_objects(token, prep)
            for m in index.with_conjuncts(o)
        ]
        unarmed = all(set(m.actor.sectors) & SPEAKING_SECTORS for m in sources)
        if (hit and _political(hit)) or (not hit and unarmed):
            return True
    if trigger.kind == "noun":
        objects = [o for prep in ("on", "against") for o in prep_objects(token, prep)]
    else:
        objects = [c for c in token.children if c.dep_ == "dobj"]
    return _only_ideas(objects, index)


def _only_ideas(objects: list[Token], index: MentionIndex) -> bool:
    """Named objects that are nobody and nothing that can be hit ("mail-in voting",
    "the agreement", "corruption")."""
    return bool(objects) and all(
        o.pos_ == "NOUN"
        and not index.with_conjuncts(o)
        and o.lemma_.lower() not in PHYSICAL_TARGETS
        and o.lemma_.lower() not in MEANS_OF_VIOLENCE
        for o in objects
    )


def empty_promise(trigger: Trigger) -> bool:
    """ "keeps his campaign promises", "made strikingly few promises": a promise
    noun that names neither whom it is made to nor what is promised says nothing
    CAMEO can code; "a promise to withdraw" does."""
    token = trigger.token
    if trigger.kind != "noun" or token.lemma_.lower() not in PROMISE_NOUNS:
        return False
    return not any(
        c.dep_ in {"acl", "xcomp", "relcl"}
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in token.children
    )


def thanked_for(trigger: Trigger) -> bool:
    """ "expressed appreciation for China's assistance", "praised Egypt for its
    mediation": the reason for thanks or praise is what the thanked did, and the
    thanks already carry it; on its own it names no recipient."""
    token = trigger.token
    if trigger.kind != "noun" or token.dep_ != "pobj":
        return False
    prep = token.head
    return prep.lower_ == "for" and prep.head.lemma_.lower() in GRATITUDE_LEMMAS


def abstract_struggle(trigger: Trigger, index: MentionIndex) -> bool:
    """ "fight the creeping authoritarianism", "combat corruption", "tackle
    inflation": a struggle against an idea or a condition is no violence and no
    event with anyone."""
    token = trigger.token
    if trigger.kind != "verb" or token.lemma_.lower() not in STRUGGLE_LEMMAS:
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += prep_objects(token, "against")
    return _only_ideas(objects, index)


def _political(mentions: Sequence[Mention]) -> bool:
    return bool(mentions) and all(
        set(m.actor.sectors) & (POLITICAL_SECTORS | {"MED"}) for m in mentions
    )


def _politicians_attack_speech(
    verb: Token, sources: Sequence[Mention], index: MentionIndex
) -> bool:
    if not all(set(m.actor.sectors) & POLITICAL_SECTORS for m in sources):
        return False
    objects = [m for c in verb.children if c.dep_ == "dobj" for m in index.with_conjuncts(c)]
    return bool(objects) and all(
        set(m.actor.sectors) & (POLITICAL_SECTORS | {"MED"}) for m in objects
    )


def predicated_conflict(trigger: Trigger, code: str) -> bool:
    """ "the filing is a politically motivated exercise", "the law is an attack on
    free speech": a conflict noun said of something is a characterisation."""
    token = trigger.token
    return (
        trigger.kind == "noun"
        and code[:2] in MATERIAL_CONFLICT
        and token.dep_ == "attr"
        and token.head.lemma_.lower() == "be"
    )


def names_a_standing_thing(trigger: Trigger, light_verbs: frozenset[str]) -> bool:
    """An entity noun not governed by a verb that makes it happen is background; an
    event noun naming a kind of thing ("detention centre", "attack helicopter",
    "war crimes") is no event."""
    token = trigger.token
    thing = token.dep_ == "compound" and token.head.lemma_.lower() in THING_HEADS
    if trigger.kind == "noun" and (thing or _a_danger(token)):
        return True
    if trigger.kind != "noun" or token.lemma_.lower() not in ENTITY_NOUNS:
        return False
    verb = governing_verb(trigger.token)
    if verb is None:
        return True
    lemma = verb.lemma_.lower()
    return lemma not in light_verbs and lemma not in ENTITY_GOVERNORS


def _a_danger(noun: Token) -> bool:
    """ "the threat posed by Iran", "Iran poses a threat", "under threat", "Iran is a
    threat": a danger someone is in or is said to be, not a threat someone made."""
    if noun.lemma_.lower() != "threat":
        return False
    posed = any(c.lemma_.lower() == "pose" for c in noun.children if c.dep_ in {"acl", "relcl"})
    governed = noun.head.lemma_.lower() in DANGER_GOVERNORS and noun.dep_ in {"dobj", "pobj"}
    # "Iran is a threat to the region", "calling Russia the biggest threat": what
    # someone is said to be, not a threat anyone made.
    predicated = noun.dep_ in {"attr", "oprd"}
    return posed or governed or predicated


def releases_people(trigger: Token, target: Mention) -> bool:
    """The target is what was released (the verb's theme) and is people."""
    head = trigger.doc[target.head_token]
    if head.dep_ not in _THEME_DEPS or head.head.i not in {
        trigger.i,
        *(c.i for c in trigger.conjuncts),
    }:
        return False
    sectors = set(target.actor.sectors)
    return bool(sectors & HUMAN_SECTORS) and "BUS" not in sectors


def joint(code: str, trigger: Token) -> bool:
    """Several sources and no target act with each other ("Brazil and the US agreed
    to deepen ties"), unless what they do goes outward (offers, aid)."""
    return code[:2] in JOINT_ROOTS and trigger.lemma_.lower() not in OUTWARD_VERBS
