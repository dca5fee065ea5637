"""Find actor mentions in a parsed document: one mention per noun phrase.

Dictionary hits (countries, organisations, groups, people, role nouns) are found
once per document with Aho-Corasick; the dependency parse then combines the
pieces of a noun phrase ("Russia's foreign ministry" -> RUSGOV), lets serving
roles take their principal's code ("the envoy to the Russian president" -> RUSGOV),
names people from titles, appositions and relative clauses, remembers them for
later mentions, and resolves simple pronouns and descriptions (see coref.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from eventwire.actors import coref
from eventwire.actors.dictionary import ActorDictionary, ActorEntry, AgentEntry
from eventwire.actors.lookup import Hit, PhraseIndex
from eventwire.records import Actor, ActorResolution, Document, Mention, Span

MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "nn"})
LEFT_DEPS = MODIFIER_DEPS | {"det", "predet", "nummod", "quantmod"}
NAME_DEPS = frozenset({"compound", "flat"})
PRINCIPAL_PREPS = frozenset({"to", "of", "for", "at", "with", "from", "in"})
ORIGIN_PREPS = frozenset({"of", "from"})
PLACE_PREPS = frozenset(
    {"in", "at", "to", "from", "near", "into", "across", "outside", "inside", "around"}
    | {"through", "toward", "towards", "throughout", "within", "via", "over"}
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PLACE_KINDS = frozenset({"country", "capital"})


@dataclass(frozen=True, slots=True)
class _Atom:
    """A dictionary hit aligned to tokens; exactly one of actor/agent is set."""

    start: int
    end: int
    root: int
    actor: ActorEntry | None
    agent: AgentEntry | None


@dataclass(frozen=True, slots=True)
class _Resolved:
    code: str
    country: str | None
    sectors: tuple[str, ...]
    name: str
    kind: str
    resolved_by: ActorResolution
    start: int
    end: int
    resolved_span: Span | None = None


class ActorRecognizer:
    """Built once per dictionary; ``find`` is then a pure function of its inputs."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        phrases = [(e.phrase, i) for i, e in enumerate(dictionary.actors)]
        phrases += [(a.phrase, -(j + 1)) for j, a in enumerate(dictionary.agents)]
        self._index = PhraseIndex(phrases)

    def find(self, doc: Doc, document: Document) -> tuple[Mention, ...]:
        atoms = self._atoms(doc, document.text, document.published)
        return _DocumentRun(self.dictionary, doc, atoms).mentions()

    def _atoms(self, doc: Doc, text: str, published: dt.date | None) -> list[_Atom]:
        def accept(hit: Hit) -> bool:
            return any(p < 0 for p in hit.payload) or _proper_case(text[hit.start : hit.end])

        atoms: list[_Atom] = []
        for hit in self._index.find(text, accept):
            span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            actors = [self.dictionary.actors[p] for p in hit.payload if p >= 0]
            agents = [self.dictionary.agents[-p - 1] for p in hit.payload if p < 0]
            actor = _pick(actors, published) if _proper_case(span.text) else None
            if actor is not None and actor.kind != "person" and _inside_person(span):
                continue
            if actor is None and not agents:
                continue
            agent = None if actor is not None else agents[0]
            atoms.append(_Atom(span.start, span.end, span.root.i, actor, agent))
        return atoms


