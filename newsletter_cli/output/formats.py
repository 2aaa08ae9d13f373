"""The output formats, in one registry: what each needs and what it writes.

`nl export`, `nl export --site` and `nl preview` all render through here: a format is one
entry of ``FORMATS`` (its name, the file it writes, what it needs, and the function that
renders it), and the web page has one renderer (``web_page``), the same for a single export
and for the site's pages. What a draft's export is given (``ExportOptions``, ``Job``), what
a renderer receives (``Prepared``) and what it gives back (``Output`` files, a
``DraftResult`` for its warnings) live here too, as do the names of the files and the one
way they are written (``write_outputs``).

To add a format: write its renderer, add an ``OutputFormat`` to ``FORMATS`` and a flag to
`nl export`; the file names, the collision check and the preview follow.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsletter_cli import console
from newsletter_cli.atomic import write_atomic
from newsletter_cli.draft.model import Draft
from newsletter_cli.draft.workspace import Workspace
from newsletter_cli.errors import ExitCode, SaveError, UsageError, display_path
from newsletter_cli.output.filenames import asset_href, assets_folder
from newsletter_cli.output.images import LocalImage
from newsletter_cli.output.render import Navigation, Theme, build_context, render_template

if TYPE_CHECKING:
    from newsletter_cli.output.pdf import PdfResult

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
        from newsletter_cli.output.pdf import PDF_VARIANTS, check_length

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


PdfWriter = Callable[..., "PdfResult"]


# ---------------------------------------------------------------- file names


def output_names(stem: str, formats: Iterable[str]) -> list[str]:
    """The names a draft's export takes in the output folder (files, and the images' folder)."""
    chosen = [output for output in FORMATS if output.name in set(formats)]
    names = [f"{stem}{output.suffix}" for output in chosen]
    names.extend(assets_folder(stem) for output in chosen if output.writes_images)
    return names


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


# ---------------------------------------------------------------- renderers


def web_page(
    draft: Draft,
    workspace: Workspace,
    theme: Theme,
    *,
    stem: str,
    images: Mapping[str, LocalImage],
    paper: str | None = None,
    navigation: Navigation | None = None,
) -> str:
    """The issue's web page: the one renderer of `nl export --html`, the site and the preview.

    Each image that is a file in the draft's folder (``images``) is shown from its copy in
    ``<stem>_files/``; the site adds its ``navigation`` (the index, the issues around it)."""

    def image_src(src: str) -> str:
        image = images.get(src)
        return asset_href(stem, image.relative) if image else src

    first = next(iter(images), None)
    context = build_context(
        draft,
        workspace,
        target="web",
        stem=stem,
        image_src=image_src,
        public_image=image_src(first) if first else "",
        paper=paper,
        navigation=navigation,
        theme=theme,
    )
    return render_template(theme, "web.html", context)


def image_copies(out_dir: Path, stem: str, images: Mapping[str, LocalImage]) -> list[Output]:
    """The images of a web page, copied beside it in ``<stem>_files/``."""
    return [
        (out_dir / assets_folder(stem) / image.relative, image.file.read_bytes())
        for image in images.values()
    ]


def render_web(prepared: Prepared, result: DraftResult, writer: PdfWriter | None) -> list[Output]:
    """The ``html`` format: the web page and its images."""
    job, stem = prepared.job, prepared.stem
    page = web_page(
        prepared.draft,
        job.workspace,
        job.theme,
        stem=stem,
        images=prepared.images,
        paper=job.options.paper,
    )
    return [(job.out_dir / f"{stem}.html", page), *image_copies(job.out_dir, stem, prepared.images)]


def render_pdf(prepared: Prepared, result: DraftResult, writer: PdfWriter | None) -> list[Output]:
    """The ``pdf`` format, through ``writer`` (a warm helper process) or WeasyPrint here."""
    from newsletter_cli.output.images import check_words
    from newsletter_cli.output.pdf import write_pdf

    write = writer or write_pdf
    job, draft = prepared.job, prepared.draft
    options = job.options
    check_words(draft)
    context = build_context(
        draft,
        job.workspace,
        target="pdf",
        stem=prepared.stem,
        paper=options.paper,
        bleed=options.bleed,
        crop_marks=options.crop_marks,
        theme=job.theme,
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


def render_mail(prepared: Prepared, result: DraftResult, writer: PdfWriter | None) -> list[Output]:
    """The ``email``, ``text`` and ``eml`` formats that were asked for, rendered together:
    the text edition and the .eml message are made from the email's context."""
    from newsletter_cli.output.email_edition import (
        EmailImage,
        absolute_link,
        build_eml,
        render_email,
    )
    from newsletter_cli.output.plaintext import render_text

    job, draft, stem = prepared.job, prepared.draft, prepared.stem
    formats = job.options.formats
    images = {
        src: EmailImage(prepared.web_src(src), image.file, image.width)
        for src, image in prepared.images.items()
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


Renderer = Callable[[Prepared, DraftResult, "PdfWriter | None"], list[Output]]


# ---------------------------------------------------------------- the registry


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its name (as in ``ExportOptions.formats``), the file it writes,
    what it needs, and its renderer (formats made together share one)."""

    name: str
    #: The file it writes, named after the draft: ``<stem><suffix>``.
    suffix: str
    render: Renderer
    #: What it needs besides the draft and the theme, in words (for the docs and the reader).
    needs: str
    #: It writes a folder of images beside its file too (``<stem>_files/``).
    writes_images: bool = False
    #: It needs WeasyPrint (loaded ahead of time, in a helper process or before forking).
    needs_pdf_engine: bool = False


#: Every output format, in the order `nl export` renders them and names their files.
FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat(
        "pdf",
        ".pdf",
        render_pdf,
        needs="WeasyPrint and fonts that cover the draft's words; the theme's pdf.html",
        needs_pdf_engine=True,
    ),
    OutputFormat(
        "html",
        ".html",
        render_web,
        needs="the theme's web.html; the draft's images (copied beside the page)",
        writes_images=True,
    ),
    OutputFormat(
        "email",
        ".email.html",
        render_mail,
        needs="the theme's email.html; base_url for the images and links (absolute in an email)",
    ),
    OutputFormat("text", ".txt", render_mail, needs="the email's context (links, footer)"),
    OutputFormat(
        "eml", ".eml", render_mail, needs="the email and the text edition, as one message"
    ),
)

#: The formats by name.
BY_NAME: Mapping[str, OutputFormat] = {f.name: f for f in FORMATS}


def renderers(formats: Iterable[str]) -> list[Renderer]:
    """The renderers of the chosen formats, in registry order, each once."""
    chosen = set(formats)
    found: list[Renderer] = []
    for output in FORMATS:
        if output.name in chosen and output.render not in found:
            found.append(output.render)
    return found


def render(
    prepared: Prepared, result: DraftResult, writer: PdfWriter | None = None
) -> list[Output]:
    """Every file of the formats ``prepared`` asks for, in memory (nothing is written)."""
    pending: list[Output] = []
    for renderer in renderers(prepared.job.options.formats):
        pending.extend(renderer(prepared, result, writer))
    return pending


def needs_pdf_engine(formats: Iterable[str]) -> bool:
    """Whether one of the chosen formats needs WeasyPrint."""
    return any(BY_NAME[name].needs_pdf_engine for name in formats if name in BY_NAME)
