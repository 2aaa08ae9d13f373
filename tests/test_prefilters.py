"""Property tests: a check on a paragraph's raw text never hides a finding.

``nl lint`` skips a paragraph before masking it (``textspans.mask``) when a cheap look at
its raw text shows that a finder can find nothing there. Each skip is safe only if "nothing"
on the raw text means "nothing" on the masked text too:

1. ``word_facts(...).anchored`` False, or ``may_announce(text)`` False:
   ``find_announcements(mask(text))`` is empty;
2. ``word_facts(...).doubled`` False: repeated-word's pattern finds nothing in ``mask(text)``;
3. ``may_hold_dates(text, languages)`` False: ``find_dates(mask(text), ...)`` is empty, for
   every date order and every tuple of languages a workspace can ask for;
4. ``may_hold_relative(text)`` False: ``find_relative(mask(text), issue)`` is empty;
5. ``word_facts`` answers None exactly for text that is not all ASCII, and otherwise splits
   it as the runs of ASCII letters and digits.

The texts are built from pieces that matter to the finders (invitations, event nouns, month
and weekday names, relative expressions, dates, doubled words, pieces of them) glued to the
markup that ``mask`` blanks (code, links, addresses, HTML, template tags, a hard line break's
backslash) and to what sits at a word's edge (``_``, ``-``, quotes, non-ASCII letters,
control characters), often with nothing in between; the spaces inside a phrase vary ("open
day" over two lines) and so does its case (Turkish capitals too). A seeded sample checks that
these texts do make every finder find something, so that the properties are not empty
promises; and since random texts may miss a phrase, every phrase the word lists make is also
tried in a sentence of its own.

The last sections hold the finders' own first looks to what their docstrings say (the checks
above lean on them), and check that the finders read any text without raising. Five bugs
were found this way and fixed, each kept as an example: a month, weekday or relative word
with the dotted capital I ("JU\u0130N", "TON\u0130GHT") crashed the date rules, hid an
announcement and a doubled word; and "open\nday" over two lines hid an announcement.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from newsletter_cli.draft.model import DateOrder
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths
from newsletter_cli.lint.rules.repeated_word import _REPEAT
from newsletter_cli.text import announcements, dates
from newsletter_cli.text.announcements import ANCHOR_WORDS, find_announcements, may_announce
from newsletter_cli.text.dates import find_dates, find_relative, may_hold_dates, may_hold_relative
from newsletter_cli.text.lexicon import (
    ENGLISH,
    EVENT_NOUNS,
    FUTURE_AFTER,
    FUTURE_BEFORE,
    INVITATIONS,
    LANGUAGES,
    NUMBER_WORDS,
    RELATIVE_DAYS,
    VAGUE_NUMBERS,
    WEEKDAY_NAMES,
    Language,
    languages_for,
)
from newsletter_cli.text.textspans import mask
from newsletter_cli.text.words import fold, word_facts

PROPERTY = settings(
    max_examples=600,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

ORDERS: tuple[DateOrder, ...] = get_args(DateOrder)
#: English alone, each other language alone, all together, and what ``languages_for`` gives
#: a workspace (English plus its own language).
LANGUAGE_TUPLES: tuple[tuple[Language, ...], ...] = tuple(
    dict.fromkeys(
        [
            (ENGLISH,),
            *((language,) for language in LANGUAGES.values()),
            tuple(LANGUAGES.values()),
            *(languages_for(code) for code in LANGUAGES),
        ]
    )
)
ISSUES = (date(2026, 6, 3), None, date.max)

# -- the texts ---------------------------------------------------------------------------

# fmt: off
#: Words that announce an event, whole and in pieces that other pieces may complete.
_ANNOUNCING = (
    "join us", "Join us", "please join us", "register now", "Register now", "save the date",
    "will take place", "will be held", "next meeting", "our next meeting", "the upcoming",
    "upcoming", "next", "workshop", "workshops", "Workshop", "meet-up", "meet-ups", "meetup",
    "open day", "clean-up", "AGM", "AGMs", "RSVP", "rsvp", "don't miss", "come along",
    "book your seat", "you are invited", "registration is open", "is scheduled for",
    "takes place", "we", "our", "you", "everyone", "join", "us", "work", "shop", "meet",
    "ing", "up", "open", "day",
)
#: Months and weekdays in several cases and languages, whole and in pieces.
_NAMES = (
    "June", "june", "JUNE", "Jun", "Jun.", "Sept", "Sept.", "May", "may", "March", "Dec",
    "SEPTEMBER", "juin", "Juin", "junio", "janv", "ao\u00fbt", "f\u00e9vr", "d\u00e9c",
    "septiembre", "setiembre", "Ju", "ne", "Monday", "monday", "Fri", "Tuesday", "Sat",
    "mardi", "mi\u00e9rcoles", "sabado", "(Tuesday)", "(Tue)",
)
_RELATIVE = (
    "tomorrow", "Tomorrow", "tonight", "yesterday", "the day after tomorrow", "next week",
    "last month", "this weekend", "this coming", "next Friday", "on Friday", "on Fridays",
    "in 3 days", "in two weeks", "in a couple of days", "2 weeks ago", "days ago", "ago",
    "in", "days", "week", "weeks", "month", "will open", "time", "next", "last",
)
_NUMBERS = (
    "4", "04", "30", "2026", "1st", "4th", "the 4th of", "4 June 2026", "June 4", "June 4, 2026",
    "4-6 June", "30 June - 2 July", "2026-06-04", "2026/06/04", "4/6/2026", "04.06.2026",
    "1er juin", "4 de junio de 2026", "2026-0", "4/", "/6", ".", "-",
)
_DOUBLED = ("the the", "The the", "the", "The", "THE", "had had", "is is", "in", "a", "and")
#: What ``mask`` blanks, whole and in pieces, and what stands at the edge of a word.
_MARKUP = (
    "`x`", "`", "``", "```", "```\n", "\n```\n", "~~~\n", "`the`",
    "[text](https://x.org/a_(b))", "[text]", "(https://x.org)", "](", "[text][label]",
    "][label]", "[label]: https://x.org \"title\"", "\n[label]: https://x.org/workshop\n",
    "<https://x.org>", "<a@b.org>", "https://x.org/path_", "https://x.org/", "www.x.org",
    "http://", "<!--", "-->", "<!-- -->", "<!-- June -->", "<b>", "</span>", "<a href=\"x\">",
    "{% tag %}", "{%", "%}", "{{ x }}", "{#", "\\", "\\\n", "\\\\\n", "_", "-", "'", "\"",
    ".", ". ", "!", "(", ")", "[", "]", ">", "* ", "/", "\u2019", "\u201c", "\u201d",
)
_ODD_CHARACTERS = (
    # not ASCII: letters, a fullwidth letter and digit, a combining accent, letters that fold
    # to ASCII ones (long s, Kelvin sign, dotted capital I), a no-break space, a dash
    "\u00e9", "\u00df", "\uff2a", "\uff14", "\u0301", "\u017f", "\u212a", "\u0130", "\u00a0",
    "\u2013",
    # control characters: the mask's own filler, separators that count as white space
    "\x00", "\x0b", "\x0c", "\x1a", "\x1c", "\x1f", "\x7f", "\r", "\x85",
)
# fmt: on


def _lexicon_phrases() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Every phrase the finders are built from, as the word lists give them: (invitations and
    event nouns bound to their future words, relative expressions, names of days)."""
    nouns = [form for noun in EVENT_NOUNS for form in (noun, noun + "s")]
    months = sorted({name for language in LANGUAGES.values() for name in language.months})
    weekdays = sorted({name for language in LANGUAGES.values() for name in language.weekdays})
    numbers = (*NUMBER_WORDS, *VAGUE_NUMBERS, "3", "12")
    announcing = (
        *INVITATIONS,
        *(f"{before} {noun}" for before in FUTURE_BEFORE for noun in nouns),
        *(f"{noun} {after}" for noun in nouns for after in FUTURE_AFTER),
    )
    relative = (
        *RELATIVE_DAYS,
        "tonight",
        "this weekend",
        *(
            f"{way} {period}"
            for way in ("next", "last", "this coming")
            for period in ("week", "month", "year", "weekend")
        ),
        *(
            f"{way} {day}"
            for way in ("next", "last", "this", "coming", "on")
            for day in WEEKDAY_NAMES
        ),
        *(f"in {n} {unit}" for n in numbers for unit in ("day", "days", "weeks", "years")),
        *(f"{n} {unit} ago" for n in numbers for unit in ("day", "months")),
    )
    days = (
        *(f"4 {month}" for month in months),
        *(f"{month} 4" for month in months),
        *(f"{weekday} 4" for weekday in weekdays),
    )
    return announcing, relative, days


