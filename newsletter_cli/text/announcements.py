"""Does a sentence announce an event? Found with the word lists of ``lexicon``.

A sentence announces an event when it invites the reader to something still
to come ("join us", "register now", "will take place", "save the date"), or
when it names an event bound to a word that puts it in the future ("the
upcoming workshop", "our next meeting", "the assembly will be held"); an
event noun after "next", "upcoming", "future" only in a sentence that speaks
of the newsletter's own event or to its readers ("our", "we", "you",
"welcome", "open to", "everyone"): "the next meeting is proposed to look at
..." in a digest tells of others' plans. Reports
of past events ("the workshop took place") and technical uses of the same
words ("plugins register hooks", "a third party will") announce nothing.

Nor do words the newsletter quotes or cites rather than says: text in
quotation marks (a joke, a line from a letter), ``>`` block quotes, and list
items that are only a link, whose text is the title of someone else's page
("* [The next conference is in...](...)"). "Join us in thanking, welcoming,
congratulating ..." asks the reader to share a feeling, not to come anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsletter_cli.text.lexicon import EVENT_NOUNS, FUTURE_AFTER, FUTURE_BEFORE, INVITATIONS
from newsletter_cli.text.textspans import sentences
from newsletter_cli.text.words import ascii_words, fold

#: What the newsletter quotes or cites (see above): blanked before looking for announcements.
_QUOTED = re.compile(
    r'"[^"]*"'  # "straight quotes", across lines of one paragraph too
    r"|\u201c[^\u201c\u201d]*\u201d"  # “curly quotes”
    r"|^[ \t]*>.*$"  # a block quote line
    r"|^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\[[^\]\n]*\][^\S\n]*+(?:\S++[ \t]*+)?$",  # a link item
    re.MULTILINE,
)
#: An event noun after "next", "upcoming" announces only where the newsletter speaks of
#: its own event or to its readers ("our next meeting", "you are welcome"); a digest
#: reporting that "the next meeting is proposed to look at ..." tells of others' plans.
_ADDRESSED = re.compile(
    r"(?i)\b(?:our|we|us|you|your|welcome|open\s+to|everyone|everybody|anyone|all\s+members)\b"
)
#: After "join us": sharing a feeling, not coming to an event ("join us in thanking ...").
_NOT_COMING = re.compile(
    r"\s+in\s+(?:thanking|welcoming|congratulating|wishing|remembering|mourning)\b", re.I
)


def _words(words: tuple[str, ...]) -> str:
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(
        re.escape(w.strip()).replace(r"\ ", r"\s+").replace("'", "['\u2019]") for w in ordered
    )


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(invitation, future event), compiled on first use."""
    noun = rf"(?i:{_words(EVENT_NOUNS)})s?"
    invitation = re.compile(rf"(?<![\w-])(?i:{_words(INVITATIONS)})(?![\w-])")
    future_event = re.compile(
        rf"(?<![\w-])(?i:{_words(FUTURE_BEFORE)})\s+(?:[\w-]+\s+){{0,2}}?(?P<a>{noun})(?![\w-])"
        rf"|(?<![\w-])(?P<b>{noun})\s+(?i:{_words(FUTURE_AFTER)})(?![\w-])"
    )
    return invitation, future_event


