"""The pattern table: the shipped file validates, covers CAMEO, and bad files fail loudly."""

from __future__ import annotations

import csv
import importlib.util
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from eventwire.events.patterns import COLUMNS, PatternError, PatternTable
from eventwire.nlp import SpacyBackend
from eventwire.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[2]
PACKAGE_CODES = REPO / "src" / "eventwire" / "data" / "cameo" / "cameo_codes.tsv"
REFERENCE_CODES = REPO.parent / "shared" / "reference" / "cameo" / "cameo_event_codes.tsv"
HEADER = "\t".join(COLUMNS)


def _valid_codes() -> frozenset[str]:
    for path in (PACKAGE_CODES, REFERENCE_CODES):
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                rows = csv.DictReader(
                    (line for line in handle if not line.startswith("#")), delimiter="\t"
                )
                return frozenset(row["code"] for row in rows)
    pytest.skip("no CAMEO code list available")


@pytest.fixture(scope="module")
def codes() -> frozenset[str]:
    return _valid_codes()


@pytest.fixture(scope="module")
def table(codes: frozenset[str]) -> PatternTable:
    return PatternTable.load(codes)


def _row(*fields: str) -> str:
    return "\t".join(fields)


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "event_patterns.tsv"
    path.write_text("\n".join(["# test file", HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_real_file_loads_fast(codes: frozenset[str]) -> None:
    start = time.perf_counter()
    table = PatternTable.load(codes)
    assert time.perf_counter() - start < 1.0
    assert len(table) > 10_000
    assert {"hold", "launch", "conduct"} <= table.light_verbs()


def test_every_root_has_verb_and_noun_patterns(table: PatternTable) -> None:
    for kind in ("verb", "noun"):
        roots = {
            p.code[:2]
            for lemma in table.trigger_lemmas(kind)
            for p in table.candidates(kind, lemma)
            if p.code != "---"
        }
        assert roots >= {f"{n:02d}" for n in range(1, 21)}, kind
    assert len(table.trigger_lemmas("noun")) >= 200


def test_codes_covered_are_valid(table: PatternTable, codes: frozenset[str]) -> None:
    covered = table.codes_covered()
    assert covered <= codes
    assert len(covered) > 200


def test_candidates_most_specific_first(table: PatternTable) -> None:
    found = table.candidates("noun", "call")
    assert found
    specificities = [p.specificity for p in found]
    assert specificities == sorted(specificities, reverse=True)
    assert table.candidates("verb", "no-such-verb") == ()


@pytest.mark.parametrize(
    ("kind", "lemma", "prefix"),
    [
        ("verb", "accuse", "112"),
        ("verb", "meet", "04"),
        ("verb", "invade", "19"),
        ("noun", "airstrike", "19"),
        ("noun", "sanction", "16"),
        ("noun", "talk", "04"),
        ("noun", "kidnapping", "181"),
    ],
)
def test_spot_checks(table: PatternTable, kind: str, lemma: str, prefix: str) -> None:
    bare = [p for p in table.candidates(kind, lemma) if p.specificity == 0]
    assert len(bare) == 1
    assert bare[0].code.startswith(prefix)


def test_prepositional_target_variants(table: PatternTable) -> None:
    attack_on = [p for p in table.candidates("noun", "attack") if p.prep == "on"]
    assert attack_on[0].target == "pobj"
    crack = [p for p in table.candidates("verb", "crack") if (p.particle, p.prep) == ("down", "on")]
    assert crack[0].code == "175"


def test_passive_code(table: PatternTable) -> None:
    condemn = next(p for p in table.candidates("verb", "condemn") if p.specificity == 0)
    assert condemn.code_for(passive=False) == "111"
    assert condemn.code_for(passive=True) == "173"
    sign = next(p for p in table.candidates("verb", "sign") if p.specificity == 0)
    assert sign.code_for(passive=False) is None


def test_petrarch_conversion_present(table: PatternTable) -> None:
    origins = {p.origin for p in table}
    assert origins == {"petrarch2", "eventwire"}
    ask = table.candidates("verb", "ask")
    assert any(p.prep == "for" or p.object for p in ask)


GOOD = _row("verb", "attack", "", "", "", "190", "", "dobj", "eventwire", "")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (_row("verb", "attack", "", "on", "", "999", "", "auto", "eventwire", ""), "unknown CAMEO"),
        (_row("adverb", "fast", "", "", "", "190", "", "auto", "eventwire", ""), "unknown kind"),
        (_row("verb", "hit", "", "", "", "190", "", "there", "eventwire", ""), "unknown target"),
        (_row("noun", "raid", "", "", "", "190", "", "pobj", "eventwire", ""), "needs a prep"),
        (_row("verb", "hit", "", "", "", "190"), "tab-separated fields"),
        (GOOD, "duplicate of line 3"),
        (_row("verb", "attack", "", "", "", "195", "", "dobj", "eventwire", ""), "conflicts with"),
        (
            _row("verb", "battle", "", "", "with", "190", "", "auto", "eventwire", ""),
            "unreachable: object 'with' is a function word",
        ),
        (
            _row("verb", "attack", "", "because", "", "190", "", "auto", "eventwire", ""),
            "unreachable: prep 'because' is not a preposition",
        ),
        (
            _row("verb", "attack", "onward", "", "", "190", "", "auto", "eventwire", ""),
            "unreachable: particle 'onward' is not a verb particle",
        ),
        (
            _row("noun", "raid", "up", "", "", "190", "", "auto", "eventwire", ""),
            "unreachable: nouns take no particle",
        ),
        (
            _row("verb", "attack", "", "", "Base", "190", "", "auto", "eventwire", ""),
            "unreachable: object 'Base' is not one lower-case word",
        ),
    ],
)
def test_bad_rows_fail_with_line(
    tmp_path: Path, codes: frozenset[str], bad: str, message: str
) -> None:
    path = _write(tmp_path, GOOD, bad)
    with pytest.raises(PatternError, match=rf"event_patterns\.tsv:4: .*{message}"):
        PatternTable.load(codes, path)


def test_bad_header_fails(tmp_path: Path, codes: frozenset[str]) -> None:
    path = tmp_path / "event_patterns.tsv"
    path.write_text("kind\tlemma\n", encoding="utf-8")
    with pytest.raises(PatternError, match=":1: expected header"):
        PatternTable.load(codes, path)


def test_small_file_and_light_verbs(tmp_path: Path, codes: frozenset[str]) -> None:
    path = _write(
        tmp_path,
        GOOD,
        _row("verb", "attack", "", "", "base", "190", "---", "auto", "petrarch2", ""),
    )
    (tmp_path / "light_verbs.txt").write_text("# c\nhold\ncarry out\n", encoding="utf-8")
    table = PatternTable.load(codes, path)
    assert len(table) == 2
    assert [p.line for p in table.candidates("verb", "attack")] == [4, 3]
    assert table.light_verbs() == frozenset({"hold", "carry"})
    assert table.codes_covered() == frozenset({"190"})
    assert table.trigger_lemmas("noun") == frozenset()


def _code(
    table: PatternTable, lemma: str, particle: str = "", prep: str = "", obj: str = ""
) -> str:
    key = ("verb", lemma, particle, prep, obj)
    found = [p for p in table.candidates("verb", lemma) if p.key == key]
    assert len(found) == 1, key
    return found[0].code


@pytest.mark.parametrize(
    ("lemma", "particle", "prep", "obj", "code"),
    [
        ("hand", "over", "", "weapon", "0873"),
        ("hand", "over", "", "prisoner", "0841"),
        ("lift", "", "", "emergency", "0814"),
        ("relax", "", "", "curfew", "0813"),
        ("impose", "", "", "state", "1724"),
        ("sever", "", "", "tie", "161"),
        ("restore", "", "", "tie", "050"),
        ("receive", "", "", "delegation", "043"),
        ("reject", "", "", "ceasefire", "1246"),
        ("fire", "", "at", "", "190"),
    ],
)
def test_handwritten_gap_rows(
    table: PatternTable, lemma: str, particle: str, prep: str, obj: str, code: str
) -> None:
    assert _code(table, lemma, particle, prep, obj) == code


@pytest.mark.parametrize(
    ("lemma", "prep"), [("give", ""), ("take", ""), ("go", "to"), ("fire", "")]
)
def test_noisy_bare_converted_verbs_are_no_event(
    table: PatternTable, lemma: str, prep: str
) -> None:
    """Bare senses that were mostly noise in news text; their specific rows survive."""
    assert _code(table, lemma, prep=prep) == "---"
    assert any(p.specificity > 0 and p.code != "---" for p in table.candidates("verb", lemma))


def test_release_of_documents_is_no_event_but_persons_are(table: PatternTable) -> None:
    """A bare RELEASE stays an event (persons are open-class); report-like objects do not."""
    assert _code(table, "release") == "084"
    assert _code(table, "release", obj="report") == "---"
    assert _code(table, "release", obj="detainee") == "0841"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Colombian rebels handed over their weapons to the United Nations.", "0873"),
        ("Ecuador severed ties with Venezuela on Monday.", "161"),
        ("The Sudanese government lifted the state of emergency.", "0814"),
        # the "of" object of a party word beats the word: observers, not a mission
        ("The Kyrgyz prime minister received a mission of observers from the OSCE.", "0862"),
        ("The Kyrgyz prime minister received a mission from the OSCE.", "043"),
        # releasing people is 0841 whatever the noun; a ship is not people
        ("Russia released the Ukrainian civilians on Monday.", "0841"),
        ("Iran released the British tanker on Monday.", "084"),
        ("Syrian troops surrounded the town of Qusair on Monday.", "191"),
        # a light verb's phrase may belong to its noun: "opened a hearing Wednesday into"
        ("Israel's high court opened a hearing Wednesday into the interrogations.", "090"),
        # exercises: a show of force alone, military cooperation together; war games are one
        ("Russia held military exercises near the Ukrainian border.", "150"),
        ("French and Egyptian warships launched war games in the Mediterranean.", "062"),
        # tariffs hit goods, missiles hit cities
        ("The US has hit $250bn of Chinese goods with tariffs since July.", "163"),
        ("Russian missiles hit Kyiv on Monday.", "190"),
        ("Sudanese soldiers opened fire on protesters in Khartoum.", "190"),
        # denying what was asked for is rejecting it; denying a charge is not
        ("The US denied visas to Iranian diplomats on Monday.", "1233"),
        ("The US president ripped into the French president on Tuesday.", "111"),
        ("Russian forces committed ceasefire violations near Donetsk.", "196"),
        ("Vietnamese troops launched rocket fire against Cambodian camps.", "194"),
    ],
)
def test_new_rows_fire_in_the_pipeline(pipeline: Pipeline, text: str, code: str) -> None:
    coded = pipeline.code_text(text)
    assert code in {event.type.cameo for event in coded.events}