#: The pieces of a text, in groups that are equally likely (a small group is not drowned by
#: the hundreds of phrases the word lists make).
GROUPS: tuple[tuple[str, ...], ...] = (
    _ANNOUNCING,
    _NAMES,
    _RELATIVE,
    _NUMBERS,
    _DOUBLED,
    _MARKUP,
    _MARKUP,
    _ODD_CHARACTERS,
    *_lexicon_phrases(),
)
SEPARATORS = ("", "", " ", " ", "\n", "\t", "\\\n", "\\\n", ",", "-")
#: What may stand for the space inside a piece ("open day" over two lines of a paragraph).
INNER_SPACES = (" ", " ", " ", "\n", "\t", "  ", "\\\n", "\\\n", "\x0b", "\x1c")


def _turkish_capitals(text: str) -> str:
    """Upper case as Turkish writes it: the capital of "i" is the dotted "\u0130"."""
    return text.replace("i", "\u0130").upper()


#: Most pieces as written, some in another case.
CASES: tuple[Callable[[str], str], ...] = (
    str,
    str,
    str,
    str.upper,
    str.lower,
    str.title,
    str.swapcase,
    _turkish_capitals,
)

#: (piece, space inside it, case, separator after it)
Part = tuple[str, str, Callable[[str], str], str]


