"""Who is the source and who the target of a trigger, read off the dependency tree.

Verbs: the subject is the source (the ``by`` agent in the passive), the direct
object or a marked prepositional object the target (the passive subject in the
passive). Missing subjects are inherited along control and coordination links
("Russia is ready to engage in ...", "decided to expand ..."). Event nouns take
their source from a possessor or modifier ("Russia's support", "US sanctions") or
from the verb that governs them ("Moscow had established contacts with ...").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.records import Mention

# Prepositions that mark the target of an event, most telling first. "in" is left
# out: it nearly always marks a place ("cooperation ... in Afghanistan").
TARGET_PREPS = (
    "against",
    "with",
    "on",
    "to",
    "toward",
    "towards",
    "at",
    "into",
    "from",
    "for",
    "between",
    "over",
    "about",
    "upon",
    "of",
)
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# Links along which an infinitive or coordinated verb shares its governor's subject.
_CONTROL_DEPS = frozenset({"xcomp", "acomp", "conj", "advcl", "pcomp"})


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """Finds the actor mention that an argument token stands for."""

    by_token: dict[int, Mention]

    @classmethod
    def build(cls, mentions: Sequence[Mention]) -> MentionIndex:
        by_token: dict[int, Mention] = {}
        # Longer mentions first, so a shorter mention nested inside ("Russian" in
        # "the Russian president") does not hide the phrase it belongs to, except
        # on its own head token.
        ordered = sorted(mentions, key=lambda m: m.token_end - m.token_start, reverse=True)
        for mention in ordered:
            for i in range(mention.token_start, mention.token_end):
                by_token.setdefault(i, mention)
        for mention in mentions:
            by_token[mention.head_token] = by_token.get(mention.head_token, mention)
        return cls(by_token)

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def with_conjuncts(self, token: Token) -> list[Mention]:
        """The mention at ``token`` plus those of coordinated phrases ("X and Y")."""
        found: list[Mention] = []
        for candidate in (token, *token.conjuncts):
            mention = self.at(candidate)
            if mention is not None and mention not in found:
                found.append(mention)
        return found


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in _PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def _children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def verb_source(verb: Token, index: MentionIndex) -> list[Mention]:
    """The acting actor(s) of a verb, inheriting through control links."""
    node = verb
    for _ in range(6):
        if is_passive(node):
            for agent in _children(node, {"agent"}):
                for pobj in _children(agent, {"pobj"}):
                    found = index.with_conjuncts(pobj)
                    if found:
                        return found
        else:
            for subj in _children(node, _SUBJECT_DEPS):
                found = index.with_conjuncts(subj)
                if found:
                    return found
                if subj.lower_ in {"who", "which", "that"} and node.dep_ == "relcl":
                    found = index.with_conjuncts(node.head)
                    if found:
                        return found
                return []
        if node.dep_ == "relcl" and node.head is not node:
            return index.with_conjuncts(node.head)
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":
            # Object control: "accused Somalia of supporting ..." -> Somalia supports.
            governor = node.head.head
            for obj in _children(governor, {"dobj"}):
                found = index.with_conjuncts(obj)
                if found:
                    return found
        if node.dep_ not in _CONTROL_DEPS or node.head is node:
            return []
        node = node.head
    return []


def prep_objects(token: Token, prep: str | None = None) -> list[Token]:
    """Objects of the prepositions attached to ``token`` (optionally one preposition)."""
    objects: list[Token] = []
    for child in token.children:
        if child.dep_ not in {"prep", "agent", "dative"}:
            continue
        if prep is not None and child.lower_ != prep:
            continue
        objects.extend(_children(child, {"pobj", "pcomp"}))
        if child.dep_ == "dative" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            objects.append(child)
    return objects


def _first_prep_target(token: Token, index: MentionIndex, exclude: set[int]) -> list[Mention]:
    by_prep: dict[str, list[Mention]] = {}
    for child in token.children:
        if child.dep_ not in {"prep", "dative"}:
            continue
        for obj in _children(child, {"pobj"}):
            found = [m for m in index.with_conjuncts(obj) if m.head_token not in exclude]
            if found:
                by_prep.setdefault(child.lower_, found)
    for prep in TARGET_PREPS:
        if prep in by_prep:
            return by_prep[prep]
    return []


def verb_target(
    verb: Token, index: MentionIndex, prep: str | None, where: str, exclude: set[int]
) -> list[Mention]:
    """The actor(s) acted upon. ``where`` is the pattern's hint (dobj|pobj|none|auto)."""
    if where == "none":
        return []

    def keep(found: list[Mention]) -> list[Mention]:
        return [m for m in found if m.head_token not in exclude]

    if is_passive(verb):
        for subj in _children(verb, _PASSIVE_SUBJECT_DEPS):
            found = keep(index.with_conjuncts(subj))
            if found:
                return found
    if where == "pobj" and prep:
        for obj in prep_objects(verb, prep):
            found = keep(index.with_conjuncts(obj))
            if found:
                return found
    if where in {"dobj", "auto"}:
        for obj in _children(verb, {"dobj", "dative", "attr", "oprd"}):
            found = keep(index.with_conjuncts(obj))
            if found:
                return found
    if prep:
        for obj in prep_objects(verb, prep):
            found = keep(index.with_conjuncts(obj))
            if found:
                return found
    found = _first_prep_target(verb, index, exclude)
    if found:
        return found
    # "expand its presence in Afghanistan": the target sits inside the object phrase.
    for obj in _children(verb, {"dobj"}):
        found = _first_prep_target(obj, index, exclude)
        if found:
            return found
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                for pobj in _children(child, {"pobj"}):
                    found = keep(index.with_conjuncts(pobj))
                    if found:
                        return found
    return []


def governing_verb(noun: Token) -> Token | None:
    """The verb an event noun hangs from: "established [contacts]", "engage in [cooperation]"."""
    node = noun
    for _ in range(5):
        if (
            node.dep_ in {"dobj", "pobj", "attr", "nsubj", "nsubjpass", "oprd", "appos", "conj"}
            or node.dep_ == "prep"
        ):
            node = node.head
        else:
            return None
        if node.pos_ in {"VERB", "AUX"}:
            return node
        if node.pos_ == "NOUN" and node.dep_ not in {"pobj", "dobj", "conj"}:
            return None
    return None


def noun_source(noun: Token, index: MentionIndex, exclude: set[int]) -> list[Mention]:
    """Possessor, modifier or ``by`` agent of an event noun, else its verb's subject."""
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            mention = index.at(child)
            if mention is not None and mention.head_token not in exclude:
                return [mention]
    for obj in prep_objects(noun, "by"):
        found = index.with_conjuncts(obj)
        if found:
            return found
    verb = governing_verb(noun)
    if verb is None:
        return []
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        return []
    return verb_source(verb, index)


def noun_target(
    noun: Token, index: MentionIndex, prep: str | None, exclude: set[int]
) -> list[Mention]:
    if prep:
        for obj in prep_objects(noun, prep):
            found = [m for m in index.with_conjuncts(obj) if m.head_token not in exclude]
            if found:
                return found
    found = _first_prep_target(noun, index, exclude)
    if found:
        return found
    verb = governing_verb(noun)
    if verb is not None and noun.dep_ == "dobj":
        return _first_prep_target(verb, index, exclude)
    return []
