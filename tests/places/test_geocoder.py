"""The geocoder on hand-written sentences and on the seed article, through the real pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc

from eventwire.pipeline import Pipeline
from eventwire.places import Gazetteer, Geocoder, Placement
from eventwire.records import CodedDocument


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(Gazetteer.load())


def _code(pipeline: Pipeline, text: str) -> tuple[CodedDocument, Doc]:
    coded = pipeline.code_text(text, date=dt.date(2017, 12, 23))
    return coded, pipeline.backend.nlp(coded.document.text)


def _placements(pipeline: Pipeline, geocoder: Geocoder, text: str) -> list[Placement]:
    coded, doc = _code(pipeline, text)
    assert coded.events, "the sentence must code an event"
    return list(geocoder.place_events(doc, coded.document, coded.events, coded.mentions))


def test_place_attached_to_the_trigger_wins(pipeline: Pipeline, geocoder: Geocoder) -> None:
    (placement,) = _placements(
        pipeline, geocoder, "Gunmen attacked a police post near Samarra on Monday."
    )
    assert placement.location.country == "IRQ"
    assert placement.location.precision == "city"
    assert placement.resolved_by == "text"
    assert placement.fips == "IZ"


def test_province_context_gives_adm1(pipeline: Pipeline, geocoder: Geocoder) -> None:
    placements = _placements(
        pipeline, geocoder, "Taliban fighters attacked government troops in Kandahar province."
    )
    assert [(p.location.country, p.location.precision) for p in placements] == [("AFG", "adm1")]


def test_city_comma_state_picks_the_state(pipeline: Pipeline, geocoder: Geocoder) -> None:
    coded, doc = _code(pipeline, "Police arrested 12 protesters in Portland, Oregon, on Friday.")
    places = geocoder.places(doc, coded.document, coded.mentions)
    portland = next(p for p in places if p.text == "Portland")
    assert (portland.place.country, portland.place.adm1) == ("USA", "OR")


def test_capital_metonym_is_an_actor_not_a_place(pipeline: Pipeline, geocoder: Geocoder) -> None:
    coded, doc = _code(pipeline, "Washington said it would impose sanctions on Moscow.")
    assert geocoder.places(doc, coded.document, coded.mentions) == ()
    located = geocoder.locate(doc, coded.document, coded.events, coded.mentions)
    assert all(e.location is None or e.location.country != "USA" for e in located)


def test_without_a_place_the_target_country_is_used(pipeline: Pipeline, geocoder: Geocoder) -> None:
    placements = _placements(pipeline, geocoder, "Iraqi officials criticised Iran on Sunday.")
    assert [(p.location.country, p.resolved_by) for p in placements] == [("IRN", "target_country")]


def test_seed_deployment_and_invasion_in_afghanistan(
    pipeline: Pipeline, geocoder: Geocoder, seed_text: str
) -> None:
    coded, doc = _code(pipeline, seed_text)
    located = geocoder.locate(doc, coded.document, coded.events, coded.mentions)
    for root in ("15", "19"):
        events = [e for e in located if e.type.root == root]
        assert events, f"the seed has a {root}x event"
        for event in events:
            assert event.location is not None
            assert (event.location.country, event.location.geonames_id) == ("AFG", 1149361)
            assert event.location.precision == "country"
    washington = coded.document.text.index("as Washington struggles") + 3
    for event in located:
        if event.source.span.start == washington:
            assert event.location is not None and event.location.country != "USA"


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("Taliban fighters attacked a police checkpoint in Helmand province.", "AFG", "Helmand"),
        ("Militants attacked an army convoy in Anbar on Tuesday.", "IRQ", "Anbar"),
        ("Police arrested dozens of protesters in Sindh on Friday.", "PAK", "Sindh"),
        ("Armed men attacked a displacement camp in West Darfur.", "SDN", "Western Darfur"),
    ],
)
def test_a_division_outside_the_us_places_the_event(
    pipeline: Pipeline, geocoder: Geocoder, text: str, country: str, name: str
) -> None:
    located = [p.location for p in _placements(pipeline, geocoder, text)]
    assert (country, name, "adm1", None) in {
        (loc.country, loc.name, loc.precision, loc.geonames_id) for loc in located
    }


def test_an_ambiguous_division_follows_the_document_focus(
    pipeline: Pipeline, geocoder: Geocoder
) -> None:
    text = "Indian police detained farmers in Punjab after a march from Delhi."
    coded, doc = _code(pipeline, text)
    punjab = next(
        p for p in geocoder.places(doc, coded.document, coded.mentions) if p.text == "Punjab"
    )
    assert (punjab.place.country, punjab.precision) == ("IND", "adm1")


def test_a_division_named_after_its_city_is_the_city(
    pipeline: Pipeline, geocoder: Geocoder
) -> None:
    (placement,) = _placements(pipeline, geocoder, "Rebels shelled a market in Kandahar on Monday.")
    assert (placement.location.country, placement.location.precision) == ("AFG", "city")
