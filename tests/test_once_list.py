"""`nl list` reads each draft once: the bytes that give its cache key are the ones parsed."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft, Section
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.output.listing import list_drafts


def test_a_cold_draft_is_opened_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "newsletter.toml").write_text('name = "Letter"\n', encoding="utf-8")
    issues = tmp_path / "issues"
    issues.mkdir()
    for month in (1, 2, 3):
        draft = Draft(f"Letter {month}", date(2024, month, 5), month, sections=(Section("News"),))
        storage.save(draft, issues / f"2024-0{month}-05.toml")
    (issues / "broken.toml").write_text('title = "x\n', encoding="utf-8")
    workspace = load_workspace(tmp_path)
    opened: list[str] = []
    real_open = os.open

    def counting_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".toml") and Path(path).parent == issues:
            opened.append(Path(path).name)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting_open)
    listing = list_drafts(workspace, lint=False)
    assert [row.title for row in listing.rows if row.problem is None] == [
        "Letter 3",
        "Letter 2",
        "Letter 1",
    ]
    assert [p.message for p in listing.problems] == ["invalid TOML: this string never ends"]
    assert sorted(opened) == [
        "2024-01-05.toml",
        "2024-02-05.toml",
        "2024-03-05.toml",
        "broken.toml",
    ]
