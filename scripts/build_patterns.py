"""Build src/eventwire/data/patterns/event_patterns.tsv.

Converts the PETRARCH-2 verb dictionary (../shared/reference/petrarch2/CAMEO.2.0.txt,
MIT) into flat trigger rows, then merges the hand-written rows of
`eventwire_rows.tsv` (which win over converted rows with the same key). Lemmas are
taken from the pinned spaCy model, so the table's lemmas are the ones the coder sees.

Run from the repository root:  .venv/bin/python scripts/build_patterns.py
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.events.patterns import COLUMNS as PATTERN_COLUMNS
from eventwire.events.patterns import NULL_CODE, unreachable_reason

if TYPE_CHECKING:
    from spacy.language import Language

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "reference"
SOURCE = SHARED / "petrarch2" / "CAMEO.2.0.txt"
CAMEO_CODES = SHARED / "cameo" / "cameo_event_codes.tsv"
DATA = REPO / "src" / "eventwire" / "data" / "patterns"
HANDWRITTEN = DATA / "eventwire_rows.tsv"
OUTPUT = DATA / "event_patterns.tsv"

COLUMNS = PATTERN_COLUMNS
NULL = NULL_CODE

# Words that spaCy attaches to a verb as `prt` rather than `prep`.
PARTICLES = frozenset(
    {"up", "down", "out", "off", "away", "back", "aside", "forward", "together", "apart"}
)
# Words that may follow a multi-word verb as its preposition.
PREPOSITIONS = frozenset(
    {
        "about", "after", "against", "along", "among", "as", "at", "behind", "between",
        "by", "during", "for", "from", "in", "into", "of", "on", "onto", "over",
        "through", "to", "toward", "towards", "under", "upon", "with", "within",
    }
)  # fmt: skip
# Codes that GDELT's CAMEO 1.1b3 list lacks, mapped to their parent.
CODE_FIXES = {"1213": "121", "176": "17", "1952": "195", "080!": "080"}
TABARI_MARKERS = frozenset("$+^%")
# Verb forms the carrier-sentence test gets wrong.
VERB_LEMMA_FIXES = {"angered": "anger", "imbed": "imbed", "embed": "embed"}


@dataclass(frozen=True)
class Constraint:
    """What a pattern requires after the verb, in our column vocabulary."""

    particle: str = ""
    prep: str = ""
    object: str = ""


@dataclass(frozen=True)
class RawRow:
    """One converted candidate row before conflicts are resolved."""

    lemma: str
    constraint: Constraint
    code: str
    passive_code: str
    note: str
    for_this_verb: bool  # the pattern's comment names this verb
    original_size: int  # words in the original pattern (more = more specific)
    order: int


@dataclass
class Stats:
    blocks: int = 0
    verbs: int = 0
    pattern_lines: int = 0
    patterns_converted: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    verb_entries_skipped: Counter[str] = field(default_factory=Counter)
    code_fixes: Counter[str] = field(default_factory=Counter)
    rows_before_merge: int = 0
    conflicts: int = 0
    exact_duplicates: int = 0
    overridden_by_eventwire: int = 0
    unreachable_dropped: Counter[str] = field(default_factory=Counter)


class Lemmatizer:
    """Lemmas from the pinned spaCy model, looked up in a neutral carrier sentence."""

    def __init__(self, nlp: Language | None = None) -> None:
        if nlp is None:
            from eventwire.nlp import SpacyBackend

            nlp = SpacyBackend("en_core_web_sm").nlp
        self._nlp = nlp
        self._nouns: dict[str, str] = {}
        self._verbs: dict[str, str] = {}

    def nouns(self, words: Iterable[str]) -> None:
        todo = sorted({w for w in words if w not in self._nouns})
        texts = [f"They discussed the {w} yesterday." for w in todo]
        for word, doc in zip(todo, self._nlp.pipe(texts), strict=True):
            token = doc[3]
            single = token.text.lower() == word and doc[4].text == "yesterday"
            self._nouns[word] = token.lemma_.lower() if single else word

    def verbs(self, words: Iterable[str]) -> None:
        """Dictionary verbs are base forms except a few inflected `+` entries: keep a
        word that spaCy accepts as a base form, else take its lemma as a past/-ing form."""
        todo = sorted({w for w in words if w not in self._verbs})
        base_docs = self._nlp.pipe(f"They will {w} it." for w in todo)
        finite_docs = self._nlp.pipe(f"They {w} it." for w in todo)
        for word, base, finite in zip(todo, base_docs, finite_docs, strict=True):
            token = finite[1]
            whole = token.text.lower() == word and finite[2].text == "it"
            is_base = base[2].lemma_.lower() == word
            inflected = token.tag_ in {"VBD", "VBN", "VBZ", "VBG"}
            self._verbs[word] = (
                token.lemma_.lower() if whole and inflected and not is_base else word
            )

    def noun(self, word: str) -> str:
        return self._nouns.get(word, word)

    def reachable(self, kind: str, words: Iterable[str]) -> dict[str, bool]:
        """Whether the model gives each word back as its own lemma, as one token, in a
        neutral carrier: "talks", "attacked" or "cease-fire" never reach the coder."""
        todo = sorted(set(words))
        carrier = "They will {} it." if kind == "verb" else "They discussed the {} yesterday."
        at = 2 if kind == "verb" else 3
        result: dict[str, bool] = {}
        for word, doc in zip(todo, self._nlp.pipe(carrier.format(w) for w in todo), strict=True):
            token = doc[at]
            one_token = len(doc) == len(carrier.split()) + 1 and token.text.lower() == word
            result[word] = one_token and token.lemma_.lower() == word
        return result

    def verb(self, word: str) -> str:
        return VERB_LEMMA_FIXES.get(word) or self._verbs.get(word, word)


# ---------------------------------------------------------------- dictionary reading


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].strip()


def clean_word(word: str) -> str:
    """Lower-case a dictionary word and drop the trailing 'stop here' underscore."""
    return word.strip().rstrip("_").lower()


def head_word(phrase: str) -> str:
    """Head of a `_`- or space-joined phrase: its last word."""
    parts = [p for p in re.split(r"[_\s]+", phrase.strip().strip("{}")) if p]
    return clean_word(parts[-1]) if parts else ""


def read_synonym_sets(lines: list[str]) -> dict[str, tuple[str, ...]]:
    sets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in lines:
        line = strip_comment(raw)
        if line.startswith("&"):
            current = sets.setdefault(line[1:].rstrip("_").upper(), [])
        elif line.startswith("+") and current is not None:
            current.extend(head_word(alt) for alt in line[1:].split("/"))
        elif line:
            current = None
    return {name: tuple(dict.fromkeys(m for m in members if m)) for name, members in sets.items()}


def split_code(bracket: str) -> tuple[str, str]:
    """`[042:043]` -> ("042", "043"); `[:173]` -> ("---", "173"); `[110]` -> ("110", "")."""
    inner = bracket.strip("[]").strip()
    if ":" not in inner:
        return (inner or NULL), ""
    active, passive = (part.strip() for part in inner.split(":", 1))
    active = active or NULL
    passive = passive or NULL
    return active, ("" if passive == active else passive)


@dataclass(frozen=True)
class VerbEntry:
    lemma_word: str  # the inflecting word, before lemmatisation
    constraint: Constraint
    code: str | None  # the verb's own code, or None for the block default
    text: str


@dataclass(frozen=True)
class PatternLine:
    text: str
    code: str
    passive_code: str
    source_verb: str
    line_no: int


@dataclass
class Block:
    name: str
    code: str
    passive_code: str
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[PatternLine] = field(default_factory=list)


BLOCK_HEADER = re.compile(r"^---\s+(\S+)\s+(\[[^\]]*\])")
CODE_AT_END = re.compile(r"\[([^\]]*)\]\s*$")


def parse_verb_entry(line: str, stats: Stats) -> VerbEntry | None:
    code_match = CODE_AT_END.search(line)
    code = code_match.group(0) if code_match else None
    body = CODE_AT_END.sub("", line)
    body = re.sub(r"\{[^}]*\}", "", body).strip()
    if not body or " " in body:
        stats.verb_entries_skipped["malformed verb line"] += 1
        return None
    words = body.split("_")
    heads = [i for i, w in enumerate(words) if w.startswith("+")]
    head = heads[0] if heads else 0
    if head > 0:
        stats.verb_entries_skipped["words before the verb"] += 1
        return None
    after = [clean_word(w.lstrip("+")) for w in words[head + 1 :]]
    constraint = constraint_from_words(after)
    if constraint is None:
        stats.verb_entries_skipped["words after the verb not representable"] += 1
        return None
    return VerbEntry(clean_word(words[head].lstrip("+")), constraint, code, line)


def constraint_from_words(words: list[str]) -> Constraint | None:
    """Particle? preposition? object? for the words after a multi-word verb."""
    particle = prep = obj = ""
    rest = list(words)
    if rest and rest[0] in PARTICLES:
        particle = rest.pop(0)
    if rest and rest[0] in PREPOSITIONS:
        prep = rest.pop(0)
        if prep == "in" and not rest and not particle:
            particle, prep = "in", ""  # "listen in", "lock in"
    if rest:
        obj = rest[-1]
        if len(rest) > 2 or obj in PREPOSITIONS:
            return None
    return Constraint(particle, prep, obj)


def read_blocks(lines: list[str], first_line_no: int, stats: Stats) -> list[Block]:
    blocks: list[Block] = []
    for offset, raw in enumerate(lines):
        line_no = first_line_no + offset
        if raw.startswith("---"):
            header = BLOCK_HEADER.match(raw)
            if header is None:
                raise ValueError(f"{SOURCE}:{line_no}: unreadable block header")
            code, passive = split_code(header.group(2))
            blocks.append(Block(header.group(1), code, passive))
            stats.blocks += 1
            continue
        if raw.lstrip().startswith("#") or not raw.strip() or not blocks:
            continue
        if raw.startswith("-"):
            stats.pattern_lines += 1
            comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
            body = strip_comment(raw)
            code_match = CODE_AT_END.search(body)
            if code_match is None:
                stats.skipped["no code"] += 1
                continue
            code, passive = split_code(code_match.group(0))
            source_verb = comment.split()[0].lower() if comment else ""
            text = CODE_AT_END.sub("", body)[1:].strip()
            blocks[-1].patterns.append(PatternLine(text, code, passive, source_verb, line_no))
            continue
        entry = parse_verb_entry(strip_comment(raw), stats)
        if entry is not None:
            blocks[-1].verbs.append(entry)
            stats.verbs += 1
    return blocks


# ---------------------------------------------------------------- pattern parsing

TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")


@dataclass(frozen=True)
class Parsed:
    """A pattern's after-verb part: optional particle, then one NP or PP."""

    particle: str
    prep: tuple[str, ...]  # alternatives, e.g. BY/WITH
    object_heads: tuple[str, ...]  # alternatives (a &SET expands to several)
    size: int


