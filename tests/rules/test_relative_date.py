"""relative-date: expressions that depend on when they are read, with the date they mean."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint


def draft(text: str, issue: str | None = "2019-06-05") -> str:
    when = f"date = {issue}\n" if issue else ""
    return f'title = "T"\n{when}intro = """\n{text}\n"""\n'


MEANS = "depends on when it is read; in this issue (2019-06-05) it means"

FAILS = [
    pytest.param(
        draft("The walk is\ntomorrow at ten."),
        [(5, 1, f'"tomorrow" {MEANS} Thursday 6 June 2019: write that instead')],
        id="tomorrow-on-the-second-line",
    ),
    pytest.param(
        draft("Come this Friday; the survey closes in two days."),
        [
            (4, 6, f'"this Friday" {MEANS} Friday 7 June 2019: write that instead'),
            (4, 37, f'"in two days" {MEANS} Friday 7 June 2019: write that instead'),
        ],
        id="this-friday-in-two-days",
    ),
    pytest.param(
        draft("It will be ready in a few days."),
        [
            (
                4,
                18,
                '"in a few days" depends on when it is read; write the date it means'
                " (counted from the issue date, 2019-06-05)",
            )
        ],
        id="vague",
    ),
]

#: Periods (weeks, months) are reported with the periods option only.
PERIOD_FAILS = [
    pytest.param(
        draft("The results will be published next week."),
        [(4, 31, f'"next week" {MEANS} the week of Monday 10 June 2019: write that instead')],
        id="next-week",
    ),
    pytest.param(
        draft("Until next month, the office is closed."),
        [(4, 7, f'"next month" {MEANS} July 2019: write that instead')],
        id="until-next-month-with-news-is-no-farewell",
    ),
    pytest.param(
        draft("Last month we planted 200 trees."),
        [(4, 1, f'"Last month" {MEANS} May 2019: write that instead')],
        id="last-month",
    ),
    pytest.param(
        draft("The minutes follow next week.", issue=None),
        [(3, 20, '"next week" depends on when it is read; write the date instead')],
        id="no-issue-date",
    ),
]

PERIODS = "[lint.rules.relative-date]\nperiods = true\n"

PASSES = [
    pytest.param(draft("Today we thank you; this week and this month were busy."), id="anchored"),
    pytest.param(draft("The last week of June is busy; we meet on Fridays."), id="not-relative"),
    pytest.param(draft("We meet on Friday 7 June 2019."), id="weekday-with-a-date"),
    pytest.param(
        draft("We meet on Friday (7 June) in Marlow."), id="weekday-with-a-date-in-brackets"
    ),
    pytest.param(draft("Next year we plan more; last year was dry."), id="years-by-default"),
    pytest.param(draft("Run `nl lint --since 'next week'` to check."), id="code"),
    pytest.param(draft("The tickets for the boat trip sold out in two days."), id="duration"),
    pytest.param(draft("Until next month,\n\nAna Ferreira"), id="farewell"),
    pytest.param(draft("Thank you for reading.\nSee you next week!"), id="farewell-line"),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = lint(tmp_path, "relative-date", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize(("text", "expected"), PERIOD_FAILS)
def test_reports_periods_with_the_option(
    tmp_path: Path, text: str, expected: list[tuple[int, int, str]]
) -> None:
    found = lint(tmp_path, "relative-date", text, settings=PERIODS)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize(("text", "expected"), PERIOD_FAILS)
def test_periods_pass_by_default(tmp_path: Path, text: str, expected: object) -> None:
    assert lint(tmp_path, "relative-date", text) == []


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "relative-date", text) == []


def test_years_option(tmp_path: Path) -> None:
    settings = "[lint.rules.relative-date]\nyears = true\n"
    found = lint(tmp_path, "relative-date", draft("Next year we plan more."), settings=settings)
    assert [(f.location.column, f.message) for f in found] == [
        (1, f'"Next year" {MEANS} 2020: write that instead')
    ]


def test_ignore_option(tmp_path: Path) -> None:
    settings = '[lint.rules.relative-date]\nperiods = true\nignore = ["Last Week"]\n'
    text = draft("As described last week, and again next week.")
    found = lint(tmp_path, "relative-date", text, settings=settings)
    assert [f.location.column for f in found] == [35]


def test_the_absolute_date_is_in_the_data(tmp_path: Path) -> None:
    (finding,) = lint(tmp_path, "relative-date", draft("See you tomorrow."))
    assert finding.data == {"means": "2019-06-06"}
