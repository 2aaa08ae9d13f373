"""The same paragraph twice in one issue.

A paragraph pasted twice is the most common accident of a newsletter written
by copy and paste: an item copied under a second heading, or a whole block
repeated at the end of the letter. Paragraphs are compared after
normalisation (Unicode NFKC, case, white space, Markdown emphasis and link
targets, punctuation), so a copy that differs only in a curly quote or a
word put in bold is still the same paragraph.

A run of consecutive repeated paragraphs is one finding
("paragraphs 13-19 repeat paragraphs 3-9"), placed on the first paragraph of
the repeat, not the original; every pair is listed as a related location.
Short paragraphs ("Dear friends,", "June 2019", "Thank you!") are never
reported on their own, but one that sits inside a repeated run is part of
it. Headings are not paragraphs for this rule. A list item repeated in
another list (the same first step in two parallel examples, a new list begun
after a paragraph or a less indented item) is written twice on purpose; a
list item repeated in its own list is reported.

The fix deletes the repeat and keeps the first copy, and only a repeat that
is the same text character for character: a "copy" that differs in what the
comparison leaves out (a link to another address, a quote marker), that holds
a line which is not words (a link definition, a template tag, a comment, a
fence or an underline), or that is indented (inside a list item, where deleting
could break the list) is reported without a fix, its reason in the
finding's `data.not_fixed`.

Options:
    min_words: paragraphs with fewer words are not reported on their own (default 10).

Fails:
    ```toml
    title = "River Voices"
    intro = \"\"\"
    The autumn assembly takes place in Marlow on 14 November, all members welcome.

    The autumn assembly takes place in Marlow on 14 November, all members welcome!
    \"\"\"
    ```

Passes:
    ```toml
    title = "River Voices"
    intro = \"\"\"
    Dear friends,

    The autumn assembly takes place in Marlow on 14 November, all members welcome.

    Dear friends,
    \"\"\"
    ```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsletter_cli.draft.model import Draft, Paragraph
from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.lint.fixes import drop_repeats
from newsletter_cli.lint.rules.near_duplicate_paragraph import is_list
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.normalize import is_markup

ID = "duplicate-paragraph"
SEVERITY = Severity.ERROR
FIXABLE = True
#: Its findings depend on this draft alone.
USES_ARCHIVE = False


@dataclass(frozen=True)
class Options:
    """Options of duplicate-paragraph."""

    min_words: int = 10

    def __post_init__(self) -> None:
        if self.min_words < 1:
            raise ValueError("min_words must be at least 1")


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per run of repeated paragraphs."""
    draft = analysis.draft
    paragraphs = analysis.paragraphs
    keys = [_key(analysis, p) for p in paragraphs]
    first_seen: dict[str, int] = {}
    covered: set[int] = set()
    runs: list[tuple[int, int, int]] = []  # (repeat start, original start, length)
    for index, (paragraph, key) in enumerate(zip(paragraphs, keys, strict=True)):
        if not key:
            continue
        original = first_seen.setdefault(key, index)
        if original == index or index in covered:
            continue
        if analysis.normal(paragraph.text).words < options.min_words:
            continue
        start, source, length = index, original, 1
        # a short paragraph just before (a greeting, a heading line) repeated with the block;
        # the original block must end before the repeat begins
        while (
            source > 0
            and source + length <= start - 1
            and start - 1 not in covered
            and keys[start - 1]
            and keys[start - 1] == keys[source - 1]
        ):
            start, source, length = start - 1, source - 1, length + 1
        while (
            start + length < len(paragraphs)
            and source + length + 1 <= start
            and keys[start + length]
            and keys[start + length] == keys[source + length]
        ):
            length += 1
        if length == 1 and _in_another_list(paragraphs, source, start):
            continue
        covered.update(range(start, start + length))
        runs.append((start, source, length))
    for start, source, length in runs:
        yield _violation(draft, paragraphs, start, source, length)


def _in_another_list(paragraphs: Sequence[Paragraph], original: int, repeat: int) -> bool:
    """Whether a repeated list item stands in another list than its original: the same
    step in two parallel lists ("1. Agree on a price" in two examples) is written twice
    on purpose. Another list begins after a paragraph that is not a list item, or after
    an item less indented than the repeat (a new item of the list around it)."""
    item = paragraphs[repeat]
    if not is_list(item.text):
        return False
    return any(
        not is_list(between.text) or between.location.column < item.location.column
        for between in paragraphs[original + 1 : repeat]
    )


def _key(analysis: DraftText, paragraph: Paragraph) -> str:
    if paragraph.is_heading or is_markup(paragraph.text):
        return ""
    text = analysis.normal(paragraph.text)
    return text.digest if text.normalized else ""


def _violation(
    draft: Draft, paragraphs: Sequence[Paragraph], start: int, source: int, length: int
) -> Violation:
    repeat = paragraphs[start : start + length]
    originals = paragraphs[source : source + length]
    first, original = repeat[0], originals[0]
    if length == 1:
        message = (
            f"paragraph {first.number} repeats paragraph {original.number} "
            f"(line {original.location.line})"
        )
    else:
        message = (
            f"paragraphs {first.number}-{repeat[-1].number} repeat paragraphs "
            f"{original.number}-{originals[-1].number} (from line {original.location.line})"
        )
    related = [
        {
            "path": o.location.path,
            "line": o.location.line,
            "column": o.location.column,
            "message": f"paragraph {o.number}, repeated as paragraph {r.number} "
            f"(line {r.location.line})",
        }
        for r, o in zip(repeat, originals, strict=True)
    ]
    fixes, not_fixed = drop_repeats(draft, repeat, originals)
    data: dict[str, object] = {
        "pairs": [[r.number, o.number] for r, o in zip(repeat, originals, strict=True)],
        "related": related,
    }
    if not_fixed:
        data["not_fixed"] = not_fixed
    return Violation(
        location=first.location,
        message=message,
        fix=fixes[0] if fixes else None,
        extra_fixes=tuple(fixes[1:]),
        excerpt=shorten(first.text),
        data=data,
    )
