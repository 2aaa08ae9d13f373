"""Shared fixtures: run the real `nl` as a person would, and find the shipped examples."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest_plugins = ["reliability_summary"]  # counts printed by the reliability tests

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "issues"


@dataclass
class Result:
    """What a finished `nl` process left behind."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


RunNl = Callable[..., Result]


def without_machine_notices(stderr: str) -> str:
    """``stderr`` without the notices that depend on the machine, not on the draft.

    `nl export --pdf` says once when the HarfBuzz subsetting library is missing (a fresh machine
    that followed the README); a test that expects no other warning must pass there too.
    """
    from newsletter_cli.output.pdf import subsetting_notice

    notice = subsetting_notice()
    if notice is None:
        return stderr
    return "".join(
        line
        for line in stderr.splitlines(keepends=True)
        if line.rstrip("\n") != f"warning: {notice}"
    )


@pytest.fixture
def run_nl() -> RunNl:
    """Run `python -m newsletter_cli ARGS` in a real process; returns exit code and output."""

    def run(
        *args: str | Path,
        cwd: Path | None = None,
        input: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> Result:
        environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "newsletter_cli", *map(str, args)],
            cwd=cwd,
            input=input,
            capture_output=True,
            text=True,
            env=environment,
            timeout=timeout,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def examples() -> list[Path]:
    """The example drafts shipped in issues/."""
    return sorted(EXAMPLES.glob("*.toml"))


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A copy of the export fixture workspace (tests/fixtures/export): drafts, images, a theme."""
    target = tmp_path / "ws"
    shutil.copytree(REPO / "tests" / "fixtures" / "export", target)
    return target


@pytest.fixture
def workspace_dir(tmp_path: Path) -> Path:
    """An empty folder with a minimal newsletter.toml, as the current folder of a test."""
    (tmp_path / "newsletter.toml").write_text('name = "Test Letter"\n', encoding="utf-8")
    (tmp_path / "issues").mkdir()
    return tmp_path
