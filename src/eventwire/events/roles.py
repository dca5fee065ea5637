"""Who is the source and who the target of a trigger, read off the dependency tree.

Verbs: the subject is the source (the ``by`` agent in the passive), the direct
object or a marked prepositional object the target (the passive subject in the
passive). Missing subjects are inherited along control and coordination links
("Russia is ready to engage in ...", "decided to expand ..."). Event nouns take
their source from a possessor or modifier ("Russia's support", "US sanctions") or
from the verb that governs them ("Moscow had established contacts with ...").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Token

from eventwire.countries import TRANSNATIONAL_PREFIXES
from eventwire.records import Actor, Mention

# Prepositions that mark the target of an event, most telling first. "in" is left
# out: it nearly always marks a place ("cooperation ... in Afghanistan").
TARGET_PREPS = (
    "against",
    "with",
    "on",
    "to",
    "toward",
    "towards",
    "at",
    "into",
    "from",
    "for",
    "between",
    "over",
    "about",
    "upon",
    "of",
)
# Verbs whose object, not subject, does what their complement says ("urged Iran to").
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "help",
        "allow",
        "force",
        "order",
        "tell",
        "call",
        "invite",
        "encourage",
        "persuade",
        "permit",
        "enable",
        "compel",
        "require",
        "advise",
        "pressure",
        "press",
        "authorize",
        "authorise",
        "instruct",
        "let",
        "make",
        "lead",
        "push",
        "oblige",
        "cause",
        # agents who get others to act: "paid the Taliban to kill", "sent troops to fight"
        "pay",
        "hire",
        "bribe",
        "recruit",
        "train",
        "incite",
        "inspire",
        "provoke",
        "prompt",
        "send",
        "dispatch",
        "deploy",
        "arm",
    }
)
# Subjects that are the means of violence, not its agent: "a car bomb killed ...".
MEANS_OF_VIOLENCE = frozenset(
    {"bomb", "blast", "explosion", "explosive", "device", "mine", "landmine", "missile"}
    | {"rocket", "shell", "mortar", "grenade", "bullet", "gunfire", "fire", "shelling"}
    | {"strike", "airstrike", "raid", "attack", "ambush", "drone", "violence", "fighting"}
    | {"clash", "riot", "unrest", "shooting", "bombing", "barrage", "salvo", "artillery"}
)
# Controllers whose bare forces are their own: "Iran sent troops to fight" (IRNMIL),
# unlike "Obama urged troops to ..." (whose troops is not said).
SENDING_VERBS = frozenset(
    {"send", "dispatch", "deploy", "arm", "train", "order", "command", "instruct"}
    | {"pay", "hire", "recruit"}
)
# Controllers whose "to" phrase, not their object, is who is got to act: "paying
# bounties to the Taliban to kill" (but "sent personnel to Bosnia to investigate").
PAYING_VERBS = frozenset({"pay", "offer", "give", "promise"})
# Proceedings named after their subject: "the Russia investigation", "the Ukraine
# inquiry" are about Russia and Ukraine; the compound is the target, not the source.
TOPICAL_NOUNS = frozenset(
    {"investigation", "probe", "inquiry", "trial", "impeachment", "indictment", "hearing"}
)
# Prepositions that lead from an event to what it is about, or to where that was.
TOPIC_PREPS = frozenset(
    {"for", "of", "about", "over", "on", "against", "to", "into", "in", "at", "near"}
)
# Verbs whose subject lives through, sees, recalls or reports an event rather than
# doing it.
EXPERIENCER_VERBS = frozenset(
    {"survive", "witness", "miss", "mourn", "remember", "commemorate", "recall", "fear"}
    | {"face", "suffer", "endure", "escape", "avoid", "watch", "see", "describe", "cover"}
    | {"blame", "investigate", "recount", "experience", "flee"}
    # speakers: "Reuters reported the attack", "Bash characterized the attack as ..."
    | {"report", "characterize", "characterise", "label", "term", "confirm", "cite", "tout"}
    # "the Chinese benefited from the seizure", "400 people have died since the protests",
    # "Obama welcomed the agreement", "ignored the protest"
    | {"benefit", "profit", "die", "welcome", "ignore", "await", "predict", "expect"}
    | {"hear", "heed", "listen", "read"}  # "the president had heard the demands of women"
    | {"long", "yearn", "mourn", "lament", "regret", "deplore"}  # "longed for the reopening"
    # speakers about an act: "emphasized big tech censorship as a problem"
    | {"emphasize", "emphasise", "highlight", "mention", "discuss", "debate", "note"}
    # judges, critics and onlookers of an act: "vacated his conviction", "condemned
    # the attack", "addressed the rally", "pointed to the attack on the embassy"
    | {"vacate", "overturn", "uphold", "reverse", "appeal", "challenge", "contest"}
    | {"condemn", "denounce", "decry", "criticize", "criticise", "slam", "oppose"}
    | {"praise", "applaud", "laud", "endorse", "question", "doubt", "dispute", "protest"}
    | {"address", "tell", "fly", "confront", "refer", "point", "need", "owe", "fuel"}
    | {"view", "review", "examine", "study", "document", "monitor", "track", "explain"}
    | {"prevent", "thwart", "foil", "avert"}
)
# Verbs whose subject draws an act from others: "drawing condemnation from Kiev",
# "received a proposal from the US", "faced criticism". The "from" phrase acts, the
# subject is acted upon.
ELICITING_VERBS = frozenset(
    {"draw", "attract", "receive", "earn", "incur", "invite", "court", "get", "win"}
    | {"spark", "provoke", "trigger", "prompt", "face", "enlist", "solicit", "obtain"}
    | {"secure", "extract", "wring"}  # "Democrats secured concessions"
)
# A clause's subject is not the agent of an act it is placed in ("was under
# investigation"), acts despite ("despite threats") or opposes ("spoke out against
# the attack").
PATIENT_PREPS = frozenset({"under", "despite", "against"})
# An act named in a clause's "in"/"at"/"during" phrase is the subject's only when
# the verb says it took part: "took part in the protests", not "injured by police
# in an earlier protest".
SETTING_PREPS = frozenset({"in", "at", "during"})
PARTICIPATION_VERBS = frozenset(
    {"participate", "engage", "join", "take", "be", "remain", "continue", "lead", "play"}
    | {"involve", "help", "assist", "cooperate", "collaborate", "persist", "succeed"}
    | {"fail", "invest", "use", "employ", "open", "begin", "start", "resume", "step"}
)
# ... nor of an act it responds to ("reacted to the expulsion", "would retaliate
# against any attack") ...
RESPONSE_VERBS = frozenset(
    {"react", "respond", "reply", "retaliate", "object", "adapt", "defend", "protect"}
    | {"guard", "shield", "brace"}
)
# ... nor of one its speech is about ("talked about the strike", "briefed Trump on
# the allegations").
ABOUT_PREPS = frozenset({"about", "regarding", "concerning", "over"})
SPEECH_TOPIC_VERBS = frozenset(
    {"brief", "comment", "speak", "talk", "write", "testify", "remark", "tweet", "post"}
    | {"ask", "question", "inform", "update", "report", "reflect", "joke", "lecture"}
)
# Nouns that frame an event noun in their "of"/"in" phrase without holding it.
FRAME_NOUNS = frozenset(
    {"part", "role", "wave", "series", "round", "campaign", "string", "spate", "flurry"}
    | {"number", "couple", "lot", "barrage", "start", "end", "beginning", "resumption"}
    | {"continuation", "conclusion", "course", "middle", "day", "days", "week", "weeks"}
    | {"month", "months", "year", "years", "hour", "hours", "involvement", "participation"}
    | {"act", "acts", "kind", "type", "form", "sort", "use", "threat", "danger"}
)
# Words that are prepositions or conjunctions ("after the attack" / "after X attacked").
CLAUSE_PREPS = frozenset({"after", "before", "since", "until", "as", "while", "because"})
# Prepositions that date a clause by an event ("after the attack") without making
# the clause's subject its agent.
TIME_PREPS = frozenset({"after", "since", "before", "during", "following", "amid", "until"})
BATTLE_NOUNS = frozenset({"fighting", "fight", "battle", "clash", "combat", "war", "siege"})
DURATION_NOUNS = frozenset({"hour", "day", "week", "month", "year", "decade", "night", "round"})
# Acts named after whom they befall: "Khashoggi's assassination", "Navalny's arrest"
# name the victim in the possessor, unless an "of" phrase does ("Russia's arrest of
# the activist").
PATIENT_NOUNS = frozenset(
    {"assassination", "murder", "killing", "execution", "arrest", "detention", "kidnapping"}
    | {"abduction", "imprisonment", "jailing", "torture", "deportation", "expulsion"}
    | {"extradition", "conviction", "sentencing", "ouster", "removal", "dismissal", "release"}
)
# Documents that speak for whoever issued them ("a declaration demanding ...").
STATEMENT_NOUNS = frozenset(
    {"declaration", "statement", "letter", "resolution", "communique", "message", "decree"}
    | {"note", "appeal", "petition", "proclamation", "ultimatum"}
    # and laws for whoever passed them: "approved a special law recognizing ..."
    | {"law", "bill", "legislation", "measure", "ruling", "verdict", "order"}
)
# Documents that speak for whoever issued them, and the verbs of issuing one.
DOCUMENT_NOUNS = STATEMENT_NOUNS | {"report", "study", "dossier", "communiqué", "white paper"}
ISSUING_VERBS = frozenset({"issue", "release", "publish", "distribute", "circulate", "read"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# Links along which an infinitive or coordinated verb shares its governor's subject.
_CONTROL_DEPS = frozenset({"xcomp", "acomp", "conj", "advcl", "pcomp"})


# Heads of partitive and quantity phrases whose actor sits in the "of" phrase:
# "hundreds of UN troops", "a group of Moroccan diplomats", "members of Hamas".
PARTITIVES = frozenset(
    {
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "ten",
        "tens",
        "dozen",
        "dozens",
        "score",
        "scores",
        "million",
        "millions",
        "group",
        "number",
        "handful",
        "some",
        "many",
        "most",
        "all",
        "several",
        "one",
        "two",
        "three",
        "third",
        "half",
        "majority",
        "part",
        "member",
        "members",
        "leader",
        "leaders",
        "representative",
        "representatives",
        "delegation",
        "unit",
        "units",
        "contingent",
        "batch",
        "team",
        "wing",
    }
)


# Codes that name an organisation beyond any state (IGOs, NGOs, militant groups,
# companies): never a placeholder for a country.
NON_STATE_PREFIXES = TRANSNATIONAL_PREFIXES


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """Finds the actor mention(s) that an argument token stands for.

    A token maps to the longest mention covering it; several mentions may share a
    range ("US and British activists" is two actors on one phrase).
    """

    by_token: dict[int, tuple[Mention, ...]]

    @classmethod
    def build(cls, mentions: Sequence[Mention]) -> MentionIndex:
        groups: dict[tuple[int, int], list[Mention]] = {}
        for mention in mentions:
            groups.setdefault((mention.token_start, mention.token_end), []).append(mention)
        by_token: dict[int, tuple[Mention, ...]] = {}
        # Longer phrases first, so a mention nested inside ("Russian" in "the
        # Russian president") does not hide the phrase it belongs to.
        for (start, end), group in sorted(groups.items(), key=lambda kv: kv[0][0] - kv[0][1]):
            for i in range(start, end):
                by_token.setdefault(i, tuple(group))
        return cls(by_token)

    def at(self, token: Token) -> tuple[Mention, ...]:
        return self.by_token.get(token.i, ())

    def for_argument(self, token: Token) -> list[Mention]:
        """The actor(s) an argument phrase refers to: its own mention, else one in a
        possessor or compound ("for China's assistance"), else the "of" phrase of a
        partitive ("hundreds of UN troops")."""
        own = self.at(token)
        if own:
            return list(own)
        clause = token.head
        if (
            token.lower_ in RELATIVE_PRONOUNS
            and clause.dep_ == "relcl"
            and clause.head.i != clause.i
        ):
            # "a tanker, which was seized by ...", "sailors whom Russia detained"
            return self.for_argument(clause.head)
        if token.pos_ == "VERB":
            # A participle misparsed as the subject ("The Red Cross operating in Iraq
            # said"): its own subject is the phrase's actor.
            for child in token.children:
                if child.dep_ == "nsubj" and child.i < token.i:
                    return self.for_argument(child)
        violent = token.lemma_.lower() in MEANS_OF_VIOLENCE
        for child in token.children:
            if child.dep_ in {"poss", "compound", "nmod"} and self.at(child):
                if violent and child.dep_ == "compound" and names_a_city(self.at(child)[0], child):
                    continue  # "a Kabul car bombing killed ...": where, not who
                return list(self.at(child))
        if token.pos_ in {"NOUN", "PROPN"}:
            # "demolished Palestinian homes", "shelled Kurdish villages", "Iraqi Kurds"
            for child in token.children:
                if child.dep_ == "amod" and self.at(child):
                    return list(self.at(child))
        if token.pos_ in {"NOUN", "PROPN"}:
            # "allegations by Rwanda", "doctors from two American aid groups"
            for child in token.children:
                if child.dep_ in {"prep", "agent"} and child.lower_ in {"by", "from"}:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and self.at(pobj):
                            return list(self.at(pobj))
        if token.lemma_.lower() in DOCUMENT_NOUNS:
            issuer = self._issued_at(token)
            if issuer is not None:
                return [issuer]
        if token.lower_ in PARTITIVES or token.lemma_.lower() in PARTITIVES:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self.for_argument(pobj)
        return []

    def _issued_at(self, document: Token) -> Mention | None:
        """ "A report released in the Rwandan capital alleged ...", "a statement issued
        in Moscow": a document with no author named speaks for the country it was
        issued in (``resolved_by="place"``, the place's span)."""
        for issued in document.children:
            if issued.dep_ != "acl" or issued.lemma_.lower() not in ISSUING_VERBS:
                continue
            for prep in issued.children:
                if prep.dep_ != "prep" or prep.lower_ != "in":
                    continue
                for place in (c for c in prep.children if c.dep_ == "pobj"):
                    for mention in self.for_argument(place):
                        country = mention.actor.country
                        if country is None or mention.actor.code != country:
                            continue  # "issued in the Senate", "released in a UN report"
                        actor = Actor(
                            code=country,
                            name=f"issuer of the {document.lower_} ({mention.text})",
                            span=mention.span,
                            country=country,
                            resolved_by="place",
                            resolved_span=mention.span,
                        )
                        return replace(mention, actor=actor)
        return None

    def with_conjuncts(self, token: Token) -> list[Mention]:
        """The mentions of ``token`` plus those of coordinated phrases ("X and Y")."""
        found: list[Mention] = []
        for candidate in (token, *token.conjuncts):
            for mention in self.for_argument(candidate):
                if mention not in found:
                    found.append(mention)
        return found


def is_passive(verb: Token) -> bool:
    return (
        reduced_relative(verb)
        or any(c.dep_ in _PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)
        or _bare_passive_conjunct(verb)
    )


def _bare_passive_conjunct(verb: Token) -> bool:
    """ "was arrested by police and charged with treason": a bare participle
    conjoined to a passive shares its voice."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or verb.head.i == verb.i:
        return False
    if any(c.dep_ in _SUBJECT_DEPS | {"aux", "auxpass", "dobj"} for c in verb.children):
        return False
    head = verb.head
    return any(c.dep_ in _PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in head.children)


def reduced_relative(verb: Token) -> bool:
    """A participle the parser took for the main verb: "The civilians imprisoned for
    ... were released": the real main verb hangs on it as a conjunct with its own
    auxiliary, no subject and no "and"; the participle has no object or auxiliary."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBD", "VBN"}:
        return False
    deps = {c.dep_ for c in verb.children}
    if "nsubj" not in deps or deps & {"aux", "auxpass", "dobj", "cc"}:
        return False
    return any(
        c.dep_ == "conj"
        and c.i > verb.i
        and {g.dep_ for g in c.children} & {"aux", "auxpass"}
        and not {g.dep_ for g in c.children} & (_SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS)
        for c in verb.children
    )


