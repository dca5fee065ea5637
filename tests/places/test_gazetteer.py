from __future__ import annotations

import pytest

from eventwire.places import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_countries_by_iso_and_cameo_code(gazetteer: Gazetteer) -> None:
    afghanistan = gazetteer.country("AFG")
    assert afghanistan is not None and afghanistan.geonames_id == 1149361
    assert afghanistan.fips == "AF"
    kosovo = gazetteer.country("KSV")  # CAMEO spells Kosovo KSV, ISO XKX
    assert kosovo is not None and kosovo.country == "XKX"


def test_find_prefers_own_names_and_folds_accents(gazetteer: Gazetteer) -> None:
    text = "Troops left Kandahar for Washington and Britain."
    found = {text[h.start : h.end]: places for h, places in gazetteer.find(text)}
    assert {p.country for p in found["Kandahar"]} >= {"AFG"}
    assert all(p.name == "Washington" for p in found["Washington"])
    assert [p.country for p in found["Britain"]] == ["GBR"]


def test_lower_case_words_are_not_places(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("they will march to the mobile unit") == []


def test_divisions_outside_the_us_have_names_aliases_and_no_id(gazetteer: Gazetteer) -> None:
    text = "Fighting spread from Helmand Province and Anbar to West Darfur and Sindh."
    found = {text[h.start : h.end]: places for h, places in gazetteer.find(text)}
    assert {(p.kind, p.country) for p in found["Helmand"]} == {("adm1", "AFG")}
    assert [p.country for p in found["Anbar"] if p.kind == "adm1"] == ["IRQ"]
    (darfur,) = found["West Darfur"]  # GeoNames spells it "Western Darfur"
    assert (darfur.name, darfur.country, darfur.geonames_id) == ("Western Darfur", "SDN", None)
    (sindh,) = found["Sindh"]
    assert sindh.population > 1_000_000 and sindh.lat is not None


def test_compass_and_english_word_divisions_are_left_out(gazetteer: Gazetteer) -> None:
    text = "Rebels moved from the North and Central regions to Bay of Bengal."
    assert all(p.kind != "adm1" for _, places in gazetteer.find(text) for p in places)
