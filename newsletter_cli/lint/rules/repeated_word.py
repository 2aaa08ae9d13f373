'''A word written twice in a row ("the the"); safe fix: delete the second.

The eye skips a doubled word, most often where a line breaks, so the author
never sees it. Words are compared without regard to case ("The the"). Not
reported: doubles that English allows ("had had", "that that", "bye bye"),
numbers, a second word with a capital
(names such as "Walla Walla"), and anything in code spans, fenced code, link
targets or HTML. The fix removes the second word and the space before it.

Options:
    (none)

Fails:
    ```toml
    title = "River Voices"
    intro = """
    Thank you to everyone who gave an evening to the
    the rivers this summer.
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    intro = """
    Those who had had enough of the rain stayed home; we knew that that would happen: `make make`.
    """
    ```
'''

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsletter_cli.lint.findings import Fix, RuleContext, Severity, Violation, shorten
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.lexicon import ALLOWED_REPEATS

ID = "repeated-word"
SEVERITY = Severity.WARNING
FIXABLE = True
#: Its findings depend on this draft alone.
USES_ARCHIVE = False

_REPEAT = re.compile(
    r"(?<![\w'\u2019-])([^\W\d_]+)([ \t]*\n[ \t]*|[ \t]+)(\1)(?![\w'\u2019-])", re.I
)


_SPACES = re.compile(r"[ \t]*")


@dataclass(frozen=True)
class Options:
    """repeated-word has no options."""


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation (with its fix) per doubled word."""
    for paragraph in analysis.prose:
        words = analysis.words(paragraph.text)
        if words is not None and not words.doubled:
            continue  # most paragraphs: no two equal words in a row, nothing to find
        # (text that is not all ASCII is searched whole: the pattern's case-blind reading of
        # letters such as "\u0130" is not one that lower-casing words can stand in for)
        masked = analysis.masked(paragraph.text)
        for match in _REPEAT.finditer(masked):
            first, second = match.group(1), match.group(3)
            if first.lower() in ALLOWED_REPEATS or second[0].isupper():
                continue
            # Delete the second word with the spaces after it, so that a line break before it
            # stays ("The\nthe river" -> "The\nriver"); at the end of a sentence or line,
            # delete the spaces before it instead ("the the." -> "the.").
            spaces = _SPACES.match(masked, match.end(3))  # always matches, maybe empty
            after = spaces.end() - match.end(3) if spaces else 0
            follows = masked[match.end(3) + after : match.end(3) + after + 1]
            if after and follows and follows != "\n":
                start = analysis.value_offset(paragraph, match.start(3))
                end = analysis.value_offset(paragraph, match.end(3) + after)
            else:
                start = analysis.value_offset(paragraph, match.end(1))
                end = analysis.value_offset(paragraph, match.end(3))
            yield Violation(
                analysis.locate(paragraph, match.start(3)),
                f'"{first} {second}": the word is repeated',
                fix=Fix(paragraph.field, start, end, ""),
                excerpt=shorten(" ".join(match.group().split())),
            )
