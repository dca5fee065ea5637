"""A country for actors the text names only by role, from where the text puts them.

"Riot police used tear gas in Monrovia" never says whose police; a reader, and
ICEWS with its "Police (Liberia)", takes the country of the place. The cues, the
first that applies wins:

1. the subject's own locative phrase ("students throughout Indonesia", "Albanians
   in south Serbia", "guerrillas operating in Macedonia", "the government of Sindh
   province"), whatever the event;
2. the event's place, said with a stative preposition on the event's own words, for
   events that happen where their actors are: concessions at home, investigations,
   threats, protests, coercion and violence. Talks, visits, aid, deployments and
   withdrawals cross borders, so their place says nothing about who acted;
3. dissent at home: rebels, insurgents or an opposition who demand of, denounce or
   protest against one government, with no place of another country in the
   sentence, are that government's (``resolved_by="opponent"``).

4. the story's country, when one country dominates the document (see
   ``Geocoder.dominant_country``) and the event's sentence names no other country
   (``resolved_by="story_country"``, no ``resolved_span``): "Police arrested 12
   protesters" in a story from Belgrade is SRBCOP -> SRBOPP.

Forces named on an act that a placed actor ordered or sent then take its country.

Only actors with no country of their own and a domestic sector are placed
(never IGOs, NGOs, transnational groups or refugees, who are by definition
elsewhere), and never when that would make source and target the same actor.
Each placed actor keeps the place's span as ``resolved_span``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventwire.countries import ISO_TO_CAMEO, TRANSNATIONAL_PREFIXES
from eventwire.events.roles import SENDING_VERBS, governing_verb
from eventwire.records import Actor, ActorResolution, Event, Mention, Span

# Event roots whose place is where their actors are (CAMEO 08 but not 087
# "withdraw", 09, 13, 14, 16-20).
LOCAL_ROOTS = frozenset({"08", "09", "13", "14", "16", "17", "18", "19", "20"})
CROSS_BORDER_CODES = ("087",)
# Intents to yield (035x, CAMEO's intent form of 08) are as local as the yield,
# except the intent to de-escalate militarily (0356, the intent form of 087).
LOCAL_INTENT_CODES = ("035",)
CROSS_BORDER_INTENTS = ("0356",)
# Only a subject's own phrase is surely about the actor: "police in Kabul arrested".
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Domestic dissent: who demands of, denounces, defies, threatens or protests
# against a government with no country of their own named is of its country.
DISSENT_ROOTS = frozenset({"10", "11", "12", "13", "14"})
DISSENTING_SECTORS = frozenset({"REB", "OPP", "INS"})
# Code families that are not of one country, and people who are away from theirs.
NOT_LOCAL_SECTORS = TRANSNATIONAL_PREFIXES | {"REF"}


def localize_actors(
    doc: Doc,
    events: Sequence[Event],
    mentions: Sequence[Mention],
    own_places: Mapping[int, tuple[Span, str]],
    event_places: Mapping[str, tuple[Span, str]],
    story: str | None = None,
) -> tuple[Event, ...]:
    """``own_places`` maps a token to the (span, ISO country) of a place in a
    stative or "from" phrase hanging on it; ``event_places`` maps an event id to
    its place when a stative phrase on the event's own words says it."""
    by_span = {m.span: m for m in mentions}
    out = []
    for event in events:
        source = _placed(doc, event.source, by_span, own_places)
        target = _placed(doc, event.target, by_span, own_places) if event.target else None
        where = event_places.get(event.event_id)
        if where is not None and _local(event.type.cameo):
            if source is None:
                source = _with_country(event.source, *where)
            if target is None and event.target is not None:
                target = _with_country(event.target, *where)
        elsewhere = _placed_elsewhere(event, own_places, target or event.target)
        if source is None and event.target is not None and not elsewhere:
            source = _dissent_at_home(event, target or event.target)
        if story is not None and not _names_another_country(event, mentions, story):
            source = source or _in_story(event.source, story)
            target = target or (_in_story(event.target, story) if event.target else None)
        new_source = source or event.source
        new_target = target or event.target
        if new_source == event.source and new_target == event.target:
            out.append(event)
            continue
        if new_target is not None and new_source.code == new_target.code:
            out.append(event)  # one country for both sides: a self-directed event
            continue
        out.append(replace(event, source=new_source, target=new_target))
    return _sent_by_placed(doc, out)


def _names_another_country(event: Event, mentions: Sequence[Mention], story: str) -> bool:
    home = ISO_TO_CAMEO.get(story, story)
    sentence = event.sentence.span
    return any(
        m.actor.country is not None
        and m.actor.country != home
        and sentence.start <= m.span.start < sentence.end
        for m in mentions
    )


def _in_story(actor: Actor | None, story: str) -> Actor | None:
    return None if actor is None else _with_country(actor, None, story, "story_country")


