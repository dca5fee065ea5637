"""Scoring and floors on hand-built gold records and predictions (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire import evaluate as ev
from eventwire.records import Actor, CodedDocument, Document, Event, EventType, Sentence, Span


def gold_triple(source: str, target: str, code: str) -> ev.Triple:
    return ev.Triple(ev.parse_gold_actor(source), ev.parse_gold_actor(target), code)


def actor(code: str, country: str | None) -> Actor:
    return Actor(code=code, name=code, span=Span(0, 3), country=country)


def test_gold_actor_codes_are_normalised() -> None:
    assert ev.parse_gold_actor("---GOV") == ev.ActorKey("GOV", None)
    assert ev.parse_gold_actor("usagov ") == ev.ActorKey("USAGOV", "USA")
    assert ev.parse_gold_actor("IGOUNOMIL") == ev.ActorKey("IGOUNOMIL", "IGO")
    assert ev.parse_gold_actor("---") == ev.ActorKey("", None)
    assert ev.parse_gold_actor(None) == ev.ActorKey("", None)
    # CAMEO's older code for East Timor and ISO's compare equal
    assert ev.parse_gold_actor("TMPGOV").country == ev.parse_gold_actor("TLS").country == "TLS"


def test_our_codes_without_country_meet_gold_dashes() -> None:
    assert ev.actor_key(actor("GOV", None)) == ev.parse_gold_actor("---GOV")
    assert ev.actor_key(actor("RUSGOV", "RUS")) == ev.parse_gold_actor("RUSGOV")
    assert ev.actor_key(actor("IGOUNO", None)).country == "IGO"
    assert ev.actor_key(None) == ev.ActorKey("", None)


def test_cameo_levels_and_empty_gold_sentences_count() -> None:
    gold = [
        ev.CameoGold(
            "a",
            "s1",
            None,
            (gold_triple("RUSGOV", "USA", "036"), gold_triple("USA", "AFG", "190")),
        ),
        ev.CameoGold("b", "s2", None, ()),
    ]
    predictions = {
        "a": ev.Prediction(
            triples=(
                gold_triple("RUSGOV", "USA", "036"),  # exact
                gold_triple("USAMIL", "AFGINS", "193"),  # right countries and root only
            )
        ),
        "b": ev.Prediction(triples=(gold_triple("CHN", "JPN", "111"),)),  # gold says no event
    }
    scores = ev.score_cameo(gold, predictions)
    assert scores.level("exact") == ev.PRF(tp=1, fp=2, fn=1)
    assert scores.level("country_root") == ev.PRF(tp=2, fp=1, fn=0)
    assert scores.level("root") == ev.PRF(tp=2, fp=1, fn=0)
    assert scores.metrics()["exact.f1"] == pytest.approx(0.4)
    assert scores.metrics()["country_root.precision"] == pytest.approx(0.6667)
    assert dict(scores.per_root)["11"] == ev.PRF(tp=0, fp=1, fn=0)
    assert dict(scores.per_root)["19"] == ev.PRF(tp=1, fp=0, fn=0)
    assert (scores.gold_events, scores.predicted_events) == (2, 3)


def test_a_gold_event_is_matched_at_most_once() -> None:
    gold = [ev.CameoGold("a", "s", None, (gold_triple("USA", "IRN", "112"),))]
    twice = ev.Prediction(triples=(gold_triple("USA", "IRN", "112"),) * 2)
    assert ev.score_cameo(gold, {"a": twice}).level("exact") == ev.PRF(tp=1, fp=1, fn=0)
    assert ev.score_cameo(gold, {}).level("exact") == ev.PRF(tp=0, fp=0, fn=1)
    assert ev.PRF().f1 == 0.0


def test_plover_type_hits_are_shared_by_records_of_one_sentence() -> None:
    gold = ev.GoldSet(
        path="x/plover.jsonl",
        format="plover",
        plover=(
            ev.PloverGold("p1", "same sentence", None, "ACCUSE", frozenset({"USA"})),
            ev.PloverGold("p2", "same sentence", None, "THREATEN", frozenset({"IRN"})),
            ev.PloverGold("p3", "other", None, "ASSAULT", frozenset()),
        ),
    )
    assert [rid for rid, _, _ in gold.texts()] == ["p1", "p3"]
    predictions = {"p1": ev.Prediction(plover_types=(("ACCUSE", "USA"), ("REJECT", "IRN")))}
    report = ev.score(gold, predictions, model="m")
    assert report.plover is not None
    assert report.metrics()["type_hit_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert report.plover.source_country_hits == 1
    assert [(t.plover_type, t.hits, t.total) for t in report.plover.per_type] == [
        ("ACCUSE", 1, 1),
        ("ASSAULT", 0, 1),
        ("THREATEN", 0, 1),
    ]


def test_prediction_of_a_coded_document_reads_event_types() -> None:
    text = "Russia accused Washington."
    kind = EventType("112", "Accuse", -2.0, 3, "ACCUSE", None)
    event = Event(
        event_id="e1",
        doc_id="d",
        sentence=Sentence(0, Span(0, len(text)), text),
        source=actor("RUS", "RUS"),
        target=Actor("USAGOV", "Washington", Span(15, 25), "USA", ("GOV",), "metonym"),
        type=kind,
        trigger=Span(7, 14),
        evidence=Span(0, 25),
        modality="asserted",
        date=None,
        confidence=0.8,
    )
    coded = CodedDocument(Document("d", text), (event.sentence,), (), (event,))
    prediction = ev.prediction_of(coded)
    assert prediction.triples == (gold_triple("RUS", "USAGOV", "112"),)
    assert prediction.plover_types == (("ACCUSE", "RUS"),)


def test_load_gold_detects_the_format(tmp_path: Path) -> None:
    cameo = tmp_path / "c.jsonl"
    cameo.write_text(
        json.dumps(
            {
                "id": "1",
                "text": "t",
                "date": "2008-08-06",
                "events": [{"source": "---GOV", "target": "USA", "code": "042"}],
            }
        )
        + "\n\n",
        encoding="utf-8",
    )
    gold = ev.load_gold(cameo)
    assert gold.format == "cameo"
    assert gold.cameo[0].events == (gold_triple("---GOV", "USA", "042"),)
    plover = tmp_path / "p.jsonl"
    record = {
        "id": "2",
        "text": "t",
        "date": None,
        "plover_type": "DEMAND",
        "plover_type_current": "REQUEST",
        "source": [{"code": "SDN", "sector": "GOV"}],
    }
    plover.write_text(json.dumps(record) + "\n", encoding="utf-8")
    loaded = ev.load_gold(plover).plover[0]
    assert (loaded.plover_type, loaded.source_countries) == ("REQUEST", frozenset({"SDN"}))
    odd = tmp_path / "odd.jsonl"
    odd.write_text('{"id": "3", "text": "t"}\n', encoding="utf-8")
    with pytest.raises(ev.GoldFormatError, match=r"odd\.jsonl:1"):
        ev.load_gold(odd)


def cameo_report(f1_exact: tuple[int, int, int]) -> ev.EvalReport:
    prf = ev.PRF(*f1_exact)
    scores = ev.CameoScores(1, 1, 1, 0, (("exact", prf), ("country_root", prf), ("root", prf)), ())
    return ev.EvalReport("gold.jsonl", "cameo", "m", cameo=scores)


def test_floors_are_checked_and_only_ever_raised(tmp_path: Path) -> None:
    report = cameo_report((3, 1, 1))  # P = R = F1 = 0.75
    floors = {"gold.jsonl": {"exact.f1": 0.8, "root.f1": 0.5}, "other.jsonl": {"x": 1.0}}
    breaches = ev.check_floors(report, floors)
    assert [(b.metric, b.floor) for b in breaches] == [("exact.f1", 0.8)]
    assert "exact.f1 = 0.7500 is below its floor 0.8000" in str(breaches[0])
    raised, changes = ev.raise_floors(report, floors)
    assert raised["gold.jsonl"] == {"exact.f1": 0.8, "root.f1": 0.75}  # 0.8 not lowered
    assert [(c.metric, c.old, c.new) for c in changes] == [("root.f1", 0.5, 0.75)]
    assert raised["other.jsonl"] == {"x": 1.0}
    path = tmp_path / "floors.json"
    ev.write_floors(path, raised, comment="pinned by test")
    assert ev.load_floors(path) == raised
    assert ev.check_floors(report, {"gold.jsonl": {"renamed.f1": 0.1}})[0].value == 0.0


def evidence(source: str, target: str, code: str, pattern: str) -> ev.Evidence:
    return ev.Evidence(gold_triple(source, target, code), None, "verb", pattern, "asserted")


def test_error_cases_name_the_pattern_of_a_false_positive_and_what_a_miss_got() -> None:
    gold = ev.GoldSet(
        "g.jsonl",
        "cameo",
        cameo=(ev.CameoGold("a", "s1", None, (gold_triple("RUSGOV", "USA", "036"),)),),
    )
    coded = (
        evidence("RUSGOV", "USA", "036", "verb:cooperate"),
        evidence("USA", "AFG", "190", "verb:attack"),
    )
    right = {"a": ev.Prediction(evidence=coded[:1], triples=(coded[0].triple,))}
    assert ev.error_cases(gold, right) == []
    wrong = {"a": ev.Prediction(evidence=coded[1:], triples=(coded[1].triple,))}
    cases = ev.error_cases(gold, wrong)
    assert [(c.kind, c.expected, c.predicted, c.pattern) for c in cases] == [
        ("false_positive", "", "USA AFG 19", "verb:attack"),
        ("miss", "RUS USA 03", "", ""),
    ]
    assert cases[1].coded_instead == ("USA AFG 19 via verb:attack",)
    with pytest.raises(ValueError, match="valid levels"):
        ev.error_cases(gold, wrong, level="nope")


def test_plover_error_cases_are_misses_only() -> None:
    gold = ev.GoldSet(
        "p.jsonl",
        "plover",
        plover=(
            ev.PloverGold("p1", "s", None, "ASSAULT", frozenset({"USA"})),
            ev.PloverGold("p2", "s", None, "CONSULT", frozenset({"USA"})),
        ),
    )
    attack = ev.Evidence(gold_triple("USA", "AFG", "190"), "ASSAULT", "hit", "verb:hit", "asserted")
    pred = {"p1": ev.Prediction(plover_types=(("ASSAULT", "USA"),), evidence=(attack,))}
    cases = ev.error_cases(gold, pred)
    assert [(c.record_id, c.kind, c.expected) for c in cases] == [("p2", "miss", "CONSULT")]
    assert cases[0].coded_instead == ("ASSAULT (190 via verb:hit)",)


def test_calibration_counts_right_events_per_confidence_band() -> None:
    gold = ev.GoldSet(
        "g.jsonl",
        "cameo",
        cameo=(ev.CameoGold("a", "s1", None, (gold_triple("RUSGOV", "USA", "036"),)),),
    )

    def coded(code: str, confidence: float) -> ev.Evidence:
        return ev.Evidence(
            gold_triple("RUSGOV", "USA", code), None, "w", "p", "asserted", confidence
        )

    pred = {"a": ev.Prediction(evidence=(coded("036", 0.9), coded("036", 0.6), coded("190", 0.3)))}
    bands = {(b.low, b.coded, b.correct) for b in ev.calibration(gold, pred)}
    assert bands == {(0.0, 1, 0), (0.5, 1, 0), (0.7, 0, 0), (0.85, 1, 1)}
