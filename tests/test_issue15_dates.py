"""Issue 15, points 1, 4 and 5: the date rules on writing they were not tuned on.

1. relative-date reports a day a reader can misplace ("this Friday", "tomorrow", "tonight",
   "on Monday"), not a period ("the last week", "over the past month", "next week's issue"),
   nor a day word inside a name ("Meetup - Last Tuesday").
4. impossible-date reads a numeric date in the order the draft writes it: 12/15/2021 is not
   impossible; a draft that writes both orders gets one finding naming both.
5. past-event takes the year written beside a date: "Save the Date: ... 2024 - September 10-13"
   in an issue of 2023 is a coming event.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths
from newsletter_cli.lint.findings import Finding


def lint(
    root: Path, rule: str, text: str, issue: str = "2019-06-05", settings: str = ""
) -> list[Finding]:
    """The findings of ``rule`` on a draft whose intro is ``text``, through the real engine."""
    (root / "newsletter.toml").write_text('name = "Test"\n' + settings, encoding="utf-8")
    (root / "issues").mkdir(exist_ok=True)
    body = f'title = "T"\ndate = {issue}\nintro = """\n{text}\n"""\n'
    (root / "issues" / "draft.toml").write_text(body, encoding="utf-8")
    here = Path.cwd()
    os.chdir(root)
    try:
        report = lint_paths([Path("issues/draft.toml")], load_workspace(root), select=[rule])
    finally:
        os.chdir(here)
    assert report.problems == []
    return list(report.findings)


def written(findings: list[Finding]) -> list[str]:
    return [f.excerpt or "" for f in findings]


# -- point 1: relative-date ---------------------------------------------------------

PERIODS = [
    "The fix was merged in the last week.",
    "Over the past month, three new volunteers joined.",
    "More on this in next week's issue.",
    "Vote for next week's featured project.",
    "Last week the council approved the plan.",
    "Two weeks ago the bridge reopened; next month we plant trees.",
    "The boat club met last weekend.",
]


@pytest.mark.parametrize("text", PERIODS)
def test_point1_periods_are_not_reported(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "relative-date", text) == []


NAMES = [
    "Photos from the Riverside Meetup \u2013 Last Tuesday are online.",
    "Watch [Community Call: Next Friday Edition](https://example.org/call) again.",
    "The choir sang the song Yesterday Once More at the fair.",
    "We meet on the last Tuesday of the month, as always.",
]


@pytest.mark.parametrize("text", NAMES)
def test_point1_day_words_in_names_are_not_reported(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "relative-date", text) == []


DAYS = [
    ("Bring gloves next Friday.", "next Friday"),
    ("The shop opens this Tuesday.", "this Tuesday"),
    ("The ballot closes tomorrow.", "tomorrow"),
    ("Join the call tonight at eight.", "tonight"),
    ("The vote is on Monday.", "on Monday"),
    ("Last Thursday a new release was tagged.", "Last Thursday"),
]


@pytest.mark.parametrize(("text", "expression"), DAYS)
def test_point1_days_are_reported(tmp_path: Path, text: str, expression: str) -> None:
    assert written(lint(tmp_path, "relative-date", text)) == [expression]


def test_point1_tonight_means_the_issue_day(tmp_path: Path) -> None:
    (finding,) = lint(tmp_path, "relative-date", "Join the call tonight.")
    assert finding.data == {"means": "2019-06-05"}
    assert "Wednesday 5 June 2019" in finding.message


def test_point1_a_day_written_beside_it_is_enough(tmp_path: Path) -> None:
    text = (
        "The patch was reviewed yesterday (4 June).\n\n"
        "* 30-31 January: Winter Fair (our stall is on Sunday, all welcome)"
    )
    assert lint(tmp_path, "relative-date", text.split("\n\n")[0]) == []
    assert lint(tmp_path, "relative-date", text.split("\n\n")[1], issue="2016-01-05") == []


def test_point1_a_supposition_names_no_day(tmp_path: Path) -> None:
    text = (
        "The next signal could be tomorrow or in two years; she is paid today at yesterday's rate."
    )
    assert lint(tmp_path, "relative-date", text) == []


def test_point1_periods_option_brings_weeks_back(tmp_path: Path) -> None:
    settings = "[lint.rules.relative-date]\nperiods = true\n"
    found = lint(tmp_path, "relative-date", "Results next week.", settings=settings)
    assert written(found) == ["next week"]


# -- point 4: impossible-date and the order of numeric dates ------------------------


def test_point4_month_first_date_is_not_impossible(tmp_path: Path) -> None:
    assert lint(tmp_path, "impossible-date", "The audit of 12/15/2021 is online.") == []


def test_point4_mixed_orders_are_one_finding_naming_both(tmp_path: Path) -> None:
    text = "The audit of 12/15/2021 is online.\n\nThe next one is on 20/01/2022, and 03/02/2022."
    (finding,) = lint(tmp_path, "impossible-date", text)
    assert (finding.location.line, finding.location.column) == (4, 14)
    assert "'12/15/2021' is written month first" in finding.message
    assert "'20/01/2022' (line 6) day first" in finding.message


def test_point4_impossible_either_way_is_still_impossible(tmp_path: Path) -> None:
    found = lint(tmp_path, "impossible-date", "Pay by 31/31/2021.")
    assert [f.message for f in found] == ["'31/31/2021' is not a real date: there is no month 31"]


def test_point4_the_draft_decides_how_other_rules_read_numeric_dates(tmp_path: Path) -> None:
    # 04/06/2021 is Tuesday 6 April read month first, Friday 4 June read day first
    one_way = "We met on Tuesday 04/06/2021; the audit of 12/15/2021 is online."
    assert lint(tmp_path, "weekday-mismatch", one_way, issue="2021-04-10") == []
    alone = "We met on Tuesday 04/06/2021."
    assert len(lint(tmp_path, "weekday-mismatch", alone, issue="2021-04-10")) == 1


def test_point4_the_region_of_the_draft_decides_when_its_dates_do_not(tmp_path: Path) -> None:
    draft = (
        'title = "T"\ndate = 2021-04-10\nlanguage = "en-US"\n'
        'intro = """\nWe met on Tuesday 04/06/2021.\n"""\n'
    )
    (tmp_path / "newsletter.toml").write_text('name = "Test"\n', encoding="utf-8")
    (tmp_path / "issues").mkdir()
    (tmp_path / "issues" / "draft.toml").write_text(draft, encoding="utf-8")
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        report = lint_paths(
            [Path("issues/draft.toml")], load_workspace(tmp_path), select=["weekday-mismatch"]
        )
    finally:
        os.chdir(here)
    assert report.findings == []


# -- point 5: past-event and the year written beside a date ------------------------


def test_point5_the_year_beside_the_date_is_its_year(tmp_path: Path) -> None:
    text = "Save the Date: River Fest 2024 \u2013 September 10-13, in Marlow."
    assert lint(tmp_path, "past-event", text, issue="2023-10-02") == []


def test_point5_a_past_year_beside_the_date_is_still_reported(tmp_path: Path) -> None:
    text = "Save the Date: River Fest 2023 \u2013 September 10-13, in Marlow."
    found = lint(tmp_path, "past-event", text, issue="2023-10-02")
    assert [f.location.column for f in found] == [34]


def test_point5_a_number_is_not_a_year(tmp_path: Path) -> None:
    text = "Join us on 10 September: 2000 people are expected."
    found = lint(tmp_path, "past-event", text, issue="2023-10-02")
    assert [f.location.column for f in found] == [12]


def test_point5_weekday_mismatch_reads_the_year_beside_the_date(tmp_path: Path) -> None:
    # 31 January is a Sunday in 2016 and a Thursday in 2019 (the year nearest the issue)
    right = "Winter Fair 2016: our stall is open on Sunday 31 January."
    assert lint(tmp_path, "weekday-mismatch", right, issue="2019-01-10") == []
    wrong = "Winter Fair 2016: our stall is open on Saturday 31 January."
    (finding,) = lint(tmp_path, "weekday-mismatch", wrong, issue="2019-01-10")
    assert finding.message == (
        "31 January (taken as 2016, the year written beside it) is a Sunday, not a Saturday"
    )
