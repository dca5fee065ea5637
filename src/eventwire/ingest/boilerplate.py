"""Line rules for page furniture: share rows, promos, credits, breadcrumbs.

Each rule is a :class:`LineRule`: a reason and a test on one whitespace-normalised
line. The defaults are regexes compiled once; a later cross-document rule (lines an
outlet repeats in many articles) only has to offer the same ``reason`` and
``matches`` to be passed to the cleaner alongside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol


class LineRule(Protocol):
    """Decides whether a single line is boilerplate, and says why."""

    @property
    def reason(self) -> str: ...

    def matches(self, line: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class RegexRule:
    """Boilerplate when ``pattern`` matches a line of at most ``max_chars``."""

    reason: str
    pattern: re.Pattern[str]
    max_chars: int = 200

    def matches(self, line: str) -> bool:
        return len(line) <= self.max_chars and self.pattern.search(line) is not None


def _rule(reason: str, pattern: str, max_chars: int = 200) -> RegexRule:
    return RegexRule(reason, re.compile(pattern, re.IGNORECASE), max_chars)


_NO_END_PERIOD = r"(?<![.!?])$"
_TLD = r"(?:com|org|net|gov|edu|info|news|tv|io|co|uk|us|ru|ir|de|fr|in|au|ca)"
_CAP_WORDS = r"[A-Z][\w&'’.-]*(?: [A-Z&][\w&'’.-]*){0,3}"

DEFAULT_RULES: tuple[RegexRule, ...] = (
    _rule(
        "social",
        r"^(share|tweet|e-?mail|print|comment|pin|like|facebook|twitter|whatsapp|linkedin"
        r"|reddit|telegram)( this)?( article| story| page)?[:!]?$",
    ),
    _rule(
        "social",
        r"^(share|post|tweet)( this)?( article| story)? (on|via|to) "
        r"(facebook|twitter|whatsapp|linkedin|reddit|telegram|email|pinterest)\b",
        100,
    ),
    _rule("social", r"^(follow|like|join) us\b|\bfollow (us|the \w+) on (twitter|facebook)", 120),
    _rule("social", r"^-? ?follow .* on twitter:? @\w+$", 120),
    _rule("social", r"^play (facebook|twitter|embed)$"),
    _rule("mirror_notice", r"can also be accessed at the following alternate address"),
    _rule("url", rf"^(https?://\S+|www\.\S+|[\w-]+(\.[\w-]+)*\.{_TLD}(/\S*)?)$"),
    RegexRule(
        "image_credit",
        re.compile(
            r"^([\w .'’-]{0,40}/\s?(AP|AFP|Getty Images|Reuters|Associated Press|EPA|"
            r"Bloomberg|WireImage|ABC|NBC|CBS|CNN|Xinhua|TASS)\b[\w /.-]{0,40}"
            r"|(AP|AFP|EPA|Reuters|Getty Images)( Photo)?\s?/[\w .'’/-]{1,60})$"
        ),
        100,
    ),
    RegexRule(
        "breadcrumb",
        re.compile(rf"^{_CAP_WORDS}(?: ?[/>»|›] ?{_CAP_WORDS}){{1,5}}$"),
        80,
    ),
    _rule("copyright", r"^(copyright\b|©|\(c\) \d{4})|all rights reserved", 200),
    _rule(
        "read_more",
        r"^(read more|read also|related( articles| stories| coverage| content| links| news)?"
        r"|more on this\W*|more|also (see|read)|see also|recommended( for you)?"
        r"|story continued below|continue reading( the main story)?)(\s*[:.…»>|-].{0,120})?$",
        140,
    ),
    _rule(
        "advertisement",
        r"^(advertisement|sponsored|\[pullquote\])( continue reading the main story)?$",
    ),
    _rule(
        "promo",
        r"(click here|\broku\b|\bnewsletters?\b|sign[ -]up\b|\bsubscribe\b|\bdownload (our|the)\b"
        r"|\bapp store\b|\bgoogle play\b|\bget the .*\bapp\b|\bpodcast\b)" + _NO_END_PERIOD,
        100,
    ),
    RegexRule(
        "byline",
        re.compile(rf"^(By|BY)\s+{_CAP_WORDS}((,| and| &)\s*{_CAP_WORDS}){{0,2}}$"),
        100,
    ),
    _rule("contact", r"^(write to|contact|email|e-mail) .*\b[\w.+-]+@[\w-]+\.[\w.]+\.?$", 140),
    _rule(
        "image_credit",
        r"^\(?(photo|image|picture|video|media|graphic)s?( copyright| credit| caption| source)?"
        r"(\s*[:©]|\s+(by|copyright|credit|caption)\b|$)",
        160,
    ),
    _rule(
        "image_credit",
        r"^\(?((getty|afp|reuters|ap|epa|aap|xinhua|tass|efe|ansa)(/| via )?)+"
        r"( images| photo)?\)?$",
        60,
    ),
    _rule("image_credit", r"^\((?:[^()]*\b(?:getty images|photo|afp|file photo)\b[^()]*)\)$", 100),
    _rule("image_credit", r"\bimage \d+ of \d+$", 40),
    # Photo galleries inlined in the text: "Hide Caption 2 of 52 Photos: Colorado massacre: ..."
    _rule("image_credit", r"\b(hide|show) caption \d+ of \d+\b", 3000),
    _rule("image_credit", r"^media playback is unsupported on your device"),
    _rule(
        "dateline",
        r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday), "
        r"[a-z]+ \d{1,2}, \d{4}$",
        40,
    ),
    _rule("separator", r"^[\W_]+$", 80),
)
