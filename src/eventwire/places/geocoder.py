"""Put events on the map: place mentions, disambiguation, one location per event.

Place mentions are gazetteer hits that the text uses as places: a country name, or
a name NER calls GPE/LOC/FAC or that follows a place preposition ("near Samarra").
A name introduced by a settlement noun ("the town of Samarra", "city Aleppo") is a
place too. Capitals the actor recogniser read as governments ("Washington said")
are actors, never places, unless a stative preposition governs them ("in Beirut").
Ambiguous names are settled by context first ("Kandahar province", "Portland,
Oregon", the actor dictionary's reading of the same name), then by the document's
country focus (dateline, places and actors mentioned), and by population only last.
Each event takes the place attached to its trigger ("deployed in Afghanistan"), else
the nearest place in its sentence used as a location, never one in the clause that
reports it ("officials in Nairobi said") and last one that only says where a
preceding actor is based ("the commander in Iraq"); else its target's country, else
the story's country, and the :class:`Placement` says which rule decided.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Literal

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from eventwire.events.roles import in_own_clause
from eventwire.places.gazetteer import Gazetteer, Place
from eventwire.places.localize import localize_actors
from eventwire.records import Actor, Document, Event, Location, Mention, PlaceResolution, Span

LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around"}
    | {"into", "to", "from", "outside", "towards", "toward", "through", "off", "along"}
)
# A story country dominates with this share of the place/actor weight and this much
# evidence (a dateline weighs 4, a place "in" 2, an actor 0.5).
DOMINANT_SHARE = 0.7
DOMINANT_WEIGHT = 4.0
# Prepositions that name where something happened; "to"/"from"/"into" name a goal or origin.
STATIVE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around"}
)
# A role phrase's own "from" names where its people come from ("students from Jakarta").
OWN_PREPS = STATIVE_PREPS | {"from"}
ADM1_WORDS = frozenset(
    {"province", "state", "governorate", "region", "prefecture", "oblast", "district"}
)
# Nouns that introduce a named settlement or division: "the town of Cizre",
# "the capital Kabul", "Syria's second city Aleppo".
SETTLEMENT_WORDS = ADM1_WORDS | frozenset(
    {"city", "town", "village", "capital", "port", "enclave", "suburb", "county", "island"}
)
# Parts of a place: "in a residential sector of Beirut", "in the east of the Gaza Strip".
PART_WORDS = frozenset(
    {"east", "west", "north", "south", "centre", "center", "heart", "outskirts", "suburbs"}
    | {"part", "sector", "area", "edge", "quarter", "neighbourhood", "neighborhood"}
)
# Verbs of a reporting clause: "officials in Nairobi said" places the report, not the event.
REPORTING_LEMMAS = frozenset({"say", "tell", "report", "add", "state", "confirm", "quote"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
# A name inside a longer entity of these kinds names something else ("Washington Post").
BLOCKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "compound", "amod", "nmod", "agent"})
CHAIN_DEPS = frozenset({"conj", "appos"})
_KIND_PRIOR: Mapping[str, float] = MappingProxyType({"country": 1.5, "adm1": 0.8, "city": 0.0})


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A gazetteer name the text uses as a place, resolved to one entry.

    ``preposition`` is the locative preposition governing it (through "and" and
    appositions), ``anchor`` the token that preposition hangs on; ``as_location``
    is False for names used as actors or modifiers ("Russia said", "US officials"),
    which still count toward the document's country focus."""

    span: Span
    text: str
    place: Place
    sentence_index: int
    head_token: int
    precision: Literal["country", "adm1", "city"]
    preposition: str | None
    anchor: int | None
    as_location: bool


@dataclass(frozen=True, slots=True)
class Placement:
    """An event's location with what :class:`Location` does not hold yet."""

    event_id: str
    location: Location
    fips: str | None
    resolved_by: PlaceResolution


