"""The model's attribute rules (tag -> POS and morphology, a few lemma fixes), matched
by table lookup instead of spaCy's general ``Matcher``.

The profile showed ``attribute_ruler`` at about an eighth of the parse time: its
~180 rules are one- or two-token patterns on TAG, LOWER, DEP and IS_SPACE, which a
dictionary keyed by tag and lower-case form finds at a fraction of the cost. The
matches are the same (test: tests/nlp/test_attributes.py compares every token
attribute with the original), and they are applied by the ruler's own
``set_annotations``, so precedence between rules is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc, Token

ATTRIBUTE_TABLE = "eventwire_attribute_table"

_CACHE_LIMIT = 100_000
TokenTest = Callable[[Token], bool]
_GETTERS: Mapping[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}


class UnsupportedRuleError(ValueError):
    """A rule uses an attribute or operator the table cannot match exactly."""


@dataclass(frozen=True, slots=True)
class _Rule:
    attr_id: int
    match_id: int
    tests: tuple[tuple[TokenTest, ...], ...]  # per pattern token, all must hold


def _test(attr: str, value: Any) -> TokenTest:
    getter = _GETTERS.get(attr)
    if getter is None:
        raise UnsupportedRuleError(f"attribute {attr!r}")
    if not isinstance(value, dict):
        return lambda t: bool(getter(t) == value)
    if len(value) != 1:
        raise UnsupportedRuleError(f"operators {sorted(value)}")
    op, arg = next(iter(value.items()))
    if op == "IN":
        allowed = frozenset(arg)
        return lambda t: getter(t) in allowed
    if op == "NOT_IN":
        banned = frozenset(arg)
        return lambda t: getter(t) not in banned
    if op == "REGEX":
        regex = re.compile(arg)
        return lambda t: regex.search(getter(t)) is not None
    raise UnsupportedRuleError(f"operator {op!r}")


class _Probe:
    """The four attributes the rules read, standing in for a token when a rule's
    tests run once per distinct combination."""

    __slots__ = ("dep_", "is_space", "lower_", "tag_")

    def __init__(self, key: tuple[str, str, str, bool]) -> None:
        self.tag_, self.lower_, self.dep_, self.is_space = key


class AttributeTable:
    """Finds the matches of an ``AttributeRuler`` and lets the ruler apply them.

    Single-token rules depend only on (tag, lower, dep, is_space): their matches
    are computed once per distinct combination and cached on this object.
    """

    def __init__(self) -> None:
        self._ruler: Any = None
        self._rules: list[_Rule] = []
        self._cache: dict[tuple[str, str, str, bool], tuple[list[_Rule], list[_Rule]]] = {}

    def load_from(self, ruler: Any) -> AttributeTable:
        """Compile the ruler's rules; raises UnsupportedRuleError for anything else."""
        strings = ruler.vocab.strings
        for attr_id in range(len(ruler.attrs)):
            match_id = strings[str(attr_id)]
            _, patterns = ruler.matcher.get(match_id)
            for pattern in patterns:
                if not pattern or len(pattern) > 2:
                    raise UnsupportedRuleError(f"pattern of {len(pattern)} tokens")
                tests = tuple(
                    tuple(_test(attr, value) for attr, value in spec.items()) for spec in pattern
                )
                self._rules.append(_Rule(attr_id, match_id, tests))
        self._ruler = ruler
        return self

    def _candidates(self, token: Token) -> tuple[list[_Rule], list[_Rule]]:
        """Rules whose first token matches this token: (one-token, two-token)."""
        key = (token.tag_, token.lower_, token.dep_, token.is_space)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()  # bounded: a long run meets ever more rare words
            probe: Any = _Probe(key)
            passing = [r for r in self._rules if all(test(probe) for test in r.tests[0])]
            found = (
                [r for r in passing if len(r.tests) == 1],
                [r for r in passing if len(r.tests) == 2],
            )
            self._cache[key] = found
        return found

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(attr_id, match_id, start, end)`` sorted, as ``AttributeRuler.match`` gives."""
        found: set[tuple[int, int, int, int]] = set()
        last = len(doc) - 1
        for token in doc:
            single, pairs = self._candidates(token)
            i = token.i
            for rule in single:
                found.add((rule.attr_id, rule.match_id, i, i + 1))
            if pairs and i < last:
                following = doc[i + 1]
                for rule in pairs:
                    if all(test(following) for test in rule.tests[1]):
                        found.add((rule.attr_id, rule.match_id, i, i + 2))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        self._ruler.set_annotations(doc, self.matches(doc))
        return doc


@Language.factory(ATTRIBUTE_TABLE)
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable()


def use_attribute_table(nlp: Language) -> bool:
    """Put the table in place of the model's ``attribute_ruler``; False (and the
    original kept) when a rule is beyond what the table matches exactly."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        table = cast(AttributeTable, nlp.add_pipe(ATTRIBUTE_TABLE, after="attribute_ruler"))
        table.load_from(ruler)
    except UnsupportedRuleError:
        nlp.remove_pipe(ATTRIBUTE_TABLE)
        return False
    nlp.disable_pipe("attribute_ruler")  # kept loaded: its set_annotations does the writing
    return True


__all__: Sequence[str] = ("ATTRIBUTE_TABLE", "AttributeTable", "use_attribute_table")
