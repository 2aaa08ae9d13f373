"""Cache files under ``.nl-cache/``: versioned, checksummed JSON, read with suspicion.

A cache only ever saves time, so any doubt about one costs only the time to rebuild it: a
missing, unreadable or damaged cache, one of another version, or one whose checksum does not
match its content is treated as empty, and one that cannot be written is skipped. The checksum
catches bit rot and hand edits (a changed finding, a changed index entry) that would otherwise
be trusted and change what `nl` reports; readers still check the type of every field they use.

``read``/``write`` checksum a cache's whole content (``read_unchecked`` reads a versioned file
written by other means). ``read_entries``/``write_entries`` keep a checksum per entry, so that
one damaged entry costs only its own rebuild. Writes are atomic
(never a torn file) but not fsync'ed: losing a cache to a power cut only means rebuilding it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsletter_cli.atomic import write_atomic
from newsletter_cli.errors import NewsletterError

#: A cache file larger than this is not read (rebuilt instead): a cache never needs that much.
MAX_BYTES = 512 * 1024 * 1024


def checksum(value: Any) -> str | None:
    """A digest of a JSON value, the same before writing and after reading it back; None if
    it cannot be computed (a value nested too deeply, or not JSON)."""
    try:
        canonical = json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        return None
    return hashlib.blake2b(canonical.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _load(path: Path, version: object) -> dict[str, Any]:
    """The file's top-level object if it is of ``version``; an empty dict on any doubt."""
    try:
        # opened without blocking and asked what it is: a FIFO or a device planted in the
        # cache folder is no cache (and never makes a command wait)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                return {}
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return {}
        raw = json.loads(data.decode("utf-8"))
    except (OSError, ValueError, RecursionError, MemoryError):
        return {}
    if not isinstance(raw, dict) or raw.get("version") != version:
        return {}
    return raw


def read_unchecked(path: Path, version: object) -> dict[str, Any]:
    """A versioned JSON file written by other means than ``write`` (the site's manifest, which
    checks every record itself): no checksum; an empty dict on any other doubt."""
    return _load(path, version)


def read(path: Path, version: object) -> dict[str, Any]:
    """The cache's content; an empty dict when missing, unreadable, of another version, or
    when its checksum does not match."""
    raw = _load(path, version)
    claimed = raw.pop("checksum", None)
    if not raw or not isinstance(claimed, str) or claimed != checksum(raw):
        return {}
    return raw


def write(path: Path, version: object, content: Mapping[str, Any]) -> None:
    """Replace the cache with ``content``; a cache that cannot be written only costs time."""
    document = {"version": version, **content}
    _save(path, {**document, "checksum": checksum(document)})


def read_entries(path: Path, version: object) -> dict[str, Any]:
    """The entries of a cache written by ``write_entries``, key -> value; entries whose
    checksum does not match, or that cannot be read, are left out (the caller rebuilds them)."""
    entries = _load(path, version).get("entries")
    if not isinstance(entries, dict):
        return {}
    good: dict[str, Any] = {}
    for key, stored in entries.items():
        if not (isinstance(stored, list) and len(stored) == 2):
            continue
        claimed, text = stored
        if not isinstance(text, str) or claimed != _digest(key, text):
            continue
        try:
            good[key] = json.loads(text)
        except (ValueError, RecursionError):
            continue
    return good


def write_entries(path: Path, version: object, entries: Mapping[str, Any]) -> None:
    """Replace the cache with ``entries``. Each is stored as its JSON text with a checksum of
    key and text: checking it costs a hash of the text, not a second serialisation."""
    stored: dict[str, list[str]] = {}
    try:
        for key, value in entries.items():
            text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
            stored[key] = [_digest(key, text), text]
    except (TypeError, ValueError, RecursionError):
        return
    _save(path, {"version": version, "entries": stored})


def _digest(key: str, text: str) -> str:
    h = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16)
    h.update(b"\x00")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def typed(value: Any, *kinds: type) -> Any:
    """``value`` if it is of one of ``kinds`` (``True`` is not an ``int`` here); else ValueError,
    for readers of a cache entry that turn a wrong type into a rebuild."""
    if isinstance(value, bool) and bool not in kinds:
        raise ValueError(f"unexpected {value!r}")
    if not isinstance(value, kinds):
        raise ValueError(f"unexpected {type(value).__name__}")
    return value


def _save(path: Path, document: Mapping[str, Any]) -> None:
    try:
        os.makedirs(path.parent, exist_ok=True)
        payload = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
        if path.is_symlink():
            # a cache is never written through a link (write_atomic follows links, as drafts
            # want): a link put there is replaced by the cache, and what it points at is kept
            path.unlink()
        write_atomic(path, payload, durable=False)
    except (OSError, ValueError, RecursionError, NewsletterError):
        pass
