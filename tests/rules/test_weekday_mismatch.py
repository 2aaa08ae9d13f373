"""weekday-mismatch: a written weekday that its date contradicts; the message gives the right one."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint


def draft(text: str, issue: str = "2019-06-05", language: str = "") -> str:
    lang = f'language = "{language}"\n' if language else ""
    return f'title = "T"\ndate = {issue}\n{lang}intro = """\n{text}\n"""\n'


FAILS = [
    pytest.param(
        draft("We meet on Friday, 4 June 2019 in Marlow."),
        [(4, 12, "4 June 2019 is a Tuesday, not a Friday")],
        id="with-year",
    ),
    pytest.param(
        draft("Doors open Thursday 4 January.", issue="2019-12-20"),
        [
            (
                4,
                12,
                "4 January (taken as 2020, the year nearest the issue date) is a Saturday,"
                " not a Thursday",
            )
        ],
        id="year-nearest-the-issue",
    ),
    pytest.param(
        draft("Tuesday, June 5, 2019 and Fri 4 Jun."),
        [
            (4, 1, "5 June 2019 is a Wednesday, not a Tuesday"),
            (
                4,
                27,
                "4 June (taken as 2019, the year nearest the issue date) is a Tuesday,"
                " not a Friday",
            ),
        ],
        id="month-first-and-abbreviated",
    ),
    pytest.param(
        draft("The festival runs\nfrom Friday 7 - Monday 9 June."),
        [
            (
                5,
                17,
                "9 June (taken as 2019, the year nearest the issue date) is a Sunday, not a Monday",
            )
        ],
        id="end-of-a-range",
    ),
    pytest.param(
        draft("Rendez-vous le vendredi 4 juin 2019.", language="fr"),
        [(5, 16, "4 June 2019 is a Tuesday, not a Friday")],
        id="french",
    ),
    pytest.param(
        draft("Meet on 06/09/2019 (Sat) or\non 2019-06-04 (Fri.), not Wednesday (6 June)."),
        [
            (4, 21, "6 September 2019 is a Friday, not a Saturday"),
            (5, 16, "4 June 2019 is a Tuesday, not a Friday"),
            (
                5,
                27,
                "6 June (taken as 2019, the year nearest the issue date) is a Thursday,"
                " not a Wednesday",
            ),
        ],
        id="weekday-in-brackets",
    ),
    pytest.param(
        draft("The fair is on Friday 5 and Saturday 6 June, and on\nSun 9 & Mon 10 June."),
        [
            (
                4,
                16,
                "5 June (taken as 2019, the year nearest the issue date) is a Wednesday,"
                " not a Friday",
            ),
            (
                4,
                29,
                "6 June (taken as 2019, the year nearest the issue date) is a Thursday,"
                " not a Saturday",
            ),
        ],
        id="two-days-joined-by-and",
    ),
]

PASSES = [
    pytest.param(draft("We meet on Tuesday, 4 June 2019 in Marlow."), id="correct-weekday"),
    pytest.param(
        draft("Saturday 8 June, Sat 8 Jun and Sunday June 9th."), id="correct-without-year"
    ),
    pytest.param(draft("Friday 7 - Sunday 9 June, an event range."), id="event-range"),
    pytest.param(draft("We sat down on Monday; you may come on 4 June."), id="sat-and-may"),
    pytest.param(draft("Friday 68th Street is not a date."), id="68th"),
    pytest.param(
        draft("from last Friday to this Thursday, June 1st through June 7th", issue="2018-06-08"),
        id="weekday-naming-the-end-of-a-range",
    ),
    pytest.param(draft("Run `Friday 4 June 2019` in the shell."), id="code"),
    pytest.param(draft("On Friday, 13 October 1307 the order fell."), id="julian-calendar"),
    pytest.param(
        draft("The AGM on 4 June 2019 (Tuesday), the fair on Friday (7 June)."),
        id="correct-weekday-in-brackets",
    ),
    pytest.param(draft("Read the notes of 4 June 2019 (Marlow)."), id="other-words-in-brackets"),
    pytest.param(draft("Join us on Sunday 9 and Monday 10 June."), id="two-correct-days"),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports_the_wrong_weekday(
    tmp_path: Path, text: str, expected: list[tuple[int, int, str]]
) -> None:
    found = lint(tmp_path, "weekday-mismatch", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "error" for f in found)


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "weekday-mismatch", text) == []


def test_without_an_issue_date_only_dates_with_a_year_are_checked(tmp_path: Path) -> None:
    text = 'title = "T"\nintro = """\nFriday 4 June, and Friday 4 June 2019.\n"""\n'
    found = lint(tmp_path, "weekday-mismatch", text)
    assert [(f.location.line, f.location.column) for f in found] == [(3, 20)]


def test_the_summary_is_checked(tmp_path: Path) -> None:
    text = 'title = "T"\ndate = 2019-06-05\nsummary = "The walk on Friday 4 June."\n'
    found = lint(tmp_path, "weekday-mismatch", text)
    assert [(f.location.line, f.location.column) for f in found] == [(3, 1)]


def test_section_headings_are_checked(tmp_path: Path) -> None:
    text = (
        'title = "T"\ndate = 2019-06-05\n\n[[sections]]\n'
        'heading = "Assembly on Friday 4 June 2019"\nbody = "All welcome."\n'
    )
    found = lint(tmp_path, "weekday-mismatch", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == [
        (5, 1, "4 June 2019 is a Tuesday, not a Friday")
    ]