def _paragraph(parts: list[Part]) -> str:
    return "".join(
        case(piece.replace(" ", inside)) + separator for piece, inside, case, separator in parts
    )


_PARTS = st.tuples(
    st.one_of([st.sampled_from(group) for group in GROUPS]),
    st.sampled_from(INNER_SPACES),
    st.sampled_from(CASES),
    st.sampled_from(SEPARATORS),
)
#: Pieces glued by separators (often none), their inner spaces varied, some in another case;
#: short texts often, where one piece alone decides what a check says.
paragraphs = st.builds(_paragraph, st.lists(_PARTS, max_size=3) | st.lists(_PARTS, max_size=24))
#: Characters of the pieces shuffled: markup and words cut anywhere.
_ALPHABET = "".join(sorted(set("".join(piece for group in GROUPS for piece in group))))
scrambled = st.text(alphabet=_ALPHABET, max_size=60)
texts = paragraphs | scrambled


def sample(count: int, seed: int) -> Iterator[str]:
    """``count`` paragraphs built as ``paragraphs`` builds them, from a fixed seed."""
    rng = random.Random(seed)
    for _ in range(count):
        yield _paragraph(
            [
                (
                    rng.choice(rng.choice(GROUPS)),
                    rng.choice(INNER_SPACES),
                    rng.choice(CASES),
                    rng.choice(SEPARATORS),
                )
                for _ in range(rng.randint(0, rng.choice((3, 24))))
            ]
        )


# -- what each check claims ------------------------------------------------------------------


def announcements_hidden(text: str) -> bool:
    """Claim 1 broken: no anchor word in the raw text, an announcement in the masked one."""
    facts = word_facts(text, ANCHOR_WORDS)
    if facts is None or facts.anchored:
        return False
    return bool(find_announcements(mask(text)))


