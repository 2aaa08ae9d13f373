"""`nl export --site` applies `nl export`'s lint gate (issue 13, section 2, point 8)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RunNl

GOOD = 'title = "June news"\ndate = 2026-06-01\nintro = "The boat is repaired."\n'
# no date (missing-date) and four placeholders (placeholder-text): five errors
BAD = 'title = "July news"\nintro = """\nTODO one.\n\nTODO two.\n\nTBD three.\n\nFIXME four.\n"""\n'


def archive(root: Path) -> None:
    (root / "issues" / "2026-06-june.toml").write_text(GOOD, encoding="utf-8")
    (root / "issues" / "2026-07-july.toml").write_text(BAD, encoding="utf-8")


def published(root: Path) -> list[str]:
    manifest = json.loads((root / "out" / "site" / ".nl-site.json").read_text(encoding="utf-8"))
    return sorted(manifest["pages"])


def test_a_draft_with_lint_errors_is_not_published(run_nl: RunNl, workspace_dir: Path) -> None:
    archive(workspace_dir)
    result = run_nl("export", "--site", cwd=workspace_dir)
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if "2026-07-july.toml" in line]
    assert len(errors) == 4, result.stderr  # its first three errors, then what happened
    assert all(line.startswith("error: issues/2026-07-july.toml:") for line in errors[:3])
    assert "[missing-date]" in errors[0] and "[placeholder-text]" in errors[1]
    assert errors[3] == (
        "error: issues/2026-07-july.toml: not published: 5 lint errors (2 more not shown); "
        "fix them (nl lint shows them all), or publish anyway with --force"
    )
    assert published(workspace_dir) == ["2026-06-june"]
    index = (workspace_dir / "out" / "site" / "index.html").read_text(encoding="utf-8")
    assert "June news" in index and "July news" not in index
    assert "1 issue (1 rendered, 0 unchanged)" in result.stderr


def test_force_publishes_it_anyway(run_nl: RunNl, workspace_dir: Path) -> None:
    archive(workspace_dir)
    result = run_nl("export", "--site", "--force", cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    assert "error" not in result.stderr
    assert published(workspace_dir) == ["2026-06-june", "2026-07-july"]


def test_fixing_the_draft_publishes_it(run_nl: RunNl, workspace_dir: Path) -> None:
    archive(workspace_dir)
    assert run_nl("export", "--site", cwd=workspace_dir).exit_code == 1
    fixed = 'title = "July news"\ndate = 2026-07-01\nintro = "Swans."\n'
    (workspace_dir / "issues" / "2026-07-july.toml").write_text(fixed, encoding="utf-8")
    result = run_nl("export", "--site", cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    assert published(workspace_dir) == ["2026-06-june", "2026-07-july"]
