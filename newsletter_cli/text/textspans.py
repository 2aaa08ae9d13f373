"""Inside a paragraph: what is prose, where its lines and sentences are, and what kind it is.

Text rules look for words ("TODO", "the the", "4 June") in prose only. ``mask``
returns the text with code, link targets, addresses and HTML blanked out by
filler characters of the same length, so that every offset found in the masked text is
still the offset in the real text. ``paragraph_kind`` says what a paragraph is to a reader
(prose, a list item, a table row, ...). These are the pieces; ``text.analysis.DraftText``
puts them together once per draft for the lint rules, and turns offsets into places in the
TOML file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from newsletter_cli.draft.model import Location, Paragraph

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFERENCE_LABEL = re.compile(r"\]\[[^\]\n]*\]")
#: The start of a Markdown link reference definition line, up to its colon: ``[label]:``.
LINK_DEFINITION_START = r"^[ \t]{0,3}\[[^\]\n]+\]:"
#: A whole link reference definition line, ``[label]: https://...`` (multi-line mode).
LINK_DEFINITION = re.compile(LINK_DEFINITION_START + r"[ \t]*\S.*$", re.M)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"*_]")
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")

# Template tags of site generators: {% statement %}, {{ expression }}, {# comment #}. A tag
# ends at its first closer and never runs over the next opener of its kind, so a search scans
# each stretch between two openers once: linear, also on a run of unclosed "{{" (".*?" up to
# the closer rescanned the rest of the text from every opener: quadratic).
_STATEMENT = r"\{%(?:(?!\{%|%\}).)*%\}"
_EXPRESSION = r"\{\{(?:(?!\{\{|\}\}).)*\}\}"
_COMMENT = r"\{#(?:(?!\{#|#\}).)*#\}"
TEMPLATE_STATEMENT = re.compile(_STATEMENT, re.S)
#: A ``{% statement %}`` or ``{{ expression }}``.
TEMPLATE_TAG = re.compile(f"{_STATEMENT}|{_EXPRESSION}", re.S)
#: A ``{% statement %}``, ``{{ expression }}`` or ``{# comment #}``.
TEMPLATE_TAG_OR_COMMENT = re.compile(f"{_STATEMENT}|{_EXPRESSION}|{_COMMENT}", re.S)

#: The backslash that makes a line end a hard line break (CommonMark): one not itself escaped.
#: A run of backslashes is scanned once (the lookbehind starts a match at the run's start only).
HARD_BREAK = re.compile(r"(?<!\\)(?:\\\\)*\\(?=\n)")


def ends_with_hard_break(line: str) -> bool:
    """Whether a line of Markdown ends with a hard line break: a backslash, or two spaces."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1 or line.endswith("  ")


#: What ``mask`` writes over hidden text by default: neither a space nor a word
#: character, so that "the `x` the" does not become "the the" and "4 `x` June"
#: does not become a date.
FILL = "\x1a"


def mask(
    text: str, *, code: bool = True, links: bool = True, html: bool = True, fill: str = FILL
) -> str:
    """The text with code, link targets/addresses and HTML blanked out (same length).

    Line breaks are kept, so that line and column arithmetic still holds.
    """

    def _blank(match: re.Match[str]) -> str:
        found = match.group()
        if "\n" not in found:
            return fill * len(found)
        return "\n".join(fill * len(line) for line in found.split("\n"))

    if html and "<!--" in text:
        # first: a backtick inside a comment opens no code span (``html_comments``)
        parts: list[str] = []
        at = 0
        for start, end in html_comments(text):
            parts.append(text[at:start])
            parts.append("\n".join(fill * len(line) for line in text[start:end].split("\n")))
            at = end
        text = "".join([*parts, text[at:]])
    if code and ("`" in text or "~~~" in text):
        text = _mask_fences(text, fill)
        text = _CODE_SPAN.sub(_blank, text)
    if links:
        if "](" in text:
            text = _LINK_TARGET.sub(lambda m: "]" + fill * (len(m.group()) - 1), text)
        if "][" in text:
            text = _REFERENCE_LABEL.sub(lambda m: "]" + fill * (len(m.group()) - 1), text)
        if "]:" in text:
            text = LINK_DEFINITION.sub(_blank, text)
        if "<" in text:
            text = _AUTOLINK.sub(_blank, text)
        if "://" in text or "www." in text:
            text = _BARE_URL.sub(_blank, text)
    if html and "<" in text:
        text = _HTML_TAG.sub(_blank, text)
    if "{%" in text:
        text = TEMPLATE_STATEMENT.sub(_blank, text)
    if "\\\n" in text:
        # the backslash of a hard line break is a line break, not a character of the text
        text = HARD_BREAK.sub(lambda m: m.group()[:-1] + " ", text)
    return text