@lru_cache(maxsize=1)
def _probes() -> tuple[re.Pattern[str], ...]:
    """Lower-case words that must stand in lower-cased ASCII text for one of the patterns
    above to match it: an invitation, a word before a future event, or one after it.

    Case-sensitive searches for plain words run several times faster than the case-blind
    patterns, and most paragraphs that hold an anchor word hold none of these.
    """

    def lower(words: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(_words(tuple(w.lower() for w in words)))

    return lower(INVITATIONS), lower(FUTURE_BEFORE), lower(FUTURE_AFTER)


#: A word as ``text.words`` splits text: a run of letters and digits.
_WORD = re.compile(r"[^\W_]+")


def _anchor(phrase: str) -> str:
    """The longest word of a phrase (the last of equals), split and folded as ``text.words``
    splits and folds a text: wherever a pattern finds the phrase, this word stands, as a
    word of its own ("meet-up" is "meet" and "up"; "open\nday" is "open day" too), perhaps
    with a plural's "s" ("meetings")."""
    words: list[str] = _WORD.findall(fold(phrase))
    return max(reversed(words), key=len)


#: One word of each invitation and event noun: a text holding none of them, not even inside
#: another word, announces nothing.
_ANCHORS = tuple(sorted({_anchor(phrase) for phrase in (*INVITATIONS, *EVENT_NOUNS)}))

#: The same words, and their plurals, as ``text.words.ascii_words`` splits ASCII text: the
#: analysis checks them once per paragraph, before masking it.
ANCHOR_WORDS = frozenset(
    form for word in _ANCHORS if word.isascii() for form in (word.encode(), f"{word}s".encode())
)


def _all_words(phrase: str) -> frozenset[bytes]:
    """Every word of a phrase, split and folded as ``text.words`` splits and folds a text:
    wherever a pattern finds the phrase, each of them stands there as a word of its own."""
    return frozenset(w.encode() for w in _WORD.findall(fold(phrase)))


#: The words of each invitation ("join us": "join" and "us"), each before or after an event
#: noun ("will be held"), and the anchor words of the nouns with their plurals.
_INVITING = tuple({_all_words(phrase) for phrase in INVITATIONS})
_FUTURE = tuple({_all_words(phrase) for phrase in (*FUTURE_BEFORE, *FUTURE_AFTER)})
_NOUN_WORDS = frozenset(
    form.encode() for word in {_anchor(noun) for noun in EVENT_NOUNS} for form in (word, f"{word}s")
)


def may_announce(text: str) -> bool:
    """False only where ``find_announcements`` finds nothing in ``text`` nor in its masked
    form: an invitation needs all of its words, a future event an event noun and all the
    words of a phrase before or after it. A closer look than ``ANCHOR_WORDS``, for the
    paragraphs that hold one (a digest speaks of meetings all the time).

    The words are split as ``text.words`` splits them: runs of letters and digits, folded
    as the patterns read them, so that each word of a phrase they find is a word here.
    """
    words = ascii_words(text)
    present = set(words) if words is not None else set(map(str.encode, _WORD.findall(fold(text))))
    if any(map(present.issuperset, _INVITING)):
        return True
    return not present.isdisjoint(_NOUN_WORDS) and any(map(present.issuperset, _FUTURE))


@dataclass(frozen=True)
class Announcement:
    """Where a paragraph announces an event: the sentence and the words that show it."""

    sentence_start: int
    sentence_end: int
    #: Offset and text of the words that announce ("join us", or "workshop").
    start: int
    words: str
    #: True for an invitation ("join us", "register now"), False for a future event noun.
    invitation: bool


def find_announcements(text: str) -> tuple[Announcement, ...]:
    """Every sentence of ``text`` (already masked) that announces an event.

    The lint rules ask ``text.analysis.DraftText.announcements``, which keeps the answer for
    the other rules that ask about the same paragraph."""
    lower = fold(text)
    if not any(map(lower.__contains__, _ANCHORS)):  # `anchor in lower`, looped in C
        return ()
    if text.isascii() and not any(probe.search(lower) for probe in _probes()):
        return ()
    invitations, future_events = _patterns()
    if not (invitations.search(text) or future_events.search(text)):
        return ()
    text = _QUOTED.sub(_blank, text)
    found: list[Announcement] = []
    for start, end in sentences(text):
        sentence = text[start:end]
        invitation = next(
            (i for i in invitations.finditer(sentence) if not _NOT_COMING.match(sentence, i.end())),
            None,
        )
        if invitation:
            words = invitation.group().strip(" ,")
            found.append(Announcement(start, end, start + invitation.start(), words, True))
            continue
        event = future_events.search(sentence)
        if event and (event.group("b") or _ADDRESSED.search(sentence)):
            group = "a" if event.group("a") else "b"
            at = start + event.start(group)
            found.append(Announcement(start, end, at, event.group(group), False))
    return tuple(found)


def _blank(quoted: re.Match[str]) -> str:
    """Spaces for a quoted span, line breaks kept, so that offsets in the text still hold."""
    return re.sub(r"[^\n]", " ", quoted.group())
