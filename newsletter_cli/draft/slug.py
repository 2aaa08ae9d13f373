"""File names for new drafts: readable in any script, safe on any file system.

A slug keeps letters and digits of every script (a Thai, Arabic or Cyrillic
title gives a readable name), drops the accents of Latin letters (``Café`` ->
``cafe``) and turns everything else into single hyphens. It can never contain
a path separator, a dot or ``..``, so it can never leave the folder it is put
in; a name that is already taken gets a numeric suffix instead of an overwrite.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

#: Bytes, not characters: file systems count UTF-8 bytes (255 at most on most).
MAX_SLUG_BYTES = 120
FALLBACK = "issue"
# Names Windows refuses whatever the extension (a draft may travel in a shared folder).
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def slugify(text: str, max_bytes: int = MAX_SLUG_BYTES) -> str:
    """A lower-case, hyphen-separated name made of the letters and digits of ``text``."""
    kept: list[str] = []
    for char in _strip_latin_accents(unicodedata.normalize("NFKC", text)):
        category = unicodedata.category(char)
        if category[0] in "LN" or (category[0] == "M" and kept and kept[-1] != "-"):
            kept.append(char.lower())
        elif kept and kept[-1] != "-":
            kept.append("-")
    slug = unicodedata.normalize("NFC", "".join(kept).strip("-"))
    slug = _truncate(slug, max_bytes)
    if not slug or slug in _RESERVED:
        return FALLBACK if not slug else f"{slug}-{FALLBACK}"
    return slug


def _strip_latin_accents(text: str) -> str:
    """``é`` -> ``e``, but keep the marks other scripts need (Thai vowels, Arabic harakat)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and out and out[-1].isascii():
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def _truncate(slug: str, max_bytes: int) -> str:
    if len(slug.encode("utf-8")) <= max_bytes:
        return slug
    words = slug.split("-")
    kept: list[str] = []
    for word in words:
        candidate = "-".join([*kept, word])
        if len(candidate.encode("utf-8")) > max_bytes:
            break
        kept.append(word)
    if kept:
        return "-".join(kept)
    # one very long word: cut it, but never between a letter and its marks
    word = words[0]
    cut = len(word)
    while cut and len(word[:cut].encode("utf-8")) > max_bytes:
        cut -= 1
    while 0 < cut < len(word) and unicodedata.category(word[cut]).startswith("M"):
        cut -= 1
    return word[:cut]


def draft_name(issue_date: date | None, title: str) -> str:
    """``2026-06-01-june-news`` for a draft dated 1 June 2026 titled “June news”."""
    slug = slugify(title)
    return f"{issue_date.isoformat()}-{slug}" if issue_date else slug


def candidate_paths(folder: Path, stem: str, suffix: str = ".toml") -> Iterator[Path]:
    """``folder/stem.toml``, then ``stem-2.toml``, ``stem-3.toml``... without end."""
    yield folder / f"{stem}{suffix}"
    for number in itertools.count(2):
        yield folder / f"{stem}-{number}{suffix}"


def free_path(folder: Path, stem: str, suffix: str = ".toml", taken: Path | None = None) -> Path:
    """The first of ``candidate_paths`` that does not exist yet.

    ``taken`` is a file that counts as free (the draft being renamed itself). Only a hint: to
    create a file under a free name, ``atomic.create_new`` claims it without a race.
    """
    for candidate in candidate_paths(folder, stem, suffix):
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        if taken is not None and candidate.resolve() == taken.resolve():
            return candidate
    raise AssertionError("unreachable: candidate_paths never ends")
