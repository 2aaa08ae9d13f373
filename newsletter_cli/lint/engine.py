"""The lint engine: find the drafts, check each once, gather and sort the findings, fix.

Each draft is read once and analysed once (``text.analysis.DraftText``, made through the
run's ``RuleContext``); ``lint.checking`` runs the rules on that analysis and stamps each
violation with its rule id and the severity the workspace asks for (``lint.config``). Here
the findings on the archive's standing text are left out (unless strict), and the report
decides the exit code. Results are cached per draft (``lint.cache``); large runs use worker
processes (``lint.workers``). The engine also runs the safe fixes (``--fix``/``--diff``).
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

from newsletter_cli.draft import storage
from newsletter_cli.draft.finder import find_drafts
from newsletter_cli.draft.model import Draft
from newsletter_cli.draft.tomlsource import scan
from newsletter_cli.draft.workspace import Workspace
from newsletter_cli.errors import (
    ConflictError,
    DraftError,
    ExitCode,
    Problem,
    UsageError,
    display_path,
)
from newsletter_cli.lint import fixes
from newsletter_cli.lint.archive_index import ArchiveIndex, content_key, file_key
from newsletter_cli.lint.cache import ResultCache, StandingVerdicts, digest, run_stamp
from newsletter_cli.lint.checking import (
    PARALLEL_MIN,
    QUIET_ON_STANDING_TEXT,
    Job,
    Outcome,
    RuleError,
    Task,
    load,
    run_rules,
)
from newsletter_cli.lint.config import ActiveRule, configure
from newsletter_cli.lint.findings import Finding, Fix, RuleContext, Severity
from newsletter_cli.text.analysis import DraftText

#: How many times --fix re-checks a draft after fixing it (a fix can uncover another).
MAX_FIX_PASSES = 10


@dataclass
class LintReport:
    """What one `nl lint` run found."""

    findings: list[Finding] = field(default_factory=list)
    #: Input that could not be used (unreadable or invalid drafts, unknown rule ids).
    problems: list[Problem] = field(default_factory=list)
    #: How many drafts were read and checked (unusable ones are in ``problems``).
    files: int = 0
    #: Drafts a rule failed on, a bug in nl (also in ``problems``, so that they are shown).
    crashes: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def fixable(self) -> int:
        return sum(1 for f in self.findings if f.fixes)

    def exit_code(self, strict: bool = False) -> ExitCode:
        if self.crashes:
            return ExitCode.INTERNAL
        if self.problems:
            return ExitCode.UNUSABLE
        if self.errors or (strict and self.warnings):
            return ExitCode.PROBLEMS
        return ExitCode.OK


@dataclass
class FixResult:
    """What --fix or --diff did to the drafts."""

    #: Per changed file: its path, the text before and the text after.
    changes: list[tuple[Path, str, str]] = field(default_factory=list)
    fixed: int = 0
    #: Drafts that could not be read, left alone.
    problems: list[Problem] = field(default_factory=list)
    #: Drafts and findings left unfixed, each with the reason (changed since it was checked,
    #: a repeat that is not the same text, ...).
    skipped: list[str] = field(default_factory=list)

    def diff(self) -> str:
        return "".join(
            fixes.unified_diff(before, after, display_path(path))
            for path, before, after in self.changes
        )


# -- running --------------------------------------------------------------------

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _without_gc_pauses(run: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run with Python's cycle collector paused, as a batch job may.

    A lint run builds hundreds of thousands of objects that live to its end (drafts,
    paragraphs, analyses, the archive index) and makes next to no reference cycles; the
    collector kept walking them all, a sixth of the run's time on 1,000 drafts. Memory
    is still freed by reference counting; the collector runs again once the call returns.
    That is why the analyses make no reference cycles (a passage locates through the draft,
    not through a closure over its analysis): the first collection after the call walked all
    that such cycles kept alive, 0.13 s after linting 420 real issues.
    """

    @functools.wraps(run)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return run(*args, **kwargs)
        gc.disable()
        try:
            return run(*args, **kwargs)
        finally:
            gc.enable()

    return paused


def _archive_paths(
    workspace: Workspace,
    archive: bool | Path,
    targets: Iterable[Path],
    listed: tuple[Path, list[Path]] | None = None,
) -> tuple[Path, ...]:
    """The drafts of the archive; ``listed`` is a folder and its ``find_drafts`` if known."""
    if archive is False:
        return ()
    if isinstance(archive, Path):
        if not archive.is_dir():
            raise UsageError(f"--archive {display_path(archive)}: no such folder")
        folder = archive
    else:
        folder = workspace.issues_path
    if listed is not None and file_key(listed[0]) == file_key(folder) and folder.is_dir():
        found = listed[1]  # `nl lint` with no path: the folder was just listed
    else:
        found, _ = find_drafts([folder], workspace) if folder.is_dir() else ([], [])
    everything: dict[str, Path] = {}
    for path in [*found, *targets]:
        everything.setdefault(file_key(path), path)
    return tuple(everything.values())


