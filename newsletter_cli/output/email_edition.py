"""The email edition: HTML that survives mail clients, and a ready ``.eml`` message.

Mail clients drop ``<style>`` blocks, flexbox and web fonts, and Gmail clips
messages over about 102 KB. So the email uses the theme's ``email.html`` (a
600 px table layout) with every style inlined by css-inline (no stylesheet is
ever loaded from anywhere; ``@media`` rules stay for phones and dark mode),
absolute addresses for images and links built from the workspace's
``base_url``, a ``width`` on every image, and a size check.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from newsletter_cli.draft.model import Draft
from newsletter_cli.draft.workspace import Workspace
from newsletter_cli.errors import ExitCode, NewsletterError
from newsletter_cli.output.render import IssueContext, Theme, build_context, render_template
from newsletter_cli.text import markdown as md

#: Inner width of the email's column: 600 px less 2 x 20 px padding.
COLUMN = 560
SIZE_WARNING = 90 * 1024
SIZE_LIMIT = 102 * 1024
PREHEADER = (40, 140)


class EmailTooLargeError(NewsletterError):
    """The email would be clipped by Gmail."""

    exit_code = ExitCode.PROBLEMS


@dataclass(frozen=True)
class EmailImage:
    """An image of the draft as the email uses it."""

    path: str  # where the web export copies it, relative to the output folder
    file: Path
    #: Pixels across, as the image gate read it from the file's header (0 for an SVG).
    width: int


@dataclass(frozen=True)
class EmailResult:
    html: str
    context: IssueContext
    warnings: tuple[str, ...]


def kilobytes(size: int) -> str:
    return f"{size / 1024:.0f} KB"


class _Addresses(HTMLParser):
    """Image and link addresses of an HTML page, and images without alt or width."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.relative: list[str] = []
        self.no_alt: list[str] = []
        self.no_width: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            url = values.get(name)
            if url is not None and _is_relative(url) and url not in self.relative:
                self.relative.append(url)
        if tag == "img":
            src = values.get("src") or ""
            if not (values.get("alt") or "").strip():
                self.no_alt.append(src)
            if not values.get("width"):
                self.no_width.append(src)


def _is_relative(url: str) -> bool:
    parts = urlsplit(url.strip())
    return not parts.scheme and not url.startswith("{{")


def absolute_link(page: str, href: str) -> str:
    """A link of the draft as an absolute address from the issue's public page (if known)."""
    if not page or not href or not md.safe_link(href) or not _is_relative(href):
        return href
    return f"{page}{href}" if href.startswith("#") else urljoin(page, href)


def _image_width(images: Mapping[str, EmailImage]) -> Callable[[str], int | None]:
    def width(src: str) -> int | None:
        image = images.get(src)
        if image is None:
            return None
        # an SVG has no natural width: the column width is always safe
        return min(COLUMN, image.width) if image.width else COLUMN

    return width


def render_email(
    draft: Draft,
    workspace: Workspace,
    theme: Theme,
    *,
    stem: str,
    images: Mapping[str, EmailImage],
    check_size: bool = True,
) -> EmailResult:
    """The inlined email HTML of a draft, with warnings; EmailTooLargeError past Gmail's limit.

    ``check_size=False`` when only the text edition is wanted: it needs the email's context
    (addresses, footer), not its HTML, so the HTML's size is nobody's concern then."""
    from newsletter_cli.output.filenames import page_href

    base = workspace.settings.base_url
    page = f"{base}{page_href(stem)}" if base else ""
    shown = draft.display_path
    warnings: list[str] = []

    def image_src(src: str) -> str:
        image = images.get(src)
        local = image.path if image else src
        return urljoin(base, local) if base else local

    def link_href(href: str) -> str:
        return absolute_link(page, href)

    first = next(iter(images.values()), None)
    context = build_context(
        draft,
        workspace,
        target="email",
        stem=stem,
        image_src=image_src,
        image_width=_image_width(images),
        link_href=link_href,
        public_image=first.path if first else "",
        theme=theme,
    )
    html = inline_css(render_template(theme, "email.html", context))

    found = _Addresses(html)
    for url in found.relative:
        warnings.append(
            f"{shown}: the email has a relative address {url}, which mail clients cannot open; "
            "set base_url in newsletter.toml to the public address of the web archive"
        )
    for src in found.no_alt:
        warnings.append(
            f"{shown}: image {src} has no alt text; readers with images off see nothing"
        )
    if not draft.summary:
        warnings.append(
            f"{shown}: no summary: mail clients show the first words of the email as its preview"
        )
    elif not PREHEADER[0] <= len(draft.summary) <= PREHEADER[1]:
        warnings.append(
            f"{draft.location(('summary',))}: the summary is {len(draft.summary)} characters; "
            f"a preview line reads best with {PREHEADER[0]} to {PREHEADER[1]}"
        )
    size = len(html.encode("utf-8")) if check_size else 0
    if size > SIZE_LIMIT:
        raise EmailTooLargeError(
            f"{shown}: the email is {kilobytes(size)}; Gmail clips messages over "
            f"{kilobytes(SIZE_LIMIT)}. Largest parts: {_largest_parts(html, context)}"
        )
    if size > SIZE_WARNING:
        warnings.append(
            f"{shown}: the email is {kilobytes(size)}, close to Gmail's {kilobytes(SIZE_LIMIT)} "
            f"limit. Largest parts: {_largest_parts(html, context)}"
        )
    return EmailResult(html, context, tuple(warnings))