def expand_head(item: str, sets: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """Head word(s) of an NP item; None when it names an undefined set."""
    item = item.strip()
    if item.startswith("{"):
        last = item.strip("{}").split()[-1] if item.strip("{}").split() else ""
        return expand_head(last, sets) if last else ()
    if item.startswith("&"):
        members = sets.get(item[1:].rstrip("_").upper())
        return members
    words = tuple(w for w in (head_word(alt) for alt in item.split("/")) if w)
    return words


def parse_pattern(text: str, sets: dict[str, tuple[str, ...]]) -> Parsed | str:
    """Parse one pattern; a string return names the reason it was skipped."""
    if any(marker in text for marker in TABARI_MARKERS):
        return "TABARI marker ($ + ^ %)"
    tokens = TOKEN.findall(text)
    if "*" not in tokens:
        return "no verb position"
    star = tokens.index("*")
    if star > 0:
        return "words before the verb"
    after = tokens[star + 1 :]
    size = sum(len(t.strip("{}()").split()) for t in after)
    particle = ""
    if after and not after[0].startswith(("(", "{", "&")) and clean_word(after[0]) in PARTICLES:
        particle = clean_word(after.pop(0))
    if after and after[0].startswith("("):
        inner = TOKEN.findall(after[0][1:-1])
        if inner and clean_word(inner[0]) in PARTICLES and not particle:
            particle = clean_word(inner[0])
            after[0] = " ".join(inner[1:])
            if not after[0]:
                after.pop(0)
    if len(after) > 1:
        return "more than one phrase after the verb"
    if not after:
        return Parsed(particle, (), (), size)
    item = after[0]
    if item.startswith("("):
        inner = TOKEN.findall(item[1:-1])
        if not inner:
            return "empty prepositional phrase"
        preps = tuple(clean_word(p) for p in inner[0].split("/"))
        if not all(p in PREPOSITIONS or p in PARTICLES for p in preps):
            return "prepositional phrase without a known preposition"
        if len(inner) == 1:
            return Parsed(particle, preps, (), size)
        heads = expand_head(inner[-1], sets)
        if heads is None:
            return "undefined synonym set"
        return Parsed(particle, preps, heads, size)
    heads = expand_head(item, sets)
    if heads is None:
        return "undefined synonym set"
    return Parsed(particle, (), heads, size)


def combine(verb: Constraint, parsed: Parsed) -> list[Constraint] | None:
    """Add a block pattern to a (possibly multi-word) verb; None if they clash."""
    if verb.object or (verb.particle and parsed.particle):
        return None
    particle = verb.particle or parsed.particle
    if verb.prep:
        if parsed.prep:
            return None
        return [Constraint(particle, verb.prep, head) for head in parsed.object_heads or ("",)]
    preps = parsed.prep or ("",)
    heads = parsed.object_heads or ("",)
    return [Constraint(particle, p, h) for p in preps for h in heads]


# ---------------------------------------------------------------- conversion


def fix_code(code: str, stats: Stats) -> str:
    if code in CODE_FIXES:
        stats.code_fixes[f"{code}->{CODE_FIXES[code]}"] += 1
        return CODE_FIXES[code]
    return code


def convert(stats: Stats, lemmatizer: Lemmatizer) -> list[dict[str, str]]:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "SYNONYM SETS" in line)
    verbs_at = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    end = next(i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line)
    sets = read_synonym_sets(lines[start + 1 : verbs_at])
    blocks = read_blocks(lines[verbs_at + 1 : end], verbs_at + 2, stats)

    parsed_patterns: dict[tuple[int, int], Parsed] = {}
    for b, block in enumerate(blocks):
        for p, pattern in enumerate(block.patterns):
            parsed = parse_pattern(pattern.text, sets)
            if isinstance(parsed, str):
                stats.skipped[parsed] += 1
            else:
                parsed_patterns[(b, p)] = parsed
                stats.patterns_converted += 1

    lemmatizer.verbs(v.lemma_word for block in blocks for v in block.verbs)
    nouns = {v.constraint.object for block in blocks for v in block.verbs}
    nouns |= {h for parsed in parsed_patterns.values() for h in parsed.object_heads}
    lemmatizer.nouns(n for n in nouns if n)

    raw_rows: list[RawRow] = []
    order = 0
    for b, block in enumerate(blocks):
        block_verbs = {v.lemma_word for v in block.verbs}
        for verb in block.verbs:
            lemma = lemmatizer.verb(verb.lemma_word)
            if verb.code is not None:
                code, passive = split_code(verb.code)
            else:
                code, passive = block.code, block.passive_code
            own = Constraint(verb.constraint.particle, verb.constraint.prep, verb.constraint.object)
            raw_rows.append(
                RawRow(lemma, own, code, passive, f"{block.name} block", True, 0, order)
            )
            order += 1
            for p, pattern in enumerate(block.patterns):
                found = parsed_patterns.get((b, p))
                if found is None:
                    continue
                if pattern.source_verb in block_verbs and pattern.source_verb != verb.lemma_word:
                    continue  # written for another verb of the block
                combined = combine(verb.constraint, found)
                if combined is None:
                    stats.skipped["pattern clashes with a multi-word verb (row)"] += 1
                    continue
                for constraint in combined:
                    if constraint == own:
                        continue  # restates the verb's own default
                    raw_rows.append(
                        RawRow(
                            lemma,
                            Constraint(
                                constraint.particle,
                                constraint.prep,
                                lemmatizer.noun(constraint.object) if constraint.object else "",
                            ),
                            pattern.code,
                            pattern.passive_code,
                            f"{block.name}: line {pattern.line_no}",
                            pattern.source_verb == verb.lemma_word,
                            found.size,
                            order,
                        )
                    )
                    order += 1
    stats.rows_before_merge = len(raw_rows)
    return resolve(raw_rows, stats)


