'''A date range that ends before it starts, or a section date far from the issue date.

"10-8 June" or "30 June - 2 May" in the text, or an event whose end_date is
before its date, is a typo that sends readers to the wrong days. A section
dated more than ``max_days`` days from the issue date (a year typed wrong:
2016 for 2026) is almost always a mistake too; an event announced a year in
advance can raise ``max_days``. Ranges in the text are found with the date
lexicon ("4-6 June", "June 4-6, 2019", "Friday 4 - Sunday 6 June", "30 June
- 2 July 2019"); a range across the new year ("30 December - 2 January 2020")
is read as one.

Options:
    max_days: a section date more days than this from the issue date is reported (default 366).

Fails:
    ```toml
    title = "River Voices"
    date = 2019-06-05
    intro = """
    The festival runs from 14 to 12 July 2019.
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    date = 2019-06-05
    intro = """
    The festival runs from 12 to 14 July 2019, and the assembly from 30 December to 2 January 2020.
    """
    ```
'''

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text import dates
from newsletter_cli.text.analysis import DraftText

ID = "date-range"
SEVERITY = Severity.WARNING
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False


@dataclass(frozen=True)
class Options:
    """Options of date-range."""

    max_days: int = 366


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield backwards ranges and section dates far from the issue date."""
    draft = analysis.draft
    for index, section in enumerate(draft.sections):
        if section.date is None:
            continue
        if section.end_date is not None and section.end_date < section.date:
            yield Violation(
                draft.location(("sections", index, "end_date")),
                f'"{section.heading}" ends on {dates.format_day(section.end_date)}, before it'
                f" starts on {dates.format_day(section.date)}",
                excerpt=shorten(section.heading),
            )
        if draft.date is not None and abs((section.date - draft.date).days) > options.max_days:
            distance = abs((section.date - draft.date).days)
            when = "after" if section.date > draft.date else "before"
            yield Violation(
                draft.location(("sections", index, "date")),
                f'"{section.heading}" is dated {dates.format_day(section.date)}, {distance} days'
                f" {when} the issue date {dates.format_day(draft.date)}; is the year right?",
                excerpt=shorten(section.heading),
            )
    for passage in analysis.passages:
        for mention in analysis.dates(passage.text):
            if mention.last is None:
                continue
            first, last = mention.resolve(draft.date)
            if first is None or last is None or last >= first:
                continue
            yield Violation(
                passage.locate(mention.start),
                f"{mention.text.strip()!r} ends ({dates.format_day(last)}) before it starts"
                f" ({dates.format_day(first)})",
                excerpt=shorten(mention.text),
            )
