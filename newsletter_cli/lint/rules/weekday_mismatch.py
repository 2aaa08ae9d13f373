'''A weekday that does not match its date ("Friday, 4 June 2019" when 4 June 2019 is a Tuesday).

Readers plan by the weekday as often as by the date; when the two disagree,
half of them come on the wrong day. Every date written with a weekday ("Friday
4 June", "Tuesday, June 4, 2019", "Fri 4 Jun", "mardi 4 juin", the two ends of
"Friday 4 - Sunday 6 June") is checked. A date without a year takes the year
written beside it, on its line or in its sentence ("Winter Fair 2016: Sunday
31 January"), or else the year nearest the issue date; without an issue date,
only dates with a year are checked. The message gives the right weekday. A
weekday written before a range that fits the range's last day ("this Thursday,
June 1st through June 7th") is taken to name that day. Dates before 1583 (the
Julian calendar) are not checked.

Dates are found with the date lexicon (see docs/dates.md):
"sat down", "may" and "68th Street" are never dates; code, link targets and
HTML are not read.

Options:
    (none)

Fails:
    ```toml
    title = "River Voices"
    date = 2019-06-01
    intro = """
    The assembly meets on Friday 4 June 2019 in Marlow.
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    date = 2019-06-01
    intro = """
    The assembly meets on Tuesday 4 June 2019 in Marlow, and we sat down on Monday to plan it.
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
from newsletter_cli.text.lexicon import MONTH_NAMES, WEEKDAY_NAMES

ID = "weekday-mismatch"
SEVERITY = Severity.ERROR
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False


@dataclass(frozen=True)
class Options:
    """weekday-mismatch has no options."""


def _names_the_range(
    mention: dates.DateMention, resolved: tuple[date | None, date | None], weekday: int
) -> bool:
    """ "this Thursday, June 1st through June 7th": the weekday names the end, not the start."""
    last = resolved[1]
    return (
        mention.last is not None
        and mention.last.weekday is None
        and last is not None
        and last.weekday() == weekday
    )


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per written weekday that its date contradicts."""
    draft = analysis.draft
    for passage in analysis.passages:
        found = analysis.dates(passage.text)
        nearby: dates.YearsNearby | None = None
        for written_as in found:
            if all(day.weekday is None for day in written_as.days):
                continue
            nearby = nearby or analysis.years_nearby(passage.text)
            mention = nearby.give(written_as)
            resolved = mention.resolve(draft.date)
            for day, actual, own in zip(mention.days, resolved, written_as.days, strict=False):
                if day.weekday is None or actual is None or actual.weekday() == day.weekday:
                    continue
                if _names_the_range(mention, resolved, day.weekday) or actual.year < 1583:
                    continue  # before 1583 dates were Julian: weekdays do not compare
                written = f"{day.day} {MONTH_NAMES[day.month]}"
                if own.year is not None:
                    year = f" {actual.year}"
                elif day.year is not None:
                    year = f" (taken as {actual.year}, the year written beside it)"
                else:
                    year = f" (taken as {actual.year}, the year nearest the issue date)"
                right = WEEKDAY_NAMES[actual.weekday()]
                yield Violation(
                    passage.locate(day.weekday_start or mention.start),
                    f"{written}{year} is a {right}, not a {WEEKDAY_NAMES[day.weekday]}",
                    excerpt=shorten(mention.text),
                    data={"date": actual.isoformat(), "weekday": right},
                )