def resolve(raw_rows: list[RawRow], stats: Stats) -> list[dict[str, str]]:
    """One row per key: most votes, then written for this verb, then more specific
    original pattern, then first in the file."""
    groups: dict[tuple[str, Constraint], list[RawRow]] = defaultdict(list)
    for row in raw_rows:
        groups[(row.lemma, row.constraint)].append(row)
    out: list[dict[str, str]] = []
    for (lemma, constraint), rows in groups.items():
        votes = Counter((r.code, r.passive_code) for r in rows)
        if len(votes) > 1:
            stats.conflicts += 1
        elif len(rows) > 1:
            stats.exact_duplicates += 1

        def rank(row: RawRow, votes: Counter[tuple[str, str]] = votes) -> tuple[int, ...]:
            return (
                votes[(row.code, row.passive_code)],
                int(row.for_this_verb),
                row.original_size,
                -row.order,
            )

        best = max(rows, key=rank)
        code = fix_code(best.code, stats)
        passive = fix_code(best.passive_code, stats) if best.passive_code else ""
        if passive == code:
            passive = ""
        note = best.note + (f"; {len(votes)} codes resolved" if len(votes) > 1 else "")
        out.append(
            {
                "kind": "verb",
                "lemma": lemma,
                "particle": constraint.particle,
                "prep": constraint.prep,
                "object": constraint.object,
                "code": code,
                "passive_code": passive,
                "target": "auto",
                "origin": "petrarch2",
                "note": note,
            }
        )
    return out