def announcements_hidden_by_words(text: str) -> bool:
    """Claim 1 broken the other way: not all the words of an announcing phrase in the raw
    text, an announcement in the masked one."""
    return not may_announce(text) and bool(find_announcements(mask(text)))


def repeats_hidden(text: str) -> bool:
    """Claim 2 broken: no doubled word in the raw text, repeated-word's match in the masked."""
    facts = word_facts(text, ANCHOR_WORDS)
    if facts is None or facts.doubled:
        return False
    return _REPEAT.search(mask(text)) is not None


def dates_hidden(text: str) -> list[tuple[str, str]]:
    """Claim 3 broken: the (order, languages) for which the raw text holds no probe and the
    masked text a date."""
    masked = mask(text)
    return [
        (order, "+".join(language.code for language in languages))
        for languages in LANGUAGE_TUPLES
        if not may_hold_dates(text, languages)
        for order in ORDERS
        if find_dates(masked, date_order=order, languages=languages)
    ]


def relative_hidden(text: str) -> list[date | None]:
    """Claim 4 broken: the issue dates for which the raw text holds no probe and the masked
    text a relative expression."""
    if may_hold_relative(text):
        return []
    masked = mask(text)
    return [issue for issue in ISSUES if find_relative(masked, issue)]


_ASCII_WORD = re.compile(r"[a-z0-9]+")


# -- the properties --------------------------------------------------------------------------


@PROPERTY
@given(text=texts)
def test_no_anchor_word_means_no_announcement(text: str) -> None:
    facts = word_facts(text, ANCHOR_WORDS)
    event(f"anchored: {None if facts is None else facts.anchored}")
    assert not announcements_hidden(text)


@PROPERTY
@given(text=texts)
def test_no_announcing_phrase_means_no_announcement(text: str) -> None:
    event(f"may announce: {may_announce(text)}")
    assert not announcements_hidden_by_words(text)


@PROPERTY
@given(text=texts)
def test_no_doubled_word_means_no_repeated_word(text: str) -> None:
    facts = word_facts(text, ANCHOR_WORDS)
    event(f"doubled: {None if facts is None else facts.doubled}")
    assert not repeats_hidden(text)


@PROPERTY
@given(text=texts)
def test_no_date_probe_means_no_date(text: str) -> None:
    event(f"may hold dates (English): {may_hold_dates(text)}")
    assert dates_hidden(text) == []


@PROPERTY
@given(text=texts)
def test_no_relative_probe_means_no_relative_date(text: str) -> None:
    event(f"may hold a relative date: {may_hold_relative(text)}")
    assert relative_hidden(text) == []


@PROPERTY
@given(text=texts)
def test_word_facts_read_the_ascii_words(text: str) -> None:
    facts = word_facts(text, ANCHOR_WORDS)
    assert (facts is None) == (not text.isascii())
    if facts is not None:
        words = [word.encode() for word in _ASCII_WORD.findall(text.lower())]
        assert facts.doubled == any(a == b for a, b in pairwise(words))
        assert facts.anchored == any(word in ANCHOR_WORDS for word in words)


# -- the texts above do make every finder find something ---------------------------------------