def test_bare_give_codes_nothing(pipeline: Pipeline) -> None:
    coded = pipeline.code_text("The ruling gives Germany the chance to appeal.")
    assert not [e for e in coded.events if e.pattern.startswith("verb:give ")]


def test_modifier_rows_load_and_validate(tmp_path: Path) -> None:
    from eventwire.events.patterns import parse_modifiers

    table = parse_modifiers("lemma\tmodifier\tcode\nstrike\thunger\t142\n", frozenset({"142"}), "m")
    assert table == {("strike", "hunger"): "142"}
    with pytest.raises(PatternError, match="unknown CAMEO code"):
        parse_modifiers("strike\thunger\t999\n", frozenset({"142"}), "m")
    with pytest.raises(PatternError, match="duplicate"):
        parse_modifiers("strike\tair\t195\nstrike\tair\t195\n", frozenset({"195"}), "m")


NOUN = _row("noun", "release", "", "of", "", "0841", "", "pobj", "eventwire", "")


def test_noun_row_with_the_same_effect_fails(tmp_path: Path, codes: frozenset[str]) -> None:
    """A noun's object row that gives the code its bare-preposition row gives anyway."""
    same = _row("noun", "release", "", "of", "prisoner", "0841", "", "auto", "eventwire", "")
    path = _write(tmp_path, NOUN, same)
    with pytest.raises(PatternError, match=r":4: same effect as line 3 \(noun/release//of/"):
        PatternTable.load(codes, path)


