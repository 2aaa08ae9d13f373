'''Placeholder text left in the issue: TODO, TBD, FIXME, XXX, lorem ipsum, [insert ...], {{ ... }}.

Drafts are full of notes to self; one that reaches the readers looks careless.
Recognised: the words TODO, FIXME and XXX in capitals (so "todo" in a
sentence about to-do lists is fine); TBD and TBC where a value should be ("on
TBD"), before a note ("TBD: speakers") or at the start of a paragraph, but
not as a published "to be confirmed" in a listing ("topic TBD", "(venue
TBC)", "Topic: TBD"); "lorem ipsum" in any case; bracketed instructions such
as "[insert date]", "[add link]", "[name]", "[your name]" that are not link
text; and template placeholders "{{ ... }}" (but not Hugo shortcodes such as
"{{< figure ... >}}" and "{{% note %}}", which an imported issue keeps on
purpose). Code spans, fenced code, link targets and HTML are not read, so an
example of a template in backticks is fine; nor are the titles of others'
work: link text (also with brackets inside, "[Add support for #[derive]]")
and words in quotation marks ("the talk \"FIXME: notes\"", an editor's
"[add]" inside a quotation).

Options:
    (none)

Fails:
    ```toml
    title = "River Voices"
    intro = """
    The assembly takes place in Marlow on TBD, see [insert link].
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    intro = """
    The assembly takes place in Marlow; write `{{ name }}` in the template to greet each member.
    """
    ```
'''

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.lexicon import DANGLING_WORDS, EDITOR_NOTE
from newsletter_cli.text.textspans import FILL

ID = "placeholder-text"
SEVERITY = Severity.ERROR
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False

_PLACEHOLDER = re.compile(
    EDITOR_NOTE + r"|(?<![\w-])(?i:lorem\s+ipsum)(?![\w-])"
    # up to the next bracket: a run of "[insert [insert ..." is scanned once, not once per "["
    r"|\[(?i:insert|add|placeholder|your\s+name|name|date|link|tk)\b[^\[\]\n]*\](?![(\[:])"
    r"|\{\{(?![<%])[^{}\n]*\}\}"
)
_CHEAP = re.compile(
    r"TODO|TBD|TBC|FIXME|XXX|(?i:lorem)|\{\{|\[(?i:insert|add|placeholder|your|name|date|link|tk)"
)
# _CHEAP split in its case-sensitive part and, for ASCII text, its case-blind part searched in
# lower case: the same answer, without the case-blind scan that is slow on every paragraph.
_CHEAP_CASED = re.compile(r"TODO|TBD|TBC|FIXME|XXX|\{\{")
_CHEAP_BRACKET = re.compile(r"\[(?:insert|add|placeholder|your|name|date|link|tk)")


def _may_hold_placeholder(text: str) -> bool:
    """``_CHEAP.search(text)``, faster."""
    if not text.isascii():
        return bool(_CHEAP.search(text))
    if _CHEAP_CASED.search(text):
        return True
    lower = text.lower()
    return "lorem" in lower or ("[" in text and bool(_CHEAP_BRACKET.search(lower)))


#: The text of a link, which may hold brackets itself ("[Add support for #[derive(..)]]"):
#: ``mask`` leaves the "]" of a link and fills its target, so link text is followed by the fill.
_LINK_TEXT = re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]" + FILL)
#: Words quoted from someone else's work: a title in quotation marks.
_QUOTED = re.compile(r"\"[^\"]{1,400}\"|\u201c[^\u201c\u201d]{1,400}\u201d")
_PREVIOUS_WORD = re.compile(r"([\w'\u2019-]+)[\s*_(\[]*$")
_NOTE_FOLLOWS = re.compile(r"[*_ \t]*:")


def _quoted_spans(masked: str) -> tuple[list[int], list[int]]:
    """Where the paragraph quotes the words of others (link text and quotation marks):
    the starts and ends of those stretches, merged where they overlap, in order."""
    spans = []
    if "[" in masked and FILL in masked:
        spans += [match.span() for match in _LINK_TEXT.finditer(masked)]
    if '"' in masked or "\u201c" in masked:
        spans += [match.span() for match in _QUOTED.finditer(masked)]
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _inside(spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies within one of the merged stretches (found by bisection)."""
    starts, ends = spans
    index = bisect_right(starts, start) - 1
    return index >= 0 and end <= ends[index]


def _is_pending_value(masked: str, start: int, end: int, lead: int) -> bool:
    """TBD or TBC as a published "to be confirmed" ("venue TBC", "(TBC)", "Topic: TBD").

    It is a placeholder where a value should be ("on TBD"), when a note follows
    ("TBD: speakers"), or when it begins its paragraph ("TBD", "TBD add the speakers").
    """
    if _NOTE_FOLLOWS.match(masked, end):
        return False
    if start <= lead:
        return False
    # the word before, looked for in a short stretch: a search in the whole text before it
    # would cost the length of the paragraph for each TBD in it
    previous = _PREVIOUS_WORD.search(masked, max(0, start - 60), start)
    return not (previous and previous.group(1).lower() in DANGLING_WORDS)


@dataclass(frozen=True)
class Options:
    """placeholder-text has no options."""


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per placeholder in the prose."""
    for paragraph in analysis.prose:
        if not _may_hold_placeholder(paragraph.text):
            continue
        masked = analysis.masked(paragraph.text)
        quoted: tuple[list[int], list[int]] | None = None
        lead = len(masked) - len(masked.lstrip(" \t\n*_-"))  # markers before the first word
        for match in _PLACEHOLDER.finditer(masked):
            start, end = match.span()
            found = match.group()
            if found.startswith("[") and paragraph.text[end : end + 1] in ("(", "[", ":"):
                continue  # link text, not a note
            if found in ("TBD", "TBC") and _is_pending_value(masked, start, end, lead):
                continue
            if not found.startswith("{{"):
                if quoted is None:
                    quoted = _quoted_spans(masked)
                if _inside(quoted, start, end):
                    continue  # a title quoted from someone else's work
            written = paragraph.text[start:end]
            yield Violation(
                analysis.locate(paragraph, start),
                f"placeholder {written!r} left in the text",
                excerpt=shorten(written),
            )
