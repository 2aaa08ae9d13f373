"""Cache files under ``.nl-cache/``: versioned JSON, read forgivingly, written best effort.

A cache only ever saves time: a missing, stale or unreadable one is treated as empty, and one
that cannot be written is skipped. Writes are atomic (never a torn file) but not fsync'ed:
losing a cache to a power cut only means rebuilding it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsletter_cli.atomic import write_atomic
from newsletter_cli.errors import NewsletterError


def read(path: Path, version: object) -> dict[str, Any]:
    """The cache's content; an empty dict when missing, unreadable or of another version."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("version") != version:
        return {}
    return raw


def write(path: Path, version: object, content: Mapping[str, Any]) -> None:
    """Replace the cache with ``content``; a cache that cannot be written only costs time."""
    try:
        os.makedirs(path.parent, exist_ok=True)
        payload = json.dumps(
            {"version": version, **content}, separators=(",", ":"), ensure_ascii=False
        )
        write_atomic(path, payload, durable=False)
    except (OSError, NewsletterError):
        pass
