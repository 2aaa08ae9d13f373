'''A paragraph that stops mid-sentence ("... a non-binding recommendation that").

A sentence cut off by an editing accident is easy to miss on screen and
obvious to every reader. A paragraph is reported when its last character is a
letter, a digit, a comma or a dash, once trailing emphasis markers, quotes and
brackets are set aside. Not reported, because they rightly end without a full
stop: headings, list items, block quotes, tables, HTML, fenced and indented
code blocks, a last
line ending in a colon, a link, a footnote mark, a closing bracket or a web
address, a line that is only a link or an image, a caption or byline wholly
in emphasis ("*Photo: Ana Ferreira*"), a last line that is mostly not letters
(a formula, a command), a last sentence with an editor's note in it ("TODO add link", reported by
placeholder-text), a one-line farewell ("With love from all of us at the
Alliance", "See you in April"; one that stops at "the" or "and" is still
reported), a one-line field with a short label ("Call for
papers: deadline 15 August 2026", "Venue: the old mill"), blocks of short
lines, or of lines ended by hard line breaks (a backslash), with no full stop
at all (a signature, an address, a verse), and
paragraphs shorter than ``min_words`` words (greetings, sign-offs, names:
"Dear friends,", "With warm regards,").

Options:
    min_words: paragraphs with fewer words are not checked (default 6).

Fails:
    ```toml
    title = "River Voices"
    intro = """
    The council adopted the water plan as a non-binding recommendation that
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    intro = """
    Dear friends,

    The council adopted the water plan as a non-binding recommendation.

    Read the plan and the minutes of the meeting here:

    - the plan in full
    - the minutes

    With warm regards,
    """
    ```
'''

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsletter_cli.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.lexicon import EDITOR_NOTE
from newsletter_cli.model import Draft
from newsletter_cli.textspans import ends_with_hard_break, location, prose_paragraphs

ID = "truncated-paragraph"
SEVERITY = Severity.WARNING
FIXABLE = False

#: Paragraphs that are not running prose: headings, lists, quotes, tables, HTML, code, templates.
_NOT_PROSE = re.compile(
    r"^[ \t]*(?:#|[-*+][ \t]|\d{1,3}[.)][ \t]|>|\||<|```|~~~|\{[%{]|\[[^\]\n]+\]:|!\[)"
)
_CLOSERS = " \t\\*_\"'\u201d\u2019\u00bb\u203a`~"
_LINK_ONLY = re.compile(r"^\s*(?:!?\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])|<[^>\s]+>|https?://\S+)\s*$")
#: In the last word: an address, or a bracketed word ("(2019)"). Searched in the last word only
#: (a search in the paragraph rescanned a run of "http://http://..." from each start).
_URL_WORD = re.compile(r"(?:https?://|www\.)\S|\([^()\s]*\)$")
#: The lookbehind starts a match only where a run starts, so a search scans each run once.
_LAST_WORD = re.compile(r"(?<![\w,\u2013\u2014-])[\w,\u2013\u2014-]+$")


#: A paragraph wholly in emphasis is a caption or a byline: "*Research by A, B and C*".
_CAPTION = re.compile(r"^\s*([*_]{1,3})\S.*\S\1\s*$", re.S)


def _looks_like_prose(line: str) -> bool:
    """Most of the line is letters: not a formula, a table of numbers or a command line."""
    visible = [c for c in line if not c.isspace() and c not in "*_~`"]
    return bool(visible) and sum(c.isalpha() for c in visible) >= 0.6 * len(visible)