def _mask_fences(text: str, fill: str) -> str:
    """Blank fenced code blocks, fences included; an unclosed fence runs to the end."""
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif (
            fence is not None
            and match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
        ):
            lines[i] = fill * len(line)
            fence = None
            continue
        if fence is not None:
            lines[i] = fill * len(line)
    return "\n".join(lines)


#: What decides where code spans and HTML comments stand: a run of backticks, a comment's
#: opener, a blank line (a code span never runs over one).
_SPAN_MARK = re.compile(r"`+|<!--|\n[ \t]*\n")


def html_comments(text: str) -> list[tuple[int, int]]:
    """(start, end) of each HTML comment of Markdown ``text`` that is not code.

    Read left to right, as Markdown reads them: whichever starts first, a code span or a
    comment, is what it is, so a backtick inside a comment (``<!-- don`t -->``) opens no code
    span and ``<!--`` inside a code span or a fenced block opens no comment. A code span ends
    at the next run of as many backticks in its paragraph (never over a blank line); a comment
    at its first ``-->``, over blank lines too, or at the end of the text. Linear in the text:
    each backtick run knows the next run of its length in its paragraph before the scan.
    """
    if "<!--" not in text:
        return []
    if "```" in text or "~~~" in text:
        text = _mask_fences(text, FILL)  # same length: offsets hold
    marks = list(_SPAN_MARK.finditer(text))
    closer: list[int | None] = [None] * len(marks)  # a backtick run -> the run that closes it
    later: dict[int, int] = {}  # run length -> index of the next run of it in the paragraph
    for index in range(len(marks) - 1, -1, -1):
        found = marks[index].group()
        if found[0] == "`":
            closer[index] = later.get(len(found))
            later[len(found)] = index
        elif found[0] == "\n":
            later = {}
    comments: list[tuple[int, int]] = []
    resume = 0  # offsets before this are inside a code span or a comment already read
    for index, mark in enumerate(marks):
        if mark.start() < resume:
            continue
        found = mark.group()
        if found == "<!--":
            end = text.find("-->", mark.end())
            resume = len(text) if end < 0 else end + 3
            comments.append((mark.start(), resume))
        elif found[0] == "`":
            close = closer[index]
            if close is not None:
                resume = marks[close].end()
    return comments


def line_starts(text: str) -> tuple[int, ...]:
    """The offset where each line of ``text`` (split at ``\\n``) starts."""
    return (0, *(match.end() for match in re.finditer("\n", text)))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph: split after . ! ? followed by space."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


_SENTENCE_END = re.compile(
    r"(?<![A-Z][a-z])(?<!\b[A-Za-z])[.!?]+[\"'\u201d\u2019)\]*_]*\s+(?=[\"'\u201c\u2018(\[*_]*[A-Z0-9])"
)


@dataclass(frozen=True)
class Passage:
    """A piece of prose a rule reads: a paragraph, or a section heading."""

    text: str
    #: 0-based section index, or None for intro and closing.
    section: int | None
    #: The paragraph, or None for a section heading.
    paragraph: Paragraph | None
    locate: Callable[[int], Location]


# -- what kind of paragraph this is ------------------------------------------------------


