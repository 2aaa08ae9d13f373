"""Find dates in newsletter text with a precise pattern lexicon, and resolve them against the issue.

Only text that matches one of these patterns is a date; nothing is guessed
from a lone number or a lone month name. Month and weekday names come from
``newsletter_cli.text.lexicon`` (English always; French and Spanish for drafts in
those languages).

Absolute dates (``find_dates``):

- day and month: ``4 June``, ``4th June``, ``4 June 2019``, ``the 4th of June``,
  ``4 Jun. 2019``, ``Tuesday 4 June``, ``Friday, 4 June 2019``,
  ``4 de junio de 2019``, ``mardi 4 juin 2019``, ``1er juin``;
- month and day: ``June 4``, ``June 4th``, ``Tuesday, June 4, 2019``, ``Jun 4``;
- ISO: ``2019-06-04`` (also ``2019/06/04`` and ``Tuesday 2019-06-04``);
- two days of one month joined by "and" with a weekday: ``Friday 5 and
  Saturday 6 June`` (two dates; ``3 and 4 June`` gives only ``4 June``);
- a weekday in brackets next to a single day: ``4 June 2019 (Tuesday)``,
  ``2019-06-04 (Tue)``, ``Tuesday (4 June)``;
- numeric: ``04/06/2019`` and ``04.06.2019``, read day/month/year or
  month/day/year after the workspace's ``date_order`` (``dmy`` or ``mdy``);
  the year must have four digits;
- ranges: ``4-6 June``, ``4 to 6 June 2019``, ``Friday 4 - Sunday 6 June``,
  ``June 4-6, 2019``, ``30 June - 2 July 2019``, ``June 30 to July 2``.

Never dates: ``may`` and ``march`` the verbs and ``sat`` (English month and
weekday names must be capitalised), ``68th Street`` and ``June 32`` (a day is
1-31), ``March 2019`` (no day), numbers inside words, versions, paths and
addresses (``v0.4.12``, ``/2019/06/04/``, ``2019-06-04-newsletter``), and
anything in code, link targets or HTML (callers mask those with
``textspans.mask``).

A date without a year takes the year nearest the issue date (``4 January`` in
an issue of 20 December 2019 is 4 January 2020). In a range written with one
year (``30 December - 2 January 2020``) the first end takes the year that
keeps it before the second.

Relative expressions (``find_relative``, English): ``tomorrow``, ``yesterday``,
``the day after tomorrow``, ``tonight``; ``next``/``last`` ``week``/``month``/``year``/
``weekend``; ``this``/``next``/``last``/``this coming`` + a weekday
(``this Friday``); ``on Friday`` with no date after it; ``in two days``,
``in 3 weeks`` in a sentence that looks ahead ("registration closes in two
days", "in two weeks' time"; not "it sold out in two days"), ``two months
ago``. They are resolved against the issue date
(``next week`` in an issue of Wednesday 5 June 2019 is the week of Monday 10
June 2019). Expressions anchored at the issue itself (``today``, ``this
week``, ``this month``, ``this year``) are not relative to the reader and are
not reported; neither is ``the last week of June``, ``the last Friday of the
month`` nor plural weekdays (``on Fridays``).
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import lru_cache

from newsletter_cli.draft.model import DateOrder
from newsletter_cli.text.lexicon import (
    ENGLISH,
    MONTH_NAMES,
    NUMBER_WORDS,
    RELATIVE_DAYS,
    VAGUE_NUMBERS,
    WEEKDAY_NAMES,
    Language,
    languages_for,
)
from newsletter_cli.text.textspans import mask, sentences
from newsletter_cli.text.words import fold


@dataclass(frozen=True)
class Day:
    """One day as written: day, month, maybe a year and a weekday."""

    day: int
    month: int
    year: int | None = None
    weekday: int | None = None
    #: Offset of the weekday name in the text, when one is written.
    weekday_start: int | None = None

    def problem(self) -> str | None:
        """Why this day cannot exist ("June has 30 days"), or None."""
        if not 1 <= self.month <= 12:
            return f"there is no month {self.month}"
        if self.day < 1:
            return "there is no day 0"
        if self.year is not None and not MINYEAR <= self.year <= MAXYEAR:
            return f"the calendar has no year {self.year}"
        if self.year is None:
            longest = 29 if self.month == 2 else calendar.monthrange(2001, self.month)[1]
            if self.day > longest:
                return f"{MONTH_NAMES[self.month]} has {longest} days"
            return None
        days = calendar.monthrange(self.year, self.month)[1]
        if self.day > days:
            if self.month == 2 and self.day == 29:
                return f"{self.year} is not a leap year: February {self.year} has 28 days"
            return f"{MONTH_NAMES[self.month]} has {days} days"
        return None

    def resolve(self, issue: date | None) -> date | None:
        """The calendar date meant: the written year, or the year nearest the issue date."""
        if self.problem() is not None:
            return None
        if self.year is not None:
            return date(self.year, self.month, self.day)
        if issue is None:
            return None
        candidates = []
        for year in (issue.year - 1, issue.year, issue.year + 1):
            if MINYEAR <= year <= MAXYEAR and self.day <= calendar.monthrange(year, self.month)[1]:
                candidates.append(date(year, self.month, self.day))
        if not candidates:
            return None
        return min(candidates, key=lambda d: (abs((d - issue).days), d))


@dataclass(frozen=True)
class DateMention:
    """A date (or a range of dates) found in text, with its offsets."""

    start: int
    end: int
    text: str
    first: Day
    #: The end of a range ("4-6 June"), or None for a single day.
    last: Day | None = None
    #: Written with numbers only (04/06/2019), so read after the workspace's date_order.
    numeric: bool = False

    @property
    def days(self) -> tuple[Day, ...]:
        return (self.first,) if self.last is None else (self.first, self.last)

    def resolve(self, issue: date | None) -> tuple[date | None, date | None]:
        """(first day, last day) as calendar dates; the last is None for a single day."""
        if self.last is None:
            return self.first.resolve(issue), None
        last = self.last.resolve(issue)
        first = self.first
        if first.year is None and last is not None:
            # "30 December - 2 January 2020" wraps into the new year; "30 June - 2 May"
            # is a backwards range in one year, not an eleven-month event.
            wraps = first.month - last.month >= 6
            year = last.year - 1 if wraps else last.year
            first = Day(first.day, first.month, year, first.weekday, first.weekday_start)
        return first.resolve(issue), last


@dataclass(frozen=True)
class RelativeMention:
    """A date relative to the moment of reading ("next week"), and what it means for the issue."""

    start: int
    end: int
    text: str
    #: What it means, computed from the issue date ("the week of Monday 10 June 2019").
    meaning: str | None
    #: The one day it names, when it names one ("tomorrow", "this Friday", "in two days").
    day: date | None = None
    #: Whether it names a day (not a week, month or year), with or without an issue date.
    day_precise: bool = False
    #: The unit it counts in: day, week, weekend, month or year.
    unit: str = "day"


# -- building the patterns ------------------------------------------------------


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _names(languages: tuple[Language, ...], attribute: str) -> tuple[str, dict[str, int]]:
    """A regex alternation of month or weekday names, and a lookup by lower-cased name."""
    parts: list[str] = []
    lookup: dict[str, int] = {}
    for language in languages:
        table: dict[str, int] = getattr(language, attribute)
        lookup.update({fold(name): number for name, number in table.items()})
        # An abbreviation ("Jun", "Sept") may take a full stop; a full name may not,
        # so that "on 5 June." does not swallow the end of the sentence.
        short = [n for n in table if any(o != n and o.startswith(n) for o in table)]
        full = [n for n in table if n not in short]
        if language.capitalised:
            short += [n.upper() for n in short if len(n) > 3]
            full += [n.upper() for n in full if len(n) > 3]
            flags = "?:"
        else:
            flags = "?i:"
        parts.append(rf"({flags}{_alternation(full)})(?![\w])")
        if short:
            parts.append(rf"({flags}{_alternation(short)})(?![\w])\.?")
    return "(?:" + "|".join(parts) + ")", lookup


@dataclass(frozen=True)
class _Patterns:
    day_month: re.Pattern[str]
    month_day: re.Pattern[str]
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    connector: re.Pattern[str]
    #: A weekday in brackets after a date: "4 June 2019 (Tuesday)".
    weekday_after: re.Pattern[str]
    #: A weekday before a date in brackets: "Tuesday (4 June)"; searched backwards from the date.
    weekday_before: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    #: Cheap tests that must succeed somewhere in a text for the patterns above to match in
    #: it: a month name (as the month group reads it), and the digits of an ISO or numeric
    #: date. Most paragraphs fail them, and skip the slower full patterns.
    month_probe: re.Pattern[str]
    iso_probe: re.Pattern[str]
    numeric_probe: re.Pattern[str]


def _probe(languages: tuple[Language, ...]) -> re.Pattern[str]:
    """Any month name, written as the month group of the patterns accepts it (same case rules)."""
    parts: list[str] = []
    for language in languages:
        names = list(language.months)
        if language.capitalised:
            names += [n.upper() for n in names if len(n) > 3]
            parts.append(f"(?:{_alternation(names)})")
        else:
            parts.append(f"(?i:{_alternation(names)})")
    return re.compile("|".join(parts))


@lru_cache(maxsize=16)
def _patterns(languages: tuple[Language, ...]) -> _Patterns:
    month, months = _names(languages, "months")
    weekday, weekdays = _names(languages, "weekdays")
    ordinals = _alternation([o for lang in languages for o in lang.ordinals])
    joiners = _alternation([j for lang in languages for j in lang.joiners])
    articles = _alternation([a for lang in languages for a in lang.articles])
    range_words = _alternation([w for lang in languages for w in lang.range_words])
    day = rf"(?:3[01]|[12]\d|0?[1-9])(?:{ordinals})?(?![\w])"
    year = r"[12]\d\d\d(?!\d)"
    # Where a date can start: a capital (English names) or a digit. Checking that
    # first lets the scanner skip most positions of a paragraph quickly.
    start = "A-Z0-9" if all(lang.capitalised for lang in languages) else "^\\W_"
    before = rf"(?<![\w/.:@#$-])(?=[{start}])"
    after = r"(?![\w]|[.,:/-]\d)"
    article = rf"(?:(?i:{articles})\s+)?" if articles else ""
    joiner = rf"(?:\s+(?i:{joiners}))?" if joiners else ""
    year_joiner = rf"(?:(?i:{joiners})\s+)?" if joiners else ""
    dash = rf"(?:\s*[-\u2013\u2014]\s*|\s+(?i:{range_words})\s+)"
    pair_words = _alternation([w for lang in languages for w in lang.pair_words])
    # "Friday 5 and Saturday 6 June": two days that share the month, read as two dates
    pair = rf"|\s+(?P<pair>(?i:{pair_words}))\s+" if pair_words else ""
    second = rf"(?P<join>{dash}{pair})"
    weekday_prefix = rf"(?:(?P<wd>{weekday}),?\s+{article})?"
    day_month = re.compile(
        before
        + weekday_prefix
        + rf"(?P<d>{day})"
        + rf"(?:{second}(?:(?P<wd2>{weekday}),?\s+{article})?(?P<d2>{day}))?"
        + rf"{joiner}\s+(?P<m>{month})"
        + rf"(?:,?\s+{year_joiner}(?P<y>{year}))?"
        + after
    )
    month_day = re.compile(
        before
        + rf"(?:(?P<wd>{weekday}),?\s+)?"
        + rf"(?P<m>{month})\s+{article}(?P<d>{day})"
        + rf"(?:{second}(?:(?P<wd2>{weekday}),?\s+)?(?:(?P<m2>{month})\s+)?(?P<d2>{day}))?"
        + rf"(?:,?\s+(?P<y>{year}))?"
        + after
    )
    iso = re.compile(
        before
        + rf"(?:(?P<wd>{weekday}),?\s+)?"
        + r"(?P<y>(?:19|20)\d\d)(?P<sep>[-/])(?P<m>\d\d?)(?P=sep)(?P<d>\d\d?)(?![\w/-]|[.:]\d)"
    )
    numeric = re.compile(
        before
        + rf"(?:(?P<wd>{weekday}),?\s+)?"
        + r"(?P<a>\d\d?)(?P<sep>[/.])(?P<b>\d\d?)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\w/-]|[.:]\d)"
    )
    connector = re.compile(rf"^(?:\s*[-\u2013\u2014]\s*|\s+(?i:{range_words})\s+)$")
    weekday_after = re.compile(rf"\s*\(\s*(?P<wd>{weekday})\s*\)")
    weekday_before = re.compile(rf"(?<![\w])(?P<wd>{weekday}),?\s*\(\s*$")
    return _Patterns(
        day_month,
        month_day,
        iso,
        numeric,
        connector,
        weekday_after,
        weekday_before,
        months,
        weekdays,
        _probe(languages),
        re.compile(r"(?:19|20)\d\d[-/]\d"),
        re.compile(r"\d[/.]\d"),
    )


# -- finding absolute dates ---------------------------------------------------------

_DIGIT = re.compile(r"\d")


def find_dates(
    text: str,
    *,
    date_order: DateOrder = "dmy",
    languages: tuple[Language, ...] = (ENGLISH,),
) -> list[DateMention]:
    """Every date written in ``text``, in order, ranges merged into one mention."""
    if not _DIGIT.search(text):
        return []
    patterns = _patterns(languages)
    found: list[DateMention] = []
    if patterns.month_probe.search(text):
        for match in patterns.day_month.finditer(text):
            found.extend(_pair(match, _named(match, patterns)))
        for match in patterns.month_day.finditer(text):
            found.extend(_pair(match, _named(match, patterns)))
    if patterns.iso_probe.search(text):
        for match in patterns.iso.finditer(text):
            found.append(_iso(match, patterns))
    if patterns.numeric_probe.search(text):
        for match in patterns.numeric.finditer(text):
            mention = _numeric(match, patterns, date_order)
            if mention is not None:
                found.append(mention)
    if not found:
        return []
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[DateMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue  # overlaps a longer or earlier match
        kept.append(mention)
    merged = _merge_ranges(text, kept, patterns)
    return [_bracketed_weekday(text, mention, patterns) for mention in merged]


def may_hold_dates(text: str, languages: tuple[Language, ...] = (ENGLISH,)) -> bool:
    """False only where ``find_dates`` finds nothing in ``text`` and in its masked form alike.

    Its probes (a digit, a month name, ``2024-0``, ``4/6``) hold no space, and masking
    (``textspans.mask``) only writes a filler over characters, a space over the backslash of
    a hard line break: a probe that finds nothing in the raw text finds nothing masked. Most
    paragraphs are then never masked for their dates.
    """
    if not _DIGIT.search(text):
        return False
    patterns = _patterns(languages)
    return bool(
        patterns.numeric_probe.search(text)
        or patterns.iso_probe.search(text)
        or patterns.month_probe.search(text)  # the slowest last
    )


def _bracketed_weekday(text: str, mention: DateMention, patterns: _Patterns) -> DateMention:
    """Give a single day the weekday written in brackets next to it.

    "4 June 2019 (Friday)", "2019-06-04 (Fri)" and "Friday (4 June)" name a
    weekday as surely as "Friday 4 June"; the mention grows to cover it.
    """
    if mention.last is not None or mention.first.weekday is not None:
        return mention
    after = patterns.weekday_after.match(text, mention.end)
    if after is not None:
        weekday, weekday_start = _weekday(after, "wd", patterns)
        first = dataclasses.replace(mention.first, weekday=weekday, weekday_start=weekday_start)
        written = text[mention.start : after.end()]
        return dataclasses.replace(mention, end=after.end(), text=written, first=first)
    closing = text[mention.end : mention.end + 1] == ")"
    window = max(0, mention.start - 20)
    before = patterns.weekday_before.search(text[window : mention.start]) if closing else None
    if before is not None:
        weekday, offset = _weekday(before, "wd", patterns)
        start = window + (offset or 0)
        first = dataclasses.replace(mention.first, weekday=weekday, weekday_start=start)
        end = mention.end + 1
        return dataclasses.replace(mention, start=start, end=end, text=text[start:end], first=first)
    return mention


def _weekday(
    match: re.Match[str], group: str, patterns: _Patterns
) -> tuple[int | None, int | None]:
    name = match.group(group)
    if name is None:
        return None, None
    return _look_up(patterns.weekdays, name), match.start(group)


def _look_up(names: dict[str, int], written: str) -> int:
    """The number of a month or weekday name as a pattern matched it (case-blind, maybe with
    a full stop after an abbreviation)."""
    written = written.rstrip(".")
    found = names.get(fold(written))
    if found is None:  # a letter the pattern reads case-blind some other way: ask it
        found = next(n for name, n in names.items() if re.fullmatch(re.escape(name), written, re.I))
    return found


def _year(match: re.Match[str]) -> int | None:
    value = match.group("y")
    return int(value) if value else None


def _number(value: str) -> int:
    return int(re.match(r"\d+", value).group())  # type: ignore[union-attr]


def _named(match: re.Match[str], patterns: _Patterns) -> DateMention:
    month = _look_up(patterns.months, match.group("m"))
    year = _year(match)
    weekday, weekday_start = _weekday(match, "wd", patterns)
    first = Day(_number(match.group("d")), month, year, weekday, weekday_start)
    last: Day | None = None
    if match.group("d2"):
        names = match.groupdict()
        last_month = _look_up(patterns.months, names["m2"]) if names.get("m2") else month
        weekday2, weekday2_start = _weekday(match, "wd2", patterns)
        last = Day(_number(match.group("d2")), last_month, year, weekday2, weekday2_start)
        if last_month != month:
            first = Day(first.day, month, None, weekday, weekday_start)
    return DateMention(match.start(), match.end(), match.group(), first, last)


def _pair(match: re.Match[str], mention: DateMention) -> tuple[DateMention, ...]:
    """ "Friday 5 and Saturday 6 June" is two dates, not a range: split the mention in two."""
    if mention.last is None or not match.groupdict().get("pair"):
        return (mention,)
    cut, resume = match.start("join"), match.end("join")
    second = DateMention(resume, mention.end, match.string[resume : mention.end], mention.last)
    first = DateMention(
        mention.start,
        cut,
        match.string[mention.start : cut],
        dataclasses.replace(mention.first, year=mention.last.year),
    )
    if mention.first.weekday is None and mention.last.weekday is None:
        # "Chapter 3 and 4 June": only the day written with the month is surely a date
        return (first,) if match.start("m") < cut else (second,)
    return first, second


def _iso(match: re.Match[str], patterns: _Patterns) -> DateMention:
    weekday, weekday_start = _weekday(match, "wd", patterns)
    first = Day(int(match.group("d")), int(match.group("m")), _year(match), weekday, weekday_start)
    return DateMention(match.start(), match.end(), match.group(), first)


def _numeric(match: re.Match[str], patterns: _Patterns, order: DateOrder) -> DateMention | None:
    a, b = int(match.group("a")), int(match.group("b"))
    if a == 0 or b == 0:
        return None  # "0.12.2019" is a version number, not a date
    day, month = (b, a) if order == "mdy" else (a, b)
    weekday, weekday_start = _weekday(match, "wd", patterns)
    first = Day(day, month, _year(match), weekday, weekday_start)
    return DateMention(match.start(), match.end(), match.group(), first, numeric=True)


def _merge_ranges(text: str, mentions: list[DateMention], patterns: _Patterns) -> list[DateMention]:
    """Join "30 June - 2 July 2019" (two mentions and a connector) into one range."""
    merged: list[DateMention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.last is None
            and mention.last is None
            and not previous.numeric
            and not mention.numeric
            and patterns.connector.match(text[previous.end : mention.start])
        ):
            written = text[previous.start : mention.end]
            merged[-1] = DateMention(
                previous.start, mention.end, written, previous.first, mention.first
            )
            continue
        merged.append(mention)
    return merged


# -- relative expressions ---------------------------------------------------------

_ENGLISH_WEEKDAYS = "|".join(WEEKDAY_NAMES)
_NUMBER = "(?P<n>\\d{1,3}|" + _alternation([*NUMBER_WORDS, *VAGUE_NUMBERS]) + ")"
_UNIT = r"(?P<unit>days?|weeks?|months?|years?)"
_NUMBER_AGO = _NUMBER.replace("?P<n>", "?P<n2>")
_UNIT_AGO = _UNIT.replace("?P<unit>", "?P<unit2>")


@lru_cache(maxsize=1)
def _relative_pattern() -> re.Pattern[str]:
    """Compiled on first use: importing the rules must stay cheap for `nl --help`-fast commands."""
    return re.compile(_RELATIVE)


@lru_cache(maxsize=1)
def _relative_probe() -> re.Pattern[str]:
    """What lower-cased ASCII text must hold for ``_RELATIVE`` to match it: each branch of the
    pattern without its word boundaries, case-sensitive and in lower case. A paragraph this
    finds nothing in skips the slower case-blind pattern (most paragraphs do)."""
    weekday = "|".join(name.lower() for name in WEEKDAY_NAMES)
    number = r"\d{1,3}|" + _alternation([*NUMBER_WORDS, *VAGUE_NUMBERS])
    unit = "(?:day|week|month|year)"
    return re.compile(
        r"tomorrow|yesterday|tonight"
        r"|(?:next|last|coming)\s+(?:week|month|year)"
        r"|this\s+weekend"
        rf"|(?:next|last|this|coming|on)\s+(?:{weekday})"
        rf"|in\s+(?:{number})\s+{unit}"
        rf"|{unit}s?\s+ago"
    )


_RELATIVE = (
    r"(?<![\w-])(?:"
    + r"(?P<named>(?i:the\s+day\s+after\s+tomorrow|the\s+day\s+before\s+yesterday"
    + r"|tomorrow|yesterday|tonight))"
    + r"|(?P<dir>(?i:next|last|this\s+coming))\s+(?P<period>(?i:week|month|year|weekend))"
    + r"(?!\s+of\b)(?!-)"
    + r"|(?P<thisweekend>(?i:this\s+weekend))"
    + rf"|(?P<wdir>(?i:next|last|this\s+coming|this|coming))\s+(?P<wd>{_ENGLISH_WEEKDAYS})(?!s\b)"
    + r"(?!\s+(?i:of)\s)"
    + rf"|(?i:in)\s+(?i:{_NUMBER})\s+(?i:{_UNIT})(?:['\u2019]s?\s+time)?"
    + rf"|(?i:{_NUMBER_AGO})\s+(?i:{_UNIT_AGO})\s+(?i:ago)"
    + rf"|(?i:on)\s+(?P<onwd>{_ENGLISH_WEEKDAYS})(?!s\b)(?!,?\s+(?:the\s+)?\d)"
    + r")(?![\w-])"
)


def format_day(day: date) -> str:
    """A date as messages write it: ``Tuesday 4 June 2019``."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month]} {day.year}"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _week_of(day: date) -> str:
    return f"the week of {format_day(day - timedelta(days=day.weekday()))}"


