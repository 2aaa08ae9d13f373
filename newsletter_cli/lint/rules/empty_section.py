'''A section with no body text.

A heading followed by nothing is a section someone meant to write and did
not. A body that holds only white space, HTML comments (``<!-- ... -->``) or
Markdown headings has no text either. An event section needs a body too: the
date and place alone do not tell readers what the event is.

Options:
    (none)

Fails:
    ```toml
    title = "River Voices"

    [[sections]]
    heading = "Publications"
    body = """
    <!-- add the new reports here -->
    """
    ```

Passes:
    ```toml
    title = "River Voices"

    [[sections]]
    heading = "Publications"
    body = """
    Our report on summer low flows is out.
    """
    ```
'''

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.textspans import html_comments

ID = "empty-section"
SEVERITY = Severity.ERROR
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False

_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t].*)?")


@dataclass(frozen=True)
class Options:
    """empty-section has no options."""


def _has_text(body: str) -> bool:
    comments = html_comments(body)
    if comments:
        ends = [0, *(end for _, end in comments)]
        starts = [*(start for start, _ in comments), len(body)]
        body = "".join(body[end:start] for end, start in zip(ends, starts, strict=True))
    return any(line.strip() and not _HEADING.fullmatch(line) for line in body.splitlines())


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per section without body text."""
    draft = analysis.draft
    for index, section in enumerate(draft.sections):
        if _has_text(section.body):
            continue
        what = "is empty" if not section.body.strip() else "has no text, only comments or headings"
        yield Violation(
            draft.location(("sections", index, "body") if section.body else ("sections", index)),
            f'the section "{section.heading}" {what}; write it or remove it',
            excerpt=shorten(section.heading),
        )
