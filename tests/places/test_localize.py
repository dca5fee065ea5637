"""Role actors with no country, placed where the sentence puts them (places/localize.py)."""

from __future__ import annotations

import datetime as dt

from eventwire.pipeline import Pipeline
from eventwire.records import Actor, Event


def _events(pipeline: Pipeline, text: str) -> tuple[str, tuple[Event, ...]]:
    coded = pipeline.code_text(text, date=dt.date(2017, 12, 23))
    return coded.document.text, coded.events


def _one(pipeline: Pipeline, text: str, cameo_root: str) -> tuple[str, Event]:
    body, events = _events(pipeline, text)
    found = [e for e in events if e.type.cameo.startswith(cameo_root)]
    assert found, [(e.type.cameo, e.source.code) for e in events]
    return body, found[0]


def _placed_at(actor: Actor, body: str, place: str) -> None:
    assert actor.resolved_span is not None
    assert actor.resolved_span.of(body) == place


def test_protesters_take_the_country_of_the_city_they_protest_in(pipeline: Pipeline) -> None:
    body, event = _one(
        pipeline,
        "Liberian riot police used tear gas to disperse demonstrators protesting "
        "election results in Monrovia.",
        "14",
    )
    assert (event.source.code, event.source.country) == ("LBROPP", "LBR")
    assert event.source.resolved_by == "place"
    _placed_at(event.source, body, "Monrovia")


def test_a_subjects_own_locative_phrase_places_it(pipeline: Pipeline) -> None:
    """Cizre is in the gazetteer but not the actor dictionary (which places
    "police in Kandahar" itself)."""
    body, event = _one(pipeline, "Police in Cizre arrested two men on Monday.", "17")
    assert (event.source.code, event.source.resolved_by) == ("TURCOP", "place")
    _placed_at(event.source, body, "Cizre")


def test_an_unattributed_attacker_is_placed_but_stays_unattributed(pipeline: Pipeline) -> None:
    body, event = _one(
        pipeline,
        "Three US servicemen were killed by an improvised explosive device outside "
        "of the Iraqi city of Basra.",
        "19",
    )
    assert (event.source.code, event.source.resolved_by) == ("IRQUAF", "unattributed")
    _placed_at(event.source, body, "Basra")


