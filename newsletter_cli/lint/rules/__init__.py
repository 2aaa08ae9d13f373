"""Every lint rule, listed explicitly: a rule module that is not here does not run.

Each module is a ``lint.rule.Rule``: ``ID``, ``SEVERITY``, ``FIXABLE``, ``USES_ARCHIVE``,
an ``Options`` dataclass, a ``check(analysis, options, context)`` generator and a docstring
that documents it with a failing and a passing example (``nl rules`` and docs/rules.md are
made from it). mypy checks every module listed here against ``Rule``;
``tests/test_registry.py`` fails when a module on disk is missing here.
"""

from __future__ import annotations

from newsletter_cli.lint.rule import Rule
from newsletter_cli.lint.rules import (
    archive_duplicate,
    bad_link,
    date_range,
    duplicate_paragraph,
    empty_section,
    event_missing_date,
    impossible_date,
    missing_alt_text,
    missing_date,
    near_duplicate_paragraph,
    past_event,
    placeholder_text,
    relative_date,
    repeated_word,
    truncated_paragraph,
    weekday_mismatch,
)

RULES: tuple[Rule, ...] = (
    duplicate_paragraph,
    near_duplicate_paragraph,
    archive_duplicate,
    missing_date,
    event_missing_date,
    weekday_mismatch,
    impossible_date,
    relative_date,
    past_event,
    date_range,
    truncated_paragraph,
    placeholder_text,
    empty_section,
    repeated_word,
    bad_link,
    missing_alt_text,
)

BY_ID: dict[str, Rule] = {rule.ID: rule for rule in RULES}