#: "tonight" is the evening of the issue date, long past for a reader of the archive.
_DAY_WORDS = {**RELATIVE_DAYS, "tonight": 0}


#: Every relative expression contains one of these (weekday names end in "day").
_RELATIVE_ANCHORS = ("tomorrow", "yesterday", "tonight", "day", "week", "month", "year")


def find_relative(text: str, issue: date | None) -> list[RelativeMention]:
    """Every relative date expression in ``text``, with what it means for the issue date."""
    if not may_hold_relative(text):
        return []
    found: list[RelativeMention] = []
    for match in _relative_pattern().finditer(text):
        groups = match.groupdict()
        if groups["n"] and not fold(match.group()).endswith("time") and not _ahead(text, match):
            continue  # "sold out in two days" is how long, not when
        unit = fold(groups["period"] or groups["unit"] or groups["unit2"] or "day")
        if groups["thisweekend"]:
            unit = "weekend"
        found.append(dataclasses.replace(_relative(match, issue), unit=unit.rstrip("s")))
    return found


_FUTURE_VERB = re.compile(
    r"(?i)\b(?:will|shall|going\s+to|is\s+due|are\s+due|expected|scheduled|planned"
    r"|opens?|starts?|begins?|closes?|ends?|returns?|launch(?:es)?|from\s+now)\b|['\u2019]ll\b"
)


