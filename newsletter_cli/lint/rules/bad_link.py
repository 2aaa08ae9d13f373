'''A link that goes nowhere or says nothing: empty or malformed target, javascript:, "click here".

In an email or a PDF a broken link cannot be fixed after sending. Reported:

- an empty target (``[report]()``) or a bare ``#``;
- a malformed address: ``http:/example.org`` or ``https//example.org``
  (a slash or the colon missing), ``https://`` with no host, ``www.example.org``
  without ``https://`` (a relative link that leads nowhere from an email), a
  space inside the target (``[x](https://example.org/a b)``), or a space
  between the link text and its target (``[x] (https://example.org)``);
- ``javascript:``, ``vbscript:`` and ``data:`` links, which mail programs block;
- link text that says nothing about where it leads: "here", "click here",
  "this link", "link", "this" (screen readers list links by their text); but
  not "this" as the first word of a phrase ("[this] idea") nor "link" as a verb
  ("two replies [link] to the paper"), where the words around it name the target.

Links in code are not read. Relative links (``/about``) and reference links
are fine.

Options:
    (none)

Fails:
    ```toml
    title = "River Voices"
    intro = """
    The full survey results are online: [click here](https://lowland-rivers.example/survey).
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    intro = """
    Read the [survey results](https://lowland-rivers.example/survey), not `[here](javascript:x)`.
    """
    ```
'''

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsletter_cli.draft.model import Paragraph
from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text import mdlinks
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.textspans import LINK_DEFINITION_START, mask

ID = "bad-link"
SEVERITY = Severity.WARNING
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False

_VAGUE_TEXT = frozenset(
    {"here", "click here", "click", "this link", "link", "this", "click this link"}
)
_UNSAFE = re.compile(r"^\s*(?:javascript|vbscript|data):", re.I)
_MALFORMED = (
    (re.compile(r"^(?i:https?):/?(?!/)"), "a slash is missing after the colon"),
    (re.compile(r"^(?i:https?)//"), "the colon is missing after http"),
    (re.compile(r"^(?i:https?)://(?:[/?#]|$)"), "there is no host name"),
    (re.compile(r"^(?i:htps?|htpps?|hhtps?|http[^s:])[:/]"), "the scheme is misspelt"),
    (re.compile(r"^www\."), "https:// is missing: from an email this link leads nowhere"),
)
# Cheap signs that a paragraph may hold a bad link; only such paragraphs are parsed.
_BAD_TARGET = (
    r"(?:#?\s*(?:\)|$)|<>|(?i:javascript|vbscript|data):|www\.|(?i:https?):/?(?!/)"
    r"|(?i:https?)//|(?i:https?)://(?:[/?#)\s]|$)|(?i:htps?|htpps?|hhtps?|http[^s:])[:/])"
)
# the spaces before the target are taken whole (possessive): _BAD_TARGET's first branch may
# start with spaces too, and trying every split of a long run of them is quadratic
_SUSPECT_INLINE = re.compile(r"\]\(\s*+" + _BAD_TARGET)
_SUSPECT_DEFINITION = re.compile(LINK_DEFINITION_START + r"[ \t]*+" + _BAD_TARGET, re.M)
_SUSPECT_TEXT = re.compile(
    r"\[[\s*_]*(?i:click\s+this\s+link|click\s+here|this\s+link|here|click|link|this)[\s*_.!]*\]"
)

_UNPARSED_SCHEME = r"(?:javascript:|vbscript:|data:(?!image/(?:gif|png|jpeg|webp);))"

# Written as links but not parsed as links, so markdown-it does not see them.
_BROKEN_SYNTAX = (
    (
        # markdown-it parses data: images (and _problem reports them); these it does not
        re.compile(rf"\]\(\s*{_UNPARSED_SCHEME}|<{_UNPARSED_SCHEME}", re.I),
        "a javascript:, vbscript: or data: link; mail programs block these",
    ),
    (
        # each part stops at the next "[": a run of "[" or of unclosed links is scanned once
        re.compile(r"\[[^\[\]\n]+\]\((?:https?://|www\.)[^)\s]*[ \t]+[^)\"'\s][^)\[\n]*\)"),
        "the link target contains a space; write it as %20 or fix the address",
    ),
    (
        re.compile(r"\[[^\[\]\n]+\][ \t]+\((?:https?://|www\.|mailto:)[^)\s]*\)"),
        "a space between the link text and its target: write [text](address)",
    ),
)


