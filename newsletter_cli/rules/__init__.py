"""Every lint rule, listed explicitly: a rule module that is not here does not run.

Each module has ``ID``, ``SEVERITY``, ``FIXABLE``, an ``Options`` dataclass, a
``check(draft, options, context)`` generator and a docstring that documents it
with a failing and a passing example (``nl rules`` and docs/rules.md are made
from it). ``tests/test_registry.py`` fails when a module on disk is missing here.
"""

from __future__ import annotations

from types import ModuleType

from newsletter_cli.rules import (
    archive_duplicate,
    duplicate_paragraph,
    near_duplicate_paragraph,
)

RULES: tuple[ModuleType, ...] = (
    duplicate_paragraph,
    near_duplicate_paragraph,
    archive_duplicate,
)

BY_ID: dict[str, ModuleType] = {rule.ID: rule for rule in RULES}
