"""The office-holder knowledge base: the shipped file is valid, a person's code
follows the date, override files change codes and block aliases, and people the
KB does not know still get in-document evidence."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from eventwire.actors import ActorDictionary, ActorRecognizer
from eventwire.actors import knowledge_base as kb
from eventwire.actors.dictionary import DATA_DIR, OFFICE_HOLDERS
from eventwire.nlp import SpacyBackend
from eventwire.records import Document, Mention

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

Find = Callable[[str, dt.date | None], dict[str, Mention]]
HEADER = "\t".join(kb.COLUMNS)


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture(scope="module")
def shipped(dictionary: ActorDictionary) -> kb.KnowledgeBase:
    return kb.load(DATA_DIR / OFFICE_HOLDERS, dictionary.countries)


def _finder(backend: SpacyBackend, recognizer: ActorRecognizer) -> Find:
    def run(text: str, published: dt.date | None) -> dict[str, Mention]:
        mentions = recognizer.find(backend(text), Document(id="t", text=text, published=published))
        return {m.text: m for m in mentions}

    return run


@pytest.fixture(scope="module")
def find(backend: SpacyBackend, dictionary: ActorDictionary) -> Find:
    return _finder(backend, ActorRecognizer(dictionary))


# --- the shipped file --------------------------------------------------------------


def test_shipped_file_is_valid(shipped: kb.KnowledgeBase) -> None:
    people = shipped.by_person()
    assert len(people) > 400
    assert kb.problems(shipped) == []
    for office in shipped.offices:
        assert re.fullmatch(r"ew:[a-z0-9-]+", office.kb_id)
        assert re.fullmatch(r"(?:[A-Z]{3})+", office.code)
        assert office.end is None or office.start <= office.end
        assert office.source.startswith("Wikipedia:")
        assert office.start <= dt.date(2025, 8, 31)  # the file's as-of date
    keys = [(o.kb_id, o.role, o.start) for o in shipped.offices]
    assert len(keys) == len(set(keys))
    assert kb.ambiguous_phrases(shipped) == frozenset()


def test_rows_of_a_person_are_consecutive_and_roles_cover_the_brief(
    shipped: kb.KnowledgeBase,
) -> None:
    seen: list[str] = []
    for office in shipped.offices:
        if not seen or seen[-1] != office.kb_id:
            assert office.kb_id not in seen, office.kb_id
            seen.append(office.kb_id)
    roles = {o.role for o in shipped.offices}
    for role in ("head_of_state", "head_of_government", "foreign_minister", "defence_minister"):
        assert role in roles
    codes = {o.role: o.code for o in shipped.offices}
    assert codes["un_secretary_general"] == "IGOUNO"
    assert codes["nato_secretary_general"] == "IGOWSTNAT"


def test_aliases_do_not_shadow_places_or_role_nouns(
    shipped: kb.KnowledgeBase, dictionary: ActorDictionary
) -> None:
    places = {e.phrase for e in dictionary.actors if e.kind in ("country", "capital")}
    others = places | {a.phrase for a in dictionary.agents}
    people = shipped.by_person()
    clashes = {
        phrase
        for offices in people.values()
        for phrase in kb.phrases_of(kb.names_of(offices))
        if phrase in others
    }
    assert clashes == set()


def test_dates_of_reduced_precision() -> None:
    assert kb.parse_date("2019", end=False) == dt.date(2019, 1, 1)
    assert kb.parse_date("2019", end=True) == dt.date(2019, 12, 31)
    assert kb.parse_date("2024-02", end=True) == dt.date(2024, 2, 29)
    with pytest.raises(ValueError):
        kb.parse_date("May 2019", end=False)


def test_bad_rows_fail_loudly_with_their_line(tmp_path: Path, dictionary: ActorDictionary) -> None:
    good = "ew:a-b\tA B\t\tUSAGOV\thead_of_state\tUSA\t2001-01-01\t2002-01-01\tWikipedia: x"
    cases = {
        "ends": good.replace("2002-01-01", "2000-01-01"),
        "CAMEO": good.replace("USAGOV", "USAGO"),
        "country": good.replace("\tUSA\t", "\tXXX\t"),
        "kb_id": good.replace("ew:a-b", "A B"),
        "overlap": good + "\n" + good.replace("2001-01-01", "2001-06-01"),
    }
    for expected, body in cases.items():
        path = tmp_path / f"{expected}.tsv"
        path.write_text(f"{HEADER}\n{body}\n", encoding="utf-8")
        with pytest.raises(kb.KnowledgeBaseError, match=expected):
            kb.load(path, dictionary.countries)


def test_former_official_spells_fill_gaps_after_state_offices(shipped: kb.KnowledgeBase) -> None:
    biden = kb.terms(shipped.by_person()["ew:joe-biden"])
    eli = [(t.start, t.end) for t in biden if t.code == "USAELI"]
    assert eli == [(dt.date(2017, 1, 21), dt.date(2021, 1, 19)), (dt.date(2025, 1, 21), None)]
    # Leading an armed group does not make a "former official" afterwards.
    nasrallah = kb.terms(shipped.by_person()["ew:hassan-nasrallah"])
    assert [t.code for t in nasrallah] == ["LBNREB"]


def test_subtract_keeps_only_uncovered_days() -> None:
    day = dt.date
    covered = [(day(2009, 1, 20), day(2017, 1, 20)), (day(2021, 1, 20), None)]
    assert kb.subtract(day(2005, 1, 1), None, covered) == [
        (day(2005, 1, 1), day(2009, 1, 19)),
        (day(2017, 1, 21), day(2021, 1, 19)),
    ]


# --- resolution by date, through the real recogniser ---------------------------------


@pytest.mark.parametrize(
    ("text", "published", "name", "code"),
    [
        ("Lavrov warned the alliance on Monday.", dt.date(2020, 6, 1), "Lavrov", "RUSGOV"),
        ("Zelensky thanked the volunteers.", dt.date(2020, 6, 1), "Zelensky", "UKRGOV"),
        ("Zelensky thanked the volunteers.", dt.date(2018, 6, 1), "Zelensky", None),
        ("Biden praised the deal on Tuesday.", dt.date(2015, 6, 1), "Biden", "USAGOV"),
        ("Biden praised the deal on Tuesday.", dt.date(2018, 6, 1), "Biden", "USAELI"),
        ("Biden praised the deal on Tuesday.", dt.date(2022, 6, 1), "Biden", "USAGOV"),
        ("Obama praised the deal on Tuesday.", dt.date(2019, 6, 1), "Obama", "USAELI"),
        ("Macron and Scholz spoke by phone.", dt.date(2023, 6, 1), "Macron", "FRAGOV"),
        ("Stoltenberg visited the troops.", dt.date(2020, 6, 1), "Stoltenberg", "IGOWSTNAT"),
        ("Sinwar rejected the offer.", dt.date(2023, 6, 1), "Sinwar", "PSEREBHMS"),
    ],
)
def test_code_follows_the_publication_date(
    find: Find, text: str, published: dt.date, name: str, code: str | None
) -> None:
    found = find(text, published)
    if code is None:
        assert name not in found
        return
    actor = found[name].actor
    assert actor.code == code
    assert actor.resolved_by == "knowledge_base"
    assert actor.kb_id is not None and actor.kb_id.startswith("ew:")


def test_full_names_accents_and_another_person_of_the_same_surname(find: Find) -> None:
    found = find("Recep Tayyip Erdoğan met Hunter Biden and Joseph R. Biden.", dt.date(2022, 5, 1))
    assert found["Recep Tayyip Erdoğan"].actor.kb_id == "ew:recep-tayyip-erdogan"
    assert found["Recep Tayyip Erdoğan"].actor.code == "TURGOV"
    assert found["Joseph R. Biden"].actor.kb_id == "ew:joe-biden"
    hunter = found.get("Hunter Biden")
    assert hunter is None or hunter.actor.kb_id is None


def test_kb_id_reaches_the_coded_event(pipeline: Pipeline) -> None:
    coded = pipeline.code_text(
        "Lavrov sharply criticized Pompeo on Monday.", date=dt.date(2019, 3, 4)
    )
    sources = {e.source.kb_id: e.source.code for e in coded.events}
    assert sources.get("ew:sergei-lavrov") == "RUSGOV"
    targets = {e.target.kb_id: e.target.code for e in coded.events if e.target}
    assert targets.get("ew:mike-pompeo") == "USAGOV"


# --- override files -------------------------------------------------------------------


def test_override_changes_a_code_and_blocks_an_alias(tmp_path: Path, backend: SpacyBackend) -> None:
    override = tmp_path / "mine.tsv"
    override.write_text(
        "# local corrections\n"
        f"{HEADER}\n"
        "ew:sergei-lavrov\tSergei Lavrov\tLavrov\tRUSGOVDIP\tforeign_minister\tRUS"
        "\t2004-03-09\t\tour newsroom\n"
        "\tZelenskyy\t\t\tblock\t\t\t\t\n",
        encoding="utf-8",
    )
    find = _finder(backend, ActorRecognizer(ActorDictionary.load(overrides=(override,))))
    day = dt.date(2021, 2, 1)
    assert find("Lavrov warned the alliance.", day)["Lavrov"].actor.code == "RUSGOVDIP"
    assert "Zelenskyy" not in find("Zelenskyy thanked the volunteers.", day)
    assert find("Zelensky thanked the volunteers.", day)["Zelensky"].actor.code == "UKRGOV"


# --- people the knowledge base does not know ----------------------------------------


def test_unknown_person_falls_back_to_in_document_evidence(find: Find) -> None:
    day = dt.date(2021, 2, 1)
    titled = find("Ukrainian Defence Minister Ostap Hrytsenkov inspected the base.", day)
    by_title = next(m for m in titled.values() if "Hrytsenkov" in m.text)
    assert by_title.actor.code == "UKRGOV"
    assert by_title.actor.resolved_by == "title"
    assert by_title.actor.kb_id is None
    apposed = find("Ostap Hrytsenkov, the Ukrainian defence minister, inspected the base.", day)
    person = apposed["Ostap Hrytsenkov"].actor
    assert person.code == "UKRGOV"
    assert person.resolved_by == "apposition"
    assert person.kb_id is None


def test_a_title_in_the_text_beats_the_former_official_spell(find: Find) -> None:
    found = find("President Obama addressed the crowd.", dt.date(2019, 6, 1))
    actor = next(m.actor for m in found.values() if "Obama" in m.text)
    assert actor.code == "USAGOV"
    assert actor.resolved_by in ("title", "knowledge_base")
    assert actor.kb_id == "ew:barack-obama"
    bashir = find("President Omar El Bashir addressed the crowd.", None)
    assert bashir["President Omar El Bashir"].actor.code == "SDNGOV"  # KB: former since 2019


def test_an_office_title_in_undated_text_picks_the_office(pipeline: Pipeline) -> None:
    """Without a date the open-ended or undated code is the default; a title says
    the person held an office when the text was written."""
    titled = pipeline.code_text("U.N. Secretary-General Kofi Annan criticised Iraq.").events
    assert [e.source.code for e in titled] == ["IGOUNO"]
    bare = pipeline.code_text("Kofi Annan criticised Iraq.").events
    assert [e.source.code for e in bare] == ["GHAELI"]
