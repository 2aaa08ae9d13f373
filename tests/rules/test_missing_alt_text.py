"""missing-alt-text: images nobody can read aloud."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint


def draft(text: str) -> str:
    return f'title = "T"\nintro = """\n{text}\n"""\n'


FAILS = [
    pytest.param(
        draft("![](images/water-quality.png)"),
        [
            (
                3,
                1,
                "the image 'images/water-quality.png' has no alt text; describe it between"
                " ![ and ]",
            )
        ],
        id="markdown",
    ),
    pytest.param(
        draft('Dear friends,\n\nOur map ![ok](a.png) and ![ ](images/map.png "Map").'),
        [(5, 26, "the image 'images/map.png' has no alt text; describe it between ![ and ]")],
        id="second-image-blank-alt",
    ),
    pytest.param(
        draft('Logo: <img src="logo.png" width="40">'),
        [(3, 7, 'the <img> tag has no alt attribute; add alt="what it shows"')],
        id="html",
    ),
]

PASSES = [
    pytest.param(draft("![Bar chart of water quality](images/water-quality.png)"), id="alt"),
    pytest.param(draft('<img src="divider.png" alt="">'), id="decorative-html"),
    pytest.param(draft("Write `![](x.png)` for an image."), id="code"),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = lint(tmp_path, "missing-alt-text", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "missing-alt-text", text) == []
