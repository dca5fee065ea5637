"""Score the coder against gold-coded sentences, and guard the scores with floors.

Two gold formats (those of ``../shared/eval``) are told apart by their keys:

* **CAMEO set** (``"events": [...]`` per sentence): precision, recall and F1 of
  (source, target, code) triples at three levels: the exact triple, (source
  country, target country, root) and the root alone, plus P/R/F1 per root.
  A sentence whose gold says ``"events": []`` still counts: whatever we code
  there is a false positive.
* **PLOVER set** (one record per gold event, ``"plover_type_current"``): the
  share of records whose gold type is among the PLOVER types of the events coded
  from the record's sentence, per-type hit rates, and how often one of those
  events also has a gold source country.

Actor codes are compared after :func:`parse_gold_actor` / :func:`actor_key`
normalisation (see their docstrings). Scoring is pure: it takes typed gold records
and typed predictions and never loads a model; :func:`predict` is the one place
that runs the pipeline.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from eventwire.countries import CAMEO_TO_ISO, TRANSNATIONAL_PREFIXES
from eventwire.records import Actor, CodedDocument, Event, IngestError, RawArticle

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

GoldFormat = Literal["cameo", "plover"]

NO_COUNTRY = "---"
# CAMEO families of transnational actors: the first three letters name the family,
# not a state. All members of a family compare equal at the country level.
NON_STATE_PREFIXES = TRANSNATIONAL_PREFIXES


class GoldFormatError(ValueError):
    """A gold file this module cannot read; the message names the file and line."""


# --------------------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class ActorKey:
    """An actor code as compared in scoring.

    ``code`` is the full code without a ``---`` prefix ("GOV", "USAGOV", "IGOUNO");
    ``country`` is the ISO-3 country, the family ("IGO") for transnational
    actors, or None when the code names no country.
    """

    code: str
    country: str | None

    @property
    def country_or_none(self) -> str:
        return self.country or NO_COUNTRY


def parse_gold_actor(code: str | None) -> ActorKey:
    """Read a gold code: ``---GOV`` -> (GOV, None); ``IGOUNOMIL`` -> (IGOUNOMIL, IGO);
    ``USAGOV`` -> (USAGOV, USA); ``---`` or empty -> ("", None)."""
    text = (code or "").strip().upper()
    if text.startswith(NO_COUNTRY):
        return ActorKey(code=text[len(NO_COUNTRY) :], country=None)
    if len(text) < 3 or not text[:3].isalpha():
        return ActorKey(code=text, country=None)
    return ActorKey(code=text, country=CAMEO_TO_ISO.get(text[:3], text[:3]))


def actor_key(actor: Actor | None) -> ActorKey:
    """Our actors carry their country explicitly, so a code such as "GOV" (no country)
    is never mistaken for a country code; a stray ``---`` prefix is dropped."""
    if actor is None:
        return ActorKey(code="", country=None)
    code = actor.code.strip().upper()
    if code.startswith(NO_COUNTRY):
        code = code[len(NO_COUNTRY) :]
    country = actor.country.upper() if actor.country else None
    if country is None and code[:3] in NON_STATE_PREFIXES:
        country = code[:3]
    return ActorKey(code=code, country=CAMEO_TO_ISO.get(country, country) if country else None)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Triple:
    """Who did what to whom, reduced to what the CAMEO gold records."""

    source: ActorKey
    target: ActorKey
    code: str

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class CameoGold:
    id: str
    text: str
    date: str | None
    events: tuple[Triple, ...]


@dataclass(frozen=True, slots=True)
class PloverGold:
    id: str
    text: str
    date: str | None
    plover_type: str
    source_countries: frozenset[str]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why the coder produced a triple: its trigger words and the pattern that fired."""

    triple: Triple
    plover_type: str | None
    trigger: str
    pattern: str
    modality: str
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the coder produced for one gold sentence."""

    triples: tuple[Triple, ...] = ()
    plover_types: tuple[tuple[str, str | None], ...] = ()  # (type, source country)
    error: str | None = None
    evidence: tuple[Evidence, ...] = ()


def triple_of(event: Event) -> Triple:
    return Triple(actor_key(event.source), actor_key(event.target), event.type.cameo)


def prediction_of(coded: CodedDocument | IngestError) -> Prediction:
    if isinstance(coded, IngestError):
        return Prediction(error=f"{coded.reason}: {coded.detail}".rstrip(": "))
    text = coded.document.text
    return Prediction(
        triples=tuple(triple_of(e) for e in coded.events),
        plover_types=tuple(
            (e.type.plover_type, actor_key(e.source).country)
            for e in coded.events
            if e.type.plover_type
        ),
        evidence=tuple(
            Evidence(
                triple_of(e),
                e.type.plover_type,
                e.trigger.of(text),
                e.pattern,
                e.modality,
                e.confidence,
            )
            for e in coded.events
        ),
    )


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True, slots=True)
class GoldSet:
    path: str
    format: GoldFormat
    cameo: tuple[CameoGold, ...] = ()
    plover: tuple[PloverGold, ...] = ()

    @property
    def name(self) -> str:
        return Path(self.path).name

    def texts(self) -> list[tuple[str, str, str | None]]:
        """Distinct (id, text, date) to code: PLOVER sets repeat a sentence per event."""
        seen: dict[str, tuple[str, str, str | None]] = {}
        records: tuple[CameoGold | PloverGold, ...] = (*self.cameo, *self.plover)
        for record in records:
            seen.setdefault(record.text, (record.id, record.text, record.date))
        return list(seen.values())


def detect_format(record: Mapping[str, object]) -> GoldFormat:
    if "events" in record:
        return "cameo"
    if "plover_type_current" in record or "plover_type" in record:
        return "plover"
    raise GoldFormatError(
        "record has neither 'events' (CAMEO gold) nor 'plover_type_current' (PLOVER gold); "
        f"keys: {', '.join(sorted(record))}"
    )


def _cameo_record(raw: Mapping[str, object]) -> CameoGold:
    events = raw.get("events") or []
    if not isinstance(events, list):
        raise GoldFormatError("'events' must be a list")
    triples = tuple(
        Triple(
            parse_gold_actor(str(e.get("source") or "")),
            parse_gold_actor(str(e.get("target") or "")),
            str(e["code"]).strip(),
        )
        for e in events
    )
    return CameoGold(str(raw["id"]), str(raw["text"]), _opt_str(raw.get("date")), triples)


def _plover_record(raw: Mapping[str, object]) -> PloverGold:
    gold_type = raw.get("plover_type_current") or raw.get("plover_type")
    sources = raw.get("source") or []
    countries = frozenset(
        c
        for s in (sources if isinstance(sources, list) else [])
        if isinstance(s, dict)
        for c in [parse_gold_actor(str(s.get("code") or "")).country]
        if c
    )
    return PloverGold(
        str(raw["id"]),
        str(raw["text"]),
        _opt_str(raw.get("date")),
        str(gold_type or "").upper(),
        countries,
    )


def _opt_str(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def load_gold(path: str | Path) -> GoldSet:
    """Read a gold JSON Lines file; the format is detected from the first record."""
    path = Path(path)
    fmt: GoldFormat | None = None
    cameo: list[CameoGold] = []
    plover: list[PloverGold] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                if not isinstance(raw, dict):
                    raise GoldFormatError("a record must be a JSON object")
                fmt = fmt or detect_format(raw)
                if fmt == "cameo":
                    cameo.append(_cameo_record(raw))
                else:
                    plover.append(_plover_record(raw))
            except (ValueError, KeyError, TypeError) as exc:
                raise GoldFormatError(f"{path}:{number}: {exc}") from exc
    if fmt is None:
        raise GoldFormatError(f"{path}: no gold records")
    return GoldSet(str(path), fmt, tuple(cameo), tuple(plover))


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class PRF:
    """Micro-averaged counts; precision of nothing predicted is 0, not undefined."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


