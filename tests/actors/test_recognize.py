"""The recogniser on small hand-written sentences and on quoted seed sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.actors import ActorDictionary, ActorRecognizer
from eventwire.nlp import SpacyBackend
from eventwire.records import Mention


@pytest.fixture(scope="module")
def recognizer() -> ActorRecognizer:
    return ActorRecognizer(ActorDictionary.load())


@pytest.fixture(scope="module")
def find(backend: SpacyBackend, recognizer: ActorRecognizer):  # type: ignore[no-untyped-def]
    from eventwire.records import Document

    def run(text: str, published: dt.date | None = None) -> dict[str, Mention]:
        doc = backend(text)
        mentions = recognizer.find(doc, Document(id="t", text=text, published=published))
        for m in mentions:
            assert m.span.of(text) == m.text
            assert m.token_start <= m.head_token < m.token_end
        return {m.text: m for m in mentions}

    return run


def test_country_names_demonyms_and_capitals(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Britain and the Afghans met in Kabul.\nBeijing rejected the plan.")
    assert found["Britain"].actor.code == "GBR"
    assert found["the Afghans"].actor.code == "AFG"
    assert found["Kabul"].actor.code == "AFG"  # a place, not the government
    assert found["Kabul"].actor.resolved_by == "dictionary"
    assert found["Beijing"].actor.code == "CHNGOV"
    assert found["Beijing"].actor.resolved_by == "metonym"


def test_sector_words_combine_with_country_in_one_phrase(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Afghan soldiers and Russia's foreign ministry blamed French police.")
    assert found["Afghan soldiers"].actor.code == "AFGMIL"
    assert found["Russia's foreign ministry"].actor.code == "RUSGOV"
    assert found["French police"].actor.code == "FRACOP"
    assert "Russia" not in found and "Afghan" not in found
    assert found["Afghan soldiers"].actor.country == "AFG"
    assert found["Afghan soldiers"].actor.sectors == ("MIL",)


def test_sector_without_country(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Police arrested the protesters.")
    assert found["Police"].actor.code == "COP"
    assert found["Police"].actor.country is None
    assert found["the protesters"].actor.code == "OPP"


def test_igo_and_armed_groups(find) -> None:  # type: ignore[no-untyped-def]
    found = find("The UN and NATO condemned Hezbollah, Boko Haram and Daesh.")
    assert found["The UN"].actor.code == "IGOUNO"
    assert found["NATO"].actor.code.startswith("IGO")
    assert found["Hezbollah"].actor.code == "LBNREB"
    assert found["Boko Haram"].actor.code == "NGAREB"
    assert found["Daesh"].actor.code == "IMGMUSISI"


def test_envoy_takes_principal_code(find) -> None:  # type: ignore[no-untyped-def]
    found = find("The envoy of the Iranian president arrived.")
    mention = found["The envoy of the Iranian president"]
    assert mention.actor.code == "IRNGOV"


def test_plain_words_and_lowercase_us_are_not_actors(find) -> None:  # type: ignore[no-untyped-def]
    assert find("The weather was cold, so they let us stay in the house.") == {}


def test_apposition_and_name_memory(find) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Maria Lopez, the Mexican ambassador to Canada, met reporters.\n"
        "Lopez said the talks went well."
    )
    found = find(text)
    first = found["Maria Lopez"]
    assert first.actor.code == "MEXGOV"
    assert first.actor.resolved_by == "apposition"
    later = found["Lopez"]
    assert later.sentence_index == 1
    assert later.actor.code == "MEXGOV"
    assert later.actor.resolved_span == first.actor.resolved_span


def test_title_and_pronoun(find) -> None:  # type: ignore[no-untyped-def]
    text = "Turkish Foreign Minister Ahmet Demir visited Cairo.\nHe met Egyptian officials."
    found = find(text)
    assert found["Turkish Foreign Minister Ahmet Demir"].actor.code == "TURGOV"
    assert found["Turkish Foreign Minister Ahmet Demir"].actor.resolved_by == "title"
    he = found["He"]
    assert he.actor.code == "TURGOV"
    assert he.actor.resolved_by == "coref"
    assert he.actor.resolved_span is not None
    assert found["Egyptian officials"].actor.code == "EGYGOV"


def test_it_after_speech_verb_and_the_group(find) -> None:  # type: ignore[no-untyped-def]
    text = "Iran says it will talk to Hamas.\nThe group did not reply."
    found = find(text)
    assert found["it"].actor.code == "IRN"
    assert found["it"].actor.resolved_by == "coref"
    assert found["The group"].actor.code == "PSEREBHMS"


SEED_SENTENCES = (
    "Zamir Kabulov, who serves as the head of the Asian region department at the Russian "
    "Foreign Ministry, said Saturday that Moscow had already established contacts with "
    "American authorities on the issue of Afghanistan.\n"
    "Kabulov said Alice Wells, the United States' acting Assistant Secretary of State, was in "
    "direct contact with Russian authorities to discuss the issue.\n"
    "The official, who is also the special representative to the Russian president on "
    "Afghanistan, censured US authorities last month.\n"
    "He said Russia was in fact in contact with the Taliban."
)


def test_seed_sentences(find, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    for line in SEED_SENTENCES.splitlines():
        assert line[:40] in seed_text
    found = find(SEED_SENTENCES)
    assert found["Zamir Kabulov"].actor.code == "RUSGOV"
    assert found["Zamir Kabulov"].actor.resolved_by == "apposition"
    assert found["Kabulov"].actor.code == "RUSGOV"
    assert found["Alice Wells"].actor.code == "USAGOV"
    assert found["American authorities"].actor.code == "USAGOV"
    assert found["Moscow"].actor.code == "RUSGOV"
    assert found["Moscow"].actor.resolved_by == "metonym"
    assert found["the Taliban"].actor.code == "AFGREB"
    rep = found["the special representative to the Russian president on Afghanistan"]
    assert rep.actor.code == "RUSGOV"
    assert rep.text.split()[2] == "representative"
    assert found["The official"].actor.resolved_by == "coref"
    assert found["He"].actor.code == "RUSGOV"


def test_role_with_place_phrase_and_country_modifier(find) -> None:  # type: ignore[no-untyped-def]
    found = find("A tribunal in Kenya jailed two men, and the French general in Mali resigned.")
    assert found["A tribunal in Kenya"].actor.code == "KENJUD"
    assert found["the French general"].actor.code == "FRAMIL"  # the modifier beats the PP


def test_apposed_person_takes_the_role(find) -> None:  # type: ignore[no-untyped-def]
    found = find("The Italian commander in Libya, General Marco Rossi, met the envoy.")
    assert found["The Italian commander"].actor.code == "ITAMIL"
    assert found["General Marco Rossi"].actor.code == "ITAMIL"


def test_coordinated_countries_give_one_mention_each(backend, recognizer) -> None:  # type: ignore[no-untyped-def]
    from eventwire.records import Document

    text = "Senior Polish and Czech diplomats met on Tuesday in a hotel."
    mentions = recognizer.find(backend(text), Document(id="t", text=text))
    phrase = [m for m in mentions if m.text == "Senior Polish and Czech diplomats"]
    assert sorted(m.actor.code for m in phrase) == ["CZEGOV", "POLGOV"]
    assert len({(m.token_start, m.token_end, m.head_token) for m in phrase}) == 1
    assert not any(m.text in ("Polish", "Czech") for m in mentions)


def test_government_roles_and_person_principals(find) -> None:  # type: ignore[no-untyped-def]
    found = find("The Obama administration criticised Kenyan lawmakers.\nThai officers left.")
    assert found["The Obama administration"].actor.code == "USAGOV"
    assert found["Thai officers"].actor.code == "THAMIL"
    assert found["Kenyan lawmakers"].actor.code == "KENLEG"


def test_equipment_and_demonym_plurals(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Turkish army tanks fired at the hills, and Peruvians blocked the road.")
    assert found["Turkish army tanks"].actor.code == "TURMIL"
    assert found["Peruvians"].actor.code == "PER"


def test_partitive_phrase_is_headed_by_the_quantity(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Thousands of Kenyan university students marched on Monday.")
    mention = found["Thousands of Kenyan university students"]
    assert mention.actor.code == "KENEDU"
    assert mention.head_token == 0
    found = find("A group of Tunisian diplomats left on Friday after the talks.")
    assert found["A group of Tunisian diplomats"].actor.code == "TUNGOV"
    assert found["A group of Tunisian diplomats"].head_token == 1


def test_named_organisations_with_hyphens_and_organisation_words(find) -> None:  # type: ignore[no-untyped-def]
    found = find("The Islamist militant group al-Shabaab claimed the attack on Monday.")
    assert found["The Islamist militant group"].actor.code == "SOMREB"
    assert found["al-Shabaab"].actor.code == "SOMREB"
    found = find("The pro-Iranian Hizbollah group and the Al Qaida network issued threats.")
    assert found["The pro-Iranian Hizbollah group"].actor.code == "LBNREB"
    assert "Iranian" not in {m.actor.name for m in found.values() if m.actor.code == "LBNREB"}
    assert found["the Al Qaida network"].actor.code == "IMGMUSALQ"


def test_plural_pronoun_after_speech_verb(backend, recognizer) -> None:  # type: ignore[no-untyped-def]
    from eventwire.records import Document

    text = "Britain and Russia said they would expand trade on Monday."
    mentions = recognizer.find(backend(text), Document(id="t", text=text))
    they = [m for m in mentions if m.text == "they"]
    assert sorted(m.actor.code for m in they) == ["GBR", "RUS"]
    assert all(m.actor.resolved_by == "coref" for m in they)


def test_title_with_known_surname_finds_the_country(find) -> None:  # type: ignore[no-untyped-def]
    found = find("President Omar El Bashir addressed the crowd on Thursday morning.")
    assert found["President Omar El Bashir"].actor.code == "SDNGOV"
    assert found["President Omar El Bashir"].actor.resolved_by == "title"


def test_title_with_a_surname_one_letter_off_finds_the_country(find) -> None:  # type: ignore[no-untyped-def]
    """News misspells names ("Bouteflicka", "Mitterand"); one edit on a long
    surname still names one country's people."""
    found = find("President Abdelaziz Bouteflicka addressed the crowd on Thursday.")
    assert found["President Abdelaziz Bouteflicka"].actor.code == "DZAGOV"
    found = find("President Francois Mitterand addressed the crowd on Thursday.")
    assert found["President Francois Mitterand"].actor.code == "FRAGOV"
    found = find("President Zorblaxian addressed the crowd on Thursday.")
    assert found["President Zorblaxian"].actor.code == "GOV"


