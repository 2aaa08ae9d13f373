"""What a lint rule reports, and what the engine makes of it.

A rule yields ``Violation`` objects (where, what, optionally a safe fix);
``lint.checking`` stamps the rule id and the configured severity and turns each
into a ``Finding``. Rules never decide exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsletter_cli.draft.model import KeyPath, Location

if TYPE_CHECKING:
    from newsletter_cli.draft.model import Draft
    from newsletter_cli.draft.workspace import Workspace
    from newsletter_cli.lint.archive_index import ArchiveIndex
    from newsletter_cli.text.analysis import DraftText, TextFacts


class Severity(StrEnum):
    """How much a finding matters. ``off`` is only a setting: the rule does not run."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True)
class Fix:
    """A safe, mechanical edit: replace ``text[start:end]`` of one text value of the draft."""

    field: KeyPath  # e.g. ("sections", 2, "body")
    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True)
class Violation:
    """What a rule yields: a place, a message, and maybe a fix.

    ``severity`` lets one rule report two grades (an event section with no date
    is an error, a paragraph announcing an event without a day is a warning);
    it applies only while the rule keeps its default severity in the settings.
    """

    location: Location
    message: str
    fix: Fix | None = None
    severity: Severity | None = None
    #: The offending text, shown under the finding (one line, shortened).
    excerpt: str = ""
    #: Extra machine-readable data for JSON/SARIF (e.g. the repeated pairs).
    data: dict[str, Any] = field(default_factory=dict)
    #: More edits belonging to the same fix, in other text values (a repeated block
    #: that spans two sections is one finding and one fix of two edits).
    extra_fixes: tuple[Fix, ...] = ()

    @property
    def fixes(self) -> tuple[Fix, ...]:
        return ((self.fix,) if self.fix else ()) + self.extra_fixes


@dataclass(frozen=True, order=True)
class Finding:
    """A violation stamped by the engine with its rule id and severity."""

    location: Location
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    fix: Fix | None = field(default=None, compare=False)
    excerpt: str = field(default="", compare=False)
    data: dict[str, Any] = field(default_factory=dict, compare=False)
    extra_fixes: tuple[Fix, ...] = field(default=(), compare=False)
    #: The digest of the normalised text of the paragraph it stands in, set by the engine
    #: for the rules that are quiet on the newsletter's standing text (empty otherwise).
    paragraph: str = field(default="", compare=False)

    @property
    def fixes(self) -> tuple[Fix, ...]:
        return ((self.fix,) if self.fix else ()) + self.extra_fixes

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fixable": self.fix is not None,
        }
        if self.excerpt:
            result["excerpt"] = self.excerpt
        if self.data:
            result["data"] = self.data
        return result


def _text_facts() -> TextFacts:
    from newsletter_cli.text.analysis import TextFacts

    return TextFacts()


@dataclass
class RuleContext:
    """What a rule may look at besides the draft's text: the workspace and the archive.

    The engine makes one per run and hands it to every rule with each draft's analysis
    (``lint_draft`` keeps one while the archive is unchanged: `nl new` and `nl preview` check
    draft after draft against it).
    """

    workspace: Workspace
    #: The other drafts of the archive (for cross-issue rules); empty with --no-archive.
    archive: tuple[Path, ...] = ()
    #: Drafts the engine has read already, by file key: (content key, their analysis); the
    #: archive index takes their paragraphs from here instead of reading the files again.
    loaded: dict[str, tuple[str, DraftText]] = field(default_factory=dict)
    #: Or their archive index entries, worked out in worker processes: file key -> (content
    #: key, ``archive_index.index_entry``).
    entries: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    #: The archive index, once built (``archive_index()``).
    index: ArchiveIndex | None = None
    #: What each paragraph text of the run is, shared by the drafts' analyses (``analyse``).
    facts: TextFacts = field(default_factory=_text_facts)

    def analyse(self, draft: Draft) -> DraftText:
        """The one analysis of a draft's text that its rules read (``text.analysis``)."""
        from newsletter_cli.text.analysis import DraftText

        return DraftText(draft, self.workspace.settings, self.facts)

    def archive_index(self) -> ArchiveIndex:
        """The index of every paragraph of ``archive``, built on first use, once per run."""
        if self.index is None:
            from newsletter_cli.lint import archive_index

            workspace = self.workspace
            cache_dir = workspace.cache_path if workspace.config_path is not None else None
            self.index = archive_index.build(self.archive, cache_dir, self.loaded, self.entries)
        return self.index


def shorten(text: str, width: int = 80) -> str:
    """One line of at most ``width`` characters, for excerpts."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


__all__ = ["Finding", "Fix", "RuleContext", "Severity", "Violation", "shorten"]
