"""The archive index: every paragraph of every other issue, findable without comparing pairs.

For each draft of the archive the index keeps, per paragraph, the digest of its
normalised text (exact copies) and a fixed sample of its word 3-gram hashes
(the ones that are 0 modulo ``MODULUS``, so that two copies of a paragraph
keep the same sample). Looking a paragraph up costs one dictionary access for
its digest and one per sampled 3-gram: the work grows with the size of the
issue being checked, not with the size of the archive.

Reading a draft and computing its entry is the expensive part, so entries are
cached under the workspace's ``.nl-cache/`` keyed by a hash of the file's
bytes: a re-run reads each file, hashes it and parses only what changed.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Any

from newsletter_cli import cachefile
from newsletter_cli.cachefile import typed
from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft
from newsletter_cli.errors import NewsletterError, display_path
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.normalize import Text, jaccard

#: One 3-gram in ``MODULUS`` is kept in an entry's sample.
MODULUS = 4
#: A sampled 3-gram found in more paragraphs than this is a common phrase, not evidence.
COMMON = 40
#: A text found in this many issues of the archive or more is the newsletter's standing text
#: (the greeting, a call repeated every week, the footer, a section's introduction).
STANDING_ISSUES = 3
CACHE_FILE = "archive-index-v1.json"
# 3-gram hashes are tuple hashes: the same in every process of one Python version
CACHE_VERSION = f"3/{MODULUS}/{sys.version_info[0]}.{sys.version_info[1]}/{sys.hash_info.width}"


@dataclass(frozen=True)
class Entry:
    """One paragraph of an archived issue."""

    digest: str
    words: int
    sample: tuple[int, ...]
    number: int
    line: int
    column: int


@dataclass(frozen=True)
class Issue:
    """One archived issue: where it is, when it appeared, its paragraphs."""

    path: Path
    date: date | None
    number: int | None
    paragraphs: tuple[Entry, ...]

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def precedes(self, other: Issue) -> bool:
        """Whether this issue came out before ``other`` (by date, then number, then file name)."""
        if self.date and other.date and self.date != other.date:
            return self.date < other.date
        if self.number is not None and other.number is not None and self.number != other.number:
            return self.number < other.number
        return self.path.name < other.path.name


@dataclass(frozen=True)
class Match:
    """An archived paragraph like the one looked up."""

    issue: Issue
    entry: Entry
    similarity: float


class ArchiveIndex:
    """Digests and sampled 3-grams of every paragraph of the archive.

    Identical paragraphs (by digest) share one text id, so a paragraph that
    recurs in a hundred issues costs one posting per sampled 3-gram, not a hundred.
    """

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self._by_path: dict[str, int] = {}
        self._text_of: dict[str, int] = {}  # digest -> text id
        self._samples: list[tuple[int, ...]] = []  # text id -> sampled 3-grams
        self._where: list[list[tuple[int, int]]] = []  # text id -> (issue, paragraph)
        self._postings: dict[int, list[int]] = defaultdict(list)  # 3-gram -> text ids
        # worked out on the first query, once the archive is complete:
        self._common: set[int] | None = None  # 3-grams found in more than COMMON texts
        self._rare: list[int] = []  # text id -> how many of its 3-grams are rare
        self._recurrence: dict[int, int] = {}  # text id -> in how many issues
        # for checking near copies against the full text: drafts already read, and a memo
        self.loaded: Mapping[str, tuple[str, DraftText]] = {}
        #: Archived paragraphs analysed to confirm a match, by their text (kept with the
        #: index, not in the run's ``TextFacts``: a context kept for `nl preview` would
        #: otherwise gather them there).
        self._analysed: dict[str, Text] = {}
        self._paragraphs: dict[str, dict[int, str]] = {}

    def add(self, issue: Issue) -> None:
        key = file_key(issue.path)
        if key in self._by_path:
            return
        number = len(self.issues)
        self.issues.append(issue)
        self._by_path[key] = number
        self._common = None
        self._recurrence.clear()
        text_of, samples, where, postings = (
            self._text_of,
            self._samples,
            self._where,
            self._postings,
        )
        for position, entry in enumerate(issue.paragraphs):
            text = text_of.get(entry.digest)
            if text is None:
                text = text_of[entry.digest] = len(samples)
                samples.append(entry.sample)
                where.append([])
                for shingle in entry.sample:
                    postings[shingle].append(text)
            where[text].append((number, position))

    def issue_of(self, path: Path | None) -> Issue | None:
        if path is None:
            return None
        number = self._by_path.get(file_key(path))
        return None if number is None else self.issues[number]

    def _settle(self) -> set[int]:
        if self._common is None:
            self._common = {s for s, texts in self._postings.items() if len(texts) > COMMON}
            common = self._common
            found = common.__contains__  # counted in C: map(found, ...) is `s in common`
            self._rare = [len(sample) - sum(map(found, sample)) for sample in self._samples]
        return self._common

    def _matches(self, text: int, similarity: float, limit: int) -> dict[int, Match]:
        """Up to ``limit`` issues a text id stands in: issue number -> its paragraph."""
        found: dict[int, Match] = {}
        for number, position in self._where[text]:
            if number not in found:
                issue = self.issues[number]
                found[number] = Match(issue, issue.paragraphs[position], similarity)
                if len(found) >= limit:
                    break
        return found

    def recurrence(self, digest: str) -> int:
        """In how many issues of the archive this exact text stands."""
        text = self._text_of.get(digest)
        if text is None:
            return 0
        count = self._recurrence.get(text)
        if count is None:
            count = self._recurrence[text] = len({number for number, _ in self._where[text]})
        return count

    def standing(self, digest: str, path: Path | None) -> bool:
        """Whether a paragraph of the draft at ``path`` is standing text: its exact text
        stands in ``STANDING_ISSUES`` issues or more, that draft included."""
        here = 0 if self.issue_of(path) is not None else 1
        return self.recurrence(digest) + here >= STANDING_ISSUES

    def exact(self, digest: str, limit: int = 1 << 30) -> list[Match]:
        """Archived paragraphs with the same normalised text, one per issue (at most ``limit``)."""
        text = self._text_of.get(digest)
        return [] if text is None else list(self._matches(text, 1.0, limit).values())

    def _paragraph(self, issue: Issue, entry: Entry) -> str | None:
        """The text of an archived paragraph, read from its draft (once per draft)."""
        key = file_key(issue.path)
        texts = self._paragraphs.get(key)
        if texts is None:
            known = self.loaded.get(key)
            draft = known[1].draft if known is not None else None
            if draft is None:
                try:
                    draft = storage.load(issue.path)
                except NewsletterError:
                    draft = None
            texts = {p.number: p.text for p in draft.split} if draft else {}
            self._paragraphs[key] = texts
        return texts.get(entry.number)

    def confirm(self, matches: Iterable[Match], text: Text, threshold: float) -> list[Match]:
        """The matches that stand up when measured on the full 3-gram sets of ``text`` and the
        archived paragraph; each with its exact similarity.

        The sample only finds candidates: two paragraphs can share every sampled 3-gram and
        few others, so only the same normalised text (its digest) is taken without measuring.
        """
        confirmed: list[Match] = []
        for match in matches:
            if match.entry.digest == text.digest:
                confirmed.append(Match(match.issue, match.entry, 1.0))
                continue
            archived = self._paragraph(match.issue, match.entry)
            if archived is None:
                continue
            other = self._analysed.get(archived)
            if other is None:
                other = self._analysed[archived] = Text(archived)
            similarity = jaccard(text.shingles, other.shingles)
            if similarity >= threshold:
                confirmed.append(Match(match.issue, match.entry, similarity))
        return confirmed

    def formulaic(self, sampled: tuple[int, ...]) -> bool:
        """Whether most of a paragraph's sampled 3-grams are common phrases of the archive
        (a "This week's newsletter includes our regular sections..." reworded every week)."""
        common = self._settle()
        shared = sum(map(common.__contains__, sampled))
        return len(sampled) >= 2 and shared * 2 >= len(sampled)

    def similar(
        self, sampled: tuple[int, ...], threshold: float, limit: int = 1 << 30
    ) -> list[Match]:
        """Archived paragraphs whose rare sampled 3-grams overlap at least ``threshold``
        (Jaccard), exact copies included, the best one per issue (at most ``limit`` issues)."""
        common = self._settle()
        rare = [s for s in sampled if s not in common]
        if len(rare) < 2:
            return []
        # counted in C, in the order the texts first appear (which decides ties below)
        postings = self._postings
        shared = Counter(chain.from_iterable(postings[s] for s in rare if s in postings))
        needed = threshold * len(rare)  # similarity <= common / len(rare)
        best: dict[int, Match] = {}
        for text, count in [item for item in shared.items() if item[1] >= needed]:
            similarity = count / (len(rare) + self._rare[text] - count)
            if similarity < threshold:
                continue
            for number, match in self._matches(text, similarity, limit).items():
                previous = best.get(number)
                if previous is None or similarity > previous.similarity:
                    best[number] = match
            if len(best) >= limit:
                break
        return list(best.values())

    def contained(self, shingles: frozenset[int], limit: int) -> list[Match]:
        """Candidates for a paragraph too short for its own sample to find anything, looked
        up by all of its 3-grams ``shingles``: archived paragraphs whose sampled 3-grams
        stand among them, those sharing the most and closest in length first, one per
        issue (at most ``limit`` issues). Their similarity is only a rank: confirm them."""
        common = self._settle()
        postings = self._postings
        rare = [s for s in shingles if s in postings and s not in common]
        shared = Counter(chain.from_iterable(postings[s] for s in rare))
        mine = len(shingles)
        # an archived text's sample holds about one 3-gram in MODULUS of it
        ranked = sorted(
            shared.items(),
            key=lambda item: (-item[1], abs(MODULUS * self._rare[item[0]] - mine)),
        )
        best: dict[int, Match] = {}
        for text, count in ranked:
            for number, match in self._matches(text, count / len(rare), limit).items():
                best.setdefault(number, match)
            if len(best) >= limit:
                break
        return list(best.values())


def entry_of(text: DraftText) -> tuple[Entry, ...]:
    """The index entries of a draft's paragraphs (headings and empty ones left out)."""
    entries: list[Entry] = []
    for paragraph in text.paragraphs:
        if paragraph.is_heading:
            continue
        normal = text.normal(paragraph.text)
        if not normal.normalized:
            continue
        entries.append(
            Entry(
                digest=normal.digest,
                words=normal.words,
                sample=normal.sample(MODULUS),
                number=paragraph.number,
                line=paragraph.location.line,
                column=paragraph.location.column,
            )
        )
    return tuple(entries)


