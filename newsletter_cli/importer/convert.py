"""`nl import`: old issues (Markdown with front matter, or plain text) become drafts of format v1.

Markdown is parsed with markdown-it so that headings inside fenced code,
setext headings, lists and link reference definitions are recognised as
the Markdown spec says, not guessed from blank lines. The source text of
each part is kept as written: only where the parts are cut comes from the
parser. Template statements (``{% ... %}``) are kept verbatim; template
variables (``{{ ... }}``) are filled where the file says what they hold, and
the others become code spans, named once in the summary.

Plain text (including text extracted from a PDF) is re-joined: hard-wrapped
lines become paragraphs again (a short title-case line on its own is a
boundary), and a leading line such as "June 2019" becomes the issue's date.

Every guess is recorded on the result so that the summary can say what was
guessed and what needs a look.
"""

from __future__ import annotations

import calendar
import itertools
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from newsletter_cli.draft import fields
from newsletter_cli.draft.fields import brief
from newsletter_cli.draft.model import Draft, Section
from newsletter_cli.draft.readfile import UnreadableFile, read_regular
from newsletter_cli.draft.slug import draft_name as slug_draft_name
from newsletter_cli.draft.slug import slugify
from newsletter_cli.draft.tomlsource import MAX_BYTES, byte_position
from newsletter_cli.errors import ExitCode, NewsletterError, UsageError, display_path
from newsletter_cli.importer.frontmatter import FrontMatterError, Style, split
from newsletter_cli.text.textspans import TEMPLATE_TAG

