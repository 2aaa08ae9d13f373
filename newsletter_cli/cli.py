"""The `nl` command line: parse arguments, call one function, map our errors to exit codes.

This module is the one error boundary: domain code raises ``NewsletterError``
subclasses; here they become messages on stderr and exit codes. Heavy
libraries are imported inside the commands that need them so that
``nl --help`` stays instant.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import typer
from typer.core import TyperGroup

from newsletter_cli import __version__, console
from newsletter_cli.errors import ExitCode, NewsletterError, UsageError

F = TypeVar("F", bound=Callable[..., Any])

#: `nl --help` lists the commands in the order of the work, not in the order of this file.
WORK_ORDER = ("init", "new", "lint", "export", "preview", "import", "list", "rules")


class _InWorkOrder(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        last = len(WORK_ORDER)
        return sorted(names, key=lambda n: WORK_ORDER.index(n) if n in WORK_ORDER else last)


app = typer.Typer(
    name="nl",
    cls=_InWorkOrder,
    no_args_is_help=True,
    # --install-completion/--show-completion: typer imports its completion code anyway,
    # so they cost `nl --help` nothing measurable (see the commit that switched them on)
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help: rich's help renderer pulls in a Markdown parser and doubles start-up time.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def handle_errors(command: F) -> F:
    """Turn our errors, Ctrl-C and closed pipes into messages and exit codes."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            code = command(*args, **kwargs)
        except NewsletterError as error:
            console.error(error.lines())
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            console.info("\n[yellow]Interrupted.[/]")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            # the reader went away (`nl lint | head`): not an error of ours
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(int(ExitCode.OK)) from None
        except (typer.Exit, typer.Abort, typer.TyperException, SystemExit):
            raise
        except Exception as error:  # a bug of ours: one clear line, the details on request
            if os.environ.get("NL_DEBUG"):
                raise
            console.error(
                [
                    f"internal error: {type(error).__name__}: {error}",
                    "this is a bug in nl; please report it with the command you ran "
                    "(run again with NL_DEBUG=1 to see the details)",
                ]
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None
        if code:
            raise typer.Exit(int(code))
        return None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Draft, check and publish a periodical newsletter.

    `nl` and `newsletter` are the same program. Outside the virtual environment
    `nl` may be the coreutils line-numbering tool; `newsletter` always works.
    """


@app.command()
@handle_errors
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the workspace.")] = Path("."),
    name: Annotated[
        str | None, typer.Option(metavar="<text>", help="The publication's name.")
    ] = None,
) -> None:
    """Create a workspace: newsletter.toml, issues/ and .gitignore."""
    from newsletter_cli.new.scaffold import create_workspace, next_steps

    created = create_workspace(folder, name=name)
    for path in created:
        console.success(f"created {path}")
    console.info(next_steps(folder))


def _rule_ids(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


@app.command()
@handle_errors
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Draft files or folders [default: the issues folder]."),
    ] = None,
    output_format: Annotated[
        Literal["text", "json", "github", "sarif"],
        typer.Option("--format", help="How to report: text, json, github or sarif."),
    ] = "text",
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="<ids>", help="Only these rule ids (comma-separated)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="<ids>", help="Not these rule ids (comma-separated)."),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Warnings fail too (exit 1), and the archive's standing text is checked too.",
        ),
    ] = False,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive", help="Compare with the issues in this folder [default: issues folder]."
        ),
    ] = None,
    no_archive: Annotated[
        bool, typer.Option("--no-archive", help="Do not compare with other issues.")
    ] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe fixes to the files.")] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show the safe fixes as a diff; change nothing.")
    ] = False,
) -> int:
    """Check drafts: repeated paragraphs, dates, text. Exit 1 on errors, 3 on unusable files."""
    from newsletter_cli.draft.finder import default_paths
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.lint import engine, reporters

    workspace = load_workspace()
    targets = paths or default_paths(workspace)
    chosen, dropped = _rule_ids(select), _rule_ids(ignore)
    against: bool | Path = False if no_archive else (archive or True)
    if fix or diff:
        result = engine.fix_paths(
            targets, workspace, select=chosen, ignore=dropped, archive=against, write=not diff
        )
        reporters.fixed(result, written=not diff)
        if diff:
            sys.stdout.write(result.diff())
            if result.problems:
                console.error(str(p) for p in sorted(result.problems))
                return int(ExitCode.UNUSABLE)
            return int(ExitCode.PROBLEMS if result.changes else ExitCode.OK)
    strict = strict or workspace.settings.lint.strict
    report = engine.lint_paths(
        targets, workspace, select=chosen, ignore=dropped, archive=against, strict=strict
    )
    reporters.report(report, output_format)
    return int(report.exit_code(strict))


@app.command()
@handle_errors
def rules() -> None:
    """List the lint rules: id, default severity, whether --fix fixes it, what it finds."""
    from newsletter_cli.lint.ruledocs import rule_listing

    console.plain(rule_listing())


@app.command("import")
@handle_errors
def import_(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders of old issues.", show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Folder for the drafts [default: issues/]."),
    ] = None,
    source_format: Annotated[
        Literal["markdown", "text", "auto"],
        typer.Option(
            "--from",
            help="How to read the sources: by suffix and content (auto), or all as one kind.",
        ),
    ] = "auto",
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing drafts.")] = False,
) -> int:
    """Turn old issues (Markdown with front matter, or plain text) into drafts."""
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.importer.run import import_command

    if not paths:
        raise UsageError("name the files or folders of old issues to import")
    out_dir = output if output is not None else load_workspace().issues_path
    report = import_command(paths, out_dir, source_format=source_format, force=force)
    return int(report.exit_code())


@app.command("list")
@handle_errors
def list_(
    path: Annotated[
        Path | None, typer.Argument(help="A folder of drafts, or one draft [default: issues/].")
    ] = None,
    output_format: Annotated[
        Literal["table", "json"], typer.Option("--format", help="A table, or JSON for programs.")
    ] = "table",
    no_lint: Annotated[bool, typer.Option("--no-lint", help="Do not run the lint rules.")] = False,
    recheck: Annotated[
        bool, typer.Option("--recheck", help="Lint every draft again instead of using the cache.")
    ] = False,
) -> int:
    """List the drafts newest first: date, number, title, sections, words, lint status."""
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.output.listing import list_drafts, show

    listing = list_drafts(
        load_workspace(), [path] if path else None, lint=not no_lint, recheck=recheck
    )
    show(listing, output_format)
    return int(ExitCode.UNUSABLE if listing.problems else ExitCode.OK)


@app.command()
@handle_errors
def export(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Drafts, or folders of drafts.", show_default=False),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Write the print-ready PDF.")] = False,
    html: Annotated[
        bool, typer.Option("--html", help="Write the web page (images copied beside it).")
    ] = False,
    email: Annotated[
        bool, typer.Option("--email", help="Write the email HTML (<name>.email.html).")
    ] = False,
    text: Annotated[bool, typer.Option("--text", help="Write the plain-text edition.")] = False,
    eml: Annotated[
        bool, typer.Option("--eml", help="Write a ready multipart email message (.eml).")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Folder to write to [default: the workspace's out/]."),
    ] = None,
    theme: Annotated[
        str | None,
        typer.Option(metavar="<name|folder>", help="Theme name (under templates/) or folder."),
    ] = None,
    paper: Annotated[
        Literal["a4", "letter"] | None,
        typer.Option(help="PDF paper size [default: from newsletter.toml]."),
    ] = None,
    bleed: Annotated[
        str,
        typer.Option(
            metavar="<length>", help="Bleed for a print shop, e.g. 3mm: sets TrimBox and BleedBox."
        ),
    ] = "",
    crop_marks: Annotated[
        bool, typer.Option("--crop-marks", help="Crop marks outside the trim.")
    ] = False,
    pdf_variant: Annotated[
        str | None,
        typer.Option(metavar="<variant>", help="PDF/A or PDF/UA variant, e.g. pdf/a-3b, pdf/ua-1."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Export even when the linter finds errors.")
    ] = False,
    open_: Annotated[bool, typer.Option("--open", help="Open what was written.")] = False,
    site: Annotated[
        bool,
        typer.Option(
            "--site",
            help="Build the web archive of all drafts [default: issues/]: a page per issue, "
            "an index and an Atom feed, in out/site/ or -o.",
        ),
    ] = False,
) -> int:
    """Export drafts: PDF and web page (the default), email HTML, plain text, .eml."""
    if site:
        from newsletter_cli.output.website import site_command

        if pdf or html or paper or bleed or crop_marks or pdf_variant:
            raise UsageError("--site builds web pages only: leave out the PDF and format options")

        return int(
            site_command(paths or [], output=output, theme=theme, force=force, open_index=open_)
        )
    if not paths:
        raise UsageError("name the drafts to export (or use --site for the whole archive)")
    from newsletter_cli.output.export import ExportOptions, export_command

    options = ExportOptions.from_flags(
        pdf=pdf, html=html, email=email, text=text, eml=eml, output=output, theme=theme,
        paper=paper, bleed=bleed, crop_marks=crop_marks, pdf_variant=pdf_variant, force=force,
    )  # fmt: skip
    report = export_command(paths, options)
    if open_:
        from newsletter_cli.output.export import open_outputs

        open_outputs(report.outputs)
    return int(report.exit_code)


@app.command()
@handle_errors
def new(
    resume: Annotated[
        Path | None,
        typer.Option("--resume", help="Go on with a draft: ask only what is still unanswered."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The draft's file [default: issues/DATE-TITLE.toml]."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing --output file.")
    ] = False,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Ask nothing: take the given answers and the defaults."),
    ] = False,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", metavar="KEY=VALUE", help="An answer, e.g. sections.0.heading=Hello."
        ),
    ] = None,
    answers: Annotated[
        Path | None, typer.Option("--answers", help="A TOML file of answers, keyed like --set.")
    ] = None,
    editor: Annotated[
        bool | None,
        typer.Option("--editor/--no-editor", help="Write section texts in $VISUAL/$EDITOR."),
    ] = None,
) -> int:
    """Write a new issue, answering one question at a time; every answer is saved at once."""
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.new import interview
    from newsletter_cli.new.prompts import choose_prompter

    workspace = load_workspace(resume.parent if resume else None)
    presets = interview.read_presets(answers, set_ or [])
    prompter = choose_prompter(
        presets.answers,
        presets.origins,
        no_input=no_input,
        editor=workspace.settings.editor if editor is None else editor,
        terminal=sys.stdin.isatty() and sys.stdout.isatty(),
    )
    outcome = interview.new_issue(workspace, prompter, output=output, resume=resume, force=force)
    interview.print_outcome(outcome)
    return int(outcome.exit_code)


@app.command()
@handle_errors
def preview(
    draft: Annotated[
        Path | None,
        typer.Argument(
            help="The draft to show [default: an index of the drafts].", show_default=False
        ),
    ] = None,
    port: Annotated[
        int, typer.Option(metavar="<port>", help="Port to listen on; the next free one if taken.")
    ] = 8420,
    host: Annotated[
        str | None,
        typer.Option(
            metavar="<address>",
            help="Address to listen on [default: 127.0.0.1, this machine only].",
        ),
    ] = None,
    theme: Annotated[
        str | None,
        typer.Option(metavar="<name|folder>", help="Theme name (under templates/) or folder."),
    ] = None,
    open_: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the preview in the browser.")
    ] = True,
) -> None:
    """Show a draft's editions in the browser, updated on every save, with its lint findings."""
    from newsletter_cli.preview import preview_command

    preview_command(draft, host=host, port=port, theme=theme, open_browser=open_)


def main() -> None:
    """Entry point of the `nl` and `newsletter` scripts."""
    invoked = Path(sys.argv[0]).name if sys.argv else "nl"
    app(prog_name="newsletter" if invoked == "newsletter" else "nl")
