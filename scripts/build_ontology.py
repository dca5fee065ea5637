"""Build the event-ontology data files from the shared reference pack.

Writes, under ``src/eventwire/data/``:

* ``cameo/cameo_codes.tsv``: the 311 CAMEO 1.1b3 codes in GDELT's numbering, with
  names, descriptions and usage notes from the MIT ICEWS codebook and Goldstein scores
  as GDELT publishes them (or ICEWS's, with ``--goldstein-source icews``).
* ``plover/cameo2plover.tsv``: a PLOVER type (one of today's 16) and mode for every
  CAMEO code, from the 2021 CAMEO→PLOVER crosswalk (CC BY-SA 4.0).
* ``plover/plover_types.tsv`` and ``plover/plover_modes.tsv``: the current types with
  their quad class, and the modes each type allows.

``--gdelt-py-data DIR`` cross-checks the ``cameo_goldstein.json``/``cameo_codes.json``
shipped in the PyPI package gdelt-py against the reference table and prints every
disagreement; nothing is taken from those files. ``--check`` rebuilds in memory and
fails if the committed files differ, so CI can tell when the data went stale.

Usage: python scripts/build_ontology.py [--reference DIR] [--out DIR]
       [--gdelt-py-data DIR] [--goldstein-source gdelt|icews] [--check]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "src" / "eventwire" / "data"

CODE_RE = re.compile(r"^(0[1-9]|1\d|20)(\d{1,2})?$")

# Older PLOVER type names (PLOVER README's 18-type version, PLOVER gold records) mapped
# to the 16 types of the current manual. The 2021 crosswalk already uses current names,
# so this is a guard: any other name fails the build.
LEGACY_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# Crosswalk modes the current manual no longer lists, per type: the current mode that
# covers the same events, or "" where none does.
LEGACY_MODES = {
    ("RETREAT", "return"): "",  # return of property; `release` is captives only
    ("RETREAT", "ease"): "",
    ("THREATEN", "ban"): "restrict",  # `restrict` includes bans on parties/politicians
    ("THREATEN", "political"): "restrict",
    ("COERCE", "ban"): "restrict",
    ("ASSAULT", "seize"): "destroy",  # only 1712 Destroy property uses it
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",  # `targeted` includes deliberate mass killings
    ("ASSAULT", "cleansing"): "",
}

# A context written in the mode column (175); it moves to the context column.
CONTEXTS_IN_MODE_SLOT = frozenset({"pro_autocracy"})


def quad_class_of(code: str) -> int:
    """GDELT's QuadClass by root: 01-05, 06-08, 09-13, 14-20 -> 1, 2, 3, 4."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def parent_of(code: str) -> str | None:
    return None if len(code) == 2 else code[:2] if len(code) == 3 else code[:3]


def tidy(text: str) -> str:
    """Whitespace collapsed, R's ``NA`` read as empty (as in the merged reference)."""
    return "" if text == "NA" else re.sub(r"\s+", " ", text).strip()


def capitalized(name: str) -> str:
    """ICEWS writes three labels (116, 193, 194) in lower case; the rest start upper."""
    return name[:1].upper() + name[1:]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class CameoRow:
    code: str
    name: str
    goldstein: float
    quad_class: int
    description: str
    usage_notes: str


@dataclass(frozen=True)
class PloverRow:
    cameo_code: str
    plover_type: str
    plover_mode: str
    plover_context: str
    origin: str
    note: str


