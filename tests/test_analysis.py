"""One analysis of a draft's text, built once and read by every rule (issue 14).

The engine makes one ``DraftText`` per draft and hands that same object to every rule; what a
paragraph's text is (masked, its dates, its kind, its words) is worked out once, however many
rules ask, and once per run for a paragraph that recurs in several drafts.
"""

from __future__ import annotations

import gc
import weakref
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from newsletter_cli.draft import storage
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.checking import run_rules
from newsletter_cli.lint.config import ActiveRule, configure
from newsletter_cli.lint.engine import lint_paths
from newsletter_cli.lint.findings import RuleContext, Severity, Violation
from newsletter_cli.text import analysis as analysis_module
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.textspans import ParagraphKind

# A standing footer with a date in it: its text is masked to read the date (text without
# digits, link or anchor word is never masked), once per run however many issues it ends.
FOOTER = (
    "You receive this letter as a member of the Wend Valley Alliance (founded 4 June 2019);"
    " reply to leave the list."
)

DRAFT = f'''title = "October letter"
date = 2026-10-01
intro = """
Dear friends, the autumn assembly meets on Saturday 14 November in the old mill.

- Bring a plate to share.
- Children are welcome.

{FOOTER}
"""

[[sections]]
heading = "Work days"
body = """
We cleared the river bank on Sunday 4 October. `date -d 4 June` is code, not a date.

<!-- a note for the editors
that runs over two paragraphs

and ends here -->

| Day | Place |
"""
'''


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsletter.toml").write_text('name = "Wend Valley Alliance"\n', encoding="utf-8")
    (tmp_path / "issues").mkdir()
    return tmp_path


def _draft(root: Path, name: str = "2026-10-01.toml", text: str = DRAFT) -> Path:
    path = root / "issues" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_analysis_says_what_each_paragraph_is(workspace: Path) -> None:
    draft = storage.load(_draft(workspace))
    text = DraftText(draft, load_workspace(workspace).settings)
    kinds = {p.text.split()[0]: text.kind(p) for p in text.prose}
    assert kinds["Dear"] is ParagraphKind.PROSE
    assert kinds["-"] is ParagraphKind.LIST
    assert kinds["|"] is ParagraphKind.TABLE
    # the comment that runs over two paragraphs is no prose; its first paragraph is the
    # comment's own start, which the reader does not see either, but it is a paragraph
    assert not any(p.text.startswith("and ends here") for p in text.prose)
    assert len(text.prose) == len(text.paragraphs) - 1
    # code is masked: its "4 June" is no date; the prose dates are read
    work = next(p for p in text.prose if p.text.startswith("We cleared"))
    assert [m.text for m in text.dates(work.text)] == ["Sunday 4 October"]
    assert "date -d" not in text.masked(work.text)
    # offsets become places in the file
    where = text.locate(work, work.text.index("Sunday"))
    assert (where.line, where.column) == (15, 30)  # "We cleared the river bank on " is 29


class _Recorder:
    """A rule of the registry's shape that notes which analysis object it was handed."""

    ID = "recorder"
    SEVERITY = Severity.WARNING
    FIXABLE = False
    USES_ARCHIVE = False

    @dataclass(frozen=True)
    class Options:
        pass

    def __init__(self) -> None:
        self.seen: list[DraftText] = []

    def check(self, analysis: DraftText, options: Any, context: RuleContext) -> Iterator[Violation]:
        self.seen.append(analysis)
        return iter(())


def test_an_analysis_is_freed_without_the_cycle_collector(workspace: Path) -> None:
    """`nl lint` pauses the cycle collector: an analysis must die by reference counting alone,
    or the first collection after the run walks every paragraph of the archive again."""
    draft = storage.load(_draft(workspace))
    context = RuleContext(load_workspace(workspace))
    gc.disable()
    try:
        analysis = context.analyse(draft)
        run_rules(analysis, configure(context.workspace), context)
        assert analysis.passages  # each passage can locate its offsets
        freed = weakref.ref(analysis)
        del analysis
        assert freed() is None
    finally:
        gc.enable()


