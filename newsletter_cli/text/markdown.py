"""Markdown text of a draft -> safe HTML fragments; the one place markdown-it is configured.

Every markdown-it parser of `nl` comes from ``parser(purpose)``, which says why each
purpose (the draft's checks, the outputs, lint's links, the importer) is configured as
it is.

CommonMark (markdown-it-py) with raw HTML switched off, so ``<script>`` in a
draft is shown as text, never run; then every fragment goes through the nh3
sanitiser, which keeps only the tags Markdown produces and drops links whose
scheme is not http, https, mailto or tel (``javascript:``, ``data:``,
``file:``, ...), event-handler attributes, ``style`` and ``script``. The link
text stays, so the reader loses nothing but the dangerous address.

A paragraph that holds only an image becomes a ``<figure>`` whose caption is
the image's title, or its alt text.

Issues imported from a static site keep their template-engine statements
(``{% include references.md %}``) verbatim in the draft. In an output they
would read as broken text, so a line that holds nothing but such statements
is left out of what readers see (never out of the draft, and never out of
code). ``{{ ... }}`` stays visible: it stands for text that is missing, and
lint reports it. An HTML comment (``<!-- note for the editors -->``, also one
over several paragraphs, as authors comment out a section) is left out of what
readers see too, as lint leaves it out of what it reads; in a code span or a
fenced block it is text (``textspans.html_comments`` reads both the same way for
lint and outputs; an indented code block is not told apart).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from newsletter_cli.text.textspans import TEMPLATE_STATEMENT, html_comments

if TYPE_CHECKING:
    import nh3
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

#: Tags Markdown produces (plus our figures); anything else is dropped by the sanitiser.
ALLOWED_TAGS = frozenset(
    {
        "p", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code", "pre", "blockquote",
        "ul", "ol", "li", "hr", "br", "img", "figure", "figcaption", "table", "thead",
        "tbody", "tr", "th", "td", "del", "s",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
#: Link schemes a reader may follow; relative links always pass.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


@dataclass(frozen=True)
class Image:
    """An image referenced by a draft's text."""

    src: str
    alt: str
    title: str
    #: 0-based line in the text value where the image stands.
    line: int


@dataclass(frozen=True)
class Link:
    """A link in a draft's text: its text and its address."""

    text: str
    href: str
    line: int


#: What a parser is for; each purpose has one configuration, built once (see ``parser``).
Purpose = Literal["draft", "output", "links", "structure"]


@cache
def parser(purpose: Purpose) -> MarkdownIt:
    """The markdown-it parser for one purpose, configured here and nowhere else.

    ``"draft"``: the text as written, for checks of the draft (images, links, plain text).
        CommonMark plus tables and strikethrough, the two extensions authors use and the
        outputs render. Raw HTML off: ``<script>`` in a draft is text, never markup.
        Typographer off: quotes and dashes stay as written. Every link address is accepted:
        the sanitiser decides which schemes survive, and keeps the text of the links it drops.
    ``"output"``: what readers see: ``"draft"``, and two core rules: one leaves out HTML
        comments before the blocks are parsed (raw HTML is off, so a comment would otherwise
        be printed as text), the other the lines holding only template-engine statements
        (``{% include x %}``); neither touches code.
    ``"links"``: links and images of a paragraph, for lint's link checks (``mdlinks``). Plain
        CommonMark, as a mail program's Markdown sees it: raw HTML is recognised (text inside
        a tag is no link), and markdown-it's own link validation is kept, so a
        ``javascript:``, ``vbscript:`` or non-image ``data:`` address is not a link at all;
        ``bad-link`` reports those from the text as written, and would report them twice if
        this parser let them through. No strikethrough: the link text stays as written
        (``[~~a~~](b)``), which is how its offset is found again in the paragraph.
    ``"structure"``: the block structure and the reference definitions of a Markdown file
        being imported. CommonMark plus tables and strikethrough (as ``"draft"``, so a table
        stays one block); inline parsing off, since only blocks and definitions matter.
    """
    from markdown_it import MarkdownIt

    if purpose == "links":
        return MarkdownIt("commonmark")
    if purpose == "structure":
        return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    if purpose == "output":
        md.core.ruler.before("block", "html_comments", _drop_html_comments)
        md.core.ruler.before("inline", "template_statements", _drop_template_statements)
    return md


