"""Trigger pattern table: verbs and event nouns -> CAMEO codes, validated at load.

The coder looks a trigger lemma up here and checks each candidate's constraints
(particle, preposition, object) against the parse itself; this module only owns the
data and guarantees that every row can be reached and every code exists. It takes a
plain collection of valid codes so it does not depend on the ontology module.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Literal, cast

NULL_CODE = "---"
COLUMNS = (
    "kind",
    "lemma",
    "particle",
    "prep",
    "object",
    "code",
    "passive_code",
    "target",
    "origin",
    "note",
)
KINDS = frozenset({"verb", "noun"})
# What the coder can see in the `prep` column: spaCy's `prep`/`agent`/`dative` children.
PREPOSITIONS = frozenset(
    {
        "about", "above", "across", "after", "against", "along", "amid", "amidst", "among",
        "amongst", "around", "as", "at", "before", "behind", "below", "beneath", "beside",
        "besides", "between", "beyond", "by", "despite", "during", "except", "for", "from",
        "in", "inside", "into", "like", "near", "of", "off", "on", "onto", "out", "outside",
        "over", "past", "per", "since", "than", "through", "throughout", "to", "toward",
        "towards", "under", "underneath", "unlike", "until", "up", "upon", "via", "with",
        "within", "without",
    }
)  # fmt: skip
# Words spaCy attaches to a verb as `prt`.
PARTICLES = frozenset(
    {"up", "down", "out", "off", "away", "back", "aside", "forward", "together", "apart"}
    | {"in", "on", "over", "through", "around", "along", "ahead", "about", "by"}
)
# Closed-class words that are never the lemma of a `dobj`/`pobj` ("battle [with]").
NON_OBJECTS = PREPOSITIONS | frozenset(
    {"a", "an", "the", "and", "or", "but", "nor", "if", "whether", "that", "not", "to"}
)
TARGETS = frozenset({"dobj", "pobj", "none", "auto"})
ORIGINS = frozenset({"petrarch2", "eventwire"})

Kind = Literal["verb", "noun"]
Target = Literal["dobj", "pobj", "none", "auto"]


class PatternError(ValueError):
    """A pattern file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger usage and the event code it produces."""

    kind: Kind
    lemma: str
    particle: str
    prep: str
    object: str
    code: str  # CAMEO code, or NULL_CODE for "no event"
    passive_code: str  # "" = same as code
    target: Target
    origin: str
    note: str
    line: int

    @property
    def specificity(self) -> int:
        """How many constraints the usage must meet: more wins over fewer."""
        return sum(1 for part in (self.particle, self.prep, self.object) if part)

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.kind, self.lemma, self.particle, self.prep, self.object)

    def code_for(self, passive: bool) -> str | None:
        """The event code in this voice, or None when this usage is no event."""
        code = self.passive_code or self.code if passive else self.code
        return None if code == NULL_CODE else code


LIGHT_VERB_FILE = "light_verbs.txt"
MODIFIER_FILE = "noun_modifiers.tsv"
PATTERN_FILE = "event_patterns.tsv"


class PatternTable:
    """Immutable lookup of trigger patterns by (kind, lemma)."""

    def __init__(
        self,
        patterns: tuple[Pattern, ...],
        light_verbs: frozenset[str],
        modifiers: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        grouped: dict[tuple[str, str], list[Pattern]] = {}
        for pattern in patterns:
            grouped.setdefault((pattern.kind, pattern.lemma), []).append(pattern)
        self._by_trigger: dict[tuple[str, str], tuple[Pattern, ...]] = {
            key: tuple(sorted(rows, key=lambda p: (-p.specificity, p.line)))
            for key, rows in grouped.items()
        }
        self._patterns = patterns
        self._light_verbs = light_verbs
        self._modifiers: Mapping[tuple[str, str], str] = MappingProxyType(dict(modifiers or {}))
        self._lemmas = {
            kind: frozenset(lemma for (k, lemma) in self._by_trigger if k == kind) for kind in KINDS
        }

    @classmethod
    def load(cls, valid_codes: Collection[str], path: Path | None = None) -> PatternTable:
        """Read and validate the pattern file (package data unless `path` is given).

        The light-verb list is read from the same folder; a missing one is empty.
        """
        codes = frozenset(valid_codes)
        folder: Traversable = (
            resources.files("eventwire") / "data" / "patterns" if path is None else path.parent
        )
        pattern_file = folder / PATTERN_FILE if path is None else path
        text = pattern_file.read_text(encoding="utf-8")
        light = folder / LIGHT_VERB_FILE
        light_text = light.read_text(encoding="utf-8") if light.is_file() else ""
        modifiers = folder / MODIFIER_FILE
        modifier_text = modifiers.read_text(encoding="utf-8") if modifiers.is_file() else ""
        name = f"eventwire/data/patterns/{PATTERN_FILE}" if path is None else str(path)
        return cls(
            parse_patterns(text, codes, name),
            parse_light_verbs(light_text),
            parse_modifiers(modifier_text, codes, MODIFIER_FILE),
        )

    def modified_code(self, lemma: str, modifiers: Iterable[str]) -> str | None:
        """The code an event noun takes with a telling modifier ("hunger strike",
        "air strike", "news conference"), or None when no modifier decides it."""
        for modifier in modifiers:
            code = self._modifiers.get((lemma, modifier))
            if code is not None:
                return code
        return None

    def candidates(self, kind: str, lemma: str) -> tuple[Pattern, ...]:
        """Patterns for a trigger, most specific first (file order among equals)."""
        return self._by_trigger.get((kind, lemma), ())

    def trigger_lemmas(self, kind: str) -> frozenset[str]:
        return self._lemmas.get(kind, frozenset())

    def light_verbs(self) -> frozenset[str]:
        """Verbs whose event comes from their object noun ("hold talks")."""
        return self._light_verbs

    def codes_covered(self) -> frozenset[str]:
        """Every CAMEO code some pattern can produce, in either voice."""
        found = {p.code for p in self._patterns} | {p.passive_code for p in self._patterns}
        return frozenset(found - {NULL_CODE, ""})

    def __iter__(self) -> Iterator[Pattern]:
        return iter(self._patterns)

    def __len__(self) -> int:
        return len(self._patterns)


def unreachable_reason(kind: str, lemma: str, particle: str, prep: str, obj: str) -> str | None:
    """Why no parse can ever match this key, from its words alone (None: it may match).

    Cheap and static; the build script adds the model's own lemmatiser on top
    (plural or inflected lemmas such as "talks" or "attacked")."""
    for column, word in (("lemma", lemma), ("particle", particle), ("prep", prep), ("object", obj)):
        if word != word.strip().lower() or " " in word or "\t" in word:
            return f"{column} {word!r} is not one lower-case word"
    if kind == "noun" and particle:
        return "nouns take no particle"
    if particle and particle not in PARTICLES:
        return f"particle {particle!r} is not a verb particle"
    if prep and prep not in PREPOSITIONS:
        return f"prep {prep!r} is not a preposition"
    if obj in NON_OBJECTS:
        return f"object {obj!r} is a function word, never a dobj/pobj lemma"
    if lemma in NON_OBJECTS:
        return f"lemma {lemma!r} is a function word, never a {kind}"
    return None


def parse_patterns(text: str, valid_codes: frozenset[str], name: str) -> tuple[Pattern, ...]:
    """Parse the TSV text; raise PatternError naming `name` and the line on any fault."""
    header_seen = False
    seen: dict[tuple[str, str, str, str, str], Pattern] = {}
    patterns: list[Pattern] = []
    for line_no, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue

        fail = partial(_error, name, line_no)
        fields = next(csv.reader([raw], delimiter="\t", quoting=csv.QUOTE_NONE))
        if not header_seen:
            if tuple(fields) != COLUMNS:
                raise fail(f"expected header {'/'.join(COLUMNS)}")
            header_seen = True
            continue
        if len(fields) != len(COLUMNS):
            raise fail(f"expected {len(COLUMNS)} tab-separated fields, found {len(fields)}")
        pattern = _row_to_pattern(fields, line_no, valid_codes, fail)
        earlier = seen.get(pattern.key)
        if earlier is not None:
            same = (earlier.code, earlier.passive_code) == (pattern.code, pattern.passive_code)
            what = "duplicate of" if same else "conflicts with"
            raise fail(f"{what} line {earlier.line} ({'/'.join(pattern.key)})")
        seen[pattern.key] = pattern
        patterns.append(pattern)
    if not header_seen:
        raise PatternError(f"{name}: no header row")
    for pattern, twin in _redundant_nouns(seen):
        raise _error(
            name,
            pattern.line,
            f"same effect as line {twin.line} ({'/'.join(twin.key)} -> {twin.code}): "
            "the object adds nothing",
        )
    return tuple(patterns)


def _redundant_nouns(
    rows: Mapping[tuple[str, str, str, str, str], Pattern],
) -> Iterator[tuple[Pattern, Pattern]]:
    """Noun rows whose object changes nothing: the same noun and preposition without
    the object give the same code (nouns have no voice and take their target from the
    preposition alone), and no object-only row of another code sits in between."""
    for pattern in rows.values():
        if pattern.kind != "noun" or not pattern.object:
            continue
        general = rows.get(("noun", pattern.lemma, "", pattern.prep, ""))
        if general is None or general.code != pattern.code:
            continue
        between = (
            rows.get(("noun", pattern.lemma, "", "", pattern.object)) if pattern.prep else None
        )
        if between is None or between.code == pattern.code:
            yield pattern, general


def _error(name: str, line_no: int, reason: str) -> PatternError:
    return PatternError(f"{name}:{line_no}: {reason}")


def _row_to_pattern(
    fields: list[str],
    line_no: int,
    valid_codes: frozenset[str],
    make_error: Callable[[str], PatternError],
) -> Pattern:
    values = dict(zip(COLUMNS, (f.strip() for f in fields), strict=True))
    kind, lemma, target = values["kind"], values["lemma"], values["target"] or "auto"
    if kind not in KINDS:
        raise make_error(f"unknown kind {kind!r}")
    if not lemma or lemma != lemma.lower() or " " in lemma:
        raise make_error(f"lemma must be one lower-case word, got {lemma!r}")
    if target not in TARGETS:
        raise make_error(f"unknown target {target!r}")
    if values["origin"] not in ORIGINS:
        raise make_error(f"unknown origin {values['origin']!r}")
    for column in ("code", "passive_code"):
        code = values[column]
        if code and code != NULL_CODE and code not in valid_codes:
            raise make_error(f"unknown CAMEO code {code!r} in {column}")
    if not values["code"]:
        raise make_error("empty code (use --- for no event)")
    if target == "pobj" and not values["prep"]:
        raise make_error("target=pobj needs a prep, or the target can never be found")
    unreachable = unreachable_reason(
        kind, lemma, values["particle"], values["prep"], values["object"]
    )
    if unreachable is not None:
        raise make_error(f"unreachable: {unreachable}")
    if kind == "noun" and values["passive_code"]:
        raise make_error("nouns have no passive voice")
    if kind == "noun" and target == "dobj":
        raise make_error("nouns have no direct object")
    return Pattern(
        kind=cast(Kind, kind),
        lemma=lemma,
        particle=values["particle"],
        prep=values["prep"],
        object=values["object"],
        code=values["code"],
        passive_code=values["passive_code"],
        target=cast(Target, target),
        origin=values["origin"],
        note=values["note"],
        line=line_no,
    )


def parse_modifiers(
    text: str, valid_codes: frozenset[str], name: str
) -> dict[tuple[str, str], str]:
    """``lemma<TAB>modifier<TAB>code`` rows; code ``---`` means "no event"."""
    table: dict[tuple[str, str], str] = {}
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not _content(line) or line.startswith("lemma\t"):
            continue
        cells = line.split("#", 1)[0].rstrip().split("\t")
        if len(cells) < 3:
            raise _error(name, line_no, "expected lemma, modifier, code")
        lemma, modifier, code = (c.strip().lower() for c in cells[:3])
        if code != NULL_CODE and code not in valid_codes:
            raise _error(name, line_no, f"unknown CAMEO code {code!r}")
        if (lemma, modifier) in table:
            raise _error(name, line_no, f"duplicate modifier row {lemma!r} {modifier!r}")
        table[(lemma, modifier)] = code
    return table


def parse_light_verbs(text: str) -> frozenset[str]:
    """One lemma per line, optionally followed by a particle or preposition."""
    verbs = {line.split("#", 1)[0].split()[0] for line in text.splitlines() if _content(line)}
    return frozenset(verbs)


def _content(line: str) -> bool:
    return bool(line.split("#", 1)[0].strip())