CAMEO_LEVELS = ("exact", "country_root", "root")


def level_key(triple: Triple, level: str) -> tuple[str, ...]:
    if level == "exact":
        return (triple.source.code, triple.target.code, triple.code)
    if level == "country_root":
        return (triple.source.country_or_none, triple.target.country_or_none, triple.root)
    if level == "root":
        return (triple.root,)
    raise ValueError(f"unknown level {level!r}; valid levels: {', '.join(CAMEO_LEVELS)}")


def match(gold: Iterable[tuple[str, ...]], predicted: Iterable[tuple[str, ...]]) -> PRF:
    """Multiset matching within one sentence: each gold item is matched at most once."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return PRF(tp, sum(p.values()) - tp, sum(g.values()) - tp)


@dataclass(frozen=True, slots=True)
class CameoScores:
    records: int
    gold_events: int
    predicted_events: int
    errors: int
    levels: tuple[tuple[str, PRF], ...]
    per_root: tuple[tuple[str, PRF], ...]

    def level(self, name: str) -> PRF:
        return dict(self.levels)[name]

    def metrics(self) -> dict[str, float]:
        """Flat metric names, as pinned in ``quality/floors.json``."""
        return {
            f"{name}.{part}": round(getattr(prf, part), 4)
            for name, prf in self.levels
            for part in ("precision", "recall", "f1")
        }


def score_cameo(gold: Sequence[CameoGold], predictions: Mapping[str, Prediction]) -> CameoScores:
    """``predictions`` is keyed by gold record id; a missing id means nothing coded."""
    totals = dict.fromkeys(CAMEO_LEVELS, PRF())
    roots: dict[str, PRF] = {}
    predicted_events = errors = 0
    for record in gold:
        pred = predictions.get(record.id, Prediction())
        errors += pred.error is not None
        predicted_events += len(pred.triples)
        for level in CAMEO_LEVELS:
            totals[level] += match(
                (level_key(t, level) for t in record.events),
                (level_key(t, level) for t in pred.triples),
            )
        for root in {t.root for t in (*record.events, *pred.triples)}:
            roots[root] = roots.get(root, PRF()) + match(
                ((t.root,) for t in record.events if t.root == root),
                ((t.root,) for t in pred.triples if t.root == root),
            )
    return CameoScores(
        records=len(gold),
        gold_events=sum(len(r.events) for r in gold),
        predicted_events=predicted_events,
        errors=errors,
        levels=tuple((level, totals[level]) for level in CAMEO_LEVELS),
        per_root=tuple(sorted(roots.items())),
    )


@dataclass(frozen=True, slots=True)
class TypeHits:
    plover_type: str
    hits: int
    total: int

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class PloverScores:
    records: int
    hits: int
    source_country_hits: int
    errors: int
    per_type: tuple[TypeHits, ...] = field(default=())

    @property
    def type_hit_rate(self) -> float:
        return self.hits / self.records if self.records else 0.0

    @property
    def source_country_accuracy(self) -> float:
        """Share of records where an event of the gold type also has a gold source country."""
        return self.source_country_hits / self.records if self.records else 0.0

    def metrics(self) -> dict[str, float]:
        return {
            "type_hit_rate": round(self.type_hit_rate, 4),
            "source_country_accuracy": round(self.source_country_accuracy, 4),
        }


def score_plover(gold: Sequence[PloverGold], predictions: Mapping[str, Prediction]) -> PloverScores:
    hits = country_hits = errors = 0
    per_type: dict[str, tuple[int, int]] = {}
    for record in gold:
        pred = predictions.get(record.id, Prediction())
        errors += pred.error is not None
        coded = [country for ptype, country in pred.plover_types if ptype == record.plover_type]
        hit = bool(coded)
        hits += hit
        country_hits += hit and any(c in record.source_countries for c in coded)
        done, total = per_type.get(record.plover_type, (0, 0))
        per_type[record.plover_type] = (done + hit, total + 1)
    return PloverScores(
        records=len(gold),
        hits=hits,
        source_country_hits=country_hits,
        errors=errors,
        per_type=tuple(TypeHits(t, h, n) for t, (h, n) in sorted(per_type.items())),
    )


@dataclass(frozen=True, slots=True)
class EvalReport:
    gold: str
    format: GoldFormat
    model: str
    cameo: CameoScores | None = None
    plover: PloverScores | None = None

    def metrics(self) -> dict[str, float]:
        if self.cameo is not None:
            return self.cameo.metrics()
        return self.plover.metrics() if self.plover is not None else {}

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "gold": self.gold,
            "format": self.format,
            "model": self.model,
            "metrics": self.metrics(),
        }
        if self.cameo is not None:
            c = self.cameo
            out |= {
                "records": c.records,
                "gold_events": c.gold_events,
                "predicted_events": c.predicted_events,
                "errors": c.errors,
                "levels": {name: prf.as_dict() for name, prf in c.levels},
                "per_root": {root: prf.as_dict() for root, prf in c.per_root},
            }
        if self.plover is not None:
            p = self.plover
            out |= {
                "records": p.records,
                "hits": p.hits,
                "errors": p.errors,
                "per_type": {
                    t.plover_type: {"hits": t.hits, "total": t.total, "rate": round(t.rate, 4)}
                    for t in p.per_type
                },
            }
        return out


def score(gold: GoldSet, predictions: Mapping[str, Prediction], model: str = "") -> EvalReport:
    """Score predictions keyed by the id of the record whose text was coded.

    For PLOVER sets (several records per sentence) the predictions of a sentence
    are shared by every record with the same text.
    """
    if gold.format == "cameo":
        return EvalReport(gold.name, "cameo", model, cameo=score_cameo(gold.cameo, predictions))
    by_text = {text: predictions.get(rid, Prediction()) for rid, text, _ in gold.texts()}
    shared = {r.id: by_text.get(r.text, Prediction()) for r in gold.plover}
    return EvalReport(gold.name, "plover", model, plover=score_plover(gold.plover, shared))


def predict(pipeline: Pipeline, gold: GoldSet) -> dict[str, Prediction]:
    """Code each distinct gold sentence once (batched) and key the result by record id."""
    import datetime as dt

    articles = [
        RawArticle(
            id=rid,
            text=text,
            origin=f"{gold.path}#{rid}",
            published=dt.date.fromisoformat(date[:10]) if date else None,
        )
        for rid, text, date in gold.texts()
    ]
    by_origin = {a.origin: a.id or "" for a in articles}
    out: dict[str, Prediction] = {}
    for coded in pipeline.code_articles(articles):
        if isinstance(coded, IngestError):
            key = by_origin.get(coded.source) or (coded.record or "")
        else:
            key = coded.document.id
        out[key] = prediction_of(coded)
    return out


# --------------------------------------------------------------------------- errors

ErrorKind = Literal["false_positive", "miss"]


@dataclass(frozen=True, slots=True)
class ErrorCase:
    """One scoring error, with what the coder did in that sentence, so the next fix
    can start from evidence: a false positive names its trigger and pattern; a miss
    lists what was coded instead."""

    gold: str
    record_id: str
    text: str
    kind: ErrorKind
    expected: str  # the gold key (a miss) or "" (a false positive)
    predicted: str  # the coded key (a false positive) or "" (a miss)
    trigger: str = ""
    pattern: str = ""
    modality: str = ""
    coded_instead: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "gold": self.gold,
            "id": self.record_id,
            "kind": self.kind,
            "expected": self.expected,
            "predicted": self.predicted,
            "trigger": self.trigger,
            "pattern": self.pattern,
            "modality": self.modality,
            "coded_instead": list(self.coded_instead),
            "text": self.text,
        }


def _show(key: tuple[str, ...]) -> str:
    return " ".join(part or NO_COUNTRY for part in key)


def error_cases(
    gold: GoldSet, predictions: Mapping[str, Prediction], level: str = "country_root"
) -> list[ErrorCase]:
    """False positives and misses at a CAMEO ``level``; for PLOVER sets, the
    records whose gold type was not coded (misses only: PLOVER gold is not
    exhaustive, so an extra event is not known to be wrong)."""
    if level not in CAMEO_LEVELS:
        raise ValueError(f"unknown level {level!r}; valid levels: {', '.join(CAMEO_LEVELS)}")
    cases: list[ErrorCase] = []
    if gold.format == "plover":
        by_text = {text: predictions.get(rid, Prediction()) for rid, text, _ in gold.texts()}
        for plover in gold.plover:
            pred = by_text.get(plover.text, Prediction())
            if any(t == plover.plover_type for t, _ in pred.plover_types):
                continue
            instead = tuple(
                f"{e.plover_type or NO_COUNTRY} ({e.triple.code} via {e.pattern})"
                for e in pred.evidence
            )
            cases.append(
                ErrorCase(
                    gold.name,
                    plover.id,
                    plover.text,
                    "miss",
                    plover.plover_type,
                    "",
                    coded_instead=instead,
                )
            )
        return cases
    for record in gold.cameo:
        pred = predictions.get(record.id, Prediction())
        expected = Counter(level_key(t, level) for t in record.events)
        coded = Counter(level_key(e.triple, level) for e in pred.evidence)
        spare = coded - expected
        for item in pred.evidence:
            key = level_key(item.triple, level)
            if spare[key] > 0:
                spare[key] -= 1
                cases.append(
                    ErrorCase(
                        gold.name,
                        record.id,
                        record.text,
                        "false_positive",
                        "",
                        _show(key),
                        item.trigger,
                        item.pattern,
                        item.modality,
                    )
                )
        instead = tuple(
            f"{_show(level_key(e.triple, level))} via {e.pattern}" for e in pred.evidence
        )
        for key in (expected - coded).elements():
            cases.append(
                ErrorCase(
                    gold.name, record.id, record.text, "miss", _show(key), "", coded_instead=instead
                )
            )
    return cases


CONFIDENCE_BANDS = (0.0, 0.5, 0.7, 0.85)


@dataclass(frozen=True, slots=True)
class CalibrationBand:
    """Of the events coded with confidence in [low, high), how many were right."""

    low: float
    high: float
    coded: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.coded if self.coded else 0.0


def calibration(
    gold: GoldSet, predictions: Mapping[str, Prediction], level: str = "country_root"
) -> tuple[CalibrationBand, ...]:
    """Precision per confidence band on a CAMEO set (whose gold is exhaustive per
    sentence), so users can pick a ``min_confidence`` with evidence."""
    bounds = (*CONFIDENCE_BANDS, 1.01)
    coded = [0] * len(CONFIDENCE_BANDS)
    correct = [0] * len(CONFIDENCE_BANDS)
    for record in gold.cameo:
        pred = predictions.get(record.id, Prediction())
        unmatched = Counter(level_key(t, level) for t in record.events)
        # the surest events claim the gold first
        for item in sorted(pred.evidence, key=lambda e: -e.confidence):
            band = next(i for i in range(len(CONFIDENCE_BANDS)) if item.confidence < bounds[i + 1])
            coded[band] += 1
            key = level_key(item.triple, level)
            if unmatched[key] > 0:
                unmatched[key] -= 1
                correct[band] += 1
    return tuple(
        CalibrationBand(bounds[i], min(1.0, bounds[i + 1]), coded[i], correct[i])
        for i in range(len(CONFIDENCE_BANDS))
    )


# --------------------------------------------------------------------------- floors


@dataclass(frozen=True, slots=True)
class FloorBreach:
    gold: str
    metric: str
    value: float
    floor: float

    def __str__(self) -> str:
        return f"{self.gold}: {self.metric} = {self.value:.4f} is below its floor {self.floor:.4f}"


@dataclass(frozen=True, slots=True)
class FloorChange:
    gold: str
    metric: str
    old: float
    new: float

    def __str__(self) -> str:
        return f"{self.gold}: {self.metric} floor raised {self.old:.4f} -> {self.new:.4f}"


Floors = Mapping[str, Mapping[str, float]]


def load_floors(path: str | Path) -> dict[str, dict[str, float]]:
    """``{gold file name: {metric: floor}}``; keys starting with ``_`` are comments."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return {
        gold: {metric: float(value) for metric, value in metrics.items()}
        for gold, metrics in raw.items()
        if not gold.startswith("_") and isinstance(metrics, dict)
    }


