'''An event announced as coming that took place before the issue date.

An event section dated before the issue, or a sentence that invites readers
to something ("join us", "will take place", "register now", "save the date") on a
date that has already passed, is a leftover from an earlier issue or a wrong
date. Reported: a section of kind "event" whose date (or end date, for an
event that runs over several days) is before the issue date; a sentence that
announces an event and whose day-precise dates all lie before the issue date
(a sentence that also names a later date is taken to announce that one, and a
date more than a year back is taken for history: "join us to celebrate the
charter signed on 4 June 1999"). A year written on the same line or in the
same sentence belongs to a date written without one: "Save the date: River
Fest 2024 - September 10-13" is September 2024, even in an issue of 2023.
Reports of past events ("the workshop on 4 May was a success") are fine. The
text of an event section already reported for its date is not reported again.
Needs the issue date.

Options:
    (none)

Fails:
    ```toml
    title = "River Voices"
    date = 2019-06-05
    intro = """
    Join us for the river walk on Saturday 1 June.
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    date = 2019-06-05
    intro = """
    Join us for the river walk on Saturday 8 June. The clean-up on 1 June was a success.
    """
    ```
'''

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text import dates
from newsletter_cli.text.analysis import DraftText

ID = "past-event"
SEVERITY = Severity.WARNING
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False


#: How far back a date in an invitation may lie and still be taken for the event's day.
_RECENT_DAYS = 366


@dataclass(frozen=True)
class Options:
    """past-event has no options."""


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield past event sections and announcements of days already gone."""
    draft = analysis.draft
    issue = draft.date
    if issue is None:
        return
    reported: set[int] = set()
    for index, section in enumerate(draft.sections):
        if section.kind != "event" or section.date is None:
            continue
        last = section.end_date or section.date
        if last < issue:
            reported.add(index)
            yield Violation(
                draft.location(("sections", index, "date")),
                f'the event "{section.heading}" is dated {_day(last)}, before the issue date'
                f" {_day(issue)}; report on it instead of announcing it, or fix the date",
                excerpt=shorten(section.heading),
            )
    for passage in analysis.prose_passages:
        if passage.section in reported:
            continue  # the section's date is reported already
        found = analysis.dates(passage.text)
        if not found:
            continue
        nearby: dates.YearsNearby | None = None
        for announcement in analysis.announcements(passage.text):
            if not announcement.invitation:
                continue  # "the first of ten weekly meetings was yesterday" invites nobody
            inside = [
                m
                for m in found
                if announcement.sentence_start <= m.start < announcement.sentence_end
            ]
            # "Save the date: River Fest 2024 - September 10-13": the year beside it is its own
            nearby = nearby or analysis.years_nearby(passage.text)
            days = [(m, _last_day(nearby.give(m), issue)) for m in inside]
            # A date years back in an invitation is history ("the charter signed on
            # 4 June 1999"), not the day of the event.
            known = [(m, d) for m, d in days if d is not None and (issue - d).days <= _RECENT_DAYS]
            if not known or any(d >= issue for _, d in known):
                continue
            mention, day = known[0]
            yield Violation(
                passage.locate(mention.start),
                f'"{announcement.words}" announces an event on {_day(day)}, which is before'
                f" the issue date {_day(issue)}",
                excerpt=shorten(
                    passage.text[announcement.sentence_start : announcement.sentence_end]
                ),
            )


def _last_day(mention: dates.DateMention, issue: date) -> date | None:
    first, last = mention.resolve(issue)
    return last or first


def _day(day: date) -> str:
    return dates.format_day(day)
