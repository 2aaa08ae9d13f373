"""What has been answered: the answers of an interview, the draft they make, how they are kept.

``Answers`` holds the issue's own answers and one ``SectionAnswers`` per
section slot (the workspace's section prompts, then the sections the author
adds). A key present in a record is an answered question, whatever its value;
``to_draft`` turns the record into a ``Draft``.

Some answers leave no trace in a draft (a skipped section, an empty preview
text), so a small progress record is kept in the workspace's
``.nl-cache/new/``: which questions were answered, with a fingerprint of the
draft it describes. ``load_answers`` reads both; when the record is missing or
the draft was changed by hand since, the draft alone says what was answered: a
present key is an answered question, and so is every question asked before it.

``read_presets`` collects the answers given in advance (``--set``, ``--answers``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsletter_cli.draft import fields, storage
from newsletter_cli.draft.model import Draft, Section, SectionKind, SourceMap
from newsletter_cli.draft.readfile import UnreadableFile, read_regular
from newsletter_cli.draft.schema import TableChecker
from newsletter_cli.draft.tomlsource import ReadProblems, read_toml
from newsletter_cli.draft.workspace import SectionPrompt, Workspace
from newsletter_cli.errors import InputError, UsageError, display_path
from newsletter_cli.new.questions import ISSUE_KEYS, check_key, section_fields

PROGRESS_FOLDER = "new"
PROGRESS_VERSION = 1


# -- answers -----------------------------------------------------------------------


@dataclass
class SectionAnswers:
    """The answers about one section slot; ``origin`` is the workspace prompt it came from."""

    origin: int | None
    values: dict[str, Any] = field(default_factory=dict)
    #: Text typed for the body when Ctrl-C stopped it: saved, but the question stays open.
    unfinished: str = ""
    #: The section as a resumed draft held it: what the interview never asks (``lint_ignore``,
    #: a date written on an article) is kept from it.
    base: Section | None = field(default=None, compare=False)

    @property
    def included(self) -> bool:
        return self.values.get("include") is True

    @property
    def in_draft(self) -> bool:
        """Whether the section stands in the draft (it needs a heading to be written)."""
        return self.included and "heading" in self.values


@dataclass
class Answers:
    """Everything answered so far. A present key is an answered question."""

    issue: dict[str, Any] = field(default_factory=dict)
    sections: list[SectionAnswers] = field(default_factory=list)
    finished: bool = False
    #: The draft being resumed: what the interview never asks (authors, intro, closing) is
    #: kept from it.
    base: Draft | None = field(default=None, compare=False)

    @classmethod
    def empty(cls, prompts: Sequence[SectionPrompt]) -> Answers:
        return cls(sections=[SectionAnswers(origin=i) for i in range(len(prompts))])


def to_draft(answers: Answers, path: Path | None = None) -> Draft | None:
    """The draft the answers make, or None before the title is known."""
    title = answers.issue.get("title")
    if not title:
        return None
    issue = {key: answers.issue.get(key) for key in ISSUE_KEYS if key != "title"}
    base = answers.base or Draft(title=title)
    return dataclasses.replace(
        base,
        title=title,
        date=issue["date"],
        number=issue["number"],
        language=issue["language"],
        summary=issue["summary"] or None,
        sections=tuple(_section(slot) for slot in answers.sections if slot.in_draft),
        path=path,
        source=SourceMap(),
    )


def _section(slot: SectionAnswers) -> Section:
    values = slot.values
    kind: SectionKind = values.get("kind") or "article"
    base = slot.base or Section(heading=values["heading"])
    asked: dict[str, Any] = {
        "heading": values["heading"],
        "body": values.get("body", slot.unfinished),
        "kind": kind,
    }
    if kind == "event":
        asked |= {f: values[f] for f in ("date", "end_date", "location") if f in values}
        if "location" in asked:
            asked["location"] = asked["location"] or None
    elif slot.base is None or slot.base.kind == "event":
        asked |= {"date": None, "end_date": None, "location": None}
    return dataclasses.replace(base, **asked)


# -- the progress record -------------------------------------------------------------


def progress_path(workspace: Workspace, draft_path: Path) -> Path:
    """Where the progress record of a draft lives: one small JSON file per draft."""
    digest = hashlib.sha256(str(draft_path.resolve()).encode("utf-8")).hexdigest()[:16]
    return workspace.cache_path / PROGRESS_FOLDER / f"{digest}.json"


def _fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def progress_record(answers: Answers, draft_path: Path, written: bytes) -> dict[str, Any]:
    """The record of what was answered in the draft at ``draft_path``, which holds ``written``."""
    return {
        "version": PROGRESS_VERSION,
        "draft": str(draft_path.resolve()),
        "draft_sha256": _fingerprint(written),
        "finished": answers.finished,
        "issue": [key for key in ISSUE_KEYS if key in answers.issue],
        "sections": [
            {
                "origin": slot.origin,
                "include": slot.values.get("include"),
                "answered": [f for f in slot.values if f != "include"],
            }
            for slot in answers.sections
        ],
    }


def load_answers(path: Path, workspace: Workspace) -> tuple[Answers, bool, bytes]:
    """The answers a draft holds, whether its progress record could be used, and the draft's
    bytes as they were read (a save checks that the file still holds them).

    Raises ``DraftError`` when the draft does not load.
    """
    draft, raw = storage.load_with_bytes(path)
    prompts = workspace.settings.sections
    record = _read_record(progress_path(workspace, path), path, raw)
    if record is not None:
        answers = _from_record(record, draft, prompts)
        if answers is not None:
            return answers, True, raw
    return from_draft(draft, prompts), False, raw


def _read_record(record_path: Path, draft_path: Path, raw: bytes) -> dict[str, Any] | None:
    fingerprint = _fingerprint(raw)
    try:
        record = json.loads(read_regular(record_path, what="progress record"))
    except (UnreadableFile, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("version") != PROGRESS_VERSION:
        return None
    if (
        record.get("draft") != str(draft_path.resolve())
        or record.get("draft_sha256") != fingerprint
    ):
        return None  # written for another file, or the draft was edited since
    return record


def _from_record(
    record: Mapping[str, Any], draft: Draft, prompts: Sequence[SectionPrompt]
) -> Answers | None:
    try:
        issue = {key: getattr(draft, key) for key in record["issue"] if key in ISSUE_KEYS}
        slots: list[SectionAnswers] = []
        written = iter(draft.sections)
        for raw in record["sections"]:
            origin = raw["origin"]
            if origin is not None and not (isinstance(origin, int) and 0 <= origin < len(prompts)):
                return None  # the workspace's section prompts changed since
            values: dict[str, Any] = {}
            if raw["include"] is not None:
                values["include"] = bool(raw["include"])
            answered = [f for f in raw["answered"] if f in section_fields("event")]
            slot = SectionAnswers(origin, values)
            if values.get("include") and "heading" in answered:
                section = next(written)
                slot.base = section
                for name in answered:
                    values[name] = getattr(section, name)
                if "body" not in answered:
                    slot.unfinished = section.body
            elif answered:
                return None
            slots.append(slot)
        if next(written, None) is not None:
            return None
    except (KeyError, TypeError, StopIteration):
        return None
    offered = [slot.origin for slot in slots if slot.origin is not None]
    if len(set(offered)) != len(offered):
        return None
    missing = [origin for origin in range(len(prompts)) if origin not in offered]
    if missing and (offered != sorted(offered) or any(slot.origin is None for slot in slots)):
        return None  # unfinished: the offered sections in order, none added yet
    slots.extend(SectionAnswers(origin) for origin in missing)
    return Answers(issue=issue, sections=slots, finished=bool(record.get("finished")), base=draft)


def from_draft(draft: Draft, prompts: Sequence[SectionPrompt]) -> Answers:
    """What a draft alone says was answered: its keys, and every question asked before them."""
    answers = Answers.empty(prompts)
    answers.base = draft
    last = max(i for i, key in enumerate(ISSUE_KEYS) if key == "title" or getattr(draft, key))
    if draft.sections:
        last = len(ISSUE_KEYS) - 1
    for key in ISSUE_KEYS[: last + 1]:
        answers.issue[key] = getattr(draft, key)
    # match the written sections to the workspace's prompts, in order, by heading
    pointer = 0
    extra: list[SectionAnswers] = []
    for section in draft.sections:
        match = next(
            (
                k
                for k in range(pointer, len(prompts))
                if prompts[k].heading.casefold() == section.heading.casefold()
            ),
            None,
        )
        if match is None and pointer < len(prompts):
            match = pointer  # a prompted section the author renamed
        if match is None:
            slot = SectionAnswers(None)
            extra.append(slot)
        else:
            for skipped in range(pointer, match):
                answers.sections[skipped].values["include"] = False
            slot = answers.sections[match]
            pointer = match + 1
        slot.values.update(_answered_fields(section))
        slot.base = section
    answers.sections.extend(extra)
    return answers


def _answered_fields(section: Section) -> dict[str, Any]:
    order = section_fields(section.kind)
    present = {
        "include": True,
        "heading": True,
        "kind": section.kind != "article",
        "date": section.date is not None,
        "end_date": section.end_date is not None,
        "location": bool(section.location),
        "body": bool(section.body),
    }
    last = max(i for i, name in enumerate(order) if present[name])
    return {
        name: getattr(section, name) if name != "include" else True for name in order[: last + 1]
    }


# -- answers given on the command line -----------------------------------------------


@dataclass
class Presets:
    """Answers from ``--answers FILE`` and ``--set KEY=VALUE``, keyed like the questions."""

    answers: dict[str, Any] = field(default_factory=dict)
    #: Where each answer came from, for messages: ``--set date=...`` or ``answers.toml:3:1``.
    origins: dict[str, str] = field(default_factory=dict)


def read_presets(answers_file: Path | None, settings: Iterable[str]) -> Presets:
    """Collect the answers given on the command line; ``--set`` wins over the file."""
    presets = Presets()
    if answers_file is not None:
        _read_answers_file(answers_file, presets)
    for item in settings:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(
                f"--set {_typed(item)}: write it as KEY=VALUE, e.g. --set title=June news"
            )
        try:
            check_key(key)
        except ValueError as reason:
            raise UsageError(f"--set {_typed(item)}: {reason}") from None
        presets.answers[key] = value
        presets.origins[key] = f"--set {key}={_typed(value)}"
    return presets


def _typed(text: str) -> str:
    """Text from the command line for a message: as typed, or quoted and cut short if it is
    long or spans lines (like every value quoted in a message)."""
    return text if len(text) <= 60 and text.isprintable() else fields.brief(text)


def _read_answers_file(path: Path, presets: Presets) -> None:
    """The answers of an ``--answers`` file, keyed like the questions; a key `nl new` never
    asks is reported at its place (every one at once). The values are checked by the
    questions they answer, when they are asked."""
    try:
        data, _text, source = read_toml(path, "file of answers")
    except ReadProblems as error:
        raise InputError(error.problems) from None
    checker = TableChecker(display_path(path), source)

    def add(key: str, keypath: tuple[str | int, ...], value: Any) -> None:
        try:
            check_key(key)
        except ValueError as reason:
            checker.problem(keypath, str(reason))
            return
        pos = source.key(keypath)
        presets.answers[key] = value
        presets.origins[key] = f"{checker.shown}:{pos.line}:{pos.column}: {key}"

    for name, value in data.items():
        if name != "sections":
            add(name, (name,), value)
            continue
        items: Iterable[tuple[Any, Any]]
        if isinstance(value, list):
            items = enumerate(value)
        elif isinstance(value, dict):
            items = value.items()
        else:
            items = ()
        for index, table in items:
            if not (isinstance(table, dict) and str(index).isdigit()):
                checker.problem(
                    ("sections", index), "sections: expected [sections.N] tables, N from 0"
                )
                continue
            for field_name, item in table.items():
                add(f"sections.{int(index)}.{field_name}", ("sections", index, field_name), item)
    if checker.problems:
        raise InputError(checker.problems)
