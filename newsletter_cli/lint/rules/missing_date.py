'''The issue has no date.

A newsletter lives in an archive for years: an issue without a date cannot be
placed in time, and every other date rule (weekdays, relative dates, past
events) needs the issue date to check against. The date is the draft's
``date`` key; a date written only in the title or the text does not count.

Options:
    (none)

Fails:
    ```toml
    title = "River Voices, June"
    intro = """
    Dear friends, this is our June letter.
    """
    ```

Passes:
    ```toml
    title = "River Voices, June"
    date = 2026-06-01
    intro = """
    Dear friends, this is our June letter.
    """
    ```
'''

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text.analysis import DraftText

ID = "missing-date"
SEVERITY = Severity.ERROR
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False


@dataclass(frozen=True)
class Options:
    """missing-date has no options."""


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation when the draft has no ``date``."""
    draft = analysis.draft
    if draft.date is None:
        yield Violation(
            draft.location(("title",)),
            "the issue has no date; add one after the title, e.g. date = 2026-06-01",
            excerpt=shorten(f"title = {draft.title!r}"),
        )
