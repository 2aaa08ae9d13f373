"""A paragraph that already appeared in an earlier issue of the archive.

Last month's paragraph left in by mistake reads like an error to every
subscriber who read last month's letter. The archive is the other drafts in
the workspace's issues folder (or the folder given with `--archive`); an
issue is earlier when its date is earlier (then its number, then its file
name), so of two issues sharing a paragraph only the later one is reported.
A paragraph matches when its normalised text is the same (as for
duplicate-paragraph) or when at least `similarity` of its word 3-grams are
shared (Jaccard, as for near-duplicate-paragraph: a lightly edited copy).

A copy is reported when it comes from one of the last few issues (`recent`):
that is the mistake, last month's paragraph left in. Text that recurs on
purpose is not reported: a paragraph found in
`boilerplate_issues` issues or more (the greeting, the footer, how to
subscribe), or matching one of the `boilerplate` regular expressions of
`[lint]` in newsletter.toml (searched case-insensitively in the paragraph's
text and in its normalised form). Short paragraphs and headings are skipped,
and so are text inside an HTML comment (readers never see it), lists (a list
of upcoming events, of help wanted or of links is kept up to date from issue
to issue: items left in from last time are its standing content, not a copy)
and the one-line note under a list item or a link (the same caption under
each bug report of a list).

Measured on two real weekly archives (issue 15), the rule is left with one
finding in 693 issues, and not a mistake: a reminder repeated the next week
on purpose. It stays a warning: it is there for the paragraph left in from
last month, which the recall tests plant and find.

The archive is looked up through an index (digests, and a fixed sample of
the 3-grams that finds candidates for near copies, which are then measured
on their full text), never by comparing every pair of paragraphs; the index
is cached under `.nl-cache/` in the workspace. Text made mostly of phrases
common across the archive (a section's introduction, reworded a little over
the years) is not reported, copy or not.

Options:
    min_words: shorter paragraphs are not looked up (default 10).
    similarity: the smallest share of shared 3-grams (0 to 1) that counts as a copy;
        1 finds exact copies only (default 0.8).
    boilerplate_issues: a paragraph found in this many issues or more, this one
        included, exactly or in part (two in five of its 3-grams shared), is boilerplate
        (default 3).
    recent: only copies from the last `recent` issues before this one are reported;
        a paragraph of an older issue is recalled on purpose, as in a year in review
        or the same thanks a year later (default 4).

Fails:
    ```toml
    title = "River Voices"
    date = 2026-10-01
    intro = \"\"\"
    The water company has promised to repair the two misconnected
    outfalls before the end of the year.
    \"\"\"
    ```

    ```toml
    # archive: an earlier issue
    title = "River Voices"
    date = 2026-09-01
    intro = \"\"\"
    The water company has promised to repair the two misconnected
    outfalls before the end of the year.
    \"\"\"
    ```

Passes:
    ```toml
    title = "River Voices"
    date = 2026-10-01
    intro = \"\"\"
    Both misconnected outfalls on the Wend were repaired in September, ahead of the promised date.
    \"\"\"
    ```

    ```toml
    # archive: an earlier issue
    title = "River Voices"
    date = 2026-09-01
    intro = \"\"\"
    The water company has promised to repair the two misconnected
    outfalls before the end of the year.
    \"\"\"
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsletter_cli.lint import archive_index
from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.lint.rules.near_duplicate_paragraph import is_list, note_under_list_item
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.normalize import is_link_only, is_markup

ID = "archive-duplicate"
SEVERITY = Severity.WARNING
FIXABLE = False
#: Its findings depend on the other drafts of the archive (the engine caches them apart).
USES_ARCHIVE = True

#: Paragraphs this alike (3-gram Jaccard) in ``boilerplate_issues`` issues are standing text.
STANDING_SIMILARITY = 0.4
#: A paragraph with fewer sampled 3-grams is looked up by all of its 3-grams.
SHORT_SAMPLE = 3


@dataclass(frozen=True)
class Options:
    """Options of archive-duplicate."""

    min_words: int = 10
    similarity: float = 0.8
    boilerplate_issues: int = archive_index.STANDING_ISSUES
    recent: int = 4

    def __post_init__(self) -> None:
        if self.min_words < 1:
            raise ValueError("min_words must be at least 1")
        if not 0 < self.similarity <= 1:
            raise ValueError("similarity must be more than 0 and at most 1")
        if self.boilerplate_issues < 2:
            raise ValueError("boilerplate_issues must be at least 2")
        if self.recent < 1:
            raise ValueError("recent must be at least 1")


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield a violation per paragraph found in an earlier issue of the archive."""
    draft = analysis.draft
    if not context.archive:
        return
    index = context.archive_index()
    indexed = index.issue_of(draft.path)
    me = indexed or archive_index.Issue(draft.path or Path("<draft>"), draft.date, draft.number, ())
    patterns = [re.compile(p, re.IGNORECASE) for p in context.workspace.settings.lint.boilerplate]
    reported: set[str] = set()
    paragraphs = analysis.prose
    for position, paragraph in enumerate(paragraphs):
        if paragraph.is_heading or is_link_only(paragraph.text) or is_markup(paragraph.text):
            continue
        if is_list(paragraph.text) or note_under_list_item(paragraphs, position):
            continue
        text = analysis.normal(paragraph.text)
        if text.words < options.min_words:
            continue
        if text.digest in reported:  # a repeat inside this issue is duplicate-paragraph's
            continue
        if any(p.search(paragraph.text) or p.search(text.normalized) for p in patterns):
            continue
        # issues with this text, this one included: at boilerplate_issues, it is boilerplate
        limit = options.boilerplate_issues
        if index.recurrence(text.digest) + (0 if indexed else 1) >= limit:
            continue
        sampled = text.sample(archive_index.MODULUS)
        found = {id(m.issue): m for m in index.exact(text.digest, limit) if m.issue is not me}
        if not found and index.formulaic(sampled):
            continue  # no copy, only phrases that many issues use: not a near copy either
        if len(found) + 1 < limit:
            # looser copies count too: a section's introduction or a footer reworded a
            # little over the years (two in five of its 3-grams the same) is standing text
            loose = min(options.similarity, STANDING_SIMILARITY)
            # the sample only finds candidates; a short text's own sample is too small
            if len(sampled) < SHORT_SAMPLE:
                near = index.contained(text.shingles, 3 * (limit + 1))
            else:
                near = index.similar(sampled, loose * 0.7, 3 * (limit + 1))
            near = [m for m in near if m.issue is not me and id(m.issue) not in found]
            confirmed = index.confirm(near, text, loose)
            if len(found) + len({id(m.issue) for m in confirmed}) + 1 >= limit:
                continue
            for m in confirmed:
                if m.similarity >= options.similarity:
                    found.setdefault(id(m.issue), m)
        if not found:
            continue
        matches = list(found.values())
        earlier = [m for m in matches if m.issue.precedes(me)]
        if not earlier:
            continue
        latest = earlier[0]
        for match in earlier[1:]:
            if latest.issue.precedes(match.issue):
                latest = match
        if _issues_between(index, latest.issue, me) >= options.recent:
            continue  # a paragraph from long ago is recalled on purpose (a year in review)
        where = f"{latest.issue.shown}:{latest.entry.line}"
        if latest.entry.digest == text.digest:
            message = f"paragraph {paragraph.number} already appeared in {where}"
        else:
            message = (
                f"paragraph {paragraph.number} is {latest.similarity:.0%} the same as "
                f"paragraph {latest.entry.number} of {where}"
            )
        reported.add(text.digest)
        yield Violation(
            location=paragraph.location,
            message=message,
            excerpt=shorten(paragraph.text),
            data={
                "similarity": round(latest.similarity, 3),
                "related": [
                    {
                        "path": m.issue.shown,
                        "line": m.entry.line,
                        "column": m.entry.column,
                        "message": f"paragraph {m.entry.number} of an earlier issue",
                    }
                    for m in earlier
                ],
            },
        )


def _issues_between(
    index: archive_index.ArchiveIndex, earlier: archive_index.Issue, me: archive_index.Issue
) -> int:
    """How many issues of the archive came out after ``earlier`` and before ``me``."""
    return sum(
        1
        for issue in index.issues
        if issue is not me and earlier.precedes(issue) and issue.precedes(me)
    )