def passive_subjects(verb: Token) -> list[Token]:
    """Who undergoes a passive verb: its own passive subject, the subject of a
    misread reduced relative, or, for a subjectless passive conjunct ("were
    arrested and were jailed"), its first conjunct's subject."""
    own = _children(verb, _PASSIVE_SUBJECT_DEPS)
    if own:
        return nearest_subject(own, verb)
    if reduced_relative(verb):
        return _children(verb, {"nsubj"})
    if verb.dep_ == "conj" and not _children(verb, _SUBJECT_DEPS):
        head = verb.head
        return _children(head, _PASSIVE_SUBJECT_DEPS) or (
            _children(head, {"nsubj"}) if reduced_relative(head) else []
        )
    return []


def _stranded_subject(verb: Token, index: MentionIndex) -> list[Mention]:
    """A main verb the parser left without a subject because it hung the subject on
    an opening phrase ("With the signing of a MOU ..., the Sudanese government and
    SPLM/A have agreed"): the actors named right before the verb (its auxiliaries
    and adverbs aside) are its subject."""
    i = verb.i - 1
    doc = verb.doc
    while i >= verb.sent.start and doc[i].dep_ in {"aux", "auxpass", "neg", "advmod"}:
        i -= 1
    if i < verb.sent.start or not index.at(doc[i]) or doc[i].dep_ not in {"conj", "appos"}:
        return []
    group = doc[i]
    while group.dep_ == "conj" and index.at(group.head):
        group = group.head
    return index.with_conjuncts(group)


