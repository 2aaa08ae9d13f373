"""Every word list of `nl`, per language, in one place.

To teach ``nl lint`` another language, add a ``Language`` to ``LANGUAGES``:
its month and weekday names (full names and the abbreviations people write
before a day number), the small words that may stand between a day and a month
("4 de junio"), and ordinal suffixes ("1er"). The date finder in
``newsletter_cli.text.dates`` builds its patterns from these lists. The month and
weekday names as the outputs print them ("26 septembre 2026") are in
``CALENDAR_NAMES``, for more languages than the date finder reads; its full names
come from there.

Relative expressions ("next week"), number words and the words that announce
an event are English only for now; they live here too, so that a translation
is a change to this file alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, eq=False)
class Language:
    """The calendar words of one language (compared and hashed by identity)."""

    code: str
    #: Month name or abbreviation -> month number (1-12).
    months: Mapping[str, int]
    #: Weekday name or abbreviation -> weekday number (Monday 0 ... Sunday 6).
    weekdays: Mapping[str, int]
    #: English capitalises month and weekday names; requiring the capital keeps
    #: "may" the verb and "sat" the verb out. Languages that write them in lower
    #: case match any case.
    capitalised: bool
    #: Ordinal suffixes written after a day number ("4th", "1er").
    ordinals: tuple[str, ...] = ()
    #: Words that may stand between day and month, or month and year ("4 de junio de 2019").
    joiners: tuple[str, ...] = ()
    #: Words that may stand before a day number after a weekday or month ("Tuesday the 4th").
    articles: tuple[str, ...] = ()
    #: Words that join the two ends of a range ("4 to 6 June", "du 4 au 6 juin").
    range_words: tuple[str, ...] = field(default=())
    #: Words that join two days of one month that are not a range ("Friday 5 and Saturday 6 June").
    pair_words: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class CalendarNames:
    """The month and weekday names of one language as a date is written out in full."""

    #: January first.
    months: tuple[str, ...]
    #: Monday first.
    weekdays: tuple[str, ...]


#: Per language (the base of a BCP 47 tag): the names the outputs print ("26 septembre 2026")
#: and the full names the date finder reads in the languages it knows (``LANGUAGES``).
CALENDAR_NAMES: Mapping[str, CalendarNames] = {
    "en": CalendarNames(
        ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"),
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    ),
    "de": CalendarNames(
        ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
         "September", "Oktober", "November", "Dezember"),
        ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    ),
    "fr": CalendarNames(
        ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
         "septembre", "octobre", "novembre", "décembre"),
        ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    ),
    "es": CalendarNames(
        ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "septiembre", "octubre", "noviembre", "diciembre"),
        ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    ),
    "nl": CalendarNames(
        ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
         "september", "oktober", "november", "december"),
        ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    ),
    "pt": CalendarNames(
        ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
         "setembro", "outubro", "novembro", "dezembro"),
        ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
         "sábado", "domingo"),
    ),
}  # fmt: skip


def _numbered(names: tuple[str, ...], first: int) -> dict[str, int]:
    """Name -> number, counting from ``first`` (months from 1, weekdays from Monday 0)."""
    return {name: number for number, name in enumerate(names, start=first)}


ENGLISH = Language(
    code="en",
    months={
        **_numbered(CALENDAR_NAMES["en"].months, 1),
        "Jan": 1,
        "Feb": 2,
        "Mar": 3,
        "Apr": 4,
        "Jun": 6,
        "Jul": 7,
        "Aug": 8,
        "Sep": 9,
        "Sept": 9,
        "Oct": 10,
        "Nov": 11,
        "Dec": 12,
    },
    weekdays={
        **_numbered(CALENDAR_NAMES["en"].weekdays, 0),
        "Mon": 0,
        "Tue": 1,
        "Tues": 1,
        "Wed": 2,
        "Thu": 3,
        "Thur": 3,
        "Thurs": 3,
        "Fri": 4,
        "Sat": 5,
        "Sun": 6,
    },
    capitalised=True,
    ordinals=("st", "nd", "rd", "th"),
    joiners=("of",),
    articles=("the",),
    range_words=("to", "until", "till", "through"),
    pair_words=("and", "&"),
)

FRENCH = Language(
    code="fr",
    months={
        **_numbered(CALENDAR_NAMES["fr"].months, 1),
        "fevrier": 2,
        "aout": 8,
        "decembre": 12,
        "janv": 1,
        "févr": 2,
        "fevr": 2,
        "avr": 4,
        "juil": 7,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "déc": 12,
        "dec": 12,
    },
    weekdays=_numbered(CALENDAR_NAMES["fr"].weekdays, 0),
    capitalised=False,
    ordinals=("er", "e"),
    articles=("le",),
    range_words=("au",),
    pair_words=("et",),
)

SPANISH = Language(
    code="es",
    months={**_numbered(CALENDAR_NAMES["es"].months, 1), "setiembre": 9},
    weekdays={**_numbered(CALENDAR_NAMES["es"].weekdays, 0), "miercoles": 2, "sabado": 5},
    capitalised=False,
    ordinals=("º", "°", "o"),
    joiners=("de",),
    articles=("el",),
    range_words=("al", "a", "hasta"),
    pair_words=("y",),
)

#: English names used in messages ("Tuesday 4 June 2019"), by number.
MONTH_NAMES: tuple[str, ...] = ("", *CALENDAR_NAMES["en"].months)
WEEKDAY_NAMES: tuple[str, ...] = CALENDAR_NAMES["en"].weekdays

LANGUAGES: Mapping[str, Language] = {lang.code: lang for lang in (ENGLISH, FRENCH, SPANISH)}


def languages_for(tag: str | None) -> tuple[Language, ...]:
    """English plus the language of a BCP 47 tag (``fr-CA`` -> French), when we know it."""
    primary = (tag or "en").split("-")[0].lower()
    extra = LANGUAGES.get(primary)
    return (ENGLISH,) if extra is None or extra is ENGLISH else (ENGLISH, extra)


# -- relative expressions (English) ------------------------------------------------

#: Number words accepted in "in two days", "three weeks ago".
NUMBER_WORDS: Mapping[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
}

#: Vague amounts: still relative, but no date can be computed from them.
VAGUE_NUMBERS: tuple[str, ...] = ("a few", "several", "some")

#: Single words that name a day relative to the issue date, with its offset in days.
RELATIVE_DAYS: Mapping[str, int] = {
    "the day after tomorrow": 2,
    "the day before yesterday": -2,
    "tomorrow": 1,
    "yesterday": -1,
}


# -- announcing an event (English) ----------------------------------------------------
# fmt: off

#: Phrases that invite the reader to something still to come. A sentence with
#: one of these announces an event. ("register" alone is not one: plugins
#: register hooks; "register now" or "register by" is.)
INVITATIONS: tuple[str, ...] = (
    "join us", "come and join us", "please join us",
    "register now", "register here", "register online", "register today", "register by",
    "register before", "please register", "to register, ", "register for the", "register for our",
    "register at", "register via", "register on our website", "register on the website",
    "registration is open", "registration is now open", "registration opens",
    "registration closes", "registrations close",
    "save the date", "rsvp",
    "will take place", "will be held",
    "you are invited", "you are warmly invited", "we invite you", "we warmly invite you",
    "come along", "book your place", "book your seat", "book your ticket",
    "don't miss", "do not miss",
)

#: Nouns naming an event. Bound to a word that puts them in the future ("the
#: upcoming workshop", "our next meeting", "the meeting will be held") they
#: announce an event too.
EVENT_NOUNS: tuple[str, ...] = (
    "webinar", "workshop", "meeting", "conference", "summit", "seminar", "meetup",
    "meet-up", "hackathon", "deadline", "assembly", "agm", "symposium", "festival",
    "celebration", "vigil", "exhibition", "concert", "screening", "open day", "rally",
    "clean-up", "cleanup", "lecture", "retreat", "gathering", "picnic", "fundraiser", "gala",
)
# Left out on purpose, because in real text they are mostly something else:
# "course" (of course), "party" (third party), "talk" (we will talk about),
# "session" (a login session), "fair" (the adjective), "event" (in the event that),
# "training" (training a model), "march" (the verb).

#: Words before an event noun that put it in the future: "the upcoming workshop".
FUTURE_BEFORE: tuple[str, ...] = ("upcoming", "forthcoming", "next")

#: Words after an event noun that put it in the future: "the meeting will be held".
FUTURE_AFTER: tuple[str, ...] = (
    "will be held", "will take place", "will start", "will begin", "will run", "will open",
    "will be on", "is scheduled for", "is planned for", "is set for", "takes place",
    "starts on", "begins on", "opens on", "is on",
)

# fmt: on

# -- repeated words ----------------------------------------------------------------------

#: Words that English allows twice in a row ("had had", "that that").
# fmt: off
ALLOWED_REPEATS: frozenset[str] = frozenset({
    "had", "that", "bye", "ha", "haha", "no", "so", "yada", "bla", "blah", "tut", "knock",
    "chop", "pom", "hush", "dum", "la", "boo", "can", "do",
    # French reflexives: "nous nous sommes vus", "vous vous inscrivez"
    "nous", "vous",
})
# fmt: on

#: Small words no sentence ends on: a paragraph ending on one was cut off mid-way
#: ("... from all of us at the"), and TBD or TBC after one stands where a value should be
#: ("takes place on TBD"). Used by truncated-paragraph and placeholder-text.
DANGLING_WORDS: frozenset[str] = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "to",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "with",
        "for",
        "from",
        "at",
        "in",
        "on",
        "by",
        "as",
        "than",
        "our",
        "your",
        "their",
        "its",
        "his",
        "her",
        "my",
        "this",
        "these",
        "those",
        "into",
        "onto",
        "upon",
        "about",
        "between",
        "including",
        "such",
        "if",
        "because",
        "while",
        "when",
        "where",
        "whether",
        "although",
        "though",
        "so",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "may",
        "might",
        "has",
        "have",
        "had",
        "not",
        "via",
        "until",
        "till",
    }
)

#: An editor's note left in the text (TODO, TBD, ...), as a regular expression: placeholder-text
#: reports it, and truncated-paragraph stays quiet where it ends a paragraph.
EDITOR_NOTE = r"(?<![\w-])(?:TODO|TBD|TBC|FIXME|XXX+)(?![\w-])"
