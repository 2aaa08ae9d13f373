"""Issue 15, points 6, 8 and 9: standing text, quoted announcements, formulaic near copies.

Each test runs the real engine on small drafts written here (never text of a real archive).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import RunNl

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_draft, lint_paths
from newsletter_cli.lint.findings import Finding

#: A standing call, the same in every issue, holding an editor's note.
STANDING = (
    "Our volunteers meet at the weir every week to clear the grates. TODO: add the new\n"
    "contact for the Hollins Mill group before this goes out to members."
)
#: The same note in a paragraph written for one issue only.
OWN = (
    "The survey of the lower Calder found three new outfalls near the mill. TODO: check the\n"
    "figures with Anna before this goes out to members."
)


def issue(day: int, *paragraphs: str) -> str:
    return (
        f'title = "T"\ndate = 2026-10-{day:02}\nintro = """\n' + "\n\n".join(paragraphs) + '\n"""\n'
    )


def run(
    root: Path,
    draft: str,
    archive: Sequence[str] = (),
    *,
    strict: bool = False,
    select: Sequence[str] = ("placeholder-text",),
    use_archive: bool = True,
) -> list[Finding]:
    (root / "newsletter.toml").write_text('name = "Test"\n', encoding="utf-8")
    issues = root / "issues"
    issues.mkdir(exist_ok=True)
    for n, text in enumerate(archive):
        (issues / f"archive-{n}.toml").write_text(text, encoding="utf-8")
    (issues / "draft.toml").write_text(draft, encoding="utf-8")
    here = Path.cwd()
    os.chdir(root)
    try:
        report = lint_paths(
            [Path("issues/draft.toml")],
            load_workspace(root),
            select=select,
            strict=strict,
            archive=use_archive,
        )
    finally:
        os.chdir(here)
    assert not report.problems, report.problems
    return [f for f in report.findings if f.location.path == os.path.join("issues", "draft.toml")]


# -- point 8: standing text ------------------------------------------------------------

ARCHIVE = [issue(1, STANDING), issue(8, "Dear friends,", STANDING)]


def test_no_placeholder_finding_on_standing_text(tmp_path: Path) -> None:
    # the call stands in three issues (two archived ones and this one): standing text
    found = run(tmp_path, issue(15, STANDING, OWN), ARCHIVE)
    assert [(f.rule, f.location.line) for f in found] == [("placeholder-text", 7)]


def test_strict_reports_standing_text_too(tmp_path: Path) -> None:
    found = run(tmp_path, issue(15, STANDING, OWN), ARCHIVE, strict=True)
    assert [f.location.line for f in found] == [4, 7]


def test_two_issues_are_not_yet_standing_text(tmp_path: Path) -> None:
    found = run(tmp_path, issue(15, STANDING), ARCHIVE[:1])
    assert [f.location.line for f in found] == [4]


def test_without_the_archive_nothing_is_standing_text(tmp_path: Path) -> None:
    found = run(tmp_path, issue(15, STANDING), ARCHIVE, use_archive=False)
    assert [f.location.line for f in found] == [4]


def test_standing_text_is_known_from_a_cached_run_too(tmp_path: Path) -> None:
    first = run(tmp_path, issue(15, STANDING, OWN), ARCHIVE)
    again = run(tmp_path, issue(15, STANDING, OWN), ARCHIVE)  # findings from the cache
    strict = run(tmp_path, issue(15, STANDING, OWN), ARCHIVE, strict=True)
    assert [f.location.line for f in first] == [f.location.line for f in again] == [7]
    assert [f.location.line for f in strict] == [4, 7]


def test_relative_date_quiet_on_standing_text(tmp_path: Path) -> None:
    call = (
        "Bring your boots: we meet at the weir tomorrow at ten, whatever the weather,\n"
        "and the kettle will be on in the boathouse afterwards."
    )
    archive = [issue(1, call), issue(8, call)]
    select = ("relative-date",)
    assert run(tmp_path, issue(15, call), archive, select=select) == []
    assert run(tmp_path, issue(15, call), archive, select=select, strict=True) != []


def test_the_cli_strict_option(run_nl: RunNl, tmp_path: Path) -> None:
    (tmp_path / "newsletter.toml").write_text('name = "Test"\n', encoding="utf-8")
    (tmp_path / "issues").mkdir()
    for n, text in enumerate([*ARCHIVE, issue(15, STANDING)]):
        (tmp_path / "issues" / f"issue-{n}.toml").write_text(text, encoding="utf-8")
    plain = run_nl("lint", "--select", "placeholder-text", cwd=tmp_path)
    assert plain.exit_code == 0, plain.output
    strict = run_nl("lint", "--select", "placeholder-text", "--strict", cwd=tmp_path)
    assert strict.exit_code == 1, strict.output
    assert strict.stdout.count("placeholder-text") == 3


def test_lint_draft_is_quiet_on_standing_text(tmp_path: Path) -> None:
    from newsletter_cli.draft import storage

    run(tmp_path, issue(15, STANDING), ARCHIVE)  # writes the workspace
    draft = storage.load(tmp_path / "issues" / "draft.toml")
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        workspace = load_workspace(tmp_path)
        quiet = [f for f in lint_draft(draft, workspace) if f.rule == "placeholder-text"]
        strict = [
            f for f in lint_draft(draft, workspace, strict=True) if f.rule == "placeholder-text"
        ]
    finally:
        os.chdir(here)
    assert quiet == []
    assert len(strict) == 1


# -- point 6: quotations and thanks are not invitations --------------------------------

EVENT = ("event-missing-date",)


def news(body: str) -> str:
    return (
        'title = "T"\ndate = 2026-06-01\n\n[[sections]]\nheading = "News"\n'
        f'body = """\n{body}\n"""\n'
    )


@pytest.mark.parametrize(
    "body",
    [
        'As our treasurer said, "you wait all year for a meeting, and then two come along"\n'
        "at once; the accounts are now with the auditors.",
        "\u201cJoin us, we said, and they all came\u201d, wrote the chair of the Calder group.",
        "> Join us at the boathouse, the letter from 1952 says, for tea and a raffle.",
        "Please join us in thanking Anna Okafor for ten years as our treasurer.",
        "Join us in welcoming the Hollins Mill group, our newest member.",
        "- [The next assembly of the river trusts is in...](https://example.org/thread/12)",
    ],
    ids=["straight-quotes", "curly-quotes", "block-quote", "thanking", "welcoming", "link-item"],
)
def test_quotations_and_thanks_announce_nothing(tmp_path: Path, body: str) -> None:
    assert run(tmp_path, news(body), select=EVENT) == []


@pytest.mark.parametrize(
    "body",
    [
        'Join us for the "River Day" at the weir; bring boots.',
        "Join us in Marlow for the vote, and in thanking Anna.",
        "- Join us at the boathouse: [details](https://example.org/day)",
    ],
    ids=["invitation-around-a-quote", "invitation-then-thanks", "invitation-list-item"],
)
def test_invitations_beside_quotations_still_found(tmp_path: Path, body: str) -> None:
    assert [f.rule for f in run(tmp_path, news(body), select=EVENT)] == list(EVENT)


def test_intro_preview_of_an_event_the_issue_covers(tmp_path: Path) -> None:
    text = (
        'title = "T"\ndate = 2026-06-01\n'
        'intro = """\nThis issue covers the survey results and our upcoming workshop.\n"""\n\n'
        '[[sections]]\nheading = "Workshop"\nbody = """\nThe workshop is on 13 June.\n"""\n'
    )
    assert run(tmp_path, text, select=EVENT) == []


# -- point 9: list items and one-line formulas -------------------------------------------

NEAR = ("near-duplicate-paragraph",)


def intro(*paragraphs: str) -> str:
    return 'title = "T"\nintro = """\n' + "\n\n".join(paragraphs) + '\n"""\n'


def test_one_line_formulas_are_not_near_copies(tmp_path: Path) -> None:
    text = intro(
        "A very quiet week on the forums, with only a handful of new questions about the weir.",
        "A very quiet week on the mailing list, with only a handful of new questions about "
        "the weir.",
        "A very quiet week on the chat, with only a handful of new questions about the weir.",
    )
    assert run(tmp_path, text, select=NEAR) == []


def test_notes_under_list_items_are_not_near_copies(tmp_path: Path) -> None:
    text = intro(
        "- [Bug 101: the gauge reads zero](https://example.org/bug/101)",
        "The reporter gave a clear recipe and a small sample file that let us confirm the "
        "problem quickly.",
        "- [Bug 102: the map loses its pins](https://example.org/bug/102)",
        "The reporter gave a clear recipe and a suggested fix that let us confirm the "
        "problem quickly.",
    )
    assert run(tmp_path, text, select=NEAR) == []


def test_two_one_line_sentences_are_still_near_copies(tmp_path: Path) -> None:
    line = "A very quiet week on the forums, with only a handful of new questions about the weir."
    text = intro(line, line.replace("forums", "mailing list"))
    assert [f.location.line for f in run(tmp_path, text, select=NEAR)] == [5]


def test_list_items_are_not_near_copies(tmp_path: Path) -> None:
    text = intro(
        "- The reporter gave a clear recipe and a small sample file that let us confirm the "
        "problem quickly.",
        "- The reporter gave a clear recipe and a small sample file that let us confirm and "
        "fix the problem quickly.",
    )
    assert run(tmp_path, text, select=NEAR) == []


def test_prose_paragraphs_still_near_copies(tmp_path: Path) -> None:
    first = (
        "The reporter gave a clear recipe and a small sample file. It let us confirm the\n"
        "problem quickly, and the fix went into the next release."
    )
    second = first.replace("next release", "spring release")
    found = run(tmp_path, intro(first, second), select=NEAR)
    assert [f.location.line for f in found] == [6]


# -- archive-duplicate: what a weekly keeps on purpose ------------------------------------

ARCHIVED = (
    "The water company has promised to repair the two misconnected outfalls on the Wend\n"
    "before the end of the year, and to report to the Hollins Mill group every month."
)
COPIES = ("archive-duplicate",)


def dated(month: int, *paragraphs: str) -> str:
    return (
        f'title = "T"\ndate = 2026-{month:02}-01\nintro = """\n'
        + "\n\n".join(paragraphs)
        + '\n"""\n'
    )