def test_an_appositive_organisation_role_beats_the_dictionary(find) -> None:  # type: ignore[no-untyped-def]
    text = "Kenzo Oshima, the United Nations Emergency Relief Coordinator, visited Iraq."
    oshima = find(text)["Kenzo Oshima"].actor
    assert (oshima.code, oshima.resolved_by) == ("IGOUNO", "apposition")
    lavrov = find("Sergei Lavrov, the Russian foreign minister, visited Iraq.")["Sergei Lavrov"]
    assert (lavrov.actor.code, lavrov.actor.resolved_by) == ("RUSGOV", "knowledge_base")


def test_an_organisations_troops_are_its_armed_arm(find) -> None:  # type: ignore[no-untyped-def]
    assert find("UN troops withdrew from the town.")["UN troops"].actor.code == "IGOUNOMIL"
    assert find("UN officials visited the town.")["UN officials"].actor.code == "IGOUNO"


def test_the_titled_description_points_back_to_that_title(find) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Prime Minister Igor Matovic of the Slovak Republic posted a message on Friday. "
        "Later the Prime Minister apologised to the people."
    )
    found = find(text)
    assert found["Prime Minister Igor Matovic"].actor.code == "SVKGOV"
    assert found["the Prime Minister"].actor.code == "SVKGOV"
    assert found["the Prime Minister"].actor.resolved_by == "coref"


