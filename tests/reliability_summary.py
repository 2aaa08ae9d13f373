"""Counts the reliability tests report at the end of a run, whatever the output capture.

Tests call ``count("bad inputs tried")``; the totals are printed in the terminal
summary (``pytest_terminal_summary``), so they show in CI logs without ``-s``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

_COUNTS: Counter[str] = Counter()

#: The order the counts are printed in; anything else follows alphabetically.
_ORDER = (
    "bad inputs tried",
    "tracebacks seen",
    "generated drafts loaded",
    "drafts linted",
    "kills survived",
    "hostile drafts tried",
    "requests seen by the loopback server",
    "interrupts survived",
)


def count(name: str, amount: int = 1) -> None:
    """Add ``amount`` to the counter ``name``."""
    _COUNTS[name] += amount


def touch(name: str) -> None:
    """Make ``name`` appear in the summary even when it stays zero (requests seen: 0)."""
    _COUNTS[name] += 0


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _COUNTS:
        return
    terminalreporter.section("reliability")
    names = [n for n in _ORDER if n in _COUNTS] + sorted(set(_COUNTS) - set(_ORDER))
    for name in names:
        terminalreporter.write_line(f"{name}: {_COUNTS[name]}")