SourceFormat = Literal["markdown", "text"]
FromOption = Literal["markdown", "text", "auto"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
_BINARY_HINTS: Mapping[str, str] = {
    ".pdf": "a PDF: extract its text first (e.g. `pdftotext -layout FILE`), import the .txt",
    ".docx": "a Word document: save it as plain text or Markdown first",
    ".doc": "a Word document: save it as plain text or Markdown first",
    ".odt": "an OpenDocument file: save it as plain text or Markdown first",
    ".html": "an HTML page: convert it to Markdown first",
    ".htm": "an HTML page: convert it to Markdown first",
}

# -- what a guess or a doubt is called in the summary ---------------------------------

DATE_FROM_FILE_NAME = "date from file name"
DATE_FROM_TEXT = "date from a line of the text"
TITLE_FROM_HEADING = "title from the first heading"
TITLE_FROM_FILE_NAME = "title from file name"
TITLE_FROM_FIRST_LINE = "title from the first line"
NUMBER_FROM_FILE_NAME = "number from file name"
NUMBER_FROM_TITLE = "number from the title"
HEADINGS_FROM_SHORT_LINES = "headings guessed from short lines"

NO_DATE = "no date found"
TEMPLATE_TAGS = "template tags kept verbatim"
UNFILLED_VARIABLES = "template variables not filled"
UNDEFINED_LINKS = "reference links without a definition"
DROPPED_VALUE = "front matter value not usable"


class SourceError(NewsletterError):
    """A file that cannot be imported; the message reads ``path[:line:col]: reason``."""


@dataclass(frozen=True)
class Imported:
    """One source file turned into a draft, with what had to be guessed about it."""

    source: Path
    draft: Draft
    format: SourceFormat
    front_matter: Style = "none"
    guesses: tuple[str, ...] = ()
    #: (kind, detail) pairs: things a person should check.
    doubts: tuple[tuple[str, str], ...] = ()
    #: Front matter keys that have no place in a draft (permalink, layout, ...).
    unused_keys: tuple[str, ...] = ()
    #: Template variables (``{{ site.x }}``) the import could not fill, as written inside the
    #: braces; they stand in the draft as code spans.
    unfilled: tuple[str, ...] = ()
    #: ``path:line:col: reason`` for what is wrong in the source although a draft was made
    #: (a date that is not a real date): the import of this file exits with 3.
    problems: tuple[str, ...] = ()
    #: Where the draft's date came from when the source's own date could not be used; written
    #: into the draft as a TOML comment above ``date``.
    date_note: str | None = None


# -- reading a file -------------------------------------------------------------------


def read_source(path: Path) -> str:
    """The file's text with line endings normalised; ``SourceError`` if it is not text."""
    shown = display_path(path)
    hint = _BINARY_HINTS.get(path.suffix.lower())
    if hint:
        raise SourceError(f"{shown}: {hint}")
    try:
        # at most the limit: the draft it makes would be refused by every other command
        data = read_regular(path, MAX_BYTES, "issue to import")
    except UnreadableFile as error:
        raise SourceError(f"{shown}: {error.reason}") from error
    if data.startswith(b"%PDF"):
        raise SourceError(f"{shown}: {_BINARY_HINTS['.pdf']}")
    if b"\x00" in data[:8192]:
        raise SourceError(f"{shown}: not a text file (it holds binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        raise SourceError(
            f"{shown}:{line}:{column}: not UTF-8 text (byte 0x{data[error.start]:02X}); "
            "save the file as UTF-8 and import it again"
        ) from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(f"{shown}: the file is empty")
    return text


def detect_format(path: Path, text: str) -> SourceFormat:
    """Markdown by suffix, or by content when the suffix says nothing."""
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text[:4000]
    if head.startswith(("---\n", "+++\n")) or re.search(
        r"(?m)^#{1,6} \S|^\[[^\]]+\]: \S|^```", head
    ):
        return "markdown"
    return "text"


def import_file(path: Path, source_format: FromOption = "auto") -> Imported:
    """Read one file and turn it into a draft; ``SourceError`` when that is impossible."""
    text = read_source(path)
    chosen = detect_format(path, text) if source_format == "auto" else source_format
    if chosen == "markdown":
        return import_markdown(text, path)
    return import_text(text, path)


# -- dates, numbers and titles from wherever they can be found --------------------------

_MONTHS: Mapping[str, int] = {
    **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
    **{name.lower(): i for i, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_TEXT = [
    re.compile(rf"^{_YEAR}-(?P<mnum>\d{{1,2}})-{_DAY}$"),
    re.compile(rf"^(?:{_DAY}\s+)?{_MONTH},?\s+{_YEAR}$", re.IGNORECASE),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$", re.IGNORECASE),
]
_ISSUE_PREFIX = re.compile(
    r"^(?:(?P<before>.*?)\b(?:issue|no\.?|number|nr\.?|vol(?:ume)?\.?\s*\d+\s*,?\s*no\.?)\s*#?\s*(?P<number>\d+)"
    r"\s*[-\u2013\u2014,:|\u00b7\u2022/]*\s*)",
    re.IGNORECASE,
)
_FILE_DATE = re.compile(r"(?<!\d)(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)")
_FILE_NUMBER = re.compile(
    r"(?:^|[-_ .])(?:issue|number|no|nr|num|n)[-_ .]?(\d+)(?!\d)", re.IGNORECASE
)
_TITLE_NUMBER = re.compile(r"(?:#|\b(?:issue|no\.|number|nr\.)\s*#?)\s*(\d+)\b", re.IGNORECASE)


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_hint(line: str) -> tuple[date | None, int | None]:
    """A date (and issue number) from a line like "June 2019" or "Issue 12 - 5 June 2019"."""
    text = line.strip().strip("*_#").strip()
    number: int | None = None
    prefix = _ISSUE_PREFIX.match(text)
    if prefix:
        number = int(prefix.group("number"))
        text = text[prefix.end() :].strip()
    for pattern in _DATE_TEXT:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
        day = int(groups["day"]) if groups.get("day") else 1
        return _real_date(int(groups["year"]), month, day), number
    return None, None


#: Where a masthead line may change from the name to the date: "RIVER VOICES    Issue 12 - June
#: 2019", "River Voices, June 2019", "River Voices | No. 3 | May 2018".
_HEAD_SPLIT = re.compile(r"\s{2,}|\s*[,|\u00b7\u2022]\s*|\s+[-\u2013\u2014]\s+")


def masthead(line: str) -> tuple[str, date | None, int | None]:
    """(name, date, number) of a first line that holds a date, with or without a name before it.

    "Issue 12 - June 2019" gives ("", 2019-06-01, 12); "River Voices - June 2019" gives
    ("River Voices", 2019-06-01, None); a line without a date gives ("", None, None).
    """
    hint, number = date_hint(line)
    if hint is not None:
        prefix = _ISSUE_PREFIX.match(line.strip().strip("*_#").strip())
        name = prefix.group("before") if prefix else ""
        return _HEAD_SPLIT.sub(" ", name).strip(" -\u2013\u2014,|"), hint, number
    text = line.strip()
    for separator in _HEAD_SPLIT.finditer(text):
        hint, number = date_hint(text[separator.end() :])
        if hint is not None:
            return text[: separator.start()].strip(), hint, number
    return "", None, None


def date_from_value(value: Any) -> date | None:
    """A date from a front matter value: a YAML/TOML date or datetime, or text starting with one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
        if match:
            return _real_date(*(int(g) for g in match.groups()))
        return date_hint(value)[0]
    return None


def date_from_file_name(path: Path) -> date | None:
    match = _FILE_DATE.search(path.stem)
    return _real_date(*(int(g) for g in match.groups())) if match else None


def number_from_file_name(path: Path) -> int | None:
    stem = _FILE_DATE.sub("", path.stem)
    match = _FILE_NUMBER.search(stem)
    return int(match.group(1)) if match else None


def title_from_file_name(path: Path) -> str:
    words = re.sub(r"[-_.]+", " ", _FILE_DATE.sub("", path.stem)).strip()
    return words[:1].upper() + words[1:] if words else path.stem


# -- front matter values -> draft fields ------------------------------------------------


@dataclass
class _Meta:
    """What a file says about itself, and what had to be guessed."""

    path: Path
    title: str | None = None
    date: date | None = None
    number: int | None = None
    language: str | None = None
    summary: str | None = None
    authors: tuple[str, ...] = ()
    guesses: list[str] = field(default_factory=list)
    doubts: list[tuple[str, str]] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    #: A front matter date that is not a real date: (line, column, value as written, reason).
    unreal_date: tuple[int, int, str, str] | None = None
    unfilled: list[str] = field(default_factory=list)

    def doubt(self, kind: str, detail: str) -> None:
        self.doubts.append((kind, detail))


_USED_KEYS = frozenset(
    {
        "title",
        "date",
        "number",
        "issue",
        "lang",
        "language",
        "summary",
        "excerpt",
        "description",
        "author",
        "authors",
    }
)


def _text_value(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _unreal_date(value: Any) -> str | None:
    """Why a value written as a date (``2022-02-29``) is not a real one; None for any other."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)", value)
    if not match:
        return None
    try:
        date(*(int(g) for g in match.groups()))
    except ValueError as error:
        return str(error)
    return None


def _meta_from_front_matter(
    values: Mapping[str, Any], meta: _Meta, positions: Mapping[str, tuple[int, int]]
) -> None:
    meta.title = _text_value(values.get("title"))
    if "date" in values:
        meta.date = date_from_value(values["date"])
        reason = _unreal_date(values["date"]) if meta.date is None else None
        if reason is not None:
            line, column = positions.get("date", (1, 1))
            meta.unreal_date = (line, column, values["date"].strip(), reason)
        elif meta.date is None:
            meta.doubt(DROPPED_VALUE, f"date {brief(values['date'])} is not a date")
    for key in ("number", "issue"):
        if key in values:
            try:
                meta.number = fields.parse_number(values[key])
                break
            except ValueError as reason:
                meta.doubt(DROPPED_VALUE, f"{key}: {reason}")
    for key in ("lang", "language"):
        if key in values:
            try:
                meta.language = fields.parse_language(values[key])
                break
            except ValueError as reason:
                meta.doubt(DROPPED_VALUE, f"{key}: {reason}")
    for key in ("summary", "excerpt", "description"):
        summary = _text_value(values.get(key))
        if summary:
            meta.summary = summary
            break
    authors = values.get("authors", values.get("author"))
    if isinstance(authors, str):
        meta.authors = tuple(a.strip() for a in re.split(r"\s*[,;]\s*", authors) if a.strip())
    elif isinstance(authors, list):
        names = [(author, _text_value(author)) for author in authors]
        meta.authors = tuple(name for _, name in names if name)
        for author, name in names:
            if name is None and author is not None:
                meta.doubt(DROPPED_VALUE, f"authors: {brief(author)} is not a name")
    meta.unused = sorted(k for k in values if k not in _USED_KEYS)


def _fill_from_file_name(meta: _Meta) -> None:
    if meta.date is None:
        meta.date = date_from_file_name(meta.path)
        if meta.date is not None:
            meta.guesses.append(DATE_FROM_FILE_NAME)
    if meta.number is None:
        meta.number = number_from_file_name(meta.path)
        if meta.number is not None and meta.number >= 1:
            meta.guesses.append(NUMBER_FROM_FILE_NAME)
        else:
            meta.number = None


def _finish(
    meta: _Meta, intro: str, sections: Sequence[Section], fmt: SourceFormat, style: Style
) -> Imported:
    if meta.title is None:
        meta.title = title_from_file_name(meta.path)
        meta.guesses.append(TITLE_FROM_FILE_NAME)
    if meta.number is None:
        match = _TITLE_NUMBER.search(meta.title)
        if match and int(match.group(1)) >= 1:
            meta.number = int(match.group(1))
            meta.guesses.append(NUMBER_FROM_TITLE)
    if meta.date is None:
        meta.doubt(NO_DATE, "add `date = YYYY-MM-DD` to the draft")
    texts = [intro, *(s.body for s in sections), *(s.heading for s in sections)]
    tags = sum(len(TEMPLATE_TAG.findall(t)) for t in texts)
    if tags:
        meta.doubt(
            TEMPLATE_TAGS, f"{tags} template tag{'s' if tags != 1 else ''} such as {{% ... %}}"
        )
    draft = Draft(
        title=meta.title,
        date=meta.date,
        number=meta.number,
        language=meta.language,
        summary=meta.summary,
        authors=meta.authors,
        intro=intro,
        sections=tuple(sections),
    )
    problems: tuple[str, ...] = ()
    note: str | None = None
    if meta.unreal_date is not None:
        line, column, written, reason = meta.unreal_date
        if DATE_FROM_FILE_NAME in meta.guesses:
            source, note = "the draft's date is taken from the file name", "from the file name"
        elif DATE_FROM_TEXT in meta.guesses:
            source, note = "the draft's date is taken from a line of the text", "from the text"
        else:
            source, note = "the draft has no date", "none"
        problems = (
            f"{display_path(meta.path)}:{line}:{column}: date {brief(written)} is not a real "
            f"date ({reason}); {source}",
        )
        note = f"{note}; the source's date {brief(written)} (line {line}) is not a real date"
    return Imported(
        unfilled=tuple(meta.unfilled),
        problems=problems,
        date_note=note,
        source=meta.path,
        draft=draft,
        format=fmt,
        front_matter=style,
        guesses=tuple(meta.guesses),
        doubts=tuple(meta.doubts),
        unused_keys=tuple(meta.unused),
    )


# -- Markdown ---------------------------------------------------------------------------


def import_markdown(text: str, path: Path) -> Imported:
    """A Markdown file (with or without front matter) as a draft."""
    try:
        front = split(text)
    except FrontMatterError as error:
        raise SourceError(
            f"{display_path(path)}:{error.line}:{error.column}: {error.message}"
        ) from error
    meta = _Meta(path)
    _meta_from_front_matter(front.values, meta, front.positions)
    _fill_from_file_name(meta)
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
    return _finish(meta, intro, sections, "markdown", front.style)


# -- template variables of the source site ---------------------------------------------

#: ``{{ expression }}`` on one line, not a Hugo shortcode (``{{< >}}``, ``{{% %}}``).
#: The expression is what stands between the spaces (and a closing "-"), read in one pass: a run
#: of spaces is taken only before more of it (".*?" between two runs of spaces was cubic).
_VARIABLE = re.compile(
    r"\{\{-?(?![<%])[ \t]*+((?:[^{}\n \t-]|-(?!\}\})|[ \t]++(?=[^{}\n \t-]|-(?!\}\})))*+)"
    r"[ \t]*+-?\}\}"
)
#: ``{% assign name = "text" %}`` or ``{% capture name %}text{% endcapture %}`` on one line: a
#: variable the page sets to a fixed text.
_ASSIGN = re.compile(
    r"\{%-?[ \t]*assign[ \t]+([\w-]+)[ \t]*=[ \t]*(?:\"([^\"\n]*)\"|'([^'\n]*)')[ \t]*-?%\}"
    r"|\{%-?[ \t]*capture[ \t]+([\w-]+)[ \t]*-?%\}([^{}\n]*)\{%-?[ \t]*endcapture[ \t]*-?%\}"
)
#: The site's address before a path: removed, which leaves the link relative to the site.
_SITE_ADDRESS = re.compile(r"(?:site\.url|site\.baseurl|site\.github\.url)")


def fill_template_variables(body: str, values: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The body with the template variables filled where their value is known, and the
    expressions of those that are not.

    ``{{ page.key }}`` takes the front matter's value; a variable the page sets with
    ``{% assign name = "text" %}`` takes that text; ``{{ site.url }}`` or
    ``{{ site.baseurl }}`` before a path is removed (the link becomes relative to the site).
    The statement that set a variable the import filled is removed, as the site showed
    nothing for it. Any other variable in the prose becomes a code span, so that a reader
    sees it is the site's and not a word of the text; in code, link targets and HTML it is
    left as it is.
    Template blocks (``{% raw %}``, ``{% comment %}``) are not touched.
    """
    if "{{" not in body:
        return body, []
    from newsletter_cli.text.textspans import FILL, mask

    assigned: dict[str, str | None] = {}
    for match in _ASSIGN.finditer(body):
        name = match.group(1) or match.group(4)
        text = next(g for g in (match.group(2), match.group(3), match.group(5)) if g is not None)
        assigned[name] = text if assigned.get(name, text) == text else None  # set twice: unsure
    blocks = [m.span() for m in _TEMPLATE_BLOCK.finditer(body)] if "{%" in body else []
    hidden = mask(body)
    unfilled: list[str] = []
    filled: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in blocks):
            return match.group(0)
        expression = match.group(1)
        value = _variable_value(expression, values, assigned)
        if value is None and _SITE_ADDRESS.fullmatch(expression):
            following = body[match.end() : match.end() + 1]
            if following == "/" or following == "{":
                return ""
        if value is not None:
            filled.add(expression)
            return value
        unfilled.append(expression)
        if hidden[match.start()] == FILL or "`" in match.group(0):
            return match.group(0)
        return f"`{match.group(0)}`"

    body = _VARIABLE.sub(fill, body)
    if filled:  # the statement that set a filled variable showed nothing on the site
        body = _ASSIGN.sub(lambda m: "" if (m.group(1) or m.group(4)) in filled else m[0], body)
    return body, unfilled


def _variable_value(
    expression: str, values: Mapping[str, Any], assigned: Mapping[str, str | None]
) -> str | None:
    if expression.startswith("page.") and "|" not in expression:
        value = values.get(expression.removeprefix("page.").lower())
        return _text_value(value) if not isinstance(value, bool) else None
    return assigned.get(expression)


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


# Template blocks whose content is not Markdown of this page (comments, raw code):
# a `#` line inside them is not a heading.
# The opening tag ends at its first %}, and the block at the next opening of a block: an
# unclosed "{% raw %}" repeated took cubic time (".*?" over every later "%}" and to the end).
_TEMPLATE_BLOCK = re.compile(
    r"\{%-?\s*(comment|raw|highlight|capture)\b(?:(?!\{%|%\}).)*%\}"
    r"(?:(?!\{%-?\s*(?:comment|raw|highlight|capture)\b).)*?\{%-?\s*end\1\s*-?%\}",
    re.DOTALL,
)
_BRACKETS = re.compile(r"\[((?:[^\[\]\\]|\\.){1,999})\]")
_REFERENCE_USE = re.compile(r"\[((?:[^\[\]\\]|\\.){1,999})\]\[((?:[^\[\]\\]|\\.){0,999})\]")


# `## News {#news}` (kramdown, Pandoc, Hugo): the id is the site's business, not the heading's
_HEADING_ATTRIBUTES = re.compile(r"(?<!\s)\s*\{:?\s*[#.][^{}]*\}\s*$")  # starts where spaces start
_STANDALONE_TAG = re.compile(r"^\s*(?:\{%.*?%\}|\{\{.*?\}\})\s*$")


def _mask_template_blocks(text: str) -> str:
    """The text as the parser should see it: template blocks become placeholder lines (one
    plain paragraph), a line holding only a tag becomes blank (as the site generator's
    Markdown engine sees it, so that link definitions below it count as definitions)."""

    def mask(match: re.Match[str]) -> str:
        return "\n".join("template" for _ in match.group(0).split("\n"))

    masked = _TEMPLATE_BLOCK.sub(mask, text).split("\n")
    return "\n".join("" if _STANDALONE_TAG.match(line) else line for line in masked)


def _parse_markdown(body: str) -> _Document:
    from markdown_it.common.utils import normalizeReference

    from newsletter_cli.text.markdown import parser

    md = parser("structure")
    env: dict[str, Any] = {}
    tokens = md.parse(_mask_template_blocks(body), env)
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


def _cut(document: _Document, meta: _Meta) -> tuple[str, list[Section]]:
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
            meta.doubt("empty heading", "a heading without text became '(untitled)'")
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
        if number in definitions and kept and _STANDALONE_TAG.match(kept[-1]):
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


# -- plain text -------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u25aa\u25e6\u2023\u2013]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*$")
_SALUTATION = re.compile(r"^(?:dear|hello|hi|greetings|to)\b[^.!?]{0,40},$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?\s*$", re.IGNORECASE)


def import_text(text: str, path: Path) -> Imported:
    """Plain text as a draft: paragraphs re-joined, a leading date line used as the date."""
    meta = _Meta(path)
    _fill_from_file_name(meta)
    blocks = _text_blocks(text)
    _take_head(blocks, meta)
    paragraphs = _rejoin(blocks)
    intro: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if (
            "\n" not in paragraph
            and _looks_like_heading(paragraph)
            and following is not None
            and not _looks_like_heading(following)
        ):
            sections.append((paragraph.strip().rstrip(":"), []))
        elif sections:
            sections[-1][1].append(paragraph)
        else:
            intro.append(paragraph)
    if sections:
        meta.guesses.append(HEADINGS_FROM_SHORT_LINES)
    built = [Section(heading=h, body="\n\n".join(body)) for h, body in sections]
    return _finish(meta, "\n\n".join(intro), built, "text", "none")


def _take_head(blocks: list[list[str]], meta: _Meta) -> None:
    """The head of the letter: a title line and a date line ("June 2019"), in either order.

    A word or two above the dateline ("Subscribe!") does not hide it: that line is kept as
    the first paragraph of the text.
    """
    aside = _above_dateline(blocks)
    _read_head(blocks, meta)
    if aside is not None:
        blocks.insert(0, [aside])


def _above_dateline(blocks: list[list[str]]) -> str | None:
    """A short first line that is neither a date nor a title, taken out when a dateline
    follows it."""
    if not blocks:
        return None
    line = blocks[0][0]
    following = blocks[0][1] if len(blocks[0]) > 1 else blocks[1][0] if len(blocks) > 1 else ""
    if (
        len(line.split()) <= 3
        and len(line.strip()) <= 30
        and not _looks_like_heading(line)
        and masthead(line)[1] is None
        and masthead(following)[1] is not None
    ):
        blocks[0].pop(0)
        if not blocks[0]:
            blocks.pop(0)
        return line.strip()
    return None


def _read_head(blocks: list[list[str]], meta: _Meta) -> None:
    for _ in range(3):
        if not blocks:
            return
        line = blocks[0][0]
        name, hint, number = masthead(line)
        if hint is not None and (meta.date is None or DATE_FROM_FILE_NAME in meta.guesses):
            if meta.date is not None:
                meta.guesses.remove(DATE_FROM_FILE_NAME)
            meta.date = hint
            meta.guesses.append(DATE_FROM_TEXT)
            if number and meta.number is None:
                meta.number = number
            if name and meta.title is None and _looks_like_heading(name):
                meta.title = name  # "RIVER VOICES    Issue 12 - June 2019"
                meta.guesses.append(TITLE_FROM_FIRST_LINE)
        elif (
            meta.title is None
            and _looks_like_heading(line)
            and (len(blocks[0]) > 1 or len(blocks) > 1)
        ):
            meta.title = line.strip()
            meta.guesses.append(TITLE_FROM_FIRST_LINE)
        else:
            return
        blocks[0].pop(0)
        if not blocks[0]:
            blocks.pop(0)


def _text_blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines, without page numbers and running headers or footers."""
    pages = [page.split("\n") for page in text.split("\f")]
    running = _running_lines(pages) if len(pages) > 1 else set()
    blocks: list[list[str]] = []
    current: list[str] = []
    for page in pages:  # a paragraph may go on over a page break: pages do not end blocks
        for raw in page:
            line = raw.rstrip()
            if not line.strip() or _PAGE_NUMBER.match(line) or _page_key(line) in running:
                if current and not line.strip():
                    blocks.append(current)
                    current = []
                continue
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _page_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _running_lines(pages: Sequence[list[str]]) -> set[str]:
    """Lines that stand at the top or bottom of several pages: running headers and footers."""
    seen: dict[str, int] = {}
    for page in pages:
        filled = [line for line in page if line.strip()]
        for key in {_page_key(line) for line in filled[:2] + filled[-2:]}:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count >= 2}


def _looks_like_heading(line: str) -> bool:
    text = line.strip()
    return (
        0 < len(text) <= 60
        and not _SENTENCE_END.search(text.rstrip(":") if text.endswith(":") else text)
        and not _BULLET.match(text)
        and not text.endswith(",")
        and len(text.split()) <= 10
    )


def _rejoin(blocks: Iterable[list[str]]) -> list[str]:
    """Hard-wrapped lines back into paragraphs; list items stay one per line."""
    all_lines = [line for block in blocks for line in block]
    widths = sorted(len(line.strip()) for line in all_lines)
    width = widths[int(len(widths) * 0.9)] if widths else 0
    short = max(20, int(width * 0.75))
    paragraphs: list[str] = []
    for block in blocks:
        items = _block_items(block, short, width)
        if any(_BULLET.match(item) for item in items):
            paragraphs.append("\n".join(_escape_text(i, list_item=True) for i in items))
        else:
            paragraphs.extend(_escape_text(i) for i in items)
    return paragraphs


def _block_items(block: Sequence[str], short: int, width: int) -> list[str]:
    """One block's lines as paragraphs or list items: a short line ending a sentence, followed
    by a line starting one, ends a paragraph; a bullet starts an item. Lines of ``width``
    were wrapped; a shorter one ended where its writer ended it (see ``_join``)."""
    items: list[list[str]] = []
    #: Lines that stand alone as a boundary (see ``_is_boundary``): the next line starts anew.
    boundaries: set[int] = set()
    for index, raw in enumerate(block):
        line = raw.strip()
        previous = block[index - 1].strip() if index else ""
        bullet = _BULLET.match(line)
        if bullet:
            marker = bullet.group(0).strip()
            marker = f"{marker} " if marker[0].isdigit() else "- "
            items.append([marker + line[bullet.end() :]])
            continue
        if index and _is_boundary(block, index, short, width):
            boundaries.add(index)
            items.append([line])
            continue
        if index - 1 in boundaries:
            items.append([line])
            continue
        ends_sentence = bool(previous) and bool(_SENTENCE_END.search(previous))
        starts_one = line[:1].isupper() or line[:1].isdigit()
        after_break = (
            bool(items)
            and len(items[-1]) == 1
            and previous[:1].isupper()
            and len(previous) < short
            and (_looks_like_heading(previous) or _SALUTATION.match(previous) is not None)
            and (
                index < 2
                or _SENTENCE_END.search(block[index - 2].strip()) is not None
                or index - 2 in boundaries
            )
            # prose follows; a last short line with no full stop is an address's next line
            and (index < len(block) - 1 or _SENTENCE_END.search(line) is not None)
        )
        if (
            not items
            or (ends_sentence and len(previous) < short and starts_one)
            or (after_break and starts_one)
        ):
            items.append([line])
        else:
            items[-1].append(line)
    return [_join(item, short if not _LIST_ITEM.match(item[0]) else 0, width) for item in items]


#: Words a title-case line may keep in lower case ("Notes from the Field").
_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "de",
        "for",
        "from",
        "in",
        "la",
        "le",
        "of",
        "on",
        "or",
        "the",
        "to",
        "via",
        "von",
        "with",
    ]
)


