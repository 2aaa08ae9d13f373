"""The benchmark suite runs: one quick pass in a real process, its table printed, exit 0.

Timings are never asserted here (a shared machine is too noisy for that); the
budgets are judged by running `python benchmarks/run.py` itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MEASUREMENTS = (
    "python -c 'import typer' (baseline)",
    "nl --help",
    "nl --version",
    "nl lint one draft (cold cache)",
    "floor: read + hash 10 drafts (baseline)",
    "nl lint 20 drafts (cold cache)",
    "nl list 20 drafts (warm cache)",
    "weasyprint on the exported HTML (baseline)",
    "nl export --pdf one draft",
    "nl export --pdf folder of 2 drafts",
)


def test_quick_run_prints_the_table_and_succeeds(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    env = {**os.environ, "NO_COLOR": "1", "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--json", str(results)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    header = next(line for line in done.stdout.splitlines() if line.startswith("measurement"))
    for column in ("median", "min", "max", "peak RSS", "vs baseline", "budget", "result"):
        assert column in header
    for name in MEASUREMENTS:
        row = next((line for line in done.stdout.splitlines() if line.startswith(name)), None)
        assert row is not None, f"no row for {name!r} in:\n{done.stdout}"
    # the temporary archives are removed afterwards
    assert not list(tmp_path.glob("nl-bench-*"))
    assert results.is_file()
