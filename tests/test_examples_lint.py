"""The example drafts shipped in issues/ lint clean with every rule on, as the docs promise."""

from __future__ import annotations

import os
from pathlib import Path

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths

REPO = Path(__file__).resolve().parent.parent


def test_example_drafts_lint_clean(examples: list[Path]) -> None:
    assert examples, "no example drafts in issues/"
    here = Path.cwd()
    os.chdir(REPO)
    try:
        report = lint_paths(
            [p.relative_to(REPO) for p in examples], load_workspace(REPO), archive=True
        )
    finally:
        os.chdir(here)
    assert report.problems == []
    shown = [f"{f.location} {f.rule} {f.message}" for f in report.findings]
    assert shown == []
