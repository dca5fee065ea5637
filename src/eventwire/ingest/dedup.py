"""Exact and near duplicates: one story, many copies.

Agency copy is republished by many outlets with small edits (a dateline, a
credit line, a trimmed last paragraph). Exact copies (same text once whitespace
and case are normalised) are skipped; near copies are found with MinHash over
word 5-gram shingles and an LSH index (datasketch), and pointed at the first
document of their story, so aggregation can count one story with many sources.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import Literal

from datasketch import MinHash, MinHashLSH

from eventwire.records import Document, IngestError

DuplicateKind = Literal["unique", "exact", "near"]
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class DuplicateVerdict:
    """What a document is: a new story, or a copy of ``of`` (a document id)."""

    doc_id: str
    kind: DuplicateKind
    of: str | None = None
    similarity: float = 1.0


@dataclass
class Deduplicator:
    """Remembers the documents seen so far (one batch, or one watch run).

    ``threshold`` is the estimated Jaccard similarity of shingle sets above which
    two texts are one story; ``shingle_words`` words make one shingle."""

    threshold: float = 0.7
    num_perm: int = 128
    shingle_words: int = 5
    seed: int = 1
    _exact: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _group_of: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _hashes: dict[str, MinHash] = field(default_factory=dict, init=False, repr=False)
    _lsh: MinHashLSH = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)

    def check(self, document: Document) -> DuplicateVerdict:
        """Classify ``document`` against everything seen, then remember it."""
        key = exact_key(document.text)
        first = self._exact.get(key)
        if first is not None:
            return DuplicateVerdict(document.id, "exact", first)
        self._exact[key] = document.id
        signature = self._minhash(document.text)
        best_id, best = None, 0.0
        for candidate in self._lsh.query(signature):
            similarity = signature.jaccard(self._hashes[candidate])
            if similarity > best:
                best_id, best = candidate, similarity
        if best_id is not None and best >= self.threshold:
            root = self._group_of[best_id]
            self._group_of[document.id] = root
            return DuplicateVerdict(document.id, "near", root, round(best, 3))
        self._group_of[document.id] = document.id
        self._hashes[document.id] = signature
        if document.id not in self._lsh:
            self._lsh.insert(document.id, signature)
        return DuplicateVerdict(document.id, "unique")

    def _minhash(self, text: str) -> MinHash:
        signature = MinHash(num_perm=self.num_perm, seed=self.seed)
        signature.update_batch([s.encode("utf-8") for s in shingles(text, self.shingle_words)])
        return signature


def exact_key(text: str) -> str:
    """Hash of the text with case and whitespace normalised."""
    normal = " ".join(text.casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[str]:
    """Word ``size``-grams of the lower-cased text (the whole text if shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@dataclass
class RunDeduplicator:
    """What one run has seen: texts (for copies) and where each first came from.

    The same text from the same address is a re-delivered record: a ``duplicate``
    skip record (kept for audit, not lost). The same or nearly the same text from
    another address or outlet is another source for the same story: it is kept, with
    ``near_duplicate_of`` naming the story's first document."""

    texts: Deduplicator = field(default_factory=Deduplicator)
    origin_of: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def check(self, item: Document | IngestError) -> Document | IngestError:
        if isinstance(item, IngestError):
            return item
        verdict = self.texts.check(item)
        origin = (item.url, item.outlet)
        if verdict.kind == "unique" or verdict.of is None:
            self.origin_of[item.id] = origin
            return item
        if verdict.kind == "exact" and self.origin_of.get(verdict.of) == origin:
            return IngestError(
                source=item.url or item.id,
                reason="duplicate",
                detail=f"same text from the same source as {verdict.of}",
                stage="dedup",
                record=item.id,
            )
        return replace(item, near_duplicate_of=verdict.of)