class ParagraphKind(StrEnum):
    """What a paragraph is to a reader: prose, or a line that rightly ends without a stop."""

    #: Sentences: the only kind read for a sentence cut off mid-way.
    PROSE = "prose"
    #: A Markdown heading, or a short line in Title Case standing alone ("News From The Mill").
    HEADING = "heading"
    #: A list item: "- ", "* ", "1. ", "1) " or a bullet sign ("• ", "◦ ", a dash).
    LIST = "list"
    QUOTE = "quote"
    #: A table row: starting with "|", or cells parted by " | " or tabs.
    TABLE = "table"
    #: HTML, a template tag, a reference definition or an image.
    MARKUP = "markup"
    #: Fenced or indented code.
    CODE = "code"
    #: Lines that are each a link or an address ("[Minutes](...) [Photos](...)").
    LINKS = "links"
    #: A caption or credit: wholly in emphasis, or "Photo by ...", "Edited by ...", "Source: ...".
    CREDIT = "credit"
    #: Mostly figures or symbols: statistics, a formula, a command line.
    FIGURES = "figures"
    #: "Label: value" on one line, as in an events listing ("Venue: the old mill").
    FIELD = "field"
    #: A farewell on one line ("With love from all of us at the Alliance").
    SIGN_OFF = "sign-off"
    #: Short lines, or lines broken on purpose, with no full stop: a signature, an address, a verse.
    LINES = "lines"


_MARKDOWN_BLOCK = re.compile(
    r"^[ \t]*(?:(?P<heading>#)|(?P<list>[-*+\u2022\u25e6\u25aa\u2023\u2013\u2014\u2192][ \t]"
    r"|\d{1,3}[.)][ \t])|(?P<quote>>)|(?P<table>\|)|(?P<code>```|~~~)"
    r"|(?P<markup><|\{[%{]|\[[^\]\n]+\]:|!\[))"
)
#: A link, an autolink or an address; atomic and possessive, so that a line of many links that
#: fails at its end is given up at once instead of retried in every way of splitting it.
_ONE_LINK = r"(?>!?\[[^\]\n]*+\](?:\([^)\n]*+\)|\[[^\]\n]*+\])|<[^>\s]++>|https?://\S++)"
_LINK_LINE = re.compile(
    rf"^[ \t]*{_ONE_LINK}(?:[ \t]*+(?:[-\u2013\u2014|\u00b7\u2022,:;/][ \t]*+)?{_ONE_LINK})*+"
    r"[ \t]*$"
)
_WHOLLY_EMPHASISED = re.compile(r"^\s*([*_]{1,3})\S.*\S\1\s*$", re.S)
_CREDIT = re.compile(
    r"(?i)^[ \t]*[*_]*(?:photos?|pictures?|images?|illustrations?|drawings?|artwork|cover"
    r"|graphics?|words|text|video|audio|editing|edited|written|compiled|curated|produced"
    r"|translated|translation|design(?:ed)?|credits?|source)\b(?:\s+\w+){0,2}?\s*(?:by|:|\u00a9)\s"
    r"|^[ \t]*[*_]*(?:courtesy\s+of|\u00a9)\s"
)
_CELLS = re.compile(r"\S[ \t]+\|[ \t]+\S(?:.*\S)?[ \t]+\|[ \t]+\S|\S\t+\S(?:.*\S)?\t+\S")
#: "Call for papers: deadline 15 August 2026": a label of one to three words, then its value.
_FIELD = re.compile(r"^[ \t]*(?P<label>[A-Z][\w'\u2019-]*(?:[ \t]+[\w'\u2019-]+){0,2}):[ \t]+\S")
#: A label that introduces speech is no field: "The mayor said: we will adopt the plan that".
_SPEECH = re.compile(
    r"(?i)\b(?:said|says|say|wrote|writes|added|adds|asked|asks|told|tells|explained)$"
)
#: A full stop, question or exclamation mark that ends a sentence (not the dot of "9.6"), also
#: before the backslash of a hard line break.
_SENTENCE_MARK = re.compile(r"[.!?][\"'\u201d\u2019)*_\\]*(?:\s|$)")
#: A farewell on one line: "With love from all of us at the Alliance", "..., see you in April".
_SIGN_OFF = re.compile(
    r"(?i)^[ \t]*(?:with\s+)?(?:(?:warm(?:est)?|kind(?:est)?|best|fond(?:est)?|all\s+the\s+best"
    r"|much|lots\s+of|many)\s+)?(?:love|wishes|regards|greetings)\b"
    r"|^[ \t]*(?:see\s+you|until|till|take\s+care|yours|cheers|happy\s+\w+|all\s+the\s+best)\b"
    r"|,[ \t]*(?:see\s+you|take\s+care|all\s+the\s+best)\b"
)
#: Small words a title leaves in lower case ("News from the Mill").
_TITLE_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "vs",
        "via",
        "&",
        "-",
        "\u2013",
        "\u2014",
    ]
)


