'''Placeholder text left in the issue: TODO, TBD, FIXME, XXX, lorem ipsum, [insert ...], {{ ... }}.

Drafts are full of notes to self; one that reaches the readers looks careless.
Recognised: the words TODO, TBD, TBC, FIXME and XXX in capitals (so "todo"
in a sentence about to-do lists is fine); "lorem ipsum" in any case;
bracketed instructions such as "[insert date]", "[add link]", "[name]",
"[your name]" that are not link text; and template placeholders "{{ ... }}"
(but not Hugo shortcodes such as "{{< figure ... >}}" and "{{% note %}}",
which an imported issue keeps on purpose).
Code spans, fenced code, link targets and HTML are not read, so an example of
a template in backticks is fine.

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
from collections.abc import Iterator
from dataclasses import dataclass

from newsletter_cli.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.lexicon import EDITOR_NOTE
from newsletter_cli.model import Draft
from newsletter_cli.textspans import location, mask, prose_paragraphs

ID = "placeholder-text"
SEVERITY = Severity.ERROR
FIXABLE = False

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


@dataclass(frozen=True)
class Options:
    """placeholder-text has no options."""


def check(draft: Draft, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per placeholder in the prose."""
    for paragraph in prose_paragraphs(draft):
        if not _may_hold_placeholder(paragraph.text):
            continue
        masked = mask(paragraph.text)
        for match in _PLACEHOLDER.finditer(masked):
            end = match.end()
            if match.group().startswith("[") and paragraph.text[end : end + 1] in ("(", "[", ":"):
                continue  # link text, not a note
            written = paragraph.text[match.start() : end]
            yield Violation(
                location(draft, paragraph, match.start()),
                f"placeholder {written!r} left in the text",
                excerpt=shorten(written),
            )