@_without_gc_pauses
def lint_paths(
    paths: Sequence[Path],
    workspace: Workspace,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    archive: bool | Path = True,
    strict: bool = False,
) -> LintReport:
    """Lint every draft at ``paths`` (files or folders); unusable files become problems.

    Results are cached per draft (see ``lint.cache``): a draft whose bytes, settings and
    archive have not changed since the last run is not even parsed. Findings on the
    archive's standing text are left out unless ``strict`` (see ``QUIET_ON_STANDING_TEXT``).
    """
    active = configure(workspace, select, ignore)
    files, problems = find_drafts(paths, workspace)
    report = LintReport(problems=problems)
    local = [r for r in active if not r.module.USES_ARCHIVE]
    across = [r for r in active if r.module.USES_ARCHIVE]
    listed = (paths[0], files) if len(paths) == 1 and not problems else None
    archive_paths = _archive_paths(workspace, archive, files, listed)
    results = ResultCache(workspace.cache_path if workspace.config_path is not None else None)
    stamp = run_stamp(workspace.settings, [f"{r.id}|{r.options!r}|{r.severity}" for r in active])
    raw: dict[str, bytes] = {}  # each draft's bytes, read once: hashed here, parsed when checked
    contents = {file_key(path): _content_key(path, raw) for path in files}
    state = _archive_state(archive_paths, contents) if across else ""

    todo: list[Task] = []
    for path in files:
        content = contents[file_key(path)]
        if content is None:  # unreadable: loading says why
            todo.append(Task(path, "", "", True, True))
            continue
        local_key = digest("local", stamp, content, str(path))
        across_key = digest("archive", stamp, content, str(path), state)
        have_local = results.get(local_key)
        have_across = results.get(across_key) if across else ([], [])
        for have in (have_local, have_across):
            if have is not None:
                report.findings.extend(have[0])
                report.problems.extend(have[1])
        if have_local is None or have_across is None:
            todo.append(Task(path, local_key, across_key, have_local is None, have_across is None))
        else:
            report.files += 1

    job = Job(workspace, local, across, archive_paths, contents, raw)
    context = RuleContext(workspace, archive=archive_paths)
    outcomes = None
    if len(todo) >= PARALLEL_MIN:
        from newsletter_cli.lint import workers  # imports multiprocessing: only for big runs

        count = workers.workers_wanted(len(todo))
        if count > 1:
            outcomes = workers.check_in_workers(todo, job, count, context)
    if outcomes is None:
        outcomes = _check_here(todo, job, context)
    for outcome in outcomes:
        report.problems.extend(outcome.unusable)
        report.problems.extend(outcome.crashed)
        report.crashes.extend(outcome.crashed)
        if outcome.unusable or outcome.crashed:
            continue  # nothing of it is cached: the next run checks it again
        report.files += 1
        if outcome.local is not None:
            report.findings.extend(outcome.local[0])
            report.problems.extend(outcome.local[1])
            results.put(outcome.task.local_key, *outcome.local)
        if outcome.across is not None:
            report.findings.extend(outcome.across)
            results.put(outcome.task.across_key, outcome.across, [])
    results.save()
    if not strict:
        verdicts = StandingVerdicts(results.folder, digest(stamp, state) if across else None)
        report.findings = without_standing_text(report.findings, context, verdicts)
        verdicts.save()
    report.findings.sort()
    report.problems.sort()
    return report


def _check_here(
    todo: Sequence[Task], job: Job, context: RuleContext | None = None
) -> list[Outcome]:
    """Check the drafts in this process: each is parsed from the bytes the run hashed
    (``checking.load``) and analysed once, and its analysis serves the rules and the archive
    index alike (``context`` keeps them for the caller)."""
    if context is None:
        context = RuleContext(job.workspace, archive=job.archive)
    outcomes = [Outcome(task) for task in todo]
    for outcome in outcomes:
        key = file_key(outcome.task.path)
        try:
            draft = load(outcome.task.path, job)
        except DraftError as error:
            outcome.unusable = list(error.problems)
            continue
        context.loaded[key] = (job.contents.get(key) or "", context.analyse(draft))
    if job.across and any(task.needs_across for task in todo) and context.archive:
        context.archive_index()  # built before the first draft is checked, from what was read
    for outcome in outcomes:
        entry = context.loaded.get(file_key(outcome.task.path))
        if entry is None:
            continue
        analysis = entry[1]
        if outcome.task.needs_local:
            outcome.local = outcome.run(analysis, job.local, context)
        if outcome.task.needs_across and job.across and not outcome.crashed:
            found = outcome.run(analysis, job.across, context)
            outcome.across = found[0] if found is not None else None
    return outcomes