def parse(text: str) -> list[Token]:
    """The markdown-it token stream of a text, as written (for checks of the draft)."""
    return parser("draft").parse(text)


#: A line of nothing but template-engine statements: ``{% assign x = 1 %}``, ``{%- endif -%}``.
#: A statement is the one ``textspans`` finds everywhere (it ends at its first ``%}`` and
#: never runs over the next ``{%``), so each line is matched one way only, in linear time.
TEMPLATE_STATEMENT_LINE = re.compile(rf"[ \t]*(?:{TEMPLATE_STATEMENT.pattern}[ \t]*)+")


def _drop_html_comments(state: StateCore) -> None:
    """Leave the HTML comments out of the source, before its blocks are parsed.

    A comment runs from ``<!--`` to the first ``-->`` (an unclosed one to the end of the
    text), over blank lines too, as CommonMark reads an HTML comment; one written in code
    (a code span or a fenced block) is code, and stays (``textspans.html_comments``)."""
    source = state.src
    comments = html_comments(source)
    if not comments:
        return
    kept: list[str] = []
    start = 0
    for begin, end in comments:
        kept.append(source[start:begin])
        start = end
    kept.append(source[start:])
    state.src = "".join(kept)


_CONTAINERS = frozenset({"list_item", "bullet_list", "ordered_list", "blockquote"})


def _drop_template_statements(state: StateCore) -> None:
    """Leave out the lines of paragraphs, headings and cells that hold only template-engine
    statements, and a paragraph (or list item, list, quote) that held nothing else.

    Runs on the block structure, before inline parsing: code is never touched, and removing a
    line cannot turn the text above it into a heading."""
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "inline" and "{%" in token.content:
            lines = token.content.split("\n")
            kept = [line for line in lines if not TEMPLATE_STATEMENT_LINE.fullmatch(line)]
            token.content = "\n".join(kept)
            if (
                not kept
                and 0 < i < len(tokens) - 1
                and tokens[i - 1].type == "paragraph_open"
                and tokens[i + 1].type == "paragraph_close"
            ):
                del tokens[i - 1 : i + 2]
                i -= 1
                # an empty bullet, list or quote left behind would look broken too
                while (
                    0 < i < len(tokens)
                    and tokens[i - 1].type.removesuffix("_open") in _CONTAINERS
                    and tokens[i].type == tokens[i - 1].type.replace("_open", "_close")
                ):
                    del tokens[i - 1 : i + 1]
                    i -= 1
                continue
        i += 1


def parse_output(text: str) -> list[Token]:
    """The token stream of a text as readers see it (for outputs that are not HTML)."""
    return parser("output").parse(text)


def safe_link(href: str) -> bool:
    """Whether a link address may reach a reader: a web, mail or phone link, or a relative one."""
    scheme = urlsplit(href.strip()).scheme.lower()
    return scheme in LINK_SCHEMES or (not scheme and not href.strip().lower().startswith("//"))


def images(text: str) -> Iterator[Image]:
    """Every image of a Markdown text, in order."""
    for token in parse(text):
        line = token.map[0] if token.map else 0
        for child in token.children or ():
            if child.type == "image":
                yield Image(
                    src=str(child.attrGet("src") or ""),
                    alt=child.content,
                    title=str(child.attrGet("title") or ""),
                    line=line,
                )


def links(text: str) -> Iterator[Link]:
    """Every link of a Markdown text (including autolinks), in order."""
    for token in parse(text):
        line = token.map[0] if token.map else 0
        children = token.children or []
        for i, child in enumerate(children):
            if child.type != "link_open":
                continue
            label: list[str] = []
            for inner in children[i + 1 :]:
                if inner.type == "link_close":
                    break
                label.append(inner.content)
            yield Link(text="".join(label), href=str(child.attrGet("href") or ""), line=line)


