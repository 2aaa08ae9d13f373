"""The workspace: ``newsletter.toml`` found by walking up, as typed settings with defaults.

Every field carries its documentation (``doc``) and its parser; a file with
several mistakes reports all of them at once, each naming its key, line and
column. Every command works without a ``newsletter.toml`` on the defaults.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from newsletter_cli.draft import fields
from newsletter_cli.draft.model import DateOrder, KeyPath, SectionKind, SourceMap
from newsletter_cli.draft.schema import Field, Schema, TableChecker
from newsletter_cli.draft.tomlsource import ReadProblems, read_toml
from newsletter_cli.errors import Problem, WorkspaceError, display_path

CONFIG_NAME = "newsletter.toml"
CACHE_DIR = ".nl-cache"

Paper = Literal["a4", "letter"]


def _setting(default: Any, doc: str, parse: Callable[[Any], Any] | None = None) -> Any:
    """A settings field with its documentation and its parser."""
    metadata = {"doc": doc, "parse": parse}
    if isinstance(default, (list, dict, tuple)) or dataclasses.is_dataclass(default):
        return field(default_factory=lambda: default, metadata=metadata)
    return field(default=default, metadata=metadata)


def _choice(*choices: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}, not {value!r}")
        return str(value)

    return parse


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {fields.type_name(value)}")
    return value


def _url(value: Any) -> str:
    text = fields.require_text(value, "a URL")
    if not text.startswith(("https://", "http://")):
        raise ValueError(f"{text!r} is not a web address starting with https://")
    return text.rstrip("/") + "/"


def _one_line(what: str, *, required: bool = False) -> Callable[[Any], str]:
    """Text for an email header (the sender's name or address, part of the subject)."""

    def parse(value: Any) -> str:
        return fields.single_line(fields.require_text(value, what) if required else value, what)

    return parse


def _link(*schemes: str) -> Callable[[Any], str]:
    """An address for a link of the email or the pages: one line, and of one of ``schemes``
    when it has a scheme at all (never ``javascript:``); without one it is a relative address
    or a mailing tool's placeholder such as ``{{unsubscribe_url}}``, kept as written."""
    from urllib.parse import urlsplit

    def parse(value: Any) -> str:
        text = fields.single_line(value, "an address")
        try:
            scheme = urlsplit(text.strip()).scheme.lower()
        except ValueError as error:
            raise ValueError(f"{text!r} is not a valid address: {error}") from None
        if scheme and scheme not in schemes:
            allowed = ", ".join(f"{s}:" for s in schemes)
            raise ValueError(f"a {scheme}: address is not allowed here; only {allowed}")
        return text

    return parse


@dataclass(frozen=True)
class Organisation:
    """Who sends the newsletter: shown in footers, the email and the PDF metadata."""

    name: str = _setting("", "The organisation's name.", _one_line("the name"))
    address: str = _setting("", "Postal address, for the footer.", fields.optional_text)
    website: str = _setting("", "The organisation's web site.", _link("https", "http"))
    email: str = _setting("", "A contact address.", _one_line("the address"))


@dataclass(frozen=True)
class SectionPrompt:
    """A section that `nl new` offers to write."""

    heading: str = _setting("", "The section's default heading.", fields.require_text)
    kind: SectionKind = _setting("article", "article or event.", fields.parse_kind)
    prompt: str = _setting("", "A hint shown to the author.", fields.optional_text)


DEFAULT_SECTIONS: tuple[SectionPrompt, ...] = (
    SectionPrompt("Dear friends", "article", "The opening letter: what this issue is about."),
    SectionPrompt("News", "article", "What happened since the last issue."),
    SectionPrompt("Events", "event", "Something coming up: when, where, how to take part."),
    SectionPrompt("Publications", "article", "Reports, articles and resources to share."),
    SectionPrompt("Closing", "article", "A last word and a sign-off."),
)


@dataclass(frozen=True)
class LintSettings:
    """``[lint]``: which rules run and how. Rule ids and options are checked by the linter."""

    select: tuple[str, ...] = _setting(
        (), "Only these rule ids run (empty: all).", fields.parse_string_list
    )
    ignore: tuple[str, ...] = _setting((), "These rule ids never run.", fields.parse_string_list)
    boilerplate: tuple[str, ...] = _setting(
        (),
        "Regular expressions; a paragraph matching one is never an archive duplicate.",
        fields.parse_string_list,
    )
    rules: Mapping[str, Mapping[str, Any]] = _setting(
        {}, "Per rule: `severity` (error, warning, off) and the rule's options.", None
    )
    strict: bool = _setting(
        False, "As `nl lint --strict`: warnings fail, standing text is checked too.", _boolean
    )


@dataclass(frozen=True)
class EmailSettings:
    """``[email]``: what the email version needs beyond the draft."""

    unsubscribe_url: str = _setting(
        "{{unsubscribe_url}}",
        "Unsubscribe link; the default is a placeholder your mailing tool replaces.",
        lambda v: _link("https", "http", "mailto")(fields.require_text(v, "the address")),
    )
    view_online_url: str = _setting(
        "",
        "Where the web version lives; default: base_url + the issue's page.",
        _link("https", "http"),
    )


@dataclass(frozen=True)
class Settings:
    """``newsletter.toml``: the publication and how `nl` treats it."""

    name: str = _setting(
        "Newsletter",
        "The publication's name: the default title of an issue.",
        _one_line("the name", required=True),
    )
    language: str = _setting(
        "en", "Default language of issues (BCP 47 tag).", fields.parse_language
    )
    theme: str = _setting(
        "default", "Theme: a name under templates/ or a folder.", fields.require_text
    )
    paper: Paper = _setting("a4", "Paper size of the PDF: a4 or letter.", _choice("a4", "letter"))
    base_url: str = _setting(
        "", "Public address of the web archive (https://...).", lambda v: _url(v) if v else ""
    )
    issues_dir: str = _setting("issues", "Folder of the drafts.", fields.require_text)
    output_dir: str = _setting("out", "Folder that `nl export` writes to.", fields.require_text)
    date_order: DateOrder = _setting(
        "dmy",
        "How to read 04/06/2026 in text: dmy (4 June) or mdy (April 6).",
        _choice("dmy", "mdy"),
    )
    editor: bool = _setting(False, "`nl new` opens $VISUAL/$EDITOR for section bodies.", _boolean)
    organisation: Organisation = _setting(Organisation(), "[organisation]: who sends it.")
    sections: tuple[SectionPrompt, ...] = _setting(
        DEFAULT_SECTIONS, "[[sections]]: what `nl new` asks for."
    )
    lint: LintSettings = _setting(LintSettings(), "[lint]: rule settings.")
    email: EmailSettings = _setting(EmailSettings(), "[email]: email settings.")


@dataclass(frozen=True)
class Workspace:
    """A newsletter workspace: its root folder and settings."""

    root: Path
    settings: Settings = field(default_factory=Settings)
    config_path: Path | None = None
    source: SourceMap = field(default_factory=SourceMap)

    @property
    def issues_path(self) -> Path:
        return self.root / self.settings.issues_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.settings.output_dir

    @property
    def cache_path(self) -> Path:
        return self.root / CACHE_DIR

    @property
    def config_shown(self) -> str:
        """``newsletter.toml`` as named in messages."""
        return display_path(self.config_path) if self.config_path else CONFIG_NAME

    def problem(self, key: KeyPath, message: str) -> Problem:
        """A problem at a key of ``newsletter.toml``."""
        pos = self.source.key(key)
        return Problem(self.config_shown, pos.line, pos.column, message)


def find_config(start: Path) -> Path | None:
    """The nearest ``newsletter.toml`` in ``start`` or a folder above it."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        # not only regular files: a FIFO or a broken link there is reported when it is read,
        # instead of silently working without the settings
        if os.path.lexists(candidate) and not candidate.is_dir():
            return candidate
    return None


def load_workspace(start: Path | None = None) -> Workspace:
    """The workspace around ``start`` (default: the current folder), or defaults without one."""
    start = start or Path.cwd()
    config = find_config(start)
    if config is None:
        return Workspace(root=start.resolve())
    try:
        data, _text, source = read_toml(config, "settings file")
    except ReadProblems as error:
        raise WorkspaceError(error.problems) from None
    checker = TableChecker(display_path(config), source)
    settings = _build(Settings, data, (), checker)
    if checker.problems:
        raise WorkspaceError(checker.problems)
    return Workspace(root=config.parent, settings=settings, config_path=config, source=source)


_NESTED: Mapping[str, type] = {
    "organisation": Organisation,
    "lint": LintSettings,
    "email": EmailSettings,
}


def _unknown_setting(key: str, known: Sequence[str]) -> str:
    return f"unknown setting{fields.key_hint(key, known)}"


def _schema(cls: type[Any], at: KeyPath) -> Schema:
    """The schema of a settings table, from its dataclass: each field's ``parse``."""
    schema: dict[str, Field] = {}
    for f in dataclasses.fields(cls):
        parse = f.metadata.get("parse")
        if not at and f.name in _NESTED:
            parse = _nested_table(f.name)
        elif cls is Settings and f.name == "sections":
            parse = _section_tables
        elif cls is LintSettings and f.name == "rules":
            parse = _rule_tables
        schema[f.name] = Field(parse or (lambda value: value))
    return schema


def _nested_table(key: str) -> Callable[[Any], dict[str, Any]]:
    def parse(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ValueError(f"expected a [{key}] table, got {fields.type_name(value)}")
        return value

    return parse


def _section_tables(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError("expected [[sections]] tables")
    return value


def _rule_tables(value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError("expected [lint.rules.<rule-id>] tables")
    return value


def _build(cls: type[Any], data: Mapping[str, Any], at: KeyPath, checker: TableChecker) -> Any:
    """The settings dataclass ``cls`` from its table at ``at``; problems go to ``checker``."""
    values = checker.table(data, at, _schema(cls, at), unknown=_unknown_setting)
    for key, nested in _NESTED.items():
        if not at and key in values:
            values[key] = _build(nested, values[key], (key,), checker)
    if cls is Settings and "sections" in values:
        values["sections"] = _sections(values["sections"], checker)
    return cls(**values)


def _sections(tables: list[dict[str, Any]], checker: TableChecker) -> tuple[SectionPrompt, ...]:
    prompts: list[SectionPrompt] = []
    schema = _schema(SectionPrompt, ("sections",))
    for index, raw in enumerate(tables):
        at = ("sections", index)
        values = checker.table(raw, at, schema, unknown=_unknown_setting)
        if "heading" not in raw:
            checker.problem(at, f"sections.{index}: missing 'heading'")
            continue
        if "heading" in values:
            prompts.append(SectionPrompt(**values))
    return tuple(prompts)


def settings_reference() -> list[tuple[str, str, str]]:
    """(key, default, documentation) for every setting: the table of ``docs/workspace.md``."""
    rows: list[tuple[str, str, str]] = []

    def walk(cls: type[Any], prefix: str) -> None:
        for f in dataclasses.fields(cls):
            key = f"{prefix}{f.name}"
            nested = _NESTED.get(f.name) if not prefix else None
            if nested is not None:
                walk(nested, f"{key}.")
                continue
            if f.default is not dataclasses.MISSING:
                default: Any = f.default
            else:
                default = cast(Callable[[], Any], f.default_factory)()
            shown = "(built-in list)" if f.name == "sections" else repr(default)
            rows.append((key, shown, f.metadata.get("doc", "")))

    walk(Settings, "")
    return rows


def settings_markdown() -> str:
    """The settings table of ``docs/workspace.md`` (kept current by a test)."""
    lines = ["| setting | default | meaning |", "| --- | --- | --- |"]
    for key, default, doc in settings_reference():
        lines.append(f"| `{key}` | `{default}` | {doc} |")
    return "\n".join(lines)