def _content_key(path: Path, keep: dict[str, bytes] | None = None) -> str | None:
    """The cache key of a draft's bytes (None if unreadable); the bytes go to ``keep``."""
    from newsletter_cli.draft.readfile import UnreadableFile, read_regular
    from newsletter_cli.draft.tomlsource import MAX_BYTES

    try:
        data = read_regular(path, MAX_BYTES, what="draft")
    except UnreadableFile:
        return None
    if keep is not None:
        keep[file_key(path)] = data
    return content_key(data)


def _archive_state(paths: Sequence[Path], known: dict[str, str | None]) -> str:
    """What the archive holds now: the name and content of every draft in it."""
    parts: list[str] = []
    for path in paths:
        key = file_key(path)
        content = known[key] if key in known else _content_key(path)
        parts.append(f"{key}\x00{content}")
    return digest(*sorted(parts))


#: The archive as the engine saw it last time (its drafts, their index), while it is unchanged:
#: `nl new` and `nl preview` check draft after draft against the same archive.
_LAST_ARCHIVE: dict[str, RuleContext] = {}


def lint_draft(
    draft: Draft,
    workspace: Workspace,
    *,
    archive: bool = True,
    strict: bool = False,
    context: RuleContext | None = None,
) -> list[Finding]:
    """The findings of one draft in memory (for `nl new` and the gate of `nl export`);
    those on the archive's standing text are left out unless ``strict``. A ``context`` from
    ``archive_context``, made once for many drafts (`nl export`), spares listing and reading
    the archive again for each. The draft's analysis is its own: a context may outlive many
    drafts (`nl preview` keeps one while the archive is unchanged), and what a run learns
    about paragraph texts is kept only for the run."""
    active = configure(workspace)
    strict = strict or workspace.settings.lint.strict
    if context is None:
        context = archive_context(workspace, archive=archive, strict=strict)
    found, _ = run_rules(DraftText(draft, workspace.settings), active, context)
    return sorted(found if strict else without_standing_text(found, context))


def archive_context(
    workspace: Workspace, *, archive: bool = True, strict: bool = False
) -> RuleContext:
    """The archive for ``lint_draft``, with what the rules built for it last time while the
    archive is unchanged (its index)."""
    active = configure(workspace)
    paths = _archive_paths(workspace, archive, ())
    strict = strict or workspace.settings.lint.strict
    quiet = not strict and any(r.id in QUIET_ON_STANDING_TEXT for r in active)
    if not paths or not (quiet or any(r.module.USES_ARCHIVE for r in active)):
        return RuleContext(workspace, archive=paths)
    state = digest(repr(workspace.settings), _archive_state(paths, {}))
    context = _LAST_ARCHIVE.get(state)
    if context is None:
        context = RuleContext(workspace, archive=paths)
        _LAST_ARCHIVE.clear()
        _LAST_ARCHIVE[state] = context
    return context


def prepare(active: Sequence[ActiveRule], context: RuleContext) -> None:
    """Build the archive index up front when a rule needs it (`nl export` does, before it
    forks its workers, which then share it)."""
    if context.archive and any(rule.module.USES_ARCHIVE for rule in active):
        context.archive_index()


def without_standing_text(
    findings: list[Finding], context: RuleContext, verdicts: StandingVerdicts | None = None
) -> list[Finding]:
    """The findings but those of ``QUIET_ON_STANDING_TEXT`` rules on standing text.

    Which text is standing is known from the archive index, built once per run (and not
    at all when no finding could be on standing text, when there is no archive, or when
    ``verdicts`` of an earlier run over the same archive already know every paragraph).
    """
    if not context.archive or not any(f.paragraph for f in findings):
        return findings
    known = verdicts if verdicts is not None else StandingVerdicts(None, None)
    index: ArchiveIndex | None = None
    kept: list[Finding] = []
    for finding in findings:
        if finding.paragraph:
            where = finding.location.path
            standing = known.get(where, finding.paragraph)
            if standing is None:
                if index is None:
                    index = context.archive_index()
                standing = index.standing(finding.paragraph, Path(where))
                known.put(where, finding.paragraph, standing)
            if standing:
                continue
        kept.append(finding)
    return kept


# -- fixing ---------------------------------------------------------------------


