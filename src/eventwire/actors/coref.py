"""Simple, auditable coreference over what the recogniser already resolved.

Rules, not a model: "he"/"she" take the speaker of the speech verb they are the
subject under ("Obama said he would ..."), else the most recent named person
(main-clause subject first) of the previous sentences; "the official" / "the envoy" likewise;
"the group" the most recent armed group or organisation; "the country" the most
recent country named as such; "it" only when a speech verb's subject is a country
or organisation ("Russia says it is ready").
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON_PRONOUNS = frozenset({"he", "she", "him"})
PERSON_DESCRIPTIONS = frozenset(
    {"official", "minister", "envoy", "diplomat", "spokesman", "spokeswoman", "ambassador"}
    | {"president", "leader", "representative"}
)
GROUP_DESCRIPTIONS = frozenset({"group", "organisation", "organization", "movement"})
COUNTRY_DESCRIPTIONS = frozenset({"country", "nation"})
GROUP_KINDS = frozenset({"group", "igo", "ngo", "organisation"})
SPEAKER_KINDS = GROUP_KINDS | {"country", "capital", "institution", "official"}
# Who "he"/"she" may point to when the speech verb's subject is in the same sentence.
PERSON_SPEAKER_KINDS = frozenset({"person", "official"})


@dataclass(frozen=True, slots=True)
class Antecedent:
    """A resolved phrase the rules may point back to."""

    token: int
    sentence: int
    kind: str
    main_subject: bool
    key: int  # index into the recogniser's per-document resolution list


def person_antecedent(history: list[Antecedent], sentence: int) -> Antecedent | None:
    """Most recent earlier sentence with a person; its main-clause subject first."""
    earlier = [a for a in history if a.kind == "person" and a.sentence < sentence]
    if not earlier:
        return None
    last = max(a.sentence for a in earlier)
    candidates = [a for a in earlier if a.sentence == last]
    subjects = [a for a in candidates if a.main_subject]
    return (subjects or candidates)[0]


def kind_antecedent(
    history: list[Antecedent], token: int, kinds: frozenset[str]
) -> Antecedent | None:
    """Most recent phrase of one of ``kinds`` before ``token``."""
    for antecedent in reversed(history):
        if antecedent.token < token and antecedent.kind in kinds:
            return antecedent
    return None
