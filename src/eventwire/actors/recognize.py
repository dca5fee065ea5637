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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from eventwire.actors import coref
from eventwire.actors.dictionary import ActorDictionary, ActorEntry, AgentEntry
from eventwire.actors.lookup import Hit, PhraseIndex
from eventwire.countries import TRANSNATIONAL_PREFIXES
from eventwire.nlp.quoting import FIRST_PERSON, SPEECH_VERBS, quoted_spans
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
# Roles that stand against their principal: "opponents of the Senate" are not the
# Senate, only of its country.
ADVERSARIAL_SECTORS = frozenset({"OPP", "REB", "INS"})
# Sectors that make an organisation's people a force of their own ("UN troops").
FORCE_SECTORS = frozenset({"MIL", "COP"})
# People named by ethnicity are civilians of no country until a place says which.
ETHNIC_SECTOR = "CVL"
NAMED_KINDS = frozenset({"group", "igo", "ngo", "organisation", "institution"})
# Lower-case particles that may open a name ("al-Shabab", "bin Laden", "de Klerk").
NAME_PARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "bin", "ibn"})
# Words that stand for a named organisation they are compounded with ("the Amal
# militia", "the APEC forum", "the Islamic Jihad movement").
ORGANISATION_HEADS = frozenset(
    {"group", "groups", "movement", "network", "forum", "party", "coalition", "faction"}
    | {"wing", "front", "alliance", "organization", "organisation", "bloc", "body"}
    | {"council", "agency", "militia", "organ", "grouping", "outfit", "cell"}
)
# Heads of a partitive or quantity phrase whose "of" object is the actor
# ("Hundreds of UN troops", "A group of Moroccan diplomats", "one third of ...").
PARTITIVE_HEADS = frozenset(
    {"hundreds", "thousands", "tens", "dozens", "scores", "millions", "dozen", "score"}
    | {"group", "number", "majority", "minority", "handful", "crowd", "contingent"}
    | {"delegation", "team", "band", "batch", "unit", "some", "many", "most", "all"}
    | {"several", "half", "third", "quarter", "none", "few", "each", "both", "one", "two"}
    | {"three", "four", "five", "rest", "part", "bulk"}
)
# "pro-Iranian", "anti-Syria", "Syrian-backed": the country is a stance, not the actor.
STANCE_PREFIXES = frozenset({"pro", "anti"})
STANCE_SUFFIXES = frozenset(
    {"backed", "linked", "allied", "sponsored", "funded", "supported", "inspired", "aligned"}
)
PLURAL_PRONOUNS = frozenset({"they", "them"})
# "fired at it", "aimed against it": what "it" is the target of.
AIMED_AT_PREPS = frozenset({"at", "against"})
AIMING_VERBS = frozenset({"fire", "shoot", "launch", "lob", "throw", "hurl", "aim", "direct"})
# Countries whose names put the family name first ("Yoon Suk Yeol" is President Yoon).
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"})
# How far (in characters) a speech verb may sit from its quotation.
QUOTE_REACH = 400


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
    kb_id: str | None = None


class ActorRecognizer:
    """Built once per dictionary; ``find`` is then a pure function of its inputs."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        phrases = [(e.phrase, i) for i, e in enumerate(dictionary.actors)]
        phrases += [(a.phrase, -(j + 1)) for j, a in enumerate(dictionary.agents)]
        self._index = PhraseIndex(phrases)
        self._surnames = _surname_countries(dictionary)
        self._near_surnames = _near_spellings(self._surnames)
        self._country_names = frozenset(n.lower() for n in dictionary.countries.values())

    def find(self, doc: Doc, document: Document) -> tuple[Mention, ...]:
        atoms = self._atoms(doc, document.text, document.published)
        run = _DocumentRun(
            self.dictionary,
            doc,
            atoms,
            self._surnames,
            self._near_surnames,
            self._country_names,
        )
        return run.mentions()

    def _atoms(self, doc: Doc, text: str, published: dt.date | None) -> list[_Atom]:
        def accept(hit: Hit) -> bool:
            return any(p < 0 for p in hit.payload) or _proper_case(text[hit.start : hit.end])

        atoms: list[_Atom] = []
        people = _person_entities(doc)
        for hit in self._index.find(text, accept):
            span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            actors = [self.dictionary.actors[p] for p in hit.payload if p >= 0]
            agents = [self.dictionary.agents[-p - 1] for p in hit.payload if p < 0]
            titled = _office_titled(doc, span)
            actor = _pick(actors, published, titled) if _proper_case(span.text) else None
            if actor is not None and _inside_person(span, people, actor.kind == "person"):
                continue
            ent = people.get(span.start)
            if (
                actor
                and ent
                and self.dictionary.names_someone_else(actor, text[ent.start_char : hit.start])
            ):
                continue
            if actor is None and not agents:
                continue
            agent = None if actor is not None else agents[0]
            atoms.append(_Atom(span.start, span.end, _root(span), actor, agent))
        return atoms


def _surname_countries(dictionary: ActorDictionary) -> Mapping[str, str]:
    """Surname (and "first surname") -> country, where all dictionary people of that
    name share one country: lets "President Omar El Bashir" find Sudan when the
    spelling of the full name differs from the dictionary's."""
    countries: dict[str, set[str | None]] = {}
    for entry in dictionary.actors:
        words = entry.phrase.split()
        if entry.kind != "person" or len(words) < 2 or len(words[-1]) < 4:
            continue
        country = dictionary.split_code(entry.code)[0]
        countries.setdefault(words[-1], set()).add(country)
        countries.setdefault(f"{words[0]} {words[-1]}", set()).add(country)
    unique = {
        name: next(iter(found))
        for name, found in countries.items()
        if len(found) == 1 and None not in found
    }
    return MappingProxyType({k: v for k, v in unique.items() if v is not None})