def _is_title_case(line: str) -> bool:
    """A short line of capitalised words (or numbers): "June 2019", "News from the Mill"."""
    words = line.split()
    return (
        0 < len(words) <= 6
        and len(line) <= 40
        and not _SENTENCE_END.search(line)
        and not line.endswith(",")
        and any(word[:1].isupper() for word in words)
        and all(
            word[:1].isupper() or word[:1].isdigit() or (n and word in _MINOR_WORDS)
            for n, word in enumerate(words)
        )
    )


def _is_boundary(block: Sequence[str], index: int, short: int, width: int) -> bool:
    """A short title-case line between two paragraphs ("June 2019" between the end of one
    letter and "Dear friends," of the next) ends the paragraph above it, even where that
    one's last sentence was cut: it was put on its own line by hand (its first word would
    have fitted on the line above), and what follows starts anew."""
    line, previous = block[index].strip(), block[index - 1].strip()
    if index + 1 >= len(block):  # the last line of a block: a blank line follows anyway
        return False
    following = block[index + 1].strip()
    return (
        _is_title_case(line)
        and len(line) < short
        and not _is_title_case(previous)  # the lines of an address
        and len(previous) + 1 + len(line.split()[0]) <= width
        and (following[:1].isupper() or following[:1].isdigit())
    )


