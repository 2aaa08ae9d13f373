'''An event without a date: an event section with no date, or an announcement with no day.

An invitation without a day is useless to the reader and a question in the
organiser's inbox. Two grades:

- error: a section of kind "event" without a ``date`` key (the date is what
  the templates print and what the other date rules check);
- warning: a paragraph of another section (or the intro or closing) that
  announces an event ("join us", "register now", "will take place", "save
  the date", or an event word such as workshop, meeting, webinar, conference,
  deadline bound to a word that puts it in the future: "the upcoming
  workshop", "our next meeting", "the meeting will be held"), when no day is
  given in the paragraph, nor anywhere else in its section (heading, other
  paragraphs, ``date``), nor, in the intro and closing, in the paragraph just
  before or after it. An event the intro or closing only names ("this issue
  covers our upcoming workshop") is not reported there when a section speaks
  of it too: that section is where its day belongs, and is checked. Quoted
  text, block quotes and list items that are only a link (the title of
  someone else's page) announce nothing, and "join us in thanking ..." is
  not an invitation. A day is "4 June", "2019-06-04", "tomorrow", "this
  Friday", "every Tuesday" or "on Tuesdays"; a month alone ("in June") is
  not. At most one warning per section.

Options:
    announcements: also warn about paragraphs that announce an event without a day (default true).

Fails:
    ```toml
    title = "River Voices"
    date = 2026-06-01

    [[sections]]
    heading = "Autumn assembly"
    kind = "event"
    body = """
    Our assembly will take place in Marlow. All members are welcome.
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    date = 2026-06-01

    [[sections]]
    heading = "Autumn assembly"
    kind = "event"
    date = 2026-09-26
    body = """
    Our assembly will take place in Marlow. All members are welcome.
    """

    [[sections]]
    heading = "News"
    body = """
    Join us for the river walk on Saturday 13 June. The meeting in May was a success.
    """
    ```
'''

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsletter_cli.draft.model import Draft
from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.lexicon import WEEKDAY_NAMES

ID = "event-missing-date"
SEVERITY = Severity.ERROR
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False


#: A recurring day is a day too: "every Tuesday", "on Tuesdays".
_RECURRING = re.compile(
    r"\b(?:(?i:every|each)\s+(?:{0})|(?:{0})s)\b".format("|".join(WEEKDAY_NAMES))
)


@dataclass(frozen=True)
class Options:
    """Options of event-missing-date."""

    announcements: bool = True


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield event sections without a date (errors) and dateless announcements (warnings)."""
    draft = analysis.draft
    for index, section in enumerate(draft.sections):
        if section.kind == "event" and section.date is None:
            yield Violation(
                draft.location(("sections", index)),
                f'the event "{section.heading}" has no date; add date = YYYY-MM-DD to its section',
                severity=Severity.ERROR,
                excerpt=shorten(section.heading),
            )
    if not options.announcements:
        return

    def has_day(text: str) -> bool:
        if analysis.dates(text, settings_only=True) or _RECURRING.search(text):
            return True
        relative = analysis.relative(text, settings_only=True)
        return any(mention.day_precise for mention in relative)

    paragraphs = analysis.prose
    warned: set[int] = set()
    for position, paragraph in enumerate(paragraphs):
        home = None if paragraph.section is None else draft.sections[paragraph.section]
        if home is not None and (home.kind == "event" or home.date is not None):
            continue
        key = paragraph.section if paragraph.section is not None else -paragraph.number
        if key in warned:
            continue
        found = analysis.announcements(paragraph.text)
        if not found or has_day(paragraph.text):
            continue
        if home is None and not found[0].invitation and _previewed(draft, found[0].words):
            continue
        if home is not None:
            # "## Save the date" and the day in the paragraph under it: the section is the unit.
            around = [home.heading, *(p.text for p in paragraphs if p.section == paragraph.section)]
        else:
            near = paragraphs[max(0, position - 1) : position + 2]
            around = [p.text for p in near if p.field == paragraph.field]
        if any(has_day(text) for text in around):
            continue
        warned.add(key)
        first = found[0]
        yield Violation(
            analysis.locate(paragraph, first.start),
            f'"{" ".join(first.words.split())}" announces an event, but no day is given;'
            " write the day it takes place (e.g. Saturday 13 June)",
            severity=Severity.WARNING,
            excerpt=shorten(paragraph.text[first.sentence_start : first.sentence_end]),
        )


def _previewed(draft: Draft, noun: str) -> bool:
    """Whether a section of the draft (heading or body) names the event ``noun`` too."""
    word = re.compile(rf"(?i)\b{re.escape(noun.rstrip('sS'))}s?\b")
    return any(word.search(s.heading) or word.search(s.body) for s in draft.sections)