def _subject_read_as_object(verb: Token, index: MentionIndex) -> list[Mention]:
    """ "come after North Korea's foreign minister earlier this week accused the
    U.S.": the parser read "after" as a preposition with the minister as its object
    and left "accused" without a subject. The noun right before the clause (its
    adverbials aside) is its subject."""
    doc = verb.doc
    subtree = {t.i for t in verb.subtree}
    i = verb.i - 1
    while i >= verb.sent.start and i in subtree:
        i -= 1
    if i < verb.sent.start:
        return []
    noun = doc[i]
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in CLAUSE_PREPS or prep.head.i != verb.head.i:
        return []
    return index.with_conjuncts(noun)


def nearest_subject(subjects: list[Token], verb: Token) -> list[Token]:
    """Of several subjects the parser hung on one verb, the one nearest before it:
    a dateline ("GAZA CITY, Palestinian Territories: Four children ... were killed")
    is read as a subject too."""
    if len(subjects) < 2:
        return subjects
    before = [s for s in subjects if s.i < verb.i]
    return [max(before, key=lambda s: s.i)] if before else subjects[:1]


def _children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _subjects(verb: Token, index: MentionIndex) -> list[Token]:
    """The verb's subjects; when the parser split one phrase into several ("the
    Somali militant group al-Shabab": "group" and "Shabab" both nsubj), the name
    that is a mention of its own comes first."""
    subjects = _children(verb, _SUBJECT_DEPS)
    if len(subjects) > 1:
        named = [s for s in subjects if index.at(s)]
        if named:
            return [named[-1]]
    return subjects


