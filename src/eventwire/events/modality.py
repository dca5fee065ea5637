"""Modality: is the event said to happen, intended, refused, alleged, hypothetical?

CAMEO changes the code with modality: "ready to cooperate" is an intent (03x), not
cooperation (06x); "refused to endorse" is a rejection (12x), not an endorsement;
"vowed to attack" is a threat (13x). The cue words are looked up on the chain of
governors above the trigger (xcomp/acomp/ccomp/prep links), so the same rule
serves verbs ("plans to meet") and event nouns ("ready to engage in cooperation").
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Token

from eventwire.records import Modality

# Governor lemmas that make an embedded event an intention ("ready to cooperate").
INTENT_CUES = frozenset(
    {
        "ready",
        "willing",
        "prepared",
        "eager",
        "keen",
        "determined",
        "committed",
        "plan",
        "intend",
        "want",
        "wish",
        "hope",
        "seek",
        "aim",
        "vow",
        "pledge",
        "promise",
        "offer",
        "agree",
        "commit",
        "propose",
        "expect",
        "consider",
        "mull",
        "threaten",
        "swear",
        "prepare",
        "resolve",
        "volunteer",
        "intention",
        "readiness",
        "willingness",
        "proposal",
        "bid",
    }
)
# Wishes to do a speech act perform it: "we want to thank", "I would like to express
# our gratitude" are thanks, not intents.
WISH_CUES = frozenset({"want", "wish", "like", "hope"})
PERFORMATIVES = frozenset(
    {"thank", "express", "congratulate", "apologize", "apologise", "welcome", "commend"}
    | {"praise", "condole", "acknowledge", "salute", "extend", "convey", "offer"}
)
# Governors that turn the embedded event into a rejection of it.
REFUSAL_CUES = frozenset({"refuse", "decline", "reject", "rebuff", "spurn", "refusal"})
# Governors that say the embedded event did not happen.
DENIAL_CUES = frozenset({"deny", "dismiss", "denial"})
# Governors that kept the embedded act from happening: "was prevented from attacking".
PREVENTION_CUES = frozenset(
    {"prevent", "bar", "ban", "block", "prohibit", "deter", "dissuade", "stop", "keep"}
)
# Governors that present the embedded event as somebody's claim.
ALLEGATION_CUES = frozenset(
    {
        "accuse",
        "allege",
        "allegation",
        "accusation",
        "claim",
        "suspect",
        "blame",
        "charge",
        "suspicion",
        "rumor",
        "rumour",
        "evidence",  # "has evidence (proving) that Russia was behind the attacks"
        "prove",
    }
)
# Punishments whose "for" clause is the charge, not an established fact: "jailed a
# student for helping militants join an armed group".
PUNISHMENT_CUES = frozenset(
    {"jail", "imprison", "sentence", "convict", "arrest", "detain", "fine", "punish"}
    | {"prosecute", "indict", "try", "execute", "hang", "expel", "deport", "sue", "fire"}
)
# Governors that ask somebody else to do the embedded event.
REQUEST_CUES = frozenset(
    {
        "urge",
        "ask",
        "call",
        "appeal",
        "demand",
        "press",
        "request",
        "implore",
        "invite",
        "encourage",
        "push",
        "pressure",
        "petition",
        "tell",
    }
)
# Governors that order or press somebody to do the embedded event. Said of another
# party ("ordered Israel to withdraw") it is a demand and the act only requested;
# said of one's own people ("ordered troops to withdraw") the act is done.
DIRECTIVE_CUES = frozenset(
    {"order", "tell", "instruct", "direct", "command", "push", "pressure", "lobby", "compel"}
)


def directs_another(verb: Token) -> bool:
    """A directive verb whose object names a party of its own (a proper name in
    the object phrase: "ordered Israel", "told the US", "ordered US troops")."""
    if verb.lemma_.lower() not in DIRECTIVE_CUES:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(t.pos_ == "PROPN" for o in objects for t in o.subtree)


def infinitive_complement(verb: Token, clause: Token) -> bool:
    """ "pushed Turkey to release": a to-infinitive after the object, which spaCy
    often hangs as an adverbial clause instead of xcomp."""
    if clause.dep_ == "xcomp":
        return True
    return (
        clause.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and any(c.dep_ == "dobj" for c in verb.children)
    )


# Reporting verbs: their complement is the event; the speaker is ``reported_by``.
REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "announce",
        "state",
        "add",
        "note",
        "insist",
        "stress",
        "confirm",
        "report",
        "declare",
        "explain",
        "believe",
        "think",
        "argue",
        "write",
        "quote",
        "reveal",
        "indicate",
        "acknowledge",
        "assert",
        "emphasize",
        "emphasise",
        "underline",
        "mention",
        "disclose",
        "told",
    }
)
# Governors that say an intended conflictual act is a threat ("vowed to attack").
THREAT_CUES = frozenset({"threaten", "vow", "warn", "swear", "pledge", "promise", "threat"})
WARNING_CUES = frozenset({"warn", "caution"})
# Governors that end the embedded activity ("stopped negotiations", "suspended aid").
HALT_CUES = frozenset(
    {
        "stop",
        "halt",
        "suspend",
        "end",
        "cancel",
        "postpone",
        "abandon",
        "freeze",
        "cease",
        "terminate",
        "cut",
        "break",
        "withdraw",
        "scrap",
        "lift",
        "ease",
        "suspension",
    }
)
# Modifiers that present an event noun as a claim or a possibility.
ALLEGED_MODIFIERS = frozenset({"alleged", "suspected", "purported", "supposed"})
# Modals of obligation: "China must drop barriers" is a demand, not a fact.
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
# Nouns whose "of" phrase has not happened: "fear of deportation", "the risk of war".
HYPOTHETICAL_NOUNS = frozenset(
    {"fear", "risk", "danger", "possibility", "prospect", "likelihood", "spectre", "specter"}
)
HYPOTHETICAL_MODALS = frozenset({"could", "may", "might", "would", "can"})
# Governors of ability: "capable of attacking", "able to strike" say what could
# happen, like "can"; "unable to reach" says it did not.
ABILITY_CUES = frozenset({"capable", "able", "capability", "capacity"})
INABILITY_CUES = frozenset({"unable", "incapable", "inability", "fail", "failure"})
# Verbs of forecasting: "predicts the ruling will be overturned" is a guess about
# what may happen, not anybody's intent or deed.
PREDICTION_CUES = frozenset(
    {"predict", "forecast", "speculate", "guess", "prediction", "speculation"}
)
FUTURE_MODALS = frozenset({"will", "shall", "'ll"})
NEGATORS = frozenset({"not", "n't", "never", "no"})

# The dependency links along which a governor's modality reaches down.
_OBJECT_LINKS = frozenset({"dobj", "xcomp", "pobj", "prep", "nsubjpass"})
_CHAIN_DEPS = frozenset(
    {"xcomp", "acomp", "ccomp", "pobj", "prep", "pcomp", "dobj", "advcl", "acl", "conj"}
)


@dataclass(frozen=True, slots=True)
class ModalityReading:
    """What the governors above a trigger say about it."""

    modality: Modality
    cue: Token | None
    reporter: Token | None
    refused: bool = False
    halted: bool = False
    own: bool = False  # the modality is marked on the trigger itself ("will attack")
    charge: bool = False  # the reason a punishment gives ("jailed X for helping ...")

    @property
    def suppressed(self) -> bool:
        """Plain negation and denial: the event did not happen, so it is not coded;
        nor is a punishment's charge, which the punishment event already carries."""
        return (self.modality == "negated" and not self.refused) or self.charge


