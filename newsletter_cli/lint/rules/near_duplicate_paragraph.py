"""Two paragraphs of one issue that are nearly the same: a reworded or partly edited copy.

An item pasted twice and then edited in one place only, or rewritten under a
second heading, is not an exact duplicate, but the reader still reads the
same thing twice. Paragraphs are compared by the share of word 3-grams
(three consecutive words, after the normalisation of duplicate-paragraph)
they have in common, the Jaccard similarity of their 3-gram sets. A later
paragraph is reported once, against the earlier paragraph it is most like,
with the similarity in percent.

On real newsletters, two different paragraphs almost never share more than
a quarter of their 3-grams, while a copy with a sentence changed shares half
or more; the default threshold of 0.5 sits between (see the rules page for
the measurement). Exact copies are left to duplicate-paragraph; headings,
paragraphs that are only a link, and paragraphs shorter than `min_words`
are skipped, and so is text inside an HTML comment (readers never see it).

Only prose paragraphs are compared. List items, the one-line note under a
list item, and one-line formulas (a sentence on one line whose opening words
three or more such lines of the issue share: "A very quiet week on the
forums ...") are alike by design: a list of bug reports or releases repeats
its shape from item to item, and reading two of them is not reading the same
thing twice.

Options:
    min_words: shorter paragraphs are not compared (default 12).
    threshold: the smallest similarity (0 to 1) that is reported (default 0.5).

Fails:
    ```toml
    title = "River Voices"
    intro = \"\"\"
    The autumn assembly takes place in Marlow on 14 November, and all
    members of the network are welcome to join us.

    The autumn assembly takes place in Marlow on 21 November, and all
    members of the network are welcome to join us.
    \"\"\"
    ```

Passes:
    ```toml
    title = "River Voices"
    intro = \"\"\"
    The autumn assembly takes place in Marlow on 14 November, and all
    members of the network are welcome to join us.

    The spring assembly took place in Hollins in April, and more than
    eighty members of the network joined us there.
    \"\"\"
    ```
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsletter_cli.draft.model import Paragraph
from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.normalize import is_link_only, is_markup, jaccard
from newsletter_cli.text.textspans import sentences

ID = "near-duplicate-paragraph"
SEVERITY = Severity.WARNING
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False

#: A list item: a paragraph that starts with a bullet or a number ("- ", "* ", "2. ").
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])\s")
#: One-line sentences opening with the same words this many times in an issue are a formula.
FORMULA_LINES = 3


@dataclass(frozen=True)
class Options:
    """Options of near-duplicate-paragraph."""

    min_words: int = 12
    threshold: float = 0.5

    def __post_init__(self) -> None:
        if self.min_words < 1:
            raise ValueError("min_words must be at least 1")
        if not 0 < self.threshold <= 1:
            raise ValueError("threshold must be more than 0 and at most 1")


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per paragraph that is nearly an earlier one."""
    seen_digests: set[str] = set()
    earlier: list[tuple[Paragraph, frozenset[int]]] = []
    paragraphs = analysis.prose
    openings = Counter(_opening(p.text) for p in paragraphs if _one_line(p.text))
    for position, paragraph in enumerate(paragraphs):
        if paragraph.is_heading or is_link_only(paragraph.text) or is_markup(paragraph.text):
            continue
        if is_list(paragraph.text):
            continue
        if openings[_opening(paragraph.text)] >= FORMULA_LINES and _one_line(paragraph.text):
            continue
        if note_under_list_item(paragraphs, position):
            continue
        text = analysis.normal(paragraph.text)
        if text.words < options.min_words:
            continue
        if text.digest in seen_digests:  # an exact copy: duplicate-paragraph reports it
            continue
        seen_digests.add(text.digest)
        mine = text.shingles
        best: tuple[float, Paragraph] | None = None
        for other, theirs in earlier:
            if mine.isdisjoint(theirs):  # most pairs: decided in C without counting
                continue
            similarity = jaccard(mine, theirs)
            if similarity >= options.threshold and (best is None or similarity > best[0]):
                best = (similarity, other)
        earlier.append((paragraph, mine))
        if best is not None:
            similarity, other = best
            yield Violation(
                location=paragraph.location,
                message=(
                    f"paragraph {paragraph.number} is {similarity:.0%} the same as paragraph "
                    f"{other.number} (line {other.location.line})"
                ),
                excerpt=shorten(paragraph.text),
                data={
                    "similarity": round(similarity, 3),
                    "related": [
                        {
                            "path": other.location.path,
                            "line": other.location.line,
                            "column": other.location.column,
                            "message": f"paragraph {other.number}, the earlier one",
                        }
                    ],
                },
            )


def is_list(text: str) -> bool:
    """Whether a paragraph is a list item or a list (it starts with a bullet or a number)."""
    return bool(_LIST_ITEM.match(text))


def note_under_list_item(paragraphs: Sequence[Paragraph], position: int) -> bool:
    """Whether the paragraph at ``position`` is a one-line note right under a list item or
    a line that is only a link (the same caption under every bug report of a list)."""
    if position == 0 or not _one_line(paragraphs[position].text):
        return False
    above = paragraphs[position - 1].text
    return is_list(above) or is_link_only(above)


def _one_line(text: str) -> bool:
    """A paragraph of one sentence written on one line."""
    flat = text.strip()
    return "\n" not in flat and len(sentences(flat)) <= 1


def _opening(text: str) -> str:
    """The first three words of a paragraph, lower-cased: the shape of a formula."""
    return " ".join(text.lower().split()[:3])
