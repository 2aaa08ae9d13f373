"""bad-link: empty, malformed or unsafe link targets, and link text that says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint


def draft(text: str) -> str:
    return f'title = "T"\nintro = """\n{text}\n"""\n'


VAGUE = "does not say where it leads; use words that name the target"

FAILS = [
    pytest.param(
        draft("The results are online: [click here](https://example.org/survey)."),
        [(3, 25, f"the link text 'click here' {VAGUE}")],
        id="click-here",
    ),
    pytest.param(
        draft("Read the [report]() and\nthe [map](#)."),
        [(3, 10, "the link 'report' has no target"), (4, 5, "the link 'map' has no target")],
        id="empty-targets",
    ),
    pytest.param(
        draft("See [the map](http:/example.org/map) and [the guide](www.example.org/guide)."),
        [
            (
                3,
                5,
                "malformed link target 'http:/example.org/map': a slash is missing after the colon",
            ),
            (
                3,
                42,
                "malformed link target 'www.example.org/guide': https:// is missing: from"
                " an email this link leads nowhere",
            ),
        ],
        id="malformed",
    ),
    pytest.param(
        draft("Do not [press](javascript:alert(1)) this."),
        [(3, 14, "a javascript:, vbscript: or data: link; mail programs block these")],
        id="javascript",
    ),
    pytest.param(
        draft(
            "The [survey] (https://example.org/survey) and\n[the map](https://example.org/a map)."
        ),
        [
            (3, 5, "a space between the link text and its target: write [text](address)"),
            (4, 1, "the link target contains a space; write it as %20 or fix the address"),
        ],
        id="broken-syntax",
    ),
    pytest.param(
        draft("Details [here][survey].\n\n[survey]: https://example.org/survey"),
        [(3, 9, f"the link text 'here' {VAGUE}")],
        id="reference-link",
    ),
    pytest.param(
        draft("The [survey][s] is out.\n\n[s]: www.example.org/survey"),
        [
            (
                3,
                5,
                "malformed link target 'www.example.org/survey': https:// is missing: from"
                " an email this link leads nowhere",
            )
        ],
        id="malformed-reference-definition",
    ),
]

PASSES = [
    pytest.param(
        draft("Read the [full survey results](https://example.org/survey)."), id="descriptive"
    ),
    pytest.param(draft("Code: `[here](javascript:x)` and `[x]()`."), id="code"),
    pytest.param(
        draft("See [our guide](/guides/outfalls) or [mail us](mailto:a@example.org)."),
        id="relative-and-mailto",
    ),
    pytest.param(
        draft("Details [in the report][survey].\n\n[survey]: https://example.org/s"),
        id="reference-link",
    ),
    pytest.param(
        draft("Here is the [link checker](https://example.org/check) we use."),
        id="here-outside-link-text",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = lint(tmp_path, "bad-link", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "bad-link", text) == []


def test_a_data_link_is_reported_once(tmp_path: Path) -> None:
    """markdown-it parses data: images as links: the unparsed-syntax check must not report it too."""
    found = lint(
        tmp_path,
        "bad-link",
        'title = "T"\nintro = """\nSee [x](data:image/png;base64,AAAA) now.\n"""\n',
    )
    assert [(f.location.line, f.location.column) for f in found] == [(3, 5)]
