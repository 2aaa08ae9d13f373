"""archive-duplicate measures near copies on their full text, not on the sampled 3-grams (issue 15 point 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RunNl

from newsletter_cli.lint.archive_index import MODULUS
from newsletter_cli.text.normalize import Text, jaccard

EARLIER = (
    "The river trust will plant two hundred young willows along the north bank in March next year."
)
LATER = "Our river trust will survey all the willows along the south bank in March next year."


def issue(date: str, text: str) -> str:
    return f'title = "River Voices"\ndate = {date}\nintro = """\n{text}\n"""\n'


def test_the_two_paragraphs_share_their_sample_but_not_their_text() -> None:
    earlier, later = Text(EARLIER), Text(LATER)
    assert len(earlier.sample(MODULUS)) >= 2
    assert earlier.sample(MODULUS) == later.sample(MODULUS)
    assert earlier.digest != later.digest
    assert jaccard(earlier.shingles, later.shingles) < 0.3


def test_a_shared_sample_is_not_a_copy(run_nl: RunNl, tmp_path: Path) -> None:
    (tmp_path / "newsletter.toml").write_text(
        'name = "T"\n[lint]\nselect = ["archive-duplicate"]\n', encoding="utf-8"
    )
    (tmp_path / "issues").mkdir()
    (tmp_path / "issues" / "2026-09.toml").write_text(issue("2026-09-01", EARLIER), "utf-8")
    (tmp_path / "issues" / "2026-10.toml").write_text(issue("2026-10-01", LATER), "utf-8")
    result = run_nl("lint", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 files checked: 0 errors, 0 warnings.\n"


LONG = (
    f"{EARLIER} Volunteers meet at the boathouse at nine on Saturday mornings, bring gloves "
    "and boots, and the trust provides tools, tea and a map of the planting sites."
)


@pytest.mark.parametrize(
    ("later", "message"),
    [
        pytest.param(EARLIER, "paragraph 1 already appeared in issues/2026-09.toml:4", id="exact"),
        pytest.param(
            LONG.replace("nine", "ten"),
            "paragraph 1 is 87% the same as paragraph 1 of issues/2026-09.toml:4",
            id="near",
        ),
    ],
)
def test_a_real_copy_is_still_found(
    run_nl: RunNl, tmp_path: Path, later: str, message: str
) -> None:
    (tmp_path / "newsletter.toml").write_text(
        'name = "T"\n[lint]\nselect = ["archive-duplicate"]\n', encoding="utf-8"
    )
    (tmp_path / "issues").mkdir()
    earlier = EARLIER if later == EARLIER else LONG
    (tmp_path / "issues" / "2026-09.toml").write_text(issue("2026-09-01", earlier), "utf-8")
    (tmp_path / "issues" / "2026-10.toml").write_text(issue("2026-10-01", later), "utf-8")
    result = run_nl("lint", cwd=tmp_path)
    assert result.exit_code == 0, result.output  # a warning
    assert (
        result.stdout.splitlines()[0]
        == f"issues/2026-10.toml:4:1: warning archive-duplicate {message}"
    )