def paragraph_kind(text: str) -> ParagraphKind:
    """What kind of paragraph ``text`` is, judged from its shape alone.

    The surest signs are read first: Markdown syntax on the first or last line,
    then code, table cells, links, credits and figures, and last the guesses
    made from one line (a field, a farewell, a title) or from short lines.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return ParagraphKind.LINES
    block = _MARKDOWN_BLOCK.match(lines[0]) or _MARKDOWN_BLOCK.match(lines[-1])
    if block:
        return ParagraphKind(block.lastgroup or "markup")
    if all(line.startswith(("    ", "\t")) for line in lines):
        return ParagraphKind.CODE
    if all(_CELLS.search(line) for line in lines):
        return ParagraphKind.TABLE
    if all(_LINK_LINE.match(line) for line in lines):
        return ParagraphKind.LINKS
    if _WHOLLY_EMPHASISED.match(text) or _CREDIT.match(lines[-1]):
        return ParagraphKind.CREDIT
    if not _mostly_letters(lines[-1]):
        return ParagraphKind.FIGURES
    if len(lines) == 1:
        line = lines[0].strip()
        if _is_field(line):
            return ParagraphKind.FIELD
        if _SIGN_OFF.search(line) and len(line.split()) <= 15:
            return ParagraphKind.SIGN_OFF
        if _is_title(line):
            return ParagraphKind.HEADING
    elif not _SENTENCE_MARK.search(text) and (
        all(len(line.split()) <= 6 for line in lines)
        or all(ends_with_hard_break(line) for line in lines[:-1])
    ):
        return ParagraphKind.LINES
    return ParagraphKind.PROSE


def _mostly_letters(line: str) -> bool:
    """Most of the line is letters: not a formula, a table of numbers or a command line.

    Visible characters are all but white space and ``*_~` ``; letters are never either."""
    if line.isascii():  # counted in C: what is left once the others are deleted
        raw = line.encode("ascii")
        visible = len(raw.translate(None, _INVISIBLE))
        letters = len(raw.translate(None, _NOT_LETTERS))
    else:
        visible = sum(1 for c in line if not c.isspace() and c not in "*_~`")
        letters = sum(map(str.isalpha, line))
    return visible > 0 and letters >= 0.6 * visible


#: ASCII bytes that are white space (as ``str.isspace`` reads them) or ``*_~` ``.
_INVISIBLE = bytes(b for b in range(128) if chr(b).isspace() or chr(b) in "*_~`")
#: ASCII bytes that are not letters.
_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


def _is_field(line: str) -> bool:
    """A one-line "Label: value" with no sentence in it, as in an events listing."""
    field = _FIELD.match(line)
    return (
        field is not None
        and not _SPEECH.search(field.group("label"))
        and len(line[field.end() :].split()) <= 10
        and not _SENTENCE_MARK.search(line)
    )


def _is_title(line: str) -> bool:
    """A short line in Title Case: "Upcoming Events And Meetups", "News From The Mill"."""
    words = [word.strip("*_[]()\"'\u201c\u201d") for word in line.split()]
    words = [word for word in words if word]
    content = [word for word in words if word.lower() not in _TITLE_SMALL_WORDS]
    return (
        2 <= len(words) <= 10
        and len(content) >= 2
        and all(word[0].isupper() or word[0].isdigit() for word in content)
        and not _SENTENCE_MARK.search(line)
    )
