"""The CAMEO event ontology and its PLOVER translation, loaded from package data.

The tables live in ``eventwire/data/cameo`` (CAMEO 1.1b3 as GDELT numbers it) and
``eventwire/data/plover`` (CC BY-SA 4.0, kept apart for its licence); both are
built by ``scripts/build_ontology.py``. Loading validates them, so a hand edit that
breaks the code tree or names a PLOVER type that no longer exists fails at start-up
rather than producing quietly wrong events. An :class:`Ontology` is immutable, so
one instance can be shared by every coder in a process.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

from eventwire.records import EventType

CAMEO_CODES = "cameo/cameo_codes.tsv"
CAMEO_TO_PLOVER = "plover/cameo2plover.tsv"
PLOVER_TYPES = "plover/plover_types.tsv"
PLOVER_MODES = "plover/plover_modes.tsv"

_CODE = re.compile(r"^(0[1-9]|1\d|20)(\d{1,2})?$")


class OntologyError(ValueError):
    """The ontology data files are inconsistent; the message says where."""


class UnknownCodeError(KeyError):
    """A CAMEO code the ontology does not define; the message says how to list valid ones."""

    def __init__(self, code: str, count: int) -> None:
        self.code = code
        super().__init__(
            f"unknown CAMEO event code {code!r}: codes are strings of 2-4 digits such as "
            f"'04', '036', '0311'; Ontology.codes() lists all {count} valid codes "
            "(Ontology.roots() the 20 roots)"
        )

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class Ontology:
    """CAMEO codes with names, Goldstein scores, quad classes and PLOVER types."""

    _types: Mapping[str, EventType]
    _descriptions: Mapping[str, str]
    _children: Mapping[str, tuple[str, ...]]
    _plover_types: tuple[str, ...]
    _plover_quad: Mapping[str, int]
    _plover_contexts: Mapping[str, tuple[str, ...]]

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Ontology:
        """Read and validate the tables under ``data_dir`` (the directory holding
        ``cameo/`` and ``plover/``); by default the package's own data."""
        base: Traversable = data_dir if data_dir is not None else files("eventwire") / "data"
        cameo = _read(base, CAMEO_CODES)
        crosswalk = _read(base, CAMEO_TO_PLOVER)
        plover_rows = _read(base, PLOVER_TYPES)
        mode_rows = _read(base, PLOVER_MODES)

        plover_quad = _plover_quad_classes(plover_rows)
        modes = {(row["plover_type"], row["mode"]) for _, row in mode_rows}
        plover_by_code = _plover_by_code(crosswalk, plover_quad, modes)

        types: dict[str, EventType] = {}
        descriptions: dict[str, str] = {}
        for line, row in cameo:
            code = row["code"]
            where = f"{CAMEO_CODES}:{line}"
            if not _CODE.match(code):
                raise OntologyError(f"{where}: malformed CAMEO code {code!r}")
            if code in types:
                raise OntologyError(f"{where}: duplicate CAMEO code {code!r}")
            if code not in plover_by_code:
                raise OntologyError(f"{where}: {code} has no row in {CAMEO_TO_PLOVER}")
            plover_type, plover_mode, _ = plover_by_code[code]
            types[code] = EventType(
                cameo=code,
                name=_required(row, "name", where),
                goldstein=_goldstein(row["goldstein"], where),
                quad_class=_quad_class(code, row["quad_class"], where),
                plover_type=plover_type,
                plover_mode=plover_mode,
            )
            descriptions[code] = row["description"]
        children = _child_table(types)
        if extra := sorted(set(plover_by_code) - set(types)):
            raise OntologyError(f"{CAMEO_TO_PLOVER}: codes not in {CAMEO_CODES}: {extra}")

        return cls(
            _types=MappingProxyType(types),
            _descriptions=MappingProxyType(descriptions),
            _children=MappingProxyType(children),
            _plover_types=tuple(plover_quad),
            _plover_quad=MappingProxyType(plover_quad),
            _plover_contexts=MappingProxyType(
                {code: contexts for code, (_, _, contexts) in plover_by_code.items()}
            ),
        )

    def event_type(self, code: str) -> EventType:
        try:
            return self._types[code]
        except KeyError:
            raise UnknownCodeError(code, len(self._types)) from None

    def is_valid(self, code: str) -> bool:
        return code in self._types

    def codes(self) -> tuple[str, ...]:
        """All codes in CAMEO order (each root followed by its subtree)."""
        return tuple(self._types)

    def roots(self) -> tuple[str, ...]:
        return tuple(code for code in self._types if len(code) == 2)

    def children(self, code: str) -> tuple[str, ...]:
        """Direct children: 3-digit codes under a root, 4-digit codes under those."""
        self.event_type(code)
        return self._children.get(code, ())

    def parent(self, code: str) -> str | None:
        """The code one level up, or None for a root."""
        self.event_type(code)
        return _parent(code)

    def name(self, code: str) -> str:
        return self.event_type(code).name

    def description(self, code: str) -> str:
        """The codebook definition; empty for the 20 roots."""
        self.event_type(code)
        return self._descriptions[code]

    def root_name(self, root: str) -> str:
        if len(root) != 2:
            raise UnknownCodeError(root, len(self._types))
        return self.name(root)

    def plover_types(self) -> tuple[str, ...]:
        """The 16 current PLOVER event types, in quad-class order."""
        return self._plover_types

    def plover_quad_class(self, plover_type: str) -> int:
        if plover_type not in self._plover_quad:
            raise KeyError(f"unknown PLOVER type {plover_type!r}; see Ontology.plover_types()")
        return self._plover_quad[plover_type]

    def plover_contexts(self, code: str) -> tuple[str, ...]:
        """PLOVER contexts the crosswalk suggests for a code (e.g. 'economic')."""
        self.event_type(code)
        return self._plover_contexts[code]