def verb_source(verb: Token, index: MentionIndex) -> list[Mention]:
    """The acting actor(s) of a verb, inheriting through control links.

    Subject control ("decided to expand") climbs to the governor's subject; object
    control ("helped militants join", "accused Somalia of supporting") takes the
    governor's object; a passive governor passes on its surface subject ("Obama is
    scheduled to attend"), but a passive trigger without a "by" agent has no source.
    """
    node, link = verb, ""
    for _ in range(6):
        if is_passive(node) and link == "conj":
            # "has been indicted by the court and will resign": the active conjunct
            # shares the passive's surface subject, not its agent.
            for subj in _children(node, _PASSIVE_SUBJECT_DEPS):
                return index.with_conjuncts(subj)
            return []
        if is_passive(node):
            # "was shot and killed by an Afghan soldier": conjoined participles share
            # the agent the parser hangs on the last of them.
            marked = any(c.dep_ == "auxpass" for c in node.children)
            shared = [c for c in node.conjuncts if c.tag_ == "VBN"] if marked else []
            if _bare_passive_conjunct(node):
                shared = [node.head]  # "arrested by police and charged": police charged
            for agent in [a for v in (node, *shared) for a in _children(v, {"agent"})]:
                for pobj in _children(agent, {"pobj"}):
                    return index.with_conjuncts(pobj)
            if link != "xcomp":
                return []
            for subj in _children(node, _PASSIVE_SUBJECT_DEPS):
                return index.with_conjuncts(subj)
            return []
        for subj in _subjects(node, index):
            if subj.lower_ in {"who", "which", "that"} and node.dep_ == "relcl":
                return index.with_conjuncts(node.head)
            return index.with_conjuncts(subj)
        if node.dep_ == "ROOT":
            return _stranded_subject(node, index)
        if node.dep_ == "advcl":
            misread = _subject_read_as_object(node, index)
            if misread:
                return misread
        if node.dep_ == "relcl" and node.head.i != node.i:
            return index.with_conjuncts(node.head)
        if node.dep_ == "acl":
            # "demonstrators protesting ..." acts; "civilians imprisoned ..." is acted on;
            # "issued a declaration demanding ...": the declaration's issuer acts.
            if node.head.lemma_.lower() in PLAN_NOUNS and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children
            ):
                # "announced plans to impose sanctions": the planner acts, whom the
                # noun names itself if it does ("welcomed China's offer to mediate")
                own = noun_own_source(node.head, index, set())
                if own:
                    return own
                governor = governing_verb(node.head)
                return verb_source(governor, index) if governor is not None else []
            finite = node.tag_ == "VBD" or node.lemma_.lower() in INTRANSITIVE_ACTS
            if finite and node.head.dep_ == "ROOT" and node.head.pos_ in {"NOUN", "PROPN"}:
                # "Thousands of students protested in Cairo" read as a noun phrase
                # with a relative clause: a finite verb is the sentence's own.
                return index.with_conjuncts(node.head)
            if node.tag_ != "VBG":
                return []
            found = index.with_conjuncts(node.head)
            governor = governing_verb(node.head)
            issued = node.head.lemma_.lower() in STATEMENT_NOUNS
            if not found and issued and governor is not None and governor.i != node.i:
                return verb_source(governor, index)
            return found
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":
            # Object control: "accused Somalia of supporting ..." -> Somalia supports.
            for obj in _children(node.head.head, {"dobj"}):
                return index.with_conjuncts(obj)
            if node.head.head.pos_ == "ADJ" and node.head.head.dep_ in {"acomp", "xcomp"}:
                # "are guilty of violating", "is responsible for shelling": the
                # adjective's subject acts.
                link, node = "acomp", node.head.head
                continue
            governor = node.head.head
            clause = governor.dep_ not in {"acl", "relcl", "amod"}
            if governor.pos_ == "VERB" and clause and is_passive(governor):
                # "Vietnam is committed to opening", "was accused of shelling": the
                # stative passive's subject acts (its modality says how surely).
                for subj in _children(governor, _PASSIVE_SUBJECT_DEPS):
                    return index.with_conjuncts(subj)
        if node.dep_ not in _CONTROL_DEPS or node.head.i == node.i:
            return []
        infinitive = node.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children
        )  # "paid the Taliban to kill", not "ordered exercises, drawing condemnation"
        if (
            node.dep_ in {"xcomp", "ccomp"} or infinitive
        ) and node.head.lemma_.lower() in OBJECT_CONTROL:
            controller = node.head
            for obj in _children(controller, {"dobj"}):
                # "paying bounties to the Taliban to kill": the one paid acts
                agents = index.with_conjuncts(obj)
                if not agents and controller.lemma_.lower() in PAYING_VERBS:
                    paid = prep_objects(controller, "to")
                    agents = [m for p in paid for m in index.with_conjuncts(p)]
                if not agents and infinitive:
                    break  # "sent material to help defend": a purpose, the sender acts
                if controller.lemma_.lower() not in SENDING_VERBS:
                    return agents
                return _owned_by(agents, verb_source(controller, index))
        link, node = node.dep_, node.head
    return []