@_without_gc_pauses
def fix_paths(
    paths: Sequence[Path],
    workspace: Workspace,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    archive: bool | Path = True,
    write: bool = True,
) -> FixResult:
    """Apply the safe fixes to the drafts at ``paths``; with ``write=False`` only compute them.

    Unusable files are left alone (the lint report that follows names them).
    """
    active = [r for r in configure(workspace, select, ignore) if r.module.FIXABLE]
    files, missing = find_drafts(paths, workspace)
    result = FixResult(problems=missing)
    if not active:
        return result
    context = RuleContext(workspace, archive=_archive_paths(workspace, archive, files))
    linted: dict[str, bytes] = {}
    for path in files:
        try:
            draft, data = storage.load_with_bytes(path)
        except DraftError as error:
            result.problems.extend(error.problems)
            continue
        context.loaded[file_key(path)] = (content_key(data), context.analyse(draft))
        linted[file_key(path)] = data
    for key, (_content, analysis) in list(context.loaded.items()):
        draft = analysis.draft
        shown = draft.display_path
        try:
            fixed, count, left = _fix_draft(analysis, active, context)
        except RuleError as error:  # the lint report that follows says it again, exit 70
            result.skipped.append(f"{shown}: internal error: {error}; not fixed")
            continue
        result.skipped.extend(left)
        if count == 0 or draft.path is None:
            continue
        # the fixes are applied to the text that was checked, never to a later version
        before = linted[key].decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        if _inline_sections(before):
            result.skipped.append(f"{shown}: {INLINE_SECTIONS}; not fixed")
            continue
        after = storage.dumps(fixed, before)
        if after == before:
            continue
        if write and not save_if_unchanged(draft.path, linted[key], fixed):
            result.skipped.append(f"{shown}: changed since it was checked; not fixed")
            continue
        result.changes.append((draft.path, before, after))
        result.fixed += count
    return result


#: Why a draft whose sections are written as ``sections = [{...}, ...]`` is not fixed.
INLINE_SECTIONS = (
    "its sections are an inline array (sections = [...]), which --fix would rewrite as "
    "[[sections]] tables, losing the comments in it"
)


def _inline_sections(text: str) -> bool:
    """Whether the draft's sections are an inline array rather than ``[[sections]]`` tables."""
    if "sections" not in text:
        return False
    import tomlkit
    from tomlkit.items import Array

    return isinstance(tomlkit.parse(text).get("sections"), Array)


def save_if_unchanged(path: Path, linted: bytes, fixed: Draft) -> bool:
    """Save ``fixed`` over the draft at ``path`` if the file still holds ``linted``, the bytes
    the fixes were worked out from; False, writing nothing, if it changed or is gone.

    A symbolic link is written through: the target gets the fixed draft (atomically, next
    to it) and the link stays a link. Another `nl` saving the same file waits for the lock;
    an editor takes none, so an edit saved in the instant between the comparison and the
    rename can still be lost.
    """
    try:
        storage.save(fixed, path, expected=linted)
    except ConflictError:  # changed, vanished or replaced since it was read
        return False
    return True


def _fix_draft(
    analysis: DraftText, active: Sequence[ActiveRule], context: RuleContext
) -> tuple[Draft, int, list[str]]:
    """The draft with its fixes applied, pass after pass; how many findings were fixed; and
    the findings a fixable rule left alone on purpose, each with why (as the file was). The
    first pass reads the draft's analysis as the run made it; each later pass a new one."""
    draft = analysis.draft
    count = 0
    left: list[str] = []
    for number in range(MAX_FIX_PASSES):
        findings, _ = run_rules(analysis if number == 0 else draft, active, context)
        if number == 0:
            left = [
                f"{f.location}: {f.rule} not fixed: {f.data['not_fixed']}"
                for f in findings
                if not f.fixes and f.data.get("not_fixed")
            ]
        fixable = [f for f in findings if f.fixes]
        if not fixable:
            break
        taken: list[Finding] = []
        edits: list[Fix] = []
        for finding in sorted(fixable, key=lambda f: -f.location.line):
            candidate = [*edits, *finding.fixes]
            if _overlap(candidate):
                continue
            edits = candidate
            taken.append(finding)
        draft, _applied = fixes.apply(draft, edits)
        draft = _remap(draft)
        count += len(taken)
    return draft, count, left


def _overlap(edits: Sequence[Fix]) -> bool:
    spans = sorted((str(e.field), e.start, e.end) for e in edits)
    return any(a[0] == b[0] and b[1] < a[2] for a, b in itertools.pairwise(spans))


def _remap(draft: Draft) -> Draft:
    """The draft with positions that match its new text (for the next pass)."""
    text = storage.dumps(draft)
    return dataclasses.replace(draft, source=scan(text))
