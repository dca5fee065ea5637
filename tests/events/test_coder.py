"""The coder on small hand-written articles, through the real pipeline."""

from __future__ import annotations

import datetime as dt

from eventwire.pipeline import Pipeline
from eventwire.records import Event

DAY = dt.date(2024, 3, 15)


def triples(pipeline: Pipeline, text: str) -> set[tuple[str, str | None, str]]:
    coded = pipeline.code_text(text, date=DAY)
    return {(e.source.code, e.target.code if e.target else None, e.type.root) for e in coded.events}


def events(pipeline: Pipeline, text: str) -> list[Event]:
    return list(pipeline.code_text(text, date=DAY).events)


def test_a_plain_attack(pipeline: Pipeline) -> None:
    assert ("USA", "RUS", "19") in triples(pipeline, "The United States fired missiles at Russia.")


def test_a_sentence_without_an_event_codes_nothing(pipeline: Pipeline) -> None:
    assert events(pipeline, "The weather in Paris was mild on Tuesday.") == []


def test_saying_is_not_a_statement_event(pipeline: Pipeline) -> None:
    found = events(pipeline, "The French president said the weather was mild.")
    assert all(e.type.cameo != "010" for e in found)


def test_passive_with_agent_and_without(pipeline: Pipeline) -> None:
    assert ("RUS", "UKR", "19") in triples(pipeline, "Ukraine was attacked by Russia.")
    unattributed = events(pipeline, "Ukraine was attacked on Monday.")
    assert [e.source.resolved_by for e in unattributed] == ["unattributed"]
    assert events(pipeline, "Ukraine was criticised on Monday.") == []


def test_meetings_code_both_ways(pipeline: Pipeline) -> None:
    found = triples(pipeline, "The Kenyan president met the Ethiopian prime minister in Nairobi.")
    assert {("KENGOV", "ETHGOV", "04"), ("ETHGOV", "KENGOV", "04")} <= found


def test_intent_and_refusal(pipeline: Pipeline) -> None:
    intent = events(pipeline, "Russia is ready to cooperate with China.")
    assert [(e.type.root, e.modality) for e in intent] == [("03", "intended")]
    refusal = events(pipeline, "Iran refused to meet the American envoy.")
    assert any(e.type.root == "12" and e.modality == "negated" for e in refusal)
    assert events(pipeline, "Iran did not attack Iraq.") == []


def test_reported_speech_keeps_the_speaker(pipeline: Pipeline) -> None:
    found = events(pipeline, "The Turkish foreign minister said Syria had attacked Iraq.")
    attack = next(e for e in found if e.type.root == "19")
    assert (attack.source.code, attack.target and attack.target.code) == ("SYR", "IRQ")
    assert attack.reported_by is not None and attack.reported_by.country == "TUR"


def test_event_noun_takes_its_source_from_the_possessor(pipeline: Pipeline) -> None:
    found = triples(pipeline, "Washington condemned Russia's invasion of Ukraine.")
    assert ("USAGOV", "RUS", "11") in found


def test_quantity_subject_reaches_the_actor(pipeline: Pipeline) -> None:
    found = triples(pipeline, "Hundreds of Israeli troops withdrew from Gaza on Monday.")
    assert any(s.startswith("ISR") and r == "08" for s, _, r in found)


def test_a_theme_noun_is_not_coded_twice(pipeline: Pipeline) -> None:
    found = triples(pipeline, "Ukrainian lawmakers endorsed an agreement with the European Union.")
    assert len({r for _, _, r in found}) == 1


def test_an_event_noun_with_its_own_source_stays(pipeline: Pipeline) -> None:
    found = triples(pipeline, "Washington condemned Russia's invasion of Ukraine.")
    assert ("RUS", "UKR", "19") in found


def test_violence_without_a_named_perpetrator(pipeline: Pipeline) -> None:
    found = events(pipeline, "Three Kenyan soldiers were killed by a roadside bomb in Somalia.")
    attack = next(e for e in found if e.type.root in {"18", "19"})
    assert attack.source.code == "SOMUAF" and attack.source.resolved_by == "unattributed"
    assert attack.target is not None and attack.target.code == "KENMIL"
    assert pipeline.code_text("Three Kenyan soldiers were killed by a roadside bomb.").events


def test_the_owner_of_the_means_is_the_attacker(pipeline: Pipeline) -> None:
    """ "killed by Russian shelling near Bakhmut": Russia attacked; Bakhmut places
    the victims, not the attacker."""
    found = events(pipeline, "Two soldiers were killed by Russian shelling near Bakhmut.")
    assert [(e.source.code, e.target and e.target.code) for e in found] == [("RUS", "UKRMIL")]
    found = events(pipeline, "Four children were killed in Israeli tank shelling in Gaza.")
    assert {e.source.code for e in found} == {"ISR"}
    found = events(pipeline, "Two soldiers were killed by Taliban fighters near Kandahar.")
    assert {e.source.code for e in found} == {"AFGREB"}


def test_the_possessor_of_an_expulsion_or_an_arrest_suffered_it(pipeline: Pipeline) -> None:
    """ "Ukraine's expulsion by Russia": Russia expelled Ukraine, not the reverse;
    with an "of" phrase the possessor acts ("Russia's expulsion of ...")."""
    found = triples(pipeline, "Germany condemned Ukraine's expulsion by Russia.")
    assert ("RUS", "UKR", "17") in found and ("UKR", None, "17") not in found
    found = triples(pipeline, "Russia's expulsion of British diplomats angered London.")
    assert ("RUS", "GBRGOV", "17") in found


def test_breaking_the_law_is_not_violence(pipeline: Pipeline) -> None:
    text = "Officials said the Russian migrants had broken American law twice."
    assert not [e for e in events(pipeline, text) if e.type.root == "19"]
    text = "The video showed a single police officer surrounded by protesters."
    assert not [e for e in events(pipeline, text) if e.type.root == "19"]


