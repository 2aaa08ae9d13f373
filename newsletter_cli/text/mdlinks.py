"""Links and images of a paragraph, as Markdown sees them, with their offsets.

markdown-it-py decides what is a link (code spans, escapes, reference
definitions elsewhere in the same text value), with the parser
``markdown.parser("links")``; the offsets are found again in
the paragraph's source, in order, because markdown-it keeps only line numbers.
The parser loads on first use, so that importing this module costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsletter_cli.text.markdown import parser
from newsletter_cli.text.textspans import LINK_DEFINITION_START

#: A line that starts a reference definition, whatever follows its colon (markdown-it decides).
_REFERENCE_DEFINITION = re.compile(LINK_DEFINITION_START + r".*$", re.M)


@dataclass(frozen=True)
class Link:
    """A link or an image in a paragraph."""

    kind: str  # "link" or "image"
    #: Offset of the link's first character ("[", "![" or "<") in the paragraph.
    start: int
    target: str
    #: The link text, or the image's alt text.
    text: str


def references(value: str) -> dict[str, Any]:
    """The reference definitions of a whole text value, as markdown-it's environment."""
    env: dict[str, Any] = {}
    if "]:" in value:
        definitions = "\n\n".join(m.group() for m in _REFERENCE_DEFINITION.finditer(value))
        parser("links").parse(definitions, env)
    return env


def links(paragraph: str, env: dict[str, Any]) -> list[Link]:
    """Every link and image of a paragraph, in order."""
    if "[" not in paragraph and "<" not in paragraph:
        return []
    source = _REFERENCE_DEFINITION.sub(lambda m: " " * len(m.group()), paragraph)
    tokens = parser("links").parseInline(source, dict(env))
    found: list[Link] = []
    cursor = 0
    for token in tokens:
        children = token.children or []
        index = 0
        while index < len(children):
            child = children[index]
            if child.type == "image":
                start = _find(source, "![", cursor)
                cursor = start + 2 if start >= 0 else cursor
                found.append(
                    Link("image", max(start, 0), str(child.attrGet("src") or ""), child.content)
                )
            elif child.type == "link_open":
                text_parts: list[str] = []
                inner_images = []  # an image as the link text: [![alt](a.png)](https://...)
                index += 1
                while index < len(children) and children[index].type != "link_close":
                    text_parts.append(children[index].content)
                    if children[index].type == "image":
                        inner_images.append(children[index])
                    index += 1
                text = "".join(text_parts)
                start = -1
                if child.markup == "autolink":
                    start = _find(source, "<", cursor)
                elif text:
                    start = source.find("[" + text, cursor)
                if start < 0:
                    start = _find(source, "[", cursor)
                cursor = start + 1 if start >= 0 else cursor
                target = str(child.attrGet("href") or "")
                found.append(Link("link", max(start, 0), target, text))
                for image in inner_images:
                    at = _find(source, "![", cursor)
                    cursor = at + 2 if at >= 0 else cursor
                    src = str(image.attrGet("src") or "")
                    found.append(Link("image", max(at, 0), src, image.content))
            index += 1
    return found


_WRITTEN = re.compile(r"!?\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?|<[^>\s]*>")


def written(paragraph: str, link: Link) -> str:
    """The link as written in the paragraph (``[text](target)``), for excerpts."""
    match = _WRITTEN.match(paragraph, link.start)
    return match.group() if match else paragraph[link.start : link.start + 80]


def _find(source: str, opener: str, cursor: int) -> int:
    """The next ``opener`` at or after ``cursor`` that starts a link; -1 if none.

    Skipped: escaped brackets, the "[" of an image ("![") and of a reference label ("][").
    """
    while True:
        at = source.find(opener, cursor)
        if at <= 0:
            return at
        before = source[at - 1]
        if before == "\\" or (opener == "[" and before in "!]"):
            cursor = at + 1
            continue
        return at
