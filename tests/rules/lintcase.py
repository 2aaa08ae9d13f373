"""Run one rule on a draft written as TOML text, in a real workspace on disk.

Shared by the rule tests: ``findings(tmp_path, "duplicate-paragraph", TEXT)``
writes ``issues/draft.toml`` (and any archive issues) under ``tmp_path`` and
returns what ``nl lint`` finds in the draft, as ``(line, column, message)``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths
from newsletter_cli.lint.findings import Finding


def lint(
    root: Path,
    rule: str,
    draft: str,
    archive: Sequence[str] = (),
    settings: str = "",
) -> list[Finding]:
    """The findings of ``rule`` in ``draft``; ``archive`` are other issues of the workspace."""
    (root / "newsletter.toml").write_text('name = "Test"\n' + settings, encoding="utf-8")
    issues = root / "issues"
    issues.mkdir(exist_ok=True)
    for n, text in enumerate(archive):
        (issues / f"archive-{n}.toml").write_text(text, encoding="utf-8")
    path = issues / "draft.toml"
    path.write_text(draft, encoding="utf-8")
    here = Path.cwd()
    os.chdir(root)
    try:
        report = lint_paths([Path("issues/draft.toml")], load_workspace(root), select=[rule])
    finally:
        os.chdir(here)
    assert not report.problems, report.problems
    return [f for f in report.findings if f.location.path == os.path.join("issues", "draft.toml")]


def places(findings: Sequence[Finding]) -> list[tuple[int, int]]:
    return [(f.location.line, f.location.column) for f in findings]