def test_joint_offers_go_outward_not_to_each_other(pipeline: Pipeline) -> None:
    found = triples(pipeline, "The U.S., Colombia and Venezuela had offered assistance.")
    assert found and all(target is None for _, target, _ in found)
    found = triples(pipeline, "Brazil and the United States agreed to deepen ties.")
    assert {("BRA", "USA"), ("USA", "BRA")} <= {(s, t) for s, t, _ in found}


def test_the_venue_of_a_meeting_is_not_a_party(pipeline: Pipeline) -> None:
    found = triples(pipeline, "The French president held a summit in Canada on Monday.")
    assert ("FRAGOV", "CAN", "04") not in found
    found = triples(pipeline, "The German president criticized Iran following a summit in Canada.")
    assert ("DEUGOV", "IRN", "11") in found and ("DEUGOV", "CAN", "11") not in found


def test_who_survives_or_follows_an_attack_did_not_make_it(pipeline: Pipeline) -> None:
    assert not events(pipeline, "A Spanish student survived the attack with leg injuries.")
    text = "Hours after the attack, the French president spoke to Germany's chancellor."
    assert not [e for e in events(pipeline, text) if e.type.root == "19"]
    assert ("RUS", "UKR", "19") in triples(pipeline, "Russia launched an attack on Ukraine.")


def test_accidents_have_no_attacker(pipeline: Pipeline) -> None:
    text = "Seven US sailors were killed when the destroyer collided with a ship off Japan."
    assert not events(pipeline, text)


def test_an_order_needs_someone_ordered(pipeline: Pipeline) -> None:
    assert not events(pipeline, "The US president ordered the same meal at the hotel.")
    found = triples(pipeline, "China's aviation authority ordered Chinese airlines to ground jets.")
    assert ("CHNGOV", "CHNBUS", "10") in found


def test_an_event_noun_naming_a_thing_is_no_event(pipeline: Pipeline) -> None:
    text = "The migrant lost 26 pounds in a US immigrant detention center in Texas."
    assert not [e for e in events(pipeline, text) if e.type.root == "17"]
    found = triples(pipeline, "US drone strikes killed three Taliban fighters.")
    assert found and all(source == "USA" for source, _, _ in found)


def test_a_threat_one_is_under_is_a_danger_not_an_act(pipeline: Pipeline) -> None:
    text = "Israel is under threat from Iran."
    assert not [e for e in events(pipeline, text) if e.type.root == "13"]
    found = triples(pipeline, "The US president issued a threat against Iran.")
    assert ("USAGOV", "IRN", "13") in found


def test_a_meeting_needs_someone_met(pipeline: Pipeline) -> None:
    assert not events(pipeline, "In the meeting, the US president said the plan was bad.")
    found = triples(pipeline, "The US president held a meeting with the Chinese premier.")
    assert ("USAGOV", "CHNGOV", "04") in found


def test_conjoined_passives_share_their_agent(pipeline: Pipeline) -> None:
    text = "The American general was shot and killed by an Afghan soldier on Monday."
    assert ("AFGMIL", "USAMIL", "19") in triples(pipeline, text)


def test_only_a_weapon_subject_leaves_the_attacker_unnamed(pipeline: Pipeline) -> None:
    """A subject the recogniser cannot name is not a weapon: no unidentified attacker."""
    text = "A coalition of rebel groups attacked government troops."
    assert not [e for e in events(pipeline, text) if e.source.code.endswith("UAF")]


def test_a_led_force_belongs_to_its_leader(pipeline: Pipeline) -> None:
    coded = pipeline.code_text("Vietnamese-led forces shelled the border camps.")
    assert "VNMMIL" in {m.actor.code for m in coded.mentions}
    coded = pipeline.code_text("Russian-backed separatists attacked Ukrainian troops.")
    assert "RUSREB" not in {m.actor.code for m in coded.mentions}


def test_figurative_damage_and_engagement_are_not_violence(pipeline: Pipeline) -> None:
    for text in (
        "The US president is engaged in a pattern of retaliation against Congress.",
        "The French government's leadership is damaged, the opposition said.",
        "Iran stockpiled uranium in violation of the 2015 nuclear deal with the US.",
    ):
        assert not [e for e in events(pipeline, text) if e.type.root in {"18", "19"}], text


def test_who_reports_an_attack_did_not_make_it(pipeline: Pipeline) -> None:
    found = triples(pipeline, "Reuters reported the Taliban's attack on Kabul on Monday.")
    assert ("AFGREB", "AFGGOV", "19") in found and all(s != "MED" for s, _, _ in found)
    text = "The US prosecutor characterized the attack as designed to intimidate civilians."
    assert not [e for e in events(pipeline, text) if e.type.root == "19"]


def test_only_harm_done_has_an_unidentified_doer(pipeline: Pipeline) -> None:
    assert not events(
        pipeline, "Those who think Islamic State militants have been defeated are wrong."
    )


def test_a_press_release_is_not_a_release(pipeline: Pipeline) -> None:
    text = "The Austrian government issued a press release on the deal with Hungary."
    assert not [e for e in events(pipeline, text) if e.type.root == "08"]


def test_modifiers_decide_what_a_strike_is(pipeline: Pipeline) -> None:
    general = events(pipeline, "Opposition parties in Nepal organised a general strike.")
    assert [e.type.cameo for e in general] == ["143"]
    assert all(e.type.root != "19" for e in general)
    assert events(pipeline, "The Nigerian president gave a press conference.") == []


def test_a_weapon_as_subject_leaves_the_attacker_unnamed(pipeline: Pipeline) -> None:
    found = events(pipeline, "A car bomb killed two Iraqi policemen in Basra.")
    assert [(e.source.code, e.target and e.target.country) for e in found] == [("IRQUAF", "IRQ")]


