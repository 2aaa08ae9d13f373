"""event-missing-date: event sections without a date (error), dateless announcements (warning)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint

HEAD = 'title = "T"\ndate = 2019-06-05\n'


def section(body: str, kind: str = "article", extra: str = "") -> str:
    return (
        f'\n[[sections]]\nheading = "Autumn assembly"\nkind = "{kind}"\n{extra}'
        f'body = """\n{body}\n"""\n'
    )


FAILS = [
    pytest.param(
        HEAD + section("Our assembly will take place in Marlow.", kind="event"),
        [
            (
                4,
                1,
                "error",
                'the event "Autumn assembly" has no date; add date = YYYY-MM-DD to its section',
            )
        ],
        id="event-section-without-date",
    ),
    pytest.param(
        HEAD + section("Members are welcome.\n\nJoin us in Marlow for the vote."),
        [
            (
                10,
                1,
                "warning",
                '"Join us" announces an event, but no day is given; write the'
                " day it takes place (e.g. Saturday 13 June)",
            )
        ],
        id="join-us-without-a-day",
    ),
    pytest.param(
        HEAD + 'intro = """\nOur next webinar covers the survey. Details\nto follow.\n"""\n',
        [
            (
                4,
                10,
                "warning",
                '"webinar" announces an event, but no day is given; write the'
                " day it takes place (e.g. Saturday 13 June)",
            )
        ],
        id="future-event-noun",
    ),
    pytest.param(
        HEAD + section("Join us in June.\n\nRegister now, places are limited."),
        [
            (
                8,
                1,
                "warning",
                '"Join us" announces an event, but no day is given; write the'
                " day it takes place (e.g. Saturday 13 June)",
            )
        ],
        id="a-month-is-not-a-day-one-warning-per-section",
    ),
    pytest.param(
        HEAD + section("The webinar on water quality is open to all; register on the website."),
        [
            (
                8,
                46,
                "warning",
                '"register on the website" announces an event, but no day is given; write the'
                " day it takes place (e.g. Saturday 13 June)",
            )
        ],
        id="register-on-the-website",
    ),
]

PASSES = [
    pytest.param(
        HEAD
        + section(
            "Our assembly will take place in Marlow.", kind="event", extra="date = 2019-09-26\n"
        ),
        id="event-with-date",
    ),
    pytest.param(HEAD + section("Join us on Saturday 13 June in Marlow."), id="day-in-paragraph"),
    pytest.param(HEAD + section("Join us this Friday in Marlow."), id="relative-day-counts"),
    pytest.param(
        HEAD + '\n[[sections]]\nheading = "Assembly, 13 June"\nbody = "Join us in Marlow."\n',
        id="day-in-heading",
    ),
    pytest.param(
        HEAD
        + section(
            "The workshop took place in May. Plugins register hooks; a third party will pay."
        ),
        id="reports-and-technical-words",
    ),
    pytest.param(HEAD + section("Run `join us` in the shell."), id="code"),
    pytest.param(HEAD + section("Join us every Tuesday at the weir."), id="recurring-day"),
    pytest.param(
        HEAD + section("## Save the date\n\nThe assembly meets on Saturday 26 September."),
        id="day-in-the-next-paragraph-of-the-section",
    ),
    pytest.param(
        HEAD + 'intro = """\nJoin us for the autumn walk.\n\nWe start at ten on 12 October.\n"""\n',
        id="day-in-the-next-paragraph-of-the-intro",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str, str]]) -> None:
    found = lint(tmp_path, "event-missing-date", text)
    assert [
        (f.location.line, f.location.column, f.severity.value, f.message) for f in found
    ] == expected


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "event-missing-date", text) == []


def test_announcements_option(tmp_path: Path) -> None:
    settings = "[lint.rules.event-missing-date]\nannouncements = false\n"
    text = HEAD + section("Join us in Marlow.")
    assert lint(tmp_path, "event-missing-date", text, settings=settings) == []


def test_a_configured_severity_applies_to_both_grades(tmp_path: Path) -> None:
    settings = '[lint.rules.event-missing-date]\nseverity = "warning"\n'
    text = HEAD + section("Our assembly will take place in Marlow.", kind="event")
    (finding,) = lint(tmp_path, "event-missing-date", text, settings=settings)
    assert finding.severity.value == "warning"
