"""What a message says about a wrong value (issue 17, point 16): the item named, huge values cut.

Run through the real `nl lint`, as an author meets them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RunNl

HUGE = "x" * 100_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'title = "June"\nauthors = ["Ana",\n  1]\n',
            "june.toml:3:3: authors[2]: expected a string, got a number (1)",
            id="authors-item",
        ),
        pytest.param(
            'title = "June"\n\n[[sections]]\nheading = "News"\nlint_ignore = ["a", true]\n',
            "june.toml:5:21: sections.0.lint_ignore[2]: expected a string, got a boolean (true)",
            id="lint-ignore-item",
        ),
        pytest.param(
            'title = "June"\nauthors = "Ana"\n',
            "june.toml:2:1: authors: expected a list of strings, got text ('Ana')",
            id="not-a-list",
        ),
    ],
)
def test_a_wrong_item_of_a_list_is_named_with_its_position(
    run_nl: RunNl, tmp_path: Path, text: str, expected: str
) -> None:
    (tmp_path / "june.toml").write_text(text, encoding="utf-8")
    result = run_nl("lint", "june.toml", cwd=tmp_path)
    assert result.exit_code == 3, result.output
    assert expected in result.stderr.splitlines()[0].removeprefix("error: "), result.stderr


@pytest.mark.parametrize(
    ("line", "key"),
    [
        (f'language = "{HUGE}"', "language"),
        (f'date = "{HUGE}"', "date"),
        (f"authors = [{'1' * 5000}]", "authors[1]"),
        (f"number = -{'9' * 200}", "number"),
        (f"title = {'9' * 5000}", "title"),
        (f'title = ["{HUGE}"]', "title"),
    ],
    ids=["language", "date", "authors-number", "negative-number", "title-number", "title-list"],
)
def test_messages_never_repeat_a_huge_value_whole(
    run_nl: RunNl, tmp_path: Path, line: str, key: str
) -> None:
    text = line + "\n" if line.startswith("title") else f'title = "June"\n{line}\n'
    (tmp_path / "june.toml").write_text(text, encoding="utf-8")
    result = run_nl("lint", "june.toml", cwd=tmp_path)
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: june.toml")]
    assert errors, result.stderr
    assert all(len(line) < 200 for line in result.stderr.splitlines()), result.stderr
    assert any(key in line for line in errors) or "too long to read" in errors[0]


def test_an_answer_given_with_set_is_quoted_cut_short(run_nl: RunNl, tmp_path: Path) -> None:
    (tmp_path / "newsletter.toml").write_text('name = "Test Letter"\n', encoding="utf-8")
    result = run_nl("new", "--no-input", "--set", f"date={HUGE}", cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert "error: --set date='xxx" in result.stderr and "is not a date" in result.stderr
    assert len(result.stderr) < 400, result.stderr
