"""console.table: whole values in plain columns when the output is not a terminal."""

from __future__ import annotations

import pytest

from newsletter_cli import console


def _rows(count: int) -> list[tuple[str, str, str]]:
    return [(f"issue {i}", str(i * 7), f"issues/{i:04d}.toml") for i in range(count)]


def test_a_long_table_has_one_line_per_row_and_aligned_columns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    count = 250
    console.table(None, ("title", "words", "file"), _rows(count), right=("words",), flex="title")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == count + 1  # header, rows
    assert lines[0] == "title      words  file"
    assert lines[1] == "issue 0        0  issues/0000.toml"  # numbers to the right
    assert lines[-1] == f"issue {count - 1}  {(count - 1) * 7:>5}  issues/{count - 1:04d}.toml"
    # every column starts at the same place on every line
    assert len({line.index("issues/") for line in lines[1:]}) == 1


def test_no_cell_is_cut_when_not_at_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    title = "A title much longer than any terminal is wide " * 4
    console.table(None, ("title", "file"), [(title, "issues/" + "x" * 150 + ".toml")], flex="title")
    text = capsys.readouterr().out
    assert title.rstrip() in text and "issues/" + "x" * 150 + ".toml" in text
    assert "…" not in text
