"""One analysis of a draft's text, built once per draft and handed to every lint rule.

What a paragraph *is* (prose or a list item, a heading-like line, code, a quotation, a table
row, a line of links), where it stands in the file, what a reader sees of it (``masked``), its
normalised words (for comparing paragraphs), the dates and relative dates in it and whether it
announces an event: each is worked out here, the first time a rule asks, and kept on this
object for the other rules that ask. What depends on a paragraph's text alone is kept in a
``TextFacts`` that the drafts of one run share. Nothing is kept anywhere else: both live as
long as the engine holds them, so no rule keeps a cache of its own and no module keeps one
behind the rules' backs (but for ``normalize``'s numbers of words, which depend on the word
alone and are bounded).

The engine makes one ``DraftText`` per draft (``RuleContext.analyse``, with the run's
``TextFacts``) and hands it to every rule's ``check``; the archive index reads the same one
for the draft's paragraphs.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cached_property, partial
from itertools import accumulate
from typing import TYPE_CHECKING, TypeVar

from newsletter_cli.draft.model import DateOrder, Draft, KeyPath, Location, Paragraph
from newsletter_cli.text.announcements import (
    ANCHOR_WORDS,
    Announcement,
    find_announcements,
    may_announce,
)
from newsletter_cli.text.dates import (
    DateMention,
    OneWayDate,
    RelativeMention,
    YearsNearby,
    draft_reading,
    find_dates,
    may_hold_dates,
    may_hold_relative,
    one_way_dates,
    reading,
    relative_beside,
)
from newsletter_cli.text.lexicon import Language
from newsletter_cli.text.normalize import Text
from newsletter_cli.text.textspans import (
    ParagraphKind,
    Passage,
    html_comments,
    line_starts,
    mask,
    paragraph_kind,
)
from newsletter_cli.text.words import WordFacts, word_facts

if TYPE_CHECKING:
    from newsletter_cli.draft.workspace import Settings

_K = TypeVar("_K")
_V = TypeVar("_V")


def _memo(table: dict[_K, _V], key: _K, make: Callable[[], _V]) -> _V:
    found = table.get(key)
    if found is None:
        found = table[key] = make()
    return found


class TextFacts:
    """What a paragraph's text is, whatever draft it stands in, worked out once per run.

    The same text recurs from issue to issue (a greeting, a footer, a call repeated every
    week): the engine makes one ``TextFacts`` per run and hands it to every draft's
    ``DraftText``, so that such a paragraph is masked, split and searched for dates once.
    It lives as long as the engine holds it.
    """

    def __init__(self) -> None:
        self.masked: dict[str, str] = {}
        self.kinds: dict[str, ParagraphKind] = {}
        self.normal: dict[str, Text] = {}
        self.dates: dict[tuple[str, str, tuple[Language, ...]], tuple[DateMention, ...]] = {}
        self.one_way: dict[tuple[str, tuple[Language, ...]], tuple[OneWayDate, ...]] = {}
        self.announcements: dict[str, tuple[Announcement, ...]] = {}
        self.line_starts: dict[str, tuple[int, ...]] = {}
        self.words: dict[str, WordFacts | None] = {}
        self.may_hold_dates: dict[tuple[str, tuple[Language, ...]], bool] = {}
        self.may_hold_relative: dict[str, bool] = {}

    def mask(self, text: str) -> str:
        try:
            return self.masked[text]
        except KeyError:
            found = self.masked[text] = mask(text)
            return found

    def line_and_column(self, text: str, offset: int) -> tuple[int, int]:
        """0-based line and column of ``offset`` in ``text`` (its line starts found once)."""
        starts = _memo(self.line_starts, text, lambda: line_starts(text))
        line = bisect_right(starts, offset) - 1
        return line, offset - starts[line]

    def find_dates(
        self, text: str, order: DateOrder, languages: tuple[Language, ...]
    ) -> tuple[DateMention, ...]:
        key = (text, order, languages)
        try:
            return self.dates[key]
        except KeyError:
            undated = (text, languages)
            maybe = self.may_hold_dates.get(undated)
            if maybe is None:
                maybe = self.may_hold_dates[undated] = may_hold_dates(text, languages)
            if maybe:
                masked = self.mask(text)
                found = tuple(find_dates(masked, date_order=order, languages=languages))
            else:
                found = ()  # most paragraphs: not masked for this
            self.dates[key] = found
            return found


class DraftText:
    """The text of one draft as the rules read it, each part worked out once.

    Paragraphs are the draft's own (``Draft.paragraphs``). What depends on a paragraph's text
    alone is kept in ``facts`` (shared by the drafts of a run); what depends on the draft too
    (how it writes its dates, its issue date, where each paragraph stands) is kept here.
    """

    def __init__(
        self, draft: Draft, settings: Settings | None = None, facts: TextFacts | None = None
    ) -> None:
        self.draft = draft
        self.facts = facts if facts is not None else TextFacts()
        self._language = settings.language if settings is not None else "en"
        self._date_order: DateOrder = settings.date_order if settings is not None else "dmy"
        self._relative: dict[tuple[str, bool], tuple[RelativeMention, ...]] = {}
        self._years: dict[str, YearsNearby] = {}
        self._value_ends: dict[KeyPath, tuple[int, ...]] = {}

    # -- the paragraphs ----------------------------------------------------------------

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph of the draft, in order (headings included)."""
        return self.draft.split

    @cached_property
    def prose(self) -> tuple[Paragraph, ...]:
        """Every paragraph a reader sees: all but those inside a comment that began earlier
        (``<!--`` may open a comment that runs over several paragraphs)."""
        hidden = self._commented_lines()
        if not hidden:
            return self.paragraphs
        return tuple(
            p
            for p in self.paragraphs
            if not any(first < p.first_line <= last for first, last in hidden.get(p.field, ()))
        )

    def _commented_lines(self) -> dict[KeyPath, tuple[tuple[int, int], ...]]:
        """(first line, last line) of every HTML comment, per text value that has one."""
        spans: dict[KeyPath, tuple[tuple[int, int], ...]] = {}
        for key in {p.field for p in self.paragraphs}:
            text = self.value(key)
            if "<!--" not in text:
                continue
            found = []
            for start, end in html_comments(text):
                first = text.count("\n", 0, start)
                found.append((first, first + text.count("\n", start, end)))
            spans[key] = tuple(found)
        return spans

    @cached_property
    def passages(self) -> tuple[Passage, ...]:
        """Every paragraph a reader sees, then the summary and the section headings."""
        draft = self.draft
        # each passage locates with the draft and the facts, not with this analysis: a
        # closure over ``self`` would make a reference cycle that only the collector frees
        found = [
            Passage(p.text, p.section, p, partial(_locate, draft, self.facts, p))
            for p in self.prose
        ]
        if draft.summary:
            found.append(
                Passage(draft.summary, None, None, lambda _offset: draft.location(("summary",)))
            )
        for index, section in enumerate(draft.sections):
            key = ("sections", index, "heading")
            found.append(
                Passage(section.heading, index, None, lambda _o, k=key: draft.location(k))  # type: ignore[misc]
            )
        return tuple(found)

    @property
    def prose_passages(self) -> tuple[Passage, ...]:
        """``passages`` without the summary and the headings."""
        return self.passages[: len(self.prose)]

    # -- what a paragraph is ------------------------------------------------------------

    def kind(self, paragraph: Paragraph) -> ParagraphKind:
        """What kind of paragraph it is to a reader (``textspans.paragraph_kind``)."""
        text = paragraph.text
        return _memo(self.facts.kinds, text, lambda: paragraph_kind(text))

    def masked(self, text: str) -> str:
        """The text with code, link targets and HTML blanked out (``textspans.mask``)."""
        return self.facts.mask(text)

    def normal(self, text: str) -> Text:
        """Its words, normalised and hashed, for comparing paragraphs with each other."""
        return _memo(self.facts.normal, text, lambda: Text(text))

    # -- dates and events ----------------------------------------------------------------

    @cached_property
    def reading(self) -> tuple[DateOrder, tuple[Language, ...]]:
        """How to read this draft's numeric dates, and its languages (``draft_reading``)."""

        def shown(languages: tuple[Language, ...]) -> Iterator[OneWayDate]:
            for passage in self.passages:
                yield from self.one_way_dates(passage.text, languages)

        return draft_reading(shown, self.draft.language, self._language, self._date_order)

    def one_way_dates(self, text: str, languages: tuple[Language, ...]) -> tuple[OneWayDate, ...]:
        """The numeric dates of a passage that are real in one order only."""
        return _memo(
            self.facts.one_way,
            (text, languages),
            lambda: one_way_dates(self.facts.find_dates(text, "dmy", languages)),
        )

    @cached_property
    def settings_reading(self) -> tuple[DateOrder, tuple[Language, ...]]:
        """The dates read the workspace's way only, ignoring what the draft shows."""
        return reading(self.draft.language, self._language, self._date_order)

    def dates(self, text: str, *, settings_only: bool = False) -> tuple[DateMention, ...]:
        """The dates of a passage's prose, read the draft's way (``reading``), or the
        workspace's way only (``settings_only``)."""
        order, languages = self.settings_reading if settings_only else self.reading
        return self.facts.find_dates(text, order, languages)

    def relative(self, text: str, *, settings_only: bool = False) -> tuple[RelativeMention, ...]:
        """The relative expressions of a passage ("next Friday") that are not part of one of
        its dates, resolved against the issue date."""
        if not _memo(self.facts.may_hold_relative, text, lambda: may_hold_relative(text)):
            return ()  # most paragraphs: not masked for this
        found = self.dates(text, settings_only=settings_only)
        return _memo(
            self._relative,
            (text, settings_only),
            lambda: relative_beside(found, self.masked(text), self.draft.date),
        )

    def years_nearby(self, text: str) -> YearsNearby:
        """The years written on their own in a passage, to give its dates their year."""
        return _memo(self._years, text, lambda: YearsNearby(self.masked(text), self.dates(text)))

    def words(self, text: str) -> WordFacts | None:
        """What the words of the raw text show (``text.words``): a doubled word, a word that
        may announce an event; None if the text is not all ASCII."""
        table = self.facts.words
        try:
            return table[text]
        except KeyError:
            found = table[text] = word_facts(text, ANCHOR_WORDS)
            return found

    def announcements(self, text: str) -> tuple[Announcement, ...]:
        """Every sentence of the paragraph's prose that announces an event."""
        found = self.facts.announcements.get(text)
        if found is None:
            words = self.words(text)
            if (words is not None and not words.anchored) or not may_announce(text):
                found = ()  # most paragraphs: not masked for this
            else:
                found = find_announcements(self.masked(text))
            self.facts.announcements[text] = found
        return found

    # -- where things stand ------------------------------------------------------------

    def value(self, key: KeyPath) -> str:
        """The whole text value (intro, closing or a section body) of a key path."""
        if key == ("intro",):
            return self.draft.intro
        if key == ("closing",):
            return self.draft.closing
        return self.draft.sections[int(key[1])].body

    def locate(self, paragraph: Paragraph, offset: int) -> Location:
        """Where the character at ``offset`` of a paragraph's text stands in the draft's file."""
        return _locate(self.draft, self.facts, paragraph, offset)

    def value_offset(self, paragraph: Paragraph, offset: int) -> int:
        """The offset in the whole text value of the character at ``offset`` of the paragraph."""
        key = paragraph.field
        ends = _memo(
            self._value_ends,
            key,
            lambda: (0, *accumulate(len(x) for x in self.value(key).splitlines(keepends=True))),
        )
        line, column = self.facts.line_and_column(paragraph.text, offset)
        return ends[min(paragraph.first_line + line, len(ends) - 1)] + column

    def standing_digest(self, line: int) -> str:
        """The digest of the normalised text of the paragraph on ``line`` of the file, or ""
        (a heading, a title): what the archive index knows a paragraph by."""
        for paragraph in self._spans:
            first = paragraph.location.line
            if first <= line < first + paragraph.end_line - paragraph.first_line:
                return self.normal(paragraph.text).digest
        return ""

    @cached_property
    def _spans(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if not p.is_heading)


def _locate(draft: Draft, facts: TextFacts, paragraph: Paragraph, offset: int) -> Location:
    """Where the character at ``offset`` of a paragraph's text stands in the draft's file."""
    line, column = facts.line_and_column(paragraph.text, offset)
    if paragraph.field not in draft.source.text_lines:
        return paragraph.location
    pos = draft.source.text_line(paragraph.field, paragraph.first_line + line)
    return Location(draft.display_path, pos.line, pos.column + column)
