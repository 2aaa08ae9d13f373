'''A date that does not exist ("30 February", "31 June 2019", "2019-13-02").

A date that cannot exist is a typo, and nobody can tell which of its parts is
wrong; it must be fixed before the issue goes out. Day-month dates, month-day
dates, ISO dates and numeric dates (read after the workspace's
``date_order``) are checked: a month above 12, a day past the end of its month,
29 February of a year that is not a leap year. A day number above 31
("68th Street", "June 32") is not taken for a date at all.

Options:
    (none)

Fails:
    ```toml
    title = "River Voices"
    date = 2019-06-01
    intro = """
    The survey closes on 31 June 2019.
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    date = 2019-06-01
    intro = """
    The survey closes on 30 June 2019; we meet at 68th Street, and you may bring a friend.
    """
    ```
'''

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsletter_cli import dates
from newsletter_cli.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.model import Draft
from newsletter_cli.textspans import passages

ID = "impossible-date"
SEVERITY = Severity.ERROR
FIXABLE = False


@dataclass(frozen=True)
class Options:
    """impossible-date has no options."""


def check(draft: Draft, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per written date that cannot exist."""
    settings = context.workspace.settings
    order, languages = dates.reading(draft.language, settings.language, settings.date_order)
    for passage in passages(draft):
        for mention in dates.scan(passage.text, order, languages):
            for day in mention.days:
                problem = day.problem()
                if problem is None:
                    continue
                message = f"{mention.text.strip()!r} is not a real date: {problem}"
                if mention.numeric and "month" in problem and day.day <= 12 < day.month:
                    message += (
                        f" (numeric dates are read {'/'.join(order.upper())};"
                        " set date_order in newsletter.toml if you write them the other way)"
                    )
                yield Violation(
                    passage.locate(mention.start),
                    message,
                    excerpt=shorten(mention.text),
                )
                break
