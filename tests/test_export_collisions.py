"""Two drafts never write the same output (issue 17 point 11)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import RunNl

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft

JUNE = date(2026, 6, 1)


def two_news(ws: Path) -> tuple[Path, Path]:
    first, second = ws / "issues" / "2025" / "news.toml", ws / "issues" / "2026" / "news.toml"
    for path, title in ((first, "News of 2025"), (second, "News of 2026")):
        path.parent.mkdir(parents=True)
        storage.save(Draft(title, JUNE, intro=f"All about {title}."), path)
    return first, second


@pytest.mark.parametrize(
    "args",
    [
        ["--text", "issues/2025/news.toml", "issues/2026/news.toml"],
        ["--text", "issues/"],
        ["--html", "issues/2025/news.toml", "issues/2026/NEWS.toml"],
    ],
)
def test_two_drafts_of_one_name_are_refused_before_anything_is_written(
    run_nl: RunNl, workspace_dir: Path, args: list[str]
) -> None:
    two_news(workspace_dir)
    if "issues/2026/NEWS.toml" in args:
        shutil.move(
            workspace_dir / "issues/2026/news.toml", workspace_dir / "issues/2026/NEWS.toml"
        )
    result = run_nl("export", *args, cwd=workspace_dir)
    assert result.exit_code == 3, result.output
    assert "issues/2026/" in result.stderr and "issues/2025/news.toml" in result.stderr
    assert "would write out/news." in result.stderr.lower()
    assert "nothing was exported" in result.stderr
    assert not (workspace_dir / "out").exists()
    assert "✓" not in result.stderr


def test_one_draft_s_email_is_another_s_web_page(run_nl: RunNl, workspace_dir: Path) -> None:
    issues = workspace_dir / "issues"
    storage.save(Draft("June", JUNE, intro="June."), issues / "june.toml")
    storage.save(Draft("June mail", JUNE, intro="June by mail."), issues / "june.email.toml")
    result = run_nl("export", "--html", "--email", "issues/", cwd=workspace_dir)
    assert result.exit_code == 3, result.output
    assert "would write out/june.email.html" in result.stderr
    assert not (workspace_dir / "out").exists()


def test_the_same_names_in_different_folders_are_fine(run_nl: RunNl, workspace_dir: Path) -> None:
    first, _ = two_news(workspace_dir)
    assert run_nl("export", "--text", first, cwd=workspace_dir).exit_code == 0
    result = run_nl("export", "--text", "-o", "other", "issues/2026/news.toml", cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    assert "News of 2025" in (workspace_dir / "out" / "news.txt").read_text(encoding="utf-8")
    assert "News of 2026" in (workspace_dir / "other" / "news.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["index", "feed", "Index"])
def test_the_site_reserves_its_own_names(run_nl: RunNl, workspace_dir: Path, name: str) -> None:
    issues = workspace_dir / "issues"
    storage.save(Draft("Real issue", JUNE, intro="Hello."), issues / "real.toml")
    storage.save(Draft("Named like the index", JUNE, intro="Hi."), issues / f"{name}.toml")
    result = run_nl("export", "--site", cwd=workspace_dir)
    assert result.exit_code == 3, result.output
    assert f"issues/{name}.toml: '{name}' is a name of the site's own pages" in result.stderr
    site = workspace_dir / "out" / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Real issue" in index and "Named like the index" not in index
    manifest = json.loads((site / ".nl-site.json").read_text(encoding="utf-8"))
    assert list(manifest["pages"]) == ["real"]