#: A list item as ``_block_items`` writes it: its continuation lines are always wrapped.
_LIST_ITEM = re.compile(r"^(?:- |\d+[.)] )")
_WORDS = re.compile(r"\w")


def _join(lines: Sequence[str], short: int, width: int) -> str:
    """The lines of one paragraph as one, except where a line was ended by hand.

    A wrapped line ends because the next word did not fit; a line shorter than ``short``
    after which the next word would have fitted was ended on purpose (a sign-off over two
    lines, an address), so the break is kept as a Markdown hard break: a backslash at the
    end of the line.
    """
    text = lines[0]
    for previous, line in itertools.pairwise(lines):
        first_word = len(line.split(maxsplit=1)[0])
        if (
            len(previous) < short
            and len(previous) + 1 + first_word <= width
            and _WORDS.search(line)  # not an underline (=====)
        ):
            text += "\\\n" + line
        elif re.search(r"\w[\u2010\u00ad]$", text) and line[:1].islower():
            text = text[:-1] + line  # a typesetter's hyphenation: the word was whole
        elif re.search(r"\w-$", text) and line[:1].islower():
            text += line  # keep a typed hyphen (well-known), drop the break
        else:
            text += " " + line
    return text


def _escape_text(paragraph: str, list_item: bool = False) -> str:
    """Plain text that Markdown would misread (a leading `#` or `>`) gets a backslash."""
    if not list_item and paragraph[:1] in ("#", ">", "+", "="):
        return "\\" + paragraph
    return paragraph


