"""Dates at the calendar's edges (year 1, year 9999) through the real `nl lint`, `nl list` and
`nl export --html`: each answers 0 or 1, never 70 and never a traceback.

A date a rule works out beyond the first or last day the calendar holds ("2 January" in an
issue of 31 December 9999 would be in year 10000) is no date: the rules say nothing about it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Result, RunNl
from reliability_summary import count

#: (issue date, text of the intro and of an event section's body, the section's own date)
CASES: list[tuple[str, str, str | None]] = [
    ("9999-12-31", "We meet on 2 January.", None),
    ("0001-01-01", "See you on Saturday.", None),
    ("0001-01-01", "The assembly was last week; the next one is on 30 December.", None),
    ("0001-01-07", "Join us next Monday for the walk, and this weekend too.", None),
    ("0001-01-01", "The report came out two weeks ago, and the survey 3 days ago.", None),
    ("0001-01-01", "We met yesterday and last month, and last year.", None),
    ("0001-01-03", "The fair runs from 30 December to 2 January.", None),
    ("9999-12-25", "The party is on Friday 31 December.", None),
    ("9999-12-25", "We meet next year, and again in 3 weeks.", None),
    ("9999-12-31", "See you the day after tomorrow, on Saturday.", None),
    ("9999-12-31", "The fair runs from 30 December to 2 January.", None),
    ("9999-12-31", "The next meeting is on Monday 3 January.", None),
    ("9999-12-31", "Next week we plant trees; next month we rest; see you next Saturday.", None),
    ("9999-12-30", "We meet on 31 December 9999 and on 1 January.", None),
    ("9999-12-31", "The deadline will be in 2 days, and the report will come in 12 months.", None),
    ("9999-01-01", "Last year was good; next year is better.", None),
    ("0001-12-31", "We meet this coming Saturday and this weekend.", None),
    ("0001-01-01", "The meeting on Monday 1 January was moved to 31 December.", None),
    ("0001-01-01", "On 1 January (Monday) and on 31/12/2000 we meet.", None),
    ("9999-12-31", "Events: 4-6 June, June 30 to July 2, and 30 December - 2 January.", None),
    ("2024-02-29", "We meet on 29 February and on 1 March next year.", None),
    ("2023-03-01", "The walk was on 29 February.", None),
    ("2024-12-31", "See you on Wednesday 1 January.", None),
    ("2025-01-01", "The fair ran from 30 December to 2 January.", None),
    ("9999-12-31", "Join us on Friday 31 December.", "9999-12-31"),
    ("0001-01-01", "Join us on Monday 1 January, the day after tomorrow.", "0001-01-01"),
]


def _draft(issue: str, text: str, event: str | None) -> str:
    event_lines = f'kind = "event"\ndate = {event}\n' if event else ""
    return (
        f'title = "Edge of the calendar"\ndate = {issue}\n\nintro = "{text}"\n\n'
        f'[[sections]]\nheading = "Dates"\n{event_lines}body = "{text}"\n'
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("calendar-edges")
    (root / "newsletter.toml").write_text('name = "Edge Notes"\n', encoding="utf-8")
    (root / "issues").mkdir()
    for number, case in enumerate(CASES):
        (root / "issues" / f"case-{number:02}.toml").write_text(_draft(*case), encoding="utf-8")
    return root


def _no_crash(result: Result) -> None:
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    count("calendar edge cases run")


@pytest.mark.parametrize(("number", "case"), list(enumerate(CASES)), ids=lambda v: str(v))
def test_lint_answers_at_the_edges_of_the_calendar(
    number: int, case: tuple[str, str, str | None], workspace: Path, run_nl: RunNl
) -> None:
    result = run_nl("lint", f"issues/case-{number:02}.toml", cwd=workspace)
    _no_crash(result)


def test_list_shows_every_draft_at_the_edges_of_the_calendar(
    workspace: Path, run_nl: RunNl
) -> None:
    result = run_nl("list", cwd=workspace)
    _no_crash(result)
    for number in range(len(CASES)):
        assert f"case-{number:02}" in result.stdout


def test_export_gates_and_renders_every_draft_at_the_edges_of_the_calendar(
    workspace: Path, run_nl: RunNl, tmp_path: Path
) -> None:
    # through the lint gate (the date rules run on each draft), then past it
    _no_crash(run_nl("export", "--html", "-o", tmp_path / "gated", "issues", cwd=workspace))
    forced = run_nl("export", "--html", "--force", "-o", tmp_path / "all", "issues", cwd=workspace)
    _no_crash(forced)
    assert forced.exit_code == 0, forced.output
    for number in range(len(CASES)):
        assert (tmp_path / "all" / f"case-{number:02}.html").is_file()
