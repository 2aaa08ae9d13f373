"""date-range: ranges that end before they start, section dates far from the issue date."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint


def draft(text: str) -> str:
    return f'title = "T"\ndate = 2019-06-05\nintro = """\n{text}\n"""\n'


def event(date: str) -> str:
    return (
        'title = "T"\ndate = 2019-06-05\n\n[[sections]]\nheading = "Assembly"\nkind = "event"\n'
        f'date = {date}\nbody = "All welcome."\n'
    )


FAILS = [
    pytest.param(
        draft("The festival runs from 14 to 12 July 2019."),
        [
            (
                4,
                24,
                "'14 to 12 July 2019' ends (Friday 12 July 2019) before it starts"
                " (Sunday 14 July 2019)",
            )
        ],
        id="backwards-days",
    ),
    pytest.param(
        draft("Open\n30 June - 2 May."),
        [
            (
                5,
                1,
                "'30 June - 2 May' ends (Thursday 2 May 2019) before it starts"
                " (Sunday 30 June 2019)",
            )
        ],
        id="backwards-months",
    ),
    pytest.param(
        event("2029-06-06"),
        [
            (
                7,
                1,
                '"Assembly" is dated Wednesday 6 June 2029, 3654 days after the issue date'
                " Wednesday 5 June 2019; is the year right?",
            )
        ],
        id="section-date-a-decade-off",
    ),
    pytest.param(
        event("2018-05-01"),
        [
            (
                7,
                1,
                '"Assembly" is dated Tuesday 1 May 2018, 400 days before the issue date'
                " Wednesday 5 June 2019; is the year right?",
            )
        ],
        id="section-date-a-year-before",
    ),
]

PASSES = [
    pytest.param(draft("The festival runs from 12 to 14 July 2019."), id="event-range"),
    pytest.param(draft("Friday 7 - Sunday 9 June, and June 30 to July 2."), id="ranges"),
    pytest.param(draft("From 30 December to 2 January 2020."), id="across-new-year"),
    pytest.param(event("2019-09-26"), id="section-date-in-the-season"),
    pytest.param(draft("Pages 14-12 of the report; `14 to 12 July`."), id="not-dates"),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = lint(tmp_path, "date-range", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "date-range", text) == []


def test_max_days_option(tmp_path: Path) -> None:
    settings = "[lint.rules.date-range]\nmax_days = 500\n"
    assert lint(tmp_path, "date-range", event("2018-05-01"), settings=settings) == []