# ---------------------------------------------------------------- merging and output


def read_handwritten() -> list[dict[str, str]]:
    lines = [line for line in HANDWRITTEN.read_text(encoding="utf-8").splitlines()]
    data = [line for line in lines if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(data, delimiter="\t", quoting=csv.QUOTE_NONE))
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        row["origin"] = "eventwire"
        row["target"] = row.get("target") or "auto"
        row["passive_code"] = row.get("passive_code") or ""
        if row_key(row) in seen:
            raise ValueError(f"{HANDWRITTEN.name}: key given twice: {'/'.join(row_key(row))}")
        seen.add(row_key(row))
    return rows


def row_key(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[c] for c in ("kind", "lemma", "particle", "prep", "object"))


def merge(
    converted: list[dict[str, str]], own: list[dict[str, str]], stats: Stats
) -> Iterator[dict[str, str]]:
    own_keys = {row_key(row) for row in own}
    for row in converted:
        if row_key(row) in own_keys:
            stats.overridden_by_eventwire += 1
        else:
            yield row
    yield from own


def valid_codes() -> frozenset[str]:
    with CAMEO_CODES.open(encoding="utf-8") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle, delimiter="\t"))


def write(rows: list[dict[str, str]], stats: Stats) -> None:
    codes = valid_codes() | {NULL}
    bad = sorted({r["code"] for r in rows} | {r["passive_code"] for r in rows if r["passive_code"]})
    unknown = [c for c in bad if c not in codes]
    if unknown:
        raise ValueError(f"codes not in the CAMEO table: {unknown}")
    rows.sort(key=lambda r: (r["kind"], r["lemma"], r["particle"], r["prep"], r["object"]))
    header = [
        "# eventwire trigger patterns: generated by scripts/build_patterns.py; do not edit.",
        "# Edit eventwire_rows.tsv (hand-written rows) and rebuild. Format: README.md.",
        f"# petrarch2 rows from {SOURCE.name} (MIT, Open Event Data Alliance).",
    ]
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(header) + "\n")
        writer = csv.DictWriter(
            handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE
        )
        writer.writeheader()
        writer.writerows(rows)


