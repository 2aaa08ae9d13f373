"""`nl lint` and `nl rules` as a person runs them: real processes, exit code first, then output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, RunNl

A = "The autumn assembly takes place in Marlow on 14 November, and all members are welcome."
B = "Volunteers removed more than two tonnes of waste from the banks of the Wend this summer."
FIXTURE = REPO / "tests" / "fixtures" / "lint" / "repeated-block.toml"
OURS = '["duplicate-paragraph", "near-duplicate-paragraph", "archive-duplicate"]'


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A workspace running the duplicate rules (the others have their own tests)."""
    (tmp_path / "newsletter.toml").write_text(
        f'name = "Test"\n\n[lint]\nselect = {OURS}\n', encoding="utf-8"
    )
    (tmp_path / "issues").mkdir()
    return tmp_path


def write(root: Path, name: str, text: str) -> Path:
    path = root / "issues" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_drafts_lint_clean_with_every_rule(run_nl: RunNl, tmp_path: Path) -> None:
    shutil.copy(REPO / "newsletter.toml", tmp_path / "newsletter.toml")
    shutil.copytree(REPO / "issues", tmp_path / "issues")
    result = run_nl("lint", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 files checked: 0 errors, 0 warnings.\n"


def test_default_is_the_issues_folder_found_from_a_subfolder(run_nl: RunNl, ws: Path) -> None:
    write(ws, "a.toml", f'title = "T"\nintro = """\n{A}\n\n{A}\n"""\n')
    (ws / "notes").mkdir()
    result = run_nl("lint", cwd=ws / "notes")
    assert result.exit_code == 1, result.output
    # outside the current folder, the path is shown in full
    assert result.stdout.splitlines()[0] == (
        f"{ws.resolve() / 'issues' / 'a.toml'}:5:1: error duplicate-paragraph "
        "paragraph 2 repeats paragraph 1 (line 3)"
    )
    assert result.stdout.endswith("1 file checked: 1 error, 0 warnings (1 fixable with --fix).\n")


def test_the_grouped_repeat_fix_and_diff(run_nl: RunNl, ws: Path) -> None:
    path = ws / "issues" / "block.toml"
    shutil.copy(FIXTURE, path)
    result = run_nl("lint", "--format", "json", cwd=ws)
    assert result.exit_code == 1, result.output
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["message"]) == (
        30,
        1,
        "paragraphs 11-20 repeat paragraphs 1-10 (from line 10)",
    )

    before = path.read_text(encoding="utf-8")
    diff = run_nl("lint", "--diff", cwd=ws)
    assert diff.exit_code == 1, diff.output
    assert diff.stdout.startswith("--- a/issues/block.toml\n+++ b/issues/block.toml\n")
    assert "would fix 1 finding in 1 file" in diff.stderr
    assert path.read_text(encoding="utf-8") == before

    fixed = run_nl("lint", "--fix", cwd=ws)
    assert fixed.exit_code == 0, fixed.output
    assert "fixed 1 finding in 1 file" in fixed.stderr
    assert fixed.stdout == "1 file checked: 0 errors, 0 warnings.\n"
    after = path.read_text(encoding="utf-8")
    assert after.count("The summer was long and dry") == 1
    assert "# the body below was pasted twice" in after
    again = run_nl("lint", "--diff", cwd=ws)
    assert (again.exit_code, again.stdout) == (0, "")
    (ws / "issues" / "broken.toml").write_text("title = \n", encoding="utf-8")
    broken = run_nl("lint", "--diff", cwd=ws)
    assert broken.exit_code == 3, broken.output
    assert broken.stderr.startswith("error: issues/broken.toml:1:")


def test_warnings_pass_unless_strict(run_nl: RunNl, ws: Path) -> None:
    write(ws, "a.toml", f'title = "T"\nintro = """\n{B}\n\n{B.replace("two", "three")}\n"""\n')
    assert run_nl("lint", cwd=ws).exit_code == 0
    strict = run_nl("lint", "--strict", cwd=ws)
    assert strict.exit_code == 1, strict.output
    assert "warning near-duplicate-paragraph" in strict.stdout