def test_sample_paragraphs_make_every_finder_find_something() -> None:
    """Over 300 seeded paragraphs built like the properties' ones, each check says "no" to
    some (the property is tried) and lets through some in which its finder does find
    something (the texts reach the finders), and no claim is broken."""
    seen: Counter[str] = Counter()
    for text in sample(300, seed=14):
        masked = mask(text)
        facts = word_facts(text, ANCHOR_WORDS)
        seen["not ascii"] += facts is None
        if facts is not None:
            seen["no anchor"] += not facts.anchored
            seen["no double"] += not facts.doubled
        seen["announcement"] += bool(find_announcements(masked))
        seen["repeated word"] += _REPEAT.search(masked) is not None
        seen["no date probe"] += not may_hold_dates(text)
        seen["date"] += bool(find_dates(masked))
        seen["date, French"] += bool(find_dates(masked, languages=(LANGUAGES["fr"],)))
        seen["date, Spanish"] += bool(find_dates(masked, languages=(LANGUAGES["es"],)))
        seen["numeric date, mdy"] += any(m.numeric for m in find_dates(masked, date_order="mdy"))
        seen["no relative probe"] += not may_hold_relative(text)
        seen["relative date"] += bool(find_relative(masked, ISSUES[0]))
        seen["broken"] += (
            announcements_hidden(text)
            or repeats_hidden(text)
            or bool(dates_hidden(text))
            or bool(relative_hidden(text))
        )
    broken = seen.pop("broken")
    assert broken == 0
    assert min(seen.values()) >= 5, seen


# -- every phrase of the word lists -------------------------------------------------------------

ANNOUNCING_PHRASES, RELATIVE_PHRASES, DAY_PHRASES = _lexicon_phrases()


@pytest.mark.parametrize(
    ("phrases", "template", "claim_broken", "finds"),
    [
        pytest.param(
            ANNOUNCING_PHRASES,
            "Our {} is for you.",
            announcements_hidden,
            lambda masked: bool(find_announcements(masked)),
            id="announcing",
        ),
        pytest.param(
            ANNOUNCING_PHRASES,
            "Our {} is for you.",
            announcements_hidden_by_words,
            lambda masked: bool(find_announcements(masked)),
            id="announcing, every word",
        ),
        pytest.param(
            RELATIVE_PHRASES,
            "It will open {}.",
            lambda text: bool(relative_hidden(text)),
            lambda masked: bool(find_relative(masked, ISSUES[0])),
            id="relative",
        ),
        pytest.param(
            DAY_PHRASES,
            "On {} 2026.",
            lambda text: bool(dates_hidden(text)),
            lambda masked: bool(find_dates(masked, languages=tuple(LANGUAGES.values()))),
            id="days",
        ),
    ],
)
def test_every_phrase_of_the_word_lists(
    phrases: tuple[str, ...],
    template: str,
    claim_broken: Callable[[str], bool],
    finds: Callable[[str], bool],
) -> None:
    """Each phrase in a sentence, its spaces kept or made a line break, a hard line break or
    a vertical tab, as written and in capitals: no check hides it (random texts may miss a
    phrase; every anchor word counts), and most of them are found."""
    broken: list[str] = []
    found = tried = 0
    for phrase in phrases:
        for inside in (" ", "\n", "\\\n", "\x0b"):
            for case in (str, str.upper):
                text = template.format(case(phrase.replace(" ", inside)))
                tried += 1
                found += finds(mask(text))
                if claim_broken(text):
                    broken.append(text)
    assert broken == []
    assert found > tried / 2


# -- edges, by hand ------------------------------------------------------------------------------

# Each text makes its check say "maybe", and its finder does find something there.
ANNOUNCING = [
    "Join\\\nus on Friday.",  # a hard break's backslash, a space once masked
    "Join\x1cus on Friday.",  # a control character that counts as white space
    "`code`join us",  # masked code glued to the invitation
    "[Save the date](https://x.org/a_(b)) for the picnic.",
    "<b>Our next meet-up</b> is in town.",
    "<!-- draft -->Join us!",
    "Join us at the caf\u00e9.",  # not ASCII: no word facts, the finder is asked
]
REPEATING = [
    "the\\\nthe",  # the backslash of a hard line break is a space once masked
    "The\t\tthe",
    "https://x.org/path_ the the",  # the address stops before "_"
    "<b>x</b> the the",
    "{% tag %}The the",
    "the the`x`",
    "caf\u00e9 the the",  # not ASCII
]
DATED = [
    "`x`4 June 2026",  # masked code right before the day
    "4 June\\\n2026",
    "<b>2026-06-04</b>",
    "[a](https://x.org)4/6/2026",
    "June\\\n4",
    "4\x0bJune",  # vertical tab: white space to the pattern
    "mardi 4 ao\u00fbt",  # not ASCII: French month name
]
RELATIVE = [
    "See you next\\\nweek.",  # no probe in the raw text, "next \nweek" once masked
    "Doors open\\\ntomorrow.",
    "next\x1cweek",
    "`x`tomorrow",
    "la\u017ft Monday",  # the long s folds to "s" in a case-blind pattern
    "next wee\u212a",  # so does the Kelvin sign to "k"
    "It opens in 3\\\ndays.",
]