class Geocoder:
    """Built once per gazetteer; ``locate`` is a pure function of its inputs."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    # -- entry points -----------------------------------------------------------

    def locate(
        self, doc: Doc, document: Document, events: Sequence[Event], mentions: Sequence[Mention]
    ) -> tuple[Event, ...]:
        """The events with ``location`` filled where a rule found one, and role
        actors with no country placed where the sentence puts them (localize.py)."""
        places = self.places(doc, document, mentions)
        chosen = self._choose_places(doc, events, places, self.story_country(places, mentions))
        located = tuple(
            replace(e, location=chosen[e.event_id][0].location) if e.event_id in chosen else e
            for e in events
        )
        own = {
            p.anchor: (p.span, p.place.country)
            for p in places
            if p.anchor is not None and p.preposition in OWN_PREPS
        }
        for p in places:
            owner = _of_owner(doc[p.head_token]) if p.precision != "country" else None
            if owner is not None:
                own.setdefault(owner, (p.span, p.place.country))
        by_id = {e.event_id: e for e in events}
        stative = {
            event_id: (mention.span, mention.place.country)
            for event_id, (_, mention) in chosen.items()
            if mention is not None
            and mention.preposition in STATIVE_PREPS
            and _on_the_event(doc, mention, by_id[event_id])
        }
        dominant = self.dominant_country(places, mentions)
        story = dominant.country if dominant is not None else None
        return localize_actors(doc, located, mentions, own, stative, story)

    def place_events(
        self, doc: Doc, document: Document, events: Sequence[Event], mentions: Sequence[Mention]
    ) -> tuple[Placement, ...]:
        places = self.places(doc, document, mentions)
        chosen = self._choose_places(doc, events, places, self.story_country(places, mentions))
        return tuple(placement for placement, _ in chosen.values())

    def _choose_places(
        self, doc: Doc, events: Sequence[Event], places: Sequence[PlaceMention], focus: Place | None
    ) -> dict[str, tuple[Placement, PlaceMention | None]]:
        """Each placed event's placement and, when read from the text, its mention."""
        found = {}
        for event in events:
            chosen = self._place_event(doc, event, places, focus)
            if chosen is not None:
                found[event.event_id] = chosen
        return found

    def places(
        self, doc: Doc, document: Document, mentions: Sequence[Mention]
    ) -> tuple[PlaceMention, ...]:
        """Every place mention in the document, disambiguated."""
        metonyms = [m.span for m in mentions if m.actor.resolved_by == "metonym"]
        raw: list[tuple[Span, Token, tuple[Place, ...], int]] = []
        for hit, candidates in self.gazetteer.find(document.text):
            span = Span(hit.start, hit.end)
            tokens = doc.char_span(hit.start, hit.end, alignment_mode="expand")
            if tokens is None or len(tokens) == 0:
                continue
            head = tokens.root
            # "Washington said" is an actor; "in Beirut" never is, whatever the recogniser read.
            if any(_overlaps(span, m) for m in metonyms) and (
                _governing_preposition(head)[0] not in STATIVE_PREPS
            ):
                continue
            if not _used_as_place(tokens, head, candidates):
                continue
            raw.append((span, head, candidates, tokens.end))
        focus = self._focus([c for _, _, c, _ in raw if len(c) == 1], mentions)
        resolved = []
        for span, head, candidates, end in raw:
            adm1_context = (end < len(doc) and doc[end].lower_ in ADM1_WORDS) or (
                _named_by_of(head) in ADM1_WORDS  # "the province of Herat"
            )
            within = _enclosing_place(doc, end, raw)
            read_as = _actor_countries(self.gazetteer, head, mentions)
            place = _choose(candidates, focus, adm1_context, within, read_as)
            precision = _precision(place, adm1_context)
            prep, anchor = _governing_preposition(head)
            resolved.append(
                PlaceMention(
                    span=span,
                    text=span.of(document.text),
                    place=place,
                    sentence_index=_sentence_index(doc, head),
                    head_token=head.i,
                    precision=precision,
                    preposition=prep,
                    anchor=anchor,
                    as_location=prep is not None or _free_standing(head),
                )
            )
        return tuple(resolved)

    def story_country(
        self, places: Sequence[PlaceMention], mentions: Sequence[Mention]
    ) -> Place | None:
        """The country the story is about: places used as locations weigh most,
        the dateline (a place opening the text) more, actors' countries least."""
        weights = self._story_weights(places, mentions)
        if not weights:
            return None
        code, _ = max(weights.items(), key=lambda kv: (kv[1], kv[0]))
        return self.gazetteer.country(code)

    def dominant_country(
        self, places: Sequence[PlaceMention], mentions: Sequence[Mention]
    ) -> Place | None:
        """The story's country when it clearly dominates (at least DOMINANT_SHARE of
        the weight, and DOMINANT_WEIGHT of evidence): enough to give role actors
        with no country of their own ("the government", "police") its country."""
        weights = self._story_weights(places, mentions)
        total = sum(weights.values())
        if not weights:
            return None
        code, weight = max(weights.items(), key=lambda kv: (kv[1], kv[0]))
        if weight < DOMINANT_WEIGHT or weight < DOMINANT_SHARE * total:
            return None
        return self.gazetteer.country(code)

    def _story_weights(
        self, places: Sequence[PlaceMention], mentions: Sequence[Mention]
    ) -> dict[str, float]:
        weights: dict[str, float] = {}
        for i, mention in enumerate(places):
            weight = 2.0 if mention.preposition in STATIVE_PREPS else 1.0
            if i == 0 and mention.span.start < 40:
                weight += 2.0
            weights[mention.place.country] = weights.get(mention.place.country, 0.0) + weight
        for actor_mention in mentions:
            country = self.gazetteer.country(actor_mention.actor.country)
            if country is not None:
                weights[country.country] = weights.get(country.country, 0.0) + 0.5
        return weights

    # -- internals -------------------------------------------------------------

    def _focus(
        self, unambiguous: Sequence[tuple[Place, ...]], mentions: Sequence[Mention]
    ) -> Mapping[str, float]:
        """Share of the document's unambiguous place and actor mentions per country."""
        counts: Counter[str] = Counter(c[0].country for c in unambiguous)
        for mention in mentions:
            country = self.gazetteer.country(mention.actor.country)
            if country is not None:
                counts[country.country] += 1
        total = sum(counts.values())
        return {k: v / total for k, v in counts.items()} if total else {}

    def _place_event(
        self, doc: Doc, event: Event, places: Sequence[PlaceMention], story: Place | None
    ) -> tuple[Placement, PlaceMention | None] | None:
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        actors = [a.span for a in (event.source, event.target) if a is not None]
        candidates = [
            p
            for p in places
            if p.sentence_index == event.sentence.index
            and p.as_location
            and not any(_is_actor(p, span) for span in actors)
        ]
        if trigger is not None and len(trigger) > 0:
            root = trigger.root
            candidates = [p for p in candidates if not _in_reporting_clause(doc, p, root)]
        if candidates and trigger is not None and len(trigger) > 0:

            def rank(place: PlaceMention) -> tuple[int, int]:
                attachment = _attachment(doc, place, root)
                if place.anchor is not None and _describes_actor_before(
                    doc[place.anchor], root, actors
                ):
                    attachment = 5  # "the US commander in Iraq held talks ... in Beirut"
                return attachment, abs(place.head_token - root.i)

            best = min(candidates, key=rank)
            return _placement(event, best.place, best.precision, best.span, "text"), best
        target_country = self._actor_country(event.target)
        if target_country is not None and event.target is not None:
            placement = _placement(
                event, target_country, "country", event.target.span, "target_country"
            )
            return placement, None
        if story is not None:
            return _placement(event, story, "country", None, "story_country"), None
        return None

    def _actor_country(self, actor: Actor | None) -> Place | None:
        return None if actor is None else self.gazetteer.country(actor.country)


