"""impossible-date: dates that cannot exist, in every written form."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint


def draft(text: str) -> str:
    return f'title = "T"\ndate = 2019-06-05\nintro = """\n{text}\n"""\n'


FAILS = [
    pytest.param(
        draft("The survey closes on 31 June 2019."),
        [(4, 22, "'31 June 2019' is not a real date: June has 30 days")],
        id="31-june",
    ),
    pytest.param(
        draft("Pay by\n30 February."),
        [(5, 1, "'30 February' is not a real date: February has 29 days")],
        id="30-february-no-year",
    ),
    pytest.param(
        draft("Released on 2019-13-02."),
        [(4, 13, "'2019-13-02' is not a real date: there is no month 13")],
        id="iso-month-13",
    ),
    pytest.param(
        draft("Leap day 29 February 2019 is not."),
        [
            (
                4,
                10,
                "'29 February 2019' is not a real date: 2019 is not a leap year:"
                " February 2019 has 28 days",
            )
        ],
        id="not-a-leap-year",
    ),
    pytest.param(
        draft("Written both ways: 15/04/2019 and 04/13/2019."),
        [
            (
                4,
                35,
                "'04/13/2019' is written month first, but '15/04/2019' (line 4) day first:"
                " numeric dates in this issue are written both ways, so 04/06 could be either;"
                " write them one way, or write the month as a word",
            )
        ],
        id="numeric-in-both-orders",
    ),
    pytest.param(
        draft("Pay by 30/02/2019."),
        [(4, 8, "'30/02/2019' is not a real date: February has 28 days")],
        id="numeric-impossible-both-ways",
    ),
    pytest.param(
        draft("From 30 to 31 April."),
        [(4, 6, "'30 to 31 April' is not a real date: April has 30 days")],
        id="end-of-a-range",
    ),
]

PASSES = [
    pytest.param(draft("The survey closes on 30 June 2019, and 29 February 2020 too."), id="real"),
    pytest.param(draft("We meet at 68th Street; you may bring a friend; we sat down."), id="traps"),
    pytest.param(draft("June 32 and 45 March are no dates at all."), id="day-above-31"),
    pytest.param(draft("Version 2019-13-02-beta and `31 June 2019`."), id="slug-and-code"),
    pytest.param(draft("From 4 to 6 June, an event range."), id="event-range"),
    # issue 15: a numeric date one order can read is read that way, not called impossible
    pytest.param(draft("Written the American way: 04/13/2019."), id="numeric-in-the-other-order"),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = lint(tmp_path, "impossible-date", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "error" for f in found)


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "impossible-date", text) == []


def test_mdy_order_reads_month_first(tmp_path: Path) -> None:
    text = draft("Written the American way: 04/13/2019, not 13/04/2019.")
    found = lint(tmp_path, "impossible-date", text, settings='date_order = "mdy"\n')
    assert [(f.location.line, f.location.column) for f in found] == [(4, 43)]
