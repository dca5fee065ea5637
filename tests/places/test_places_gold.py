"""The geocoder scored on a hand-built place set from the public gold sentences.

``tests/data/places/places_gold.jsonl`` holds gold sentences that name where the
event happens, each with the country (and city or ADM1) a reader takes from the
sentence. The real pipeline codes each sentence; every event it codes is scored
twice: among events placed from the text (``resolved_by == "text"``) and among all
events (fallbacks to the target's or the story's country included). Run with
``pytest -s`` to see the figures; the floors are the measured values, so a
regression fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire.pipeline import Pipeline
from eventwire.places import Gazetteer
from eventwire.records import CodedDocument, Event, IngestError, RawArticle

GOLD = Path(__file__).resolve().parent.parent / "data" / "places" / "places_gold.jsonl"
# The measured figures, as floors (lower only with a reason). Measured: country
# 78/79 of events placed from the text, 88/93 of all events (ADM1 divisions outside
# the US place "Sindh"); city 41/46 of the events placed from the text whose sentence
# names a city. The issue asks >= 90% country.
TEXT_COUNTRY_FLOOR = 0.98
ALL_COUNTRY_FLOOR = 0.94
TEXT_CITY_FLOOR = 0.89


@dataclass(frozen=True, slots=True)
class GoldPlace:
    id: str
    origin: str
    text: str
    date: dt.date | None
    country: str
    place: str | None
    precision: str


@dataclass(frozen=True, slots=True)
class Rate:
    right: int
    total: int

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.right}/{self.total} = {self.share:.1%}"


@dataclass(frozen=True, slots=True)
class Scores:
    sentences: int
    sentences_with_events: int
    sentences_placed_from_text: int
    text_country: Rate
    all_country: Rate
    text_city: Rate
    all_city: Rate
    misses: tuple[str, ...]


def load_gold() -> tuple[GoldPlace, ...]:
    records = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        expected = raw["expected"]
        records.append(
            GoldPlace(
                id=raw["id"],
                origin=f"{raw['origin']['file']}#{raw['origin']['record']}",
                text=raw["text"],
                date=dt.date.fromisoformat(raw["date"]) if raw["date"] else None,
                country=expected["country"],
                place=expected["place"],
                precision=expected["precision"],
            )
        )
    return tuple(records)


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def named_ids(gazetteer: Gazetteer, gold: GoldPlace) -> frozenset[int]:
    """GeoNames ids the expected name can denote in the expected country."""
    if gold.place is None:
        return frozenset()
    return frozenset(
        place.geonames_id
        for _, places in gazetteer.find(gold.place)
        for place in places
        if place.country == gold.country and place.geonames_id is not None
    )


def _place_right(event: Event, gold: GoldPlace, ids: frozenset[int]) -> bool:
    location = event.location
    if location is None:
        return False
    return location.geonames_id in ids or (
        location.country == gold.country and _fold(location.name) == _fold(gold.place or "")
    )


def score(
    gold: Iterable[GoldPlace], coded: Iterable[CodedDocument], gazetteer: Gazetteer
) -> Scores:
    counts = {key: [0, 0] for key in ("text_country", "all_country", "text_city", "all_city")}
    sentences = with_events = placed = 0
    misses = []
    for item, document in zip(gold, coded, strict=True):
        sentences += 1
        with_events += bool(document.events)
        ids = named_ids(gazetteer, item)
        from_text = False
        for event in document.events:
            location = event.location
            is_text = location is not None and location.resolved_by == "text"
            from_text |= is_text
            country_right = location is not None and location.country == item.country
            city_right = _place_right(event, item, ids)
            scopes = ("text", "all") if is_text else ("all",)
            for scope in scopes:
                counts[f"{scope}_country"][0] += country_right
                counts[f"{scope}_country"][1] += 1
                if item.precision == "city":
                    counts[f"{scope}_city"][0] += city_right
                    counts[f"{scope}_city"][1] += 1
            if not country_right or (item.precision == "city" and not city_right):
                got = "-" if location is None else f"{location.country} {location.name}"
                how = location.resolved_by if location else "unplaced"
                misses.append(
                    f"{item.id} ({item.origin}) {event.type.cameo}: expected "
                    f"{item.country} {item.place or ''}, got {got} [{how}]"
                )
        placed += from_text
    return Scores(
        sentences=sentences,
        sentences_with_events=with_events,
        sentences_placed_from_text=placed,
        text_country=Rate(*counts["text_country"]),
        all_country=Rate(*counts["all_country"]),
        text_city=Rate(*counts["text_city"]),
        all_city=Rate(*counts["all_city"]),
        misses=tuple(misses),
    )


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def scores(pipeline: Pipeline, gazetteer: Gazetteer) -> Scores:
    gold = load_gold()
    articles = [RawArticle(id=g.id, text=g.text, origin=str(GOLD), published=g.date) for g in gold]
    coded = []
    for result in pipeline.code_articles(articles):
        assert not isinstance(result, IngestError), result
        coded.append(result)
    found = score(gold, coded, gazetteer)
    print(
        f"\nplaces gold: {found.sentences} sentences, {found.sentences_with_events} with events,"
        f" {found.sentences_placed_from_text} with an event placed from the text"
        f"\n  country, events placed from the text: {found.text_country}"
        f"\n  country, all events:                  {found.all_country}"
        f"\n  city, events placed from the text:    {found.text_city}"
        f"\n  city, all events:                     {found.all_city}"
    )
    for miss in found.misses:
        print("  miss:", miss)
    return found


def test_gold_set_is_well_formed(gazetteer: Gazetteer) -> None:
    gold = load_gold()
    assert len(gold) >= 40
    assert len({g.text for g in gold}) == len(gold)
    for item in gold:
        assert gazetteer.country(item.country) is not None, item.id
        assert item.precision in ("country", "adm1", "city"), item.id
        assert (item.place is None) == (item.precision == "country"), item.id
        if item.precision == "city":
            assert named_ids(gazetteer, item), f"{item.id}: {item.place} not in the gazetteer"


def test_country_of_events_placed_from_the_text(scores: Scores) -> None:
    assert scores.text_country.total >= 40
    assert scores.text_country.share >= TEXT_COUNTRY_FLOOR, scores.text_country


def test_country_of_all_events(scores: Scores) -> None:
    assert scores.all_country.share >= ALL_COUNTRY_FLOOR, scores.all_country


def test_city_of_events_placed_from_the_text(scores: Scores) -> None:
    assert scores.text_city.share >= TEXT_CITY_FLOOR, scores.text_city


# -- the general rules this set led to, on sentences of our own ---------------------


def _located(pipeline: Pipeline, text: str) -> list[Event]:
    coded = pipeline.code_text(text, date=dt.date(2020, 3, 2))
    assert coded.events, "the sentence must code an event"
    return list(coded.events)


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("Gunmen killed two policemen outside of the city of Kirkuk on Monday.", "IRQ", "Kirkuk"),
        ("Police arrested 30 protesters in the port town of Mombasa.", "KEN", "Mombasa"),
        ("A car bomb killed four soldiers in a northern suburb of Kabul.", "AFG", "Kabul"),
    ],
)
def test_a_name_introduced_by_a_settlement_noun_is_the_place(
    pipeline: Pipeline, text: str, country: str, name: str
) -> None:
    places = {(e.location.country, e.location.name) for e in _located(pipeline, text) if e.location}
    assert (country, name) in places


def test_a_place_in_the_reporting_clause_does_not_place_the_event(pipeline: Pipeline) -> None:
    events = _located(pipeline, "Rebels shelled the town on Sunday, aid officials in Nairobi said.")
    assert all(e.location is None or e.location.resolved_by != "text" for e in events)


def test_where_the_subject_is_based_yields_to_where_it_acts(pipeline: Pipeline) -> None:
    text = "The British envoy in Kenya held talks with Ugandan leaders during a visit to Kampala."
    talks = [e for e in _located(pipeline, text) if e.location and e.location.resolved_by == "text"]
    assert talks and all(e.location and e.location.name == "Kampala" for e in talks)


def test_the_actor_dictionary_settles_an_ambiguous_city(pipeline: Pipeline) -> None:
    events = _located(pipeline, "U.S. negotiators met Iranian officials in Geneva on Tuesday.")
    assert {(e.location.country, e.location.name) for e in events if e.location} == {
        ("CHE", "Geneva")
    }
