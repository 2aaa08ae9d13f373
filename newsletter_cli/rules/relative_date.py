'''A relative date ("tomorrow", "next week", "this Friday", "in two days", "last month").

An issue is read for weeks in inboxes and for years in the archive: "next
week" means nothing to someone who finds the issue later. The message gives
the absolute date the expression means, computed from the issue date (never
from today's clock, so results are reproducible): "next week" in an issue of
Wednesday 5 June 2019 is the week of Monday 10 June 2019.

Recognised (English): tomorrow, yesterday, the day after tomorrow; next/last
week, month, weekend (and year, with the ``years`` option); this/next/last/this
coming + a weekday; "on Friday" with no date after it; in N days/weeks/months
in a sentence that looks ahead ("registration closes in two days"); N
days/weeks/months ago. Not reported, because they are anchored at the issue
itself: today, this week, this month, this year; nor "the last week of June",
plural weekdays ("on Fridays"), durations ("it sold out in two days"), a
farewell on a line of its own ("Until next month,", "See you next week!"), or
expressions in code and link targets. Everything recognised is listed in
docs/dates.md.

Options:
    years: also report year-level expressions: next year, last year, a year ago,
        in two years (default false: the issue's year is printed on every issue
        and archive page, so "next year" is clear at a glance; "next week" is not).
    ignore: expressions never reported, in any case (default none); a weekly
        digest that always says "last week" for the previous issue can list it here.

Fails:
    ```toml
    title = "River Voices"
    date = 2019-06-05
    intro = """
    The survey results will be published next week.
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    date = 2019-06-05
    intro = """
    The results will be published in the week of 10 June 2019; this week we thank the volunteers.
    """
    ```
'''

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsletter_cli import dates
from newsletter_cli.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.model import Draft
from newsletter_cli.textspans import passages

ID = "relative-date"
SEVERITY = Severity.WARNING
FIXABLE = False


@dataclass(frozen=True)
class Options:
    """Options of relative-date."""

    years: bool = False
    ignore: tuple[str, ...] = ()


#: A farewell on a line of its own ("Until next month,", "See you next week!") promises the next
#: issue; it tells the reader of the archive nothing that a date would make clearer.
_FAREWELL = re.compile(
    r"(?i)^[\W_]*(?:until|till|'?til|see\s+you|speak\s+to\s+you|talk\s+to\s+you|more)"
    r"\s+(?:again\s+)?next\s+(?:week|month|weekend)[\W_]*$"
)


def _farewell(text: str, at: int) -> bool:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return bool(_FAREWELL.match(text[start : end if end >= 0 else len(text)]))


def check(draft: Draft, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per relative date expression, with what it means."""
    settings = context.workspace.settings
    order, languages = dates.reading(draft.language, settings.language, settings.date_order)
    accepted = {" ".join(phrase.lower().split()) for phrase in options.ignore}
    for passage in passages(draft):
        for mention in dates.scan_relative(passage.text, draft.date, order, languages):
            written = " ".join(mention.text.split())
            if written.lower() in accepted or (mention.unit == "year" and not options.years):
                continue
            if _farewell(passage.text, mention.start):
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