def _on_the_event(doc: Doc, place: PlaceMention, event: Event) -> bool:
    """The place hangs on the event's own words ("protested in Monrovia"), not on
    another clause of its sentence ("told reporters in Iowa after X was killed")."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return trigger is not None and len(trigger) > 0 and _attachment(doc, place, trigger.root) <= 1


def _placement(
    event: Event,
    place: Place,
    precision: Literal["country", "adm1", "city"],
    span: Span | None,
    resolved_by: PlaceResolution,
) -> Placement:
    location = Location(
        name=place.name,
        span=span,
        country=place.country,
        geonames_id=place.geonames_id,
        adm1=place.adm1,
        lat=place.lat,
        lon=place.lon,
        precision=precision,
        fips=place.fips,
        resolved_by=resolved_by,
    )
    return Placement(event.event_id, location, place.fips, resolved_by)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _is_actor(place: PlaceMention, actor: Span) -> bool:
    """The place is the actor itself ("invaded Afghanistan"), not a location said
    inside the actor's phrase ("police in Paris")."""
    return actor.contains(place.span) and place.preposition is None


def _used_as_place(tokens: TokenSpan, head: Token, candidates: Sequence[Place]) -> bool:
    """A country name is always a place name; any other name needs NER or a
    locative preposition to say so, and must not be part of a longer name."""

    for token in tokens:
        if token.ent_type_ in BLOCKING_ENTITIES:
            ent = next(e for e in token.doc.ents if e.start <= token.i < e.end)
            if ent.start < tokens.start or ent.end > tokens.end or ent.label_ == "PERSON":
                return False
    if any(c.kind == "country" for c in candidates):
        return True
    if any(t.ent_type_ in PLACE_ENTITIES for t in tokens):
        return True
    if _introduced_as_settlement(head):
        return True
    prep, _ = _governing_preposition(head)
    return prep is not None


