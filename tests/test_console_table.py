"""console.table: a long table is drawn line by line, in the same columns as a short one."""

from __future__ import annotations

import pytest

from newsletter_cli import console


def _rows(count: int) -> list[tuple[str, str, str]]:
    return [(f"issue {i}", str(i * 7), f"issues/{i:04d}.toml") for i in range(count)]


def test_a_long_table_has_one_line_per_row_and_aligned_columns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    count = console.LONG_TABLE + 50
    console.table(None, ("title", "words", "file"), _rows(count), right=("words",))
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == count + 2  # header, rule, rows
    assert lines[0].split(" ┃ ") == ["title    ", "words", "file"]
    assert set(lines[1]) == {"━", "╇"}
    first, last = lines[2].split(" │ "), lines[-1].split(" │ ")
    assert first == ["issue 0  ", "    0", "issues/0000.toml"]  # numbers to the right
    assert last == [f"issue {count - 1}", f"{(count - 1) * 7:>5}", f"issues/{count - 1:04d}.toml"]
    # every separator stands in the same column on every line
    assert len({line.index("│") for line in lines[2:]}) == 1


def test_a_short_table_shows_the_same_cells(capsys: pytest.CaptureFixture[str]) -> None:
    console.table(None, ("title", "words", "file"), _rows(3), right=("words",))
    text = capsys.readouterr().out
    for cell in ("title", "words", "issue 2", "14", "issues/0002.toml"):
        assert cell in text