def _own_modality(token: Token) -> Modality | None:
    """Modality marked on the trigger itself: negation first, then modals and 'if'."""
    children = list(token.children)
    for child in children:
        if child.dep_ == "neg" or (
            child.dep_ == "det" and child.lower_ == "no" and token.pos_ == "NOUN"
        ):
            return "negated"
    for child in children:
        lower = child.lower_
        if child.dep_ == "amod" and lower in ALLEGED_MODIFIERS:
            return "alleged"
        if child.dep_ == "aux" and lower in OBLIGATION_MODALS:
            return "requested"
        if child.dep_ == "aux" and lower in HYPOTHETICAL_MODALS:
            return "hypothetical"
        if child.dep_ == "aux" and lower in FUTURE_MODALS:
            return "intended"
        if child.dep_ == "mark" and lower in {"if", "unless", "whether"}:
            return "hypothetical"
    return None


def read_modality(trigger: Token) -> ModalityReading:
    """Walk up from the trigger to the clause root, reading modality cues.

    Negation on the trigger itself comes first ("will not provide" is a refusal,
    "did not attack" no event). Otherwise the nearest governor cue wins over the
    trigger's own modal ("agreed that they should cooperate" is an intent), and a
    reporting verb above everything only sets ``reporter``.
    """
    reporter = _find_reporter(trigger)
    own = "negated" if _subject_denied(trigger) else _own_modality(trigger)
    if own == "negated":
        refusal = any(
            c.dep_ == "aux" and c.lower_ in FUTURE_MODALS | {"would", "wo"}
            for c in trigger.children
        )
        # "will not provide", "would not meet": a refusal, not a non-event.
        return ModalityReading("negated", trigger, reporter, refused=refusal)
    would = any(c.dep_ == "aux" and c.lower_ == "would" for c in trigger.children)
    if own == "hypothetical" and reporter is not None and would:
        own = "intended"  # "said it would allow": future in the past, not a condition
    modality: Modality | None = None
    cue: Token | None = None
    refused = halted = charge = False
    obliged = False
    node = trigger
    while node.dep_ == "compound" and node.head.i != node.i:
        node = node.head  # "suspended aid deliveries": the phrase head carries the links
    conditional = _marked_condition(trigger)  # "if Iran agrees to talks, ..."
    while node.dep_ in _CHAIN_DEPS and node.head.i != node.i:
        link = node.dep_
        below, node = node, node.head
        if link == "ccomp" and node.lemma_.lower() in REPORTING_VERBS:
            break
        # "unless the president agrees to step down": the agreeing is itself a condition
        conditional = conditional or (link != "conj" and _marked_condition(node))
        obliged = obliged or _obliges(node)
        lemma = node.lemma_.lower()
        if modality is None and not halted and lemma in HALT_CUES and link in _OBJECT_LINKS:
            halted = True  # "stopped negotiations": the halting is the event
            continue
        if modality == "intended" and lemma in REFUSAL_CUES:
            # "refused to commit to any assistance": refusing the intent refuses the act
            modality, cue, refused = "negated", node, True
            continue
        if modality is not None:
            continue
        if lemma in REFUSAL_CUES:
            modality, cue, refused = "negated", node, True
        elif lemma in DENIAL_CUES or _rules_out(node):
            modality, cue = "negated", node  # "denied", "ruled out cancelling the deal"
        elif lemma in PREVENTION_CUES and link == "prep" and below.lower_ == "from":
            modality, cue = "negated", node  # "was prevented from attacking"
        elif lemma in ALLEGATION_CUES and link in {"prep", "pobj", "pcomp", "ccomp", "acl"}:
            modality, cue = "alleged", node
        elif lemma in PUNISHMENT_CUES and _charged(link, below):
            modality, cue, charge = "alleged", node, True
        elif lemma in REQUEST_CUES and link in {"xcomp", "ccomp", "prep", "pobj", "pcomp"}:
            modality, cue = "requested", node
        elif lemma in WARNING_CUES and link == "ccomp" and warner_acts(node, below):
            modality, cue = "intended", node  # "warned it would retaliate": a threat
        elif lemma in REQUEST_CUES and infinitive_complement(node, below):
            modality, cue = "requested", node  # "pushed Turkey to release ..."
        elif directs_another(node) and infinitive_complement(node, below):
            modality, cue = "requested", node  # "ordered Israel to withdraw"
        elif link in {"advcl", "xcomp"} and _requests_by_its_object(node):
            modality, cue = "requested", node  # "put pressure on Iran to release ..."
        elif _hypothetical_cue(node, lemma, link):
            modality, cue = "hypothetical", node
        elif lemma in INABILITY_CUES and link in {"prep", "xcomp", "acl"}:
            modality, cue = "negated", node
        elif lemma in WISH_CUES and trigger.lemma_.lower() in PERFORMATIVES:
            continue  # "wants to thank Turkey": saying so is the thanks
        elif lemma in INTENT_CUES and not (lemma == "commit" and link == "dobj"):
            # "committed to talks" is an intent; "committed violations" is a deed;
            # "may want to visit" is a guess about an intent
            modality, cue = "intended", node
            if _own_modality(node) == "hypothetical":
                modality = "hypothetical"
        elif link != "conj":
            governor_own = _own_modality(node)
            if governor_own is not None:
                modality, cue = governor_own, node
    marked_on_trigger = modality is None and own is not None
    if modality is None and own is not None:
        modality, cue = own, trigger
    if (conditional or _asked(trigger)) and modality in {None, "intended"}:
        modality = "hypothetical"  # "if Iran agrees ...", "Will Trump meet Putin?"
    if obliged and modality not in {"negated", "alleged"}:
        modality = "requested"  # "the US must be ready to mediate": demanded, not done
    return ModalityReading(
        modality or "asserted", cue, reporter, refused, halted, own=marked_on_trigger, charge=charge
    )