def file_key(path: Path) -> str:
    """Which file a path names, cheaply: its absolute, normalised form (no system calls)."""
    return os.path.abspath(path)


def content_key(data: bytes) -> str:
    """The cache key of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def build(
    paths: Iterable[Path],
    cache_dir: Path | None,
    loaded: Mapping[str, tuple[str, DraftText]] | None = None,
    entries: Mapping[str, tuple[str, dict[str, Any]]] | None = None,
) -> ArchiveIndex:
    """Index the drafts at ``paths``. ``loaded`` maps file keys to (content key, analysis)
    of drafts already read (and analysed) by the caller, ``entries`` to (content key,
    ``index_entry``) already worked out.
    Unreadable or invalid drafts are left out: the archive is context, not the subject of
    the check."""
    loaded = loaded or {}
    entries = entries or {}
    cached = _read_cache(cache_dir)
    fresh: dict[str, Any] = {}
    rebuilt = False  # an entry missing or damaged in the cache: write it afresh
    index = ArchiveIndex()
    index.loaded = loaded
    for path in paths:
        ready = entries.get(file_key(path))
        if ready is not None:
            done = _from_json(path, ready[1])
            if done is not None:
                rebuilt = rebuilt or ready[0] not in cached
                fresh[ready[0]] = ready[1]
                index.add(done)
                continue
        known = loaded.get(file_key(path))
        draft: Draft | None = None
        data = b""
        if known is not None:
            key, analysed = known
            draft = analysed.draft
        else:
            analysed = None
            from newsletter_cli.draft.readfile import UnreadableFile, read_regular
            from newsletter_cli.draft.tomlsource import MAX_BYTES

            try:
                data = read_regular(path, MAX_BYTES, what="draft")
            except UnreadableFile:
                continue
            key = content_key(data)
        issue = _from_json(path, cached[key]) if key in cached else None
        if issue is None:
            if draft is None:
                try:  # the bytes the key was taken from, not the file read again
                    draft = storage.from_bytes(data, path)
                except NewsletterError:
                    continue
            paragraphs = entry_of(analysed or DraftText(draft))
            raw: dict[str, Any] = _to_json(draft, paragraphs)
            issue = Issue(path, draft.date, draft.number, paragraphs)  # what _from_json(raw) is
            rebuilt = True
        else:
            raw = cached[key]
        fresh[key] = raw
        index.add(issue)
    if cache_dir is not None and (rebuilt or fresh.keys() != cached.keys()):
        _write_cache(cache_dir, fresh)
    return index


def index_entry(text: DraftText) -> dict[str, Any]:
    """What the index (and its cache) keeps of a draft, as plain data."""
    return _to_json(text.draft, entry_of(text))


def _to_json(draft: Draft, entries: tuple[Entry, ...]) -> dict[str, Any]:
    return {
        "date": draft.date.isoformat() if draft.date else None,
        "number": draft.number,
        "paragraphs": [
            # tuples: written as JSON arrays, as lists would be, without copying
            (e.digest, e.words, e.sample, e.number, e.line, e.column)
            for e in entries
        ],
    }


def _from_json(path: Path, raw: Any) -> Issue | None:
    """An issue from its cached entry, or None when the entry is damaged in any way."""
    try:
        when, number = raw["date"], raw["number"]
        return Issue(
            path=path,
            date=date.fromisoformat(typed(when, str)) if when is not None else None,
            number=typed(number, int) if number is not None else None,
            paragraphs=tuple(_entry(item) for item in typed(raw["paragraphs"], list)),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _entry(raw: Any) -> Entry:
    digest, words, sampled, number, line, column = typed(raw, list, tuple)
    return Entry(
        typed(digest, str),
        typed(words, int),
        tuple(typed(s, int) for s in typed(sampled, list, tuple)),
        typed(number, int),
        typed(line, int),
        typed(column, int),
    )


def _read_cache(cache_dir: Path | None) -> dict[str, Any]:
    if cache_dir is None:
        return {}
    return cachefile.read_entries(cache_dir / CACHE_FILE, CACHE_VERSION)


def _write_cache(cache_dir: Path, entries: Mapping[str, Any]) -> None:
    cachefile.write_entries(cache_dir / CACHE_FILE, CACHE_VERSION, entries)
