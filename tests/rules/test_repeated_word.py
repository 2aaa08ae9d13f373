"""repeated-word: "the the", with a safe fix that `nl lint --fix` applies."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RunNl
from lintcase import lint

from newsletter_cli.draft import storage
from newsletter_cli.lint.fixes import apply


def draft(text: str) -> str:
    return f'title = "T"\nintro = """\n{text}\n"""\n'


FAILS = [
    pytest.param(
        draft("Thank you to everyone who gave an evening to the the rivers."),
        [(3, 50, '"the the": the word is repeated')],
        id="same-line",
    ),
    pytest.param(
        draft("Dear friends,\n\nThank you to everyone who gave an evening to the\nthe rivers."),
        [(6, 1, '"the the": the word is repeated')],
        id="across-a-line-break",
    ),
    pytest.param(
        draft("The the survey is out, and it is is good."),
        [(3, 5, '"The the": the word is repeated'), (3, 34, '"is is": the word is repeated')],
        id="case-and-twice",
    ),
]

PASSES = [
    pytest.param(
        draft("Those who had had enough stayed home; we knew that that would happen."),
        id="grammatical-doubles",
    ),
    pytest.param(draft("We visited Walla Walla and Baden Baden; bye bye summer."), id="names"),
    pytest.param(
        draft("Run `make make` or see [the report](https://example.org/the the)."),
        id="code-and-link-target",
    ),
    pytest.param(draft("the `x` the and the, the and 10 10 samples"), id="separated-or-numbers"),
    pytest.param(draft("The theory, the them and the there."), id="prefixes"),
    pytest.param(draft("Nous nous sommes vus au bord de la rivière."), id="french-reflexive"),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = lint(tmp_path, "repeated-word", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "warning" and f.fix is not None for f in found)


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "repeated-word", text) == []


def test_the_fix_removes_the_second_word(tmp_path: Path) -> None:
    text = draft("Dear friends,\n\nThe the survey, given to the\n  the rivers, is is out.")
    found = lint(tmp_path, "repeated-word", text)
    loaded = storage.load(tmp_path / "issues" / "draft.toml")
    fixed, applied = apply(loaded, [f.fix for f in found if f.fix])
    assert applied == 3
    # the line break before a repeat stays: the author's lines are not joined
    assert fixed.intro == "Dear friends,\n\nThe survey, given to the\n  rivers, is out.\n"


def test_nl_lint_fix_repairs_the_file_and_keeps_comments(tmp_path: Path, run_nl: RunNl) -> None:
    (tmp_path / "newsletter.toml").write_text('name = "Test"\n', encoding="utf-8")
    (tmp_path / "issues").mkdir()
    path = tmp_path / "issues" / "draft.toml"
    path.write_text(
        '# our June letter\ntitle = "T"\ndate = 2019-06-05\n'
        'intro = """\nThank you to the the volunteers.\n"""  # the opening\n',
        encoding="utf-8",
    )
    result = run_nl("lint", "--select", "repeated-word", "--fix", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert "Thank you to the volunteers." in text
    assert "# our June letter" in text and "# the opening" in text
    assert lint(tmp_path, "repeated-word", text) == []


def test_the_fix_keeps_a_line_break_before_the_repeat(tmp_path: Path) -> None:
    """Deleting the second word must not join two lines of the author's text."""
    import subprocess
    import sys

    path = tmp_path / "draft.toml"
    path.write_text(
        'title = "T"\ndate = 2026-06-01\n\n[[sections]]\nheading = "News"\nbody = """\n'
        "The volunteers finished on the first day. The\nthe river was clean again by evening.\n"
        "It was the the best day.\n"
        '"""\n',
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "newsletter_cli", "lint", "--fix", "--no-archive", str(path)],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    body = path.read_text(encoding="utf-8")
    assert "first day. The\nriver was clean again by evening.\nIt was the best day.\n" in body


def test_a_repeat_before_punctuation_is_found(tmp_path: Path) -> None:
    found = lint(tmp_path, "repeated-word", draft("Dear friends,\n\nWe all saw the the.\n"))
    assert [(f.location.line, f.location.column, f.message) for f in found] == [
        (5, 16, '"the the": the word is repeated')
    ]
