"""Draft files (format v1): load with ``path:line:col`` errors, save atomically keeping comments.

Reading uses ``tomllib``; positions come from ``tomlsource``; writing uses
``tomlkit`` on the existing document so that the author's comments and layout
survive a rewrite.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from newsletter_cli.atomic import create_new, replace_unchanged, write_atomic
from newsletter_cli.draft import fields
from newsletter_cli.draft.model import Draft, Section, SourceMap
from newsletter_cli.draft.readfile import UnreadableFile, read_regular
from newsletter_cli.draft.schema import Field, Schema, TableChecker
from newsletter_cli.draft.tomlsource import ReadProblems, parse_toml, read_bytes
from newsletter_cli.errors import DraftError, display_path

FORMAT_VERSION = 1


_DRAFT_FIELDS: Schema = {
    "title": Field(
        lambda v: fields.single_line(fields.require_text(v, "the title"), "the title"),
        required=True,
    ),
    "date": Field(fields.parse_date),
    "number": Field(fields.parse_number),
    "language": Field(fields.parse_language),
    "summary": Field(fields.optional_text),
    "authors": Field(fields.parse_string_list),
    "intro": Field(fields.optional_text),
    "closing": Field(fields.optional_text),
    "sections": Field(lambda v: v),  # checked key by key below
}

_SECTION_FIELDS: Schema = {
    "heading": Field(lambda v: fields.require_text(v, "a section heading"), required=True),
    "kind": Field(fields.parse_kind),
    "date": Field(fields.parse_date),
    "end_date": Field(fields.parse_date),
    "location": Field(fields.optional_text),
    "body": Field(fields.optional_text),
    "lint_ignore": Field(fields.parse_string_list),
}

DRAFT_KEYS = tuple(_DRAFT_FIELDS)
SECTION_KEYS = tuple(_SECTION_FIELDS)


def load(path: Path) -> Draft:
    """Read a draft, reporting every problem in it at once as a ``DraftError``."""
    return load_with_bytes(path)[0]


def load_with_bytes(path: Path) -> tuple[Draft, bytes]:
    """The draft and the exact bytes it was read from (to notice a change before saving)."""
    try:
        raw = read_bytes(path, "draft")
    except ReadProblems as error:
        raise DraftError(error.problems) from None
    return from_bytes(raw, path), raw


def from_bytes(raw: bytes, path: Path) -> Draft:
    """The draft in ``raw``, the bytes already read from ``path`` (never read again)."""
    try:
        data, _text, source = parse_toml(raw, path)
    except ReadProblems as error:
        raise DraftError(error.problems) from None
    return from_data(data, source, path)


def from_data(data: Mapping[str, Any], source: SourceMap, path: Path | None = None) -> Draft:
    """Check parsed TOML against format v1 and build the draft."""
    shown = display_path(path) if path else "<draft>"
    checker = TableChecker(shown, source)
    top = checker.table(data, (), _DRAFT_FIELDS, "a draft")
    sections: list[Section] = []
    raw_sections = data.get("sections", [])
    if "sections" in data and not (
        isinstance(raw_sections, list) and all(isinstance(s, dict) for s in raw_sections)
    ):
        checker.problem(("sections",), "sections must be a list of [[sections]] tables")
        raw_sections = []
    for index, raw in enumerate(raw_sections):
        values = checker.table(raw, ("sections", index), _SECTION_FIELDS, "a section")
        start, end = values.get("date"), values.get("end_date")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            checker.problem(
                ("sections", index, "end_date"),
                f"sections.{index}.end_date: {end.isoformat()}"
                f" is before the date {start.isoformat()}",
            )
        if "heading" in values:
            sections.append(Section(**values))
    if checker.problems:
        raise DraftError(checker.problems)
    top.pop("sections", None)
    return Draft(**top, sections=tuple(sections), path=path, source=source)


# -- saving ---------------------------------------------------------------------


def to_values(draft: Draft) -> dict[str, Any]:
    """The draft as plain TOML values, in the order they are written."""
    values: dict[str, Any] = {"title": draft.title}
    for key in ("date", "number", "language", "summary"):
        value = getattr(draft, key)
        if value is not None:
            values[key] = value
    if draft.authors:
        values["authors"] = list(draft.authors)
    if draft.intro:
        values["intro"] = draft.intro
    if draft.closing:
        values["closing"] = draft.closing
    values["sections"] = [_section_values(s) for s in draft.sections]
    return values


def _section_values(section: Section) -> dict[str, Any]:
    values: dict[str, Any] = {"heading": section.heading}
    if section.kind != "article":
        values["kind"] = section.kind
    for key in ("date", "end_date", "location"):
        value = getattr(section, key)
        if value is not None:
            values[key] = value
    if section.lint_ignore:
        values["lint_ignore"] = list(section.lint_ignore)
    if section.body:
        values["body"] = section.body
    return values


def dumps(draft: Draft, original: str | None = None) -> str:
    """TOML text for a draft; given the file's current text, keeps its comments and layout."""
    import tomlkit

    values = to_values(draft)
    if original is None:
        doc = tomlkit.document()
        doc.add(tomlkit.comment(f"Newsletter draft, format v{FORMAT_VERSION}, written by nl"))
        doc.add(tomlkit.nl())
        _update_table(doc, values)
        return tomlkit.dumps(doc)
    doc = tomlkit.parse(original)
    _update_table(doc, values)
    return tomlkit.dumps(doc)