def _parent(code: str) -> str | None:
    if len(code) == 2:
        return None
    return code[:2] if len(code) == 3 else code[:3]


def _child_table(types: Mapping[str, EventType]) -> dict[str, tuple[str, ...]]:
    children: dict[str, list[str]] = {}
    for code in types:
        parent = _parent(code)
        if parent is None:
            continue
        if parent not in types:
            raise OntologyError(f"{CAMEO_CODES}: {code} has no parent {parent}")
        children.setdefault(parent, []).append(code)
    return {parent: tuple(kids) for parent, kids in children.items()}


def _plover_quad_classes(rows: Iterable[tuple[int, dict[str, str]]]) -> dict[str, int]:
    quad: dict[str, int] = {}
    for line, row in rows:
        name = row["plover_type"]
        if name in quad:
            raise OntologyError(f"{PLOVER_TYPES}:{line}: duplicate type {name!r}")
        quad[name] = _int_in(row["quad_class"], 1, 4, f"{PLOVER_TYPES}:{line}")
    if len(quad) != 16:
        raise OntologyError(f"{PLOVER_TYPES}: expected the 16 current types, got {len(quad)}")
    return quad


def _plover_by_code(
    rows: Iterable[tuple[int, dict[str, str]]],
    quad: Mapping[str, int],
    modes: set[tuple[str, str]],
) -> dict[str, tuple[str | None, str | None, tuple[str, ...]]]:
    out: dict[str, tuple[str | None, str | None, tuple[str, ...]]] = {}
    for line, row in rows:
        where = f"{CAMEO_TO_PLOVER}:{line}"
        code, plover_type, mode = row["cameo_code"], row["plover_type"], row["plover_mode"]
        if code in out:
            raise OntologyError(f"{where}: duplicate CAMEO code {code!r}")
        if plover_type and plover_type not in quad:
            raise OntologyError(f"{where}: {plover_type!r} is not one of the 16 PLOVER types")
        if mode and (plover_type, mode) not in modes:
            raise OntologyError(f"{where}: {mode!r} is not a mode of {plover_type or 'no type'}")
        contexts = tuple(c for c in row["plover_context"].split(";") if c)
        out[code] = (plover_type or None, mode or None, contexts)
    return out


def _read(base: Traversable, name: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV file with their line numbers, for error messages."""
    resource = base
    for part in name.split("/"):
        resource = resource / part
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise OntologyError(f"missing ontology data file {name} under {base}") from error
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for row in reader:
        if None in row or None in row.values():
            raise OntologyError(f"{name}:{reader.line_num}: wrong number of fields")
        rows.append((reader.line_num, row))
    return rows


def _required(row: Mapping[str, str], column: str, where: str) -> str:
    if not row[column]:
        raise OntologyError(f"{where}: empty {column}")
    return row[column]


def _goldstein(value: str, where: str) -> float:
    try:
        score = float(value)
    except ValueError:
        raise OntologyError(f"{where}: Goldstein score {value!r} is not a number") from None
    if not -10.0 <= score <= 10.0:
        raise OntologyError(f"{where}: Goldstein score {score} outside -10..10")
    return score


def _quad_class(code: str, value: str, where: str) -> int:
    """GDELT's QuadClass follows the root: 01-05, 06-08, 09-13, 14-20 -> 1-4."""
    quad = _int_in(value, 1, 4, where)
    root = int(code[:2])
    expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
    if quad != expected:
        raise OntologyError(f"{where}: quad class {quad} for root {code[:2]}, expected {expected}")
    return quad


def _int_in(value: str, low: int, high: int, where: str) -> int:
    if not value.isdigit() or not low <= int(value) <= high:
        raise OntologyError(f"{where}: {value!r} is not an integer in {low}..{high}")
    return int(value)
