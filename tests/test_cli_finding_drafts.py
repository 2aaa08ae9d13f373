"""One way of finding drafts: lint, list and export agree on what a draft is and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunNl

DRAFT = 'title = "River Voices"\ndate = 2026-06-01\n\n[[sections]]\nheading = "News"\nbody = "The mill reopens on Saturday."\n'


def _workspace(root: Path) -> Path:
    (root / "newsletter.toml").write_text('name = "River Voices"\n', encoding="utf-8")
    (root / "issues").mkdir()
    (root / "issues" / "2026-06-river.toml").write_text(DRAFT, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["lint", "."], id="lint"),
        pytest.param(["list", "."], id="list"),
        pytest.param(["export", "--text", "."], id="export"),
        pytest.param(["export", "--site", "."], id="site"),
    ],
)
def test_the_workspace_folder_holds_drafts_not_settings(
    run_nl: RunNl, tmp_path: Path, args: list[str]
) -> None:
    """`nl lint .` read newsletter.toml as a draft ("missing 'title'"), so did `nl list .`."""
    root = _workspace(tmp_path)
    hidden = root / ".git" / "stash.toml"
    hidden.parent.mkdir()
    hidden.write_text("not a draft = \n", encoding="utf-8")
    (root / ".hidden.toml").write_text("not a draft = \n", encoding="utf-8")
    # what an earlier run wrote to the output folder is no draft either
    (root / "out").mkdir()
    (root / "out" / "copy.toml").write_text("not a draft = \n", encoding="utf-8")
    result = run_nl(*args, cwd=root)
    assert result.exit_code == 0, result.output
    assert "newsletter.toml:1" not in result.output
    assert "missing" not in result.output
    assert "copy.toml" not in result.output and "stash" not in result.output


def test_the_output_folder_is_read_when_named(run_nl: RunNl, tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    (root / "out").mkdir()
    (root / "out" / "copy.toml").write_text(DRAFT, encoding="utf-8")
    result = run_nl("list", "--no-lint", "--format", "json", "out", cwd=root)
    assert result.exit_code == 0, result.output
    assert '"path": "out/copy.toml"' in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["lint"], id="lint"),
        pytest.param(["list"], id="list"),
        pytest.param(["export", "--site"], id="site"),
    ],
)
def test_outside_a_workspace_every_command_says_the_same(
    run_nl: RunNl, tmp_path: Path, args: list[str]
) -> None:
    result = run_nl(*args, cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "error: no drafts named and no issues folder here: this is not a workspace "
        "(no newsletter.toml here or above); name the drafts or folders to use, "
        "or create a workspace with `nl init`\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["lint"], id="lint"),
        pytest.param(["list"], id="list"),
        pytest.param(["export", "--text"], id="export"),
    ],
)
def test_a_draft_named_without_toml_gets_a_hint(
    run_nl: RunNl, tmp_path: Path, args: list[str]
) -> None:
    root = _workspace(tmp_path)
    result = run_nl(*args, "issues/2026-06-river", cwd=root)
    assert result.exit_code == 3, result.output
    assert (
        "issues/2026-06-river:1:1: no such file or folder; did you mean issues/2026-06-river.toml?"
        in result.stderr
    )


def test_a_named_file_that_is_not_toml_is_refused(run_nl: RunNl, tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    (root / "notes.txt").write_text("title = 'x'\n", encoding="utf-8")
    result = run_nl("lint", "notes.txt", cwd=root)
    assert result.exit_code == 3, result.output
    assert "notes.txt:1:1: not a draft: drafts are .toml files" in result.stderr


def test_resuming_a_draft_named_without_toml_gets_the_hint_too(
    run_nl: RunNl, tmp_path: Path
) -> None:
    root = _workspace(tmp_path)
    result = run_nl("new", "--resume", "issues/2026-06-river", cwd=root)
    assert result.exit_code == 3, result.output
    assert (
        "issues/2026-06-river:1:1: no such file; did you mean issues/2026-06-river.toml?"
        in result.stderr
    )