def test_announced_conflict_is_a_threat(pipeline: Pipeline) -> None:
    found = events(pipeline, "Iraq said it will attack Kuwait.")
    assert [(e.type.root, e.modality) for e in found] == [("13", "intended")]


def test_receiving_from_someone_is_their_act(pipeline: Pipeline) -> None:
    found = triples(pipeline, "Kurdish fighters received weapons from the German government.")
    assert any(s == "DEUGOV" and r == "07" for s, _, r in found), found


def test_a_mentioned_treaty_is_background_but_signing_it_is_an_event(pipeline: Pipeline) -> None:
    mentioned = events(pipeline, "Iran criticised the nuclear deal in a long speech.")
    assert all(e.type.cameo != "057" for e in mentioned)
    signed = triples(pipeline, "Russia signed a trade agreement with China on Monday.")
    assert any(r == "05" for _, _, r in signed)


def test_asking_someone_to_act_is_an_appeal(pipeline: Pipeline) -> None:
    found = triples(pipeline, "Kenya asked Somalia to negotiate with the rebels.")
    assert ("KEN", "SOM", "02") in found
    assert events(pipeline, "The Kenyan president was asked by a reporter about the weather.") == []


def test_a_proceeding_named_after_a_country_is_about_it(pipeline: Pipeline) -> None:
    found = events(pipeline, "The Senate opened the Russia investigation on Monday.")
    assert all(e.source.country != "RUS" for e in found)


def test_a_misread_reduced_relative_is_acted_on(pipeline: Pipeline) -> None:
    # spaCy reads "jailed" as the main verb and "were released" as its conjunct
    text = (
        "The journalists jailed for insulting Cairo were released yesterday"
        " by the Egyptian government."
    )
    assert triples(pipeline, text) == {("EGYGOV", "MED", "08")}


def test_where_the_topic_happened_is_the_target_when_nobody_is_named(pipeline: Pipeline) -> None:
    found = triples(pipeline, "The Nigerian president condemned the bombing in Chad.")
    assert ("NGAGOV", "TCD", "11") in found
    named = triples(pipeline, "Japan condemned the Chinese attack in Vietnam.")
    assert all(t != "VNM" for _, t, r in named if r == "11")


def test_a_modifier_keeps_what_the_object_adds(pipeline: Pipeline) -> None:
    coded = events(pipeline, "Thousands of Kenyan students began a hunger strike for democracy.")
    assert [e.type.cameo for e in coded] == ["1424"]  # hunger strike (142) for regime change


def test_no_event_has_one_actor_on_both_sides(pipeline: Pipeline) -> None:
    text = (
        "The Kenyan president asked the Kenyan foreign minister to resign. "
        "Kenyan police arrested Kenyan protesters."
    )
    found = triples(pipeline, text)
    assert found and all(source != target for source, target, _ in found)
    assert ("KENCOP", "KENOPP", "17") in found  # internal events keep their sectors


def test_allowing_an_actor_is_yielding_to_it(pipeline: Pipeline) -> None:
    found = triples(pipeline, "The Kenyan government allowed the Somali refugees to stay.")
    assert ("KENGOV", "SOMREF", "08") in found
    assert triples(pipeline, "The new rules allow companies to export more.") == set()


def test_organisations_are_targets_in_their_own_right(pipeline: Pipeline) -> None:
    assert ("SDN", "NGO", "16") in triples(pipeline, "Sudan expelled aid agencies from Darfur.")


def test_refusing_something_uncodable_is_a_rejection_of_someone(pipeline: Pipeline) -> None:
    text = "The Somali president refused to respond to a demand from the Kenyan government."
    assert ("SOMGOV", "KENGOV", "12") in triples(pipeline, text)
    assert events(pipeline, "The Somali president refused to comment.") == []


def test_the_topic_place_may_sit_deeper_or_in_a_modifier(pipeline: Pipeline) -> None:
    text = "Nigeria condemned the bombing targeting shoppers at a market in Chad's capital."
    assert ("NGA", "TCD", "11") in triples(pipeline, text)


def test_a_split_subject_prefers_the_named_actor(pipeline: Pipeline) -> None:
    text = "The Somali militant group al-Shabab claimed responsibility for the bombing."
    assert {s for s, _, _ in triples(pipeline, text)} == {"SOMREB"}


def test_a_country_adjective_on_a_people_name_and_accepting_terms(pipeline: Pipeline) -> None:
    assert ("IRQ", "DEU", "02") in triples(
        pipeline, "Thousands of Iraqi Kurds sought refuge in Germany."
    )
    assert ("KEN", None, "03") in triples(pipeline, "Kenya accepted the compromise on Monday.")


def test_withdrawing_from_a_country_targets_it(pipeline: Pipeline) -> None:
    assert ("USAMIL", "IRQ", "08") in triples(pipeline, "US troops withdrew from Iraq in 2011.")


def test_the_subject_of_guilty_of_or_responsible_for_is_the_agent(pipeline: Pipeline) -> None:
    text = "The Philippine military is guilty of violating the ceasefire agreement."
    assert ("PHLMIL", None, "19") in triples(pipeline, text)
    assert ("RUS", None, "19") in triples(pipeline, "Russia is responsible for shelling the city.")


def test_forcing_someone_out_is_an_expulsion(pipeline: Pipeline) -> None:
    found = events(pipeline, "Jakarta forced the UN refugee agency out of the country.")
    assert [(e.source.code, e.type.cameo) for e in found] == [("IDNGOV", "174")]
    found = events(pipeline, "The Israeli army forced out 1,000 Palestinian refugees.")
    assert [(e.source.code, e.type.cameo) for e in found] == [("ISRMIL", "174")]


