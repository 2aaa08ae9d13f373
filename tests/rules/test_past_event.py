"""past-event: events announced as coming that took place before the issue date."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint


def draft(text: str) -> str:
    return f'title = "T"\ndate = 2019-06-05\nintro = """\n{text}\n"""\n'


def event(date: str, end: str = "", body: str = "All welcome.") -> str:
    end_line = f"end_date = {end}\n" if end else ""
    return (
        'title = "T"\ndate = 2019-06-05\n\n[[sections]]\nheading = "River walk"\nkind = "event"\n'
        f'date = {date}\n{end_line}body = """\n{body}\n"""\n'
    )


FAILS = [
    pytest.param(
        draft("Join us for the river walk on Saturday 1 June."),
        [
            (
                4,
                31,
                '"Join us" announces an event on Saturday 1 June 2019, which is before the'
                " issue date Wednesday 5 June 2019",
            )
        ],
        id="join-us-past-day",
    ),
    pytest.param(
        draft("Our spring fair\nwill take place on 4 May 2019 in Marlow."),
        [
            (
                5,
                20,
                '"will take place" announces an event on Saturday 4 May 2019, which is'
                " before the issue date Wednesday 5 June 2019",
            )
        ],
        id="will-take-place",
    ),
    pytest.param(
        event("2019-06-01", body="Join us on Saturday 1 June 2019 by the weir."),
        [
            (
                7,
                1,
                'the event "River walk" is dated Saturday 1 June 2019, before the issue date'
                " Wednesday 5 June 2019; report on it instead of announcing it, or fix the date",
            )
        ],
        id="event-section-once",
    ),
    pytest.param(
        draft("Please register by 3 June."),
        [
            (
                4,
                20,
                '"Please register" announces an event on Monday 3 June 2019, which is before'
                " the issue date Wednesday 5 June 2019",
            )
        ],
        id="registration-deadline-gone",
    ),
]

PASSES = [
    pytest.param(
        draft("Join us on Saturday 8 June. The clean-up on 1 June was a success."),
        id="future-and-report",
    ),
    pytest.param(
        draft("After the vote on 1 June, the assembly will be held on 14 June."),
        id="sentence-naming-a-later-date",
    ),
    pytest.param(
        draft(
            "The first of ten weekly meetings was yesterday (4 June), more"
            " are scheduled for each Tuesday."
        ),
        id="not-an-invitation",
    ),
    pytest.param(event("2019-06-03", end="2019-06-07"), id="event-still-running"),
    pytest.param(event("2019-06-05"), id="event-on-the-issue-day"),
    pytest.param(draft("Join us soon; we may meet on 4 June 2020."), id="may-and-future"),
    pytest.param(draft("Join us to celebrate the charter signed on 4 June 1999."), id="history"),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = lint(tmp_path, "past-event", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "past-event", text) == []


def test_needs_the_issue_date(tmp_path: Path) -> None:
    text = 'title = "T"\nintro = """\nJoin us on Saturday 1 June 2019.\n"""\n'
    assert lint(tmp_path, "past-event", text) == []