def _requests_by_its_object(verb: Token) -> bool:
    """A light verb whose object is a request: "put pressure on", "made an appeal"."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in REQUEST_CUES for c in verb.children)


def warner_acts(warning: Token, clause: Token) -> bool:
    """The warned-of clause is the warner's own future act: its subject is a
    pronoun or the warner's own words, with will/would ("Iran warned it would
    retaliate")."""
    future = any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} for c in clause.children)
    warners = {c.lower_ for c in warning.children if c.dep_ == "nsubj"}
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    return future and any(
        s.lower_ in {"it", "they", "we", "he", "she"} or s.lower_ in warners for s in subjects
    )


def _rules_out(verb: Token) -> bool:
    return verb.lemma_.lower() == "rule" and any(
        c.dep_ == "prt" and c.lower_ == "out" for c in verb.children
    )


def _asked(trigger: Token) -> bool:
    """The trigger's sentence is a question: it says nothing happened."""
    words = [t for t in trigger.sent if not (t.is_space or t.is_quote)]
    return bool(words) and words[-1].text == "?"


def _marked_condition(token: Token) -> bool:
    """ "if"/"unless" on the clause: what it says may not happen at all."""
    return any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in token.children)


def _hypothetical_cue(node: Token, lemma: str, link: str) -> bool:
    """ "fear of deportation", "capable of attacking", "predicts X will attack"."""
    if lemma in HYPOTHETICAL_NOUNS:
        return link == "prep" and node.pos_ == "NOUN"
    if lemma in ABILITY_CUES:
        return link in {"prep", "xcomp", "acl"}
    return lemma in PREDICTION_CUES and link in {"ccomp", "xcomp", "acl", "prep"}


