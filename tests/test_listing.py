"""`nl list`: newest first, counts, lint status from the real engine, cached by content."""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date
from pathlib import Path

import pexpect
import pytest
from conftest import RunNl

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft, Section
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint import engine
from newsletter_cli.output.listing import list_drafts

REPEATED = "The river clean-up brought together more than one hundred volunteers this spring."


def write(folder: Path, name: str, draft: Draft) -> Path:
    path = folder / name
    storage.save(draft, path)
    return path


def archive(root: Path) -> list[Path]:
    issues = root / "issues"
    return [
        write(
            issues,
            "2024-01-05-january.toml",
            Draft(
                "January letter",
                date(2024, 1, 5),
                1,
                intro="Happy new year to all of you.",
                sections=(Section("News", "Nothing much happened."),),
            ),
        ),
        write(
            issues,
            "2024-03-05-march.toml",
            Draft(
                "March letter",
                date(2024, 3, 5),
                3,
                intro=f"{REPEATED}\n\n{REPEATED}",
                sections=(Section("News", "One."), Section("Events", "Two words.")),
            ),
        ),
        write(issues, "2024-02-05-february.toml", Draft("February letter", date(2024, 2, 5), 2)),
    ]


def test_table_newest_first(run_nl: RunNl, workspace_dir: Path) -> None:
    archive(workspace_dir)
    result = run_nl("list", cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    header, *lines = result.stdout.splitlines()
    assert re.split(r" {2,}", header) == [
        "date", "no.", "title", "sections", "words", "lint", "file"
    ]  # fmt: skip
    rows = [re.split(r" {2,}", line.strip()) for line in lines]
    assert [r[0] for r in rows] == ["2024-03-05", "2024-02-05", "2024-01-05"]
    assert [r[2] for r in rows] == ["March letter", "February letter", "January letter"]
    assert [r[3].strip() for r in rows] == ["2", "0", "1"]


def test_json_rows_match_the_lint_engine(run_nl: RunNl, workspace_dir: Path) -> None:
    archive(workspace_dir)
    result = run_nl("list", "--format", "json", cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["title"], r["date"], r["number"], r["sections"], r["words"]) for r in rows] == [
        ("March letter", "2024-03-05", 3, 2, 2 * len(REPEATED.split()) + 3),
        ("February letter", "2024-02-05", 2, 0, 0),
        ("January letter", "2024-01-05", 1, 1, 10),
    ]
    report = engine.lint_paths([workspace_dir / "issues"], load_workspace(workspace_dir))
    for row in rows:
        mine = [f for f in report.findings if f.location.path.endswith(Path(row["path"]).name)]
        assert row["errors"] == sum(f.severity.value == "error" for f in mine)
        assert row["warnings"] == sum(f.severity.value == "warning" for f in mine)
    # the repeated paragraph is a finding, so the March letter is not "ok"
    assert rows[0]["status"] != "ok"
    assert rows[0]["errors"] + rows[0]["warnings"] >= 1


def test_results_are_cached_by_content(workspace_dir: Path) -> None:
    paths = archive(workspace_dir)
    workspace = load_workspace(workspace_dir)
    first = list_drafts(workspace)
    assert (first.loaded, first.linted) == (3, 3)
    assert (workspace_dir / ".nl-cache" / "list-v1.json").is_file()

    again = list_drafts(workspace)
    assert (again.loaded, again.linted) == (0, 0)
    assert again.rows == first.rows

    # a new newest issue: only it is read and checked
    write(
        workspace_dir / "issues", "2024-04-05-april.toml", Draft("April letter", date(2024, 4, 5))
    )
    newest = list_drafts(workspace)
    assert (newest.loaded, newest.linted) == (1, 1)
    assert newest.rows[0].title == "April letter"

    # editing the oldest issue re-checks it and every issue after it (they compare with it)
    storage.save(Draft("January letter, corrected", date(2024, 1, 5), 1, intro=REPEATED), paths[0])
    edited = list_drafts(workspace)
    assert (edited.loaded, edited.linted) == (1, 4)
    assert edited.rows[-1].title == "January letter, corrected"

    rechecked = list_drafts(workspace, recheck=True)
    assert (rechecked.loaded, rechecked.linted) == (0, 4)
    assert rechecked.rows == edited.rows


