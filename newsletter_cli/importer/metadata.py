"""What an issue says about itself: its date, number and title, from wherever they can be found.

From the front matter (its values become the draft's fields), from the file name
("2019-06-05-issue-12.md") and from a masthead line of the text ("River Voices - June 2019").
``to_imported`` turns what was found, and what had to be guessed, into the ``Imported`` result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsletter_cli.draft import fields
from newsletter_cli.draft.fields import brief
from newsletter_cli.draft.model import Draft, Section
from newsletter_cli.errors import display_path
from newsletter_cli.importer.frontmatter import Style
from newsletter_cli.importer.imported import (
    DATE_FROM_FILE_NAME,
    DATE_FROM_TEXT,
    DROPPED_VALUE,
    NO_DATE,
    NUMBER_FROM_FILE_NAME,
    NUMBER_FROM_TITLE,
    TEMPLATE_TAGS,
    TITLE_FROM_FILE_NAME,
    Imported,
    SourceFormat,
)
from newsletter_cli.text.lexicon import ENGLISH
from newsletter_cli.text.textspans import TEMPLATE_TAG

# -- dates, numbers and titles from wherever they can be found --------------------------

#: The English month names and abbreviations of the lint's lexicon ("Sept" among them), in any
#: case: a masthead is often set in capitals ("JUNE 2019"), and only a whole line that is a date
#: is read here, so "may" the verb cannot be taken for a month as it could in running text.
_MONTHS: Mapping[str, int] = {name.lower(): number for name, number in ENGLISH.months.items()}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:" + "|".join(ENGLISH.ordinals) + ")?"
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


#: A line longer than this is prose, not a masthead ("River Voices, Issue 12, June 2019"):
#: its name is not looked for before a date at each of its separators.
MASTHEAD_MAX = 200


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
    if len(text) > MASTHEAD_MAX:
        return "", None, None  # prose; each separator would read the rest of it again
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
class Metadata:
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


def text_value(value: Any) -> str | None:
    """A front matter value as one line of text (a number as written); None for any other."""
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


def metadata_from_front_matter(
    values: Mapping[str, Any], meta: Metadata, positions: Mapping[str, tuple[int, int]]
) -> None:
    """Fill ``meta`` from the front matter's values; a value that cannot be used is a doubt,
    a date that is no real date (2022-02-29) is kept with its position for the report."""
    meta.title = text_value(values.get("title"))
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
        summary = text_value(values.get(key))
        if summary:
            meta.summary = summary
            break
    authors = values.get("authors", values.get("author"))
    if isinstance(authors, str):
        meta.authors = tuple(a.strip() for a in re.split(r"\s*[,;]\s*", authors) if a.strip())
    elif isinstance(authors, list):
        names = [(author, text_value(author)) for author in authors]
        meta.authors = tuple(name for _, name in names if name)
        for author, name in names:
            if name is None and author is not None:
                meta.doubt(DROPPED_VALUE, f"authors: {brief(author)} is not a name")
    meta.unused = sorted(k for k in values if k not in _USED_KEYS)


def fill_from_file_name(meta: Metadata) -> None:
    """The date and number the file name gives, where nothing better gave them (a guess)."""
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


def to_imported(
    meta: Metadata, intro: str, sections: Sequence[Section], fmt: SourceFormat, style: Style
) -> Imported:
    """The draft made of what was found, with every guess and doubt, the last ones made here:
    a title from the file name, a number from the title, no date, template tags kept."""
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