def may_hold_relative(text: str) -> bool:
    """False only where ``find_relative`` finds nothing in ``text`` and in its masked form
    alike (see ``may_hold_dates``; the probe's spaces are why a hard line break's backslash,
    a space once masked, leaves the question open)."""
    lower = fold(text)
    if not any(map(lower.__contains__, _RELATIVE_ANCHORS)):  # `anchor in lower`, in C
        return False
    return not text.isascii() or "\\\n" in text or bool(_relative_probe().search(lower))


def _ahead(text: str, match: re.Match[str]) -> bool:
    """Whether the sentence around "in two days" looks ahead ("will open in two days")."""
    for start, end in sentences(text):
        if start <= match.start() < end:
            return bool(_FUTURE_VERB.search(text, start, end))
    return False


def _relative(match: re.Match[str], issue: date | None) -> RelativeMention:
    """What a relative expression means for the issue date; beyond the calendar's first or
    last day (year 1, year 9999) it names no date, as when the issue has no date."""
    try:
        return _relative_to(match, issue)
    except (OverflowError, ValueError):
        return _relative_to(match, None)


def _relative_to(match: re.Match[str], issue: date | None) -> RelativeMention:
    groups = match.groupdict()
    start, end, written = match.start(), match.end(), match.group()

    def result(meaning: date | str | None, precise: bool) -> RelativeMention:
        if isinstance(meaning, date):
            return RelativeMention(start, end, written, format_day(meaning), meaning, True)
        return RelativeMention(start, end, written, meaning, None, precise)

    if groups["named"]:
        offset = _DAY_WORDS[" ".join(fold(groups["named"]).split())]
        return result(issue + timedelta(days=offset) if issue else None, True)
    if groups["dir"] or groups["thisweekend"]:
        direction = groups["dir"] or "this"
        step = {"next": 1, "last": -1}.get(fold(direction).split()[0], 0)
        period = fold(groups["period"] or "weekend")
        if issue is None:
            return result(None, False)
        if period == "week":
            return result(_week_of(issue + timedelta(weeks=step)), False)
        if period == "month":
            other = _add_months(issue.replace(day=1), step)
            return result(f"{MONTH_NAMES[other.month]} {other.year}", False)
        if period == "year":
            return result(_year_text(issue.year + step), False)
        saturday = issue + timedelta(days=(5 - issue.weekday()) % 7)
        if step == -1:
            saturday -= timedelta(weeks=1)
        elif step == 1 and issue.weekday() < 5:
            saturday += timedelta(weeks=1)
        return result(f"the weekend of {format_day(saturday)}", False)
    if groups["wd"] or groups["onwd"]:
        target = WEEKDAY_NAMES.index(groups["wd"] or groups["onwd"])
        direction = fold(groups["wdir"] or "this").split()[-1]
        if issue is None:
            return result(None, True)
        ahead = (target - issue.weekday()) % 7
        if direction == "last":
            back = (issue.weekday() - target) % 7 or 7
            return result(issue - timedelta(days=back), True)
        if direction == "next":
            soonest = issue + timedelta(days=ahead or 7)
            monday = issue - timedelta(days=issue.weekday())
            following_week = monday + timedelta(weeks=1, days=target)
            if following_week != soonest:
                return result(
                    f"{format_day(following_week)} (or {format_day(soonest)} to some readers)", True
                )
            return result(soonest, True)
        coming = issue + timedelta(days=ahead)
        if groups["onwd"] and ahead:
            # "On Saturday we cleaned the river": a bare weekday may also be the last one.
            previous = issue - timedelta(days=(issue.weekday() - target) % 7 or 7)
            return result(f"{format_day(coming)}, or {format_day(previous)} if it is past", True)
        return result(coming, True)
    number = groups["n"] or groups["n2"]
    unit = fold(groups["unit"] or groups["unit2"]).rstrip("s")
    sign = 1 if groups["n"] else -1
    amount = _amount(number)
    if amount is None or issue is None:
        return result(None, unit == "day")
    if unit == "day":
        return result(issue + timedelta(days=sign * amount), True)
    if unit == "week":
        return result(_week_of(issue + timedelta(weeks=sign * amount)), False)
    if unit == "month":
        other = _add_months(issue.replace(day=1), sign * amount)
        return result(f"{MONTH_NAMES[other.month]} {other.year}", False)
    return result(_year_text(issue.year + sign * amount), False)


