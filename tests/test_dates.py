"""The date lexicon: what is a date, what is not, and what relative expressions mean."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsletter_cli.text.dates import Day, find_dates, find_relative, scan
from newsletter_cli.text.lexicon import ENGLISH, languages_for

ISSUE = date(2019, 6, 5)  # a Wednesday


def found(text: str, order: str = "dmy", language: str = "en") -> list[str]:
    return [m.text for m in find_dates(text, date_order=order, languages=languages_for(language))]


@pytest.mark.parametrize(
    ("text", "written", "day"),
    [
        ("We met on 4 June 2019.", "4 June 2019", date(2019, 6, 4)),
        ("Deadline: June 4th.", "June 4th", date(2019, 6, 4)),
        ("See you Tuesday 4 June!", "Tuesday 4 June", date(2019, 6, 4)),
        ("On Friday, 4 June 2019 we", "Friday, 4 June 2019", date(2019, 6, 4)),
        ("Tuesday, June 4, 2019 at noon", "Tuesday, June 4, 2019", date(2019, 6, 4)),
        ("the 4th of June", "4th of June", date(2019, 6, 4)),
        ("Fri 4 Jun. 2019", "Fri 4 Jun. 2019", date(2019, 6, 4)),
        ("Sept 30", "Sept 30", date(2019, 9, 30)),
        ("released 2019-06-04.", "2019-06-04", date(2019, 6, 4)),
        ("released 2019/06/04.", "2019/06/04", date(2019, 6, 4)),
        ("on 04/06/2019", "04/06/2019", date(2019, 6, 4)),
        ("on 04.06.2019", "04.06.2019", date(2019, 6, 4)),
    ],
)
def test_recognised_dates(text: str, written: str, day: date) -> None:
    (mention,) = find_dates(text)
    assert mention.text == written
    assert mention.resolve(ISSUE) == (day, None)


def test_numeric_dates_follow_the_date_order() -> None:
    (dmy,) = find_dates("04/06/2019", date_order="dmy")
    (mdy,) = find_dates("04/06/2019", date_order="mdy")
    assert dmy.resolve(None)[0] == date(2019, 6, 4)
    assert mdy.resolve(None)[0] == date(2019, 4, 6)


@pytest.mark.parametrize(
    "text",
    [
        "You may 4 times ask.",  # "may" the verb
        "They may come on 4",
        "we sat down for 2 hours",  # "sat" the verb
        "he lives on 68th Street",  # an ordinal that is no day
        "Sat 68th Street",
        "the March 2019 release",  # a month without a day
        "troops march 4 miles",  # "march" the verb
        "June 32",  # no day 32
        "version v0.4.12 and 1.12.2",  # versions
        "see /2019/06/04/ and 2019-06-05-newsletter",  # paths and slugs
        "June 4,000 people",  # a number, not a date
        "0.12.2019",  # a version, not 0 December
        "MAY 4",  # an acronym-looking word in capitals of three letters
    ],
)
def test_traps_are_never_dates(text: str) -> None:
    assert found(text) == []


def test_a_sentence_with_may_and_a_real_date() -> None:
    assert found("You may come on 4 May 2019, if you may.") == ["4 May 2019"]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("4-6 June 2019", date(2019, 6, 4), date(2019, 6, 6)),
        ("4\u20136 June 2019", date(2019, 6, 4), date(2019, 6, 6)),
        ("4 to 6 June", date(2019, 6, 4), date(2019, 6, 6)),
        ("Friday 4 - Sunday 6 June 2021", date(2021, 6, 4), date(2021, 6, 6)),
        ("June 4-6, 2019", date(2019, 6, 4), date(2019, 6, 6)),
        ("30 June - 2 July 2019", date(2019, 6, 30), date(2019, 7, 2)),
        ("June 30 to July 2", date(2019, 6, 30), date(2019, 7, 2)),
        ("30 December \u2013 2 January 2020", date(2019, 12, 30), date(2020, 1, 2)),
        ("30 June - 2 May 2019", date(2019, 6, 30), date(2019, 5, 2)),  # backwards, not wrapped
    ],
)
def test_ranges(text: str, first: date, last: date) -> None:
    (mention,) = find_dates(text)
    assert mention.last is not None
    assert mention.resolve(ISSUE) == (first, last)


def test_two_dates_joined_by_and_are_not_a_range() -> None:
    mentions = find_dates("on 4 June and 6 June")
    assert [m.last for m in mentions] == [None, None]


@pytest.mark.parametrize(
    ("text", "language", "written", "days"),
    [
        (
            "Tuesday 4 and Wednesday 5 June",
            "en",
            ["Tuesday 4", "Wednesday 5 June"],
            [(date(2019, 6, 4), 1), (date(2019, 6, 5), 2)],
        ),
        (
            "Fri 7 & Sat 8 June 2019",
            "en",
            ["Fri 7", "Sat 8 June 2019"],
            [(date(2019, 6, 7), 4), (date(2019, 6, 8), 5)],
        ),
        (
            "le vendredi 7 et samedi 8 juin",
            "fr",
            ["vendredi 7", "samedi 8 juin"],
            [(date(2019, 6, 7), 4), (date(2019, 6, 8), 5)],
        ),
        # without a weekday only the day written with the month is surely a date
        ("Chapter 3 and 4 June", "en", ["4 June"], [(date(2019, 6, 4), None)]),
        ("June 5 and 6, 2019", "en", ["June 5"], [(date(2019, 6, 5), None)]),
    ],
)
def test_two_days_of_one_month_joined_by_and_are_two_dates(
    text: str, language: str, written: list[str], days: list[tuple[date, int | None]]
) -> None:
    mentions = find_dates(text, languages=languages_for(language))
    assert [m.text for m in mentions] == written
    assert [(m.resolve(ISSUE)[0], m.first.weekday) for m in mentions] == days
    assert all(m.last is None for m in mentions)


def test_weekday_of_each_end_of_a_range_is_kept() -> None:
    (mention,) = find_dates("Friday 4 - Sunday 6 June")
    assert mention.first.weekday == 4 and mention.first.weekday_start == 0
    assert mention.last is not None and mention.last.weekday == 6


@pytest.mark.parametrize(
    ("issue", "written", "meant"),
    [
        (date(2019, 12, 20), "4 January", date(2020, 1, 4)),  # next year is nearer
        (date(2020, 1, 10), "20 December", date(2019, 12, 20)),  # last year is nearer
        (date(2019, 6, 5), "4 June", date(2019, 6, 4)),
    ],
)
def test_a_date_without_year_takes_the_year_nearest_the_issue(
    issue: date, written: str, meant: date
) -> None:
    (mention,) = find_dates(written)
    assert mention.resolve(issue)[0] == meant


@pytest.mark.parametrize(
    ("day", "problem"),
    [
        (Day(30, 2), "February has 29 days"),
        (Day(31, 6, 2019), "June has 30 days"),
        (Day(2, 13, 2019), "there is no month 13"),
        (Day(29, 2, 2019), "2019 is not a leap year: February 2019 has 28 days"),
        (Day(29, 2, 2020), None),
        (Day(29, 2), None),
    ],
)
def test_impossible_days(day: Day, problem: str | None) -> None:
    assert day.problem() == problem


def test_impossible_dates_are_found_and_not_resolved() -> None:
    mentions = find_dates("30 February, 31 June 2019 and 2019-13-02")
    assert [m.text for m in mentions] == ["30 February", "31 June 2019", "2019-13-02"]
    assert all(m.resolve(ISSUE) == (None, None) for m in mentions)


def test_french_and_spanish_names() -> None:
    assert found("le mardi 4 juin 2019 et le 1er juillet", language="fr") == [
        "mardi 4 juin 2019",
        "1er juillet",
    ]
    assert found("el martes 4 de junio de 2019", language="es") == ["martes 4 de junio de 2019"]
    # in an English draft the French words are not dates
    assert found("le mardi 4 juin 2019") == []


def test_languages_for_a_tag() -> None:
    assert languages_for("fr-CA")[1].code == "fr"
    assert languages_for("th") == (ENGLISH,)
    assert languages_for(None) == (ENGLISH,)


def test_scan_ignores_code_and_links() -> None:
    text = "Run `date -d 4 June 2019` or see [the log](https://example.org/2019-06-04), 5 June."
    assert [m.text for m in scan(text, "dmy", (ENGLISH,))] == ["5 June"]


@pytest.mark.parametrize(
    ("text", "meaning", "day"),
    [
        ("tomorrow", "Thursday 6 June 2019", date(2019, 6, 6)),
        ("yesterday", "Tuesday 4 June 2019", date(2019, 6, 4)),
        ("the day after tomorrow", "Friday 7 June 2019", date(2019, 6, 7)),
        ("next week", "the week of Monday 10 June 2019", None),
        ("last week", "the week of Monday 27 May 2019", None),
        ("last month", "May 2019", None),
        ("next month", "July 2019", None),
        ("this Friday", "Friday 7 June 2019", date(2019, 6, 7)),
        ("this coming Friday", "Friday 7 June 2019", date(2019, 6, 7)),
        (
            "on Friday",
            "Friday 7 June 2019, or Friday 31 May 2019 if it is past",
            None,
        ),
        ("last Friday", "Friday 31 May 2019", date(2019, 5, 31)),
        ("next Monday", "Monday 10 June 2019", date(2019, 6, 10)),
        (
            "next Friday",
            "Friday 14 June 2019 (or Friday 7 June 2019 to some readers)",
            None,
        ),
        ("in two days", "Friday 7 June 2019", date(2019, 6, 7)),
        ("in 3 weeks' time", "the week of Monday 24 June 2019", None),
        ("two weeks ago", "the week of Monday 20 May 2019", None),
        ("this weekend", "the weekend of Saturday 8 June 2019", None),
        ("next year", "2020", None),
    ],
)
def test_relative_expressions_resolved_against_the_issue(
    text: str, meaning: str, day: date | None
) -> None:
    (mention,) = find_relative(f"It will happen {text}.", ISSUE)
    assert mention.text == text
    assert mention.meaning == meaning
    assert mention.day == day


@pytest.mark.parametrize(
    "text",
    [
        "today",
        "this week",
        "this month",
        "this year",
        "the last week of June",
        "on Fridays",
        "for the coming year",
        "Friday",
        "we met last, weeks later",
        "The tickets sold out in two days.",
        "We built the hut in 3 weeks.",
    ],
)
def test_not_relative(text: str) -> None:
    assert find_relative(text, ISSUE) == []


def test_vague_amounts_are_relative_without_a_meaning() -> None:
    (mention,) = find_relative("It will be ready in a few days", ISSUE)
    assert mention.meaning is None and mention.day_precise


def test_relative_without_an_issue_date() -> None:
    (mention,) = find_relative("tomorrow", None)
    assert mention.meaning is None and mention.day_precise


_PIECES = [
    "Friday",
    "4",
    "June",
    "2019",
    "31",
    "February",
    "-",
    "\u2013",
    " to ",
    "the",
    "of",
    " ",
    "\n",
    ",",
    ".",
    "2019-13-02",
    "04/13/2019",
    "th",
    "1er",
    "juin",
    "de",
    "mayo",
    "may",
    "Sat",
    "next week",
    "in two days",
    "ago",
    "on",
    "Monday",
    "`",
    "](",
    "[",
    ")",
    "x",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.sampled_from(["dmy", "mdy"]))
def test_any_text_gives_consistent_mentions(pieces: list[str], order: str) -> None:
    text = "".join(pieces)
    mentions = find_dates(text, date_order=order, languages=languages_for("fr"))
    ends = [0]
    for mention in mentions:
        assert mention.text == text[mention.start : mention.end]
        assert mention.start >= ends[-1], "mentions do not overlap and come in order"
        ends.append(mention.end)
        for day in mention.days:
            assert (day.problem() is None) == (day.resolve(ISSUE) is not None)
    for relative in find_relative(text, ISSUE):
        assert relative.text == text[relative.start : relative.end]


# -- the calendar's edges: a date beyond year 1 or year 9999 is no date, never a crash ------


@pytest.mark.parametrize(
    ("day", "issue", "meant"),
    [
        (Day(2, 1), date(9999, 12, 31), date(9999, 1, 2)),  # year 10000 is no candidate
        (Day(30, 12), date(1, 1, 3), date(1, 12, 30)),  # neither is year 0
        (Day(31, 12), date(9999, 12, 25), date(9999, 12, 31)),
        (Day(29, 2), date(9999, 12, 31), None),  # 9998, 9999 are no leap years; 10000 is none
        (Day(1, 1, year=9999), date(1, 1, 1), date(9999, 1, 1)),
    ],
)
def test_a_day_resolves_inside_the_calendar(day: Day, issue: date, meant: date | None) -> None:
    assert day.resolve(issue) == meant


def test_a_range_that_would_begin_in_year_0_has_no_first_day() -> None:
    (mention,) = find_dates("from 30 December to 2 January")
    assert mention.resolve(date(1, 1, 3)) == (None, date(1, 1, 2))


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        ("See you on Saturday.", date(1, 1, 1)),
        ("We met yesterday.", date(1, 1, 1)),
        ("It came out two weeks ago.", date(1, 1, 1)),
        ("We met last month.", date(1, 1, 1)),
        ("We meet tomorrow.", date(9999, 12, 31)),
        ("We meet next week.", date(9999, 12, 31)),
        ("We meet next month.", date(9999, 12, 31)),
        ("See you next Saturday.", date(9999, 12, 31)),
        ("The report will come in 12 months.", date(9999, 12, 31)),
        ("We meet next year.", date(9999, 6, 1)),
        ("It was last year.", date(1, 6, 1)),
    ],
)
def test_a_relative_date_beyond_the_calendar_means_no_date(text: str, issue: date) -> None:
    (mention,) = find_relative(text, issue)
    assert (mention.meaning, mention.day) == (None, None)


def test_a_relative_date_inside_the_calendar_keeps_its_meaning_at_the_edges() -> None:
    (mention,) = find_relative("We met yesterday.", date(1, 1, 2))
    assert mention.day == date(1, 1, 1)
    (mention,) = find_relative("We meet tomorrow.", date(9999, 12, 30))
    assert mention.day == date(9999, 12, 31)