def _is_block_of_short_lines(text: str) -> bool:
    """A signature, an address or a verse: short lines, or lines the author broke on purpose
    (hard line breaks), and no full stop anywhere.

    "Ana Ferreira / Coordinator, Lowland Rivers Alliance" ends without a full
    stop because it is not a sentence.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    return (
        len(lines) > 1
        and (
            all(len(line.split()) <= 6 for line in lines)
            or all(ends_with_hard_break(line) for line in lines[:-1])
        )
        and not any(mark in text for mark in ".!?")
    )


#: "Call for papers: deadline 15 August 2026": a label of one to three words, then its value.
_FIELD = re.compile(r"^[ \t]*(?P<label>[A-Z][\w'\u2019-]*(?:[ \t]+[\w'\u2019-]+){0,2}):[ \t]+\S")
#: A label that introduces speech is no field: "The mayor said: we will adopt the plan that".
_SPEECH = re.compile(
    r"(?i)\b(?:said|says|say|wrote|writes|added|adds|asked|asks|told|tells|explained)$"
)


#: An editor's note ends the paragraph: "The report is out. TODO add link". placeholder-text
#: reports it as an error; a second warning for the same words would be noise.
_NOTE = re.compile(EDITOR_NOTE)


def _ends_with_note(body: str) -> bool:
    return bool(_NOTE.search(re.split(r"[.!?:]\s", body)[-1]))


#: A farewell on one line: "With love from all of us at the Alliance", "..., see you in April".
_SIGN_OFF = re.compile(
    r"(?i)^[ \t]*(?:with\s+)?(?:(?:warm(?:est)?|kind(?:est)?|best|fond(?:est)?|all\s+the\s+best"
    r"|much|lots\s+of|many)\s+)?(?:love|wishes|regards|greetings)\b"
    r"|^[ \t]*(?:see\s+you|until|till|take\s+care|yours|cheers|happy\s+\w+|all\s+the\s+best)\b"
    r"|,[ \t]*(?:see\s+you|take\s+care|all\s+the\s+best)\b"
)
#: Words a sentence cut off mid-way ends with; a farewell does not ("... from all of us at the").
_DANGLING = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "that",
        "which",
        "who",
        "with",
        "for",
        "from",
        "at",
        "in",
        "on",
        "by",
        "as",
        "than",
        "our",
        "your",
    ]
)


def _is_sign_off(text: str) -> bool:
    line = text.strip()
    words = line.rstrip(",!").split()
    return (
        "\n" not in line
        and bool(_SIGN_OFF.search(line))
        and len(words) <= 15
        and words[-1].lower() not in _DANGLING
    )


def _is_field(text: str) -> bool:
    """A one-line "Label: value" with no sentence in it, as in an events listing."""
    line = text.strip()
    field = _FIELD.match(line)
    return (
        field is not None
        and "\n" not in line
        and not _SPEECH.search(field.group("label"))
        and len(line[field.end() :].split()) <= 10
        and not any(mark in line for mark in ".!?")
        and line.split()[-1].lower() not in _DANGLING  # "Note: the council will decide whether the"
    )


@dataclass(frozen=True)
class Options:
    """Options of truncated-paragraph."""

    min_words: int = 6


def check(draft: Draft, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per paragraph that ends mid-sentence."""
    for paragraph in prose_paragraphs(draft):
        text = paragraph.text
        # first the cheapest test, which most paragraphs fail: they end with a full stop
        body = text.rstrip(_CLOSERS + "\n")
        if not body or not (body[-1].isalnum() or body[-1] in ",-\u2013\u2014"):
            continue
        if _NOT_PROSE.match(text) or len(text.split()) < options.min_words:
            continue
        if all(line.startswith(("    ", "\t")) for line in text.splitlines() if line.strip()):
            continue  # an indented code block
        last_line = text.rstrip().rsplit("\n", 1)[-1]
        if _LINK_ONLY.match(last_line) or _NOT_PROSE.match(last_line):
            continue
        if (
            _URL_WORD.search(body.rsplit(maxsplit=1)[-1])
            or _CAPTION.match(text)
            or _ends_with_note(body)
        ):
            continue
        if _is_field(text) or _is_sign_off(text) or not _looks_like_prose(last_line):
            continue
        if _is_block_of_short_lines(text):
            continue
        word = _LAST_WORD.search(body)
        start = word.start() if word else len(body) - 1
        tail = " ".join(body.split()[-6:])
        yield Violation(
            location(draft, paragraph, start),
            f'the paragraph ends mid-sentence ("...{tail}"); finish the sentence or end it'
            " with a full stop",
            excerpt=shorten(tail),
        )
