'''A paragraph that stops mid-sentence ("... a non-binding recommendation that").

A sentence cut off by an editing accident is easy to miss on screen and
obvious to every reader. A cut sentence ends on a small word ("... a
recommendation that", "... and the"), or, in prose, on a comma or a plain
lower-case word ("... for their **work**"). A paragraph is reported
when its last word, once trailing emphasis markers, quotes and brackets are set
aside, is such a word.

A line that ends on a number, a name, a code word or a link is finished, and
so are the kinds of paragraph that rightly end without a full stop (decided by
``textspans.paragraph_kind``): headings, also a short Title Case line standing
alone; list items, also with bullet signs ("• ", "◦ "); block quotes;
tables, also rows of cells parted by " | " or tabs; HTML, templates and code;
lines that are only links; lines mostly of figures (statistics, a formula, a
command); blocks of short lines, or of lines ended by hard line breaks, with no
full stop (a signature, an address, a verse). A caption or credit ("*Photo:
Ana Ferreira*", "Photos by the Mill group"), a one-line field with a short
label ("Venue: the old mill", "Note: use the `develop-9.6` branch") and a
one-line farewell ("With love from all of us at the Alliance", "With warm
wishes from all of us," before a name) are reported only when they stop at a
small word. Also not reported: a last
sentence with an editor's note in it ("TODO add link", reported by
placeholder-text), and paragraphs shorter than ``min_words`` words (greetings,
sign-offs, names: "Dear friends,", "With warm regards,").

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

from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.lexicon import DANGLING_WORDS, EDITOR_NOTE
from newsletter_cli.text.textspans import ParagraphKind

ID = "truncated-paragraph"
SEVERITY = Severity.WARNING
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False

_CLOSERS = " \t\\*_\"'\u201d\u2019\u00bb\u203a`~"
#: In the last word: an address, or a bracketed word ("(2019)"). Searched in the last word only
#: (a search in the paragraph rescanned a run of "http://http://..." from each start).
_URL_WORD = re.compile(r"(?:https?://|www\.)\S|\([^()\s]*\)$")
#: The lookbehind starts a match only where a run starts, so a search scans each run once.
_LAST_WORD = re.compile(r"(?<![\w,\u2013\u2014-])[\w,\u2013\u2014-]+$")
#: An editor's note ends the paragraph: "The report is out. TODO add link". placeholder-text
#: reports it as an error; a second warning for the same words would be noise.
_NOTE = re.compile(EDITOR_NOTE)

#: Kinds of paragraph that rightly end without a full stop, whatever their last word.
_NEVER_CUT = frozenset(
    {
        ParagraphKind.HEADING,
        ParagraphKind.LIST,
        ParagraphKind.QUOTE,
        ParagraphKind.TABLE,
        ParagraphKind.MARKUP,
        ParagraphKind.CODE,
        ParagraphKind.LINKS,
        ParagraphKind.FIGURES,
        ParagraphKind.LINES,
    }
)


def _ends_with_note(body: str) -> bool:
    return bool(_NOTE.search(re.split(r"[.!?:]\s", body)[-1]))


def _is_cut(body: str, kind: ParagraphKind) -> bool:
    """Whether a paragraph whose last word is not followed by a stop reads as cut off.

    A cut sentence ends on a small word ("that", "and the"), in any kind of
    paragraph read here, or, in prose, on a comma or a plain lower-case word
    ("... for their **work**"); a farewell ends on a comma before the name below
    it. A line ending on a number, a name, a code word or a link is finished.
    """
    if body[-1] in ",-\u2013\u2014":
        return kind is ParagraphKind.PROSE  # "With warm wishes from all of us," before a name
    last = body.rsplit(maxsplit=1)[-1].strip("*_\"'\u201c\u201d\u2018\u2019([{")
    if last.lower() in DANGLING_WORDS:
        return True
    return kind is ParagraphKind.PROSE and last.isalpha() and last.islower()


@dataclass(frozen=True)
class Options:
    """Options of truncated-paragraph."""

    min_words: int = 6


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per paragraph that ends mid-sentence."""
    for paragraph in analysis.prose:
        text = paragraph.text
        # first the cheapest test, which most paragraphs fail: they end with a full stop
        body = text.rstrip(_CLOSERS + "\n")
        if not body or not (body[-1].isalnum() or body[-1] in ",-\u2013\u2014"):
            continue
        if len(text.split()) < options.min_words:
            continue
        kind = analysis.kind(paragraph)
        if kind in _NEVER_CUT:
            continue
        if _URL_WORD.search(body.rsplit(maxsplit=1)[-1]) or _ends_with_note(body):
            continue
        if not _is_cut(body, kind):
            continue
        word = _LAST_WORD.search(body)
        start = word.start() if word else len(body) - 1
        tail = " ".join(body.split()[-6:])
        yield Violation(
            analysis.locate(paragraph, start),
            f'the paragraph ends mid-sentence ("...{tail}"); finish the sentence or end it'
            " with a full stop",
            excerpt=shorten(tail),
        )
