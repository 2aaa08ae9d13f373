"""The duplicate rules on a generated archive: every planted repeat, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import archivegen
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths

DUPLICATE_RULES = ("duplicate-paragraph", "near-duplicate-paragraph", "archive-duplicate")
#: archivegen plants a repeated run as its own kind; the linter reports it as duplicate-paragraph.
REPORTED_AS = {"duplicate-run": "duplicate-paragraph"}


def test_finds_exactly_the_planted_repeats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a mistake every third draft: every kind of planted repeat, several times, in 150 drafts
    archive = archivegen.generate(150, seed=11, plant_every=3)
    archivegen.write_workspace(tmp_path, archive)
    planted = [
        (REPORTED_AS.get(p.kind, p.kind), p.filename)
        for p in archive.planted
        if REPORTED_AS.get(p.kind, p.kind) in DUPLICATE_RULES
    ]
    assert {kind for kind, _ in planted} == set(DUPLICATE_RULES)
    monkeypatch.chdir(tmp_path)
    report = lint_paths([Path("issues")], load_workspace(tmp_path), select=DUPLICATE_RULES)
    assert report.problems == []
    found = sorted((f.rule, Path(f.location.path).name) for f in report.findings)
    assert found == sorted(planted)
    runs = [
        f for f in report.findings if f.rule == "duplicate-paragraph" and len(f.data["pairs"]) > 1
    ]
    assert runs and all(len(f.data["pairs"]) == 3 for f in runs)  # a run of three is one finding
