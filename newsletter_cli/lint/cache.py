"""Lint results per draft, cached under ``.nl-cache/`` so that a re-run reads only what changed.

A draft's findings depend on its bytes, the settings, the rules (their code,
options and severities), the folder `nl` runs in (paths are shown relative to
it) and the day (rules may compare dates with today). All of that goes into
the key, so a stale entry is never used: it is simply not found. Findings of
rules that look at the archive also depend on every other draft of the
archive, and are cached under a second key that includes the archive's state.

The cache is one JSON file, with a checksum per entry; an entry that is damaged in any way
(its checksum, a field of the wrong type) is recomputed, as if it were not there.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from newsletter_cli import __version__, cachefile
from newsletter_cli.cachefile import typed
from newsletter_cli.draft.model import Location
from newsletter_cli.errors import Problem
from newsletter_cli.lint.findings import Finding, Fix, Severity

RESULTS_FILE = "lint-results-v1.json"
_VERSION = 1
_PACKAGE = Path(__file__).resolve().parents[1]


def digest(*parts: str) -> str:
    """A short stable hash of some strings, in order."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def code_stamp() -> str:
    """Size and time of change of every module of the program: new code, new results."""
    stamps: list[str] = []
    folders = [_PACKAGE, *(_PACKAGE / name for name in ("draft", "text", "lint", "lint/rules"))]
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".py"):
                info = entry.stat()
                stamps.append(f"{folder.name}/{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return digest(*stamps)


def run_stamp(settings: Any, rules: Iterable[str]) -> str:
    """Everything besides the draft itself that its findings depend on."""
    return digest(
        __version__,
        code_stamp(),
        repr(settings),
        *rules,
        date.today().isoformat(),
        str(Path.cwd()),
    )


class ResultCache:
    """Cached (findings, problems) by key; only the entries used in this run are kept."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._old: dict[str, Any] = self._read() if folder is not None else {}
        self._new: dict[str, Any] = {}
        self._rebuilt = False  # an entry was worked out afresh (missing, stale or damaged)

    def _read(self) -> dict[str, Any]:
        assert self.folder is not None
        return cachefile.read_entries(self.folder / RESULTS_FILE, _VERSION)

    def get(self, key: str) -> tuple[list[Finding], list[Problem]] | None:
        """The cached findings and problems, or None if missing or damaged in any way."""
        raw = self._old.get(key)
        if raw is None:
            return None
        try:
            findings = [_finding(item) for item in typed(raw["findings"], list)]
            problems = [_problem(item) for item in typed(raw["problems"], list)]
        except (KeyError, TypeError, ValueError):
            return None
        self._new[key] = raw
        return findings, problems

    def put(self, key: str, findings: Sequence[Finding], problems: Sequence[Problem]) -> None:
        self._rebuilt = True
        self._new[key] = {
            "findings": [_finding_json(f) for f in findings],
            "problems": [[p.path, p.line, p.column, p.message] for p in problems],
        }

    def save(self) -> None:
        """Best effort: a cache that cannot be written only makes the next run slower."""
        if self.folder is None or (not self._rebuilt and self._new.keys() == self._old.keys()):
            return
        cachefile.write_entries(self.folder / RESULTS_FILE, _VERSION, self._new)


STANDING_FILE = "standing-text-v1.json"


class StandingVerdicts:
    """Which finding's paragraph was the archive's standing text, for one state of the archive
    and the settings (``key``): a warm run leaves out findings on standing text without
    building the archive index. Any other key, or any damage, starts afresh."""

    def __init__(self, folder: Path | None, key: str | None) -> None:
        self.folder = folder if key is not None else None
        self.key = key
        self.known: dict[str, bool] = {}
        self._changed = False
        if self.folder is not None:
            raw = cachefile.read(self.folder / STANDING_FILE, _VERSION)
            verdicts = raw.get("verdicts")
            if raw.get("key") == key and isinstance(verdicts, dict):
                self.known = {k: v for k, v in verdicts.items() if isinstance(v, bool)}

    @staticmethod
    def _name(path: str, paragraph: str) -> str:
        return f"{path}\x00{paragraph}"

    def get(self, path: str, paragraph: str) -> bool | None:
        return self.known.get(self._name(path, paragraph))

    def put(self, path: str, paragraph: str, standing: bool) -> None:
        self.known[self._name(path, paragraph)] = standing
        self._changed = True

    def save(self) -> None:
        """Best effort, like the results: only time is lost when it cannot be written."""
        if self.folder is not None and self._changed:
            cachefile.write(
                self.folder / STANDING_FILE, _VERSION, {"key": self.key, "verdicts": self.known}
            )


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "at": [finding.location.path, finding.location.line, finding.location.column],
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "excerpt": finding.excerpt,
        "data": finding.data,
        "fixes": [[list(f.field), f.start, f.end, f.replacement] for f in finding.fixes],
        "paragraph": finding.paragraph,
    }


def _finding(raw: Any) -> Finding:
    """A finding from its cached form; ValueError (or KeyError, TypeError) if damaged."""
    path, line, column = typed(raw["at"], list)
    fixes = [_fix(item) for item in typed(raw["fixes"], list)]
    excerpt = raw["excerpt"]
    return Finding(
        location=Location(typed(path, str), typed(line, int), typed(column, int)),
        rule=typed(raw["rule"], str),
        severity=Severity(typed(raw["severity"], str)),
        message=typed(raw["message"], str),
        fix=fixes[0] if fixes else None,
        excerpt=typed(excerpt, str),
        data=typed(raw["data"], dict),
        extra_fixes=tuple(fixes[1:]),
        paragraph=typed(raw.get("paragraph", ""), str),
    )


def _fix(raw: Any) -> Fix:
    key, start, end, text = typed(raw, list)
    field = tuple(typed(part, str, int) for part in typed(key, list))
    return Fix(field, typed(start, int), typed(end, int), typed(text, str))


def _problem(raw: Any) -> Problem:
    path, line, column, message = typed(raw, list)
    return Problem(typed(path, str), typed(line, int), typed(column, int), typed(message, str))