def _introduced_as_settlement(head: Token) -> bool:
    """ "the capital Kabul", "city Aleppo", "the town of Samarra": named as a place."""
    if any(c.dep_ == "compound" and c.lower_ in SETTLEMENT_WORDS for c in head.children):
        return True
    if head.dep_ in CHAIN_DEPS and head.head.lower_ in SETTLEMENT_WORDS:
        return True
    return _named_by_of(head) in SETTLEMENT_WORDS


def _named_by_of(head: Token) -> str | None:
    """The noun a name is "of": "town" in "the town of Cizre"."""
    of = head.head
    if head.dep_ == "pobj" and of.lower_ == "of" and of.dep_ == "prep":
        return str(of.head.lower_)
    return None


def _free_standing(head: Token) -> bool:
    """Neither an actor ("Russia said", "US officials") nor the object of a
    non-locative preposition ("policy on Afghanistan"): a dateline or a list."""
    return head.dep_ not in ACTOR_DEPS and head.dep_ != "pobj"


def _governing_preposition(head: Token) -> tuple[str | None, int | None]:
    """The locative preposition over a name, through "X and Y", "the capital, Kabul",
    "the town of Cizre", "a sector of Beirut" and "outside of"."""
    token = head
    for _ in range(6):
        if token.dep_ in CHAIN_DEPS and token.head is not token:
            token = token.head
            continue
        if token.dep_ == "compound" and token.head.lower_ in ADM1_WORDS:
            token = token.head  # "in Kandahar province"
            continue
        of = token.head
        if token.dep_ == "pobj" and of.lower_ == "of" and of.dep_ == "prep":
            if of.head.lower_ in SETTLEMENT_WORDS | PART_WORDS:
                token = of.head  # "in the town of Cizre"
                continue
            if of.head.lower_ in LOCATIVE_PREPS:
                return of.head.lower_, of.head.head.i  # "outside of Basra"
        break
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
        prep = token.head
        return prep.lower_, prep.head.i
    return None, None


def _of_owner(head: Token) -> int | None:
    """The noun whose "of" names a city or division: "the government of Sindh
    province", "residents of Gaza". Such a phrase says where a role's people are,
    like "in" or "from"; "of" a country is left to the actor recogniser ("the
    president of France"), and "critics of Moscow" would be wrong here anyway."""
    token = head
    if token.dep_ == "compound" and token.head.lower_ in ADM1_WORDS:
        token = token.head
    of = token.head
    if token.dep_ != "pobj" or of.lower_ != "of" or of.dep_ != "prep":
        return None
    owner = of.head
    if owner.pos_ in {"NOUN", "PROPN"} and owner.lower_ not in SETTLEMENT_WORDS | PART_WORDS:
        return owner.i
    return None


