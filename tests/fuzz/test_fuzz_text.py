"""The cleaner, the date normaliser and resolver, and the pattern loader under
hostile input: results keep their invariants; a bad pattern file fails with a
PatternError that names the line, never with another exception."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from fuzzing import CORPUS, fuzz_settings, no_hang
from hypothesis import given
from hypothesis import strategies as st

from eventwire.dates import DateNormalizer, DateResolver
from eventwire.dates.normalize import MONTHS, WEEKDAYS, parse_interval
from eventwire.events.ontology import Ontology
from eventwire.events.patterns import (
    COLUMNS,
    PatternError,
    parse_light_verbs,
    parse_modifiers,
    parse_patterns,
)
from eventwire.ingest.clean import TextCleaner
from eventwire.ingest.repeated import BatchCleaner
from eventwire.nlp import SpacyBackend
from eventwire.records import RawArticle

LINES = st.sampled_from(
    (
        "Share this article",
        "KABUL, 23 Dec 2017 (Wire) - Officials met.",
        "Saturday, December 23, 2017",
        "Photo: Reuters",
        "Talks resumed on Monday.",
        "By Jane Roe",
        "© 2019 Outlet",
        "https://example.com/x",
        "",
        " ",
        "\r",
        "\u2028",
        "Ministers agreed to resume talks",
    )
)
ARTICLE_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(LINES, st.text(max_size=60)), max_size=15).map("\n".join),
    st.sampled_from(
        [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    ),
)
ARTICLES = st.builds(
    RawArticle,
    id=st.none() | st.text(min_size=1, max_size=8),
    text=ARTICLE_TEXT,
    origin=st.just("fuzz"),
    url=st.none() | st.sampled_from(("https://a.example/2019/03/04/x", "http://[::1", "junk")),
    outlet=st.none() | st.sampled_from(("Outlet A", "outlet a", "")),
    title=st.none() | LINES,
    published=st.none() | st.dates(),
)


@fuzz_settings(300)
@given(ARTICLES)
def test_cleaner_keeps_offsets_true(article: RawArticle) -> None:
    with no_hang():
        document = TextCleaner().clean(article)
    assert document.id
    for span in document.paragraphs:
        assert 0 <= span.start <= span.end <= len(document.text)
    for dropped in document.dropped:
        assert article.text[dropped.raw_start : dropped.raw_end] == dropped.text


@fuzz_settings(100)
@given(st.lists(ARTICLES, max_size=8))
def test_batch_cleaner_gives_one_document_per_article(articles: list[RawArticle]) -> None:
    with no_hang():
        documents = BatchCleaner().clean_batch(articles)
    assert len(documents) == len(articles)


DATE_WORDS = st.one_of(
    st.sampled_from(sorted(MONTHS)),
    st.sampled_from(sorted(WEEKDAYS)),
    st.sampled_from(
        (
            "ago",
            "days",
            "weeks",
            "years",
            "months",
            "last",
            "next",
            "this",
            "the past",
            "after",
            "before",
            "later",
            "earlier",
            "on",
            "in",
            "since",
            "of",
            "mid-",
            "early",
            "yesterday",
            "tomorrow",
            "3rd",
            "31st",
            "2017",
            "0000",
            "9999",
            "99999999999999999999",
            "²",
            "٣",
            "𝟚",
            "-1",
            "2019-02-30",
            "2019-13-01",
            "Dec.",
            "9/11/2001",
            "32",
            "a",
            "fifty",
        )
    ),
    st.integers(-(10**12), 10**12).map(str),
    st.text(max_size=8),
)
DATE_TEXT = st.lists(DATE_WORDS, max_size=6).map(" ".join)
PUBLISHED = st.none() | st.dates()


@fuzz_settings(300)
@given(DATE_TEXT, PUBLISHED, st.booleans())
def test_date_normaliser_gives_a_calendar_value_or_none(
    text: str, published: dt.date | None, future: bool
) -> None:
    with no_hang():
        value = DateNormalizer().normalize(text, published, future)
        interval = parse_interval(text)
    if value is not None:
        parts = value.value.split("-")
        assert len(parts) == {"year": 1, "month": 2, "day": 3}[value.precision]
        dt.date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[-1]) if len(parts) == 3 else 1,
        )
    if interval is not None:
        assert interval.count >= 0 and interval.direction in (1, -1)


SENTENCE_WORDS = st.one_of(
    DATE_WORDS,
    st.sampled_from(
        (
            "Russia",
            "said",
            "met",
            "will",
            "meet",
            "had",
            "signed",
            "the",
            "talks",
            "Putin",
            "attacked",
            "to",
            "resume",
            "and",
            "after",
            "it",
            "was",
            "invaded",
            ",",
            ".",
        )
    ),
)


@pytest.fixture(scope="module")
def nlp_backend(backend: SpacyBackend) -> SpacyBackend:
    return backend


@fuzz_settings(60)
@given(st.lists(SENTENCE_WORDS, min_size=1, max_size=20).map(" ".join), PUBLISHED)
def test_date_resolver_on_every_token(
    nlp_backend: SpacyBackend, text: str, published: dt.date | None
) -> None:
    doc = nlp_backend.nlp(text)
    resolver = DateResolver()
    with no_hang():
        for token in doc:
            date = resolver.resolve(token, published)
            if date is not None:
                assert date.date  # a real calendar day
                if date.span is not None:
                    assert 0 <= date.span.start <= date.span.end <= len(text)


CODES = frozenset(Ontology.load().codes())
GOOD_ROW = "verb\tmeet\t\t\t\t036\t\tdobj\teventwire\tnote"
HEADER = "\t".join(COLUMNS)
CELLS = st.one_of(
    st.sampled_from(
        (
            "verb",
            "noun",
            "meet",
            "Meet",
            "two words",
            "036",
            "---",
            "999",
            "dobj",
            "pobj",
            "none",
            "auto",
            "petrarch2",
            "eventwire",
            "with",
            "up",
            "",
            " ",
            '"',
            "\x00",
            "#",
        )
    ),
    st.text(max_size=6),
)
ROWS = st.lists(CELLS, max_size=12).map("\t".join)
PATTERN_TEXT = st.one_of(
    st.lists(st.one_of(ROWS, st.just(GOOD_ROW), st.just(HEADER)), max_size=6).map(
        lambda rows: HEADER + "\n" + "\n".join(rows)
    ),
    st.lists(st.one_of(ROWS, st.text(max_size=30)), max_size=6).map("\n".join),
)


@fuzz_settings(300)
@given(PATTERN_TEXT)
def test_pattern_loader_fails_only_with_pattern_error(text: str) -> None:
    try:
        patterns = parse_patterns(text, CODES, "fuzz.tsv")
    except PatternError as exc:
        assert str(exc).startswith("fuzz.tsv")
        return
    for pattern in patterns:
        assert pattern.code == "---" or pattern.code in CODES


@fuzz_settings(300)
@given(st.lists(st.one_of(ROWS, st.text(max_size=30)), max_size=6).map("\n".join))
def test_modifier_and_light_verb_loaders(text: str) -> None:
    try:
        table = parse_modifiers(text, CODES, "mods.tsv")
    except PatternError as exc:
        assert str(exc).startswith("mods.tsv:")
    else:
        assert all(code == "---" or code in CODES for code in table.values())
    assert all(verb.strip() for verb in parse_light_verbs(text))