@dataclass(frozen=True)
class Options:
    """bad-link has no options."""


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per bad link."""
    environments: dict[Any, dict[str, Any]] = {}
    suspect_values: dict[Any, bool] = {}
    for paragraph in analysis.prose:
        text = paragraph.text
        if "[" not in text and "<" not in text:
            continue
        yield from _broken_syntax(analysis, paragraph)
        if paragraph.field not in suspect_values:
            value = analysis.value(paragraph.field)
            suspect_values[paragraph.field] = bool(_SUSPECT_DEFINITION.search(value))
        if not (
            _SUSPECT_TEXT.search(text)
            or _SUSPECT_INLINE.search(text)
            or (suspect_values[paragraph.field] and "]" in text)
        ):
            continue
        if paragraph.field not in environments:
            environments[paragraph.field] = mdlinks.references(analysis.value(paragraph.field))
        for link in mdlinks.links(text, environments[paragraph.field]):
            if link.kind != "link":
                continue
            problem = _problem(link)
            if problem and _vague_word_in_a_phrase(text, link):
                continue
            if problem:
                yield Violation(
                    analysis.locate(paragraph, link.start),
                    problem,
                    excerpt=shorten(mdlinks.written(text, link)),
                )


def _broken_syntax(analysis: DraftText, paragraph: Paragraph) -> Iterator[Violation]:
    """Links written so badly that Markdown does not take them for links."""
    text = paragraph.text
    if "](" not in text and "] (" not in text and "<" not in text:
        return
    masked = mask(text, links=False)
    for pattern, problem in _BROKEN_SYNTAX:
        for match in pattern.finditer(masked):
            yield Violation(
                analysis.locate(paragraph, match.start()),
                problem,
                excerpt=shorten(text[match.start() : match.end()]),
            )


#: Words before "link" that make it the noun ("a [link] to the paper"), not the verb
#: ("two posts [link] to the paper", which the sentence around it explains).
_BEFORE_NOUN_LINK = frozenset(["a", "the", "this", "that", "our", "your", "following", "its"])
_WORD_BEFORE = re.compile(r"([\w'\u2019]+)\W*$")


def _vague_word_in_a_phrase(text: str, link: mdlinks.Link) -> bool:
    """Whether the vague link text is one word of a phrase that says where the link leads.

    "[this] idea", "[this] topic": the link is on the first word of a phrase that
    names the target. "commentators [link] to research": "link" is the verb.
    """
    words = " ".join(re.sub(r"[^\w\s]", " ", link.text.lower()).split())
    if words not in ("this", "link"):
        return False
    written = mdlinks.written(text, link)
    after = text[link.start + len(written) :]
    if words == "this":
        return bool(re.match(r"[ \t\n]+[a-z]", after))
    before = _WORD_BEFORE.search(text[max(0, link.start - 40) : link.start])
    return before is None or before.group(1).lower() not in _BEFORE_NOUN_LINK


def _problem(link: mdlinks.Link) -> str | None:
    target = link.target.strip()
    words = " ".join(re.sub(r"[^\w\s]", " ", link.text.lower()).split())
    if target in ("", "#"):
        return f"the link {link.text!r} has no target"
    if _UNSAFE.match(target):
        return "a javascript:, vbscript: or data: link; mail programs block these"
    for pattern, reason in _MALFORMED:
        if pattern.match(target):
            return f"malformed link target {target!r}: {reason}"
    if words in _VAGUE_TEXT:
        return (
            f"the link text {link.text!r} does not say where it leads;"
            " use words that name the target"
        )
    return None
