"""Running the rules on one draft: the findings it gets, stamped by the engine.

Used by the engine in its own process and by the worker processes alike: a ``Job`` is what a
run checks every draft with, a ``Task`` a draft whose findings are not in the cache, its
``Outcome`` what checking it gave. ``run_rules`` hands
the draft's one analysis (``text.analysis.DraftText``) to every rule, turns each violation into
a ``Finding`` with the rule's id and the configured severity, and drops those in a section's
``lint_ignore``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft
from newsletter_cli.draft.workspace import Workspace
from newsletter_cli.errors import Problem, display_path
from newsletter_cli.lint.archive_index import file_key
from newsletter_cli.lint.config import ActiveRule, unknown_rule
from newsletter_cli.lint.findings import Finding, RuleContext
from newsletter_cli.lint.rules import BY_ID
from newsletter_cli.text.analysis import DraftText

#: Below this many drafts to check, one process does it all: starting workers costs more.
PARALLEL_MIN = 150

#: Rules that say nothing about the newsletter's standing text, the paragraphs found in
#: ``archive_index.STANDING_ISSUES`` issues of the archive or more (a greeting, a call repeated
#: every week, a footer, a section's introduction), unless ``--strict``: the editors have
#: read those many times, and a finding on them would come back in every issue.
QUIET_ON_STANDING_TEXT = frozenset(
    {"relative-date", "placeholder-text", "truncated-paragraph", "near-duplicate-paragraph"}
)


@dataclass(frozen=True)
class Job:
    """What every draft of one run is checked with, in this process or in a worker."""

    workspace: Workspace
    #: The rules that look at one draft only, and those that read the archive too.
    local: Sequence[ActiveRule]
    across: Sequence[ActiveRule]
    #: The drafts of the archive.
    archive: tuple[Path, ...]
    #: Each draft's content key by its file key (None: unreadable), for the archive index.
    contents: dict[str, str | None]
    #: Each draft's bytes by its file key, as read to work out its content key: the draft is
    #: parsed from them (``load``), so that its findings and its key come from the same bytes.
    raw: dict[str, bytes] = field(default_factory=dict)


def load(path: Path, job: Job) -> Draft:
    """The draft at ``path``, parsed from the bytes ``job`` holds for it (then let go), or read
    now if it holds none; DraftError if it is unusable."""
    data = job.raw.pop(file_key(path), None)
    return storage.load(path) if data is None else storage.from_bytes(data, path)


@dataclass(frozen=True)
class Task:
    """A draft whose findings are not in the cache, and which of them are needed."""

    path: Path
    local_key: str
    across_key: str
    needs_local: bool
    needs_across: bool


@dataclass
class Outcome:
    """What checking one draft gave: problems if unusable, else its findings."""

    task: Task
    unusable: list[Problem] = field(default_factory=list)
    local: tuple[list[Finding], list[Problem]] | None = None
    across: list[Finding] | None = None
    #: Its archive index entry (content key, entry), worked out by a worker for the index.
    entry: tuple[str, dict[str, Any]] | None = None
    #: Why checking it failed, when a rule failed on it (a bug in nl): one line, no traceback.
    crashed: list[Problem] = field(default_factory=list)

    def run(
        self, analysis: DraftText, rules: Sequence[ActiveRule], context: RuleContext
    ) -> tuple[list[Finding], list[Problem]] | None:
        """``run_rules`` on this outcome's draft, or None with ``crashed`` set if a rule fails."""
        try:
            return run_rules(analysis, rules, context)
        except RuleError as error:
            where = display_path(self.task.path)
            message = f"internal error: {error}; a bug in nl, please report it"
            self.crashed = [Problem(where, 1, 1, f"{message}; the other drafts were checked")]
            return None


class RuleError(Exception):
    """A rule failed on a draft: a bug in nl, reported as one line naming the draft and rule."""

    def __init__(self, rule: str, error: Exception) -> None:
        super().__init__(f"rule {rule} failed ({type(error).__name__}: {str(error)[:200]})")


def run_rules(
    draft: Draft | DraftText, active: Sequence[ActiveRule], context: RuleContext
) -> tuple[list[Finding], list[Problem]]:
    """Run the rules on a draft (analysed here if it is not yet): stamped findings, and
    problems with its ``lint_ignore``."""
    if isinstance(draft, DraftText):
        analysis = draft
        draft = analysis.draft
    else:
        analysis = context.analyse(draft)
    findings: list[Finding] = []
    ignored, problems = _ignored_by_section(draft)
    starts = _section_lines(draft) if ignored else []
    for rule in active:
        try:
            violations = list(rule.module.check(analysis, rule.options, context))
        except Exception as error:  # a bug in the rule (RecursionError, MemoryError included)
            raise RuleError(rule.id, error) from error
        for violation in violations:
            if ignored:
                section = _section_at(starts, violation.location.line)
                if section is not None and rule.id in ignored.get(section, ()):
                    continue
            severity = rule.severity or violation.severity or rule.module.SEVERITY
            paragraph = ""
            if rule.id in QUIET_ON_STANDING_TEXT:
                paragraph = analysis.standing_digest(violation.location.line)
            findings.append(
                Finding(
                    location=violation.location,
                    rule=rule.id,
                    severity=severity,
                    message=violation.message,
                    fix=violation.fix,
                    excerpt=violation.excerpt,
                    data=violation.data,
                    extra_fixes=violation.extra_fixes,
                    paragraph=paragraph,
                )
            )
    return findings, problems


def _ignored_by_section(draft: Draft) -> tuple[dict[int, set[str]], list[Problem]]:
    ignored: dict[int, set[str]] = {}
    problems: list[Problem] = []
    for index, section in enumerate(draft.sections):
        for position, rule_id in enumerate(section.lint_ignore):
            if rule_id not in BY_ID:
                where = draft.location(("sections", index, "lint_ignore", position))
                problems.append(
                    Problem(
                        where.path,
                        where.line,
                        where.column,
                        f"sections.{index}.lint_ignore: {unknown_rule(rule_id)}",
                    )
                )
        if section.lint_ignore:
            ignored[index] = set(section.lint_ignore)
    return ignored, problems


def _section_lines(draft: Draft) -> list[int]:
    """The line of each section's ``[[sections]]`` header."""
    return [draft.source.key(("sections", i)).line for i in range(len(draft.sections))]


def _section_at(starts: list[int], line: int) -> int | None:
    section: int | None = None
    for index, start in enumerate(starts):
        if start > 1 and start <= line:
            section = index
    return section