@pytest.mark.parametrize("text", ANNOUNCING)
def test_announcing_edges(text: str) -> None:
    facts = word_facts(text, ANCHOR_WORDS)
    assert (facts is None) == (not text.isascii())
    assert facts is None or facts.anchored
    assert find_announcements(mask(text))


@pytest.mark.parametrize("text", REPEATING)
def test_repeating_edges(text: str) -> None:
    facts = word_facts(text, ANCHOR_WORDS)
    assert (facts is None) == (not text.isascii())
    assert facts is None or facts.doubled
    assert _REPEAT.search(mask(text))


@pytest.mark.parametrize("text", DATED)
def test_dated_edges(text: str) -> None:
    languages = tuple(LANGUAGES.values())
    assert may_hold_dates(text, languages)
    assert find_dates(mask(text), languages=languages)


@pytest.mark.parametrize("text", RELATIVE)
def test_relative_edges(text: str) -> None:
    assert may_hold_relative(text)
    assert find_relative(mask(text), ISSUES[0])


@pytest.mark.parametrize(
    "text",
    [
        "Ju`x`ne 4",  # a month name cut by code: no probe, nothing once masked
        "4 <!-- x --> June",  # a probe, but the comment keeps the day from the month
        "next<b>week</b>",
        "the <b>the</b>",  # the filler is no space: not a doubled word
        "join`x`us",
        "the_the",  # two words to the word facts, none doubled to the rule
        "[next week](https://x.org/tomorrow)",
        "next\\\\\nweek",  # an escaped backslash is no hard break
    ],
)
def test_near_misses_hide_nothing(text: str) -> None:
    assert not announcements_hidden(text)
    assert not repeats_hidden(text)
    assert dates_hidden(text) == []
    assert relative_hidden(text) == []


# -- the finders' own first looks ------------------------------------------------------------
# Each finder, and repeated-word for text that is not all ASCII, first looks for words its
# patterns cannot match without; their docstrings say so, and the checks above rely on it.


@PROPERTY
@given(text=texts)
def test_date_probes_let_through_every_date(text: str) -> None:
    """``_Patterns``: the probes "must succeed somewhere in a text for the patterns above to
    match in it"; ``find_dates`` also wants a digit."""
    for languages in LANGUAGE_TUPLES:
        patterns = dates._patterns(languages)
        if patterns.day_month.search(text) or patterns.month_day.search(text):
            assert patterns.month_probe.search(text)
            assert dates._DIGIT.search(text)
        if patterns.iso.search(text):
            assert patterns.iso_probe.search(text)
        if patterns.numeric.search(text):
            assert patterns.numeric_probe.search(text)


@PROPERTY
@given(text=texts)
def test_relative_probe_lets_through_every_relative_date(text: str) -> None:
    """``_relative_probe``: what lower-cased ASCII text must hold for ``_RELATIVE`` to match."""
    if text.isascii() and dates._relative_pattern().search(text):
        assert dates._relative_probe().search(text.lower())


@PROPERTY
@example(text="TON\u0130GHT")
@given(text=texts)
def test_relative_anchors_let_through_every_relative_date(text: str) -> None:
    """``_RELATIVE_ANCHORS``: "every relative expression contains one of these"."""
    if dates._relative_pattern().search(text):
        lower = fold(text)
        assert any(anchor in lower for anchor in dates._RELATIVE_ANCHORS)