def test_the_place_of_an_attack_never_outranks_the_one_attacked(pipeline: Pipeline) -> None:
    """ "at police in Cairo": the police are hit; Cairo only says where (and whose)."""
    found = events(pipeline, "Protesters hurled rocks at police in Cairo.")
    assert [(e.source.code, e.target.code if e.target else None) for e in found] == [
        ("EGYOPP", "EGYCOP")
    ]


def test_a_clause_subject_is_not_the_agent_of_what_it_undergoes_or_talks_about(
    pipeline: Pipeline,
) -> None:
    assert events(pipeline, "Officials said the Iraqi president was under investigation.") == []
    assert events(pipeline, "The Chinese government benefited from the seizure.") == []
    assert events(pipeline, "Obama ignored the protest.") == []
    assert events(pipeline, "Comey briefed Trump on the dossier's allegations.") == []


def test_an_act_drawn_from_others_comes_from_them(pipeline: Pipeline) -> None:
    text = "Russia ordered new exercises on its border, drawing condemnation from Kiev."
    assert ("UKR", "RUS", "11") in triples(pipeline, text)
    text = "North Korea has yet to receive an official proposal from the US."
    assert ("USA", "PRK", "03") in triples(pipeline, text)


def test_a_threat_someone_is_said_to_be_is_no_threat_made(pipeline: Pipeline) -> None:
    assert events(pipeline, "Iran is a threat to the region.") == []
    assert ("IRN", "ISR", "13") in triples(pipeline, "Iran issued a threat against Israel.")


def test_dying_in_an_attack_makes_the_dead_its_victims(pipeline: Pipeline) -> None:
    found = events(pipeline, "Ten Afghan civilians died in an airstrike in Kunduz.")
    assert [(e.source.code, e.target.code if e.target else None) for e in found] == [
        ("AFGUAF", "AFGCVL")
    ]
    assert events(pipeline, "Three people died in the crash.") == []


def test_the_keeper_of_a_custody_answers_for_harm_done_in_it(pipeline: Pipeline) -> None:
    text = "A Palestinian prisoner died of torture in Israeli police custody."
    assert ("ISRCOP", "PSEOPP", "18") in triples(pipeline, text)


def test_figurative_fights_and_shoot_downs(pipeline: Pipeline) -> None:
    assert events(pipeline, "Senators battled over the decision on Capitol Hill.") == []
    assert events(pipeline, "The Secretary of State angrily shot down a reporter.") == []
    assert events(pipeline, "Russia was already annoyed.") == []


def test_those_sent_or_paid_to_act_are_its_agents(pipeline: Pipeline) -> None:
    text = "Russians were paying bounties to the Taliban to kill American soldiers."
    assert {(s, t) for s, t, r in triples(pipeline, text) if r == "19"} == {("AFGREB", "USAMIL")}
    text = "Iran sent troops to fight the rebels."
    assert ("IRNMIL", "REB", "19") in triples(pipeline, text)
    # a purpose of the sender's own, not of what was sent
    text = "The United Nations sent 21 personnel to Bosnia to investigate the massacre."
    assert {s for s, _, r in triples(pipeline, text) if r == "09"} == {"IGOUNO"}


def test_hearing_a_demand_is_not_making_it(pipeline: Pipeline) -> None:
    text = "The Argentine president said he had heard the demands of women."
    assert all(r != "10" for _, _, r in triples(pipeline, text))


def test_a_city_on_an_attack_or_meeting_says_where_not_who(pipeline: Pipeline) -> None:
    """ "a Kabul car bombing" happened in Kabul; "US strikes" and "Russia attacks" are
    by the US and Russia."""
    assert triples(pipeline, "A Kabul car bombing killed ten people.") == {("AFGUAF", "PPL", "19")}
    assert events(pipeline, "The SDF suffered heavy losses in the Raqqa battle.") == []
    assert ("USA", "UAF", "19") in triples(pipeline, "US strikes killed ten fighters.")
    assert ("RUS", "UKR", "19") in triples(pipeline, "Russia attacks on Ukraine continued.")


def test_the_one_accused_or_complained_of_is_the_complement_subject(pipeline: Pipeline) -> None:
    text = (
        "A human rights group complained that Croatian authorities were failing to uphold "
        "the rights of refugees."
    )
    assert ("HRI", "HRVGOV", "11") in triples(pipeline, text)
    text = "The opposition alleged that the Kenyan government rigged the election."
    assert ("KENOPP", "KENGOV", "11") in triples(pipeline, text)  # dissent at home


def test_passives_of_withdrawal_and_conjuncts_of_passives(pipeline: Pipeline) -> None:
    """Forces "withdrawn" or "demobilized" without an agent are the ones pulling
    back; an active verb conjoined to a passive shares its subject, not its agent."""
    assert ("RUSMIL", "SYR", "08") in triples(pipeline, "Russian troops were withdrawn from Syria.")
    text = "Montenegro's prime minister has been indicted by a UN court and will resign."
    assert {s for s, _, r in triples(pipeline, text) if r == "03"} == {"MNEGOV"}


def test_pressure_is_a_demand_and_what_it_presses_for_is_not_done(pipeline: Pipeline) -> None:
    assert triples(pipeline, "The US put pressure on Iran to release the sailors.") == {
        ("USA", "IRN", "10")
    }
    text = "Iranian authorities have been pressuring striking workers to return to work."
    assert ("IRNGOV", "10") in {(s, r) for s, _, r in triples(pipeline, text)}
    assert triples(pipeline, "Rising costs put pressure on prices.") == set()


def test_forces_named_on_an_ordered_act_are_the_orderers(pipeline: Pipeline) -> None:
    text = "The Pakistani government has ordered patrols by police and soldiers in Karachi."
    assert ("PAKCOP", None, "15") in triples(pipeline, text)


