"""near-duplicate-paragraph: edited copies inside one issue, with their similarity."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint

A = (
    "Between June and August, fourteen member groups organised clean-ups along the Wend,\n"
    "the Ashbourne and the lower reaches of the Calder, and removed two tonnes of waste."
)
A_EDITED = (
    "Between June and September, fourteen member groups organised clean-ups along the Wend,\n"
    "the Ashbourne and the lower reaches of the Calder, and removed two tonnes of waste."
)
A_EXTENDED = A + " Thank you to every volunteer who came along."
OTHER = (
    "Over the spring, 212 volunteers took more than 1,900 water samples at 86 sites, and\n"
    "nitrate levels were higher than expected downstream of arable land."
)

FAILS = [
    pytest.param(
        f'title = "T"\nintro = """\n{A}\n\n{OTHER}\n\n{A_EDITED}\n"""\n',
        # 28 words, 26 3-grams; one word changed spoils 3: 23 shared of 29 = 79%
        [(9, 1, "paragraph 3 is 79% the same as paragraph 1 (line 3)")],
        id="one-word-changed",
    ),
    pytest.param(
        f'title = "T"\n\n[[sections]]\nheading = "One"\nbody = """\n{A}\n"""\n\n'
        f'[[sections]]\nheading = "Two"\nbody = """\n  {A_EXTENDED}\n"""\n',
        [(13, 3, "paragraph 2 is 76% the same as paragraph 1 (line 6)")],
        id="sentence-added-in-another-section",
    ),
]

PASSES = [
    pytest.param(f'title = "T"\nintro = """\n{A}\n\n{OTHER}\n"""\n', id="different"),
    pytest.param(f'title = "T"\nintro = """\n{A}\n\n{A}\n"""\n', id="exact-copy-is-the-other-rule"),
    pytest.param(
        'title = "T"\nintro = """\nThe spring walk starts at ten in Marlow.\n\n'
        'The autumn walk starts at ten in Marlow.\n"""\n',
        id="too-short",
    ),
    pytest.param(
        'title = "T"\nintro = """\n'
        "[Read the full report of the water-quality survey](https://example.org/reports/2026/survey)\n\n"
        "[Read the full report of the water-quality survey](https://example.org/reports/2026/survey2)\n"
        '"""\n',
        id="link-only",
    ),
]


@pytest.mark.parametrize(("draft", "expected"), FAILS)
def test_reports_the_later_copy(
    tmp_path: Path, draft: str, expected: list[tuple[int, int, str]]
) -> None:
    found = lint(tmp_path, "near-duplicate-paragraph", draft)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize("draft", PASSES)
def test_passes(tmp_path: Path, draft: str) -> None:
    assert lint(tmp_path, "near-duplicate-paragraph", draft) == []


def test_threshold_option(tmp_path: Path) -> None:
    draft = f'title = "T"\nintro = """\n{A}\n\n{A_EDITED}\n"""\n'
    (finding,) = lint(tmp_path, "near-duplicate-paragraph", draft)
    assert finding.data["similarity"] == round(23 / 29, 3)
    high = "[lint.rules.near-duplicate-paragraph]\nthreshold = 0.8\n"
    assert lint(tmp_path, "near-duplicate-paragraph", draft, settings=high) == []
    exact = "[lint.rules.near-duplicate-paragraph]\nthreshold = 0.79\n"
    assert len(lint(tmp_path, "near-duplicate-paragraph", draft, settings=exact)) == 1
