"""placeholder-text: notes to self left in the issue, outside code."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint


def draft(text: str) -> str:
    return f'title = "T"\nintro = """\n{text}\n"""\n'


FAILS = [
    pytest.param(
        draft("The assembly takes place on TBD, see [insert link]."),
        [
            (3, 29, "placeholder 'TBD' left in the text"),
            (3, 38, "placeholder '[insert link]' left in the text"),
        ],
        id="tbd-and-insert",
    ),
    pytest.param(
        draft("Dear {{ first_name }},\n\nTODO: thank the volunteers. FIXME XXX"),
        [
            (3, 6, "placeholder '{{ first_name }}' left in the text"),
            (5, 1, "placeholder 'TODO' left in the text"),
            (5, 29, "placeholder 'FIXME' left in the text"),
            (5, 35, "placeholder 'XXX' left in the text"),
        ],
        id="template-and-notes",
    ),
    pytest.param(
        draft("Lorem ipsum dolor sit amet."),
        [(3, 1, "placeholder 'Lorem ipsum' left in the text")],
        id="lorem-ipsum",
    ),
]

PASSES = [
    pytest.param(draft("Write `{{ name }}` in the template, or `TODO` in code."), id="code-span"),
    pytest.param(draft("```\nTODO: lorem ipsum {{ x }}\n```"), id="fenced-code"),
    pytest.param(draft("Our todo list is long, and the tbd column too."), id="lower-case"),
    pytest.param(draft("Read [Add a river to the map](https://example.org/add)."), id="link-text"),
    pytest.param(draft("See https://example.org/TODO/list for details."), id="address"),
    pytest.param(draft("TODOS and XXXL sizes, and a MUTODO are words."), id="inside-words"),
    pytest.param(
        draft('{{< figure src="/img/park.jpg" alt="The park" >}}\n\n{{% note %}}Hi.{{% /note %}}'),
        id="hugo-shortcodes",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = lint(tmp_path, "placeholder-text", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "error" for f in found)


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "placeholder-text", text) == []