def test_warnings_about_others_and_characterisations_are_no_events(pipeline: Pipeline) -> None:
    text = "The Environmental Protection Agency has warned that floodwater can contain bacteria."
    assert events(pipeline, text) == []
    text = "Iran warned the United States against attacking its ships."
    assert ("IRN", "USA", "13") in triples(pipeline, text)
    text = "The filing by the government is a politically motivated exercise in futility."
    assert events(pipeline, text) == []
    text = "Russian media have reacted with anger to the mass expulsion of diplomats from the US."
    assert all(s == "RUSMED" for s, _, _ in triples(pipeline, text))
    assert events(pipeline, "Mr Trump said the construction should go ahead.") == []


def test_a_general_secretary_is_no_general(pipeline: Pipeline) -> None:
    text = "President Ronald Reagan and General Secretary Mikhail Gorbachev inked the deal."
    assert ("RUSGOV", "05") in {(s, r) for s, _, r in triples(pipeline, text)}


def test_an_attack_on_an_idea_is_criticism(pipeline: Pipeline) -> None:
    assert ("RUS", None, "11") in triples(pipeline, "Russia attacked the agreement.")
    text = "Israel launched an attack on Hamas positions."
    assert ("ISR", "PSEREBHMS", "19") in triples(pipeline, text)


def test_companies_do_not_mobilise_when_they_deploy_software(pipeline: Pipeline) -> None:
    text = "Red Hat said users cannot deploy CentOS Stream in their environment."
    assert events(pipeline, text) == []


def test_help_enlisted_from_someone_is_theirs_and_threats_despite_are_not(
    pipeline: Pipeline,
) -> None:
    text = "Trump prepared for two hours, enlisting help from Chris Christie."
    assert all(s != "USAGOV" or r != "07" for s, _, r in triples(pipeline, text))
    text = "The director praised a journalist doing his job despite threats and intimidation."
    assert all(r != "13" for _, _, r in triples(pipeline, text))
    assert events(pipeline, "The software ships as a rolling release.") == []


def test_a_dateline_read_as_a_subject_does_not_hide_the_victims(pipeline: Pipeline) -> None:
    text = (
        "GAZA CITY, Palestinian Territories: Four children were killed in Israeli tank "
        "shelling in the east of the Gaza Strip on Friday evening, medics said."
    )
    assert ("ISR", "PSECVL", "19") in triples(pipeline, text)


def test_what_someone_is_thanked_for_is_carried_by_the_thanks(pipeline: Pipeline) -> None:
    text = "The government expressed appreciation for China's assistance."
    assert triples(pipeline, text) == {("GOV", "CHN", "01")}


def test_a_subject_the_parser_hung_on_an_opening_phrase_is_found(pipeline: Pipeline) -> None:
    text = (
        "With the signing of a Memorandum of Understanding (MOU) on Cessation of "
        "Hostilities, the Sudanese government and SPLM/A have agreed to allow unimpeded "
        "humanitarian access to all areas and for people in need."
    )
    assert {s for s, _, _ in triples(pipeline, text)} == {"SDNGOV", "SDNREB"}


def test_allowing_deliveries_and_enhancing_freedoms_are_concessions(pipeline: Pipeline) -> None:
    text = "Uzbekistan opened the bridge to allow the delivery of grain to Afghanistan."
    assert ("UZB", "AFG", "08") in triples(pipeline, text)
    text = "The Sudanese president has taken steps to enhance political freedoms."
    assert ("SDNGOV", None, "08") in triples(pipeline, text)


def test_defying_a_ban_and_monitoring_work(pipeline: Pipeline) -> None:
    text = "A newspaper in Beirut has violated a ban by General Michel Aoun."
    assert ("12", "LBNMIL") in {(r, t) for _, t, r in triples(pipeline, text)}
    text = "The IAEA has dispatched inspectors to Iran to monitor the resumption of work."
    assert ("IGOUNOIAE", "09") in {(s, r) for s, _, r in triples(pipeline, text)}


def test_an_order_of_an_act_and_acts_in_a_clause_setting(pipeline: Pipeline) -> None:
    found = events(pipeline, "The crown prince ordered the journalist's killing.")
    assert all(e.type.root != "10" for e in found)
    text = "The Saudi crown prince ordered the arrest of the activists."
    assert ("SAUGOV", "OPP", "17") in triples(pipeline, text)
    text = "A woman was severely injured by police in an earlier protest."
    assert all(r != "14" for _, _, r in triples(pipeline, text))
    text = "The Iraqi prime minister spoke out against the attack."
    assert all(r != "19" for _, _, r in triples(pipeline, text))
    text = "Pierce emphasized big tech censorship as a problem."
    assert events(pipeline, text) == []


def test_a_politicians_attack_on_the_media_or_a_rival_is_criticism(pipeline: Pipeline) -> None:
    assert ("MED", "11") in {(t, r) for _, t, r in triples(pipeline, "Trump attacked the media.")}
    assert ("RUSGOV", "UKR", "19") in triples(pipeline, "Putin attacked Ukraine.")
    text = "The Syrian government attacked the rebels."
    assert ("SYRGOV", "REB", "19") in triples(pipeline, text)


def test_recognising_a_rivals_victory_is_a_concession_by_the_lawmaker(pipeline: Pipeline) -> None:
    text = (
        "The Serbian parliament approved a law recognizing victories by Zoran Djindjic's "
        "opposition coalition in municipal elections."
    )
    assert ("SRBLEG", "08") in {(s, r) for s, _, r in triples(pipeline, text)}
    assert ("GOV", None, "08") in triples(pipeline, "The president conceded defeat.")


def test_an_arrest_or_investigation_without_agent_is_by_the_state_where_it_happened(
    pipeline: Pipeline,
) -> None:
    found = events(pipeline, "Two Britons were arrested in Paris on Monday.")
    assert [(e.source.code, e.source.resolved_by, e.type.root) for e in found] == [
        ("FRACOP", "place", "17")
    ]
    text = "A US national has been put under investigation in Italy."
    assert ("ITAGOV", "09") in {(s, r) for s, _, r in triples(pipeline, text)}
    assert events(pipeline, "Three activists were arrested on Monday.") == []


