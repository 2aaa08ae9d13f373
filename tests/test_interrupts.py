"""Ctrl-C (SIGINT) in the middle of `nl export`, `nl import` and `nl new`.

Each command must stop with exit code 130 and leave only whole files behind:
every PDF ends in ``%%EOF`` and opens, every web page ends in ``</html>``,
every draft loads, and no temporary file is left that a later command could
take for a draft or a page.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
import reliability_summary
import typer.main

from newsletter_cli.cli import app
from newsletter_cli.draft import storage

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "issues" / "2026-09-01-river-voices.toml"
COMMANDS = frozenset(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
TEMP_NAME = re.compile(r"^\..+\.tmp$")
#: Drafts in the interrupted export: enough that it is still busy when the first PDF appears.
DRAFTS = 24


def start(workspace: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsletter_cli", *args],
        cwd=workspace,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def wait_for(
    condition: Callable[[], bool], proc: subprocess.Popen[str], limit: float = 120
) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert proc.poll() is None, f"finished before it could be interrupted: {proc.stderr}"
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def interrupt(proc: subprocess.Popen[str]) -> tuple[int, str]:
    """Ctrl-C as a terminal sends it: SIGINT to the whole process group (workers included)."""
    assert proc.poll() is None, "finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert "Traceback" not in stdout + stderr, stderr[-3000:]
    reliability_summary.count("interrupts survived")
    return proc.returncode, stderr


def assert_only_whole_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` is complete; returns them."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        assert not TEMP_NAME.match(path.name), f"temporary file left behind: {path}"
        data = path.read_bytes()
        if path.suffix == ".pdf":
            from pypdf import PdfReader

            assert data.rstrip().endswith(b"%%EOF"), f"half-written PDF: {path}"
            assert len(PdfReader(path).pages) >= 1
        elif path.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), f"half-written page: {path}"
        elif path.suffix == ".toml":
            storage.load(path)
    return files


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "newsletter.toml").write_text('name = "River Voices"\n', encoding="utf-8")
    (tmp_path / "issues").mkdir()
    return tmp_path


@pytest.mark.skipif("export" not in COMMANDS, reason="`nl export` is not built yet")
@pytest.mark.parametrize("after", [0, 1], ids=["before-any-output", "after-the-first-pdf"])
def test_ctrl_c_during_export_of_many_drafts(workspace: Path, after: int) -> None:
    issues = workspace / "issues"
    shutil.copytree(EXAMPLE.parent / "images", issues / "images")
    for number in range(1, DRAFTS + 1):
        shutil.copyfile(EXAMPLE, issues / f"2026-01-{number:02d}-river-voices.toml")
    out = workspace / "out"
    proc = start(workspace, "export", "issues", "--pdf", "--html", "--force")
    if after:
        wait_for(lambda: out.exists() and any(out.glob("*.pdf")), proc)
    else:
        time.sleep(0.3)  # still starting up or laying out the first issue
    code, stderr = interrupt(proc)
    assert code == 130, stderr  # a finished export would have said 0
    if out.exists():
        assert_only_whole_files(out)


def _sources(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"issue-{i:04d}.md").write_text(
            f"---\ntitle: River Voices {i}\ndate: 2020-01-{i % 28 + 1:02d}\n---\n\n"
            f"# News\n\nForty volunteers came to the clean-up day number {i}.\n\n"
            "# Events\n\nThe next one is in the spring.\n",
            encoding="utf-8",
        )


@pytest.mark.skipif("import" not in COMMANDS, reason="`nl import` is not built yet")
def test_ctrl_c_during_import_of_a_folder(workspace: Path) -> None:
    _sources(workspace / "old", 600)
    issues = workspace / "issues"
    proc = start(workspace, "import", "old")
    wait_for(lambda: any(issues.glob("*.toml")), proc)
    code, stderr = interrupt(proc)
    assert code == 130, stderr
    written = assert_only_whole_files(issues)
    assert 0 < len(written) < 600, "the import was not interrupted"
    assert "Interrupted" in stderr or "interrupted" in stderr


def _spawn_new(workspace: Path) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "newsletter_cli", "new"],
        cwd=str(workspace),
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 160),
        env={**os.environ, "NO_COLOR": "1", "TERM": "xterm"},
    )
    return child


def _finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    reliability_summary.count("interrupts survived")
    output = child.before or ""
    assert "Traceback" not in output, output
    assert child.exitstatus is not None, f"killed by signal {child.signalstatus}"
    return int(child.exitstatus)


@pytest.mark.skipif("new" not in COMMANDS, reason="`nl new` is not built yet")
def test_ctrl_c_at_the_first_question_of_nl_new(workspace: Path) -> None:
    child = _spawn_new(workspace)
    child.expect("Title of this issue")
    child.sendintr()
    assert _finish(child) == 130
    assert_only_whole_files(workspace / "issues")


@pytest.mark.skipif("new" not in COMMANDS, reason="`nl new` is not built yet")
def test_ctrl_c_after_some_answers_of_nl_new_keeps_them(workspace: Path) -> None:
    child = _spawn_new(workspace)
    child.expect("Title of this issue")
    child.send("\x15")  # clear the suggested title
    child.sendline("Spring Letter")
    child.expect("Date of the issue")
    child.send("\x15")
    child.sendline("2026-06-01")
    child.expect("Issue number")
    child.send("4")  # typed but not yet entered
    child.sendintr()
    assert _finish(child) == 130
    (draft,) = assert_only_whole_files(workspace / "issues")
    loaded = storage.load(draft)
    assert loaded.title == "Spring Letter"
    assert str(loaded.date) == "2026-06-01"
