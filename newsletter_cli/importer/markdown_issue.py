"""A Markdown issue (with or without front matter) -> a draft: its intro and its sections.

Markdown is parsed with markdown-it so that headings inside fenced code,
setext headings, lists and link reference definitions are recognised as
the Markdown spec says, not guessed from blank lines. The source text of
each part is kept as written: only where the parts are cut comes from the
parser. Template statements (``{% ... %}``) are kept verbatim; template
variables (``{{ ... }}``) are filled or marked (see ``template_tags``).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsletter_cli.draft.model import Section
from newsletter_cli.errors import display_path
from newsletter_cli.importer.frontmatter import FrontMatterError, split
from newsletter_cli.importer.imported import (
    DATE_FROM_TEXT,
    EMPTY_HEADING,
    TITLE_FROM_HEADING,
    UNDEFINED_LINKS,
    Imported,
    SourceError,
)
from newsletter_cli.importer.metadata import (
    Metadata,
    date_hint,
    fill_from_file_name,
    metadata_from_front_matter,
    to_imported,
)
from newsletter_cli.importer.template_tags import (
    fill_template_variables,
    is_tag_line,
    mask_template_blocks,
)


def import_markdown(text: str, path: Path) -> Imported:
    """A Markdown file (with or without front matter) as a draft."""
    try:
        front = split(text)
    except FrontMatterError as error:
        raise SourceError(
            f"{display_path(path)}:{error.line}:{error.column}: {error.message}"
        ) from error
    meta = Metadata(path)
    metadata_from_front_matter(front.values, meta, front.positions)
    fill_from_file_name(meta)
    body, meta.unfilled = fill_template_variables(front.body, front.values)
    document = _parse_markdown(body)
    if meta.date is None:
        hint, number = _leading_date(document.lines)
        if hint is not None:
            meta.date = hint
            meta.guesses.append(DATE_FROM_TEXT)
            if meta.number is None and number:
                meta.number = number
    intro, sections = _cut(document, meta)
    undefined = sorted(document.undefined)
    if undefined:
        shown = ", ".join(f"[{label}]" for label in undefined[:3])
        more = f" and {len(undefined) - 3} more" if len(undefined) > 3 else ""
        meta.doubt(UNDEFINED_LINKS, f"{shown}{more}")
    return to_imported(meta, intro, sections, "markdown", front.style)


def _leading_date(lines: Sequence[str]) -> tuple[date | None, int | None]:
    for line in lines:
        if line.strip():
            return date_hint(line)
    return None, None


@dataclass(frozen=True)
class _Heading:
    level: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Definition:
    label: str  # normalised, as markdown-it compares labels
    start: int
    end: int
    text: str
    top_level: bool


@dataclass
class _Document:
    lines: list[str]
    headings: list[_Heading]
    definitions: dict[str, _Definition]
    #: Reference labels used but defined nowhere in the file (may come from an include).
    undefined: set[str] = field(default_factory=set)


_BRACKETS = re.compile(r"\[((?:[^\[\]\\]|\\.){1,999})\]")
_REFERENCE_USE = re.compile(r"\[((?:[^\[\]\\]|\\.){1,999})\]\[((?:[^\[\]\\]|\\.){0,999})\]")


# `## News {#news}` (kramdown, Pandoc, Hugo): the id is the site's business, not the heading's
_HEADING_ATTRIBUTES = re.compile(r"(?<!\s)\s*\{:?\s*[#.][^{}]*\}\s*$")  # starts where spaces start


def _parse_markdown(body: str) -> _Document:
    from markdown_it.common.utils import normalizeReference

    from newsletter_cli.text.markdown import parser

    md = parser("structure")
    env: dict[str, Any] = {}
    tokens = md.parse(mask_template_blocks(body), env)
    lines = body.split("\n")
    covered = [False] * (len(lines) + 1)
    headings: list[_Heading] = []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None:
            continue
        start, end = token.map
        for line in range(start, end):
            covered[line] = True
        if token.type == "heading_open":
            inline = tokens[index + 1]
            text = _HEADING_ATTRIBUTES.sub("", inline.content).strip()
            headings.append(_Heading(int(token.tag[1]), start, end, text))
    definitions: dict[str, _Definition] = {}
    for label, reference in env.get("references", {}).items():
        start, end = reference["map"]
        text = textwrap.dedent("\n".join(lines[start:end])).strip()
        top = not any(covered[line] for line in range(start, end))
        definitions[label] = _Definition(label, start, end, text, top)
    document = _Document(lines, headings, definitions)
    # full and collapsed reference links, [text][label] and [label][]; a bare [label] may
    # just be text in brackets, so it never counts as missing
    used: dict[str, str] = {}
    for match in _REFERENCE_USE.finditer(body):
        label = match.group(2) if match.group(2).strip() else match.group(1)
        used.setdefault(normalizeReference(label), " ".join(label.split()))
    document.undefined = {
        shown
        for label, shown in used.items()
        if label and not label.startswith("^") and label not in definitions
    }
    return document


def _labels_in(text: str) -> set[str]:
    from markdown_it.common.utils import normalizeReference

    return {normalizeReference(m.group(1)) for m in _BRACKETS.finditer(text)}


@dataclass
class _Part:
    """A stretch of the source that becomes the intro or one section's body."""

    start: int
    end: int
    heading: str | None = None