def _charged(link: str, below: Token) -> bool:
    """The walk came up from a "for" clause of the punishment ("jailed X for
    helping") or of its object ("jailed a student for helping", "X was jailed for")."""
    if link == "prep" and below.lower_ == "for":
        return True
    return link in {"dobj", "nsubjpass"} and any(
        c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ == "pcomp" for g in c.children)
        for c in below.children
    )


def _subject_denied(trigger: Token) -> bool:
    """ "No coalition troops were injured": the trigger's own subject is denied
    (a governor's "no solution can be found unless ..." does not reach down)."""
    return any(
        child.dep_ in {"nsubj", "nsubjpass"}
        and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children)
        for child in trigger.children
    )


def _obliges(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in token.children)


def _find_reporter(trigger: Token) -> Token | None:
    """The reporting verb whose complement holds the trigger, if any."""
    node = trigger
    while node.head.i != node.i:
        link = node.dep_
        node = node.head
        if link in {"ccomp", "parataxis"} and node.lemma_.lower() in REPORTING_VERBS:
            return node
        if link not in _CHAIN_DEPS and link not in {"conj", "relcl"}:
            break
    return None


# CAMEO re-coding by modality. Intent to do a cooperative act is 03x; a refusal
# of it is 12x; intent to do a conflictual act is a threat (13x).
_INTENT_BY_ROOT = MappingProxyType(
    {
        "01": None,
        "02": None,
        "03": None,
        "04": "036",
        "05": "032",
        "06": "031",
        "07": "033",
        "08": "035",
        "14": "133",
        "15": "138",
        "16": "131",
        "17": "132",
        "18": "1383",
        "19": "1384",
        "20": "1385",
    }
)
_INTENT_BY_CODE = MappingProxyType(
    {
        "061": "0311",
        "062": "0312",
        "063": "0313",
        "064": "0314",
        "071": "0331",
        "072": "0332",
        "073": "0333",
        "074": "0334",
        "191": "1381",
        "192": "1382",
        "163": "1312",
        "164": "1313",
        "161": "1313",
        "1621": "1311",
        "162": "1311",
        # intents to yield (035x) and to reform (034x), as CAMEO pairs them
        "081": "0351",
        "082": "0352",
        "083": "034",
        "0831": "0341",
        "0832": "0342",
        "0833": "0343",
        "0834": "0344",
        "084": "0353",
        "0841": "0353",
        "0842": "0353",
        "085": "0354",
        "086": "0355",
        "087": "0356",
    }
)
_REFUSAL_BY_ROOT = MappingProxyType(
    {
        "01": "120",
        "02": "120",
        "03": "120",
        "04": "125",
        "05": "120",
        "06": "121",
        "07": "122",
        "08": "124",
    }
)
_REFUSAL_BY_CODE = MappingProxyType(
    {"061": "1211", "062": "1212", "0311": "1211", "0312": "1212", "057": "127"}
)


