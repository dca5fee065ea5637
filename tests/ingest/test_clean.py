"""The cleaner on the real seed article and on small hand-built pages."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.ingest.clean import TextCleaner
from eventwire.ingest.identity import content_id
from eventwire.records import Document, RawArticle


def _clean(text: str, **fields: object) -> Document:
    article = RawArticle(id=None, text=text, origin="test", **fields)  # type: ignore[arg-type]
    return TextCleaner().clean(article)


def _check_offsets(raw: str, document: Document) -> None:
    for dropped in document.dropped:
        assert raw[dropped.raw_start : dropped.raw_end] == dropped.text
    for span in document.paragraphs:
        piece = span.of(document.text)
        assert piece and piece == piece.strip() and "\n" not in piece
    assert "\n\n".join(s.of(document.text) for s in document.paragraphs) == document.text


@pytest.fixture(scope="module")
def seed_document(seed_text: str) -> Document:
    return TextCleaner().clean(RawArticle(id=None, text=seed_text, origin="seed.txt"))


def test_seed_text_starts_with_the_lead(seed_document: Document) -> None:
    assert seed_document.text.startswith("Russia says it is ready to engage in cooperation")


@pytest.mark.parametrize(
    "furniture",
    ["SHARE THIS ARTICLE", "www.presstv.co.uk", "alternate addresses", "Roku", "News /"],
)
def test_seed_furniture_is_gone(seed_document: Document, furniture: str) -> None:
    assert furniture not in seed_document.text


def test_seed_title_caption_and_offsets(seed_text: str, seed_document: Document) -> None:
    assert seed_document.title == "Russia ready to cooperate with US on Afghanistan"
    captions = [s for s in seed_document.dropped if s.reason == "caption"]
    assert [c.text for c in captions] == [
        "Zamir Kabulov, the special representative to the Russian president on Afghanistan"
    ]
    assert "also the special representative to the Russian president on Afghanistan" in (
        seed_document.text
    )
    assert {s.reason for s in seed_document.dropped} >= {"breadcrumb", "title", "url", "promo"}
    assert seed_document.language == "en"
    assert seed_document.id == content_id(seed_document.text)
    assert "Russia’s support" in seed_document.text
    assert "\xa0" not in seed_document.text
    _check_offsets(seed_text, seed_document)


def test_given_title_dropped_from_text_and_url_date() -> None:
    raw = "Ministers Meet In Geneva\n\nThe ministers met in Geneva on Tuesday.\n"
    document = _clean(
        raw, title="Ministers meet in Geneva", url="https://example.org/2017/12/23/meet"
    )
    assert document.text == "The ministers met in Geneva on Tuesday."
    assert document.title == "Ministers meet in Geneva"
    assert document.published == dt.date(2017, 12, 23)
    assert [s.reason for s in document.dropped] == ["title"]


def test_record_date_wins_over_url_and_id_is_kept() -> None:
    article = RawArticle(
        id="a1",
        text="Officials said the talks failed.",
        origin="x",
        url="https://example.org/2017/12/23/x",
        outlet="Example",
        published=dt.date(2018, 1, 2),
    )
    document = TextCleaner().clean(article)
    assert (document.id, document.published, document.outlet) == (
        "a1",
        dt.date(2018, 1, 2),
        "Example",
    )


def test_boilerplate_lines_are_dropped_with_reasons() -> None:
    raw = (
        "World > Middle East\n\n"
        "By Jane Doe, Staff Writer\n\n"
        "Photo: AFP\n\n"
        "Israel and Jordan agreed on Monday to reopen the border crossing.\n\n"
        "(Getty Images)\n\n"
        "Read more: Border talks stall again\n\n"
        "Advertisement\n\n"
        "The agreement follows weeks of talks.\n\n"
        "Follow us on Twitter\n"
        "Share on Facebook\n\n"
        "https://example.org/world\n\n"
        "Copyright 2019 Example News. All rights reserved.\n"
    )
    document = _clean(raw, title="Border deal")
    assert document.text == (
        "Israel and Jordan agreed on Monday to reopen the border crossing.\n\n"
        "The agreement follows weeks of talks."
    )
    assert [s.reason for s in document.dropped] == [
        "breadcrumb",
        "byline",
        "image_credit",
        "image_credit",
        "read_more",
        "advertisement",
        "social",
        "social",
        "url",
        "copyright",
    ]
    _check_offsets(raw, document)


def test_an_inline_photo_gallery_is_dropped() -> None:
    raw = (
        "Mourners gathered in Aurora on Sunday.\n\n"
        "Hide Caption 2 of 52 Photos: Colorado massacre: Mourning the victims Visitors pray "
        "around a cross at the memorial across the street from the theater.\n\n"
        "Police said the suspect acted alone.\n"
    )
    document = _clean(raw, title="Aurora")
    assert "Caption" not in document.text and "Police said" in document.text
    assert [s.reason for s in document.dropped] == ["image_credit"]
    _check_offsets(raw, document)


@pytest.mark.parametrize(
    "line",
    [
        "More than 30 people were killed in the attack.",
        "The museum will show captions of 12 of its photographs.",
        "By Friday, the troops had left the city.",
        "Related talks are expected next week.",
        "Photographs of the meeting were released by the ministry.",
    ],
)
def test_sentences_that_look_like_furniture_are_kept(line: str) -> None:
    raw = f"Officials spoke on Monday.\n\n{line}\n"
    assert line in _clean(raw, title="T").text


def test_short_unrelated_line_is_not_a_caption() -> None:
    raw = (
        "Talks resume\n\n"
        "Weather in the capital\n\n"
        "Negotiators from both sides met in Vienna on Monday.\n\n"
        "They agreed to meet again next month.\n"
    )
    document = _clean(raw)
    assert document.title == "Talks resume"
    assert document.text.startswith("Weather in the capital\n\n")
    assert not [s for s in document.dropped if s.reason == "caption"]


def test_hard_wrapped_lines_join_into_paragraphs() -> None:
    raw = "The minister said the\ngovernment would act.\nA second sentence follows.\n\nNew block.\n"
    document = _clean(raw, title="X")
    assert document.text == (
        "The minister said the government would act.\n\nA second sentence follows.\n\nNew block."
    )
    _check_offsets(raw, document)


def test_whitespace_normalised_inside_paragraphs_quotes_kept() -> None:
    raw = "Officials\u00a0 said   “no”\tto the plan.\r\n\r\nSecond paragraph here.\r\n"
    document = _clean(raw, title="X")
    assert document.text == "Officials said “no” to the plan.\n\nSecond paragraph here."
    _check_offsets(raw, document)


def test_single_unpunctuated_line_is_text_not_title() -> None:
    document = _clean("Russia warned Ukraine")
    assert document.text == "Russia warned Ukraine"
    assert document.title is None


def test_content_id_is_deterministic() -> None:
    first = _clean("Iran condemned the strike.")
    second = _clean("Iran   condemned the strike.\n")
    assert first.id == second.id == content_id("Iran condemned the strike.")
    assert first.id.startswith("sha256:") and len(first.id) == len("sha256:") + 16


def test_all_boilerplate_gives_empty_text() -> None:
    document = _clean("SHARE THIS ARTICLE\n\nwww.example.com\n")
    assert document.text == "" and document.paragraphs == ()
    assert document.language == "und"


def test_non_english_document_is_undetermined() -> None:
    raw = (
        "Le gouvernement a annoncé mardi que les négociations avec les syndicats "
        "reprendront la semaine prochaine dans la capitale, selon le ministre.\n"
    )
    assert _clean(raw, title="X").language == "und"


def test_five_megabyte_line_cleans() -> None:
    raw = "The army said it shelled the town. " * 150_000
    document = _clean(raw, title="X")
    assert len(document.paragraphs) == 1 and document.language == "en"
