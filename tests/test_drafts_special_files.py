"""Special files where a draft or a source is expected (issue 17, point 12).

A FIFO made every reader wait forever for a writer, and a symbolic link to ``/dev/zero`` (size 0,
so it passed the size limit) was read until memory ran out. Every command that reads a person's
file reads it through one function that takes regular files only: each case here ends quickly
with exit code 3 and ``path: not a regular file``. Every run has a timeout, so a regression fails
instead of hanging the suite.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import RunNl

from newsletter_cli.draft.readfile import UnreadableFile, read_regular

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
    reason="needs FIFOs and /dev/zero (POSIX)",
)

TIMEOUT = 60  # seconds; the commands take about one
DRAFT = (
    'title = "June news"\ndate = 2026-06-01\n\n[[sections]]\nheading = "News"\nbody = "Hello."\n'
)


def _special(folder: Path, name: str, kind: str) -> Path:
    path = folder / name
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    return path


@pytest.fixture(params=["fifo", "dev-zero"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize(
    "command",
    [
        ("lint", "issues/special.toml"),
        ("new", "--resume", "issues/special.toml"),
        ("export", "issues/special.toml", "-o", "out"),
        ("list", "issues/special.toml"),
    ],
    ids=["lint", "new-resume", "export", "list"],
)
def test_a_special_file_as_a_draft_is_refused_at_once(
    run_nl: RunNl, workspace_dir: Path, kind: str, command: tuple[str, ...]
) -> None:
    (workspace_dir / "issues").mkdir(exist_ok=True)
    _special(workspace_dir / "issues", "special.toml", kind)
    result = run_nl(*command, cwd=workspace_dir, timeout=TIMEOUT)
    assert result.exit_code == 3, result.output
    assert "issues/special.toml:1:1: not a regular file" in result.stderr
    assert "Traceback" not in result.output


def test_a_special_file_as_a_source_to_import_is_refused_at_once(
    run_nl: RunNl, workspace_dir: Path, kind: str
) -> None:
    _special(workspace_dir, "letter.md", kind)
    result = run_nl("import", "letter.md", cwd=workspace_dir, timeout=TIMEOUT)
    assert result.exit_code == 3, result.output
    assert "letter.md: not a regular file" in result.stderr


def test_a_special_file_as_the_settings_is_refused_at_once(
    run_nl: RunNl, workspace_dir: Path, kind: str
) -> None:
    (workspace_dir / "newsletter.toml").unlink()
    _special(workspace_dir, "newsletter.toml", kind)
    (workspace_dir / "issues").mkdir(exist_ok=True)
    (workspace_dir / "issues" / "june.toml").write_text(DRAFT, encoding="utf-8")
    result = run_nl("lint", "issues/june.toml", cwd=workspace_dir, timeout=TIMEOUT)
    assert result.exit_code == 3, result.output
    assert "newsletter.toml:1:1: not a regular file" in result.stderr


def test_a_folder_holding_a_special_file_still_exports_its_drafts(
    run_nl: RunNl, workspace_dir: Path, kind: str
) -> None:
    issues = workspace_dir / "issues"
    issues.mkdir(exist_ok=True)
    (issues / "june.toml").write_text(DRAFT, encoding="utf-8")
    _special(issues, "special.toml", kind)
    result = run_nl("export", "issues", "--html", "-o", "out", cwd=workspace_dir, timeout=TIMEOUT)
    assert (workspace_dir / "out" / "june.html").is_file(), result.output
    assert "Traceback" not in result.output


def test_the_reader_reads_at_most_the_limit_plus_one_byte(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 101)
    with pytest.raises(UnreadableFile, match="a draft may be at most 100 bytes"):
        read_regular(big, limit=100, what="draft")
    assert read_regular(big, limit=101) == b"#" * 101
    with pytest.raises(UnreadableFile, match="not a regular file"):
        read_regular("/dev/zero", limit=100)


def test_nl_new_beside_a_special_file_in_issues_does_not_wait_for_it(
    run_nl: RunNl, workspace_dir: Path, kind: str
) -> None:
    # the next issue number is read from the drafts in issues/: a FIFO there blocked that read
    issues = workspace_dir / "issues"
    issues.mkdir(exist_ok=True)
    (issues / "may.toml").write_text("number = 4\n" + DRAFT, encoding="utf-8")
    _special(issues, "special.toml", kind)
    result = run_nl(
        "new",
        "--no-input",
        "--set",
        "title=June news",
        "--set",
        "sections.2.include=no",
        cwd=workspace_dir,
        timeout=TIMEOUT,
    )
    assert result.exit_code == 0, result.output
    saved = sorted(p for p in issues.glob("2*.toml"))
    assert len(saved) == 1 and "number = 5" in saved[0].read_text(encoding="utf-8")


def test_a_special_file_among_a_themes_templates_is_never_read(
    run_nl: RunNl, workspace_dir: Path, kind: str
) -> None:
    # a template that is not UTF-8 makes the theme's templates be read to name it: a FIFO
    # listed first among them blocked that read
    issues = workspace_dir / "issues"
    issues.mkdir(exist_ok=True)
    (issues / "june.toml").write_text(DRAFT, encoding="utf-8")
    theme = workspace_dir / "mytheme"
    theme.mkdir()
    _special(theme, "aaa.html", kind)
    (theme / "web.html").write_bytes(b"<!doctype html>\n<title>caf\xe8</title>\n")
    result = run_nl(
        "export", "issues/june.toml", "--html", "--theme", "./mytheme", "-o", "out",
        cwd=workspace_dir, timeout=TIMEOUT,
    )  # fmt: skip
    assert result.exit_code == 3, result.output
    assert "mytheme/web.html:2:11: template is not UTF-8 text" in result.stderr
