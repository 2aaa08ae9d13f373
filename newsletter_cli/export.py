"""`nl export`: drafts -> PDF, web page (and email, text) in the workspace's ``out/``.

For each draft: load it, refuse it if the linter finds errors (unless
forced), check that every image is a file in the draft's folder, render every
requested output in memory, and only then write them all, each atomically.
Several drafts run in a pool of processes, one per core; a draft that fails
is reported and the others go on.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from newsletter_cli import console, drafts
from newsletter_cli.atomic import write_atomic
from newsletter_cli.errors import (
    ExitCode,
    NewsletterError,
    SaveError,
    UsageError,
    display_path,
)
from newsletter_cli.finder import find_drafts
from newsletter_cli.images import LocalImage, check_images, check_words
from newsletter_cli.model import Draft
from newsletter_cli.render import Theme, build_context, render_template, resolve_theme
from newsletter_cli.workspace import Workspace, load_workspace

if TYPE_CHECKING:
    from newsletter_cli.pdf import PdfProcess, PdfResult

DEFAULT_FORMATS = frozenset({"pdf", "html"})


@dataclass(frozen=True)
class ExportOptions:
    """What the command line asked for."""

    formats: frozenset[str] = DEFAULT_FORMATS
    output: Path | None = None
    theme: str | None = None
    paper: str | None = None
    bleed: str = ""
    crop_marks: bool = False
    pdf_variant: str | None = None
    force: bool = False

    @classmethod
    def from_flags(
        cls,
        *,
        pdf: bool = False,
        html: bool = False,
        email: bool = False,
        text: bool = False,
        eml: bool = False,
        output: Path | None = None,
        theme: str | None = None,
        paper: str | None = None,
        bleed: str = "",
        crop_marks: bool = False,
        pdf_variant: str | None = None,
        force: bool = False,
    ) -> ExportOptions:
        """Options from command-line flags, checked; no format flag means PDF and web page."""
        from newsletter_cli.pdf import PDF_VARIANTS, check_length

        flags = (("pdf", pdf), ("html", html), ("email", email), ("text", text), ("eml", eml))
        chosen = {name for name, wanted in flags if wanted}
        if bleed:
            try:
                bleed = check_length(bleed)
            except ValueError as reason:
                raise UsageError(f"--bleed: {reason}") from None
        if pdf_variant is not None and pdf_variant.lower() not in PDF_VARIANTS:
            raise UsageError(
                f"--pdf-variant: {pdf_variant!r} is not one of {', '.join(PDF_VARIANTS)}"
            )
        return cls(
            formats=frozenset(chosen) or DEFAULT_FORMATS,
            output=output,
            theme=theme,
            paper=paper,
            bleed=bleed,
            crop_marks=crop_marks,
            pdf_variant=pdf_variant.lower() if pdf_variant else None,
            force=force,
        )


@dataclass(frozen=True)
class Job:
    """One draft to export, with everything a worker process needs."""

    path: Path
    workspace: Workspace
    theme: Theme
    out_dir: Path
    options: ExportOptions


@dataclass
class DraftResult:
    """What happened to one draft."""

    path: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    exit_code: ExitCode = ExitCode.OK
    pages: int | None = None


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


def lint_gate(draft: Draft, workspace: Workspace) -> list[str]:
    """The linter's errors for a draft, one line each; empty when it may be exported."""
    from newsletter_cli.findings import Severity
    from newsletter_cli.linter import lint_draft

    findings = lint_draft(draft, workspace)
    return [
        f"{f.location}: {f.message} [{f.rule}]" for f in findings if f.severity is Severity.ERROR
    ]


# ---------------------------------------------------------------- output files


#: The file each format writes, named after the draft: ``<stem><suffix>``.
SUFFIXES: Mapping[str, str] = {
    "pdf": ".pdf",
    "html": ".html",
    "email": ".email.html",
    "text": ".txt",
    "eml": ".eml",
}


def assets_folder(stem: str) -> str:
    """Where the web page's images go, beside it: ``<stem>_files/``."""
    return f"{stem}_files"


def output_names(stem: str, formats: Iterable[str]) -> list[str]:
    """The names a draft's export takes in the output folder (files, and the images' folder)."""
    chosen = set(formats)
    names = [f"{stem}{SUFFIXES[name]}" for name in SUFFIXES if name in chosen]
    if "html" in chosen:
        names.append(assets_folder(stem))
    return names


def page_href(stem: str) -> str:
    """The address of a draft's web page, relative to its folder: the file name, URL-quoted
    (a draft named ``news #3.toml`` has its page at ``news%20%233.html``)."""
    return quote(f"{stem}.html")


def asset_href(stem: str, relative: str) -> str:
    """The address of an image copied beside a draft's web page, URL-quoted."""
    return quote(f"{assets_folder(stem)}/{relative}")