def _year_text(year: int) -> str:
    """A year as written; beyond the calendar's ValueError, as ``date`` raises."""
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f"year {year} is out of range")
    return str(year)


def _amount(number: str) -> int | None:
    words = " ".join(fold(number).split())
    if words.isdigit():
        return int(words)
    return NUMBER_WORDS.get(words)


# -- what the rules share (through text.analysis.DraftText, which keeps each result) ---------


def scan(
    text: str, date_order: DateOrder, languages: tuple[Language, ...]
) -> tuple[DateMention, ...]:
    """The dates of a paragraph's prose: code, link targets and HTML hidden (``mask``)."""
    return tuple(find_dates(mask(text), date_order=date_order, languages=languages))


def relative_beside(
    absolute: tuple[DateMention, ...], masked: str, issue: date | None
) -> tuple[RelativeMention, ...]:
    """The relative expressions of a paragraph's masked prose that are not part of one of its
    dates ``absolute`` (found in the same masked text)."""
    starts = [a.start for a in absolute]  # in order, and not overlapping one another

    def inside_a_date(mention: RelativeMention) -> bool:
        last = bisect_left(starts, mention.end) - 1
        return last >= 0 and absolute[last].end > mention.start

    return tuple(mention for mention in find_relative(masked, issue) if not inside_a_date(mention))


