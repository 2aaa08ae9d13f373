"""The words of a paragraph's raw text, split once, to tell the rules where not to look.

Most paragraphs hold no doubled word and announce no event; proving that costs one pass
over the paragraph in C (``str.encode``, ``bytes.translate``, ``bytes.split``) instead of a
case-blind regular expression per rule over its masked text. The proof holds for the
masked text too: masking (``textspans.mask``) only blanks code, link targets, addresses and
HTML, and the raw character just outside each blanked stretch is not a letter or a digit (a
space, a bracket, a parenthesis, the start or end of a line), so every word a rule can find
in the masked text is a word here as well.

Only ASCII text is split this way (``None`` otherwise): case folding and what counts as a
letter are then the same for ``bytes`` as for the rules' patterns.
"""

from __future__ import annotations

import operator
import string
from dataclasses import dataclass


def _fold_table() -> bytes:
    """For ``bytes.translate``: letters lower-cased, digits kept, every other byte a space."""
    table = bytearray(b" " * 256)
    for char in string.ascii_letters + string.digits:
        table[ord(char)] = ord(char.lower())
    return bytes(table)


_FOLD = _fold_table()


#: The characters that Python's case-blind patterns read as an ASCII letter and ``str.lower``
#: does not turn into it: the dotted capital I (which it even makes two characters), the
#: dotless i, the long s and the Kelvin sign.
_AS_PATTERNS_READ = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` lower-cased as a case-blind pattern reads it, one character for one: a word
    it matches ("TON\u0130GHT" for "tonight") is then found in it, and looked up by it."""
    if text.isascii():
        return text.lower()
    return text.translate(_AS_PATTERNS_READ).lower()


def ascii_words(text: str) -> list[bytes] | None:
    """The runs of ASCII letters and digits of ``text``, lower case; None if not all ASCII."""
    if not text.isascii():
        return None
    return text.encode("ascii").translate(_FOLD).split()


@dataclass(frozen=True, slots=True)
class WordFacts:
    """What the words of one paragraph's raw text show, worked out in one pass."""

    #: Two equal words in a row ("the the"), in any case.
    doubled: bool
    #: Whether a word of ``anchors`` stands among them.
    anchored: bool


def word_facts(text: str, anchors: frozenset[bytes]) -> WordFacts | None:
    """``WordFacts`` of ``text`` (None if it is not all ASCII: the rules then look closer)."""
    words = ascii_words(text)
    if words is None:
        return None
    return WordFacts(
        doubled=any(map(operator.eq, words, words[1:])),
        anchored=not anchors.isdisjoint(words),
    )