def to_html(
    text: str,
    *,
    top_heading: int = 3,
    image_src: Callable[[str], str] | None = None,
    image_width: Callable[[str], int | None] | None = None,
    link_href: Callable[[str], str] | None = None,
    link_notes: bool = False,
) -> str:
    """Render Markdown to sanitised HTML.

    The author's largest heading becomes ``h<top_heading>`` (``h3`` inside a
    section, under the section's ``h2``) and the others keep their distance
    from it, so the page keeps one ``h1`` whether the author wrote ``#`` or
    ``###``. ``image_src`` maps an image address as written to the address
    the output uses (copied file, absolute URL); ``image_width`` gives an
    image (as written) a ``width`` attribute; ``link_href`` maps a link's
    address (to make relative links absolute). With ``link_notes`` every web
    link is followed by ``<span class="link-note">address</span>`` so that
    print can show where it leads (the default theme makes it a footnote).
    """
    if not text.strip():
        return ""
    md = parser("output")
    tokens = md.parse(text)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = top_heading - min(levels) if levels else 0
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
        for child in token.children or ():
            if child.type == "image":
                written = str(child.attrGet("src") or "")
                width = image_width(written) if image_width is not None else None
                if width:
                    child.attrSet("width", str(width))
                if image_src is not None:
                    child.attrSet("src", image_src(written))
            elif child.type == "link_open" and link_href is not None:
                child.attrSet("href", link_href(str(child.attrGet("href") or "")))
    rendered = md.renderer.render(list(_figures(tokens)), md.options, {})
    clean = sanitise(rendered)
    return _add_link_notes(clean) if link_notes else clean


_WEB_LINK = re.compile(r'<a href="(https?://[^"]+)"[^>]*>(.*?)</a>', re.S)


def _add_link_notes(html_text: str) -> str:
    """Follow each web link whose text is not its address by a note giving the address."""

    def note(match: re.Match[str]) -> str:
        address, label = match.group(1), match.group(2)
        shown = address.removeprefix("https://").rstrip("/")
        if re.sub(r"<[^>]+>", "", label).strip().rstrip("/") in (address.rstrip("/"), shown):
            return match.group(0)
        return f'{match.group(0)}<span class="link-note">{shown}</span>'

    return _WEB_LINK.sub(note, html_text)


def _figures(tokens: list[Token]) -> Iterator[Token]:
    """Replace each paragraph that holds only an image by a captioned figure."""
    from markdown_it.token import Token

    i = 0
    while i < len(tokens):
        token = tokens[i]
        inline = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            token.type == "paragraph_open"
            and inline is not None
            and inline.children
            and [
                c.type for c in inline.children if not (c.type == "text" and not c.content.strip())
            ]
            == ["image"]
        ):
            image = next(c for c in inline.children if c.type == "image")
            figure = Token("html_block", "", 0)
            figure.content = _figure_html(image)
            yield figure
            i += 3  # paragraph_open, inline, paragraph_close
            continue
        yield token
        i += 1


def _figure_html(image: Token) -> str:
    src = str(image.attrGet("src") or "")
    title = str(image.attrGet("title") or "")
    alt = image.content
    caption = title or alt
    attrs = f'src="{html.escape(src)}" alt="{html.escape(alt)}"'
    width = image.attrGet("width")
    if width:
        attrs += f' width="{html.escape(str(width))}"'
    if title:
        attrs += f' title="{html.escape(title)}"'
    figcaption = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f"<figure><img {attrs}>{figcaption}</figure>\n"


@cache
def _cleaner() -> nh3.Cleaner:
    """The sanitiser, built once: its settings are the same for every fragment."""
    import nh3

    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(LINK_SCHEMES),
        filter_style_properties={"text-align"},
        strip_comments=True,
        link_rel=None,
    )


def sanitise(fragment: str) -> str:
    """Keep only the tags, attributes and link schemes a newsletter needs."""
    return _cleaner().clean(fragment)


def inline_text(text: str) -> str:
    """Plain text of a Markdown text, without markup (for headings and previews)."""
    parts: list[str] = []
    for token in parse(text):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return "".join(parts)