def _proper_case(text: str) -> bool:
    """Names are capitalised; short acronyms (US, UN, EU) must be all capitals."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    return len(letters) > 3 or all(c.isupper() for c in letters)


def _inside_person(span: TokenSpan) -> bool:
    ents = [t for t in span if t.ent_type_ == "PERSON"]
    if not ents:
        return False
    token = ents[0]
    doc = token.doc
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    return ent is not None and (ent.start < span.start or ent.end > span.end)


def _pick(entries: Sequence[ActorEntry], published: dt.date | None) -> ActorEntry | None:
    """By publication date (a dated code beats the undated default); without a
    date, the open-ended (current) code, else the undated one, else the latest."""
    if not entries:
        return None
    if published is not None:
        valid = [e for e in entries if e.valid_on(published)]
        dated = [e for e in valid if e.valid_from or e.valid_to]
        chosen = dated or valid
        return chosen[0] if chosen else None
    current = [e for e in entries if e.valid_from and not e.valid_to]
    undated = [e for e in entries if not (e.valid_from or e.valid_to)]
    if current or undated:
        return max(current, key=lambda e: e.valid_from or dt.date.min) if current else undated[0]
    return max(entries, key=lambda e: (e.valid_to or dt.date.max, e.valid_from or dt.date.min))


def _left_edge(token: Token) -> int:
    """Leftmost token reached through pre-nominal modifiers only (not the whole
    subtree, which a bad parse can stretch over a clause)."""
    edge = token.i
    for child in token.lefts:
        if (child.dep_ in LEFT_DEPS or child.dep_ == "case") and child.pos_ not in ("VERB", "AUX"):
            edge = min(edge, _left_edge(child))
    return edge


class _DocumentRun:
    """State for one ``find`` call: memo of resolved tokens, history, people."""

    def __init__(self, dictionary: ActorDictionary, doc: Doc, atoms: list[_Atom]) -> None:
        self.dictionary = dictionary
        self.doc = doc
        self.by_root = {a.root: a for a in atoms}
        self.atom_tokens = {i: a for a in atoms for i in range(a.start, a.end)}
        self.memo: dict[int, _Resolved | None] = {}
        self.consumed: set[int] = set()
        self.history: list[coref.Antecedent] = []
        self.results: list[_Resolved] = []
        self.people: dict[str, _Resolved] = {}
        self.sentence_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}

    def mentions(self) -> tuple[Mention, ...]:
        found: list[tuple[int, _Resolved]] = []
        for sentence_index, sentence in enumerate(self.doc.sents):
            for token in sentence:
                result = self.resolve(token.i)
                if result is None:
                    continue
                found.append((token.i, result))
                main = token.dep_ in SUBJECT_DEPS and token.head.dep_ == "ROOT"
                self.results.append(result)
                self.history.append(
                    coref.Antecedent(
                        token.i, sentence_index, result.kind, main, len(self.results) - 1
                    )
                )
        out = []
        for head, result in found:
            if head in self.consumed or not self._standalone(head, result):
                continue
            out.append(self._mention(head, result))
        return tuple(out)

    def _standalone(self, head: int, result: _Resolved) -> bool:
        token = self.doc[head]
        if result.kind == "sector":
            return token.pos_ in ("NOUN", "PROPN") and token.dep_ not in MODIFIER_DEPS
        return True

    def _mention(self, head: int, result: _Resolved) -> Mention:
        doc = self.doc
        span = Span(doc[result.start].idx, doc[result.end - 1].idx + len(doc[result.end - 1]))
        actor = Actor(
            code=result.code,
            name=result.name,
            span=span,
            country=result.country,
            sectors=result.sectors,
            resolved_by=result.resolved_by,
            resolved_span=result.resolved_span,
        )
        return Mention(
            span=span,
            text=doc.text[span.start : span.end],
            actor=actor,
            sentence_index=self.sentence_of[head],
            token_start=result.start,
            token_end=result.end,
            head_token=head,
        )

    # --- resolution -------------------------------------------------------------

    def resolve(self, i: int) -> _Resolved | None:
        if i in self.memo:
            return self.memo[i]
        self.memo[i] = None
        result = self._resolve(self.doc[i])
        self.memo[i] = result
        return result

    def _resolve(self, token: Token) -> _Resolved | None:
        atom = self.by_root.get(token.i)
        if atom is not None and atom.actor is not None:
            return self._named(token, atom, atom.actor)
        if token.i in self.atom_tokens and atom is None:
            return None
        described = self._description(token)
        if described is not None:
            return described
        if atom is not None and atom.agent is not None:
            return self._role(token, atom, atom.agent)
        if token.pos_ == "PROPN":
            return self._person(token)
        if token.pos_ == "PRON":
            return self._pronoun(token)
        return None

    def _extent(self, token: Token, atom: _Atom | None, extra_end: int = 0) -> tuple[int, int]:
        start = min([_left_edge(token)] + ([atom.start] if atom else []))
        end = max([token.i + 1, extra_end] + ([atom.end] if atom else []))
        for child in token.rights:
            if child.dep_ in NAME_DEPS and child.i == end:
                end = child.i + 1
        return start, end

    def _named(self, token: Token, atom: _Atom, entry: ActorEntry) -> _Resolved:
        country, sectors = self.dictionary.split_code(entry.code)
        kind = entry.kind
        code = entry.code
        resolved_by: ActorResolution = "dictionary"
        start, end = self._extent(token, atom)
        name = self.doc[atom.start : atom.end].text
        if kind in PLACE_KINDS and not sectors:
            name = self.dictionary.name_of(entry.code) or name
        if kind == "capital" and self._acts(token):
            code, sectors, resolved_by = f"{entry.code}GOV", ("GOV",), "metonym"
        if kind == "person":
            self._remember(self.doc[atom.start : atom.end].text, None)
        return _Resolved(code, country, sectors, name, kind, resolved_by, start, end)

    def _acts(self, token: Token) -> bool:
        """A capital stands for its government unless it is a place or a modifier."""
        if token.dep_ in {"amod", "compound", "nmod"}:
            return False
        return not (token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS)

    def _modifiers(self, token: Token, atom: _Atom | None) -> list[tuple[int, _Resolved]]:
        inside = range(atom.start, atom.end) if atom else range(0)
        found = []
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS and child.i not in inside:
                result = self.resolve(child.i)
                if result is not None:
                    found.append((child.i, result))
                else:
                    found.extend(self._modifiers(child, None))
        for i in inside:
            if i != token.i and self.doc[i].dep_ in MODIFIER_DEPS:
                inner = self.by_root.get(i)
                result = self.resolve(i) if inner is not None else None
                if result is not None:
                    found.append((i, result))
        return found

    def _via_preps(
        self, token: Token, preps: frozenset[str], depth: int = 2
    ) -> tuple[int, _Resolved] | None:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                result = self.resolve(obj.i)
                if result is not None and result.kind != "sector":
                    return obj.i, result
                if depth > 1:
                    deeper = self._via_preps(obj, PRINCIPAL_PREPS, depth - 1)
                    if deeper is not None:
                        return deeper
        return None

    def _role(self, token: Token, atom: _Atom, agent: AgentEntry) -> _Resolved | None:
        modifiers = [(i, r) for i, r in self._modifiers(token, atom) if r.kind != "sector"]
        principal = modifiers[0] if modifiers else None
        extra_end = 0
        if principal is None:
            principal = self._via_preps(
                token, PRINCIPAL_PREPS if agent.relational else ORIGIN_PREPS
            )
            if principal is not None:
                extra_end = self.doc[principal[0]].right_edge.i + 1
        start, end = self._extent(token, atom, extra_end)
        name = self.doc[start:end].text
        if principal is None:
            if agent.relational or not agent.sectors:
                return None
            code = "".join(agent.sectors)
            return _Resolved(code, None, agent.sectors, name, "sector", "dictionary", start, end)
        self.consumed.add(principal[0])
        base = principal[1]
        if base.kind in PLACE_KINDS and base.country is not None:
            sectors = agent.sectors or ("GOV",)
            code = (
                "".join(sectors) + base.country if agent.prefix else base.country + "".join(sectors)
            )
            return _Resolved(
                code, base.country, sectors, name, "official", "dictionary", start, end
            )
        by: ActorResolution = base.resolved_by if base.resolved_by == "coref" else "dictionary"
        span = base.resolved_span if by == "coref" else None
        return _Resolved(
            base.code, base.country, base.sectors, name, "official", by, start, end, span
        )

    def _person(self, token: Token) -> _Resolved | None:
        if token.dep_ in NAME_DEPS and token.head.pos_ == "PROPN":
            return None
        ent = next((e for e in self.doc.ents if e.start <= token.i < e.end), None)
        is_person = ent is not None and ent.label_ == "PERSON"
        start, end = (ent.start, ent.end) if is_person and ent else self._extent(token, None)
        name = self.doc[start:end].text
        titles = [
            (i, r) for i, r in self._modifiers(token, None) if r.kind in ("official", "sector")
        ]
        if titles:
            i, title = titles[0]
            self.consumed.add(i)
            start = min(start, title.start)
            found = replace(
                title, name=name, kind="person", resolved_by="title", start=start, end=end
            )
            return self._remember(name, found)
        described = None
        if is_person:
            described = self._apposition(token) or self._relative(token)
        if described is not None:
            site = self._span(described.start, described.end)
            found = _Resolved(
                described.code,
                described.country,
                described.sectors,
                name,
                "person",
                "apposition",
                start,
                end,
                site,
            )
            return self._remember(name, found)
        known = self.people.get(name.lower()) or self.people.get(self.doc[end - 1].lower_)
        if known is None:
            return None
        return replace(known, start=start, end=end, name=name)

    def _apposition(self, token: Token) -> _Resolved | None:
        for child in token.children:
            if child.dep_ == "appos":
                result = self.resolve(child.i)
                if result is not None and result.kind not in PLACE_KINDS:
                    return result
        return None

    def _relative(self, token: Token) -> _Resolved | None:
        for clause in token.children:
            if clause.dep_ != "relcl":
                continue
            for child in clause.children:
                if child.dep_ in ("attr", "dobj", "oprd"):
                    result = self.resolve(child.i)
                    if result is not None and result.kind not in PLACE_KINDS:
                        return result
                if child.dep_ == "prep":
                    for obj in child.children:
                        result = self.resolve(obj.i) if obj.dep_ == "pobj" else None
                        if result is not None and result.kind not in PLACE_KINDS:
                            return result
        return None

    def _remember(self, name: str, found: _Resolved | None) -> _Resolved | None:
        if found is None:
            return None
        site = found.resolved_span or self._span(found.start, found.end)
        memory = replace(found, resolved_span=site)
        words = name.split()
        self.people.setdefault(name.lower(), memory)
        if len(words) > 1:
            self.people.setdefault(words[-1].lower(), memory)
        return found

    def _span(self, start: int, end: int) -> Span:
        last = self.doc[end - 1]
        return Span(self.doc[start].idx, last.idx + len(last))

    # --- coreference ------------------------------------------------------------

    def _description(self, token: Token) -> _Resolved | None:
        lower = token.lower_
        if token.pos_ != "NOUN" or token.tag_ in ("NNS", "NNPS"):
            return None
        kinds = None
        if lower in coref.PERSON_DESCRIPTIONS:
            kinds = "person"
        elif lower in coref.GROUP_DESCRIPTIONS:
            kinds = "group"
        elif lower in coref.COUNTRY_DESCRIPTIONS:
            kinds = "country"
        if kinds is None:
            return None
        lefts = [c for c in token.lefts if c.dep_ != "punct"]
        if len(lefts) != 1 or lefts[0].lower_ != "the":
            return None
        if any(c.dep_ == "prep" for c in token.rights):
            return None
        sentence = self.sentence_of[token.i]
        if kinds == "person":
            found = coref.person_antecedent(self.history, sentence)
        elif kinds == "group":
            found = coref.kind_antecedent(self.history, token.i, coref.GROUP_KINDS)
        else:
            found = coref.kind_antecedent(self.history, token.i, frozenset({"country"}))
        return self._corefer(token, found, lefts[0].i)

    def _pronoun(self, token: Token) -> _Resolved | None:
        lower = token.lower_
        sentence = self.sentence_of[token.i]
        if lower in coref.PERSON_PRONOUNS:
            return self._corefer(token, coref.person_antecedent(self.history, sentence))
        if lower != "it" or token.dep_ not in SUBJECT_DEPS:
            return None
        verb = token.head
        if verb.dep_ != "ccomp":
            return None
        for subject in verb.head.children:
            if subject.dep_ in SUBJECT_DEPS and subject.i < token.i:
                result = self.resolve(subject.i)
                if result is not None and result.kind in coref.SPEAKER_KINDS:
                    site = self._span(result.start, result.end)
                    return replace(
                        result,
                        resolved_by="coref",
                        resolved_span=site,
                        start=token.i,
                        end=token.i + 1,
                    )
        return None

    def _corefer(
        self, token: Token, found: coref.Antecedent | None, start: int | None = None
    ) -> _Resolved | None:
        if found is None:
            return None
        antecedent = self.results[found.key]
        site = self._span(antecedent.start, antecedent.end)
        first = token.i if start is None else start
        return replace(
            antecedent, resolved_by="coref", resolved_span=site, start=first, end=token.i + 1
        )
