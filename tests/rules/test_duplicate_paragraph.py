"""duplicate-paragraph: exact repeats inside one issue, one finding per repeated run."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint, places

A = "The autumn assembly takes place in Marlow on 14 November, and all members are welcome."
B = "Volunteers removed more than two tonnes of waste from the banks of the Wend this summer."
C = "The full survey report will be published in October, with a map of every sampling site."

FAILS = [
    pytest.param(
        f'title = "T"\nintro = """\n{A}\n\n{A}\n"""\n',
        [(5, 1, "paragraph 2 repeats paragraph 1 (line 3)")],
        id="twice-in-intro",
    ),
    pytest.param(
        # curly quotes, bold, case, spacing and a full stop do not make it different
        'title = "T"\nintro = """\nThe "river walk" starts at ten, and everyone is welcome to join the group.\n\n'
        "The **River Walk** starts at ten,  and everyone is welcome to join the group\n"
        '"""\n',
        [(5, 1, "paragraph 2 repeats paragraph 1 (line 3)")],
        id="normalised",
    ),
    pytest.param(
        f'title = "T"\n\n[[sections]]\nheading = "One"\nbody = """\n{A}\n\n{B}\n"""\n\n'
        f'[[sections]]\nheading = "Two"\nbody = """\n{C}\n\n{A}\n\n{B}\n"""\n',
        [(16, 1, "paragraphs 4-5 repeat paragraphs 1-2 (from line 6)")],
        id="run-across-sections",
    ),
    pytest.param(
        f'title = "T"\nintro = """\nDear friends,\n\n{A}\n\n{B}\n\nDear friends,\n\n{A}\n\n{B}\n"""\n',
        [(9, 1, "paragraphs 4-6 repeat paragraphs 1-3 (from line 3)")],
        id="short-greeting-joins-the-run",
    ),
    pytest.param(
        f'title = "T"\nintro = """\n{A}\n\n{B}\n\n{A}\n\n{C}\n\n{B}\n"""\n',
        [
            (7, 1, "paragraph 3 repeats paragraph 1 (line 3)"),
            (11, 1, "paragraph 5 repeats paragraph 2 (line 5)"),
        ],
        id="two-separate-repeats",
    ),
    pytest.param(
        f'title = "T"\nintro = """{A}\n\n{A}"""\n',
        [(4, 1, "paragraph 2 repeats paragraph 1 (line 2)")],
        id="text-on-the-opening-line",
    ),
    pytest.param(
        f'title = "T"\nintro = """\n- Steps:\n\n  {A}\n\n  {A}\n"""\n',
        [(7, 3, "paragraph 3 repeats paragraph 2 (line 5)")],
        id="inside-a-list-item",
    ),
    pytest.param(
        f"title = \"T\"\nclosing = '''\n{A}\n'''\nintro = '''\n{A}\n'''\n",
        [(3, 1, "paragraph 2 repeats paragraph 1 (line 6)")],
        id="closing-repeats-intro",
    ),
]

PASSES = [
    pytest.param(
        f'title = "T"\nintro = """\nDear friends,\n\n{A}\n\nDear friends,\n\nThank you!\n\nThank you!\n"""\n',
        id="short-paragraphs",
    ),
    pytest.param(
        f'title = "T"\nintro = """\n{A}\n\n{A.replace("Marlow", "Hollins")}\n"""\n',
        id="one-word-differs",
    ),
    pytest.param(
        'title = "T"\nintro = """\n## News from the network and from the wider region this month\n\n'
        "## News from the network and from the wider region this month\n" + '"""\n',
        id="headings",
    ),
    pytest.param(
        'title = "T"\nintro = """\n[the guide]: https://example.org/guides/outfall-mapping/step-by-step\n\n'
        '[the guide]: https://example.org/guides/outfall-mapping/step-by-step\n"""\n',
        id="link-definitions",
    ),
]


@pytest.mark.parametrize(("draft", "expected"), FAILS)
def test_reports_the_repeat(
    tmp_path: Path, draft: str, expected: list[tuple[int, int, str]]
) -> None:
    found = lint(tmp_path, "duplicate-paragraph", draft)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.rule == "duplicate-paragraph" and f.severity.value == "error" for f in found)


@pytest.mark.parametrize("draft", PASSES)
def test_passes(tmp_path: Path, draft: str) -> None:
    assert lint(tmp_path, "duplicate-paragraph", draft) == []


def test_a_run_lists_every_pair_as_related_locations(tmp_path: Path) -> None:
    draft = f'title = "T"\nintro = """\n{A}\n\n{B}\n\n{C}\n\n{A}\n\n{B}\n\n{C}\n"""\n'
    (finding,) = lint(tmp_path, "duplicate-paragraph", draft)
    assert finding.message == "paragraphs 4-6 repeat paragraphs 1-3 (from line 3)"
    assert finding.data["pairs"] == [[4, 1], [5, 2], [6, 3]]
    assert [(r["line"], r["column"]) for r in finding.data["related"]] == [(3, 1), (5, 1), (7, 1)]
    assert finding.fix is not None


def test_no_fix_inside_a_list_item(tmp_path: Path) -> None:
    draft = f'title = "T"\nintro = """\n- Steps:\n\n  {A}\n\n  {A}\n"""\n'
    (finding,) = lint(tmp_path, "duplicate-paragraph", draft)
    assert finding.fixes == ()


def test_min_words_option(tmp_path: Path) -> None:
    draft = f'title = "T"\nintro = """\n{A}\n\n{A}\n"""\n'
    # A has 15 words: exempt below 16, reported from 15
    settings = "[lint.rules.duplicate-paragraph]\nmin_words = 16\n"
    assert lint(tmp_path, "duplicate-paragraph", draft, settings=settings) == []
    settings = "[lint.rules.duplicate-paragraph]\nmin_words = 15\n"
    assert places(lint(tmp_path, "duplicate-paragraph", draft, settings=settings)) == [(5, 1)]
