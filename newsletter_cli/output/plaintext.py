"""The plain-text edition: what a mail client shows when it shows no HTML.

Title and headings underlined, paragraphs wrapped near 72 columns, lists
kept, every link's address written out as a numbered reference at the end of
its section, event dates and places spelled out, and the footer with the
unsubscribe line. Built from the draft's Markdown tokens, not from HTML.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsletter_cli.draft.model import Draft
from newsletter_cli.output.render import IssueContext, SectionContext
from newsletter_cli.text import markdown as md

if TYPE_CHECKING:
    from markdown_it.token import Token

WIDTH = 72


def display_width(text: str) -> int:
    """Columns a text takes in a terminal or a monospaced mail client (wide CJK count two)."""
    return sum(
        0
        if unicodedata.combining(ch)
        else 2
        if unicodedata.east_asian_width(ch) in ("W", "F")
        else 1
        for ch in text
    )


def underline(text: str, char: str) -> str:
    return f"{text}\n{char * max(3, display_width(text))}"


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """Wrap at WIDTH without breaking words or addresses."""
    return textwrap.fill(
        " ".join(text.split()),
        width=WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


@dataclass
class _References:
    """Numbered link addresses of one section, written at its end."""

    link_href: Callable[[str], str]
    numbers: dict[str, int] = field(default_factory=dict)
    start: int = 1

    def number(self, href: str) -> int:
        if href not in self.numbers:
            self.numbers[href] = self.start + len(self.numbers)
        return self.numbers[href]

    def block(self) -> str:
        return "\n".join(f"[{n}] {href}" for href, n in self.numbers.items())


def _inline(children: list[Token], refs: _References) -> str:
    parts: list[str] = []
    href: str | None = None
    label: list[str] = []
    for child in children:
        if child.type == "link_open":
            raw = str(child.attrGet("href") or "")
            href = refs.link_href(raw) if md.safe_link(raw) else ""
            label = []
        elif child.type == "link_close":
            text = "".join(label)
            if href and text.strip() not in (href, href.removeprefix("mailto:")):
                parts.append(f"{text} [{refs.number(href)}]")
            else:
                parts.append(text)
            href = None
        elif child.type in ("text", "code_inline"):
            (label if href is not None else parts).append(child.content)
        elif child.type == "softbreak":
            (label if href is not None else parts).append(" ")
        elif child.type == "hardbreak":
            (label if href is not None else parts).append("\n")
        elif child.type == "image":
            caption = str(child.attrGet("title") or "") or child.content
            parts.append(f"[{caption}]" if caption else "")
    return "".join(parts)


def _blocks(tokens: list[Token], refs: _References) -> Iterator[str]:
    """Plain-text blocks (separated by blank lines) of a Markdown token stream."""
    stack: list[tuple[str, int]] = []  # list kind and item counter
    items: list[str] = []  # lines of the list being written: a list is one block
    quote = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        prefix = "> " * quote
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
            stack.append(("ol" if start else "ul", start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            stack.pop()
            if not stack:
                yield "\n".join(items)
                items = []
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            text = _inline(tokens[i + 1].children or [], refs)
            yield prefix + underline(text, "~")
            i += 2
        elif kind == "inline" and tokens[i - 1].type == "paragraph_open":
            text = _inline(token.children or [], refs)
            if stack and tokens[i - 2].type == "list_item_open":
                list_kind, counter = stack[-1]
                depth = "   " * (len(stack) - 1)
                marker = f"{counter}. " if list_kind == "ol" else "- "
                if list_kind == "ol":
                    stack[-1] = (list_kind, counter + 1)
                hanging = prefix + depth + " " * len(marker)
                items.extend(
                    wrap(line, hanging, prefix + depth + marker if n == 0 else hanging)
                    for n, line in enumerate(text.split("\n"))
                )
            elif stack:
                depth = "   " * len(stack)
                items.extend(wrap(line, prefix + depth) for line in text.split("\n"))
            else:
                yield "\n".join(wrap(line, prefix) for line in text.split("\n"))
        elif kind in ("fence", "code_block"):
            yield "\n".join(
                prefix + "    " + line for line in token.content.rstrip("\n").split("\n")
            )
        elif kind == "hr":
            yield prefix + "* * *"
        elif kind == "table_open":
            rows: list[str] = []
            while tokens[i].type != "table_close":
                if tokens[i].type == "tr_open":
                    cells: list[str] = []
                elif tokens[i].type == "inline":
                    cells.append(_inline(tokens[i].children or [], refs))
                elif tokens[i].type == "tr_close":
                    rows.append(prefix + " | ".join(cells))
                i += 1
            yield "\n".join(rows)
        i += 1


def _section_blocks(text: str, refs: _References) -> list[str]:
    return list(_blocks(md.parse_output(text), refs)) if text.strip() else []


def _event_lines(section: SectionContext, context: IssueContext) -> list[str]:
    labels = context.labels
    lines: list[str] = []
    if section.date:
        when = f"{section.date.weekday} {section.date.text}"
        if section.end_date:
            when += f" {labels.until} {section.end_date.weekday} {section.end_date.text}"
        lines.append(wrap(when, " " * (len(labels.when) + 2), f"{labels.when}: "))
    if section.location:
        lines.append(wrap(section.location, " " * (len(labels.where) + 2), f"{labels.where}: "))
    return lines


def _labelled(label: str, address: str) -> str:
    """ "Label: address" on one line when it fits, else the address on a line of its own."""
    line = f"{label}: {address}"
    return line if display_width(line) <= WIDTH else f"{label}:\n{address}"


def render_text(draft: Draft, context: IssueContext, *, link_href: Callable[[str], str]) -> str:
    """The whole issue as plain text, ending with one newline."""
    out: list[str] = []
    labels = context.labels
    out.append(underline(context.newsletter.upper(), "="))
    if context.has_own_title:
        out[-1] = f"{context.newsletter.upper()}\n{underline(context.title, '=')}"
    meta = [f"{labels.issue} {context.number}" if context.number is not None else ""]
    meta.append(context.date.text if context.date else "")
    if any(meta):
        out.append(" · ".join(part for part in meta if part))
    if context.summary:
        out.append(wrap(context.summary))

    refs = _References(link_href)

    def chapter(blocks: list[str]) -> None:
        nonlocal refs
        out.extend(blocks)
        if refs.numbers:
            out.append(refs.block())
        refs = _References(link_href, start=refs.start + len(refs.numbers))

    chapter(_section_blocks(draft.intro, refs))
    for section, shown in zip(draft.sections, context.sections, strict=True):
        head = [underline(shown.heading, "-")]
        if shown.is_event:
            head[0] += "\n" + "\n".join(_event_lines(shown, context))
        chapter(head + _section_blocks(section.body, refs))
    if draft.closing.strip():
        chapter(["* * *", *_section_blocks(draft.closing, refs)])

    org = context.organisation
    footer = ["-- "]
    footer.extend(line for line in (org.name, org.address) if line)
    contact = " · ".join(part for part in (org.website, org.email) if part)
    if contact:
        footer.append(contact)
    footer.append("")
    footer.append(wrap(labels.you_receive))
    footer.append(_labelled(labels.unsubscribe, context.unsubscribe_url))
    if context.view_online_url:
        footer.append(_labelled(labels.view_online, context.view_online_url))
    out.append("\n".join(footer))
    return "\n\n".join(block.rstrip() for block in out if block.strip()) + "\n"