def fillers(months: range) -> list[str]:
    return [
        dated(m, f"Issue {m}: the group met as usual, with nothing new to say.") for m in months
    ]


def test_last_issues_paragraph_is_still_a_copy(tmp_path: Path) -> None:
    found = run(tmp_path, dated(9, ARCHIVED), [dated(8, ARCHIVED)], select=COPIES)
    assert [f.location.line for f in found] == [4]


def test_a_paragraph_from_long_ago_is_a_recall(tmp_path: Path) -> None:
    archive = [dated(1, ARCHIVED), *fillers(range(2, 9))]  # seven issues between
    assert run(tmp_path, dated(9, ARCHIVED), archive, select=COPIES) == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "- " + ARCHIVED.replace("\n", " "),
        "<!--\nOld text kept for later.\n\n" + ARCHIVED + "\n-->",
    ],
    ids=["a-list-kept-up-to-date", "inside-an-html-comment"],
)
def test_lists_and_comments_are_not_copies(tmp_path: Path, paragraph: str) -> None:
    found = run(tmp_path, dated(9, paragraph), [dated(8, paragraph)], select=COPIES)
    assert found == []


def test_the_same_note_under_a_list_item_is_not_a_copy(tmp_path: Path) -> None:
    note = "The reporter gave a clear recipe and a sample file that let us confirm it quickly."
    last = dated(8, "- [Bug 101: the gauge reads zero](https://example.org/b/101)", note)
    this = dated(9, "- [Bug 102: the map loses its pins](https://example.org/b/102)", note)
    assert run(tmp_path, this, [last], select=COPIES) == []