def test_near_spellings_are_unique_or_nothing() -> None:
    from eventwire.actors.recognize import _near_country, _near_spellings

    near = _near_spellings({"bouteflika": "DZA", "mitterrand": "FRA", "lopezz": "MEX"})
    assert _near_country(near, "bouteflicka") == "DZA"  # one letter more
    assert _near_country(near, "mitterand") == "FRA"  # one letter less
    assert _near_country(near, "boutefilka") == "DZA"  # two letters swapped
    assert _near_country(near, "bootefliak") is None  # two edits
    clash = _near_spellings({"sharifi": "IRN", "shariff": "PAK"})
    assert _near_country(clash, "sharif") is None  # one edit from both: ambiguous


def test_capital_named_in_apposition_to_a_place_stays_a_place(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Rebels attacked a checkpoint in the capital Kabul on Monday.")
    assert found["Kabul"].actor.code == "AFG"


def test_a_phrase_stops_before_a_clause_hanging_from_it(find) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Doctors from two American aid groups donated and delivered medicine to a "
        "hospital in Baghdad, risking years in prison."
    )
    found = find(text)
    doctors = next(m for m in found.values() if m.text.startswith("Doctors"))
    assert doctors.text == "Doctors from two American aid groups"
    assert doctors.actor.country == "USA"


