"""`nl export`: drafts -> PDF, web page (and email, text, eml) in the workspace's ``out/``.

For each draft: load it, refuse it if the linter finds errors (unless
forced), check that every image is a file in the draft's folder, render every
requested output in memory (each format as ``formats.FORMATS`` says), and only
then write them all, each atomically. Several drafts run in a pool of
processes, one per core; a draft that fails is reported and the others go on.
The archive the gate compares each draft with is read once per command.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsletter_cli import console
from newsletter_cli.draft import storage
from newsletter_cli.draft.finder import find_drafts
from newsletter_cli.draft.model import Draft
from newsletter_cli.draft.workspace import Workspace, load_workspace
from newsletter_cli.errors import ExitCode, NewsletterError, display_path
from newsletter_cli.output.formats import (
    DEFAULT_FORMATS,
    DraftResult,
    ExportOptions,
    Job,
    PdfWriter,
    Prepared,
    check_output_folder,
    needs_pdf_engine,
    open_outputs,
    output_names,
    render,
    write_outputs,
)
from newsletter_cli.output.images import check_images
from newsletter_cli.output.render import Theme, resolve_theme

if TYPE_CHECKING:
    from newsletter_cli.lint.findings import RuleContext
    from newsletter_cli.output.pdf import PdfProcess

#: Kept importable from here, where they were before the output registry.
__all__ = [
    "DEFAULT_FORMATS",
    "DraftResult",
    "ExportOptions",
    "ExportReport",
    "Job",
    "check_output_folder",
    "export_command",
    "export_one",
    "open_outputs",
    "plan",
    "run",
]


@dataclass
class ExportReport:
    results: list[DraftResult]

    @property
    def exit_code(self) -> ExitCode:
        return max((r.exit_code for r in self.results), default=ExitCode.OK)

    @property
    def outputs(self) -> list[Path]:
        return [p for r in self.results for p in r.outputs]


# ---------------------------------------------------------------- planning


def plan(paths: Sequence[Path], options: ExportOptions) -> list[Job]:
    """One job per draft, each with its workspace (found from the draft's folder) and theme."""
    by_folder: dict[Path, Workspace] = {}
    themes: dict[tuple[Path, str | None], Theme] = {}
    jobs: list[Job] = []
    here = load_workspace(Path.cwd())
    for path in find_drafts(paths, here, strict=True)[0]:
        folder = path.parent.resolve()
        if folder not in by_folder:
            found = load_workspace(folder)
            by_folder[folder] = found if found.config_path is not None else here
        workspace = by_folder[folder]
        key = (workspace.root, options.theme)
        if key not in themes:
            themes[key] = resolve_theme(workspace, options.theme)
        out_dir = options.output if options.output is not None else workspace.output_path
        jobs.append(Job(path, workspace, themes[key], out_dir, options))
    check_collisions(jobs)
    return jobs


class OutputCollisionError(NewsletterError):
    """Two drafts would write the same output file; nothing is written."""

    def lines(self) -> list[str]:
        return self.message.splitlines()


def check_collisions(jobs: Sequence[Job]) -> None:
    """Refuse, before anything is written, two drafts that would write the same file.

    ``issues/2025/news.toml`` and ``issues/2026/news.toml`` both make ``out/news.html``;
    so do ``june.email.toml --html`` and ``june.toml --email``. Names are compared without
    regard to case, as they are on the file systems of macOS and Windows and on many servers.
    """
    taken: dict[tuple[str, str], tuple[Job, str]] = {}
    problems: list[str] = []
    for job in jobs:
        folder = os.path.normcase(os.path.abspath(job.out_dir))
        for name in output_names(job.path.stem, job.options.formats):
            other, its_name = taken.setdefault((folder, name.casefold()), (job, name))
            if other is not job:
                same = "" if its_name == name else f" (as {its_name})"
                problems.append(
                    f"{display_path(job.path)}: would write {display_path(job.out_dir / name)}, "
                    f"which {display_path(other.path)} writes too{same}; rename one of them, "
                    "or export them separately to different folders (-o)"
                )
                break
    if problems:
        raise OutputCollisionError("\n".join([*problems, "nothing was exported"]))


# ---------------------------------------------------------------- one draft


#: Each workspace's archive as the gate sees it (its drafts, their index), made once per
#: command (``run`` starts afresh) and before the worker processes are forked, which inherit it.
_ARCHIVES: dict[Path, RuleContext] = {}


def gate_archive(workspace: Workspace, *, build: bool = False) -> RuleContext:
    """The archive of ``workspace`` for the gate, listed and read once per command; with
    ``build``, its index too (before forking, so that no worker builds it again)."""
    from newsletter_cli.lint.config import configure
    from newsletter_cli.lint.engine import archive_context, prepare

    context = _ARCHIVES.get(workspace.root)
    if context is None:
        context = _ARCHIVES[workspace.root] = archive_context(workspace)
    if build and context.archive:
        prepare(configure(workspace), context)
    return context


def lint_gate(draft: Draft, workspace: Workspace) -> list[str]:
    """The linter's errors for a draft, one line each; empty when it may be exported."""
    from newsletter_cli.lint.engine import lint_draft
    from newsletter_cli.lint.findings import Severity

    findings = lint_draft(draft, workspace, context=gate_archive(workspace))
    return [
        f"{f.location}: {f.message} [{f.rule}]" for f in findings if f.severity is Severity.ERROR
    ]


def export_one(job: Job, pdf_writer: PdfWriter | None = None) -> DraftResult:
    """Export one draft; our errors become the result's errors, never an exception."""
    result = DraftResult(job.path)
    try:
        _export(job, result, pdf_writer)
    except NewsletterError as error:
        result.errors.extend(line for chunk in error.lines() for line in chunk.splitlines())
        result.exit_code = error.exit_code
    return result


def _export(job: Job, result: DraftResult, pdf_writer: PdfWriter | None = None) -> None:
    draft = storage.load(job.path)
    if not job.options.force:
        errors = lint_gate(draft, job.workspace)
        if errors:
            result.errors.extend(errors)
            result.errors.append(
                f"{draft.display_path}: not exported: fix the errors above or use --force"
            )
            result.exit_code = ExitCode.PROBLEMS
            return
    pending = render(Prepared(job, draft, check_images(draft)), result, pdf_writer)
    write_outputs(job.out_dir, pending)
    result.outputs.extend(path for path, _ in pending if path.parent == job.out_dir)


# ---------------------------------------------------------------- many drafts


def _warm_up(formats: frozenset[str]) -> None:
    """Import the heavy libraries once, before worker processes are forked from us."""
    import jinja2  # noqa: F401
    import markdown_it  # noqa: F401
    import nh3  # noqa: F401

    if needs_pdf_engine(formats):
        from newsletter_cli.output.pdf import _font_config

        _font_config()  # imports WeasyPrint without its raw DeprecationWarning


def _pdf_helper(paths: Sequence[Path], options: ExportOptions) -> PdfProcess | None:
    """For one draft with a PDF: a process that loads WeasyPrint while the draft is prepared.

    Started first thing, before the draft is even read, so that loading WeasyPrint (the
    slowest step) overlaps with everything else on a second core.
    """
    from newsletter_cli.output.pdf import PdfProcess

    one_file = len(paths) == 1 and paths[0].is_file()
    if not needs_pdf_engine(options.formats) or not one_file or not PdfProcess.available():
        return None
    return PdfProcess()


def run(
    jobs: Sequence[Job],
    on_result: Callable[[DraftResult], None] | None = None,
    pdf_helper: PdfProcess | None = None,
) -> ExportReport:
    """Export every job; several at once in a process pool using every core."""
    results: list[DraftResult] = []
    _ARCHIVES.clear()

    def done(result: DraftResult) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result)

    if len(jobs) <= 1:
        writer = pdf_helper.write_pdf if pdf_helper is not None else None
        for job in jobs:
            done(export_one(job, writer))
        return ExportReport(results)

    from concurrent.futures import ProcessPoolExecutor, as_completed

    _warm_up(jobs[0].options.formats)
    gated = {job.workspace.root: job.workspace for job in jobs if not job.options.force}
    for workspace in gated.values():
        with contextlib.suppress(NewsletterError, OSError):  # each draft's gate reports it
            gate_archive(workspace, build=True)
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    with console.progress(len(jobs), "Exporting") as advance:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_quiet_on_interrupt)
        try:
            futures = {pool.submit(export_one, job): job for job in jobs}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    result = future.result()
                except Exception as error:  # a crash in one worker must not hide the others
                    result = DraftResult(
                        job.path,
                        errors=[f"{display_path(job.path)}: export failed: {error!r}"],
                        exit_code=ExitCode.UNUSABLE,
                    )
                advance(display_path(job.path))
                done(result)
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    order = {job.path: i for i, job in enumerate(jobs)}
    results.sort(key=lambda r: order[r.path])
    return ExportReport(results)