def check_floors(report: EvalReport, floors: Floors) -> tuple[FloorBreach, ...]:
    """Every pinned metric of this gold file that is below its floor (a metric the
    report lacks counts as 0, so a renamed metric cannot pass silently)."""
    pinned = floors.get(report.gold, {})
    metrics = report.metrics()
    return tuple(
        FloorBreach(report.gold, name, metrics.get(name, 0.0), floor)
        for name, floor in sorted(pinned.items())
        if metrics.get(name, 0.0) < floor
    )


def raise_floors(
    report: EvalReport, floors: Floors
) -> tuple[dict[str, dict[str, float]], tuple[FloorChange, ...]]:
    """Raise pinned floors of this gold file to the measured value (cut to 3 decimals,
    so a floor never exceeds the score that set it). Floors only go up; metrics that
    are not pinned are left unpinned."""
    updated = {gold: dict(metrics) for gold, metrics in floors.items()}
    pinned = updated.get(report.gold, {})
    changes = []
    for name, value in report.metrics().items():
        if name not in pinned:
            continue
        new = math.floor(value * 1000) / 1000
        if new > pinned[name]:
            changes.append(FloorChange(report.gold, name, pinned[name], new))
            pinned[name] = new
    return updated, tuple(changes)


def write_floors(path: str | Path, floors: Floors, comment: str | None = None) -> None:
    body: dict[str, object] = {"_comment": comment} if comment else {}
    body |= {gold: dict(sorted(m.items())) for gold, m in sorted(floors.items())}
    Path(path).write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