def _describes_actor_before(anchor: Token, trigger: Token, actors: Sequence[Span]) -> bool:
    """The place modifies an actor named before the event word: where the actor is
    based ("the US commander in Iraq held talks"), not where it acts. After the
    event word such a phrase is often the event's own, misattached by the parser
    ("refused to meet the king in Tel Aviv")."""
    return anchor.i < trigger.i and any(s.start <= anchor.idx < s.end for s in actors)


def _in_reporting_clause(doc: Doc, place: PlaceMention, trigger: Token) -> bool:
    """The place hangs on the clause that reports the event ("relief officials in
    Nairobi said", "reported from Kabul"), not on the event's own clause."""
    if place.anchor is None:
        return False
    anchor = doc[place.anchor]
    below = trigger
    for verb in trigger.ancestors:
        if verb.lemma_.lower() in REPORTING_LEMMAS:
            in_verb_clause = verb.left_edge.i <= anchor.i <= verb.right_edge.i
            in_event_clause = below.left_edge.i <= anchor.i <= below.right_edge.i
            if in_verb_clause and not in_event_clause:
                return True
        below = verb
    return False


def _actor_countries(
    gazetteer: Gazetteer, head: Token, mentions: Sequence[Mention]
) -> frozenset[str]:
    """Countries the actor dictionary gives the same name ("Geneva" -> CHE): a second
    opinion on an ambiguous place, from a list curated for news."""
    found = set()
    for mention in mentions:
        if mention.head_token == head.i:
            country = gazetteer.country(mention.actor.country)
            if country is not None:
                found.add(country.country)
    return frozenset(found)


def _enclosing_place(
    doc: Doc, end: int, raw: Sequence[tuple[Span, Token, tuple[Place, ...], int]]
) -> tuple[Place, ...]:
    """ "Portland, Oregon" / "Mosul, Iraq": the places named right after a comma."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return ()
    start_char = doc[end + 1].idx
    for span, _, candidates, _ in raw:
        if span.start == start_char:
            return candidates
    return ()


def _choose(
    candidates: Sequence[Place],
    focus: Mapping[str, float],
    adm1_context: bool,
    within: Sequence[Place],
    read_as: frozenset[str] = frozenset(),
) -> Place:
    """Context, then country focus, then kind (countries, capitals), population last.

    A division named after its own city ("Kandahar", "Aleppo", "Lagos") is the
    city unless the text says province ("Kandahar province")."""
    city_countries = {p.country for p in candidates if p.kind == "city"}

    def score(place: Place) -> float:
        value = 2.0 * focus.get(place.country, 0.0) + _KIND_PRIOR[place.kind]
        if place.kind == "adm1" and not adm1_context and place.country in city_countries:
            value -= 2.0
        if place.capital:
            value += 1.0
        if adm1_context and place.kind != "country":
            value += 3.0 if place.kind == "adm1" else 1.5
        if place.country in read_as:
            value += 2.0
        for outer in within:
            if outer.country == place.country and (
                outer.kind == "country" or outer.adm1 == place.adm1
            ):
                value += 3.0
        return value + math.log10(place.population + 1) / 10

    return max(candidates, key=lambda p: (score(p), p.population, -(p.geonames_id or 0)))


def _precision(place: Place, adm1_context: bool) -> Literal["country", "adm1", "city"]:
    if place.kind == "city" and adm1_context:
        return "adm1"  # "Kandahar province": the province named after its capital
    return place.kind


def _sentence_index(doc: Doc, token: Token) -> int:
    sent_start = token.sent.start
    return sum(1 for s in doc.sents if s.start < sent_start)


def _attachment(doc: Doc, place: PlaceMention, trigger: Token) -> int:
    """0: the place's preposition hangs on the trigger; 1: inside the trigger's
    phrase, not in another verb's clause; 2: on a word governing the trigger;
    3: elsewhere with a stative preposition; 4: any other location in the sentence."""
    if place.anchor is None:
        return 4
    anchor = doc[place.anchor]
    if anchor.i == trigger.i:
        return 0
    if trigger in anchor.ancestors and in_own_clause(anchor, trigger):
        return 1  # not in another verb's clause: "... the rockets it fires at Israel"
    if anchor in trigger.ancestors:
        return 2
    return 3 if place.preposition in STATIVE_PREPS else 4
