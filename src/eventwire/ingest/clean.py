"""The cleaner: scraped article text to a :class:`Document` of kept paragraphs.

Works line by line on the raw text so every dropped piece keeps its raw offsets:
line rules (:mod:`eventwire.ingest.boilerplate`) drop page furniture, then the
headline is taken out, then short caption-like lines near the top that repeat a
later paragraph's words are dropped. Hard-wrapped lines inside a block are joined
into one paragraph unless the previous line ends a sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventwire.ingest.boilerplate import DEFAULT_RULES, LineRule
from eventwire.ingest.identity import (
    DATELINE_MAX_CHARS,
    content_id,
    date_from_dateline,
    date_from_url,
)
from eventwire.ingest.language import ENGLISH_FUNCTION_WORDS, UNDETERMINED, guess_language
from eventwire.records import Document, DroppedSpan, RawArticle, Span

_LINE = re.compile(r"[^\r\n]+")
_BREAK = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_CLAUSE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_DATELINE_END = re.compile(r" [-–—]+ ")
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class _Line:
    """One non-blank raw line: its position among them, stripped raw offsets,
    normalised text, and whether a blank line precedes it."""

    index: int
    start: int
    end: int
    text: str
    opens_block: bool


@dataclass(frozen=True, slots=True)
class _Paragraph:
    lines: tuple[_Line, ...]
    text: str


@dataclass(frozen=True, slots=True)
class TextCleaner:
    """Turns a :class:`RawArticle` into a :class:`Document`; stateless and reusable.

    ``rules`` are the line rules to apply; ``caption_window`` is how many leading
    paragraphs are checked for captions; a caption must have ``caption_min_words``
    content words, ``caption_coverage`` of them found in the later text and at
    least ``caption_best_paragraph`` of them in one later paragraph.
    """

    rules: Sequence[LineRule] = DEFAULT_RULES
    title_max_chars: int = 150
    caption_window: int = 3
    caption_max_words: int = 25
    caption_min_words: int = 3
    caption_coverage: float = 0.8
    caption_best_paragraph: float = 0.5

    def clean(self, article: RawArticle) -> Document:
        raw = article.text
        dropped: list[DroppedSpan] = []
        kept: list[_Line] = []
        for line in _split_lines(raw):
            reason = self._rule_reason(line.text)
            if reason is None:
                kept.append(line)
            else:
                dropped.append(_drop(raw, line, reason))

        title = article.title
        if kept and self._is_headline(kept, article.title):
            headline = kept.pop(0)
            dropped.append(_drop(raw, headline, "title"))
            title = title or headline.text

        paragraphs = _paragraphs(kept)
        for caption in self._captions(paragraphs):
            paragraphs.remove(caption)
            dropped.extend(_drop(raw, line, "caption") for line in caption.lines)

        text, spans = _assemble(paragraphs)
        return Document(
            id=article.id or content_id(text),
            text=text,
            url=article.url,
            outlet=article.outlet,
            title=title,
            published=article.published
            or date_from_url(article.url)
            or _dateline_date(dropped, paragraphs),
            language=guess_language(text) if text else UNDETERMINED,
            paragraphs=spans,
            dropped=tuple(sorted(dropped, key=lambda span: span.raw_start)),
        )

    def _rule_reason(self, line: str) -> str | None:
        for rule in self.rules:
            if rule.matches(line):
                return rule.reason
        return None

    def _is_headline(self, kept: list[_Line], given_title: str | None) -> bool:
        first = kept[0]
        if given_title is not None:
            return _key(first.text) == _key(given_title)
        stands_alone = len(kept) > 1 and kept[1].opens_block
        return (
            stands_alone
            and len(first.text) <= self.title_max_chars
            and _CLAUSE_END.search(first.text) is None
        )

    def _captions(self, paragraphs: list[_Paragraph]) -> list[_Paragraph]:
        """Short, unpunctuated lines near the top whose words the later text repeats,
        most of them in one later sentence-shaped paragraph (not in table rows)."""
        captions = []
        window = paragraphs[: min(self.caption_window, len(paragraphs) - 1)]
        for index, paragraph in enumerate(window):
            if len(paragraph.lines) != 1 or _SENTENCE_END.search(paragraph.text):
                continue
            if len(paragraph.text.split()) > self.caption_max_words:
                continue
            words = _content_words(paragraph.text)
            if len(words) < self.caption_min_words:
                continue
            following = paragraphs[index + 1 :]
            later = [_content_words(p.text) for p in following]
            covered = len(words & set().union(*later)) / len(words)
            sentences = [w for p, w in zip(following, later, strict=True) if _is_prose(p)]
            best = max((len(words & other) for other in sentences), default=0) / len(words)
            if covered >= self.caption_coverage and best >= self.caption_best_paragraph:
                captions.append(paragraph)
        return captions


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    previous_end = 0
    for match in _LINE.finditer(raw):
        segment = match.group()
        stripped = segment.strip()
        if not stripped:
            continue
        start = match.start() + (len(segment) - len(segment.lstrip()))
        end = start + len(stripped)
        opens_block = not lines or len(_BREAK.findall(raw, previous_end, start)) >= 2
        lines.append(_Line(len(lines), start, end, _SPACES.sub(" ", stripped), opens_block))
        previous_end = end
    return lines


def _paragraphs(kept: list[_Line]) -> list[_Paragraph]:
    """Group kept lines: a new paragraph at a blank line, a dropped line in
    between, or after a line that ends a sentence."""
    groups: list[list[_Line]] = []
    for line in kept:
        previous = groups[-1][-1] if groups else None
        if (
            previous is None
            or line.opens_block
            or _SENTENCE_END.search(previous.text)
            or line.index != previous.index + 1
        ):
            groups.append([line])
        else:
            groups[-1].append(line)
    return [_Paragraph(tuple(g), " ".join(line.text for line in g)) for g in groups]


def _assemble(paragraphs: list[_Paragraph]) -> tuple[str, tuple[Span, ...]]:
    spans = []
    position = 0
    for paragraph in paragraphs:
        spans.append(Span(position, position + len(paragraph.text)))
        position += len(paragraph.text) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs), tuple(spans)


def _drop(raw: str, line: _Line, reason: str) -> DroppedSpan:
    return DroppedSpan(raw[line.start : line.end], reason, line.start, line.end)


def _dateline_date(dropped: list[DroppedSpan], paragraphs: list[_Paragraph]) -> dt.date | None:
    """The date of a dropped dateline line, else of the lead's dateline."""
    for span in dropped:
        if span.reason == "dateline":
            found = date_from_dateline(span.text)
            if found is not None:
                return found
    if not paragraphs:
        return None
    lead_in = _DATELINE_END.search(paragraphs[0].text[:DATELINE_MAX_CHARS])
    return date_from_dateline(paragraphs[0].text[: lead_in.start()]) if lead_in else None


def _is_prose(paragraph: _Paragraph) -> bool:
    return _SENTENCE_END.search(paragraph.text) is not None


def _key(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _content_words(text: str) -> set[str]:
    return {
        word
        for word in (m.group().lower() for m in _CONTENT_WORD.finditer(text))
        if word not in ENGLISH_FUNCTION_WORDS
    }