# -- many files ---------------------------------------------------------------------------

IGNORED_SUFFIXES = frozenset(
    {
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".svg",
        ".webp",
        ".ico",
        ".css",
        ".js",
        ".json",
        ".xml",
        ".yml",
        ".yaml",
        ".toml",
        ".lock",
        ".zip",
        ".gz",
    }
)


def collect(sources: Sequence[Path]) -> tuple[list[Path], list[Path], list[str]]:
    """Files to import: (files, ignored files in folders, sources that do not exist)."""
    files: list[Path] = []
    ignored: list[Path] = []
    missing: list[str] = []
    for source in sources:
        if source.is_dir():
            for path in sorted(_walk(source)):
                if path.suffix.lower() in IGNORED_SUFFIXES:
                    ignored.append(path)
                else:
                    files.append(path)
        elif source.exists():
            files.append(source)  # read_source says why a FIFO or a device is refused
        else:
            missing.append(f"{display_path(source)}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, ignored, missing


def _walk(folder: Path) -> Iterator[Path]:
    for path in folder.iterdir():
        if path.name.startswith("."):
            continue
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path


#: A date (or a year, or a year and month) leading a slug: "2019-06-05-", "2019-06-", "2016-5-20-".
_LEADING_DATE = re.compile(r"^\d{4}(?:-\d{1,2}){0,2}(?!\d)(?:-|$)")


def draft_name(imported: Imported) -> str:
    """The draft's file name: the source's name as a slug, led by the issue date (once)."""
    slug = slugify(imported.source.stem)
    when = imported.draft.date
    if when is None:
        return f"{slug}.toml"
    rest = _LEADING_DATE.sub("", slug)
    return f"{slug_draft_name(when, rest) if rest else when.isoformat()}.toml"


@dataclass
class ImportReport:
    """What a batch import did, for the summary and the exit code."""

    files_read: int = 0
    written: list[tuple[Path, Imported]] = field(default_factory=list)
    #: ``path[:line:col]: reason`` for every file that could not be imported.
    failed: list[str] = field(default_factory=list)
    #: ``path:line:col: reason`` for what was wrong in a file that was imported all the same.
    problems: list[str] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)
    interrupted: bool = False

    def exit_code(self) -> ExitCode:
        """3 when a file could not be imported or had an error, 1 when one was not
        overwritten, else 0."""
        if self.failed or self.problems:
            return ExitCode.UNUSABLE
        if self.existing:
            return ExitCode.PROBLEMS
        return ExitCode.OK

    def guesses(self) -> dict[str, list[Path]]:
        found: dict[str, list[Path]] = {}
        for target, imported in self.written:
            for guess in imported.guesses:
                found.setdefault(guess, []).append(target)
        return found

    def doubts(self) -> dict[str, list[tuple[Path, str]]]:
        found: dict[str, list[tuple[Path, str]]] = {}
        for target, imported in self.written:
            for kind, detail in imported.doubts:
                found.setdefault(kind, []).append((target, detail))
        return found

    def unfilled(self) -> tuple[int, dict[str, int]]:
        """How many drafts hold template variables not filled, and how often each one."""
        counts: dict[str, int] = {}
        files = 0
        for _, imported in self.written:
            files += bool(imported.unfilled)
            for expression in imported.unfilled:
                counts[expression] = counts.get(expression, 0) + 1
        return files, counts

    def unused_keys(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, imported in self.written:
            for key in imported.unused_keys:
                counts[key] = counts.get(key, 0) + 1
        return counts


def run_import(
    sources: Sequence[Path],
    out_dir: Path,
    *,
    source_format: FromOption = "auto",
    force: bool = False,
    on_progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import every source into ``out_dir`` in date order; one bad file never stops the batch.

    A Ctrl-C stops between two files (each draft is written atomically) and
    the report says so; the caller re-raises it after showing the summary.
    """
    if out_dir.exists() and not out_dir.is_dir():  # said before reading a thousand files
        raise UsageError(f"-o {display_path(out_dir)}: is a file, not a folder")
    report = ImportReport()
    files, report.ignored, report.failed = collect(sources)
    imported: list[Imported] = []
    try:
        for path in files:
            report.files_read += 1
            try:
                item = import_file(path, source_format)
                imported.append(item)
                report.problems.extend(item.problems)
            except SourceError as error:
                report.failed.append(error.message)
            if on_progress:
                on_progress(path.name)
        imported.sort(key=lambda i: (i.draft.date or date.max, str(i.source)))
        try:
            if imported:  # a batch that failed whole leaves no empty folder behind
                out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SourceError(
                f"{display_path(out_dir)}: cannot create the folder: {error.strerror}"
            ) from error
        taken: set[str] = set()
        for item in imported:
            target = out_dir / _unique(draft_name(item), taken)
            # a link, even a broken one, is a name in use: never written through unasked
            if (target.exists() or target.is_symlink()) and not force:
                report.existing.append(target)
            else:
                _save(item, target)
                report.written.append((target, item))
            if on_progress:
                on_progress(target.name)
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _save(item: Imported, target: Path) -> None:
    """Write the draft; a date note goes in as a TOML comment right above ``date``."""
    from newsletter_cli.atomic import write_atomic
    from newsletter_cli.draft import storage

    draft = replace(item.draft, path=None)
    if item.date_note is None:
        storage.save(draft, target)
        return
    lines = storage.dumps(draft).split("\n")
    at = next(
        (n for n, line in enumerate(lines) if line.startswith("date = ")),
        next(n for n, line in enumerate(lines) if line and not line.startswith("#")),
    )
    lines.insert(at, f"# date: {item.date_note}")
    write_atomic(target, "\n".join(lines).encode("utf-8"))


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = name.removesuffix(".toml"), ".toml"
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{stem}-{n}{suffix}"
        n += 1
    taken.add(candidate)
    return candidate


def import_command(
    sources: Sequence[Path],
    out_dir: Path,
    *,
    source_format: FromOption = "auto",
    force: bool = False,
) -> ImportReport:
    """`nl import`: run the import with a progress bar on a terminal, then show the summary.

    On Ctrl-C the summary of what was done is shown, then the interrupt goes on to the
    command line's error boundary (exit 130).
    """
    from newsletter_cli import console

    files, _, _ = collect(sources)
    with console.progress(2 * len(files), "Importing") as advance:
        report = run_import(
            sources, out_dir, source_format=source_format, force=force, on_progress=advance
        )
    show_report(report, out_dir)
    if report.interrupted:
        raise KeyboardInterrupt
    return report


def show_report(report: ImportReport, out_dir: Path) -> None:
    """Failures as ``path: reason`` lines, then the summary table, on stderr."""
    from newsletter_cli import console

    if report.failed or report.problems:
        console.error([*report.failed, *report.problems])
    if not report.files_read and not report.failed:
        console.warning("no files to import (hidden files and images are skipped)")
    for target in report.existing:
        console.warning(f"{display_path(target)}: exists, not overwritten (--force replaces it)")
    rows: list[tuple[str, str, str]] = [
        ("files read", str(report.files_read), ""),
        ("drafts written", str(len(report.written)), display_path(out_dir)),
    ]
    if report.failed:
        rows.append(("not imported", str(len(report.failed)), "see the errors above"))
    if report.problems:
        rows.append(("imported with an error", str(len(report.problems)), "see the errors above"))
    if report.existing:
        rows.append(("not overwritten", str(len(report.existing)), "use --force to replace"))
    if report.ignored:
        rows.append(("ignored (not text)", str(len(report.ignored)), _examples(report.ignored)))
    for guess, targets in sorted(report.guesses().items()):
        rows.append((f"guessed: {guess}", str(len(targets)), _examples(targets)))
    for kind, items in sorted(report.doubts().items()):
        detail = f"{items[0][0].name}: {items[0][1]}"
        more = f" (+{len(items) - 1} more)" if len(items) > 1 else ""
        rows.append((f"needs a look: {kind}", str(len(items)), detail + more))
    files, unfilled = report.unfilled()
    if unfilled:
        ranked = sorted(unfilled.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ", ".join(f"{brief(k)} ({n})" for k, n in ranked[:5])
        more = f" and {len(ranked) - 5} more" if len(ranked) > 5 else ""
        rows.append((f"needs a look: {UNFILLED_VARIABLES}", str(files), shown + more))
    unused = report.unused_keys()
    if unused:
        ranked = sorted(unused.items(), key=lambda kv: (-kv[1], kv[0]))
        keys = ", ".join(f"{k} ({n})" for k, n in ranked)
        files = sum(1 for _, imported in report.written if imported.unused_keys)
        rows.append(("front matter not kept", str(files), keys))
    title = "Import interrupted" if report.interrupted else "Import summary"
    console.table(title, ("", "files", "details"), rows, stderr=True, right=("files",))


def _examples(paths: Sequence[Path], limit: int = 2) -> str:
    shown = ", ".join(p.name for p in paths[:limit])
    return f"{shown} (+{len(paths) - limit} more)" if len(paths) > limit else shown