def test_a_stative_passive_passes_its_subject_to_the_act_it_governs(pipeline: Pipeline) -> None:
    assert ("VNM", "03") in {
        (s, r) for s, _, r in triples(pipeline, "Vietnam is committed to opening up the economy.")
    }
    found = events(pipeline, "Iran was accused of attacking the tanker.")
    assert [(e.source.code, e.modality) for e in found] == [("IRN", "alleged")]
    assert events(pipeline, "Russia was prevented from attacking Ukraine.") == []


def test_struggles_against_ideas_and_companies_named_general(pipeline: Pipeline) -> None:
    text = "Only a man like Donald Trump was tough enough to fight the creeping authoritarianism."
    assert events(pipeline, text) == []
    text = "The Nigerian army is fighting Boko Haram."
    assert ("NGAMIL", "NGAREB", "19") in triples(pipeline, text)
    assert ("MNCUSA", "03") in {
        (s, r) for s, _, r in triples(pipeline, "General Motors pledged support.")
    }
    assert events(pipeline, "Foreign students came to study in the US.") == []


def test_backing_a_third_thing_is_not_backing_each_other(pipeline: Pipeline) -> None:
    text = "Jordan, Bahrain and Qatar had supported the strikes."
    assert {t for _, t, _ in triples(pipeline, text)} == {None}
    text = "Brazil and the United States agreed to deepen ties."
    assert ("BRA", "USA", "03") in triples(pipeline, text)


def test_pleas_rules_and_dangers_are_no_events(pipeline: Pipeline) -> None:
    assert events(pipeline, "Michael Flynn pleaded guilty to lying to investigators.") == []
    assert events(pipeline, "North Korea represents a far greater threat.") == []
    assert events(pipeline, "Italy's civil protection agency reported the toll.") == []


def test_a_promise_to_no_one_of_nothing_is_no_event(pipeline: Pipeline) -> None:
    assert events(pipeline, "Mr Trump likes to keep campaign promises made to his base.") == []
    text = "Russia's promise to withdraw its troops was welcomed."
    assert ("RUS", "03") in {(s, r) for s, _, r in triples(pipeline, text)}


def test_attacks_by_politicians_are_words_and_clauses_after_prepositions(
    pipeline: Pipeline,
) -> None:
    text = "The spat comes after Barr has endured withering attacks from congressional Democrats."
    assert ("USAPTY", "11") in {(s, r) for s, _, r in triples(pipeline, text)}
    text = "Israeli attacks on Hamas positions continued."
    assert ("ISR", "PSEREBHMS", "19") in triples(pipeline, text)
    text = (
        "His comments come after North Korea's foreign minister earlier this week accused "
        "the U.S. of declaring war."
    )
    assert ("PRKGOV", "USA", "11") in triples(pipeline, text)


def test_an_event_held_inside_another_noun_is_not_the_subjects(pipeline: Pipeline) -> None:
    text = "The senator tweeted support for the protests against the shutdown."
    assert all(r != "14" for _, _, r in triples(pipeline, text))
    text = "The minister called the stabbing an act of inexplicable barbarity."
    assert all(r != "18" for _, _, r in triples(pipeline, text))
    text = (
        "Vietnamese-led forces launched artillery, mortar, and rocket fire against "
        "Kampuchean camps."
    )
    assert ("VNMMIL", "19") in {(s, r) for s, _, r in triples(pipeline, text)}
    text = "President Bouteflicka threatened to institute a curfew in Algiers."
    assert ("DZAGOV", "13") in {(s, r) for s, _, r in triples(pipeline, text)}


def test_a_document_with_no_author_speaks_for_the_country_it_was_issued_in(
    pipeline: Pipeline,
) -> None:
    coded = pipeline.code_text("A statement issued in Moscow accused Washington of meddling.")
    (event,) = [e for e in coded.events if e.type.root == "11"]
    assert (event.source.code, event.source.resolved_by) == ("RUS", "place")
    assert event.source.resolved_span is not None
    assert event.source.resolved_span.of(coded.document.text) == "Moscow"


def test_a_document_issued_by_a_named_author_is_the_authors(pipeline: Pipeline) -> None:
    text = "A report by Human Rights Watch released in London accused Russia of torture."
    assert {s for s, _, _ in triples(pipeline, text)} == {"NGOHRI"}


def test_a_missile_fired_at_nobody_is_a_show_of_force(pipeline: Pipeline) -> None:
    assert triples(pipeline, "North Korea fired two ballistic missiles into the sea.") == {
        ("PRK", None, "15")
    }
    assert triples(pipeline, "North Korea launched a missile on Sunday.") == {("PRK", None, "15")}


def test_a_missile_fired_at_someone_is_an_attack_with_aerial_weapons(pipeline: Pipeline) -> None:
    (event,) = events(pipeline, "Russia fired cruise missiles into Ukraine.")
    assert (event.source.code, event.target and event.target.code, event.type.cameo) == (
        "RUS",
        "UKR",
        "195",
    )


def test_weapons_fired_from_a_place_by_no_one_named_came_from_there(pipeline: Pipeline) -> None:
    text = "Two rockets were fired from Syria at Turkish border towns on Tuesday."
    (event,) = events(pipeline, text)
    assert (event.source.code, event.source.resolved_by) == ("SYRUAF", "unattributed")
    assert event.target is not None and event.target.country == "TUR"
    assert event.type.root == "19"


def test_an_object_shifted_after_its_as_complement_is_the_target(pipeline: Pipeline) -> None:
    text = "Japan on Monday condemned as unacceptable allegations by China that it hid the data."
    assert ("JPN", "CHN", "11") in triples(pipeline, text)