def test_a_section_intro_reworded_over_the_years_is_standing_text(tmp_path: Path) -> None:
    intro_text = (
        "Notable changes this week in the Wend, Calder, Ashbourne and Hollins groups,\n"
        "with the minutes of their meetings and the reports of their surveys."
    )
    reworded = intro_text.replace("Hollins groups", "Hollins and Fenby groups")
    archive = [dated(7, reworded), dated(8, intro_text)]
    assert run(tmp_path, dated(9, intro_text), archive, select=COPIES) == []


# -- duplicate-paragraph: the same step in two parallel lists ------------------------------

STEP = "1. Agree with the landowner on a date for the survey of the lower meadow."


def test_the_same_step_in_two_lists_is_not_a_repeat(tmp_path: Path) -> None:
    text = intro(
        "For the meadow, the group does the following:",
        STEP,
        "2. Walk the transects with the county recorder and note every orchid found.",
        "For the wood, the group does the following:",
        STEP,
        "2. Count the dormouse boxes along the ride and clean the ones that are empty.",
    )
    assert run(tmp_path, text, select=("duplicate-paragraph",)) == []


def test_a_list_item_twice_in_its_own_list_is_a_repeat(tmp_path: Path) -> None:
    text = intro(
        STEP,
        "2. Walk the transects with the county recorder and note every orchid found.",
        STEP,
    )
    found = run(tmp_path, text, select=("duplicate-paragraph",))
    assert [f.location.line for f in found] == [7]


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("The next meeting is proposed to look closer at the cost of the new weir.", []),
        ("Future meetings of the river trusts are planned, the minutes say.", []),
        ("Our next meeting looks at the cost of the new weir.", ["event-missing-date"]),
        ("The upcoming workshop on otter signs is open to all.", ["event-missing-date"]),
        ("The annual assembly will be held in the church hall.", ["event-missing-date"]),
    ],
    ids=["reported-plan", "others-meetings", "our-meeting", "open-to-all", "will-be-held"],
)
def test_others_plans_are_not_our_announcements(
    tmp_path: Path, body: str, found: list[str]
) -> None:
    assert [f.rule for f in run(tmp_path, news(body), select=EVENT)] == found


