'''A date that does not exist ("30 February", "31 June 2019", "2019-13-02").

A date that cannot exist is a typo, and nobody can tell which of its parts is
wrong; it must be fixed before the issue goes out. Day-month dates, month-day
dates, ISO dates and numeric dates are checked: a month above 12, a day past
the end of its month, 29 February of a year that is not a leap year. A day
number above 31 ("68th Street", "June 32") is not taken for a date at all.

A numeric date that one order can read is not impossible: ``12/15/2021`` is
15 December 2021 written month first. The order comes from the draft itself
(its numeric dates that only one order can read), then from its region
(``language = "en-US"`` writes the month first), then from the workspace's
``date_order``. A draft that writes numeric dates both ways (``15/12/2021``
and ``12/31/2021``) gets one finding naming both, since its readers cannot
tell how to read ``04/06/2021``.

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
    The report of 12/15/2018 is online.
    """
    ```
'''

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from newsletter_cli.draft.model import DateOrder
from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text import dates
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.lexicon import Language
from newsletter_cli.text.textspans import Passage

ID = "impossible-date"
SEVERITY = Severity.ERROR
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False

_ORDER_NAMES: Mapping[DateOrder, str] = {"dmy": "day first", "mdy": "month first"}


@dataclass(frozen=True)
class Options:
    """impossible-date has no options."""


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per written date that cannot exist, and one for mixed orders."""
    prose = list(analysis.passages)
    order, languages = analysis.reading
    yield from _mixed_orders(analysis, prose, order, languages)
    for passage in prose:
        for mention in analysis.dates(passage.text):
            for day in mention.days:
                problem = day.problem()
                if problem is None:
                    continue
                if mention.numeric and dates.Day(day.month, day.day, day.year).problem() is None:
                    break  # real when read the other way round: reported as mixed orders
                yield Violation(
                    passage.locate(mention.start),
                    f"{mention.text.strip()!r} is not a real date: {problem}",
                    excerpt=shorten(mention.text),
                )
                break


def _mixed_orders(
    analysis: DraftText, prose: list[Passage], order: DateOrder, languages: tuple[Language, ...]
) -> Iterator[Violation]:
    """One violation where the draft writes numeric dates both day first and month first."""
    first_of: dict[DateOrder, tuple[Passage, dates.OneWayDate]] = {}
    for passage in prose:
        for one in analysis.one_way_dates(passage.text, languages):
            first_of.setdefault(one.order, (passage, one))
    if len(first_of) < 2:
        return
    other: DateOrder = "mdy" if order == "dmy" else "dmy"
    passage, odd = first_of[other]
    usual_passage, usual = first_of[order]
    line = usual_passage.locate(usual.start).line
    yield Violation(
        passage.locate(odd.start),
        f"{odd.text!r} is written {_ORDER_NAMES[odd.order]}, but {usual.text!r} (line {line})"
        f" {_ORDER_NAMES[usual.order]}: numeric dates in this issue are written both ways, so"
        " 04/06 could be either; write them one way, or write the month as a word",
        excerpt=shorten(odd.text),
    )
