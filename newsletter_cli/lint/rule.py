"""What a lint rule is: the typed interface of every module of ``lint/rules/``.

A rule is a module (as yamllint's are), listed in ``lint/rules/__init__.py``'s ``RULES``;
mypy checks each listed module against ``Rule``. The engine builds one analysis of the draft's
text (``text.analysis.DraftText``) and hands it to every rule with the rule's options and the
run's context (the workspace and, for rules that compare issues, the archive index). A rule
yields ``Violation`` objects (a place, a message, maybe a safe fix); the engine stamps each with
the rule's id and configured severity, drops those in a section's ``lint_ignore`` and sorts
them. A rule keeps no state between calls: what it needs to share is on the analysis or the
context.

The module's docstring is its documentation, with a failing and a passing example, from which
``nl rules`` and docs/rules.md are made and the examples are tested (``lint.ruledocs``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from newsletter_cli.lint.findings import RuleContext, Severity, Violation
    from newsletter_cli.text.analysis import DraftText


class Rule(Protocol):
    """A lint rule module."""

    @property
    def ID(self) -> str:
        """The rule's id, as settings and ``lint_ignore`` name it: ``duplicate-paragraph``."""

    @property
    def SEVERITY(self) -> Severity:
        """Its severity unless the workspace says otherwise."""

    @property
    def FIXABLE(self) -> bool:
        """Whether ``nl lint --fix`` can fix what it finds."""

    @property
    def USES_ARCHIVE(self) -> bool:
        """Whether its findings depend on the other drafts of the archive (cached apart,
        run after the archive index is built)."""

    @property
    def Options(self) -> type[Any]:
        """A frozen dataclass of its options with their defaults (``[lint.rules.<id>]``);
        its ``__post_init__`` refuses a bad value with a message for a person."""

    @property
    def __name__(self) -> str:
        """The module's name: ``newsletter_cli.lint.rules.duplicate_paragraph``. (Its
        ``__doc__``, which every object has, is the rule's documentation.)"""

    def check(self, analysis: DraftText, options: Any, context: RuleContext) -> Iterator[Violation]:
        """The violations in one draft."""
        ...