def test_the_strict_setting(run_nl: RunNl, tmp_path: Path) -> None:
    (tmp_path / "newsletter.toml").write_text(
        'name = "Test"\n[lint]\nstrict = true\n', encoding="utf-8"
    )
    (tmp_path / "issues").mkdir()
    for n, text in enumerate([*ARCHIVE, issue(15, STANDING)]):
        (tmp_path / "issues" / f"issue-{n}.toml").write_text(text, encoding="utf-8")
    result = run_nl("lint", "--select", "placeholder-text", cwd=tmp_path)
    assert result.exit_code == 1, result.output
    assert result.stdout.count("placeholder-text") == 3


def test_the_strict_setting_holds_for_one_draft_too(tmp_path: Path) -> None:
    """`lint_draft` (the gate of `nl export`, the end of `nl new`) reads `[lint] strict`."""
    from newsletter_cli.draft import storage

    run(tmp_path, issue(15, STANDING), ARCHIVE)  # writes the workspace
    (tmp_path / "newsletter.toml").write_text(
        'name = "Test"\n[lint]\nstrict = true\n', encoding="utf-8"
    )
    draft = storage.load(tmp_path / "issues" / "draft.toml")
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        found = lint_draft(draft, load_workspace(tmp_path))
    finally:
        os.chdir(here)
    assert [f.rule for f in found if f.rule == "placeholder-text"] == ["placeholder-text"]


WITH_ARCHIVE_RULE = ("placeholder-text", "archive-duplicate")


def test_a_warm_run_remembers_which_text_is_standing(tmp_path: Path) -> None:
    """The verdicts are kept for the archive as it is: the same findings from them, any damage
    rebuilds them, and an archive that changed is judged afresh."""
    first = run(tmp_path, issue(15, STANDING, OWN), ARCHIVE, select=WITH_ARCHIVE_RULE)
    assert [(f.rule, f.location.line) for f in first] == [("placeholder-text", 7)]
    kept = tmp_path / ".nl-cache" / "standing-text-v1.json"
    assert kept.is_file()
    assert run(tmp_path, issue(15, STANDING, OWN), ARCHIVE, select=WITH_ARCHIVE_RULE) == first

    # a verdict turned round by hand breaks the checksum: rebuilt, same findings
    kept.write_text(kept.read_text(encoding="utf-8").replace("true", "false"), encoding="utf-8")
    assert run(tmp_path, issue(15, STANDING, OWN), ARCHIVE, select=WITH_ARCHIVE_RULE) == first

    # one archived issue fewer: the call stands in two issues only, so it is reported again
    (tmp_path / "issues" / "archive-1.toml").unlink()
    fewer = run(tmp_path, issue(15, STANDING, OWN), ARCHIVE[:1], select=WITH_ARCHIVE_RULE)
    placeholders = [f.location.line for f in fewer if f.rule == "placeholder-text"]
    assert placeholders == [4, 7]
