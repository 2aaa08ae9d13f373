"""Paragraph text reduced to what a reader sees, for comparing paragraphs with each other.

Two copies of a paragraph often differ in ways nobody notices: a curly quote
for a straight one, an extra space, a word in bold, a full stop, a link moved
to another address. ``normalize`` removes all of that: Unicode NFKC, case
folding, Markdown link targets and emphasis, punctuation and symbols, runs of
white space. What is left is the words, in order.

``shingles`` turns normalised text into the set of its word 3-grams, hashed
to stable integers (the same on every run and machine, so that the archive
index can be cached on disk). Two paragraphs' Jaccard similarity is the share
of 3-grams they have in common.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterable

from newsletter_cli.text.textspans import LINK_DEFINITION, TEMPLATE_TAG_OR_COMMENT
from newsletter_cli.text.words import ascii_words

#: How many words make a shingle.
SHINGLE_WORDS = 3

# [text](target "title") and ![alt](src): keep the text, drop the target.
_INLINE_LINK = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\s*\)")
# [text][label] reference links: drop the label.
_REFERENCE_LINK = re.compile(r"\]\[[^\]]*\]")
# <!-- comments --> are never shown.
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
# A raw HTML block (a table row, a styled box): markup, repeated on purpose.
_MARKUP = re.compile(r"^\s*(?:<(?:[A-Za-z][A-Za-z0-9-]*|/[A-Za-z]|!--)|@media\b)")
# <https://...> autolinks and bare addresses stay as words, HTML tags do not.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_LINK_ONLY = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:!?\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])|<[^>\s]+>|https?://\S+)\s*$"
)


class _Blanks(dict[int, int | None]):
    """``str.translate`` table: punctuation and symbols become spaces once per character."""

    def __missing__(self, code: int) -> int | None:
        category = unicodedata.category(chr(code))
        value: int | None = 32 if category[0] in "PSZC" else code
        self[code] = value
        return value


_TABLE = _Blanks()


def normalize(text: str) -> str:
    """The words of ``text``, lower case, separated by single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if "]:" in text:
        text = LINK_DEFINITION.sub(" ", text)
    if "{" in text:
        # {% ... %}, {{ ... }} and {# ... #}: template tags of site generators, not text
        text = TEMPLATE_TAG_OR_COMMENT.sub(" ", text)
    if "](" in text:
        text = _INLINE_LINK.sub("]", text)
    if "][" in text:
        text = _REFERENCE_LINK.sub("]", text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", _HTML_COMMENT.sub(" ", text))
    words = ascii_words(text)
    if words is not None:  # ASCII: the same words, split and lower-cased in C
        return b" ".join(words).decode("ascii")
    return " ".join(text.casefold().translate(_TABLE).split())


def word_count(normalized: str) -> int:
    """Words of normalised text; in scripts written without spaces, five letters count as a word."""
    if not normalized:
        return 0
    words = normalized.count(" ") + 1
    if normalized.isascii():
        return words
    return max(words, (len(normalized) - words + 1) // 5)


def is_link_only(text: str) -> bool:
    """A paragraph that is nothing but one link or image (``[Read more](...)``)."""
    return "\n" not in text.strip() and bool(_LINK_ONLY.match(text))


def is_markup(text: str) -> bool:
    """A paragraph that is raw HTML or CSS (starts with a tag, a comment or ``@media``)."""
    return bool(_MARKUP.match(text))


def fingerprint(normalized: str) -> str:
    """A short stable digest of normalised text: equal digests mean equal text."""
    return hashlib.blake2b(normalized.encode("utf-8"), digest_size=12).hexdigest()


class _WordIds(dict[str, int]):
    """Word -> a stable number (CRC-32 of its UTF-8), computed once per word and run."""

    def __missing__(self, word: str) -> int:
        value = zlib.crc32(word.encode("utf-8"))
        if len(self) < 1_000_000:
            self[word] = value
        return value


_WORD_IDS = _WordIds()


def shingles(normalized: str) -> frozenset[int]:
    """Stable hashes of the word 3-grams of normalised text (one shingle if shorter).

    A 3-gram is hashed as the tuple of its three word numbers: tuples of small
    integers hash the same in every process (unlike strings), and the work stays in C.
    """
    ids = list(map(_WORD_IDS.__getitem__, normalized.split()))
    if len(ids) < SHINGLE_WORDS:
        return frozenset((hash(tuple(ids)),)) if ids else frozenset()
    return frozenset(map(hash, zip(ids, ids[1:], ids[2:], strict=False)))


def jaccard(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    """Share of shingles two paragraphs have in common (0 to 1)."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def sample(shingles: Iterable[int], modulus: int) -> list[int]:
    """A fixed sample of about one shingle in ``modulus``: those whose hash falls in the lowest
    ``1/modulus`` of the hash range. Every copy of a text keeps the same shingles, so the
    sample of what two texts share is what their samples share."""
    return sorted(filter((_HASH_LOW + _HASH_SPAN // modulus).__gt__, shingles))


_HASH_LOW = -(2 ** (sys.hash_info.width - 1))
_HASH_SPAN = 2**sys.hash_info.width


class Text:
    """One paragraph's words, normalised and hashed, for comparing paragraphs with each other
    (``text.analysis.DraftText.normal`` makes one per paragraph text of a draft)."""

    __slots__ = ("_sample", "_shingles", "digest", "normalized", "words")

    def __init__(self, text: str) -> None:
        self.normalized = normalize(text)
        self.words = word_count(self.normalized)
        self.digest = fingerprint(self.normalized)
        self._shingles: frozenset[int] | None = None
        self._sample: tuple[int, tuple[int, ...]] | None = None

    @property
    def shingles(self) -> frozenset[int]:
        if self._shingles is None:
            self._shingles = shingles(self.normalized)
        return self._shingles

    def sample(self, modulus: int) -> tuple[int, ...]:
        """``sample(self.shingles, modulus)``, worked out once (the index and a rule ask)."""
        if self._sample is None or self._sample[0] != modulus:
            self._sample = (modulus, tuple(sample(self.shingles, modulus)))
        return self._sample[1]
