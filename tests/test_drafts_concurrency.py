"""Several `nl new` at once on one workspace (issue 17, point 5): no draft and no answer is lost.

Real processes started together: new drafts claim distinct names, and a `--resume` whose
draft was saved by another `--resume` meanwhile stops instead of writing over it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pexpect
import pytest

from newsletter_cli.draft import storage

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX processes and ptys")

ROUNDS = 4
AT_ONCE = 6
CLEAR = "\x15"


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_new_drafts_started_together_all_survive_under_distinct_names(
    workspace_dir: Path, round_: int
) -> None:
    argv = [
        sys.executable,
        "-m",
        "newsletter_cli",
        "new",
        "--no-input",
        "--set",
        "title=June news",
        "--set",
        "date=2026-06-01",
        "--set",
        "sections.2.include=no",
    ]
    processes = []
    for number in range(AT_ONCE):
        command = [*argv, "--set", f"summary=written by process {number}"]
        processes.append(
            subprocess.Popen(
                command,
                cwd=workspace_dir,
                env=_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * AT_ONCE, outputs

    saved = sorted(
        line.split()[-1]
        for out, err in outputs
        for line in (out + err).splitlines()
        if line.startswith("✓ saved")
    )
    assert len(set(saved)) == AT_ONCE, saved  # each process names its own file
    files = sorted((workspace_dir / "issues").glob("*.toml"))
    assert sorted(str(f.relative_to(workspace_dir)) for f in files) == saved
    summaries = sorted(storage.load(f).summary or "" for f in files)
    assert summaries == sorted(f"written by process {n}" for n in range(AT_ONCE))
    # no temporary file is left behind
    assert [p.name for p in (workspace_dir / "issues").iterdir() if p.suffix != ".toml"] == []


def _spawn_resume(cwd: Path, draft: str) -> pexpect.spawn:
    environment = {k: v for k, v in os.environ.items() if k not in {"VISUAL", "EDITOR"}}
    environment.update({"TERM": "xterm-256color", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "newsletter_cli", "new", "--resume", draft],
        cwd=str(cwd),
        env=environment,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    child.delaybeforesend = None
    return child


def test_two_resumes_of_one_draft_lose_no_answer(workspace_dir: Path) -> None:
    issues = workspace_dir / "issues"
    issues.mkdir(exist_ok=True)
    draft = issues / "june.toml"
    draft.write_text('# kept by hand\ntitle = "June news"\ndate = 2026-06-01\n', encoding="utf-8")
    first = _spawn_resume(workspace_dir, "issues/june.toml")
    second = _spawn_resume(workspace_dir, "issues/june.toml")
    # both have loaded the draft and wait at the same question
    first.expect("Issue number")
    second.expect("Issue number")

    first.send(CLEAR + "7\r")
    first.expect("Language")  # the first one's answer is saved before the next question
    assert tomllib.loads(draft.read_text(encoding="utf-8"))["number"] == 7

    second.send(CLEAR + "8\r")
    second.expect(pexpect.EOF)
    second.close()
    said = second.before
    assert second.exitstatus == 1, said
    assert "issues/june.toml: was changed by another program since it was read" in said
    assert "The last answer was not saved" in said
    assert "nl new --resume issues/june.toml" in said
    assert "Traceback" not in said

    # the first one's answer is still there, and it goes on saving
    on_disk = tomllib.loads(draft.read_text(encoding="utf-8"))
    assert on_disk["number"] == 7
    first.send(CLEAR + "fr\r")
    first.expect("Preview text")
    first.sendcontrol("c")
    first.expect(pexpect.EOF)
    first.close()
    assert first.exitstatus == 130
    text = draft.read_text(encoding="utf-8")
    assert tomllib.loads(text)["number"] == 7
    assert tomllib.loads(text)["language"] == "fr"
    assert text.startswith("# kept by hand\n")