def _owned_by(agents: list[Mention], senders: list[Mention]) -> list[Mention]:
    """ "Iran sent troops to fight": bare forces someone sends, arms or deploys are
    that someone's ("IRN" + "MIL"), when exactly one country sends them."""
    owners = {
        m.actor.code if m.actor.code[:3] in NON_STATE_PREFIXES else m.actor.country for m in senders
    }
    if len(owners) != 1 or None in owners:
        return agents
    owner = str(next(iter(owners)))
    return [
        replace(m, actor=replace(m.actor, code=owner + m.actor.code, country=owner[:3]))
        if is_weak(m)
        else m
        for m in agents
    ]


def prep_objects(token: Token, prep: str | None = None) -> list[Token]:
    """Objects of the prepositions attached to ``token`` (optionally one preposition)."""
    objects: list[Token] = []
    for child in token.children:
        if child.dep_ not in {"prep", "agent", "dative"}:
            continue
        if prep is not None and child.lower_ != prep:
            continue
        objects.extend(_children(child, {"pobj", "pcomp"}))
        if child.dep_ == "dative" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            objects.append(child)
    return objects


def is_weak(mention: Mention) -> bool:
    """A sector-only mention ("troops", "the military"): an actor, but a poor target
    when a country or organisation is also in reach."""
    actor = mention.actor
    if actor.code[:3] in NON_STATE_PREFIXES:  # "aid agencies", "a UN mission" are actors
        return False
    return actor.country is None and bool(actor.sectors) and actor.code == "".join(actor.sectors)


class _PlaceGroup(list[Mention]):
    """Actors named only as the place of the event ("in Cairo"): recipients of last
    resort, never preferred over an actor the event names ("at police")."""


def _pick(groups: Iterator[list[Mention]], exclude: set[int]) -> list[Mention]:
    """The first group with a strong mention; else the first non-empty group."""
    fallback: list[Mention] = []
    for group in groups:
        kept = [m for m in group if m.head_token not in exclude]
        if not kept:
            continue
        if fallback and isinstance(group, _PlaceGroup):
            return fallback
        strong = [m for m in kept if not is_weak(m)]
        if strong:
            return strong
        if not fallback:
            fallback = kept
    return fallback


