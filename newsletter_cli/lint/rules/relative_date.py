'''A relative day ("tomorrow", "tonight", "this Friday", "on Monday", "in two days").

An issue is read for weeks in inboxes and for years in the archive: "this
Friday" or "tomorrow" names a day the reader has to work out, and gets wrong
once the issue is a few days old. The message gives the absolute date the
expression means, computed from the issue date (never from today's clock, so
results are reproducible): "this Friday" in an issue of Wednesday 5 June 2019
is Friday 7 June 2019.

Reported (English): tomorrow, tonight, yesterday, the day after tomorrow;
this/next/last/this coming + a weekday; "on Friday" with no date after it; in
N days in a sentence that looks ahead ("registration closes in two days"); N
days ago. Periods are not reported by default: "last week", "over the past
month", "next week's issue" and "next weekend" are placed well enough by the
issue date printed on every issue and archive page. Never reported: today,
this week, this month, this year (anchored at the issue itself); "the last
week of June", "the last Tuesday of the month", plural weekdays ("on
Fridays"), durations ("it sold out in two days"); a farewell on a line of its
own ("Until next month,", "See you next week!"); a day written out in the same
sentence ("yesterday (23 March)", "on Sunday" beside "30-31 January", whose
second day is a Sunday); titles and names: link text and words capitalised
where no sentence begins ("the Riverside Meetup - Last Tuesday", the song
"Yesterday Once More"); "yesterday" or "tomorrow" set against "today" or
supposed ("at yesterday's rate", "it might be tomorrow"); expressions in code
and link targets. Everything recognised is listed in docs/dates.md.

Options:
    periods: also report weeks, weekends and months: next week, last month, two
        weeks ago, in three weeks (default false: a period is placed by the issue
        date at a glance; a day is not).
    years: also report year-level expressions: next year, last year, a year ago,
        in two years (default false, for the same reason).
    ignore: expressions never reported, in any case (default none); a digest
        that always says "last Friday" for the previous meeting can list it here.

Fails:
    ```toml
    title = "River Voices"
    date = 2019-06-05
    intro = """
    The survey results will be published this Friday.
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    date = 2019-06-05
    intro = """
    The results will be published on Friday 7 June 2019; this week we thank the volunteers,
    and next week's issue has the full report.
    """
    ```
'''

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from newsletter_cli.draft.model import Draft
from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text import dates
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.lexicon import WEEKDAY_NAMES
from newsletter_cli.text.textspans import sentences

ID = "relative-date"
SEVERITY = Severity.WARNING
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False


@dataclass(frozen=True)
class Options:
    """Options of relative-date."""

    periods: bool = False
    years: bool = False
    ignore: tuple[str, ...] = ()


#: Units that name a stretch of time rather than a day: the issue's date, printed on every issue
#: and archive page, places "last week" well enough.
_PERIODS = frozenset({"week", "weekend", "month"})

#: A farewell on a line of its own ("Until next month,", "See you next week!") promises the next
#: issue; it tells the reader of the archive nothing that a date would make clearer.
_FAREWELL = re.compile(
    r"(?i)^[\W_]*(?:until|till|'?til|see\s+you|speak\s+to\s+you|talk\s+to\s+you|more)"
    r"\s+(?:again\s+)?next\s+(?:week|month|weekend)[\W_]*$"
)

#: The text of a Markdown link ("[Meetup: Last Tuesday](...)"): the title of someone else's page.
_LINK_TEXT = re.compile(r"\[[^\[\]\n]*\](?=[(\[])")

#: Characters that open a sentence, a line or a title, so that a capital after them (and
#: the spaces and marks that follow them) says nothing about a name.
_OPENERS = frozenset('.!?:;(\u201c"\n')
_TRAILING_MARKS = re.compile(r"[\W_]*\Z")

#: "yesterday" and "tomorrow" in a contrast or a supposition ("today at yesterday's rate",
#: "it might be tomorrow") name no day of the calendar.
_TODAY = re.compile(r"(?i)\btoday\b")
_SUPPOSED = re.compile(r"(?i)\b(?:could|might|may|would)\s+(?:be|happen)\s+$")
_NAMED_DAYS = frozenset({"tomorrow", "yesterday"})

#: A date "beside" a relative day stands in its sentence, at most this many characters away;
#: at most this many such dates are compared with it.
_NEAR = 200
_DATES_PER_SENTENCE = 12


#: A farewell is a short line; a longer one is not read for one.
_FAREWELL_LINE = 120


def _farewell(text: str, at: int) -> bool:
    low = max(0, at - _FAREWELL_LINE)
    start = text.rfind("\n", low, at) + 1
    if start == 0 and low > 0:
        return False
    end = text.find("\n", at, at + _FAREWELL_LINE)
    if end < 0:
        end = len(text)
        if end - at > _FAREWELL_LINE:
            return False
    return bool(_FAREWELL.match(text[start:end]))