def report(stats: Stats, rows: list[dict[str, str]]) -> str:
    by_origin = Counter(r["origin"] for r in rows)
    by_kind = Counter(f"{r['origin']}/{r['kind']}" for r in rows)
    lines = [
        f"blocks {stats.blocks}, verb entries {stats.verbs}, pattern lines {stats.pattern_lines}",
        f"patterns converted {stats.patterns_converted}",
        f"patterns skipped {sum(v for k, v in stats.skipped.items() if '(row)' not in k)}",
        *(f"  skipped: {k}: {v}" for k, v in sorted(stats.skipped.items())),
        *(f"  verb entry skipped: {k}: {v}" for k, v in sorted(stats.verb_entries_skipped.items())),
        f"converted candidate rows {stats.rows_before_merge}",
        f"keys with conflicting codes resolved {stats.conflicts}",
        f"keys with repeated identical rows collapsed {stats.exact_duplicates}",
        f"code fixes {dict(stats.code_fixes)}",
        f"petrarch2 rows replaced by eventwire rows {stats.overridden_by_eventwire}",
        f"unreachable petrarch2 rows dropped {sum(stats.unreachable_dropped.values())}",
        *(f"  unreachable: {k}: {v}" for k, v in sorted(stats.unreachable_dropped.items())),
        f"rows by origin {dict(by_origin)}; by origin/kind {dict(by_kind)}",
    ]
    return "\n".join(lines)