def test_select_ignore_and_archive_options(run_nl: RunNl, ws: Path) -> None:
    write(ws, "2026-09.toml", f'title = "T"\ndate = 2026-09-01\nintro = """\n{A}\n"""\n')
    write(ws, "2026-10.toml", f'title = "T"\ndate = 2026-10-01\nintro = """\n{A}\n\n{A}\n"""\n')
    both = run_nl("lint", "--format", "json", cwd=ws)
    rules = sorted(f["rule"] for f in json.loads(both.stdout)["findings"])
    assert rules == ["archive-duplicate", "duplicate-paragraph"]
    for args in (
        ["--no-archive"],
        ["--ignore", "archive-duplicate"],
        ["--select", "duplicate-paragraph"],
    ):
        result = run_nl("lint", "--format", "json", *args, cwd=ws)
        assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["duplicate-paragraph"]
    only = run_nl("lint", "--select", "archive-duplicate,near-duplicate-paragraph", cwd=ws)
    assert only.exit_code == 0 and "archive-duplicate" in only.stdout
    (ws / "elsewhere").mkdir()
    elsewhere = run_nl("lint", "issues/2026-10.toml", "--archive", "elsewhere", cwd=ws)
    assert "archive-duplicate" not in elsewhere.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "duplicate"], "--select: unknown rule id 'duplicate'; did you mean"),
        (["--format", "xml"], "'xml' is not one of"),
        (["--archive", "nowhere"], "--archive nowhere: no such folder"),
    ],
)
def test_usage_errors_exit_2(run_nl: RunNl, ws: Path, args: list[str], message: str) -> None:
    result = run_nl("lint", *args, cwd=ws)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_no_issues_folder_is_a_usage_error(run_nl: RunNl, tmp_path: Path) -> None:
    result = run_nl("lint", cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: no drafts named and no issues folder here:")


def test_unusable_input_exits_3_after_reporting_the_rest(run_nl: RunNl, ws: Path) -> None:
    write(ws, "a.toml", 'title = "T"\ndate = 2026-02-30\n')
    write(ws, "b.toml", f'title = "T"\nintro = """\n{A}\n\n{A}\n"""\n')
    result = run_nl("lint", "issues", "gone.toml", cwd=ws)
    assert result.exit_code == 3, result.output
    assert "issues/b.toml:5:1: error duplicate-paragraph" in result.stdout
    assert "error: issues/a.toml:2:8:" in result.stderr
    assert "error: gone.toml:1:1: no such file or folder" in result.stderr
    assert result.stdout.endswith(
        "1 file checked: 1 error, 0 warnings; 2 files could not be checked (1 fixable with --fix).\n"
    )


def test_bad_settings_exit_3_naming_the_key(run_nl: RunNl, ws: Path) -> None:
    (ws / "newsletter.toml").write_text(
        'name = "T"\n[lint.rules.duplicate-paragraph]\nmin_words = "ten"\n', encoding="utf-8"
    )
    result = run_nl("lint", cwd=ws)
    assert result.exit_code == 3, result.output
    assert result.stderr == (
        "error: newsletter.toml:3:1: lint.rules.duplicate-paragraph.min_words: "
        "expected a whole number, got 'ten'\n"
    )


def test_colour_only_on_a_terminal(run_nl: RunNl, ws: Path) -> None:
    write(ws, "a.toml", f'title = "T"\nintro = """\n{A}\n\n{A}\n"""\n')
    piped = run_nl("lint", cwd=ws)  # the fixture sets NO_COLOR and pipes stdout
    assert "\x1b[" not in piped.stdout
    forced = run_nl("lint", cwd=ws, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[31merror" in forced.stdout


def test_github_format_ends_with_the_summary(run_nl: RunNl, ws: Path) -> None:
    write(ws, "a.toml", f'title = "T"\nintro = """\n{A}\n\n{A}\n"""\n')
    result = run_nl("lint", "--format", "github", cwd=ws)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=issues/a.toml,line=5,col=1,title=duplicate-paragraph::"
        "paragraph 2 repeats paragraph 1 (line 3)",
        "1 file checked: 1 error, 0 warnings (1 fixable with --fix).",
    ]