# Titles rare and high enough that a surname alone names the person's country.
TOP_TITLES = frozenset(
    {"president", "premier", "chancellor", "minister", "king", "queen", "emir", "sultan"}
)
# Those who back a person without serving them: "Trump supporters" are civilians.
FOLLOWER_ROLES = frozenset({"supporter", "supporters", "follower", "followers"})
FOLLOWER_SECTOR = "CVL"
# Role words that also name a stance ("opposition to the deal").
ATTITUDE_ROLES = frozenset({"opposition", "resistance"})
# Heads of role phrases whose people belong to the group of their "of" phrase
# ("leaders of the Brotherhood"), unlike stances ("opponents of Hamas").
MEMBER_NOUNS = frozenset(
    {"leader", "member", "official", "activist", "figure", "cadre", "commander", "chief"}
    | {"fighter", "militant", "spokesman", "spokeswoman", "representative", "head"}
)
STANCE_VERBS = frozenset(
    {"express", "voice", "signal", "register", "reiterate", "show", "state", "declare"}
)
# Words of an office title before or inside a person's name.
OFFICE_TITLES = TOP_TITLES | frozenset(
    {"secretary", "general", "governor", "mayor", "ambassador", "envoy", "commander"}
    | {"chairman", "chairwoman", "spokesman", "spokeswoman", "director", "prime"}
)
# Misspellings are matched only on surnames this long, so short names never collide.
NEAR_SPELLING_MIN = 6


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _near_spellings(surnames: Mapping[str, str]) -> Mapping[str, str | None]:
    """Each long surname and every spelling one deletion from it -> its country,
    or None where two countries meet: a symmetric-deletion index, so "Mitterand"
    finds "mitterrand" and "Bouteflicka" finds "bouteflika" by lookup, not by scan."""
    near: dict[str, str | None] = {}
    for name, country in surnames.items():
        if " " in name or len(name) < NEAR_SPELLING_MIN:
            continue
        for key in {name} | _deletions(name):
            near[key] = country if near.get(key, country) == country else None
    return MappingProxyType(near)


def _near_country(near: Mapping[str, str | None], word: str) -> str | None:
    """The one country of surnames within one edit (or swap) of ``word``, else None."""
    if len(word) < NEAR_SPELLING_MIN:
        return None
    found = {near[key] for key in {word} | _deletions(word) if key in near}
    return found.pop() if len(found) == 1 else None


def _root(span: TokenSpan) -> int:
    """The head of a hit: its last token governed from outside the span, skipping
    determiners ("The US" -> "US"; spaCy's ``span.root`` would give "The")."""
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    content = [t for t in outside if t.pos_ not in ("DET", "PUNCT", "ADP", "CCONJ")]
    return content[-1].i if content else span.root.i


def _proper_case(text: str) -> bool:
    """Names are capitalised (after a particle such as "al-"); short acronyms (US,
    UN, EU) must be all capitals."""
    words = text.replace("-", " ").split()
    while len(words) > 1 and words[0].lower() in NAME_PARTICLES:
        words = words[1:]
    letters = [c for c in " ".join(words) if c.isalpha()]
    if not letters:
        return False
    if not letters[0].isupper():
        # Mis-cased long names ("iSrael") still carry a capital; plain lower case
        # ("china", "turkey", "chad") does not count.
        return len(letters) > 4 and any(c.isupper() for c in letters)
    return len(letters) > 3 or all(c.isupper() for c in letters)


