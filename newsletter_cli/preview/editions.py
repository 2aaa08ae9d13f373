"""One draft rendered for the preview: the editions `nl export` writes, kept in memory.

Nothing here renders on its own: the web page, the email and the plain text come from the
output formats' registry (``output.formats.render``, as `nl export` renders them), behind
the export's image gate (``output.images.check_images``), and the findings from
``lint.engine.lint_draft``.
What the preview adds is where each finding's paragraph stands in the rendered page, so that
the page can scroll to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsletter_cli.draft.model import Draft, Paragraph
from newsletter_cli.errors import NewsletterError

#: What `nl export` would be asked for: everything the preview shows but the PDF.
PREVIEW_FORMATS = frozenset({"html", "email", "text"})


@dataclass(frozen=True)
class Finding:
    """A lint finding as the page lists it, with the paragraph it points at (if any)."""

    rule: str
    severity: str
    line: int
    column: int
    message: str
    #: The paragraph's words, lower-case, as the page finds it in the rendered edition.
    anchor: str = ""
    #: Which of the paragraphs with those words it is (0 for the first).
    occurrence: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "where": f"{self.line}:{self.column}",
            "message": self.message,
            "anchor": self.anchor,
            "occurrence": self.occurrence,
        }


@dataclass(frozen=True)
class Editions:
    """The rendered editions of one draft, in memory."""

    draft: Draft
    stem: str
    web: str
    email: str
    text: str
    #: Files the web page and the email may load, by their address relative to the page
    #: (``<stem>_files/…``): only images that passed the export's gate, read at render time.
    files: Mapping[str, bytes]
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...] = ()
    #: What the PDF render needs (the export's prepared draft), kept for the background job.
    prepared: Any = field(default=None, repr=False, compare=False)


def render(path: Path, theme: str | None = None) -> Editions:
    """Load, lint and render one draft as `nl export --html --email --text --force` would.

    Raises our errors (a draft that does not load, a blocked image, a broken theme) for the
    page to show over the last good render.
    """
    from newsletter_cli.draft import storage
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.lint.engine import lint_draft
    from newsletter_cli.output.formats import DraftResult, ExportOptions, Job, Prepared, render
    from newsletter_cli.output.images import check_images
    from newsletter_cli.output.render import resolve_theme

    workspace = load_workspace(path.parent)
    chosen = resolve_theme(workspace, theme)
    out = Path("out")
    job = Job(path, workspace, chosen, out, ExportOptions(formats=PREVIEW_FORMATS, theme=theme))
    draft = storage.load(path)
    findings = lint_draft(draft, workspace)
    prepared = Prepared(job, draft, check_images(draft))
    result = DraftResult(path)
    outputs = render(prepared, result)
    by_name = {p.relative_to(out).as_posix(): data for p, data in outputs}
    stem = path.stem

    def text_of(name: str) -> str:
        value = by_name.pop(name)
        return value if isinstance(value, str) else value.decode("utf-8")

    web = text_of(f"{stem}.html")
    email = _local_images(text_of(f"{stem}.email.html"), workspace.settings.base_url, by_name)
    text = text_of(f"{stem}.txt")
    files = {
        name: data if isinstance(data, bytes) else data.encode() for name, data in by_name.items()
    }
    return Editions(
        draft=draft,
        stem=stem,
        web=web,
        email=email,
        text=text,
        files=files,
        findings=tuple(_finding(f, draft) for f in findings),
        warnings=tuple(result.warnings),
        prepared=prepared,
    )


def _local_images(email: str, base_url: str, files: Mapping[str, object]) -> str:
    """The email with its images at the preview's own addresses.

    A sent email shows each image from the web archive (``base_url`` + the address beside the
    web page), which the preview never fetches; the same files are served here, so each such
    address becomes the local one. Nothing else of the email changes.
    """
    import html
    from urllib.parse import quote, urljoin

    if not base_url:
        return email
    for name in files:
        local = quote(name)
        public = html.escape(urljoin(base_url, local))
        email = email.replace(f'src="{public}"', f'src="{html.escape(local)}"')
    return email


def error_lines(error: NewsletterError) -> list[str]:
    """An error as the page shows it: one ``file:line:col: message`` per line."""
    return [line for chunk in error.lines() for line in chunk.splitlines()]


_NOT_WORD = re.compile(r"[\W_]+")


def words(text: str) -> str:
    """Text reduced to its words, lower-case, one space apart: the same in the draft's
    Markdown (through ``markdown.inline_text``) as in the browser's ``textContent``."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def _paragraph_words(paragraph: Paragraph) -> str:
    from newsletter_cli.text.markdown import inline_text

    return words(inline_text(paragraph.text))


def _finding(finding: Any, draft: Draft) -> Finding:
    where = finding.location
    anchor, occurrence = "", 0
    paragraph = _paragraph_at(draft, where.line) if where.path == draft.display_path else None
    if paragraph is not None:
        anchor = _paragraph_words(paragraph)
        occurrence = sum(
            1
            for earlier in draft.paragraphs()
            if earlier.number < paragraph.number and _paragraph_words(earlier) == anchor
        )
    return Finding(
        rule=finding.rule,
        severity=str(finding.severity),
        line=where.line,
        column=where.column,
        message=finding.message,
        anchor=anchor,
        occurrence=occurrence,
    )


def _paragraph_at(draft: Draft, line: int) -> Paragraph | None:
    """The paragraph whose lines in the file include ``line``."""
    for paragraph in draft.paragraphs():
        first = paragraph.location.line
        last = draft.source.text_line(paragraph.field, paragraph.end_line - 1).line
        if first <= line <= max(first, last):
            return paragraph
    return None