def _prep_groups(
    token: Token, index: MentionIndex, places: bool = False
) -> Iterator[list[Mention]]:
    """Actors in prepositional objects, by how surely the preposition marks a target.
    With ``places``, "in X" counts too (last): for force posture and attacks, the
    country where it happens is the recipient ("exercises in Alaska")."""
    by_prep: dict[str, list[Mention]] = {}
    for child in token.children:
        if child.dep_ not in {"prep", "dative"}:
            continue
        for obj in _children(child, {"pobj"}):
            found = index.with_conjuncts(obj)
            if found:
                by_prep.setdefault(child.lower_, []).extend(found)
        if child.lower_ in {"out", "away"}:  # "pulled its troops out of Afghanistan"
            for of in (
                g for g in child.children if g.dep_ == "prep" and g.lower_ in {"of", "from"}
            ):
                for obj in _children(of, {"pobj"}):
                    by_prep.setdefault("from", []).extend(index.with_conjuncts(obj))
    for prep in TARGET_PREPS:
        if prep in by_prep:
            yield by_prep[prep]
    if places and "in" in by_prep:
        yield _PlaceGroup(by_prep["in"])


def _verb_target_groups(
    verb: Token,
    index: MentionIndex,
    prep: str | None,
    where: str,
    places: bool,
    addressee_in_complement: bool = False,
) -> Iterator[list[Mention]]:
    if is_passive(verb):
        for subj in passive_subjects(verb):
            yield index.with_conjuncts(subj)
    if where == "pobj" and prep:
        for obj in prep_objects(verb, prep):
            yield index.with_conjuncts(obj)
        for dobj in _children(verb, {"dobj"}):  # "fired missiles [at Russia]"
            for obj in prep_objects(dobj, prep):
                yield index.with_conjuncts(obj)
    if where in {"dobj", "auto"}:
        for obj in _children(verb, {"dobj", "dative", "attr", "oprd"}) or _shifted_object(verb):
            if _own_asset(obj):
                continue  # "pulled its troops out of Afghanistan": the place is the target
            yield index.with_conjuncts(obj)
            if obj.lemma_.lower() in PATIENT_NOUNS:  # "ordered the arrest of the activists"
                for patient in prep_objects(obj, "of"):
                    yield index.with_conjuncts(patient)
        if addressee_in_complement:
            # "demanded that the US cancel ...": the one asked is the clause's subject.
            for comp in _children(verb, {"ccomp"}):
                for subj in _children(comp, _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS):
                    yield index.with_conjuncts(subj)
        if verb.dep_ == "amod" and verb.pos_ == "VERB":
            # A tagger slip ("censured US authorities" read as an adjective):
            # the modified noun is the object.
            yield index.with_conjuncts(verb.head)
    if prep:
        for obj in prep_objects(verb, prep):
            yield index.with_conjuncts(obj)
    yield from _prep_groups(verb, index, places)
    # "expand its presence in Afghanistan": the target sits inside the object phrase.
    for obj in _children(verb, {"dobj"}):
        yield from _prep_groups(obj, index, places)


# What a state moves or recalls of its own: "pulled its troops", "recalled its envoy".
OWN_ASSET_NOUNS = frozenset(
    {"troop", "force", "soldier", "army", "military", "personnel", "contingent", "navy"}
    | {"ship", "warship", "jet", "plane", "aircraft", "ambassador", "envoy", "diplomat"}
    | {"staff", "citizen", "national", "embassy", "delegation", "team"}
)
_OWNER_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})


def _own_asset(obj: Token) -> bool:
    return obj.lemma_.lower() in OWN_ASSET_NOUNS and any(
        c.dep_ == "poss" and c.lower_ in _OWNER_PRONOUNS for c in obj.children
    )


def _shifted_object(verb: Token) -> list[Token]:
    """ "condemned as unacceptable allegations by Rwanda": the object moved after its
    "as" complement, which the parser takes for the object of "as"."""
    return [
        obj
        for obj in prep_objects(verb, "as")
        if obj.pos_ == "NOUN" and any(c.dep_ == "amod" and c.i < obj.i for c in obj.children)
    ]


def verb_target(
    verb: Token,
    index: MentionIndex,
    prep: str | None,
    where: str,
    exclude: set[int],
    places: bool = False,
    addressee_in_complement: bool = False,
) -> list[Mention]:
    """The actor(s) acted upon. ``where`` is the pattern's hint (dobj|pobj|none|auto)."""
    if where == "none":
        return []
    groups = _verb_target_groups(verb, index, prep, where, places, addressee_in_complement)
    return _pick(groups, exclude)


def phrase_head(noun: Token) -> Token:
    """The head of a compound noun phrase: "mediation" -> "effort" in "mediation effort"."""
    node = noun
    while node.dep_ == "compound" and node.head.i != node.i:
        node = node.head
    return node


def governing_verb(noun: Token) -> Token | None:
    """The verb an event noun hangs from: "established [contacts]", "engage in [cooperation]"."""
    node = phrase_head(noun)
    for _ in range(5):
        if (
            node.dep_ in {"dobj", "pobj", "attr", "nsubj", "nsubjpass", "oprd", "appos", "conj"}
            or node.dep_ == "prep"
        ):
            node = node.head
        else:
            return None
        if node.pos_ in {"VERB", "AUX"}:
            return node
        if node.pos_ == "NOUN" and node.dep_ not in {"pobj", "dobj", "conj"}:
            return None
    return None