#: A year written on its own ("Winter Fair 2016", "in 2024", "2024 - September 10-13"): where it
#: stands next to a word in lower case ("2000 people") it is a number, not a year.
_BARE_YEAR = re.compile(r"(?<![\w/.:$\u20ac\u00a3#-])(?:19|20)\d\d(?![\w/%-]|[.:,]\d)")
_BEFORE_LOWER = re.compile(r"\s+[a-z]")
_YEAR_WORD = re.compile(r"(?:\b(?i:in|of|since|year)|\b[A-Z][\w.-]*)[ \t]+$")


class YearsNearby:
    """The years written on their own in a paragraph, to give a date without a year its year.

    "Save the date: River Fest 2024 - September 10-13" is September 2024 whatever the issue
    date: the nearest year on the same line or in the same sentence, outside other dates,
    belongs to the date. Built once per paragraph from its masked text and the dates ``found``
    in it; each look-up is a binary search, so a paragraph of many dates stays linear.
    """

    def __init__(self, masked: str, found: tuple[DateMention, ...]) -> None:
        self._lines = [-1, *(m.start() for m in re.finditer("\n", masked)), len(masked)]
        bounds = sentences(masked)
        self._sentence_starts = [start for start, _ in bounds]
        self._sentence_ends = [end for _, end in bounds]
        inside = [(m.start, m.end) for m in found]
        self._years: list[tuple[int, int, int]] = []
        for match in _BARE_YEAR.finditer(masked):
            at = bisect_right(inside, (match.start(), len(masked) + 1)) - 1
            if at >= 0 and inside[at][0] <= match.start() < inside[at][1]:
                continue  # the year of another date
            if _BEFORE_LOWER.match(masked, match.end()) and not _YEAR_WORD.search(
                masked, max(0, match.start() - 30), match.start()
            ):
                continue  # "2000 people"
            self._years.append((match.start(), match.end(), int(match.group())))
        self._year_starts = [start for start, _, _ in self._years]

    def _span(self, start: int, end: int) -> tuple[int, int]:
        """Where a year may stand for a date at start..end: its line and its sentence."""
        line = bisect_right(self._lines, start - 1) - 1
        low = self._lines[line] + 1
        high = self._lines[bisect_right(self._lines, end - 1)]
        at = bisect_right(self._sentence_starts, start) - 1
        if at >= 0 and start < self._sentence_ends[at]:
            low, high = min(low, self._sentence_starts[at]), max(high, self._sentence_ends[at])
        return low, high

    def give(self, mention: DateMention) -> DateMention:
        """The mention, with the year written next to it when it has none of its own."""
        if not self._years or any(day.year is not None for day in mention.days):
            return mention
        low, high = self._span(mention.start, mention.end)
        after = bisect_right(self._year_starts, mention.start)
        best: tuple[int, int] | None = None
        if after > 0:
            start, end, year = self._years[after - 1]
            if start >= low:
                best = (mention.start - end, year)
        if after < len(self._years):
            start, end, year = self._years[after]
            if start < high and (best is None or start - mention.end < best[0]):
                best = (start - mention.end, year)
        if best is None:
            return mention
        year = best[1]
        first_day = mention.first
        if mention.last is None:
            return dataclasses.replace(mention, first=dataclasses.replace(first_day, year=year))
        last_day = dataclasses.replace(mention.last, year=year)
        if first_day.month > last_day.month:
            year -= 1  # "30 December - 2 January", 2020: the range starts in the year before
        return dataclasses.replace(
            mention, first=dataclasses.replace(first_day, year=year), last=last_day
        )


