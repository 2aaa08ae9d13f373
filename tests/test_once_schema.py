"""One table validator (draft.schema) for drafts, newsletter.toml and rule options."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsletter_cli.draft import fields
from newsletter_cli.draft.model import SourceMap
from newsletter_cli.draft.schema import Field, TableChecker
from newsletter_cli.draft.tomlsource import parse_toml
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.errors import WorkspaceError


def _check(text: str) -> list[str]:
    data, _text, source = parse_toml(text.encode("utf-8"), Path("t.toml"))
    checker = TableChecker("t.toml", source)
    schema = {
        "name": Field(fields.require_text, required=True),
        "tags": Field(fields.parse_string_list),
    }
    checker.table(data, (), schema, "a thing")
    return [str(p) for p in checker.problems]


def test_every_problem_with_its_position_and_key() -> None:
    assert _check('nmae = "x"\ntags = ["a", 3]\n') == [
        "t.toml:1:1: nmae: unknown key; did you mean name?",
        "t.toml:2:14: tags[2]: expected a string, got a number (3)",
        "t.toml:1:1: missing 'name': a thing needs a name",
    ]


def test_clean_values_come_back() -> None:
    checker = TableChecker("t.toml", SourceMap())
    values = checker.table({"name": "x", "tags": ["a"]}, (), {"name": Field(str.upper)})
    assert checker.problems[0].message == "tags: unknown key; known keys: name"
    assert values == {"name": "X"}


def test_a_wrong_item_of_a_settings_list_is_reported_at_the_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in a draft (``authors[2]``); the settings' own copy of the validator named the list."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsletter.toml").write_text(
        '[lint]\nselect = ["bad-link", 3]\n', encoding="utf-8"
    )
    with pytest.raises(WorkspaceError) as caught:
        load_workspace(tmp_path)
    assert caught.value.lines() == [
        "newsletter.toml:2:23: lint.select[2]: expected a string, got a number (3)"
    ]