def noun_own_source(
    noun: Token, index: MentionIndex, exclude: set[int], venues: bool = False
) -> list[Mention]:
    """The source an event noun names itself: "Russia's invasion", "US sanctions",
    "allegations by Rwanda", "demands from the rebels". With ``venues`` (fighting,
    meetings) a city named as a compound is where it happened, not who did it:
    "the Raqqa battle", "a Kabul car bombing"."""
    topical = noun.lemma_.lower() in TOPICAL_NOUNS
    if _names_its_patient(noun):
        return [m for obj in prep_objects(noun, "by") for m in index.with_conjuncts(obj)]
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            if topical and child.dep_ == "compound":
                continue  # "the Russia investigation" is about Russia, not by it
            if (
                venues
                and child.dep_ == "compound"
                and any(names_a_city(m, child) for m in index.at(child))
            ):
                continue
            found = [m for m in index.at(child) if m.head_token not in exclude]
            if not found and child.dep_ == "compound":  # "US Predator attacks"
                found = [
                    m
                    for grandchild in child.children
                    if grandchild.dep_ in {"compound", "amod", "poss"}
                    for m in index.at(grandchild)
                    if m.head_token not in exclude
                ]
            if found:
                return found
    for prep in ("by", "from"):
        for obj in prep_objects(noun, prep):
            found = index.with_conjuncts(obj)
            if found:
                return found
    return []


def _inside_another_noun(noun: Token, verb: Token) -> bool:
    """The event noun hangs from another noun on its way up to the verb ("support
    for the protests", "the fear of an attack"): the verb's subject holds that noun,
    not the event, unless the noun only measures or frames it ("a wave of attacks",
    "took part in the protests", "the start of talks")."""
    node = phrase_head(noun)
    while node.head.i != node.i and node.head.i != verb.i:
        holder = node.head
        coordinated = node.dep_ in {"conj", "appos"}  # "artillery, mortar and rocket fire"
        if (
            not coordinated
            and holder.pos_ in {"NOUN", "PROPN"}
            and holder.lemma_.lower() not in FRAME_NOUNS
        ):
            return True
        node = holder
    return False


def names_a_city(mention: Mention, token: Token) -> bool:
    """A place name that stands for a country without being its name ("Kabul",
    "Raqqa"), as opposed to "Russia" or "US"."""
    actor = mention.actor
    return (
        token.pos_ == "PROPN"
        and actor.country is not None
        and actor.code == actor.country
        and actor.name.lower() != mention.text.lower()
        and not mention.text.isupper()
    )


def _names_its_patient(noun: Token) -> bool:
    """ "Khashoggi's assassination": the possessor suffered the act."""
    return noun.lemma_.lower() in PATIENT_NOUNS and not prep_objects(noun, "of")


def noun_source(
    noun: Token, index: MentionIndex, exclude: set[int], venues: bool = False
) -> list[Mention]:
    """The noun's own source, else the subject of the verb it hangs from."""
    own = noun_own_source(noun, index, exclude, venues)
    if own:
        sender = governing_verb(noun)
        if sender is not None and sender.lemma_.lower() in SENDING_VERBS:
            # "ordered patrols by police": the police are the orderer's
            return _owned_by(own, verb_source(sender, index))
        return own
    head = phrase_head(noun)
    if head.i != noun.i:
        own = noun_own_source(head, index, exclude | {noun.i}, venues)
        if own:
            return own
    verb = governing_verb(noun)
    if verb is None or head.dep_ in {"nsubj", "nsubjpass"}:
        return []
    lemma = verb.lemma_.lower()
    if lemma in EXPERIENCER_VERBS:
        return []  # "a Spanish student survived the attack" did not attack
    if lemma == "call" and _children(verb, {"oprd"}):
        return []  # "called the stabbing an act of barbarity": a characterisation
    if _inside_another_noun(noun, verb):
        return []  # "tweeted support for the protests": he supports, others protest
    if lemma in ELICITING_VERBS:
        return [m for obj in prep_objects(verb, "from") for m in index.with_conjuncts(obj)]
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ == "pobj":
        fights = noun.lemma_.lower() in BATTLE_NOUNS  # "captured ... after days of fighting"
        if head.head.head.lemma_.lower() in DURATION_NOUNS and not fights:
            head = head.head.head  # "resigned after weeks of protests": the "after" counts
    if head.dep_ == "pobj":
        prep = head.head.lower_
        if prep in TIME_PREPS or prep in PATIENT_PREPS or prep in ABOUT_PREPS:
            return []  # "spoke after the attack", "was under investigation"
        if prep in SETTING_PREPS and lemma not in PARTICIPATION_VERBS:
            return []  # "was injured by police in an earlier protest"
        if prep == "on" and lemma in SPEECH_TOPIC_VERBS:
            return []  # "briefed Trump on the allegations"
        if prep in {"to", "against", "for", "from"} and lemma in RESPONSE_VERBS:
            return []  # "reacted to the expulsion", "would retaliate against any attack"
    return verb_source(verb, index)


