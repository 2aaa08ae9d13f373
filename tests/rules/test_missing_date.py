"""missing-date: an issue without a date."""

from __future__ import annotations

from pathlib import Path

from lintcase import lint


def test_reports_an_issue_without_a_date_at_its_title(tmp_path: Path) -> None:
    text = '# June letter\n\ntitle = "River Voices"\nintro = """\nDear friends.\n"""\n'
    found = lint(tmp_path, "missing-date", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == [
        (3, 1, "the issue has no date; add one after the title, e.g. date = 2026-06-01")
    ]
    assert found[0].severity.value == "error"


def test_a_date_in_the_title_or_text_does_not_count(tmp_path: Path) -> None:
    text = 'title = "River Voices, 4 June 2019"\nintro = """\nSent on 4 June 2019.\n"""\n'
    assert len(lint(tmp_path, "missing-date", text)) == 1


def test_passes_with_a_date(tmp_path: Path) -> None:
    text = 'title = "River Voices"\ndate = 2019-06-04\n'
    assert lint(tmp_path, "missing-date", text) == []