def _person_entities(doc: Doc) -> dict[int, TokenSpan]:
    """Token index -> the PERSON entity covering it (built once per document)."""
    return {t: ent for ent in doc.ents if ent.label_ == "PERSON" for t in range(ent.start, ent.end)}


def _inside_person(span: TokenSpan, people: dict[int, TokenSpan], is_person: bool) -> bool:
    """A hit that is only part of a longer person name names someone else: a place
    or group anywhere inside ("Hassan" in "Omar Hassan al-Bashir"), a person unless
    the hit ends the name (a known surname)."""
    ent = next((people[t.i] for t in span if t.i in people), None)
    if ent is None:
        return False
    if is_person:
        return ent.end > span.end
    return ent.start < span.start or ent.end > span.end


def _ethnic(token: Token) -> bool:
    """ "ethnic Albanian(s)": the word names an ethnicity, not a state."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return any(c.lower_ == "ethnic" for c in token.children) or (
        before is not None and before.lower_ == "ethnic"
    )


def _stance(token: Token) -> bool:
    """ "pro-Iranian", "Syrian-backed": a country word that describes a stance."""
    doc = token.doc
    lower = token.lower_
    if any(lower.startswith(p + "-") for p in STANCE_PREFIXES):
        return True
    before = doc[token.i - 2 : token.i]
    if len(before) == 2 and before[1].text == "-" and before[0].lower_ in STANCE_PREFIXES:
        return True
    after = doc[token.i + 1 : token.i + 3]
    return len(after) == 2 and after[0].text == "-" and after[1].lower_ in STANCE_SUFFIXES


def _office_titled(doc: Doc, span: TokenSpan) -> bool:
    """An office title in the name's phrase or just before it ("U.N.
    Secretary-General Kofi Annan", "President Clinton")."""
    words = {w for t in span for w in t.lower_.split("-")}
    before = span.start - 1
    while before >= 0 and doc[before].is_punct and doc[before].text in {"-", "."}:
        before -= 1
    if before >= 0:
        words.update(doc[before].lower_.split("-"))
    return bool(words & OFFICE_TITLES)


def _pick(
    entries: Sequence[ActorEntry], published: dt.date | None, titled: bool = False
) -> ActorEntry | None:
    """By publication date (a dated code beats the undated default); without a
    date, the open-ended (current) code, else the undated one, else the latest.
    Undated text that gives the person an office title ("Secretary-General Kofi
    Annan") speaks of a time they held one: a dated office beats the undated
    (usually "elite", out of office) code."""
    if not entries:
        return None
    if published is not None:
        valid = [e for e in entries if e.valid_on(published)]
        dated = [e for e in valid if e.valid_from or e.valid_to]
        chosen = dated or valid
        return chosen[0] if chosen else None
    current = [e for e in entries if e.valid_from and not e.valid_to]
    undated = [e for e in entries if not (e.valid_from or e.valid_to)]
    offices = [e for e in entries if e.valid_from or e.valid_to]
    if titled and not current and offices:
        return max(offices, key=lambda e: (e.valid_to or dt.date.max, e.valid_from or dt.date.min))
    if current or undated:
        return max(current, key=lambda e: e.valid_from or dt.date.min) if current else undated[0]
    return max(entries, key=lambda e: (e.valid_to or dt.date.max, e.valid_from or dt.date.min))


def _an_attitude(token: Token) -> bool:
    """ "voiced opposition to the deal", "resistance to reform": a stance towards
    something, not the opposition party or the armed resistance."""
    if token.lower_ not in ATTITUDE_ROLES:
        return False
    voiced = token.dep_ == "dobj" and token.head.lemma_.lower() in STANCE_VERBS
    return voiced or any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)


def _left_edge(token: Token) -> int:
    """Leftmost token reached through pre-nominal modifiers only (not the whole
    subtree, which a bad parse can stretch over a clause)."""
    edge = token.i
    for child in token.lefts:
        if (child.dep_ in LEFT_DEPS or child.dep_ == "case") and child.pos_ not in ("VERB", "AUX"):
            edge = min(edge, _left_edge(child))
    return edge


# Dependents that open a clause: a noun phrase's extent stops before them.
_CLAUSAL_DEPS = frozenset(
    {"acl", "relcl", "advcl", "ccomp", "xcomp", "conj", "cc", "parataxis", "punct", "appos"}
)


def _phrase_right_edge(token: Token) -> int:
    """Rightmost token of the noun phrase itself ("two American aid groups"), not of
    a clause hanging from it ("... groups donated and delivered goods to ...")."""
    edge = token.i
    for child in token.rights:
        if child.dep_ not in _CLAUSAL_DEPS:
            edge = max(edge, _phrase_right_edge(child))
    return edge


