"""The date rules on a generated archive: every planted date mistake, and nothing else."""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks import archivegen
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths

DATE_RULES = (
    "missing-date",
    "event-missing-date",
    "weekday-mismatch",
    "impossible-date",
    "relative-date",
    "past-event",
    "date-range",
)


def test_finds_exactly_the_planted_date_mistakes(tmp_path: Path) -> None:
    archive = archivegen.generate(120, seed=7, plant_every=3)
    archivegen.write_workspace(tmp_path, archive)
    planted = {(p.kind, p.filename) for p in archive.planted if p.kind in DATE_RULES}
    assert len({kind for kind, _ in planted}) == 4, "the archive plants four kinds of date mistake"
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        workspace = load_workspace(tmp_path)
        report = lint_paths([Path("issues")], workspace, select=DATE_RULES, archive=False)
    finally:
        os.chdir(here)
    assert report.problems == []
    found = {(f.rule, Path(f.location.path).name) for f in report.findings}
    assert found == planted