def _noun_target_groups(
    noun: Token, index: MentionIndex, prep: str | None, places: bool
) -> Iterator[list[Mention]]:
    head = phrase_head(noun)
    if prep:
        for obj in prep_objects(noun, prep):
            yield index.with_conjuncts(obj)
    for clause in _children(noun, {"acl", "ccomp"}):
        # "its demands that Burundi's government grant ...": the one asked
        if any(c.dep_ == "mark" for c in clause.children) or _children(clause, _SUBJECT_DEPS):
            for subj in _children(clause, _SUBJECT_DEPS):
                yield index.with_conjuncts(subj)
    if noun.lemma_.lower() in TOPICAL_NOUNS:
        for child in noun.children:
            if child.dep_ == "compound":
                yield list(index.at(child))
    if _names_its_patient(noun):
        for child in noun.children:
            if child.dep_ in {"poss", "compound"}:
                yield list(index.at(child))
    yield from _prep_groups(noun, index, places)
    if head.i != noun.i:  # "a mediation effort between X and Y"
        yield from _prep_groups(head, index, places)
    verb = governing_verb(noun)
    if verb is not None and verb.lemma_.lower() in ELICITING_VERBS and head.dep_ == "dobj":
        # "Russia drew condemnation from Kiev": the condemned is the subject.
        yield verb_source(verb, index)
    if verb is not None and head.dep_ == "nsubj":  # "US attacks killed eight leaders"
        for obj in _children(verb, {"dobj"}):
            yield index.with_conjuncts(obj)
    if verb is not None and head.dep_ in {"dobj", "pobj"}:
        # "established contacts with X", "expand its presence in Y with the deployment"
        yield from _verb_target_groups(verb, index, None, "auto", places)


def noun_target(
    noun: Token,
    index: MentionIndex,
    prep: str | None,
    exclude: set[int],
    places: bool = False,
) -> list[Mention]:
    return _pick(_noun_target_groups(noun, index, prep, places), exclude | {noun.i})


def topic_place(
    trigger: Token, index: MentionIndex, exclude: set[int], venue: bool = False
) -> list[Mention]:
    """The country where the thing an event is about happened, as its target when
    no actor is named: "claimed responsibility for an attack in Kenya", "a summit
    on the unrest in Iran", "an attack targeting a mall in Kenya's capital". Only a
    bare country (no sector) counts, named by the place phrase or its modifier,
    nested in the trigger's object phrase (through prepositions and participle
    clauses), at most four phrases down. With ``venue`` (meetings), the trigger's
    own "in" phrase is where it met, not a party: "a summit in Canada"."""
    frontier = [c for c in trigger.children if c.dep_ in {"dobj", "prep", "attr"}]
    for depth in range(4):
        following: list[Token] = []
        for node in frontier:
            if node.dep_ == "prep" and node.lower_ not in TOPIC_PREPS:
                continue  # "lashed out following a summit in Canada": time, not topic
            objects = _children(node, {"pobj"}) if node.dep_ == "prep" else [node]
            for obj in objects:
                at_venue = venue and depth == 0 and node.head.i == trigger.i
                if node.dep_ == "prep" and node.lower_ == "in" and not at_venue:
                    places = [
                        m
                        for m in index.for_argument(obj)
                        if m.head_token not in exclude
                        and not m.actor.sectors
                        and m.actor.code == m.actor.country
                    ]
                    if places:
                        return places
                for child in obj.children:
                    if child.dep_ == "prep":
                        following.append(child)
                    elif child.dep_ == "acl":  # "an attack targeting ... at a mall in X"
                        following.extend(_children(child, {"prep", "dobj"}))
        frontier = following
    return []


RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "that"})
# Nouns of intent whose to-infinitive is their owner's act: "announced plans to ...".
PLAN_NOUNS = frozenset(
    {"plan", "intention", "decision", "proposal", "bid", "pledge", "promise", "threat"}
    | {"readiness", "willingness", "commitment", "offer"}
)
# Acts done, never undergone: a participle of one is active even where the parser
# reads it as a reduced relative ("Thousands of students protested in Cairo").
INTRANSITIVE_ACTS = frozenset({"protest", "demonstrate", "march", "rally", "riot", "clash"})
# Clauses hanging on a verb that tell of other acts, with places of their own.
OTHER_CLAUSE_DEPS = frozenset({"conj", "relcl", "advcl", "ccomp", "parataxis"})


def _opens_other_clause(token: Token) -> bool:
    if token.dep_ not in OTHER_CLAUSE_DEPS or token.pos_ not in {"VERB", "AUX"}:
        return False
    # A bare participle is often the same act misparsed: "killed in Israeli tank
    # shelling in the east of Gaza" with "shelling" as a clause.
    return token.dep_ != "advcl" or any(
        c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in token.children
    )


def own_clause(trigger: Token) -> list[Token]:
    """The trigger's subtree without the other verbs' clauses in it: "unless Hamas is
    disarmed, or put where it cannot replace the rockets it fires at Israel" does not
    place the disarming in Israel."""
    words, stack = [], [trigger]
    while stack:
        token = stack.pop()
        words.append(token)
        stack.extend(c for c in token.children if not _opens_other_clause(c))
    return sorted(words, key=lambda t: t.i)


def in_own_clause(word: Token, trigger: Token) -> bool:
    """``word`` is below ``trigger`` with no other verb's clause between them."""
    node = word
    while node.i != trigger.i:
        if _opens_other_clause(node) or node.head.i == node.i:
            return False
        node = node.head
    return True