def test_people_who_rally_demonstrate_and_troops_rallied_are_a_show_of_force(
    pipeline: Pipeline,
) -> None:
    assert {r for _, _, r in triples(pipeline, "Thousands of students rallied in Caracas.")} == {
        "14"
    }
    assert triples(pipeline, "Trump rallied supporters in Ohio.") == set()


def test_a_bare_converted_verb_of_cooperation_needs_a_partner(pipeline: Pipeline) -> None:
    """ "conducted", "revealed", "found" with no actor acted upon are no cooperation,
    even as an intent; a yield ("will resign") and an agreement need no partner."""
    assert triples(pipeline, "The opposition leader promised to conduct fair elections.") == set()
    text = "Serbia's president promised to democratize Serbia."
    assert ("SRBGOV", "SRB", "03") in triples(pipeline, text)


def test_intents_to_yield_and_reform_take_cameos_intent_codes(pipeline: Pipeline) -> None:
    codes = {
        e.type.cameo for e in events(pipeline, "Russia agreed to withdraw its troops from Syria.")
    }
    assert codes == {"0356"}
    codes = {e.type.cameo for e in events(pipeline, "The US agreed to lift the sanctions on Iran.")}
    assert codes == {"0354"}


def test_harm_with_no_attacker_is_violence_only_where_the_text_says_so(
    pipeline: Pipeline,
) -> None:
    """A crash, a fire or a disease kills too: with no attacker named, the act, its
    sentence, the one before or the headline must speak of violence."""
    crash = "The plane went down shortly after take-off. All 157 people on board were killed."
    assert triples(pipeline, crash) == set()
    assert triples(pipeline, "A fire at the school killed five girls.") == set()
    body = "Twelve villagers were killed in Borno state on Sunday."
    attack = pipeline.code_text(body, date=DAY, title="Gunmen storm village in Nigeria")
    assert {(e.source.code, e.type.root) for e in attack.events} == {("NGAUAF", "19")}
    assert triples(pipeline, body) == set()


def test_verbs_that_only_describe_are_no_events(pipeline: Pipeline) -> None:
    text = "Bin Laden orchestrated the attacks on the United States."
    assert {r for _, _, r in triples(pipeline, text)} == {"19"}  # the attacks, not 050
    assert triples(pipeline, "The special counsel found no evidence of collusion.") == set()
    assert ("USA", "RUS", "11") in triples(pipeline, "The United States broke with Russia.")


def test_ordering_another_party_is_a_demand_and_its_act_only_requested(
    pipeline: Pipeline,
) -> None:
    assert triples(pipeline, "China has told the US to withdraw sanctions.") == {
        ("CHN", "USA", "10")
    }
    coded = events(pipeline, "The EU pushed Turkey to release the journalists.")
    assert {(e.type.root, e.modality) for e in coded} == {("10", "asserted")}


def test_ordering_ones_own_forces_is_their_act(pipeline: Pipeline) -> None:
    text = "Putin ordered troops to withdraw from Syria."
    assert ("RUSMIL", "SYR", "08") in triples(pipeline, text)


def test_encouraging_someone_to_act_is_an_appeal_not_praise(pipeline: Pipeline) -> None:
    text = "Germany encouraged Greece to implement reforms."
    assert triples(pipeline, text) == {("DEU", "GRC", "02")}


def test_a_warning_of_the_warners_own_act_is_a_threat(pipeline: Pipeline) -> None:
    coded = events(pipeline, "Iran warned it would retaliate against any US attack.")
    assert ("IRN", "USA", "13", "intended") in {
        (e.source.code, e.target and e.target.code, e.type.root, e.modality) for e in coded
    }
    assert triples(pipeline, "Russia warned that it would act.") == {("RUS", None, "13")}
    assert triples(pipeline, "Experts warned that floods would hit the region.") == set()


def test_a_bare_participle_conjoined_to_a_passive_shares_its_agent(pipeline: Pipeline) -> None:
    text = "The opposition leader was arrested by police and charged with treason."
    assert triples(pipeline, text) == {("COP", "OPP", "17"), ("COP", "OPP", "11")}


def test_coordinated_parties_act_on_each_other_not_on_the_venue(pipeline: Pipeline) -> None:
    text = "Ethiopia and Eritrea signed a peace agreement in Jeddah."
    assert triples(pipeline, text) == {("ETH", "ERI", "05"), ("ERI", "ETH", "05")}
    text = "Russia and Ukraine accused each other of violating the truce."
    assert triples(pipeline, text) == {("RUS", "UKR", "11"), ("UKR", "RUS", "11")}


def test_judges_critics_and_onlookers_of_an_act_did_not_do_it(pipeline: Pipeline) -> None:
    text = "The president pointed to the December attack on the US Embassy."
    assert {s for s, _, r in triples(pipeline, text) if r == "19"} <= {"UAF", "USAUAF"}
    assert triples(pipeline, "The US Court of Appeals vacated his conviction.") == set()


def test_winning_a_vote_and_campaign_rallies_are_no_force_or_protest(pipeline: Pipeline) -> None:
    assert triples(pipeline, "The senator defeated the incumbent in the election.") == set()
    assert triples(pipeline, "At one Biden rally in Pennsylvania, supporters cheered.") == set()
    text = "Iraqi forces defeated the Islamic State in Mosul."
    assert {r for _, _, r in triples(pipeline, text)} == {"19"}


def test_a_court_appeal_is_no_appeal_to_anyone(pipeline: Pipeline) -> None:
    assert triples(pipeline, "The court ruled on the appeal by Kenya's government.") == set()
    assert ("IGOUNO", "YEM", "02") in triples(pipeline, "The UN made an appeal for aid to Yemen.")


