"""`nl list`: the drafts of the workspace at a glance, newest first, with their lint status.

An archive can hold thousands of drafts, so nothing is parsed or linted twice:
each draft's row (title, date, counts) is cached under ``.nl-cache/`` by a hash
of the file's bytes, and its lint result by that hash together with

- a fingerprint of the settings and of this version of nl and its rules,
- a fingerprint of the issues that came out before it (the archive checks compare
  a draft with earlier issues, so adding the newest issue re-checks only that one,
  while editing an old one re-checks it and those after it).

Each draft is read once for its row: its bytes give the key, and only a draft
whose row is not in the cache is parsed, from those bytes. Only drafts whose lint
key is not in the cache are linted, in one run of the lint engine, which reads
those drafts a second time (the engine takes paths, not bytes).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from newsletter_cli import __version__, cachefile
from newsletter_cli.draft.readfile import UnreadableFile, read_regular
from newsletter_cli.draft.tomlsource import MAX_BYTES
from newsletter_cli.draft.workspace import Workspace
from newsletter_cli.errors import DraftError, Problem, display_path
from newsletter_cli.lint.archive_index import content_key
from newsletter_cli.lint.cache import code_stamp

CACHE_FILE = "list-v1.json"
_CACHE_VERSION = 1


@dataclass(frozen=True)
class Row:
    """One draft as `nl list` shows it."""

    path: Path
    title: str
    date: date | None
    number: int | None
    sections: int
    words: int
    #: None when the draft was not linted (``--no-lint``) or cannot be loaded.
    errors: int | None = None
    warnings: int | None = None
    #: Why the draft cannot be used, when it cannot.
    problem: str | None = None

    @property
    def status(self) -> str:
        if self.problem is not None:
            return "unusable"
        if self.errors is None or self.warnings is None:
            return "not checked"
        if not self.errors and not self.warnings:
            return "ok"
        parts = []
        if self.errors:
            parts.append(f"{self.errors} error{'s' if self.errors != 1 else ''}")
        if self.warnings:
            parts.append(f"{self.warnings} warning{'s' if self.warnings != 1 else ''}")
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = display_path(self.path)
        data["date"] = self.date.isoformat() if self.date else None
        data["status"] = self.status
        return data


@dataclass
class Listing:
    """The rows, newest first, and the drafts that could not be used."""

    rows: list[Row]
    problems: list[Problem]
    #: How many drafts were loaded and how many linted in this run (the rest came from cache).
    loaded: int = 0
    linted: int = 0


def list_drafts(
    workspace: Workspace,
    paths: Sequence[Path] | None = None,
    *,
    lint: bool = True,
    recheck: bool = False,
) -> Listing:
    """Rows for the drafts at ``paths`` (default: the issues folder), newest first;
    ``recheck`` lints every draft again instead of trusting the cache."""
    from newsletter_cli.draft import storage
    from newsletter_cli.draft.finder import find_drafts
    from newsletter_cli.lint import engine

    files, problems = find_drafts(paths, workspace)
    cache_dir = workspace.cache_path if workspace.config_path is not None else None
    cache = _read_cache(cache_dir)
    rows_cache: dict[str, Any] = cache.get("rows", {})
    lint_cache: dict[str, Any] = dict(cache.get("lint", {}))
    cached_lint = dict(lint_cache)
    fresh_rows: dict[str, Any] = {}
    rows: dict[Path, Row] = {}
    keys: dict[Path, str] = {}
    listing = Listing([], problems)
    for path in files:
        try:
            data = read_regular(path, MAX_BYTES, what="draft")  # the draft loader's limit
        except UnreadableFile as error:
            listing.problems.append(Problem(display_path(path), 1, 1, error.reason))
            continue
        key = content_key(data)
        keys[path] = key
        row = _row_from_json(path, rows_cache.get(key))
        if row is None:
            try:
                draft = storage.from_bytes(data, path)
            except DraftError as error:
                listing.problems.extend(error.problems)
                rows[path] = Row(path, "", None, None, 0, 0, problem=error.problems[0].message)
                continue
            listing.loaded += 1
            row = Row(
                path,
                draft.title,
                draft.date,
                draft.number,
                len(draft.sections),
                draft.word_count(),
            )
        fresh_rows[key] = _row_to_json(row)
        rows[path] = row

    fresh_lint: dict[str, Any] = {}
    if lint:
        lint_keys = _lint_keys(workspace, rows, keys)
        stale = [p for p, k in lint_keys.items() if recheck or k not in lint_cache]
        if stale:
            report = engine.lint_paths(stale, workspace)
            listing.linted = len(stale)
            counts = {display_path(p): [0, 0] for p in stale}
            for finding in report.findings:
                count = counts.get(finding.location.path)
                if count is not None:
                    count[0 if finding.severity.value == "error" else 1] += 1
            for path in stale:
                lint_cache[lint_keys[path]] = counts[display_path(path)]
        for path, lint_key in lint_keys.items():
            errors, warnings = lint_cache[lint_key]
            fresh_lint[lint_key] = [errors, warnings]
            rows[path] = replace(rows[path], errors=errors, warnings=warnings)
    elif cache:
        fresh_lint = dict(lint_cache)
    if cache_dir is not None and (fresh_rows != rows_cache or fresh_lint != cached_lint):
        _write_cache(cache_dir, {"rows": fresh_rows, "lint": fresh_lint})
    listing.rows = newest_first(rows.values())
    listing.problems.sort()
    return listing


def newest_first(rows: Iterable[Row]) -> list[Row]:
    """By date, then number, then file name, newest first; undated drafts last."""
    dated = [r for r in rows if r.date is not None]
    undated = [r for r in rows if r.date is None]
    dated.sort(key=lambda r: (r.date, r.number or 0, r.path.name), reverse=True)
    undated.sort(key=lambda r: (r.number or 0, r.path.name), reverse=True)
    return dated + undated


def _lint_keys(
    workspace: Workspace, rows: Mapping[Path, Row], keys: Mapping[Path, str]
) -> dict[Path, str]:
    """Per usable draft: a key that changes when its lint result may change."""
    settings = b""
    if workspace.config_path is not None:
        try:
            settings = workspace.config_path.read_bytes()
        except OSError:
            settings = b""
    chain = hashlib.blake2b(settings + (__version__ + code_stamp()).encode(), digest_size=16)
    ordered = sorted(
        (row for row in rows.values() if row.problem is None),
        key=lambda r: (r.date or date.max, r.number or 0, r.path.name),
    )
    result: dict[Path, str] = {}
    for row in ordered:
        # the digest of everything before this draft, then this draft itself
        result[row.path] = f"{keys[row.path]}:{chain.hexdigest()}"
        chain.update(keys[row.path].encode())
    return result


def _row_to_json(row: Row) -> dict[str, Any]:
    return {
        "title": row.title,
        "date": row.date.isoformat() if row.date else None,
        "number": row.number,
        "sections": row.sections,
        "words": row.words,
    }


def _row_from_json(path: Path, raw: Any) -> Row | None:
    if not isinstance(raw, dict):
        return None
    try:
        return Row(
            path,
            str(raw["title"]),
            date.fromisoformat(raw["date"]) if raw["date"] else None,
            int(raw["number"]) if raw["number"] is not None else None,
            int(raw["sections"]),
            int(raw["words"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _read_cache(cache_dir: Path | None) -> dict[str, Any]:
    if cache_dir is None:
        return {}
    raw = cachefile.read(cache_dir / CACHE_FILE, _CACHE_VERSION)
    rows, lint = raw.get("rows"), raw.get("lint")
    if not isinstance(rows, dict) or not isinstance(lint, dict):
        return {}
    lint = {k: v for k, v in lint.items() if isinstance(v, list) and len(v) == 2}
    return {"rows": rows, "lint": lint}


def _write_cache(cache_dir: Path, entries: Mapping[str, Any]) -> None:
    cachefile.write(cache_dir / CACHE_FILE, _CACHE_VERSION, entries)


def show(listing: Listing, output_format: str) -> None:
    """The table (text) or a JSON array on stdout; unusable drafts as errors on stderr."""
    from newsletter_cli import console

    if listing.problems:
        console.error(str(p) for p in listing.problems)
    if output_format == "json":
        console.plain(
            json.dumps([row.to_json() for row in listing.rows], indent=2, ensure_ascii=False)
        )
        return
    if not listing.rows and not listing.problems:
        console.info("No drafts here yet: `nl new` writes one, `nl import` brings old issues in.")
        return
    console.table(
        None,
        ("date", "no.", "title", "sections", "words", "lint", "file"),
        (
            (
                row.date.isoformat() if row.date else "-",
                str(row.number) if row.number is not None else "-",
                row.title if row.problem is None else "(cannot be loaded)",
                str(row.sections),
                str(row.words),
                row.status,
                display_path(row.path),
            )
            for row in listing.rows
        ),
        right=("no.", "sections", "words"),
        flex="title",
    )
