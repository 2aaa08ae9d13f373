"""Layout flaws seen on rendered pages of the default theme (issue 13, section 1, point 4).

- Print: a short issue exported with ``--paper letter --bleed 3mm --crop-marks`` put a line of
  the sign-off alone on a page while the page before had room. The closing stays whole, with the
  colophon, and takes the end of the letter with it.
- Web: at 375 px wide the event's date badge cut a range of days off (21 to 22 November). The
  page is laid out at phone and desktop widths with WeasyPrint (a real layout engine, no browser
  needed) and every line of the badge must fit inside it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import REPO, RunNl

PRINT_SHOP = ("--pdf", "--force", "--paper", "letter", "--bleed", "3mm", "--crop-marks")
SIGN_OFF = (
    "Thank you for a remarkable year on the rivers.",
    "Warm wishes,",
    "Sam Okafor, for the steering group.",
)


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def _page_of(pages: list[str], text: str) -> int:
    found = [n for n, page in enumerate(pages) if text in page]
    assert len(found) == 1, (text, found)
    return found[0]


def test_the_november_example_for_a_print_shop_keeps_its_closing_together(
    tmp_path: Path, run_nl: RunNl
) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "issues", ws / "issues")
    shutil.copy(REPO / "newsletter.toml", ws / "newsletter.toml")

    result = run_nl("export", *PRINT_SHOP, "issues/2026-11-01-river-voices.toml", cwd=ws)

    assert result.exit_code == 0, result.output
    pages = _pages(ws / "out" / "2026-11-01-river-voices.pdf")
    assert len(pages) == 2
    last = len(pages) - 1
    assert _page_of(pages, "Thank you for a remarkable year") == last
    assert _page_of(pages, "Ana Ferreira and Priya Nair, for the steering group.") == last
    assert _page_of(pages, "Lowland Rivers Alliance\n12 Quay Street") == last


def test_short_issues_for_a_print_shop_never_orphan_the_sign_off(
    tmp_path: Path, run_nl: RunNl
) -> None:
    """Issues of every length around the end of the first Letter page (with bleed and crop
    marks): the sign-off's lines share a page with each other, with the colophon, and with text
    of the letter before them."""
    (tmp_path / "newsletter.toml").write_text(
        'name = "River Letter"\n[organisation]\nname = "River Alliance"\n'
        'address = "1 Quay Street"\nwebsite = "https://example.org"\n',
        encoding="utf-8",
    )
    (tmp_path / "issues").mkdir()
    closing = "\n\n".join(SIGN_OFF)
    lengths = range(14, 30)
    for lines in lengths:
        body = "\n\n".join(f"Line {i} of the news from the river." for i in range(lines))
        (tmp_path / "issues" / f"short-{lines}.toml").write_text(
            f'title = "Short"\ndate = 2024-03-01\nintro = "Dear friends,"\n'
            f'closing = """\n{closing}\n"""\n\n'
            f'[[sections]]\nheading = "News"\nbody = """\n{body}\n"""\n',
            encoding="utf-8",
        )

    result = run_nl("export", *PRINT_SHOP, "issues", cwd=tmp_path, timeout=600)

    assert result.exit_code == 0, result.output
    page_counts = set()
    for lines in lengths:
        pages = _pages(tmp_path / "out" / f"short-{lines}.pdf")
        page_counts.add(len(pages))
        last = len(pages) - 1
        for line in (*SIGN_OFF, "River Alliance\n1 Quay Street"):
            assert _page_of(pages, line) == last, (lines, line)
        # the last page starts with the letter, not with the farewell
        assert pages[last].index("of the news from the river") < pages[last].index(SIGN_OFF[0])
        # a page had room for a short issue: one page when the whole letter fits on it
        if last > 0:
            assert f"Line {lines - 1} of" in pages[last]
    assert page_counts == {1, 2}, "the lengths no longer cross the end of the first page"


# ---------------------------------------------------------------- the web page's date badge


def _boxes(box: Any) -> list[Any]:
    found = [box]
    for child in getattr(box, "children", ()):
        found.extend(_boxes(child))
    return found


def _badge_overflow(html_file: Path, width: int) -> list[tuple[str, float]]:
    """Lay the web page out at ``width`` CSS pixels; the text of each date badge that sticks
    out of it, with by how many pixels."""
    from weasyprint import CSS, HTML

    page = HTML(filename=str(html_file)).render(
        stylesheets=[CSS(string=f"@page {{ size: {width}px 4000px; margin: 0 }}")]
    )
    problems: list[tuple[str, float]] = []
    badges = 0
    for box in _boxes(page.pages[0]._page_box):
        element = getattr(box, "element", None)
        if element is None or element.get("class") != "calendar" or box.element_tag != "div":
            continue
        badges += 1
        left = box.position_x + box.margin_left + box.border_left_width
        right = left + box.padding_width()
        for inner in _boxes(box):
            if type(inner).__name__ == "TextBox":
                sticks_out = max(left - inner.position_x, inner.position_x + inner.width - right)
                if sticks_out > 0.5:
                    problems.append((inner.text, round(sticks_out, 1)))
    assert badges, "no date badge on the page"
    return problems


@pytest.mark.parametrize("width", [320, 375, 768, 1024])
def test_the_event_date_badge_shows_the_whole_range_at_every_width(
    tmp_path: Path, run_nl: RunNl, width: int
) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "issues", ws / "issues")
    shutil.copy(REPO / "newsletter.toml", ws / "newsletter.toml")
    draft = ws / "issues" / "2026-11-01-river-voices.toml"
    assert "date = 2026-11-21" in draft.read_text(encoding="utf-8")

    result = run_nl("export", "--html", "--force", "issues/2026-11-01-river-voices.toml", cwd=ws)

    assert result.exit_code == 0, result.output
    page = ws / "out" / "2026-11-01-river-voices.html"
    assert "21\u201322" in page.read_text(encoding="utf-8")
    assert _badge_overflow(page, width) == []
