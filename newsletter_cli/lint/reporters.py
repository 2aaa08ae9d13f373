"""Lint reports for people and for programs: text, json, github and sarif.

``text`` is for the terminal (coloured there, plain when piped or with
``NO_COLOR``); ``json`` is one object with the findings and a summary;
``github`` prints workflow commands that become annotations on a pull
request; ``sarif`` is SARIF 2.1.0 for code-scanning services. Problems with
unusable input always go to stderr as ``error:`` lines as well, so that a
machine-readable stdout stays parseable.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from newsletter_cli import __version__, console
from newsletter_cli.lint import ruledocs
from newsletter_cli.lint.engine import FixResult, LintReport
from newsletter_cli.lint.findings import Finding, Severity
from newsletter_cli.lint.rules import RULES

FORMATS = ("text", "json", "github", "sarif")


def report(result: LintReport, fmt: str) -> None:
    """Print ``result`` on stdout in the format ``fmt`` (one of ``FORMATS``)."""
    printers: dict[str, Callable[[LintReport], None]] = {
        "text": _text,
        "json": _json,
        "github": _github,
        "sarif": _sarif,
    }
    if result.problems:
        console.error(str(p) for p in result.problems)
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:  # a terminal that cannot show a character gets an escape
        reconfigure(errors="backslashreplace")
    printers[fmt](result)


def summary(result: LintReport) -> str:
    """One line: how many files, errors and warnings."""
    files = _plural(result.files, "file")
    found = [_plural(result.errors, "error"), _plural(result.warnings, "warning")]
    line = f"{files} checked: {found[0]}, {found[1]}"
    if result.problems:
        unusable = len({p.path for p in result.problems})
        line += f"; {_plural(unusable, 'file')} could not be checked"
    if result.fixable:
        line += f" ({result.fixable} fixable with --fix)"
    return line + "."


def fixed(result: FixResult, written: bool) -> None:
    """Say on stderr what --fix changed."""
    for reason in result.skipped:
        console.warning(reason)
    if not result.changes:
        return
    verb = "fixed" if written else "would fix"
    files = _plural(len(result.changes), "file")
    console.info(f"{verb} {_plural(result.fixed, 'finding')} in {files}")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# -- text ------------------------------------------------------------------------


def _text(result: LintReport) -> None:
    escape = console.escape
    out = console.out()
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow"}
    previous: str | None = None
    for finding in result.findings:
        where = finding.location
        if previous is not None and where.path != previous:
            out.print()
        previous = where.path
        colour = colours.get(finding.severity, "white")
        out.print(
            f"[bold]{escape(str(where))}[/]: [{colour}]{finding.severity.value}[/] "
            f"[dim]{finding.rule}[/] {escape(finding.message)}",
            emoji=False,
        )
        if finding.excerpt:
            out.print(f"    [dim]|[/] {escape(finding.excerpt)}", emoji=False)
    if result.findings:
        out.print()
    out.print(summary(result), markup=False, emoji=False)


# -- json ------------------------------------------------------------------------


def _json(result: LintReport) -> None:
    payload = {
        "findings": [f.to_json() for f in result.findings],
        "summary": {"files": result.files, "errors": result.errors, "warnings": result.warnings},
    }
    print(json.dumps(payload, indent=2, ensure_ascii=False))


# -- github ----------------------------------------------------------------------


def _github_escape(text: str, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github(result: LintReport) -> None:
    for problem in result.problems:
        print(
            f"::error file={_github_escape(problem.path, True)},line={problem.line},"
            f"col={problem.column},title=unusable input::{_github_escape(problem.message)}"
        )
    for finding in result.findings:
        where = finding.location
        print(
            f"::{finding.severity.value} file={_github_escape(where.path, True)},"
            f"line={where.line},col={where.column},title={_github_escape(finding.rule, True)}"
            f"::{_github_escape(finding.message)}"
        )
    # annotations are capped per run: the summary tells the whole story
    print(summary(result))


# -- sarif -----------------------------------------------------------------------

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def _uri(path: str) -> str:
    """A relative URI reference (spaces and the like percent-encoded), or a file: URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix())


def _sarif_location(
    path: str, line: int, column: int, message: str | None = None
) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(path)},
            "region": {"startLine": line, "startColumn": column},
        }
    }
    if message:
        location["message"] = {"text": message}
    return location


def _sarif_rules() -> list[dict[str, Any]]:
    rules = []
    for rule in RULES:
        doc = ruledocs.parse(rule)
        rules.append(
            {
                "id": rule.ID,
                "name": "".join(part.title() for part in rule.ID.split("-")),
                "shortDescription": {"text": doc.summary},
                "fullDescription": {"text": doc.description or doc.summary},
                "defaultConfiguration": {"level": _LEVELS.get(rule.SEVERITY, "warning")},
                "properties": {"fixable": bool(rule.FIXABLE)},
            }
        )
    return rules


def _sarif_result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    where = finding.location
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [_sarif_location(where.path, where.line, where.column)],
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    related = finding.data.get("related") if isinstance(finding.data, dict) else None
    if related:
        result["relatedLocations"] = [
            {"id": n, **_sarif_location(r["path"], r["line"], r["column"], r.get("message"))}
            for n, r in enumerate(related)
        ]
    return result


def _sarif(result: LintReport) -> None:
    rules = _sarif_rules()
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    notifications = [
        {
            "level": "error",
            "message": {"text": problem.message},
            "locations": [_sarif_location(problem.path, problem.line, problem.column)],
        }
        for problem in result.problems
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "nl",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                # columns count characters, as everywhere in nl
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not result.problems,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": [_sarif_result(f, index) for f in result.findings],
            }
        ],
    }
    print(json.dumps(log, indent=2, ensure_ascii=False))
