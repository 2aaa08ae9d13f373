"""The newsletter in memory: a draft and its sections. Pure data, no I/O.

Positions in the source file travel with the draft (``SourceMap``) so that
every finding and every error can point at ``path:line:col``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

SectionKind = Literal["article", "event"]
#: How numeric dates are read: day first (15/12/2021) or month first (12/15/2021).
DateOrder = Literal["dmy", "mdy"]
SECTION_KINDS: tuple[SectionKind, ...] = ("article", "event")

#: Dotted key paths, e.g. ``("title",)`` or ``("sections", 2, "body")``.
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Position:
    """1-based line and column in a file."""

    line: int
    column: int


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file, as shown to the person: ``path:line:col``."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class SourceMap:
    """Where keys and text lines of a draft stand in its TOML file.

    ``keys`` maps a key path to the position of the key itself.
    ``text_lines`` maps the key path of a text value (``intro``, ``closing``,
    ``sections.N.body``) to the position of each line of the parsed value.
    """

    keys: Mapping[KeyPath, Position] = field(default_factory=dict)
    text_lines: Mapping[KeyPath, tuple[Position, ...]] = field(default_factory=dict)

    def key(self, path: KeyPath) -> Position:
        """The position of a key, or of its nearest enclosing key, or the top of the file."""
        while path:
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return Position(1, 1)

    def text_line(self, path: KeyPath, index: int) -> Position:
        """The position of line ``index`` (0-based) of a text value."""
        lines = self.text_lines.get(path)
        if lines and 0 <= index < len(lines):
            return lines[index]
        return self.key(path)


@dataclass(frozen=True)
class Section:
    """One section of an issue: an article or an event."""

    heading: str
    body: str = ""
    kind: SectionKind = "article"
    date: datetime.date | None = None
    end_date: datetime.date | None = None
    location: str | None = None
    lint_ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A block of text separated from its neighbours by blank lines."""

    text: str
    #: Key path of the text value it stands in, e.g. ``("sections", 0, "body")``.
    field: KeyPath
    #: 0-based index of its first line inside that text value.
    first_line: int
    #: 0-based index of the line after its last line inside that text value.
    end_line: int
    #: 1-based ordinal among all paragraphs of the issue.
    number: int
    #: 0-based index of the section, or None for intro and closing.
    section: int | None
    location: Location

    @property
    def is_heading(self) -> bool:
        return self.text.lstrip().startswith("#")


@dataclass(frozen=True)
class Draft:
    """One newsletter issue, as written in one TOML file (format v1)."""

    title: str
    date: datetime.date | None = None
    number: int | None = None
    language: str | None = None
    summary: str | None = None
    authors: tuple[str, ...] = ()
    intro: str = ""
    closing: str = ""
    sections: tuple[Section, ...] = ()
    path: Path | None = field(default=None, compare=False)
    source: SourceMap = field(default_factory=SourceMap, compare=False)

    @property
    def display_path(self) -> str:
        from newsletter_cli.errors import display_path

        return display_path(self.path) if self.path else "<draft>"

    def location(self, key: KeyPath) -> Location:
        """Where a key stands in the draft's file."""
        pos = self.source.key(key)
        return Location(self.display_path, pos.line, pos.column)

    def texts(self) -> Iterator[tuple[KeyPath, str, int | None]]:
        """Every Markdown text value in reading order: (key path, text, section index)."""
        if self.intro:
            yield ("intro",), self.intro, None
        for i, section in enumerate(self.sections):
            if section.body:
                yield ("sections", i, "body"), section.body, i
        if self.closing:
            yield ("closing",), self.closing, None

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph of the issue in reading order, with its place in the file."""
        return iter(self.split)

    @cached_property
    def split(self) -> tuple[Paragraph, ...]:
        """The paragraphs as a tuple, split once per draft and shared by all that read them
        (the lint's analysis of the draft, the fixes, the archive index)."""
        return tuple(self._split())

    def _split(self) -> Iterator[Paragraph]:
        number = 0
        shown = self.display_path  # resolving the path once, not once per paragraph
        for key, text, section in self.texts():
            lines = text.splitlines()
            mapped = key in self.source.text_lines
            for first, end, block in split_paragraphs(text):
                number += 1
                pos = self.source.text_line(key, first)
                indent = len(lines[first]) - len(lines[first].lstrip())
                column = pos.column + indent if mapped else pos.column
                yield Paragraph(
                    text=block,
                    field=key,
                    first_line=first,
                    end_line=end,
                    number=number,
                    section=section,
                    location=Location(shown, pos.line, column),
                )

    def word_count(self) -> int:
        return sum(len(text.split()) for _, text, _ in self.texts())


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def split_paragraphs(text: str) -> Iterator[tuple[int, int, str]]:
    """Split Markdown text into blocks at blank lines, keeping fenced code whole.

    Yields (first line index, end line index, block text).
    """
    lines = text.splitlines()
    start: int | None = None
    fence: str | None = None
    fenced = "```" in text or "~~~" in text  # no line can open or close a fence otherwise
    for i, line in enumerate(lines):
        match = _FENCE.match(line) if fenced else None
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            if start is None:
                start = i
            continue
        if line.strip():
            if start is None:
                start = i
        elif start is not None:
            yield start, i, "\n".join(lines[start:i])
            start = None
    if start is not None:
        yield start, len(lines), "\n".join(lines[start:])
