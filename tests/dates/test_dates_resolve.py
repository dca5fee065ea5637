"""Event dates on real parses (en_core_web_sm), published Saturday 2017-12-23."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc, Token

from eventwire.dates import DateResolver
from eventwire.nlp import SpacyBackend
from eventwire.records import EventDate

SATURDAY = dt.date(2017, 12, 23)


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


def token(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def resolve(
    backend: SpacyBackend,
    resolver: DateResolver,
    sentence: str,
    trigger: str,
    published: dt.date | None = SATURDAY,
    anchor: str | None = None,
) -> EventDate | None:
    doc = backend(sentence)
    return resolver.resolve(
        token(doc, trigger), published, token(doc, anchor) if anchor is not None else None
    )


def summary(found: EventDate | None, sentence: str) -> tuple[str, str, str, str | None] | None:
    if found is None:
        return None
    words = found.span.of(sentence) if found.span is not None else None
    return found.value, found.precision, found.resolved_by, words


CASES = [
    # background paragraph: the year, not the publication day
    ("NATO forces entered Kosovo in 1999.", "entered", ("1999", "year", "year", "1999")),
    (
        "The senator criticized the ministry last month for its silence.",
        "criticized",
        ("2017-11", "month", "relative", "last month"),
    ),
    (
        "The governor resigned yesterday after weeks of protests.",
        "resigned",
        ("2017-12-22", "day", "relative", "yesterday"),
    ),
    (
        "The ministry sent a protest note last year.",
        "sent",
        ("2016", "year", "relative", "last year"),
    ),
    (
        "Gunmen kidnapped the engineers four days ago.",
        "kidnapped",
        ("2017-12-19", "day", "relative", "four days ago"),
    ),
    (
        "Parliament ratified the treaty on March 3.",
        "ratified",
        ("2017-03-03", "day", "day_month", "March 3"),
    ),
    (
        "The delegations met in March to discuss fishing rights.",
        "met",
        ("2017-03", "month", "month", "March"),
    ),
    (
        "The militia has controlled the port since 2014.",
        "controlled",
        ("2014", "year", "since", "2014"),
    ),
    (
        "The foreign minister will travel to Ankara next week.",
        "travel",
        ("2017-12", "month", "relative", "next week"),
    ),
    (
        "Farmers blocked the highway on Wednesday.",
        "blocked",
        ("2017-12-20", "day", "weekday", "Wednesday"),
    ),
    (
        "The envoys will meet on Wednesday to sign the accord.",
        "meet",
        ("2017-12-27", "day", "weekday", "Wednesday"),
    ),
    (
        "The army pulled out of the town in April 2016.",
        "pulled",
        ("2016-04", "month", "explicit", "April 2016"),
    ),
    # an event noun takes the date of its governing verb's clause, or its own
    (
        "The cabinet approved the deployment of 300 engineers last year.",
        "deployment",
        ("2016", "year", "relative", "last year"),
    ),
    (
        "The 2003 invasion of Iraq was debated at the summit on Tuesday.",
        "invasion",
        ("2003", "year", "year", "2003"),
    ),
    # coordinated and infinitive clauses share the dated verb's date
    (
        "The president signed the law on Dec. 3 and flew to Paris.",
        "flew",
        ("2017-12-03", "day", "conjunct", "Dec. 3"),
    ),
    (
        "Both parties agreed last week to resume the negotiations.",
        "resume",
        ("2017-12", "month", "governing_clause", "last week"),
    ),
]


@pytest.mark.parametrize(("sentence", "trigger", "expected"), CASES)
def test_own_date_words(
    backend: SpacyBackend,
    resolver: DateResolver,
    sentence: str,
    trigger: str,
    expected: tuple[str, str, str, str],
) -> None:
    found = resolve(backend, resolver, sentence, trigger)
    assert summary(found, sentence) == expected


KABULOV = (
    "Zamir Kabulov said Saturday that Moscow had already established contacts "
    "with American authorities."
)


def test_reporting_verb_dated_by_weekday(backend: SpacyBackend, resolver: DateResolver) -> None:
    found = resolve(backend, resolver, KABULOV, "said")
    assert summary(found, KABULOV) == ("2017-12-23", "day", "weekday", "Saturday")


def test_reported_event_takes_the_reporting_verbs_date(
    backend: SpacyBackend, resolver: DateResolver
) -> None:
    found = resolve(backend, resolver, KABULOV, "established", anchor="said")
    assert summary(found, KABULOV) == ("2017-12-23", "day", "reporting_verb", "Saturday")


def test_past_perfect_without_anchor_gets_no_date(
    backend: SpacyBackend, resolver: DateResolver
) -> None:
    assert resolve(backend, resolver, KABULOV, "established") is None


def test_present_tense_takes_publication_day(backend: SpacyBackend, resolver: DateResolver) -> None:
    sentence = "Russia says it is ready to engage in cooperation with the United States."
    found = resolve(backend, resolver, sentence, "says")
    assert summary(found, sentence) == ("2017-12-23", "day", "tense_present", None)


def test_after_clause_counted_back_from_the_present(
    backend: SpacyBackend, resolver: DateResolver
) -> None:
    sentence = (
        "The government still struggles to contain the revolt some 16 years after "
        "the country was invaded."
    )
    found = resolve(backend, resolver, sentence, "invaded")
    assert summary(found, sentence) == ("2001", "year", "interval", "some 16 years")
    main = resolve(backend, resolver, sentence, "struggles")
    assert summary(main, sentence) == ("2017-12-23", "day", "tense_present", None)


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The minister said that the army shelled the village in 2012.", "said"),
        ("Officials said the troops that arrived in 2015 would leave soon.", "said"),
        ("The agency reported on Friday that the talks collapsed in January.", "reported"),
    ],
)
def test_embedded_clause_dates_do_not_leak(
    backend: SpacyBackend, resolver: DateResolver, sentence: str, trigger: str
) -> None:
    found = resolve(backend, resolver, sentence, trigger)
    assert found is not None
    assert found.value.startswith("2017-12")


def test_embedded_clause_keeps_its_own_date(backend: SpacyBackend, resolver: DateResolver) -> None:
    sentence = "The agency reported on Friday that the talks collapsed in January."
    found = resolve(backend, resolver, sentence, "collapsed", anchor="reported")
    assert summary(found, sentence) == ("2017-01", "month", "month", "January")
    reported = resolve(backend, resolver, sentence, "reported")
    assert summary(reported, sentence) == ("2017-12-22", "day", "weekday", "Friday")


def test_habitual_clause_gets_no_date(backend: SpacyBackend, resolver: DateResolver) -> None:
    sentence = "The firm used to sell rifles to the militia."
    assert resolve(backend, resolver, sentence, "used") is None


def test_future_tense_takes_publication_day(backend: SpacyBackend, resolver: DateResolver) -> None:
    sentence = "The embassy will close its consular section."
    found = resolve(backend, resolver, sentence, "close")
    assert summary(found, sentence) == ("2017-12-23", "day", "tense_future", None)


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("NATO forces entered Kosovo in 1999.", "entered", ("1999", "year")),
        ("The delegation landed in Oslo on 12 May 2015.", "landed", ("2015-05-12", "day")),
        ("The senator criticized the ministry last month.", "criticized", None),
        ("Farmers blocked the highway on Wednesday.", "blocked", None),
        ("Russia says it is ready to talk.", "says", None),
    ],
)
def test_without_publication_date_only_absolute_dates(
    backend: SpacyBackend,
    resolver: DateResolver,
    sentence: str,
    trigger: str,
    expected: tuple[str, str] | None,
) -> None:
    found = resolve(backend, resolver, sentence, trigger, published=None)
    assert (found and (found.value, found.precision)) == expected


def test_span_offsets_point_into_the_document_text(
    backend: SpacyBackend, resolver: DateResolver
) -> None:
    text = "Headline about the port\n\nThe militia has controlled the port since 2014."
    doc = backend(text)
    found = resolver.resolve(token(doc, "controlled"), SATURDAY)
    assert found is not None and found.span is not None
    assert found.span.of(text) == "2014"


def test_tense_rules_are_configurable(backend: SpacyBackend) -> None:
    strict = DateResolver(tense_rules={"present": "tense_present"})
    sentence = "The embassy closed its consular section."
    assert resolve(backend, strict, sentence, "closed") is None
