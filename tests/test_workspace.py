"""newsletter.toml: found by walking up, typed settings with defaults, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsletter_cli.draft.workspace import (
    DEFAULT_SECTIONS,
    Settings,
    load_workspace,
    settings_reference,
)
from newsletter_cli.errors import WorkspaceError


def test_no_workspace_file_means_defaults(tmp_path: Path) -> None:
    workspace = load_workspace(tmp_path)
    assert workspace.config_path is None
    assert workspace.settings == Settings()
    assert workspace.settings.sections == DEFAULT_SECTIONS
    assert workspace.issues_path == tmp_path.resolve() / "issues"


def test_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / "newsletter.toml").write_text(
        'name = "River Voices"\npaper = "letter"\n[organisation]\nname = "Alliance"\n'
        '[[sections]]\nheading = "Events"\nkind = "event"\n',
        encoding="utf-8",
    )
    deep = tmp_path / "issues" / "2026"
    deep.mkdir(parents=True)
    workspace = load_workspace(deep)
    assert workspace.root == tmp_path
    assert workspace.settings.name == "River Voices"
    assert workspace.settings.paper == "letter"
    assert workspace.settings.organisation.name == "Alliance"
    assert [(s.heading, s.kind) for s in workspace.settings.sections] == [("Events", "event")]


def test_every_problem_is_reported_with_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsletter.toml").write_text(
        'nmae = "x"\npaper = "a5"\nbase_url = "example.org"\n[organisation]\nphone = "1"\n'
        '[lint]\nselect = "all"\n[[sections]]\nkind = "event"\n',
        encoding="utf-8",
    )
    with pytest.raises(WorkspaceError) as caught:
        load_workspace(tmp_path)
    assert caught.value.lines() == [
        "newsletter.toml:1:1: nmae: unknown setting; did you mean name?",
        "newsletter.toml:2:1: paper: must be one of a4, letter, not 'a5'",
        "newsletter.toml:3:1: base_url: 'example.org' is not a web address starting with https://",
        "newsletter.toml:5:1: organisation.phone: unknown setting; known keys: name, address, website, email",
        "newsletter.toml:7:1: lint.select: expected a list of strings, got text ('all')",
        "newsletter.toml:8:1: sections.0: missing 'heading'",
    ]


def test_invalid_toml_in_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsletter.toml").write_text('name = "x\n', encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        load_workspace(tmp_path)
    assert caught.value.lines() == ["newsletter.toml:1:8: invalid TOML: this string never ends"]


def test_every_setting_is_documented() -> None:
    rows = settings_reference()
    assert {key for key, _, _ in rows} >= {"name", "paper", "organisation.name", "lint.boilerplate"}
    assert all(doc for _, _, doc in rows)


def test_docs_list_every_setting() -> None:
    from newsletter_cli.draft.workspace import settings_markdown

    docs = (Path(__file__).parent.parent / "docs" / "workspace.md").read_text(encoding="utf-8")
    assert settings_markdown() in docs, "regenerate the table in docs/workspace.md"