def test_a_country_named_on_a_generic_institution_owns_it(find) -> None:  # type: ignore[no-untyped-def]
    assert find("Kenya's Senate passed the bill.")["Kenya's Senate"].actor.country == "KEN"
    assert find("The Senate passed the bill.")["The Senate"].actor.country == "USA"
    branch = find("Jordan's Muslim Brotherhood boycotted the vote.")
    assert branch["Jordan's Muslim Brotherhood"].actor.code == "JOROPPMUS"


def test_opponents_stand_against_their_principal(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Opponents of the Kenyan government marched in Nairobi.")
    assert found["Opponents of the Kenyan government"].actor.code == "KENOPP"


def test_plural_demonyms_and_the_opposition(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Hundreds of Serbs marched as the opposition in Kenya met.")
    assert found["Hundreds of Serbs"].actor.country == "SRB"
    assert found["the opposition in Kenya"].actor.code == "KENOPP"


def test_opposition_to_something_is_a_stance_not_a_party(find) -> None:  # type: ignore[no-untyped-def]
    assert "opposition" not in find("Iran voiced opposition to the deal.")
    assert "opposition" not in find("The senator expressed opposition to the nomination.")
    assert find("The Syrian opposition rejected the plan.")["The Syrian opposition"].actor.code == (
        "SYROPP"
    )


def test_a_leaders_supporters_are_citizens_not_the_government(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Supporters of Morsi clashed with police in Cairo.", dt.date(2013, 8, 1))
    assert found["Supporters of Morsi"].actor.code == "EGYCVL"
    found = find("An envoy of Putin met Erdogan.", dt.date(2020, 1, 1))
    assert found["An envoy of Putin"].actor.code == "RUSGOV"


def test_us_parties_and_their_namesakes_abroad(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Republicans and Democrats criticized the plan.")
    assert found["Republicans"].actor.code == "USAPTY"
    assert found["Democrats"].actor.code == "USAPTY"
    found = find("The Social Democrats won in Germany, the Democratic Party of Japan lost.")
    assert found["The Social Democrats"].actor.country is None
    assert found["the Democratic Party of Japan"].actor.code == "JPNPTY"


def test_it_aimed_at_in_a_reported_clause_is_the_speaker(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Turkey said two rockets were fired at it from Syria.")
    assert (found["it"].actor.code, found["it"].actor.resolved_by) == ("TUR", "coref")
    assert "it" not in find("China said Japan should look at it again.")


def test_members_of_a_dissident_group_are_the_group(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Exiled leaders of Jordan's Muslim Brotherhood met in Istanbul.")
    assert found["Exiled leaders of Jordan's Muslim Brotherhood"].actor.code == "JOROPPMUS"
    assert find("Opponents of Hamas rallied.")["Opponents of Hamas"].actor.code == "PSEOPP"


def test_armed_groups_and_demonyms_petrarch_lacks(find) -> None:  # type: ignore[no-untyped-def]
    found = find("The Houthis and Ansar Allah fighters attacked as Swedish officials met.")
    assert found["The Houthis"].actor.code == "YEMREB"
    assert found["Ansar Allah fighters"].actor.code == "YEMREB"
    assert found["Swedish officials"].actor.code == "SWEGOV"


def test_we_inside_a_quotation_is_its_speaker(find) -> None:  # type: ignore[no-untyped-def]
    found = find('"We will not accept this," the Iranian foreign minister said.')
    assert (found["We"].actor.code, found["We"].actor.resolved_by) == ("IRNGOV", "coref")
    assert "We" not in find("We will not accept this, the minister said.")


def test_a_place_qualified_by_a_state_is_in_that_states_country(find) -> None:  # type: ignore[no-untyped-def]
    found = find("Police in Paris, Texas arrested two men.")
    assert found["Police in Paris"].actor.code == "USACOP"
    assert "Texas" not in found
    listed = find("Russia, China and Iran held talks.")
    assert {m.actor.code for m in listed.values()} == {"RUS", "CHN", "IRN"}


def test_a_family_name_first_is_the_later_short_name(find) -> None:  # type: ignore[no-untyped-def]
    found = find("South Korean President Yoon Suk Yeol met Kishida. Yoon praised Japan.")
    assert found["Yoon"].actor.code == "KORGOV"
