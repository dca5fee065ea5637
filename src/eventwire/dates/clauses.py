"""Which clause a token belongs to, and what tense that clause is in.

A date belongs to the event whose clause it hangs in: a dependent of the trigger
("said Saturday"), a prepositional object ("in 2001"), or for an event noun the
clause of its governing verb. Dates inside an embedded clause with its own verb
(ccomp, advcl, relcl) belong to that clause's event, because the walk up the
tree stops at the first verb.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

Tense = Literal[
    "present",
    "perfect",
    "past",
    "future",
    "modal",
    "past_perfect",
    "habitual",
    "nonfinite",
    "unknown",
]

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_AUX_DEPS = frozenset({"aux", "auxpass"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca", "'d"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "'s"})
_PAST_AUX = frozenset({"was", "were", "did"})
_PRESENT_AUX = frozenset({"is", "are", "am", "'m", "'re", "does", "do"})
_NOMINAL_DEPS = frozenset(
    {"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "npadvmod", "dative", "oprd", "agent"}
)


def is_verb(token: Token) -> bool:
    """A clause head: a main verb, or a finite verb the parser mis-attached as a
    modifier ("The official censured[amod] US authorities")."""
    if token.dep_ in _AUX_DEPS:
        return False
    if token.pos_ in ("VERB", "AUX"):
        return token.dep_ != "amod" or token.tag_ in FINITE_TAGS
    return token.tag_ in FINITE_TAGS


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` (the token itself when it is a verb)."""
    current = token
    while True:
        if is_verb(current):
            return current
        if current.head.i == current.i:
            return None
        current = current.head


def clause_hosts(verb: Token) -> frozenset[int]:
    """Token indices whose date dependents date ``verb``'s own clause: the verb,
    and for a finite verb parsed as ``amod`` the noun it was hung on."""
    hosts = {verb.i}
    if verb.dep_ == "amod" and verb.tag_ in FINITE_TAGS:
        hosts.add(verb.head.i)
    return frozenset(hosts)


def reaches_through_nominals(token: Token, verb: Token) -> bool:
    """True when ``token`` hangs under ``verb`` through nouns and prepositions
    only (an object or prepositional phrase of the same clause)."""
    current = token
    while current.i != verb.i:
        if current.dep_ not in _NOMINAL_DEPS or current.head.i == current.i:
            return False
        current = current.head
    return True


def tense_of(verb: Token) -> Tense:
    """Tense and aspect of ``verb``'s clause from its tag and auxiliaries."""
    aux = {child.lower_ for child in verb.children if child.dep_ in _AUX_DEPS}
    if (
        verb.lemma_ == "use"
        and verb.tag_ == "VBD"
        and any(c.dep_ == "xcomp" for c in verb.children)
    ):
        return "habitual"  # "used to sell"
    if "had" in aux:
        return "past_perfect"
    if aux & _FUTURE_AUX:
        return "future"
    if aux & _MODAL_AUX:
        return "modal"
    if "to" in aux:
        if verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
            return "future"  # "is going to visit"
        return "nonfinite"
    if aux & _PERFECT_AUX and verb.tag_ == "VBN":
        return "perfect"
    if aux & _PAST_AUX or verb.tag_ == "VBD":
        return "past"
    if aux & _PRESENT_AUX or verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ in ("VBG", "VBN", "VB") and verb.dep_ != "ROOT":
        return "nonfinite"
    return "unknown"


def is_infinitive(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)
