"""The shipped actor data loads, quickly, and its codes split as CAMEO codes do."""

from __future__ import annotations

import time

from eventwire.actors import ActorDictionary
from eventwire.actors.lookup import PhraseIndex, normalise


def test_load_is_fast_and_has_core_entries() -> None:
    started = time.perf_counter()
    dictionary = ActorDictionary.load()
    assert time.perf_counter() - started < 2.0
    phrases = {e.phrase: e for e in dictionary.actors}
    assert phrases["russia"].code == "RUS"
    assert phrases["moscow"].kind == "capital"
    assert phrases["taliban"].code == "AFGREB"
    assert "organization" not in phrases  # junk alias blocked in extra.tsv
    relational = {a.phrase for a in dictionary.agents if a.relational}
    assert "envoy" in relational


def test_split_code() -> None:
    dictionary = ActorDictionary.load()
    assert dictionary.split_code("RUSGOV") == ("RUS", ("GOV",))
    assert dictionary.split_code("IGOUNO") == (None, ("IGO", "UNO"))


def test_phrase_index_whole_words_longest_first() -> None:
    index = PhraseIndex([("united states", 1), ("states", 2), ("us", 3)])
    text = "The United\nStates and Russia trust us, not Busan."
    hits = index.find(text)
    assert [(text[h.start : h.end], h.payload) for h in hits] == [
        ("United\nStates", (1,)),
        ("us", (3,)),
    ]
    assert len(normalise("İstanbul’s")) == len("İstanbul’s")