def test_noun_object_row_that_changes_the_code_loads(tmp_path: Path, codes: frozenset[str]) -> None:
    other = _row("noun", "release", "", "of", "report", "---", "", "auto", "eventwire", "")
    # Same code as the general row, but needed: it outranks an object-only row of another code.
    needed = _row("noun", "release", "", "of", "funds", "0841", "", "auto", "eventwire", "")
    object_only = _row("noun", "release", "", "", "funds", "071", "", "auto", "eventwire", "")
    table = PatternTable.load(codes, _write(tmp_path, NOUN, other, needed, object_only))
    assert len(table) == 4


@pytest.fixture(scope="module")
def build() -> Iterator[ModuleType]:
    """scripts/build_patterns.py as a module (its dataclasses need it in sys.modules)."""
    name = "build_patterns_under_test"
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "build_patterns.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[name]


def _dict_row(kind: str, lemma: str, obj: str = "", origin: str = "eventwire") -> dict[str, str]:
    values = (kind, lemma, "", "", obj, "190", "", "auto", origin, "")
    return dict(zip(COLUMNS, values, strict=True))


def test_build_rejects_lemmas_the_model_never_produces(
    build: ModuleType, backend: SpacyBackend
) -> None:
    """Plural or inflected lemmas and words the tokenizer splits can never match."""
    lemmatizer = build.Lemmatizer(backend.nlp)
    rows = [
        _dict_row("noun", "talks"),
        _dict_row("verb", "attacked"),
        _dict_row("verb", "impose", "sanctions"),
        _dict_row("noun", "cease-fire"),
        _dict_row("noun", "talk"),
        _dict_row("verb", "attack"),
        _dict_row("verb", "impose", "sanction"),
        _dict_row("verb", "battle", "with"),
    ]
    bad = {
        "/".join(build.row_key(row)): reason for row, reason in build.unreachable(rows, lemmatizer)
    }
    assert set(bad) == {
        "noun/talks///",
        "verb/attacked///",
        "verb/impose///sanctions",
        "noun/cease-fire///",
        "verb/battle///with",
    }
    assert "not the model's lemma" in bad["noun/talks///"]
    with pytest.raises(ValueError, match="unreachable hand-written rows"):
        build.drop_unreachable(rows, lemmatizer, build.Stats())
    converted = [{**row, "origin": "petrarch2"} for row in rows]
    stats = build.Stats()
    kept = build.drop_unreachable(converted, lemmatizer, stats)
    assert [row["lemma"] for row in kept] == ["talk", "attack", "impose"]
    assert sum(stats.unreachable_dropped.values()) == 5


def test_handwritten_rows_are_reachable(build: ModuleType, backend: SpacyBackend) -> None:
    rows = build.read_handwritten()
    assert list(build.unreachable(rows, build.Lemmatizer(backend.nlp))) == []