def test_attributing_labelling_and_speaking_out_are_accusations_and_criticism(
    pipeline: Pipeline,
) -> None:
    assert ("USA", "YEMREB", "11") in triples(
        pipeline, "The US attributed the bombing to the Houthis."
    )
    text = "Washington designated the IRGC as a foreign terrorist organization."
    assert triples(pipeline, text) == {("USAGOV", "IRNMIL", "11")}
    assert ("IRQ", "TUR", "11") in triples(pipeline, "Iraq spoke out against the Turkish attack.")


def test_phone_calls_are_consultations_and_slapped_sanctions_sanctions(pipeline: Pipeline) -> None:
    text = "Putin and Erdogan spoke by phone."
    assert triples(pipeline, text) == {("RUSGOV", "TURGOV", "04"), ("TURGOV", "RUSGOV", "04")}
    assert ("USAGOV", "CHN", "16") in triples(pipeline, "Washington slapped tariffs on China.")


def test_a_governments_protest_is_an_official_complaint(pipeline: Pipeline) -> None:
    assert {e.type.cameo for e in events(pipeline, "China protested to Japan over the visit.")} == {
        "114"
    }
    text = "Thousands of Chinese students protested against Japan."
    assert {e.type.cameo for e in events(pipeline, text)} == {"141"}


def test_a_topic_discussed_is_no_party_to_the_talks(pipeline: Pipeline) -> None:
    assert triples(pipeline, "Officials discussed the Russia investigation.") == set()
    text = "Putin discussed Syria with Erdogan."
    assert ("RUSGOV", "TURGOV", "04") in triples(pipeline, text)


def test_an_offer_someone_else_declines_was_still_made(pipeline: Pipeline) -> None:
    coded = events(pipeline, "Hamas rejected Israel's offer of a truce.")
    offers = [e for e in coded if e.source.code == "ISR"]
    assert [(e.type.root, e.modality) for e in offers] == [("03", "asserted")]


def test_a_relative_pronoun_stands_for_its_antecedent(pipeline: Pipeline) -> None:
    text = "Iran released a British tanker, which was seized by Revolutionary Guards in July."
    assert ("IRNMIL", "GBRBUS", "17") in triples(pipeline, text)
    text = "Kiev demanded the release of 24 Ukrainian sailors whom Russia detained."
    assert ("RUS", "UKR", "17") in triples(pipeline, text)


def test_violence_against_a_thing_is_coded_without_a_target(pipeline: Pipeline) -> None:
    text = "Houthi rebels attacked a commercial ship in the Red Sea."
    assert triples(pipeline, text) == {("YEMREB", None, "19")}


def test_a_complaint_with_its_content_is_criticism_and_both_are_coded(pipeline: Pipeline) -> None:
    text = "Amnesty International protested that Egyptian police had tortured detainees."
    roots = {(s, r) for s, _, r in triples(pipeline, text)}
    assert {("NGOHRIAMN", "11"), ("EGYCOP", "18")} <= roots


def test_a_protest_the_parser_reads_as_a_noun_phrase_is_still_a_protest(
    pipeline: Pipeline,
) -> None:
    assert triples(pipeline, "Thousands of students protested in Cairo.") == {
        ("EGYEDU", "EGY", "14")
    }


def test_harm_by_a_named_actors_operation_needs_no_other_evidence(pipeline: Pipeline) -> None:
    text = "A senior al-Qaeda leader was killed in a United States operation in Syria."
    assert {(s, r) for s, _, r in triples(pipeline, text)} == {("USA", "19")}


def test_flying_somewhere_is_a_visit_and_calling_off_a_search_no_event(pipeline: Pipeline) -> None:
    assert triples(pipeline, "Putin flew to Beijing on Monday.") == {("RUSGOV", "CHN", "04")}
    assert triples(pipeline, "The Coast Guard called off its search.") == set()


def test_the_act_a_sanction_is_over_is_not_the_sanctioners(pipeline: Pipeline) -> None:
    text = "The European Union imposed new sanctions on Russia over the war in Ukraine."
    assert triples(pipeline, text) == {("IGOEUREEC", "RUS", "16")}


def test_protests_a_resignation_came_after_are_not_the_resigners(pipeline: Pipeline) -> None:
    text = "Armenia's prime minister resigned after weeks of protests."
    assert {r for _, _, r in triples(pipeline, text)} == {"08"}


def test_killing_a_few_civilians_is_force_not_mass_killing(pipeline: Pipeline) -> None:
    assert triples(pipeline, "Syrian troops killed three civilians in Idlib.") == {
        ("SYRMIL", "SYRCVL", "19")
    }


def test_a_states_own_forces_are_what_it_moves_not_its_target(pipeline: Pipeline) -> None:
    text = "The US pulled its troops out of Afghanistan."
    assert triples(pipeline, text) == {("USA", "AFG", "08")}
    assert triples(pipeline, "Israel withdrew its forces from Gaza.") == {("ISR", "PSEGZA", "08")}


def test_withdrawn_forces_are_peacekeepers_only_when_the_text_says_so(pipeline: Pipeline) -> None:
    assert {e.type.cameo for e in events(pipeline, "Israel withdrew its forces from Gaza.")} == {
        "087"
    }
    text = "Nigeria withdrew its peacekeeping force from Chad."
    assert {e.type.cameo for e in events(pipeline, text)} == {"1661"}


def test_the_act_a_plan_announces_is_the_planners(pipeline: Pipeline) -> None:
    assert triples(pipeline, "Germany announced plans to impose sanctions on Iran.") == {
        ("DEU", "IRN", "13")
    }
    text = "Russia welcomed China's offer to mediate between Moscow and Kiev."
    assert {s for s, _, r in triples(pipeline, text) if r == "03" and s != "RUS"} == {"CHN"}


def test_bare_verbs_of_effect_are_no_events_and_mourning_is_empathy(pipeline: Pipeline) -> None:
    assert (
        triples(pipeline, "The Venezuelan decision mostly affects government officials.") == set()
    )
    assert {r for _, _, r in triples(pipeline, "Russia mourned the victims.")} <= {"01"}