class _DocumentRun:
    """State for one ``find`` call: memo of resolved tokens, history, people."""

    def __init__(
        self,
        dictionary: ActorDictionary,
        doc: Doc,
        atoms: list[_Atom],
        surnames: Mapping[str, str],
        near_surnames: Mapping[str, str | None],
        country_names: frozenset[str],
    ) -> None:
        self.dictionary = dictionary
        self.surnames = surnames
        self.near_surnames = near_surnames
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt on every access
        self.people_ents = _person_entities(doc)
        # Further actors of one phrase ("US and British activists"): same head token.
        self.extra: dict[int, list[_Resolved]] = {}
        self.by_root = {a.root: a for a in atoms}
        self.atom_tokens = {i: a for a in atoms for i in range(a.start, a.end)}
        self.memo: dict[int, _Resolved | None] = {}
        self.consumed: set[int] = set()
        self.history: list[coref.Antecedent] = []
        self.results: list[_Resolved] = []
        self.people: dict[str, _Resolved] = {}
        self.sentences = list(doc.sents)
        self.sentence_of = {t.i: n for n, s in enumerate(self.sentences) for t in s}
        self.quotes = quoted_spans(self.text)
        self.country_names = country_names

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
            out.extend(self._mention(head, more) for more in self.extra.get(head, ()))
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
            kb_id=result.kb_id,
        )
        return Mention(
            span=span,
            text=self.text[span.start : span.end],
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
        if result is not None and result.kind in PLACE_KINDS:
            result = self._qualified_place(i, result)
        self.memo[i] = result
        return result

    def _qualified_place(self, i: int, place: _Resolved) -> _Resolved:
        """ "Antioch, Illinois", "Paris, Texas": a place name qualified by a state or
        country after a comma is in that country, and the qualifier is no actor."""
        if i + 2 >= len(self.doc) or self.doc[i + 1].text != ",":
            return place
        qualifier = self.doc[i + 2]
        if qualifier.pos_ != "PROPN" or qualifier.i in self.memo:
            return place
        if qualifier.dep_ == "conj" or any(c.dep_ in {"cc", "conj"} for c in qualifier.children):
            return place  # "Russia, China and Iran": a list, not a qualified place
        if self.doc[i].lower_ in self.country_names:
            return place  # "Germany, France agree ...": countries are never qualified
        found = self.resolve(qualifier.i)
        if found is None or found.kind not in PLACE_KINDS or found.country is None:
            return place
        self.consumed.add(qualifier.i)
        if found.country == place.country:
            return place
        code = found.country + place.code[len(place.country or "") :]
        return replace(place, code=code, country=found.country)

    def _resolve(self, token: Token) -> _Resolved | None:
        atom = self.by_root.get(token.i)
        if atom is not None and atom.actor is not None:
            return self._named(token, atom, atom.actor)
        if token.i in self.atom_tokens and atom is None:
            return None
        partitive = self._partitive(token)
        if partitive is not None:
            return partitive
        described = self._description(token)
        if described is not None:
            return described
        if atom is not None and atom.agent is not None:
            if _an_attitude(token):
                return None
            return self._role(token, atom, atom.agent)
        if token.pos_ == "NOUN":
            return self._organisation(token) or self._equipment(token)
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
        resolved_by: ActorResolution = "knowledge_base" if entry.kb_id else "dictionary"
        start, end = self._extent(token, atom)
        name = self.doc[atom.start : atom.end].text
        if kind in PLACE_KINDS and not sectors:
            name = self.dictionary.name_of(entry.code) or name
        if kind == "country" and _ethnic(token):
            # "ethnic Albanians" are people of an ethnicity, not Albania: civilians
            # whose country is where the text puts them (places/localize.py).
            return _Resolved(
                ETHNIC_SECTOR, None, (ETHNIC_SECTOR,), name, "sector", "dictionary", start, end
            )
        if kind == "capital" and self._acts(token):
            code, sectors, resolved_by = f"{entry.code}GOV", ("GOV",), "metonym"
        if kind in {"institution", "group"} and country is not None and sectors:
            # A generic institution the dictionary files under one country ("Senate"
            # is USA's) belongs to the country named on it: "Rwanda's Senate" -> RWA;
            # so does a movement's national branch ("Jordan's Muslim Brotherhood").
            for _, owner in self._modifiers(token, atom):
                if owner.kind in PLACE_KINDS and owner.country not in (None, country):
                    country = owner.country
                    code = country + "".join(sectors)
                    resolved_by = "title"
                    break
        if kind == "person":
            described = self._person_role(token, atom, entry)
            if described is not None:
                found = replace(
                    described, name=name, kind="person", start=start, end=end, kb_id=entry.kb_id
                )
                self._remember(name, found)
                return found
        return _Resolved(
            code, country, sectors, name, kind, resolved_by, start, end, kb_id=entry.kb_id
        )

    def _person_role(self, token: Token, atom: _Atom, entry: ActorEntry) -> _Resolved | None:
        """What the text says a known person is now beats the dictionary's dated
        code: "the US commander in Iraq, General David Petraeus" (a title or apposed
        role naming a country or organisation); a country or organisation in the
        phrase places a person the dictionary knows only as a sector ("U.N. ... Kofi
        Annan" -> IGOUNO when the dictionary says ELI)."""
        modifiers = self._modifiers(token, atom)
        for i, title in modifiers:
            if title.kind == "official":
                self.consumed.add(i)
                return replace(title, resolved_by="title")
        country, sectors = self.dictionary.split_code(entry.code)
        if entry.kb_id and sectors == ("ELI",):  # a title beats the KB's "former" spell
            for i, title in modifiers:
                if title.kind == "sector" and title.sectors:
                    self.consumed.add(i)
                    code = f"{country}{title.code}"
                    return replace(title, code=code, country=country, resolved_by="title")
        if country is None and sectors and sectors[0] not in TRANSNATIONAL_PREFIXES:
            for i, where in modifiers:
                if where.kind in PLACE_KINDS and where.country is not None:
                    self.consumed.add(i)
                    code = where.country + entry.code
                    return replace(where, code=code, sectors=sectors, resolved_by="title")
                if where.kind == "igo":
                    self.consumed.add(i)
                    return replace(where, resolved_by="title")
        return self._apposed_role(token) or self._own_appositive_role(token, country)

    def _own_appositive_role(self, token: Token, known: str | None) -> _Resolved | None:
        """ "Kenzo Oshima, the United Nations Emergency Relief Coordinator": a role
        the text gives a known person, naming another country or an organisation,
        beats the dictionary's code (one that agrees leaves the dictionary's)."""
        for child in token.children:
            if child.dep_ != "appos":
                continue
            role = self.resolve(child.i)
            if role is None or role.kind != "official":
                continue
            organisation = role.country is None and role.code.startswith(("IGO", "NGO"))
            if organisation or (role.country is not None and role.country != known):
                return replace(role, resolved_by="apposition", resolved_span=self._span_of(role))
        return None

    def _apposed_role(self, token: Token) -> _Resolved | None:
        """The role with a country that a name is in apposition to. A person is
        never in apposition to a place: "the commander in Iraq, General X" hung on
        "Iraq" by the parser belongs to "commander"."""
        if token.dep_ != "appos":
            return None
        head = token.head
        place = self.resolve(head.i)
        if place is not None and place.kind in PLACE_KINDS and head.dep_ == "pobj":
            head = head.head.head
        role = self.resolve(head.i)
        if role is None or role.kind != "official":
            return None
        if role.country is None and not role.code.startswith(("IGO", "NGO")):
            return None  # a bare sector says nothing about the person ("an official")
        return replace(role, resolved_by="apposition", resolved_span=self._span_of(role))

    def _span_of(self, result: _Resolved) -> Span:
        return self._span(result.start, result.end)

    def _acts(self, token: Token) -> bool:
        """A capital stands for its government unless it is a place or a modifier."""
        if token.dep_ in {"amod", "compound", "nmod"}:
            return False
        while token.dep_ == "appos" and token.head.i != token.i:  # "in the capital Kabul"
            token = token.head
        return not (token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS)

    def _modifiers(self, token: Token, atom: _Atom | None) -> list[tuple[int, _Resolved]]:
        inside = range(atom.start, atom.end) if atom else range(0)
        found = []
        for child in token.children:
            if (
                child.dep_ in MODIFIER_DEPS
                and child.i not in inside
                and not _stance(child)
                and not _ethnic(child)
            ):
                result = self.resolve(child.i)
                if result is not None:
                    found.append((child.i, result))
                elif child.lemma_.lower() == "lead" and child.tag_ == "VBN":
                    # "Vietnamese-led forces", "the US-led coalition": the leader is the
                    # principal ("Russian-backed" separatists are not Russia's own).
                    for leader in child.children:
                        if leader.dep_ in {"npadvmod", "compound", "amod", "nmod"}:
                            led_by = self.resolve(leader.i)
                            if led_by is not None:
                                found.append((leader.i, led_by))
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
        self, token: Token, preps: frozenset[str], depth: int = 2, places: bool = False
    ) -> tuple[int, _Resolved] | None:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                result = self.resolve(obj.i)
                if result is not None and places and result.kind not in PLACE_KINDS:
                    continue
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
            if principal is None and not agent.relational:
                # "A court in Guyana": a place is the principal only when nothing
                # in the phrase itself names one.
                principal = self._via_preps(token, frozenset({"in"}), depth=1, places=True)
            if principal is not None:
                extra_end = _phrase_right_edge(self.doc[principal[0]]) + 1
        start, end = self._extent(token, atom, extra_end)
        name = self.doc[start:end].text
        if principal is None:
            named = self._apposed(token)
            if named is not None:
                return replace(self._combine(named, agent, name, start, end), kind="group")
            if agent.relational or not agent.sectors:
                return None
            code = "".join(agent.sectors)
            return _Resolved(code, None, agent.sectors, name, "sector", "dictionary", start, end)
        self.consumed.add(principal[0])
        more = []
        for conjunct in self.doc[principal[0]].conjuncts:
            other = self.resolve(conjunct.i)
            if other is not None and other.kind != "sector" and conjunct.i > principal[0]:
                self.consumed.add(conjunct.i)
                more.append(self._combine(other, agent, name, start, end))
        if more:
            self.extra[token.i] = more
        return self._combine(principal[1], agent, name, start, end)

    def _combine(
        self, base: _Resolved, agent: AgentEntry, name: str, start: int, end: int
    ) -> _Resolved:
        """A role noun on its principal: a country's role takes the role's sectors
        ("Russian police" -> RUSCOP), as does a person's institution ("the Bush
        administration" -> USAGOV); otherwise the role serves the principal."""
        sectors = agent.sectors or ("GOV",)
        country = base.country
        # "exiled leaders of Egypt's Muslim Brotherhood" are the Brotherhood's own
        # (EGYOPPMUS), while "opponents of the Senate" are only of its country.
        members = (
            agent.phrase.split()[-1].rstrip("s") in MEMBER_NOUNS
            and base.kind in NAMED_KINDS
            and bool(set(base.sectors) & ADVERSARIAL_SECTORS)
        )
        against = bool(set(sectors) & ADVERSARIAL_SECTORS) and not members
        if country is not None and (
            base.kind in PLACE_KINDS or (base.kind == "person" and not agent.relational) or against
        ):
            code = "".join(sectors) + country if agent.prefix else country + "".join(sectors)
            return _Resolved(code, country, sectors, name, "official", "dictionary", start, end)
        if country is not None and base.kind == "person" and agent.phrase in FOLLOWER_ROLES:
            # "a Trump supporter" is a citizen of Trump's country, not his government
            code = country + FOLLOWER_SECTOR
            return _Resolved(
                code, country, (FOLLOWER_SECTOR,), name, "official", "dictionary", start, end
            )
        by: ActorResolution = base.resolved_by if base.resolved_by == "coref" else "dictionary"
        span = base.resolved_span if by == "coref" else None
        forces = tuple(s for s in sectors if s in FORCE_SECTORS)
        if base.kind in {"igo", "ngo"} and forces and not agent.relational:
            # "UN troops" are the UN's armed arm (IGOUNOMIL, as CAMEO composes it),
            # not the UN itself; "UN officials" stay IGOUNO.
            code = base.code + "".join(forces)
            return _Resolved(
                code, None, base.sectors + forces, name, "official", by, start, end, span
            )
        return _Resolved(
            base.code, base.country, base.sectors, name, "official", by, start, end, span
        )

    def _apposed(self, token: Token) -> _Resolved | None:
        """A named organisation in apposition: "the militant group al-Shabab"."""
        for child in token.children:
            if child.dep_ == "appos":
                result = self.resolve(child.i)
                if result is not None and result.kind in NAMED_KINDS:
                    return replace(result, resolved_span=self._span_of(result))
        return None

    def _partitive(self, token: Token) -> _Resolved | None:
        """ "Hundreds of UN troops": the actor is the "of" object, the phrase (and
        its head, where the parser hangs the verb) is the quantity's."""
        if token.lower_ not in PARTITIVE_HEADS and token.pos_ != "NUM":
            return None
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                inner = self.resolve(obj.i) if obj.dep_ == "pobj" else None
                people = obj.tag_ in ("NNS", "NNPS") and inner is not None
                if inner is None or (inner.kind in PLACE_KINDS and not people):
                    return None
                self.consumed.add(obj.i)
                start = min(_left_edge(token), inner.start)
                end = max(inner.end, token.i + 1)
                if obj.i in self.extra:
                    self.extra[token.i] = [
                        replace(r, start=start, end=end) for r in self.extra[obj.i]
                    ]
                name = self.doc[start:end].text
                return replace(inner, start=start, end=end, name=name)
        return None

    def _organisation(self, token: Token) -> _Resolved | None:
        """ "the Amal militia", "the APEC forum", "the militant group al-Shabab":
        an organisation word stands for the organisation named with it."""
        if token.lower_ not in ORGANISATION_HEADS:
            return None
        start, end = self._extent(token, None)
        name = self.doc[start:end].text
        named = self._apposed(token)
        if named is not None:
            return replace(
                named, name=name, kind="group", resolved_by="apposition", start=start, end=end
            )
        modifiers = self._modifiers(token, None)
        for i, result in reversed(modifiers):
            if result.kind in NAMED_KINDS:
                self.consumed.add(i)
                return replace(result, name=name, kind="group", start=start, end=end)
        return None

    def _equipment(self, token: Token) -> _Resolved | None:
        """ "Israeli army bulldozers": a thing compounded with a role noun is the
        role's actor, when the phrase names the role's country."""
        for child in token.lefts:
            atom = self.by_root.get(child.i)
            if child.dep_ == "compound" and atom is not None and atom.agent is not None:
                if atom.agent.relational:
                    return None
                result = self._role(token, atom, atom.agent)
                if result is not None and result.kind != "sector":
                    return result
        return None

    def _person(self, token: Token) -> _Resolved | None:
        if token.dep_ in NAME_DEPS and token.head.pos_ == "PROPN":
            return None
        ent = self.people_ents.get(token.i)
        is_person = ent is not None
        start, end = (ent.start, ent.end) if is_person and ent else self._extent(token, None)
        name = self.doc[start:end].text
        titles = [
            (i, r) for i, r in self._modifiers(token, None) if r.kind in ("official", "sector")
        ]
        if titles:
            i, title = titles[0]
            self.consumed.add(i)
            start = min(start, title.start)
            role = self._apposed_role(token)
            if title.country is None and role is not None:
                found = replace(role, name=name, kind="person", start=start, end=end)
                return self._remember(name, found)
            last = self.doc[end - 1].lower_
            firsts = (f"{t.lower_} {last}" for t in self.doc[start : end - 1])
            matches = [c for key in firsts if (c := self.surnames.get(key)) is not None]
            country = matches[0] if matches else None
            if country is None and self.doc[i].lower_ in TOP_TITLES:
                # A surname alone is trusted only under a head-of-state or minister
                # title: "Governor Romney" is not the dictionary's only Romney (BVI).
                country = self.surnames.get(last)
                if country is None:  # "President Bouteflicka": one letter off a known name
                    country = _near_country(self.near_surnames, last)
            of_country = self._via_preps(token, frozenset({"of"}), depth=1, places=True)
            if title.country is None and of_country is not None:
                # "Prime Minister Igor Matovič of the Slovak Republic"
                self.consumed.add(of_country[0])
                country = of_country[1].country
            if title.country is None and title.kind == "sector" and country is not None:
                title = replace(title, code=country + title.code, country=country)
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
            if found.country in FAMILY_NAME_FIRST:  # "Yoon Suk Yeol ... Yoon said"
                self.people.setdefault(words[0].lower(), memory)
        return found

    def _span(self, start: int, end: int) -> Span:
        last = self.doc[end - 1]
        return Span(self.doc[start].idx, last.idx + len(last))

    # --- coreference ------------------------------------------------------------

    def _description(self, token: Token) -> _Resolved | None:
        lower = token.lower_
        if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS", "NNPS"):
            return None  # "the Prime Minister" is often tagged a proper noun
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
        if kinds == "person" and len(lefts) > 1 and lefts[0].lower_ == "the":
            return self._titled_person(token, lefts)
        if len(lefts) != 1 or lefts[0].lower_ != "the" or token.pos_ != "NOUN":
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

    def _titled_person(self, token: Token, lefts: list[Token]) -> _Resolved | None:
        """ "the Prime Minister", "the foreign minister": the latest person named
        earlier with that very title ("Prime Minister Igor Matovič of the Slovak
        Republic ... the Prime Minister apologised")."""
        if not all(c.dep_ in {"compound", "amod", "det"} for c in lefts[1:]):
            return None
        title = " ".join(t.lower_ for t in (*lefts[1:], token))
        for antecedent in reversed(self.history):
            if antecedent.token >= lefts[0].i or antecedent.kind != "person":
                continue
            found = self.results[antecedent.key]
            written = self.doc[found.start : found.end].text.lower()
            if found.country is not None and title in written:
                return self._corefer(token, antecedent, lefts[0].i)
        return None

    def _pronoun(self, token: Token) -> _Resolved | None:
        lower = token.lower_
        sentence = self.sentence_of[token.i]
        if lower in coref.PERSON_PRONOUNS:
            # "Obama said he would ...": the speaker of the governing speech verb first.
            speaker = self._speaker(token)
            if speaker is not None and speaker[1].kind in coref.PERSON_SPEAKER_KINDS:
                return self._pointing(token, speaker[1])
            return self._corefer(token, coref.person_antecedent(self.history, sentence))
        if lower in PLURAL_PRONOUNS:
            return self._they(token)
        if lower in FIRST_PERSON:
            return self._quoted_speaker(token)
        if lower == "it" and token.dep_ == "pobj" and token.head.lower_ in AIMED_AT_PREPS:
            return self._aimed_at_speaker(token)
        if lower != "it" or token.dep_ not in SUBJECT_DEPS:
            return None
        speaker = self._speaker(token)
        if speaker is None or speaker[1].kind not in coref.SPEAKER_KINDS:
            return None
        return self._pointing(token, speaker[1])

    def _speaker(self, token: Token) -> tuple[int, _Resolved] | None:
        """The subject of the speech verb whose clause the pronoun is subject of
        ("Russia says it ...", "Obama and Putin said they ...")."""
        verb = token.head
        if token.dep_ not in SUBJECT_DEPS or verb.dep_ != "ccomp":
            return None
        for subject in verb.head.children:
            if subject.dep_ in SUBJECT_DEPS and subject.i < token.i:
                result = self.resolve(subject.i)
                return None if result is None else (subject.i, result)
        return None

    def _quoted_speaker(self, token: Token) -> _Resolved | None:
        """ "'We condemn this attack,' the Iranian foreign ministry said": I, we and
        our inside a quotation are its speaker, the subject of the nearest speech
        verb outside the quotation in the sentences it spans or the one next to it."""
        quote = next((q for q in self.quotes if q.start <= token.idx < q.end), None)
        if quote is None:
            return None
        first = self.sentence_of[token.i]
        sentences = self.sentences
        best: tuple[int, Token] | None = None
        for n in range(max(first - 2, 0), min(first + 3, len(sentences))):
            for verb in sentences[n]:
                if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in SPEECH_VERBS:
                    continue
                if quote.start - 1 <= verb.idx <= quote.end + 1 or self._quoted(verb.idx):
                    continue
                distance = min(abs(verb.idx - quote.start), abs(verb.idx - quote.end))
                if best is None or distance < best[0]:
                    best = (distance, verb)
        if best is None or best[0] > QUOTE_REACH:
            return None
        subject = next((c for c in best[1].children if c.dep_ in SUBJECT_DEPS), None)
        result = self.resolve(subject.i) if subject is not None else None
        return None if result is None else self._pointing(token, result)

    def _quoted(self, position: int) -> bool:
        return any(q.start <= position < q.end for q in self.quotes)

    def _aimed_at_speaker(self, token: Token) -> _Resolved | None:
        """ "Israel said a mortar bomb was fired at it": "it" aimed at in the clause a
        speaker reports is the speaker."""
        verb = token.head.head
        if verb.lemma_.lower() not in AIMING_VERBS or verb.dep_ != "ccomp":
            return None  # "said Japan should look at it": a thing, not the speaker
        for subject in verb.head.children:
            if subject.dep_ in SUBJECT_DEPS and subject.i < verb.i:
                result = self.resolve(subject.i)
                if result is not None and result.kind in coref.SPEAKER_KINDS:
                    return self._pointing(token, result)
        return None

    def _pointing(self, token: Token, result: _Resolved) -> _Resolved:
        site = result.resolved_span if result.resolved_by == "coref" else self._span_of(result)
        return replace(
            result, resolved_by="coref", resolved_span=site, start=token.i, end=token.i + 1
        )

    def _they(self, token: Token) -> _Resolved | None:
        """ "they"/"them": the speaker (with its conjuncts) of the governing speech
        verb, else the most recent plural or coordinated actor of this or the
        previous sentence (not the subject of the pronoun's own verb)."""
        speaker = self._speaker(token)
        if speaker is None:
            sentence = self.sentence_of[token.i]
            for antecedent in reversed(self.history):
                if antecedent.sentence < sentence - 1:
                    break
                word = self.doc[antecedent.token]
                if antecedent.token >= token.i or word.head == token.head:
                    continue
                if word.tag_ in ("NNS", "NNPS") or word.conjuncts or word.i in self.extra:
                    speaker = (antecedent.token, self.results[antecedent.key])
                    break
        if speaker is None:
            return None
        head, first = speaker
        group = [*self.extra.get(head, [])]
        for conjunct in self.doc[head].conjuncts:
            other = self.resolve(conjunct.i)
            if other is not None:
                group.append(other)
        if group:
            self.extra[token.i] = [self._pointing(token, r) for r in group]
        return self._pointing(token, first)

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
