"""A cheap English check: the share of English function words among tokens.

News English runs at 35-50 % function words; other languages written in Latin
script share only a few of them ("a", "in"), so a threshold separates them
without a model. Telegraphic English (wire tables: "Shr 34 cts vs 1.19 dlrs") has
few function words too, so a text under the threshold is still English unless
common German, French, Spanish, Italian, Portuguese or Dutch function words are
at least as frequent, or English ones are almost absent. Texts too short to judge
count as English when they are in plain Latin script, so one-line inputs such as
"Russia warned Ukraine." pass.
"""

from __future__ import annotations

import re
from itertools import islice

ENGLISH = "en"
UNDETERMINED = "und"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# fmt: off
ENGLISH_FUNCTION_WORDS = frozenset((
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "more",
    "most", "no", "not", "of", "on", "or", "our", "over", "said", "she", "should", "so", "some",
    "than", "that", "the", "their", "them", "there", "these", "they", "this", "those", "to",
    "under", "up", "was", "we", "were", "what", "when", "which", "while", "who", "will", "with",
    "would", "you",
))
# Frequent function words of other Latin-script languages that are not English words.
OTHER_FUNCTION_WORDS = frozenset((
    "der", "das", "und", "ist", "nicht", "ein", "eine", "einen", "dem", "den", "des", "von",
    "zu", "mit", "sich", "auf", "für", "auch", "es", "wird", "wurde", "sind", "im", "bei",
    "nach", "le", "la", "les", "et", "est", "une", "du", "dans", "pour", "que", "qui", "pas",
    "sur", "au", "avec", "ce", "il", "elle", "sont", "été", "aux", "ses", "leur", "el", "los",
    "las", "y", "por", "para", "una", "del", "se", "lo", "su", "al", "como", "más", "pero",
    "sus", "fue", "di", "che", "è", "non", "gli", "della", "delle", "sono", "nel", "alla",
    "os", "é", "não", "um", "uma", "do", "da", "dos", "das", "em", "com", "het", "een", "van",
    "en", "ik", "niet", "zijn", "op", "te", "dat", "met", "voor",
))
# fmt: on
MIN_TOKENS_TO_JUDGE = 12
MIN_FUNCTION_SHARE = 0.18
MIN_TELEGRAPHIC_SHARE = 0.04
MIN_OTHER_SHARE = 0.08
_SAMPLE_TOKENS = 3000
_MIN_LATIN_SHARE = 0.9


def guess_language(text: str) -> str:
    """``"en"`` for English, ``"und"`` for anything else or undecidable."""
    tokens = [m.group().lower() for m in islice(_WORD.finditer(text), _SAMPLE_TOKENS)]
    if not tokens:
        return UNDETERMINED
    if len(tokens) < MIN_TOKENS_TO_JUDGE:
        letters = [ch for token in tokens for ch in token]
        ascii_share = sum(1 for ch in letters if ch.isascii()) / len(letters)
        return ENGLISH if ascii_share >= _MIN_LATIN_SHARE else UNDETERMINED
    english = sum(1 for token in tokens if token in ENGLISH_FUNCTION_WORDS) / len(tokens)
    if english >= MIN_FUNCTION_SHARE:
        return ENGLISH
    other = sum(1 for token in tokens if token in OTHER_FUNCTION_WORDS) / len(tokens)
    if other >= MIN_OTHER_SHARE and other >= english:
        return UNDETERMINED
    return ENGLISH if english >= MIN_TELEGRAPHIC_SHARE else UNDETERMINED


def is_english(text: str) -> bool:
    """True when :func:`guess_language` says English."""
    return guess_language(text) == ENGLISH
