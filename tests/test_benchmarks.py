"""The benchmark suite runs: one quick pass in a real process, its table printed, exit 0.

Timings are never asserted here (a shared machine is too noisy for that); the
budgets are judged by running `python benchmarks/run.py` itself.
"""

from __future__ import annotations

import json
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


def run_suite(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "TMPDIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", *options],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def test_quick_run_prints_the_table_and_succeeds(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    done = run_suite(tmp_path, "--json", str(results))
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


def write_markdown_archive(folder: Path) -> None:
    """A tiny archive of weekly issues in Markdown with front matter, as `nl import` takes it."""
    folder.mkdir()
    for week, day in enumerate(("2026-03-02", "2026-03-09", "2026-03-16"), 1):
        (folder / f"{day}-harbour-notes-{week}.md").write_text(
            f"---\ntitle: Harbour Notes {week}\n---\n\n"
            f"Welcome to week {week} of the harbour's own letter.\n\n"
            "## News\n\n"
            f"The ferry timetable changes this spring; issue {week} lists the new crossings.\n\n"
            "- [Timetable](https://example.org/timetable)\n- [Tide tables](https://example.org/tides)\n\n"
            "Thanks for reading. Reply to this letter with your news.\n",
            encoding="utf-8",
        )


def test_real_archive_is_imported_and_linted_in_one_process_and_with_workers(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "harbour"
    write_markdown_archive(archive)
    results = tmp_path / "results.json"
    done = run_suite(
        tmp_path, "--only", "real", "--real-archive", str(archive), "--json", str(results)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {row["name"]: row for row in json.loads(results.read_text(encoding="utf-8"))}
    assert list(rows) == [
        "nl import harbour, 3 drafts (once, into a new workspace)",
        "floor: read + hash 3 drafts of harbour (baseline)",
        "nl lint harbour, 3 drafts (cold cache, one process)",
        "nl lint harbour, 3 drafts (cold cache, workers)",
    ]
    for row in rows.values():
        assert row["median"] is not None and not row["status"], row
    alone = rows["nl lint harbour, 3 drafts (cold cache, one process)"]
    assert alone["budget"] == "<= 6x floor"
    assert "x floor" in alone["versus"]
    assert "x floor" in rows["nl lint harbour, 3 drafts (cold cache, workers)"]["versus"]
    # only the real group ran, and nothing is left behind
    assert "real archives: not measured" not in done.stdout
    assert not list(tmp_path.glob("nl-bench-*"))


def test_without_real_archive_the_output_says_how_to_measure_one(tmp_path: Path) -> None:
    done = run_suite(tmp_path, "--only", "real")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "real archives: not measured; add --real-archive PATH" in done.stdout
