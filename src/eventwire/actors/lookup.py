"""Fast whole-word phrase lookup over raw text (Aho-Corasick, built once).

Matching runs on a same-length normalised copy of the text (lower case, any
whitespace and any hyphen -> space, curly apostrophes -> ``'``), so match offsets
are offsets into ``Document.text`` and need no token alignment tables. Phrases are
normalised the same way, so "al-Qaeda", "al Qaeda" and "Al-Qaeda" all meet one entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

_APOSTROPHES = frozenset({"\u2019", "\u2018", "\u02bc"})
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")


def normalise(text: str) -> str:
    """Same length as ``text``; case and whitespace folded for matching."""
    out = []
    for char in text:
        if char.isspace() or char in _HYPHENS:
            out.append(" ")
        elif char in _APOSTROPHES:
            out.append("'")
        else:
            low = char.lower()
            out.append(low if len(low) == 1 else char)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    payload: tuple[int, ...]


class PhraseIndex:
    """Maps lower-case phrases to payload ids; finds longest non-overlapping hits."""

    def __init__(self, phrases: Iterable[tuple[str, int]]) -> None:
        grouped: dict[str, list[int]] = {}
        for phrase, payload in phrases:
            grouped.setdefault(normalise(phrase), []).append(payload)
        automaton: Any = ahocorasick.Automaton()
        for phrase, ids in grouped.items():
            automaton.add_word(phrase, (len(phrase), tuple(ids)))
        automaton.make_automaton()
        self._automaton = automaton

    def find(self, text: str, accept: Callable[[Hit], bool] = lambda _: True) -> list[Hit]:
        norm = normalise(text)
        hits: list[Hit] = []
        for last, (length, ids) in self._automaton.iter(norm):
            start, end = last - length + 1, last + 1
            if start > 0 and norm[start - 1].isalnum():
                continue
            if end < len(norm) and norm[end].isalnum():
                continue
            hit = Hit(start, end, ids)
            if accept(hit):
                hits.append(hit)
        hits.sort(key=lambda h: (-(h.end - h.start), h.start))
        taken: list[Hit] = []
        used = bytearray(len(norm) + 1)
        for hit in hits:
            if any(used[hit.start : hit.end]):
                continue
            used[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            taken.append(hit)
        return sorted(taken, key=lambda h: h.start)