def reading(
    language: str | None, workspace_language: str, date_order: DateOrder
) -> tuple[DateOrder, tuple[Language, ...]]:
    """How to read the dates of a draft: its numeric date order and its languages."""
    return date_order, languages_for(language or workspace_language)


@dataclass(frozen=True)
class OneWayDate:
    """A numeric date that only one order can read: ``12/15/2021`` is month first."""

    start: int
    end: int
    text: str
    order: DateOrder


def one_way_dates(read_day_first: Iterable[DateMention]) -> tuple[OneWayDate, ...]:
    """Of the dates of a paragraph read day first (``find_dates`` with ``dmy``), the numeric
    ones that are real in one order only."""
    found = []
    for mention in read_day_first:
        if not mention.numeric:
            continue
        first = mention.first
        swapped = Day(first.month, first.day, first.year)
        day_first, month_first = first.problem() is None, swapped.problem() is None
        if day_first != month_first:
            order: DateOrder = "dmy" if day_first else "mdy"
            found.append(OneWayDate(mention.start, mention.end, mention.text, order))
    return tuple(found)


#: Regions that write the month first (``en-US``: 12/15/2021).
_MONTH_FIRST_REGIONS = frozenset({"us", "ph", "fm", "mh", "pw"})


def draft_reading(
    shown: Callable[[tuple[Language, ...]], Iterable[OneWayDate]],
    language: str | None,
    workspace_language: str,
    date_order: DateOrder,
) -> tuple[DateOrder, tuple[Language, ...]]:
    """How to read the numeric dates of one draft; ``shown`` gives the one-way dates of its
    prose (``one_way_dates`` of each passage) for its languages.

    The draft decides first: numeric dates that only one order can read (``15/12/2021``,
    ``12/15/2021``) show how it writes them. Where it shows nothing, or shows both ways, the
    draft's region does (``en-US`` is month first), then the workspace's ``date_order``.
    """
    languages = languages_for(language or workspace_language)
    seen = {one.order for one in shown(languages)}
    if len(seen) == 1:
        return seen.pop(), languages
    region = (language or "").lower().split("-")[1:2]
    if region:
        return ("mdy" if region[0] in _MONTH_FIRST_REGIONS else "dmy"), languages
    return date_order, languages