def _cut(document: _Document, meta: Metadata) -> tuple[str, list[Section]]:
    """Cut the document at its top-level headings into intro and sections."""
    lines, headings = document.lines, list(document.headings)
    skip: set[int] = set()
    title = _title_heading(document)
    if title is not None:
        if meta.title is None:
            meta.title = title.text
            meta.guesses.append(TITLE_FROM_HEADING)
            headings.remove(title)
            skip.update(range(title.start, title.end))
        elif _same_words(title.text, meta.title):
            headings.remove(title)
            skip.update(range(title.start, title.end))
    parts: list[_Part] = []
    if headings:
        top = section_level(headings)
        cuts = [h for h in headings if h.level <= top]
        parts.append(_Part(0, cuts[0].start))
        for here, after in zip(cuts, [*cuts[1:], None], strict=True):
            parts.append(_Part(here.end, after.start if after else len(lines), here.text))
    else:
        parts.append(_Part(0, len(lines)))

    # A definition used in another part is moved there (copied to every part that uses
    # it), so that each section's body renders on its own; unused ones stay where they are.
    in_definitions = {n for d in document.definitions.values() for n in range(d.start, d.end)}
    texts = [
        "\n".join(lines[n] for n in range(p.start, p.end) if n not in in_definitions) for p in parts
    ]
    uses = [_labels_in(t) & document.definitions.keys() for t in texts]
    home = {label: _part_of(d.start, parts) for label, d in document.definitions.items()}
    moved: set[int] = set()
    starts = {d.start for d in document.definitions.values()}
    for label, definition in document.definitions.items():
        if not definition.top_level:
            continue
        used_by = [i for i, u in enumerate(uses) if label in u]
        if used_by and home[label] not in used_by:
            moved.update(range(definition.start, definition.end))
    bodies: list[str] = []
    for index, part in enumerate(parts):
        kept = _without(lines, part.start, part.end, moved | skip, starts)
        living_here = {
            label for label, h in home.items() if h == index and not _moved(document, label, moved)
        }
        extra = [
            document.definitions[label].text
            for label in sorted(uses[index] - living_here)
            if document.definitions[label].text.startswith("[")  # not one inside a quote
        ]
        body = "\n".join(kept).strip("\n")
        if extra:
            body = f"{body}\n\n" + "\n".join(extra) if body else "\n".join(extra)
        bodies.append(body)
    sections = []
    for part, body in zip(parts[1:], bodies[1:], strict=True):
        heading = part.heading or ""
        if not heading:
            heading = "(untitled)"
            meta.doubt(EMPTY_HEADING, "a heading without text became '(untitled)'")
        sections.append(Section(heading=heading, body=body))
    return bodies[0], sections


def section_level(headings: Sequence[_Heading]) -> int:
    """The heading level the document's sections use: the highest level that heads two or
    more parts. A lone heading above it (a "Quote of the Week" `#` among `##` sections) cuts
    the text too, but does not make the other sections its subheadings."""
    counts: dict[int, int] = {}
    for heading in headings:
        counts[heading.level] = counts.get(heading.level, 0) + 1
    repeated = [level for level, count in counts.items() if count >= 2]
    return min(repeated) if repeated else min(counts)


def _moved(document: _Document, label: str, moved: set[int]) -> bool:
    return document.definitions[label].start in moved


def _part_of(line: int, parts: Sequence[_Part]) -> int:
    for index, part in enumerate(parts):
        if part.start <= line < part.end:
            return index
    return -1


def _without(
    lines: Sequence[str], start: int, end: int, drop: set[int], definitions: set[int]
) -> list[str]:
    """Lines ``start:end`` without the dropped ones, not leaving a double blank line behind.

    A link definition right below a line holding only a template tag gets a blank line
    above it: CommonMark would otherwise read it as text of the tag's paragraph.
    """
    kept: list[str] = []
    dropped_since = False
    for number in range(start, end):
        if number in drop:
            dropped_since = True
            continue
        line = lines[number]
        if dropped_since and not line.strip() and (not kept or not kept[-1].strip()):
            continue
        if line.strip():
            dropped_since = False
        if number in definitions and kept and is_tag_line(kept[-1]):
            kept.append("")
        kept.append(line)
    return kept


def _title_heading(document: _Document) -> _Heading | None:
    """The heading that can be the issue's title: the first one, if nothing stands above it
    and it is a level-1 heading or every other heading is below it."""
    headings = document.headings
    if not headings:
        return None
    first = headings[0]
    if any(line.strip() for line in document.lines[: first.start]):
        return None
    if first.level == 1 or all(h.level > first.level for h in headings[1:]):
        return first
    return None


def _same_words(a: str, b: str) -> bool:
    def words(s: str) -> list[str]:
        return re.findall(r"\w+", s.casefold())

    return words(a) == words(b)