class _Paragraph:
    """One paragraph's sentences, link texts and dates, found once and looked up by offset."""

    def __init__(self, text: str, absolute: tuple[dates.DateMention, ...]) -> None:
        self.text = text
        self.absolute = absolute
        self._absolute_starts = [m.start for m in absolute]
        bounds = sentences(text)
        self._sentence_starts = [start for start, _ in bounds]
        self._sentence_ends = [end for _, end in bounds]
        links = [(m.start(), m.end()) for m in _LINK_TEXT.finditer(text)]
        self._link_starts = [start for start, _ in links]
        self._link_ends = [end for _, end in links]

    def sentence(self, at: int) -> tuple[int, int]:
        index = bisect_right(self._sentence_starts, at) - 1
        if index < 0 or at >= self._sentence_ends[index]:
            return at, at
        return self._sentence_starts[index], self._sentence_ends[index]

    def in_link_text(self, at: int) -> bool:
        index = bisect_right(self._link_starts, at - 1) - 1
        return index >= 0 and at < self._link_ends[index]

    def opens(self, at: int) -> bool:
        """Whether a sentence, line or title begins at ``at`` (after spaces and marks)."""
        window = self.text[max(0, at - 100) : at]
        marks = _TRAILING_MARKS.search(window)
        run = marks.group() if marks else ""
        return len(run) == len(window) or not _OPENERS.isdisjoint(run)

    def dates_in(self, start: int, end: int) -> list[dates.DateMention]:
        first = bisect_right(self._absolute_starts, start - 1)
        last = bisect_right(self._absolute_starts, end - 1)
        return list(self.absolute[first : min(last, first + _DATES_PER_SENTENCE)])


def _in_a_name(paragraph: _Paragraph, mention: dates.RelativeMention) -> bool:
    """Whether the expression is part of a title or a name, not a date of this issue.

    Link text is the title of another page; "Meetup - Last Tuesday" is capitalised where a
    sentence does not begin: both name the thing, not a day the reader must place.
    """
    if paragraph.in_link_text(mention.start):
        return True
    titled = all(word[:1].isupper() for word in mention.text.split())
    return titled and not paragraph.opens(mention.start)


def _beside_a_date(paragraph: _Paragraph, mention: dates.RelativeMention, draft: Draft) -> bool:
    """Whether the sentence also writes the day out ("yesterday (23 March)", "last Friday to
    this Thursday, June 1st through June 7th"): the reader need not work it out."""
    if draft.date is None:
        return False
    named = [n for n, name in enumerate(WEEKDAY_NAMES) if name in mention.text]
    if named:
        weekday = named[0]
    elif mention.day is not None:
        weekday = mention.day.weekday()
    else:
        return False
    start, end = paragraph.sentence(mention.start)
    near = max(start, mention.start - _NEAR), min(end, mention.end + _NEAR)
    for other in paragraph.dates_in(*near):
        first, last = other.resolve(draft.date)
        if first is None:
            continue
        span = min(((last or first) - first).days, 6)
        if any((first + timedelta(days=n)).weekday() == weekday for n in range(span + 1)):
            return True
    return False


def _supposed(paragraph: _Paragraph, mention: dates.RelativeMention) -> bool:
    """ "paid today at yesterday's rate", "it might be tomorrow": no day is meant."""
    text = paragraph.text
    if mention.text.lower() not in _NAMED_DAYS:
        return False
    if text[mention.end : mention.end + 2] in {"'s", "\u2019s"}:
        start, end = paragraph.sentence(mention.start)
        if _TODAY.search(text, start, end):
            return True
    return bool(_SUPPOSED.search(text, max(0, mention.start - 30), mention.start))


def _reported(options: Options, mention: dates.RelativeMention) -> bool:
    if mention.unit == "year":
        return options.years
    if mention.unit in _PERIODS:
        return options.periods
    return True


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per relative date expression, with what it means."""
    draft = analysis.draft
    accepted = {" ".join(phrase.lower().split()) for phrase in options.ignore}
    for passage in analysis.passages:
        found = analysis.relative(passage.text)
        if not found:
            continue
        paragraph = _Paragraph(passage.text, analysis.dates(passage.text))
        for mention in found:
            written = " ".join(mention.text.split())
            if written.lower() in accepted or not _reported(options, mention):
                continue
            if _farewell(passage.text, mention.start) or _in_a_name(paragraph, mention):
                continue
            if _supposed(paragraph, mention) or _beside_a_date(paragraph, mention, draft):
                continue
            if draft.date is None:
                message = f'"{written}" depends on when it is read; write the date instead'
            elif mention.meaning is None:
                message = (
                    f'"{written}" depends on when it is read; write the date it means'
                    f" (counted from the issue date, {draft.date.isoformat()})"
                )
            else:
                message = (
                    f'"{written}" depends on when it is read; in this issue'
                    f" ({draft.date.isoformat()}) it means {mention.meaning}: write that instead"
                )
            data = {"means": mention.day.isoformat()} if mention.day else {}
            yield Violation(
                passage.locate(mention.start), message, excerpt=shorten(written), data=data
            )