def test_unusable_draft_is_reported_and_the_rest_listed(run_nl: RunNl, workspace_dir: Path) -> None:
    archive(workspace_dir)
    (workspace_dir / "issues" / "broken.toml").write_text('title = "x"\ndate = 2024-02-30\n')
    result = run_nl("list", "--format", "json", cwd=workspace_dir)
    assert result.exit_code == 3
    assert "issues/broken.toml:2:8: invalid TOML: 2024-02-30 is not a real date" in result.stderr
    rows = json.loads(result.stdout)
    assert [r["status"] for r in rows][-1] == "unusable"
    assert len(rows) == 4


def test_no_lint_and_empty_folder(run_nl: RunNl, workspace_dir: Path) -> None:
    empty = run_nl("list", cwd=workspace_dir)
    assert empty.exit_code == 0
    assert "No drafts here yet" in empty.stderr
    archive(workspace_dir)
    result = run_nl("list", "--no-lint", "--format", "json", cwd=workspace_dir)
    assert result.exit_code == 0
    assert {r["status"] for r in json.loads(result.stdout)} == {"not checked"}


def test_a_missing_path_is_named_and_not_called_empty(run_nl: RunNl, workspace_dir: Path) -> None:
    result = run_nl("list", "nothere", cwd=workspace_dir)
    assert result.exit_code == 3, result.output
    assert "nothere" in result.stderr and "no such file or folder" in result.stderr
    assert "No drafts here yet" not in result.output


LONG_TITLE = "River Voices: the June letter of the Friends of the Mill, with all the events"
LONG_NAME = "2026-06-01-river-voices-june-letter.toml"


def _long_names(root: Path) -> None:
    for month in (5, 6):
        name = LONG_NAME.replace("-06-", f"-{month:02d}-")
        write(root / "issues", name, Draft(LONG_TITLE, date(2026, month, 1), month))


def test_piped_output_has_whole_values_in_plain_columns(run_nl: RunNl, workspace_dir: Path) -> None:
    """`nl list > file` cut the file names ("issues/2026-…") to the width of no terminal."""
    _long_names(workspace_dir)
    result = run_nl("list", cwd=workspace_dir, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 3  # a header and one line per draft, no rules or frames
    assert "…" not in result.stdout and "│" not in result.stdout
    assert "\x1b" not in result.stdout
    for line, month in zip(lines[1:], ("06", "05"), strict=True):
        cells = re.split(r" {2,}", line.strip())
        assert cells[2] == LONG_TITLE
        assert cells[-1] == "issues/" + LONG_NAME.replace("-06-", f"-{month}-")


@pytest.mark.parametrize("columns", [80, 120])
def test_at_a_terminal_the_file_name_is_whole_and_the_title_gives_way(
    workspace_dir: Path, columns: int
) -> None:
    _long_names(workspace_dir)
    env = {**os.environ, "TERM": "xterm-256color", "NO_COLOR": "1", "COLUMNS": str(columns)}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "newsletter_cli", "list"],
        cwd=str(workspace_dir),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, columns),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    text = child.before.replace("\r\n", "\n")
    rows = [line for line in text.splitlines() if "│" in line]
    assert len(rows) == 2, text
    for row, month in zip(rows, ("06", "05"), strict=True):
        cells = [cell.strip() for cell in row.split("│")]
        assert cells[-1] == "issues/" + LONG_NAME.replace("-06-", f"-{month}-")
        title = cells[2]
        assert title.endswith("…") and LONG_TITLE.startswith(title[:-1])
        if columns == 120:
            assert len(row) <= columns  # the title is shortened just enough to fit
