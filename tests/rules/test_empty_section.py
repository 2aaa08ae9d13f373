"""empty-section: a section without body text."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint

HEAD = 'title = "T"\n'

FAILS = [
    pytest.param(
        HEAD + '\n[[sections]]\nheading = "Publications"\n',
        [(3, 1, 'the section "Publications" is empty; write it or remove it')],
        id="no-body",
    ),
    pytest.param(
        HEAD + '\n[[sections]]\nheading = "Publications"\nbody = """\n\n"""\n',
        [(5, 1, 'the section "Publications" is empty; write it or remove it')],
        id="blank-body",
    ),
    pytest.param(
        HEAD
        + '\n[[sections]]\nheading = "Publications"\nbody = """\n<!-- reports -->\n## More\n"""\n',
        [
            (
                5,
                1,
                'the section "Publications" has no text, only comments or headings;'
                " write it or remove it",
            )
        ],
        id="only-a-comment-and-a-heading",
    ),
    pytest.param(
        HEAD + '\n[[sections]]\nheading = "Walk"\nkind = "event"\ndate = 2019-06-08\n'
        '\n[[sections]]\nheading = "News"\nbody = "We planted trees."\n',
        [(3, 1, 'the section "Walk" is empty; write it or remove it')],
        id="event-without-body",
    ),
]

PASSES = [
    pytest.param(
        HEAD + '\n[[sections]]\nheading = "News"\nbody = "We planted trees."\n', id="text"
    ),
    pytest.param(
        HEAD + '\n[[sections]]\nheading = "Map"\nbody = "![The map](map.png)"\n', id="image-only"
    ),
    pytest.param(HEAD + 'intro = "Hello."\n', id="no-sections"),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = lint(tmp_path, "empty-section", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "error" for f in found)


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "empty-section", text) == []