# Halting an activity (CAMEO 16 "reduce relations", 08 "yield"): what it becomes.
_HALT_BY_ROOT = MappingProxyType(
    {
        "03": "160",
        "04": "164",
        "05": "161",
        "06": "160",
        "07": "162",
        "14": "082",
        "15": "0873",
        "16": "085",
        "17": "081",
        "18": "087",
        "19": "087",
        "20": "087",
    }
)
_HALT_BY_CODE = MappingProxyType(
    {
        "045": "165",
        "071": "1621",
        "072": "1622",
        "073": "1623",
        "163": "085",
        "190": "0871",
    }
)
_CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
_AGREEMENT_CUES = frozenset({"agree", "accept", "commit", "committed", "consent"})


def recode(code: str, reading: ModalityReading, has_target: bool = True) -> str | None:
    """The CAMEO code the event gets under its modality (None: not coded).

    Intended conflictual acts are threats (13x) when a threat verb or a recipient
    says so ("vowed to attack X"); agreed ones ("agreed to joint exercises") are
    intents to cooperate; other plans of conflict ("plans to protest") are not coded.
    """
    if reading.halted:
        halted = _HALT_BY_CODE.get(code) or _HALT_BY_ROOT.get(code[:2])
        if halted is None:
            return None
        code = halted
    root = code[:2]
    if reading.modality == "intended":
        cue = reading.cue.lemma_.lower() if reading.cue is not None else ""
        if root in _CONFLICT_ROOTS and not reading.halted:
            # "vowed to attack", "will attack X", "he will extend the curfew": threats;
            # the trigger's own future counts as announcing it.
            announced = reading.own
            if cue in THREAT_CUES or announced or (has_target and cue not in _AGREEMENT_CUES):
                return _INTENT_BY_CODE.get(code) or _INTENT_BY_ROOT[root]
            return "030" if cue in _AGREEMENT_CUES else None
        if code in _INTENT_BY_CODE:
            return _INTENT_BY_CODE[code]
        target = _INTENT_BY_ROOT.get(root)
        return code if target is None else target
    if reading.modality == "negated":
        if not reading.refused:
            return None
        if code in _REFUSAL_BY_CODE:
            return _REFUSAL_BY_CODE[code]
        return _REFUSAL_BY_ROOT.get(root)
    return code
