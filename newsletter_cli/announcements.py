"""Does a sentence announce an event? Found with the word lists of ``lexicon``.

A paragraph announces an event when it invites the reader to something still
to come ("join us", "register", "will take place", "save the date"), or when
one sentence names an event ("workshop", "meeting", "deadline") together with
a word that puts it in the future ("will", "upcoming", "next"). Reports of
past events ("the workshop took place") do not announce anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsletter_cli.lexicon import ANNOUNCEMENTS, EVENT_NOUNS, FUTURE_MARKERS
from newsletter_cli.textspans import sentences


def _words(words: tuple[str, ...]) -> str:
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['\u2019]") for w in ordered)


_INVITATION = re.compile(rf"(?<![\w-])(?i:{_words(ANNOUNCEMENTS)})(?![\w-])")
_EVENT = re.compile(rf"(?<![\w-])(?i:{_words(EVENT_NOUNS)})s?(?![\w-])")
_FUTURE = re.compile(rf"(?<![\w-])(?i:{_words(FUTURE_MARKERS)})(?![\w-])")


@dataclass(frozen=True)
class Announcement:
    """Where a paragraph announces an event: the sentence and the words that show it."""

    sentence_start: int
    sentence_end: int
    #: Offset and text of the words that announce ("join us", or "workshop").
    start: int
    words: str


def announcements(text: str) -> list[Announcement]:
    """Every sentence of ``text`` (already masked) that announces an event."""
    if not (_INVITATION.search(text) or _EVENT.search(text)):
        return []
    found: list[Announcement] = []
    for start, end in sentences(text):
        sentence = text[start:end]
        invitation = _INVITATION.search(sentence)
        if invitation:
            found.append(Announcement(start, end, start + invitation.start(), invitation.group()))
            continue
        event = _EVENT.search(sentence)
        if event and _FUTURE.search(sentence):
            found.append(Announcement(start, end, start + event.start(), event.group()))
    return found