def test_every_rule_is_handed_the_same_analysis(workspace: Path) -> None:
    draft = storage.load(_draft(workspace))
    context = RuleContext(load_workspace(workspace))
    first, second = _Recorder(), _Recorder()
    rules = [ActiveRule(first, first.Options()), ActiveRule(second, second.Options())]  # type: ignore[arg-type]
    run_rules(draft, [*rules, *configure(context.workspace)], context)
    assert len(first.seen) == len(second.seen) == 1
    assert first.seen[0] is second.seen[0]
    assert first.seen[0].draft is draft


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """Counts of the real text functions' calls, per text, as the analysis makes them."""
    calls: SimpleNamespace = SimpleNamespace(mask=Counter(), find_dates=Counter())
    real_mask, real_find = analysis_module.mask, analysis_module.find_dates

    def mask(text: str, **kwargs: Any) -> str:
        calls.mask[text] += 1
        return real_mask(text, **kwargs)

    def find_dates(text: str, **kwargs: Any) -> Any:
        calls.find_dates[(text, kwargs["date_order"])] += 1
        return real_find(text, **kwargs)

    monkeypatch.setattr(analysis_module, "mask", mask)
    monkeypatch.setattr(analysis_module, "find_dates", find_dates)
    return calls


def test_each_paragraph_is_read_once_whatever_the_rules(
    workspace: Path, counted: SimpleNamespace
) -> None:
    _draft(workspace)
    report = lint_paths([Path("issues")], load_workspace(workspace), archive=False)
    assert report.files == 1 and not report.problems
    assert counted.mask and max(counted.mask.values()) == 1
    assert counted.find_dates and max(counted.find_dates.values()) == 1


def test_text_that_recurs_in_every_issue_is_read_once_per_run(
    workspace: Path, counted: SimpleNamespace
) -> None:
    for month in range(1, 10):
        _draft(
            workspace,
            f"2026-0{month}-01.toml",
            f'title = "Letter {month}"\ndate = 2026-0{month}-01\n'
            f'intro = """\nNews of month {month}: the mill is open.\n\n{FOOTER}\n"""\n',
        )
    report = lint_paths([Path("issues")], load_workspace(workspace))
    assert report.files == 9
    footer = next(text for text in counted.mask if text.startswith("You receive"))
    assert counted.mask[footer] == 1
    assert max(counted.mask.values()) == 1


def test_a_context_that_outlives_its_drafts_keeps_nothing_of_their_text(workspace: Path) -> None:
    """`nl preview` and `nl export` check draft after draft against one archive context; what
    was learnt about each draft's text must not pile up in it (one new version per save)."""
    from newsletter_cli.lint.engine import archive_context, lint_draft

    _draft(workspace, "2026-09-01.toml", DRAFT.replace("2026-10-01", "2026-09-01"))
    path = _draft(workspace)
    settings = load_workspace(workspace)
    context = archive_context(settings)
    for edit in range(5):  # five saves of the same draft, each a little different
        text = path.read_text(encoding="utf-8").replace("old mill", f"old mill {edit}")
        path.write_text(text, encoding="utf-8")
        lint_draft(storage.load(path), settings, context=context)
    assert all(not table for table in vars(context.facts).values())


def test_lint_reads_what_a_comment_with_a_backtick_leaves_shown(tmp_path: Path) -> None:
    """The paragraphs after ``<!-- don`t ... -->`` are shown, so they are checked; a comment
    opened inside a code span hides nothing."""
    draft = tmp_path / "issue.toml"
    draft.write_text(
        'title = "T"\nintro = """\nOpen.\n\n<!-- don`t publish -->\n\n'
        "The the river is high.\n\nType `<!--` to start a note.\n\n"
        'Our our boat is ready.\n"""\n',
        encoding="utf-8",
    )
    text = DraftText(storage.load(draft))
    shown = [p.text for p in text.prose]
    assert "The the river is high." in shown
    assert "Our our boat is ready." in shown