def build_cameo(reference: Path, goldstein_source: str) -> list[CameoRow]:
    """GDELT's codes and order; ICEWS text; Goldstein from the chosen source."""
    merged = read_tsv(reference / "cameo" / "cameo_event_codes.tsv")
    with (reference / "cameo" / "sources" / "icews_cameo-codes.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        icews = {row["code"]: row for row in csv.DictReader(handle)}
    rows: list[CameoRow] = []
    for ref in merged:
        code = ref["code"]
        source = icews[code]
        gdelt, icews_score = float(ref["goldstein_gdelt"]), float(source["goldstein"])
        row = CameoRow(
            code=code,
            name=capitalized(tidy(source["name"])),
            goldstein=gdelt if goldstein_source == "gdelt" else icews_score,
            quad_class=quad_class_of(code),
            description=tidy(source["description"]),
            usage_notes=tidy(source["usage_notes"]),
        )
        # The merged reference was built independently: our reading must agree with it.
        expected = (
            capitalized(ref["name"]),
            ref["description"],
            ref["usage_notes"],
            int(ref["quad_class"]),
        )
        got = (row.name, row.description, row.usage_notes, row.quad_class)
        if got != expected:
            raise SystemExit(f"{code}: ICEWS text disagrees with the merged reference")
        if float(ref["goldstein_icews"] or ref["goldstein_gdelt"]) != icews_score:
            raise SystemExit(f"{code}: ICEWS Goldstein disagrees with the merged reference")
        rows.append(row)
    check_cameo(rows)
    return rows


def check_cameo(rows: Sequence[CameoRow]) -> None:
    codes = [row.code for row in rows]
    problems = []
    if len(codes) != 311 or len(set(codes)) != len(codes):
        problems.append(f"expected 311 unique codes, got {len(set(codes))}/{len(codes)}")
    known = set(codes)
    for row in rows:
        parent = parent_of(row.code)
        if not CODE_RE.match(row.code):
            problems.append(f"malformed code {row.code!r}")
        elif parent is not None and parent not in known:
            problems.append(f"{row.code} has no parent {parent}")
        if not -10.0 <= row.goldstein <= 10.0 or not row.name:
            problems.append(f"{row.code}: bad Goldstein or empty name")
    if problems:
        raise SystemExit("\n".join(problems))


def build_plover_types(reference: Path) -> tuple[list[dict[str, str]], list[tuple[str, str]]]:
    table = read_tsv(reference / "plover" / "plover_types_modes.tsv")
    types = [
        {
            "plover_type": row["event_type"],
            "quad_class": row["quad_class"],
            "quad_label": row["quad_label"],
            "requires_recipient": row["requires_recipient"],
        }
        for row in table
        if not row["mode"]
    ]
    modes = [(row["event_type"], row["mode"]) for row in table if row["mode"]]
    if len(types) != 16:
        raise SystemExit(f"expected 16 PLOVER types, got {len(types)}")
    return types, modes


def read_crosswalk(reference: Path, codes: set[str]) -> dict[str, tuple[dict[str, str], str]]:
    """First crosswalk row per code (08 and 175 appear twice) with a note on duplicates."""
    first: dict[str, tuple[dict[str, str], str]] = {}
    seen: dict[str, list[str]] = {}
    for row in read_tsv(reference / "plover" / "cameo2plover_2021.tsv"):
        code = row["cameo_code"]
        if code not in codes:
            continue  # 1213, 1214: ICEWS-only codes, not in GDELT's numbering
        seen.setdefault(code, []).append(row["plover_event"].strip())
        first.setdefault(code, (row, ""))
    for code, types in seen.items():
        if len(types) > 1:
            row, _ = first[code]
            first[code] = (row, f"first of {len(types)} crosswalk rows ({', '.join(types)})")
    return first


# CAMEO 02 appeals are requests in PLOVER's sense; the mode follows what is asked for.
APPEAL_MODES = {
    "021": "assist",
    "022": "assist",
    "023": "assist",
    "024": "change",
    "025": "yield",
    "026": "meet",
    "027": "meet",
    "028": "meet",
}


def build_crosswalk(
    reference: Path,
    cameo: Sequence[CameoRow],
    types: Iterable[str],
    modes: Iterable[tuple[str, str]],
) -> list[PloverRow]:
    valid_types, valid_modes = set(types), set(modes)
    codes = [row.code for row in cameo]
    crosswalk = read_crosswalk(reference, set(codes))
    out: list[PloverRow] = []
    for code in codes:
        ancestor: str | None = code
        while ancestor is not None and ancestor not in crosswalk:
            ancestor = parent_of(ancestor)
        if ancestor is None and code.startswith("02"):
            out.append(
                PloverRow(
                    code,
                    "REQUEST",
                    APPEAL_MODES.get(code[:3], ""),
                    "",
                    "eventwire",
                    "appeal: PLOVER REQUEST covers 'all requests, demands, and orders' "
                    "(manual definition); the 2021 crosswalk has no 02 rows",
                )
            )
            continue
        if ancestor is None:
            out.append(
                PloverRow(
                    code,
                    "",
                    "",
                    "",
                    "none",
                    "no crosswalk row for it or its parents: no PLOVER event",
                )
            )
            continue
        row, note = crosswalk[ancestor]
        notes = [note] if note else []
        origin = "crosswalk" if ancestor == code else "inherited"
        if origin == "inherited":
            notes.append(f"from parent {ancestor}")
        written = row["plover_event"].strip()
        plover_type = LEGACY_TYPES.get(written, written)
        if plover_type != written:
            notes.append(f"type {written} renamed {plover_type}")
        if plover_type not in valid_types:
            raise SystemExit(f"{code}: {written!r} is not a current PLOVER type")
        mode = row["plover_mode"].strip()
        contexts = [c.strip() for c in row["plover_context"].split(";") if c.strip()]
        if mode in CONTEXTS_IN_MODE_SLOT:
            notes.append(f"{mode!r} moved from mode to context")
            contexts.append(mode)
            mode = ""
        elif mode and (plover_type, mode) not in valid_modes:
            if (plover_type, mode) not in LEGACY_MODES:
                raise SystemExit(f"{code}: mode {mode!r} of {plover_type} has no mapping")
            new_mode = LEGACY_MODES[(plover_type, mode)]
            notes.append(f"mode {mode!r} " + (f"now {new_mode!r}" if new_mode else "dropped"))
            mode = new_mode
        out.append(PloverRow(code, plover_type, mode, ";".join(contexts), origin, "; ".join(notes)))
    return out


def render(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["\t".join(header)]
    for row in rows:
        fields = [str(value) for value in row]
        if any(ch in field for field in fields for ch in "\t\n\r"):
            raise SystemExit(f"tab or newline inside a field: {fields[0]}")
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


def cross_check_gdelt_py(data_dir: Path, cameo: Sequence[CameoRow], reference: Path) -> None:
    """Print where gdelt-py's lookups disagree with GDELT's published tables."""
    scores = json.loads((data_dir / "cameo_goldstein.json").read_text(encoding="utf-8"))
    labels = json.loads((data_dir / "cameo_codes.json").read_text(encoding="utf-8"))
    gdelt = {row["code"]: row for row in read_tsv(reference / "cameo" / "cameo_event_codes.tsv")}
    ours = {row.code for row in cameo}
    print(f"gdelt-py: {len(scores)} Goldstein codes, {len(labels)} labelled codes")
    print(f"  codes only in gdelt-py: {sorted(set(scores) - ours)}")
    print(f"  GDELT codes gdelt-py lacks: {sorted(ours - set(scores))}")
    differ = [
        (code, float(scores[code]["value"]), float(gdelt[code]["goldstein_gdelt"]))
        for code in gdelt
        if code in scores and float(scores[code]["value"]) != float(gdelt[code]["goldstein_gdelt"])
    ]
    print(f"  Goldstein differs from GDELT on {len(differ)} of {len(ours & set(scores))} codes")
    for code, theirs, published in differ:
        print(f"    {code}\tgdelt-py {theirs:+.1f}\tGDELT {published:+.1f}")
    quads = [
        code for code in ours & set(labels) if labels[code]["quad_class"] != quad_class_of(code)
    ]
    print(f"  quad class differs on {len(quads)} codes {sorted(quads)}")


def outputs(reference: Path, goldstein_source: str) -> dict[str, str]:
    cameo = build_cameo(reference, goldstein_source)
    types, modes = build_plover_types(reference)
    crosswalk = build_crosswalk(reference, cameo, [t["plover_type"] for t in types], modes)
    return {
        "cameo/cameo_codes.tsv": render(
            ("code", "name", "goldstein", "quad_class", "description", "usage_notes"),
            (
                (r.code, r.name, f"{r.goldstein:.1f}", r.quad_class, r.description, r.usage_notes)
                for r in cameo
            ),
        ),
        "plover/cameo2plover.tsv": render(
            ("cameo_code", "plover_type", "plover_mode", "plover_context", "origin", "note"),
            (
                (r.cameo_code, r.plover_type, r.plover_mode, r.plover_context, r.origin, r.note)
                for r in crosswalk
            ),
        ),
        "plover/plover_types.tsv": render(
            ("plover_type", "quad_class", "quad_label", "requires_recipient"),
            (tuple(row.values()) for row in types),
        ),
        "plover/plover_modes.tsv": render(("plover_type", "mode"), modes),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--gdelt-py-data", type=Path, help="py_gdelt/lookups/data of gdelt-py")
    parser.add_argument("--goldstein-source", choices=("gdelt", "icews"), default="gdelt")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)

    files = outputs(args.reference, args.goldstein_source)
    if args.gdelt_py_data:
        cross_check_gdelt_py(
            args.gdelt_py_data, build_cameo(args.reference, "gdelt"), args.reference
        )
    stale = []
    for name, text in files.items():
        target = args.out / name
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target} ({text.count(chr(10)) - 1} rows)")
    if stale:
        print(f"stale: {', '.join(stale)}; rerun scripts/build_ontology.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
