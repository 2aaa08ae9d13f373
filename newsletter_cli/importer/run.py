"""`nl import`: many old issues become drafts in one run, with a summary of what was guessed.

One bad file never stops the run; the drafts are written in date order, each under a name
of its own (a draft that is there already is never overwritten unasked).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from newsletter_cli.draft.fields import brief
from newsletter_cli.draft.slug import draft_name as slug_draft_name
from newsletter_cli.draft.slug import slugify
from newsletter_cli.errors import ExitCode, UsageError, display_path
from newsletter_cli.importer.imported import UNFILLED_VARIABLES, FromOption, Imported, SourceError
from newsletter_cli.importer.sources import collect, import_file

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
            if _write(item, target, force=force):
                report.written.append((target, item))
            else:
                report.existing.append(target)
            if on_progress:
                on_progress(target.name)
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _write(item: Imported, target: Path, *, force: bool) -> bool:
    """Write the draft to ``target``; False when the name is taken and ``force`` is not given.

    A new draft claims its name atomically (``atomic.create_new``): of two imports writing
    into one folder at once, one writes the draft and the other finds the name taken, as it
    would have one run after the other; neither overwrites the other's draft. A name in use,
    even by a broken symbolic link, is never written through unasked. With ``force`` an
    existing draft is replaced: by ``storage.save``, which keeps its comments, when the
    import has no date note; with a date note it is written anew as ``_new_draft_text``
    makes it, the note as a comment above ``date``, and the existing file's comments are
    not kept.
    """
    from newsletter_cli.atomic import create_new, write_atomic
    from newsletter_cli.draft import storage
    from newsletter_cli.errors import ExistsError

    draft = replace(item.draft, path=None)
    if not (force and (target.exists() or target.is_symlink())):
        try:
            create_new([target], _new_draft_text(item))
            return True
        except ExistsError:
            if not force:
                return False
    if item.date_note is None:
        storage.save(draft, target)
    else:
        write_atomic(target, _new_draft_text(item))
    return True


def _new_draft_text(item: Imported) -> str:
    """The draft as a new file; a date note goes in as a TOML comment right above ``date``."""
    from newsletter_cli.draft import storage

    text = storage.dumps(replace(item.draft, path=None))
    if item.date_note is None:
        return text
    lines = text.split("\n")
    at = next(
        (n for n, line in enumerate(lines) if line.startswith("date = ")),
        next(n for n, line in enumerate(lines) if line and not line.startswith("#")),
    )
    lines.insert(at, f"# date: {item.date_note}")
    return "\n".join(lines)


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
