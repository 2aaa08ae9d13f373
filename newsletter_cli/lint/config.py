"""Which lint rules run, and how: ``[lint]`` of newsletter.toml and the command line.

Rule ids, options and severities are checked against the registry; every
mistake in newsletter.toml is reported at once, naming its key and line.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsletter_cli.draft.fields import closest
from newsletter_cli.draft.schema import Field, TableChecker
from newsletter_cli.draft.workspace import Workspace
from newsletter_cli.errors import Problem, UsageError, WorkspaceError
from newsletter_cli.lint.findings import Severity
from newsletter_cli.lint.rule import Rule
from newsletter_cli.lint.rules import BY_ID, RULES


@dataclass(frozen=True)
class ActiveRule:
    """A rule that runs, with its options and the severity the settings give it (if any)."""

    module: Rule
    options: Any
    severity: Severity | None = None

    @property
    def id(self) -> str:
        return str(self.module.ID)


def configure(
    workspace: Workspace, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[ActiveRule]:
    """The rules that run, with their options, from ``[lint]`` and the command line.

    Unknown rule ids or options in newsletter.toml raise ``WorkspaceError`` naming every
    key at once; unknown ids on the command line raise ``UsageError``.
    """
    settings = workspace.settings.lint
    problems: list[Problem] = []
    for key, ids in (("select", settings.select), ("ignore", settings.ignore)):
        for index, rule_id in enumerate(ids):
            if rule_id not in BY_ID:
                problems.append(
                    workspace.problem(("lint", key, index), f"lint.{key}: {unknown_rule(rule_id)}")
                )
    for index, pattern in enumerate(settings.boilerplate):
        try:
            re.compile(pattern)
        except re.error as error:
            problems.append(
                workspace.problem(
                    ("lint", "boilerplate", index),
                    f"lint.boilerplate: {pattern!r} is not a regular expression: {error}",
                )
            )
    configured: dict[str, tuple[Any, Severity | None]] = {}
    for rule_id, table in settings.rules.items():
        if rule_id not in BY_ID:
            problems.append(
                workspace.problem(
                    ("lint", "rules", rule_id), f"lint.rules: {unknown_rule(rule_id)}"
                )
            )
            continue
        configured[rule_id] = _rule_settings(workspace, BY_ID[rule_id], table, problems)
    if problems:
        raise WorkspaceError(problems)
    for name, given in (("--select", select), ("--ignore", ignore)):
        unknown = [rule_id for rule_id in given if rule_id not in BY_ID]
        if unknown:
            raise UsageError(f"{name}: {unknown_rule(unknown[0])}")
    chosen = set(select) or set(settings.select) or set(BY_ID)
    dropped = set(ignore) | set(settings.ignore)
    active: list[ActiveRule] = []
    for rule in RULES:
        options, severity = configured.get(rule.ID, (rule.Options(), None))
        if rule.ID not in chosen or rule.ID in dropped:
            continue
        if severity is Severity.OFF and rule.ID not in select:
            continue
        if severity is Severity.OFF:
            severity = None
        active.append(ActiveRule(rule, options, severity))
    return active


def unknown_rule(rule_id: str) -> str:
    """The message for a rule id that does not exist, with a suggestion."""
    close = [known for known in BY_ID if rule_id and rule_id in known]
    if not close:
        close = [match] if (match := closest(rule_id, BY_ID)) else []
    hint = f"did you mean {' or '.join(close[:2])}?" if close else "`nl rules` lists them"
    return f"unknown rule id {rule_id!r}; {hint}"


def _rule_settings(
    workspace: Workspace, rule: Rule, table: Any, problems: list[Problem]
) -> tuple[Any, Severity | None]:
    """Options and severity of one ``[lint.rules.<id>]`` table; mistakes go to ``problems``."""
    defaults = rule.Options()
    schema: dict[str, Field] = {"severity": Field(_severity)}
    for option in dataclasses.fields(rule.Options):
        schema[option.name] = Field(_option_parser(getattr(defaults, option.name)))

    def unknown(key: str, known: Sequence[str]) -> str:
        match = closest(key, known)
        hint = f"did you mean {match}?" if match else f"it has: {', '.join(known)}"
        return f"unknown option of {rule.ID}; {hint}"

    checker = TableChecker(workspace.config_shown, workspace.source)
    at = ("lint", "rules", rule.ID)
    values = checker.table(table, at, schema, unknown=unknown)
    severity = values.pop("severity", None)
    try:
        options = rule.Options(**values)
    except ValueError as reason:
        checker.problem(at, f"lint.rules.{rule.ID}: {reason}")
        options = defaults
    problems.extend(checker.problems)
    return options, severity


def _severity(value: Any) -> Severity:
    if value not in ("error", "warning", "off"):
        raise ValueError(f"must be error, warning or off, not {value!r}")
    return Severity(value)


def _option_parser(expected: Any) -> Callable[[Any], Any]:
    """The parser of an option whose default is ``expected``: same type, or ``ValueError``."""

    def parse(value: Any) -> Any:
        parsed = _option(value, expected)
        if parsed is None:
            raise ValueError(f"expected {_kind(expected)}, got {value!r}")
        return parsed

    return parse


def _option(value: Any, expected: Any) -> Any:
    """``value`` converted to the type of the default ``expected``, or None if it does not fit."""
    if isinstance(expected, bool):
        return value if isinstance(value, bool) else None
    if isinstance(expected, int):
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(expected, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return float(value) if ok else None
    if isinstance(expected, str):
        return value if isinstance(value, str) else None
    if isinstance(expected, tuple):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return tuple(value) if ok else None
    return None


def _kind(expected: Any) -> str:
    if isinstance(expected, bool):
        return "true or false"
    if isinstance(expected, int):
        return "a whole number"
    if isinstance(expected, float):
        return "a number"
    if isinstance(expected, tuple):
        return "a list of strings"
    return "a string"
