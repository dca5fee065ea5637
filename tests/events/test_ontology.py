"""The shipped CAMEO/PLOVER tables load, hang together and say what the sources say."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.events.ontology import Ontology, OntologyError, UnknownCodeError
from eventwire.records import EventType

CURRENT_PLOVER = (
    *("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    *("COOPERATE", "AID", "RETREAT"),
    *("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    *("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
)
PACKAGE_DATA = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data"


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return Ontology.load()


def test_table_has_311_codes_20_roots(ontology: Ontology) -> None:
    codes = ontology.codes()
    assert len(codes) == 311
    assert len(set(codes)) == 311
    assert ontology.roots() == tuple(f"{n:02d}" for n in range(1, 21))
    assert sum(len(code) == 3 for code in codes) == 147
    assert sum(len(code) == 4 for code in codes) == 144
    assert codes == tuple(sorted(codes)), "codes come in tree order"


def test_every_code_hangs_under_its_parent(ontology: Ontology) -> None:
    for code in ontology.codes():
        parent = ontology.parent(code)
        if len(code) == 2:
            assert parent is None
        else:
            assert parent == (code[:3] if len(code) == 4 else code[:2])
            assert code in ontology.children(parent)
    assert ontology.parent("0311") == "031"
    assert ontology.parent("036") == "03"
    assert ontology.children("0311") == ()
    assert ontology.children("19") == ("190", "191", "192", "193", "194", "195", "196")


def test_spot_values(ontology: Ontology) -> None:
    assert "meet or negotiate" in ontology.name("036")
    fight = ontology.event_type("190")
    assert (fight.quad_class, fight.goldstein, fight.root) == (4, -10.0, "19")
    assert ontology.event_type("0311").plover_type == "AGREE"
    assert ontology.root_name("19") == "FIGHT"
    assert ontology.description("036").startswith("Offer, promise")
    assert ontology.description("03") == ""


def test_goldstein_follows_gdelt_where_icews_differs(ontology: Ontology) -> None:
    scores = {code: ontology.event_type(code).goldstein for code in ("016", "022", "164", "165")}
    assert scores == {"016": -2.0, "022": 3.2, "164": -7.0, "165": -6.5}


def test_quad_class_follows_root(ontology: Ontology) -> None:
    bounds = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
    for code in ontology.codes():
        quad = ontology.event_type(code).quad_class
        assert int(code[:2]) in bounds[quad], code


def test_every_code_has_a_current_plover_type_or_explicitly_none(ontology: Ontology) -> None:
    assert ontology.plover_types() == CURRENT_PLOVER
    untyped = []
    for code in ontology.codes():
        event = ontology.event_type(code)
        if event.plover_type is None:
            assert event.plover_mode is None
            untyped.append(code)
        else:
            assert event.plover_type in CURRENT_PLOVER
    # PLOVER drops CAMEO 01 (statements); appeals (02) are REQUESTs; all else is typed.
    assert untyped and all(code[:2] == "01" for code in untyped)
    assert len(untyped) == 11
    assert ontology.event_type("026").plover_type == "REQUEST"
    assert ontology.event_type("026").plover_mode == "meet"


def test_crosswalk_decisions(ontology: Ontology) -> None:
    modes = {code: ontology.event_type(code).plover_mode for code in ("185", "0842", "1722")}
    assert modes == {"185": "targeted", "0842": None, "1722": "restrict"}
    assert ontology.event_type("08").plover_type == "CONCEDE"
    assert ontology.event_type("0841").plover_type == "RETREAT"
    assert ontology.plover_quad_class("SANCTION") == 4
    assert ontology.plover_contexts("0311") == ("economic",)


def test_unknown_code_says_how_to_list_valid_ones(ontology: Ontology) -> None:
    with pytest.raises(UnknownCodeError) as raised:
        ontology.event_type("1213")  # ICEWS-only, not in GDELT's numbering
    assert isinstance(raised.value, KeyError)
    message = str(raised.value)
    assert "unknown" in message and "'1213'" in message
    assert "Ontology.codes()" in message
    for call in (ontology.parent, ontology.children, ontology.name, ontology.root_name):
        with pytest.raises(UnknownCodeError):
            call("36")
    with pytest.raises(UnknownCodeError):
        ontology.root_name("036")
    assert not ontology.is_valid("36")
    assert ontology.is_valid("036")


def test_immutable(ontology: Ontology) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ontology._types = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        ontology._types["036"] = ontology.event_type("190")  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ontology.event_type("036").goldstein = 0.0  # type: ignore[misc]
    assert isinstance(ontology.codes(), tuple)
    assert isinstance(ontology.event_type("036"), EventType)


def _copy_data(tmp_path: Path) -> Path:
    for sub in ("cameo", "plover"):
        shutil.copytree(PACKAGE_DATA / sub, tmp_path / sub)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_load_from_a_directory(tmp_path: Path) -> None:
    assert Ontology.load(_copy_data(tmp_path)).codes() == Ontology.load().codes()


@pytest.mark.parametrize(
    ("file", "old", "new", "complaint"),
    [
        ("plover/plover_types.tsv", "\nASSAULT\t", "\nFIGHT\t", "not one of the 16"),
        ("plover/cameo2plover.tsv", "\n0311\tAGREE\t", "\n0311\tFIGHT\t", "not one of the 16"),
        ("plover/cameo2plover.tsv", "AGREE\t\teconomic", "AGREE\tphone\teconomic", "not a mode"),
        ("cameo/cameo_codes.tsv", "\t-10.0\t4\t", "\t-11.0\t4\t", "outside -10..10"),
        ("cameo/cameo_codes.tsv", "\n031\t", "\n039\t", "duplicate"),
        ("cameo/cameo_codes.tsv", "\n036\t", "\n36\t", "malformed"),
        ("cameo/cameo_codes.tsv", "\t-10.0\t4\t", "\t-10.0\t3\t", "quad class"),
    ],
)
def test_load_rejects_broken_data(
    tmp_path: Path, file: str, old: str, new: str, complaint: str
) -> None:
    data = _copy_data(tmp_path)
    _edit(data / file, old, new)
    with pytest.raises(OntologyError, match=complaint):
        Ontology.load(data)


def test_load_rejects_orphan_code(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    lines = (data / "cameo/cameo_codes.tsv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("031\t")]
    (data / "cameo/cameo_codes.tsv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="no parent 031"):
        Ontology.load(data)


def test_shipped_data_matches_its_generator() -> None:
    """The committed tables are what scripts/build_ontology.py makes of ../shared."""
    repo = PACKAGE_DATA.parents[2]
    if not (repo.parent / "shared" / "reference").is_dir():
        pytest.skip("the reference pack lives in ../shared")
    script = repo / "scripts" / "build_ontology.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
