"""Safe fixes: build them (dropping paragraphs) and apply them to a draft, in memory.

A ``Fix`` replaces ``text[start:end]`` of one text value of the draft. Fixes
are applied per text value from the end, so that earlier offsets stay valid;
a fix that overlaps one already taken is left for the next pass.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsletter_cli.draft.model import Draft, KeyPath, Paragraph
from newsletter_cli.lint.findings import Fix
from newsletter_cli.text.normalize import normalize


def drop_repeats(
    draft: Draft, repeats: Sequence[Paragraph], originals: Sequence[Paragraph]
) -> tuple[list[Fix], str | None]:
    """Fixes that delete ``repeats``, copies of ``originals`` (pair by pair); or none, and why.

    Paragraphs are found to repeat after normalisation, which leaves out what a reader does
    not see as words: link targets, reference definitions, template tags, comments, fences,
    underlines, quote markers. Deleting such a "copy" could delete what it does not share with
    the original, so only a repeat that is the same text, character for character, and that
    has no line the comparison left out, is deleted.
    """
    for repeat, original in zip(repeats, originals, strict=True):
        if repeat.text != original.text:
            return [], "the copy is not the same text as the original"
        if any(line.strip() and not normalize(line) for line in repeat.text.splitlines()):
            return [], "the copy holds lines that are not words (a link definition, a tag, markup)"
        if repeat.text[:1].isspace():  # inside a list item: deleting could break the list
            return [], "the copy is indented (inside a list item)"
    return drop_paragraphs(draft, repeats), None


def drop_paragraphs(draft: Draft, paragraphs: Sequence[Paragraph]) -> list[Fix]:
    """Fixes that delete the given paragraphs (and the blank lines that separated them).

    Consecutive paragraphs of one text value become a single fix.
    """
    texts = {key: text for key, text, _ in draft.texts()}
    siblings: dict[KeyPath, list[Paragraph]] = defaultdict(list)
    for paragraph in draft.paragraphs():
        siblings[paragraph.field].append(paragraph)
    doomed = {(p.field, p.first_line) for p in paragraphs}
    fixes: list[Fix] = []
    for key, members in siblings.items():
        text = texts[key]
        starts = _line_starts(text)
        run: list[int] = []
        for index, paragraph in enumerate(members):
            if (key, paragraph.first_line) in doomed:
                run.append(index)
                continue
            if run:
                fixes.append(_drop_run(text, starts, members, run))
                run = []
        if run:
            fixes.append(_drop_run(text, starts, members, run))
    return fixes


def _line_starts(text: str) -> list[int]:
    """Offset of every line as ``str.splitlines`` counts them, plus the end of the text."""
    offsets = [0]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    return offsets


def _content_end(text: str, starts: list[int], line: int) -> int:
    """Offset just after the last character of ``line`` that is not a line break."""
    end = starts[line + 1]
    while end > starts[line] and text[end - 1] in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        end -= 1
    return end


def _drop_run(text: str, starts: list[int], members: list[Paragraph], run: list[int]) -> Fix:
    first, last = members[run[0]], members[run[-1]]
    field = first.field
    if run[-1] + 1 < len(members):  # a paragraph follows: remove up to its first line
        return Fix(field, starts[first.first_line], starts[members[run[-1] + 1].first_line])
    end = _content_end(text, starts, last.end_line - 1)
    if run[0] > 0:  # the last paragraphs: remove from the end of the one before
        before = members[run[0] - 1]
        return Fix(field, _content_end(text, starts, before.end_line - 1), end)
    return Fix(field, starts[first.first_line], end)


def apply(draft: Draft, fixes: Iterable[Fix]) -> tuple[Draft, int]:
    """The draft with every fix that does not overlap another applied; and how many were."""
    by_field: dict[KeyPath, list[Fix]] = defaultdict(list)
    for fix in fixes:
        by_field[fix.field].append(fix)
    texts = {key: text for key, text, _ in draft.texts()}
    applied = 0
    changed: dict[KeyPath, str] = {}
    for key, group in by_field.items():
        text = texts.get(key)
        if text is None:
            continue
        limit = len(text)
        for fix in sorted(set(group), key=lambda f: (f.start, f.end), reverse=True):
            if fix.end > limit or fix.start < 0 or fix.end < fix.start:
                continue
            text = text[: fix.start] + fix.replacement + text[fix.end :]
            limit = fix.start
            applied += 1
        changed[key] = text
    return _with_texts(draft, changed), applied


def _with_texts(draft: Draft, changed: dict[KeyPath, str]) -> Draft:
    sections = list(draft.sections)
    intro, closing = draft.intro, draft.closing
    for key, text in changed.items():
        if key[0] == "sections" and isinstance(key[1], int):
            sections[key[1]] = dataclasses.replace(sections[key[1]], body=text)
        elif key == ("intro",):
            intro = text
        elif key == ("closing",):
            closing = text
    return dataclasses.replace(draft, sections=tuple(sections), intro=intro, closing=closing)


def unified_diff(before: str, after: str, shown: str) -> str:
    """A unified diff of a file's text before and after fixing, as ``git diff`` shows it."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{shown}",
        tofile=f"b/{shown}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