def test_ethnic_people_are_not_the_state_of_their_ethnicity(pipeline: Pipeline) -> None:
    _, event = _one(pipeline, "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "14")
    assert (event.source.code, event.source.country) == ("SRBCVL", "SRB")


def test_talks_abroad_do_not_place_the_people_who_travel(pipeline: Pipeline) -> None:
    """Meetings, visits and aid cross borders: the minister in Geneva is not Swiss."""
    _, events = _events(
        pipeline, "The defence minister held talks with rebel leaders on Monday in Geneva."
    )
    assert {e.type.cameo for e in events} == {"046"}
    assert {e.location.country for e in events if e.location} == {"CHE"}
    assert not [e for e in events if e.source.resolved_by == "place"]


def test_placing_never_makes_an_event_self_directed(pipeline: Pipeline) -> None:
    _, events = _events(
        pipeline, "Police arrested protesters in Kandahar and soldiers attacked villagers there."
    )
    assert events
    assert all(e.target is None or e.source.code != e.target.code for e in events)


def test_countries_named_in_the_text_are_kept(pipeline: Pipeline) -> None:
    """A placed actor must have had no country: French police in Kabul stay French."""
    _, event = _one(pipeline, "French police arrested two men in Kabul.", "17")
    assert event.source.code == "FRACOP"


def test_an_ethnic_adjective_does_not_give_a_role_its_state(pipeline: Pipeline) -> None:
    coded = pipeline.code_text("Ethnic Albanian guerrillas attacked a police station.")
    assert [m.actor.code for m in coded.mentions] == ["REB"]
    coded = pipeline.code_text("Albanian guerrillas attacked a police station.")
    assert [m.actor.code for m in coded.mentions] == ["ALBREB"]


def test_a_place_of_another_clause_places_nobody(pipeline: Pipeline) -> None:
    """ "told reporters in Iowa shortly after ... were killed": Iowa is where the
    telling happened, not the killing."""
    text = "The senator told reporters at an event in Iowa after Libyan soldiers were killed."
    _, events = _events(pipeline, text)
    attacks = [e for e in events if e.type.root == "19"]
    assert attacks and all(e.source.country != "USA" for e in attacks)


def test_a_place_in_a_clause_inside_the_trigger_places_nobody(pipeline: Pipeline) -> None:
    """The place of a relative clause in the trigger's subtree ("the rockets it
    fires at Israel") is not where the trigger happened."""
    text = (
        "There will be no peace unless Hamas is disarmed, or at least put in a "
        "position where it cannot replace the rockets it fires at Israel."
    )
    _, event = _one(pipeline, text, "19")
    assert event.source.country is None


def test_a_place_in_a_misparsed_participle_still_places_the_act(pipeline: Pipeline) -> None:
    text = "Four children were killed in tank shelling in the east of Kandahar, medics said."
    _, event = _one(pipeline, text, "19")
    assert event.source.country == "AFG"


def test_a_partitive_subject_is_placed_by_its_own_phrase(pipeline: Pipeline) -> None:
    text = "Tens of thousands of students throughout Indonesia staged mass demonstrations."
    body, event = _one(pipeline, text, "14")
    assert event.source.country == "IDN"
    _placed_at(event.source, body, "Indonesia")


def test_a_role_of_a_city_or_division_takes_its_country(pipeline: Pipeline) -> None:
    """ "the government of Sindh province": "of" a division places a role like "in"
    does; "of" a country stays the actor recogniser's ("the president of France")."""
    body, event = _one(
        pipeline, "The government of Sindh province has ordered patrols by police.", "15"
    )
    assert (event.source.code, event.source.country) == ("PAKGOV", "PAK")
    _placed_at(event.source, body, "Sindh")


def test_a_partitive_subject_is_placed_by_its_participle(pipeline: Pipeline) -> None:
    text = "One third of the guerrillas operating in Macedonia have been demobilized."
    body, event = _one(pipeline, text, "08")
    assert event.source.country == "MKD"
    _placed_at(event.source, body, "Macedonia")


def test_an_intent_to_yield_at_home_is_placed_like_the_yield(pipeline: Pipeline) -> None:
    text = "Leaders of the opposition coalition agreed to postpone the demonstration in Baku."
    body, event = _one(pipeline, text, "03")
    assert event.source.country == "AZE"
    _placed_at(event.source, body, "Baku")


def test_dissent_against_a_government_is_dissent_at_home(pipeline: Pipeline) -> None:
    text = (
        "The main rebel group insisted on its demands that Burundi's government grant more rights."
    )
    _, event = _one(pipeline, text, "10")
    assert (event.source.code, event.source.resolved_by) == ("BDIREB", "opponent")
    _, events = _events(pipeline, "Rebels attacked Saudi government forces.")
    assert all(e.source.country is None for e in events)


def test_forces_an_orderer_sends_share_the_place_that_placed_it(pipeline: Pipeline) -> None:
    text = "The government of Sindh province has ordered patrols by police and soldiers."
    _, events = _events(pipeline, text)
    patrols = {e.source.code for e in events if e.type.root == "15"}
    assert patrols and patrols <= {"PAKCOP", "PAKMIL"}


def test_dissent_placed_abroad_is_not_dissent_at_home(pipeline: Pipeline) -> None:
    text = (
        "Protesters gathered in central London to voice their opposition to President "
        "Trump's visit."
    )
    _, events = _events(pipeline, text)
    assert events and all(e.source.country != "USA" for e in events)


def test_roles_take_the_country_of_a_story_it_dominates(pipeline: Pipeline) -> None:
    text = (
        "BELGRADE, Serbia (AP) - Thousands of people protested in Belgrade on Sunday. "
        "Police arrested 12 protesters near the parliament."
    )
    _, event = _one(pipeline, text, "17")
    assert (event.source.code, event.source.resolved_by) == ("SRBCOP", "story_country")
    assert event.source.resolved_span is None


def test_a_story_country_does_not_place_roles_beside_another_country(
    pipeline: Pipeline,
) -> None:
    text = (
        "BELGRADE, Serbia (AP) - Thousands of people protested in Belgrade on Sunday. "
        "Police arrested 12 protesters from Kosovo."
    )
    _, event = _one(pipeline, text, "17")
    assert event.source.country is None