#: What an output file's name ends with: a value of ``-o`` ending so is a file name, not a folder.
OUTPUT_SUFFIXES = (".pdf", ".html", ".htm", ".txt", ".eml", ".xml")


def check_output_folder(output: Path | None) -> None:
    """``-o`` names a folder (the files in it are named after each draft): refuse a file, and
    a name that reads as a file (``-o june.pdf``) unless that folder already exists."""
    if output is None or output.is_dir():
        return
    shown = display_path(output)
    if output.exists():
        raise UsageError(f"-o {shown}: not a folder; -o names the folder to write into")
    if output.suffix.lower() in OUTPUT_SUFFIXES:
        folder = display_path(output.parent) if str(output.parent) != "." else "."
        where = "this folder" if folder == "." else folder
        raise UsageError(
            f"-o {shown}: -o names a folder, not a file (the files in it are named after each "
            f"draft: june.toml gives june.pdf, june.html, ...); to write into {where}, "
            f"use -o {folder}"
        )


def open_outputs(paths: Sequence[Path]) -> None:
    """Open what was written with the system's viewer; say so when nothing can open it."""
    import shutil
    import subprocess
    import sys

    if not paths:
        return
    failed: list[Path] = []
    if sys.platform == "win32":
        for path in paths:
            try:
                os.startfile(path)  # type: ignore[attr-defined,unused-ignore]
            except OSError:
                failed.append(path)
    else:
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        desktop = sys.platform == "darwin" or any(
            os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY")
        )
        program = shutil.which(opener) if desktop else None
        for path in paths:
            try:
                if program is None:
                    raise OSError
                subprocess.Popen(
                    [program, str(path)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            except OSError:
                failed.append(path)
    if failed:
        reason = "" if sys.platform in ("win32", "darwin") else " (no desktop, or no xdg-open)"
        console.warning(
            f"--open: nothing here can open files{reason}; open "
            f"{', '.join(display_path(p) for p in failed)} by hand"
        )


def write_outputs(out_dir: Path, pending: Iterable[tuple[Path, bytes | str]]) -> None:
    """Write each file (a path inside ``out_dir``) atomically, making its folders.

    A symbolic link found where one of those folders or files goes (``<stem>_files/``, a
    folder in it, ``<stem>.html``) is replaced by a real folder or file: nothing is ever
    written through a link to somewhere else (``write_atomic`` writes through links, as
    drafts want). ``out_dir`` itself may be a link (a web server's folder, say): the person
    chose it.
    """
    for path, data in pending:
        _make_folders(out_dir, path.parent.relative_to(out_dir))
        if path.is_symlink():
            try:
                path.unlink()
            except OSError as error:
                reason = error.strerror or str(error)
                shown = display_path(path)
                raise SaveError(f"{shown}: cannot replace the link: {reason}") from error
        write_atomic(path, data)


def _make_folders(out_dir: Path, relative: Path) -> None:
    here = out_dir
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for part in relative.parts:
            here = here / part
            if here.is_symlink():
                here.unlink()
            if not here.is_dir():
                here.mkdir()
    except OSError as error:
        raise SaveError(f"{display_path(here)}: cannot create folder: {error.strerror}") from error


PdfWriter = Callable[..., "PdfResult"]


def export_one(job: Job, pdf_writer: PdfWriter | None = None) -> DraftResult:
    """Export one draft; our errors become the result's errors, never an exception."""
    result = DraftResult(job.path)
    try:
        _export(job, result, pdf_writer)
    except NewsletterError as error:
        result.errors.extend(line for chunk in error.lines() for line in chunk.splitlines())
        result.exit_code = error.exit_code
    return result


@dataclass(frozen=True)
class Prepared:
    """A draft that passed the gate, with its images checked."""

    job: Job
    draft: Draft
    images: Mapping[str, LocalImage]

    @property
    def stem(self) -> str:
        return self.job.path.stem

    def web_src(self, src: str) -> str:
        """An image's address in the web page: its copy in ``<stem>_files/``."""
        image = self.images.get(src)
        return asset_href(self.stem, image.relative) if image else src


Output = tuple[Path, bytes | str]


def _export(job: Job, result: DraftResult, pdf_writer: PdfWriter | None = None) -> None:
    draft = drafts.load(job.path)
    if not job.options.force:
        errors = lint_gate(draft, job.workspace)
        if errors:
            result.errors.extend(errors)
            result.errors.append(
                f"{draft.display_path}: not exported: fix the errors above or use --force"
            )
            result.exit_code = ExitCode.PROBLEMS
            return
    prepared = Prepared(job, draft, check_images(draft))
    formats = job.options.formats
    pending: list[Output] = []
    if "pdf" in formats:
        check_words(draft)
        pending.extend(_pdf(prepared, result, pdf_writer))
    if "html" in formats:
        pending.extend(_web_page(prepared))
    if formats & {"email", "text", "eml"}:
        pending.extend(_email_and_text(prepared, result))
    write_outputs(job.out_dir, pending)
    result.outputs.extend(path for path, _ in pending if path.parent == job.out_dir)


def _web_page(prepared: Prepared) -> list[Output]:
    job, stem = prepared.job, prepared.stem
    first = next(iter(prepared.images), None)
    context = build_context(
        prepared.draft,
        job.workspace,
        target="web",
        stem=stem,
        image_src=prepared.web_src,
        public_image=prepared.web_src(first) if first else "",
        paper=job.options.paper,
    )
    outputs: list[Output] = [
        (job.out_dir / f"{stem}.html", render_template(job.theme, "web.html", context))
    ]
    for image in prepared.images.values():
        outputs.append(
            (job.out_dir / assets_folder(stem) / image.relative, image.file.read_bytes())
        )
    return outputs


def _pdf(prepared: Prepared, result: DraftResult, writer: PdfWriter | None) -> list[Output]:
    from newsletter_cli.pdf import write_pdf

    write = writer or write_pdf
    job, draft = prepared.job, prepared.draft
    options = job.options
    context = build_context(
        draft,
        job.workspace,
        target="pdf",
        stem=prepared.stem,
        paper=options.paper,
        bleed=options.bleed,
        crop_marks=options.crop_marks,
    )
    pdf = write(
        render_template(job.theme, "pdf.html", context),
        base_folder=job.path.parent,
        allowed_folders=job.theme.folders,
        variant=options.pdf_variant,
        name=draft.display_path,
    )
    if pdf.missing_glyphs:
        shown = ", ".join(pdf.missing_glyphs[:12])
        more = f" and {len(pdf.missing_glyphs) - 12} more" if len(pdf.missing_glyphs) > 12 else ""
        result.warnings.append(
            f"{draft.display_path}: no installed font has {shown}{more}: the PDF shows empty "
            "boxes for them; install a font that covers them (the Noto fonts cover most "
            "scripts and emoji)"
        )
    result.warnings.extend(f"{draft.display_path}: {w}" for w in pdf.warnings)
    result.pages = pdf.pages
    return [(job.out_dir / f"{prepared.stem}.pdf", pdf.data)]


def _email_and_text(prepared: Prepared, result: DraftResult) -> list[Output]:
    from newsletter_cli.email import EmailImage, absolute_link, build_eml, render_email
    from newsletter_cli.plaintext import render_text

    job, draft, stem = prepared.job, prepared.draft, prepared.stem
    formats = job.options.formats
    images = {
        src: EmailImage(prepared.web_src(src), image.file) for src, image in prepared.images.items()
    }
    email = render_email(
        draft,
        job.workspace,
        job.theme,
        stem=stem,
        images=images,
        check_size=bool(formats & {"email", "eml"}),
    )
    page = email.context.page_url
    text = render_text(draft, email.context, link_href=lambda href: absolute_link(page, href))
    outputs: list[Output] = []
    if "email" in formats:
        result.warnings.extend(email.warnings)
        outputs.append((job.out_dir / f"{stem}.email.html", email.html))
    if "text" in formats:
        outputs.append((job.out_dir / f"{stem}.txt", text))
    if "eml" in formats:
        if "email" not in formats:
            result.warnings.extend(email.warnings)
        eml = build_eml(draft, email.context, text=text, html=email.html)
        outputs.append((job.out_dir / f"{stem}.eml", eml))
    return outputs


# ---------------------------------------------------------------- many drafts


def _warm_up(formats: frozenset[str]) -> None:
    """Import the heavy libraries once, before worker processes are forked from us."""
    import jinja2  # noqa: F401
    import markdown_it  # noqa: F401
    import nh3  # noqa: F401

    if "pdf" in formats:
        from newsletter_cli.pdf import _font_config

        _font_config()  # imports WeasyPrint without its raw DeprecationWarning


def _pdf_helper(paths: Sequence[Path], options: ExportOptions) -> PdfProcess | None:
    """For one draft with a PDF: a process that loads WeasyPrint while the draft is prepared.

    Started first thing, before the draft is even read, so that loading WeasyPrint (the
    slowest step) overlaps with everything else on a second core.
    """
    from newsletter_cli.pdf import PdfProcess

    one_file = len(paths) == 1 and paths[0].is_file()
    if "pdf" not in options.formats or not one_file or not PdfProcess.available():
        return None
    return PdfProcess()


def run(
    jobs: Sequence[Job],
    on_result: Callable[[DraftResult], None] | None = None,
    pdf_helper: PdfProcess | None = None,
) -> ExportReport:
    """Export every job; several at once in a process pool using every core."""
    results: list[DraftResult] = []

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
    if "pdf" in options.formats:
        from newsletter_cli.pdf import subsetting_notice

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