def _quiet_on_interrupt() -> None:
    """In a worker: Ctrl-C (sent to the whole process group) ends it quietly.

    The main process reports the interruption. A worker stops where it is (outputs are written
    atomically and their temporary files removed on the way out, so nothing half-written is
    left), and what the pool's machinery prints while it is torn down (an interrupted or closed
    queue) goes nowhere: every result and problem reaches the main process as a result.
    """

    def stop(signum: int, frame: object) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        raise SystemExit(int(ExitCode.INTERRUPTED))

    signal.signal(signal.SIGINT, stop)


def export_command(paths: Sequence[Path], options: ExportOptions) -> ExportReport:
    """Plan and run an export, reporting each draft as it finishes."""
    check_output_folder(options.output)
    helper = _pdf_helper(paths, options)
    if needs_pdf_engine(options.formats):
        from newsletter_cli.output.pdf import subsetting_notice

        notice = subsetting_notice()  # once per export, not once per draft
        if notice:
            console.warning(notice)
    try:
        return run(plan(paths, options), on_result=report_result, pdf_helper=helper)
    finally:
        if helper is not None:
            helper.close()


def report_result(result: DraftResult) -> None:
    """Tell the person what one draft produced, or why it did not."""
    for warning in result.warnings:
        console.warning(warning)
    if result.errors:
        console.error(result.errors)
        return
    shown = ", ".join(display_path(p) for p in result.outputs)
    pages = f" ({result.pages} page{'s' if result.pages != 1 else ''})" if result.pages else ""
    console.success(f"{display_path(result.path)} -> {shown}{pages}")