def save(draft: Draft, path: Path, *, expected: bytes | None = None) -> bytes:
    """Write the draft atomically; rewriting an existing draft keeps its comments.

    With ``expected`` (the bytes the file held when it was read), the file is replaced only if
    it still holds them; otherwise ``ConflictError`` is raised and the file is left alone.
    Returns the bytes written.
    """
    if expected is not None:
        return replace_unchanged(path, lambda current: _merged(draft, current), expected)
    current: bytes | None = None
    if path.is_file():
        try:
            current = read_regular(path, what="draft")
        except UnreadableFile:
            current = None
    payload = _merged(draft, current)
    write_atomic(path, payload)
    return payload


def create(draft: Draft, candidates: Iterable[Path]) -> tuple[Path, bytes]:
    """Write a new draft under the first free name of ``candidates``, claimed without a race."""
    payload = dumps(draft).encode("utf-8")
    return create_new(candidates, payload), payload


def _merged(draft: Draft, current: bytes | None) -> bytes:
    """The draft's bytes, merged into the file's current bytes to keep comments and layout."""
    original: str | None = None
    if current is not None:
        try:
            original = current.decode("utf-8").removeprefix("\ufeff")  # a BOM is not TOML
        except UnicodeDecodeError:
            original = None
    crlf = original is not None and "\r\n" in original
    if original is not None:
        original = original.replace("\r\n", "\n")
    try:
        text = dumps(draft, original)
    except Exception:  # an unparsable old file is replaced, never half-merged
        if original is None:
            raise
        text = dumps(draft, None)
    if crlf:  # keep the author's Windows line endings
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text.encode("utf-8")


def _update_table(table: Any, values: Mapping[str, Any]) -> None:
    for key in [k for k in table if k not in values]:
        del table[key]
    for key, value in values.items():
        if key == "sections":
            _update_sections(table, value)
        elif key in table and table[key].unwrap() == value:
            continue  # unchanged: keep the author's formatting
        else:
            table[key] = _item(value, table.get(key))


def _update_sections(table: Any, sections: list[dict[str, Any]]) -> None:
    import tomlkit
    from tomlkit.items import AoT

    existing = table.get("sections")
    if not sections:
        if existing is not None:
            del table["sections"]
        return
    if not isinstance(existing, AoT):
        if existing is not None:
            del table["sections"]
        existing = tomlkit.aot()
        table.append("sections", existing)
    while len(existing) > len(sections):
        del existing[len(existing) - 1]
    for index, values in enumerate(sections):
        if index < len(existing):
            _update_table(existing[index], values)
        else:
            section = tomlkit.table()
            section.trivia.indent = "\n"  # a blank line before each new [[sections]]
            _update_table(section, values)
            existing.append(section)


def _item(value: Any, previous: Any = None) -> Any:
    """A TOML item; text with line breaks becomes a multi-line string opened on its own line.

    Literal quotes are preferred (Markdown's backslashes stay as typed), but a value the author
    wrote in double quotes keeps them, so that a fix does not churn the quoting of the file.
    """
    import tomlkit
    from tomlkit.items import String, StringType, Trivia

    if isinstance(value, str) and "\n" in value:
        literal = "'''" not in value and "\r" not in value and not value.endswith("'")
        literal = literal and all(c in "\t\n" or (c >= " " and c != "\x7f") for c in value)
        if isinstance(previous, String) and previous.type in (StringType.MLB, StringType.SLB):
            literal = False
        item = tomlkit.string(value, multiline=True, literal=literal)
        raw = item.as_string()[3:-3]
        if not literal:  # tomlkit leaves a CR before a LF raw, and TOML reads CRLF as LF
            raw = raw.replace("\r", "\\r")
        if not raw.startswith("\n"):
            raw = "\n" + raw
        return String(item.type, value, raw, Trivia())
    if isinstance(value, list):
        array = tomlkit.array()
        array.extend(value)
        return array
    return tomlkit.item(value)