def inline_css(html: str) -> str:
    """Every style rule into ``style`` attributes; only ``@media`` rules stay in ``<style>``."""
    import css_inline

    inliner = css_inline.CSSInliner(
        inline_style_tags=True,
        keep_style_tags=False,
        keep_link_tags=False,
        keep_at_rules=True,
        load_remote_stylesheets=False,
        resolve_css_variables=True,
    )
    # Nothing is ever loaded: drop any <link> before the inliner sees it.
    inlined = str(inliner.inline(re.sub(r"<link\b[^>]*>", "", html, flags=re.I)))
    # The inliner puts the kept @media rules first in <head>; move them after
    # <title> so that <meta charset> stays within the first bytes of the file.
    kept = re.match(r"(.*?<head[^>]*>)\s*(<style>.*?</style>)(.*?)(</head>)", inlined, re.S | re.I)
    if kept:
        before, style, head, end = kept.groups()
        inlined = f"{before}{head.rstrip()}\n{style}\n{end}{inlined[kept.end() :]}"
    return inlined.rstrip("\n") + "\n"


def _largest_parts(html: str, context: IssueContext) -> str:
    """The biggest parts of the email (the introduction, each section, the closing), by their
    share of its bytes. Parts a theme does not mark the way the default theme does are left
    out; a draft with no sections has its introduction and closing."""
    footer = html.find('class="footer"')
    end = footer if footer > 0 else len(html)
    marks = [(html.find('class="content"'), "the introduction")]
    marks += [(html.find(f'id="{s.anchor}"'), f"section {s.heading!r}") for s in context.sections]
    marks.append((html.find('class="content closing"'), "the closing"))
    starts = sorted((index, name) for index, name in marks if 0 <= index < end)
    parts = [
        (len(html[start : (starts[i + 1][0] if i + 1 < len(starts) else end)].encode()), name)
        for i, (start, name) in enumerate(starts)
    ]
    styles = sum(len(m.group(0)) for m in re.finditer(r' style="[^"]*"', html))
    parts.append((styles, "inline styles in all"))
    parts.sort(reverse=True)
    return ", ".join(f"{name} ({kilobytes(size)})" for size, name in parts[:3] if size >= 1024)


def build_eml(draft: Draft, context: IssueContext, *, text: str, html: str) -> bytes:
    """A ``multipart/alternative`` message: the text part first, then the HTML."""
    message = EmailMessage()
    message["Subject"] = context.document_title
    org = context.organisation
    if org.email and "@" in org.email:
        local, domain = org.email.rsplit("@", 1)
        message["From"] = Address(org.name or context.newsletter, local, domain)
    if draft.date is not None:
        midnight = datetime(draft.date.year, draft.date.month, draft.date.day, tzinfo=UTC)
        message["Date"] = format_datetime(midnight)
    if context.unsubscribe_url.startswith(("https://", "http://", "mailto:")):
        message["List-Unsubscribe"] = f"<{context.unsubscribe_url}>"
    message["Content-Language"] = context.language
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    # A boundary from the content, not a random one: the same draft gives the same bytes.
    digest = hashlib.sha256(f"{text}\0{html}".encode()).hexdigest()[:32]
    message.set_boundary(f"==nl-{digest}==")
    return message.as_bytes(policy=SMTP)
