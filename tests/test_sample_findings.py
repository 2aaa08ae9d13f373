"""benchmarks/sample_findings.py: the sample a person judges is drawn the same way every time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "benchmarks" / "sample_findings.py"

DRAFT = '''\
title = "Fenland Orchards, May"
date = 2026-05-04
intro = """
Dear members and friends,

Grafting starts at ten on Saturday 16 May in the the community room at Wisbech.

The picnic at Manea is on Sat 30 May, and the the gates open at noon.
"""
'''


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPT), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)


def workspace(root: Path, drafts: int) -> Path:
    (root / "newsletter.toml").write_text('name = "Fenland Orchards"\n', encoding="utf-8")
    (root / "issues").mkdir()
    for n in range(drafts):
        (root / "issues" / f"2026-05-{n:02d}.toml").write_text(DRAFT, encoding="utf-8")
    return root


def test_counts_and_a_sample_with_context(tmp_path: Path) -> None:
    root = workspace(tmp_path, 3)
    counts = run(root, "--counts", "--no-archive")
    assert counts.returncode == 0, counts.stderr
    assert counts.stdout.split() == ["repeated-word", "6", "total", "6"]

    shown = run(root, "--rule", "repeated-word", "--size", "2", "--no-archive", "--context", "1")
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "=== repeated-word: 2 of 6 findings (seed 15) ===" in out
    assert out.count("[repeated-word ") == 2
    # the finding's own line is marked, with a line before and after it
    assert (
        ">    6 | Grafting starts at ten on Saturday 16 May in the the community room" in out
        or (">    8 | The picnic at Manea is on Sat 30 May, and the the gates open at noon." in out)
    )


def test_the_same_seed_draws_the_same_findings_from_a_saved_report(tmp_path: Path) -> None:
    root = workspace(tmp_path, 12)
    saved = tmp_path / "report.json"
    first = run(root, "--size", "5", "--save-json", saved, "--no-archive")
    assert first.returncode == 0, first.stderr
    assert len(json.loads(saved.read_text(encoding="utf-8"))["findings"]) == 24
    again = run(root, "--size", "5", "--from-json", saved)
    assert again.stdout == first.stdout
    other = run(root, "--size", "5", "--from-json", saved, "--seed", "16")
    assert other.stdout != first.stdout