def _sent_by_placed(doc: Doc, events: list[Event]) -> tuple[Event, ...]:
    """ "The government of Sindh province has ordered patrols by police": forces
    named on an act someone ordered or sent are that someone's, once the orderer has
    been placed (the coder does this when the orderer names its country itself)."""
    placed = {
        _trigger_token(doc, e): e.source
        for e in events
        if e.source.country is not None and e.source.resolved_by == "place"
    }
    if not placed:
        return tuple(events)
    out = []
    for event in events:
        token = _trigger_token(doc, event)
        sender = governing_verb(doc[token]) if token is not None else None
        owner = placed.get(sender.i) if sender is not None else None
        if (
            owner is not None
            and sender is not None
            and sender.lemma_.lower() in SENDING_VERBS
            and _placeable(event.source)
            and owner.country is not None
            and owner.resolved_span is not None
        ):
            source = _with_country(event.source, owner.resolved_span, owner.country)
            if source is not None and (event.target is None or event.target.code != source.code):
                event = replace(event, source=source)
        out.append(event)
    return tuple(out)


def _trigger_token(doc: Doc, event: Event) -> int | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


def _placed_elsewhere(
    event: Event, own_places: Mapping[int, tuple[Span, str]], target: Actor | None
) -> bool:
    """The sentence names a place of another country than the target's ("Protesters
    gathered in central London to voice their opposition to President Trump's
    visit"): dissent abroad, not at home."""
    if target is None or target.country is None:
        return False
    sentence = event.sentence.span
    home = ISO_TO_CAMEO.get(target.country, target.country)
    return any(
        sentence.start <= span.start
        and span.end <= sentence.end
        and ISO_TO_CAMEO.get(iso3, iso3) != home
        for span, iso3 in own_places.values()
    )


def _dissent_at_home(event: Event, target: Actor) -> Actor | None:
    """ "The main Hutu rebel group insisted on its demands that Burundi's government
    grant ...": rebels, insurgents or an opposition of no named country who demand
    of, denounce, defy, threaten or protest against one government are that
    country's own. The target is the span that says so."""
    source = event.source
    if event.type.cameo[:2] not in DISSENT_ROOTS or not _placeable(source):
        return None
    if not set(source.sectors) <= DISSENTING_SECTORS or target.country is None:
        return None
    if "GOV" not in target.sectors or target.code[:3] in TRANSNATIONAL_PREFIXES:
        return None
    country = target.country
    return replace(
        source,
        code=country + source.code,
        country=country,
        resolved_by="opponent",
        resolved_span=target.span,
    )


def _local(cameo: str) -> bool:
    if cameo.startswith(LOCAL_INTENT_CODES) and not cameo.startswith(CROSS_BORDER_INTENTS):
        return True  # "agreed to postpone the demonstration in Baku": a yield at home
    return cameo[:2] in LOCAL_ROOTS and not cameo.startswith(CROSS_BORDER_CODES)


def _placeable(actor: Actor) -> bool:
    return (
        actor.country is None
        and bool(actor.sectors)
        and actor.code[:3] not in TRANSNATIONAL_PREFIXES
        and not NOT_LOCAL_SECTORS & set(actor.sectors)
    )


def _placed(
    doc: Doc,
    actor: Actor | None,
    by_span: Mapping[Span, Mention],
    own: Mapping[int, tuple[Span, str]],
) -> Actor | None:
    """The actor placed by its own locative phrase, or None."""
    if actor is None or not _placeable(actor):
        return None
    mention = by_span.get(actor.span)
    if mention is None:
        return None
    token: Token = doc[mention.head_token]
    if token.dep_ not in SUBJECT_DEPS:
        return None  # "met rebels in Geneva": an object's phrase may be the event's place
    # "students throughout Indonesia", "tens of thousands of students throughout ..."
    words = [doc[i] for i in range(mention.token_start, mention.token_end)]
    participles = [p for word in dict.fromkeys((token, *words)) for p in _participles(word)]
    for candidate in (*words, *participles):
        if candidate.i in own:
            return _with_country(actor, *own[candidate.i])
    return None


def _participles(token: Token) -> list[Token]:
    """ "guerrillas operating in Macedonia", "students based in Jakarta"."""
    return [c for c in token.children if c.dep_ == "acl" and c.tag_ in {"VBG", "VBN"}]


def _with_country(
    actor: Actor, span: Span | None, iso3: str, by: ActorResolution = "place"
) -> Actor | None:
    if not _placeable(actor):
        return None
    country = ISO_TO_CAMEO.get(iso3, iso3)
    return replace(
        actor,
        code=country + actor.code,
        country=country,
        # An unattributed attacker stays marked as such; its place is its span's proof.
        resolved_by="unattributed" if actor.resolved_by == "unattributed" else by,
        resolved_span=span,
    )