@PROPERTY
@given(text=texts)
def test_announcement_probes_let_through_every_announcement(text: str) -> None:
    """``_probes``: words that "must stand in lower-cased ASCII text for one of the patterns
    above to match it"."""
    invitations, future_events = announcements._patterns()
    if text.isascii() and (invitations.search(text) or future_events.search(text)):
        assert any(probe.search(text.lower()) for probe in announcements._probes())


@PROPERTY
@example(text="Our next open\nday is coming soon.")
@given(text=texts)
def test_announcement_anchors_let_through_every_announcement(text: str) -> None:
    """``_ANCHORS``: "words without which no pattern above can match"."""
    invitations, future_events = announcements._patterns()
    if invitations.search(text) or future_events.search(text):
        lower = fold(text)
        assert any(anchor in lower for anchor in announcements._ANCHORS)


@PROPERTY
@example(text="Our next open\nday is coming soon.")
@example(text="JO\u0130N US")
@given(text=texts)
def test_announcing_words_let_through_every_announcement(text: str) -> None:
    """``may_announce``: every word of a phrase the patterns find stands in the text."""
    invitations, future_events = announcements._patterns()
    if invitations.search(text) or future_events.search(text):
        assert may_announce(text)


@pytest.mark.parametrize("text", ANNOUNCING)
def test_announcing_edges_have_every_word(text: str) -> None:
    assert may_announce(text)


@pytest.mark.parametrize(
    ("text", "maybe"),
    [
        ("The working group met in the meeting room.", False),  # an event noun, no more
        ("Join the queue at the desk.", False),  # "join" without "us"
        ("Our next meeting is for you.", True),
        ("Please join\nus.", True),
        ("Registration is now open for all.", True),
        ("The AGMs will be held in June.", True),
    ],
)
def test_may_announce_reads_whole_phrases(text: str, maybe: bool) -> None:
    assert may_announce(text) is maybe


def test_a_line_break_inside_open_day() -> None:
    """A line of a Markdown paragraph may end inside "open day"; the noun pattern allows it."""
    text = "Our next open\nday is coming soon, and everyone is welcome."
    assert word_facts(text, ANCHOR_WORDS) == word_facts(text.replace("\n", " "), ANCHOR_WORDS)
    assert find_announcements(mask(text))


def test_a_dotted_capital_i_in_a_doubled_word(tmp_path: Path) -> None:
    """Text that is not all ASCII is searched whole: lower-casing would split "\u0130stanbul"
    where the rule's case-blind pattern reads "\u0130stanbul istanbul" as one word twice."""
    text = "We walked around the old \u0130stanbul istanbul streets."
    assert _REPEAT.search(mask(text))
    (tmp_path / "issues").mkdir()
    draft = tmp_path / "issues" / "2026-06-01.toml"
    draft.write_text(
        f'title = "June"\ndate = 2026-06-01\nintro = """\n{text}\n"""\n', encoding="utf-8"
    )
    report = lint_paths([draft], load_workspace(tmp_path), select=["repeated-word"], archive=False)
    assert [f.rule for f in report.findings] == ["repeated-word"]


# -- the finders read any text ----------------------------------------------------------------


@PROPERTY
@given(text=texts)
def test_mask_and_find_announcements_read_any_text(text: str) -> None:
    masked = mask(text)
    assert len(masked) == len(text)
    find_announcements(masked)
    find_announcements(text)


@PROPERTY
@example(text="4 JU\u0130N 2026")
@given(text=texts)
def test_find_dates_reads_any_text(text: str) -> None:
    for languages in LANGUAGE_TUPLES:
        for order in ORDERS:
            find_dates(text, date_order=order, languages=languages)


@PROPERTY
@example(text="See you TON\u0130GHT, and again next week.")
@given(text=texts)
def test_find_relative_reads_any_text(text: str) -> None:
    for issue in ISSUES:
        find_relative(text, issue)
