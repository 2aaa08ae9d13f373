"""A line break inside a paragraph (CommonMark's hard break: a backslash at the end of the line)
stays a line break in every output, and lint reads it as a line break, not as text.

A sign-off ("Warm wishes,\\ Sam, for the steering group") and an address need their lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import RunNl

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from lintcase import lint

#: The sign-off in ''' quotes (backslashes as typed), the address in """ quotes (written \\).
DRAFT = '''title = "June news"
date = 2026-06-01

intro = """
Dear friends,

The summer fair is coming and we need helpers for the stalls and the tea tent this year.
"""

closing = \'\'\'
Warm wishes,\\
Sam, for the steering group
\'\'\'

[[sections]]
heading = "Where to find us"
body = """
Our new office is open on weekdays from nine until five, with tea and biscuits for visitors.

Harbour Residents Association, the Community Centre building\\\\
4 Pier Road, Portwell, next to the old lifeboat station\\\\
Open on weekdays from nine until five
"""
'''

SIGN_OFF = ["Warm wishes,", "Sam, for the steering group"]
ADDRESS = [
    "Harbour Residents Association, the Community Centre building",
    "4 Pier Road, Portwell, next to the old lifeboat station",
    "Open on weekdays from nine until five",
]


@pytest.fixture
def draft(workspace_dir: Path) -> Path:
    path = workspace_dir / "issues" / "2026-06-01-june.toml"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_lint_reports_nothing_about_hard_line_breaks(draft: Path, run_nl: RunNl) -> None:
    result = run_nl("lint", draft.relative_to(draft.parent.parent), cwd=draft.parent.parent)
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output, result.output


def test_web_email_and_text_keep_the_lines(draft: Path, run_nl: RunNl) -> None:
    root = draft.parent.parent
    result = run_nl("export", "--html", "--email", "--text", "issues", cwd=root)
    assert result.exit_code == 0, result.output
    for page in ("2026-06-01-june.html", "2026-06-01-june.email.html"):
        html = (root / "out" / page).read_text(encoding="utf-8")
        assert "Warm wishes,<br>\nSam, for the steering group" in html, page
        assert "next to the old lifeboat station<br>\nOpen on weekdays" in html, page
    lines = (root / "out" / "2026-06-01-june.txt").read_text(encoding="utf-8").splitlines()
    for expected in (SIGN_OFF, ADDRESS):
        start = lines.index(expected[0])
        assert lines[start : start + len(expected)] == expected
    assert not any(line.rstrip().endswith("\\") for line in lines)


def test_the_pdf_shows_the_lines_separately(draft: Path, run_nl: RunNl) -> None:
    pytest.importorskip("weasyprint", reason="the PDF needs WeasyPrint and its system libraries")
    from pypdf import PdfReader

    root = draft.parent.parent
    result = run_nl("export", "--pdf", "issues", cwd=root)
    assert result.exit_code == 0, result.output
    text = "\n".join(
        page.extract_text() for page in PdfReader(root / "out" / "2026-06-01-june.pdf").pages
    )
    lines = [line.strip() for line in text.splitlines()]
    for line in SIGN_OFF + ADDRESS:
        assert line in lines, (line, lines)
    assert "\\" not in text


def _body(text: str) -> str:
    return (
        'title = "T"\ndate = 2026-06-01\n[[sections]]\nheading = "H"\n'
        f"body = '''\n{text}\n'''\n"
    )


@pytest.mark.parametrize(
    ("rule", "text", "reported"),
    [
        # lines broken on purpose, no full stop: an address, not a sentence cut short
        ("truncated-paragraph", "\\\n".join(ADDRESS), []),
        ("truncated-paragraph", "\\\n".join(SIGN_OFF), []),
        ("truncated-paragraph", "With warm wishes from all of us at the harbour,\\", []),
        # prose with a break that then stops mid-sentence still is one
        (
            "truncated-paragraph",
            "We thank everyone who came to the fair.\\\nThe next meeting will be on",
            [(7, 26)],
        ),
        # the backslash is a line break to the rules that read words and dates
        ("repeated-word", "We walked along the\\\nthe river bank.", [(7, 1)]),
        ("weekday-mismatch", "The fair is on Friday 4\\\nJune 2026.", [(6, 16)]),
        (
            "duplicate-paragraph",
            "Warm wishes from all of us at the harbour,\\\nSam\n\n"
            "Warm wishes from all of us at the harbour,\nSam",
            [(9, 1)],
        ),
    ],
)
def test_rules_read_a_hard_line_break_as_a_line_break(
    rule: str, text: str, reported: list[tuple[int, int]], tmp_path: Path
) -> None:
    found = lint(tmp_path, rule, _body(text))
    assert [(f.location.line, f.location.column) for f in found] == reported