def unreachable(
    rows: list[dict[str, str]], lemmatizer: Lemmatizer
) -> Iterator[tuple[dict[str, str], str]]:
    """Rows no parse can match: the loader's static reasons, then lemmas and objects
    that are not the pinned model's own lemma (plural, inflected, split by the
    tokenizer)."""
    verbs = lemmatizer.reachable("verb", (r["lemma"] for r in rows if r["kind"] == "verb"))
    nouns = lemmatizer.reachable(
        "noun", [r["lemma"] for r in rows if r["kind"] == "noun"] + [r["object"] for r in rows]
    )
    for row in rows:
        reason = unreachable_reason(*row_key(row))
        if reason is None:
            lemma_ok = (verbs if row["kind"] == "verb" else nouns)[row["lemma"]]
            if not lemma_ok:
                reason = f"lemma {row['lemma']!r} is not the model's lemma of any form"
            elif row["object"] and not nouns[row["object"]]:
                reason = f"object {row['object']!r} is not the model's lemma of any form"
        if reason is not None:
            yield row, reason


def drop_unreachable(
    rows: list[dict[str, str]], lemmatizer: Lemmatizer, stats: Stats
) -> list[dict[str, str]]:
    """Converted rows that can never match are dropped (counted); a hand-written one
    is a mistake and stops the build."""
    bad = list(unreachable(rows, lemmatizer))
    own = [
        f"{'/'.join(row_key(row))}: {reason}" for row, reason in bad if row["origin"] != "petrarch2"
    ]
    if own:
        raise ValueError("unreachable hand-written rows:\n  " + "\n  ".join(own))
    dropped = {id(row) for row, _ in bad}
    for _, reason in bad:
        stats.unreachable_dropped[_reason_kind(reason)] += 1
    return [row for row in rows if id(row) not in dropped]


def _reason_kind(reason: str) -> str:
    """A reason without its word, for the report's counts."""
    first, _, rest = reason.partition(" ")
    return f"{first} {rest.split(' ', 1)[1] if ' ' in rest else rest}"


def main() -> int:
    stats = Stats()
    lemmatizer = Lemmatizer()
    converted = convert(stats, lemmatizer)
    rows = drop_unreachable(list(merge(converted, read_handwritten(), stats)), lemmatizer, stats)
    write(rows, stats)
    sys.stdout.write(report(stats, rows) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
