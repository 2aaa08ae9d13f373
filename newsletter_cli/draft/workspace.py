"""The workspace: ``newsletter.toml`` found by walking up, as typed settings with defaults.

Every field carries its documentation (``doc``) and its parser; a file with
several mistakes reports all of them at once, each naming its key, line and
column. Every command works without a ``newsletter.toml`` on the defaults.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from newsletter_cli.draft import fields
from newsletter_cli.draft.model import KeyPath, SectionKind, SourceMap
from newsletter_cli.draft.tomlsource import ReadProblems, read_toml
from newsletter_cli.errors import Problem, WorkspaceError, display_path

CONFIG_NAME = "newsletter.toml"
CACHE_DIR = ".nl-cache"

Paper = Literal["a4", "letter"]
DateOrder = Literal["dmy", "mdy"]


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

    def problem(self, key: KeyPath, message: str) -> Problem:
        """A problem at a key of ``newsletter.toml``."""
        pos = self.source.key(key)
        shown = display_path(self.config_path) if self.config_path else CONFIG_NAME
        return Problem(shown, pos.line, pos.column, message)


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
    problems: list[Problem] = []
    settings = _build(Settings, data, (), source, config, problems)
    if problems:
        raise WorkspaceError(problems)
    return Workspace(root=config.parent, settings=settings, config_path=config, source=source)


_NESTED: Mapping[str, type] = {
    "organisation": Organisation,
    "lint": LintSettings,
    "email": EmailSettings,
}


def _build(
    cls: type[Any],
    data: Mapping[str, Any],
    at: KeyPath,
    source: SourceMap,
    config: Path,
    problems: list[Problem],
) -> Any:
    shown = display_path(config)

    def report(key: KeyPath, message: str) -> None:
        pos = source.key(key)
        problems.append(Problem(shown, pos.line, pos.column, message))

    known = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = ".".join(str(p) for p in (*at, key))
        if key not in known:
            report((*at, key), f"{name}: unknown setting{fields.key_hint(key, known)}")
            continue
        if key in _NESTED and not at:
            if not isinstance(value, dict):
                report((key,), f"{name}: expected a [{key}] table, got {fields.type_name(value)}")
                continue
            values[key] = _build(_NESTED[key], value, (key,), source, config, problems)
        elif cls is Settings and key == "sections":
            values[key] = _sections(value, source, report)
        elif cls is LintSettings and key == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                report((*at, key), f"{name}: expected [lint.rules.<rule-id>] tables")
                continue
            values[key] = value
        else:
            parse = known[key].metadata.get("parse")
            try:
                values[key] = parse(value) if parse else value
            except ValueError as reason:
                report((*at, key), f"{name}: {reason}")
    return cls(**values)


def _sections(
    value: Any, source: SourceMap, report: Callable[[KeyPath, str], None]
) -> tuple[SectionPrompt, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        report(("sections",), "sections: expected [[sections]] tables")
        return DEFAULT_SECTIONS
    prompts: list[SectionPrompt] = []
    known = {f.name: f for f in dataclasses.fields(SectionPrompt)}
    for index, raw in enumerate(value):
        values: dict[str, Any] = {}
        for key, item in raw.items():
            name = f"sections.{index}.{key}"
            if key not in known:
                hint = fields.key_hint(key, known)
                report(("sections", index, key), f"{name}: unknown setting{hint}")
                continue
            try:
                values[key] = known[key].metadata["parse"](item)
            except ValueError as reason:
                report(("sections", index, key), f"{name}: {reason}")
        if "heading" not in raw:
            report(("sections", index), f"sections.{index}: missing 'heading'")
            continue
        if "heading" in values:
            prompts.append(SectionPrompt(**values))
    return tuple(prompts)


def settings_reference() -> list[tuple[str, str, str]]:
    """(key, default, documentation) for every setting, for `docs/` and `nl init`."""
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
