"""archive-duplicate: paragraphs that already appeared in an earlier issue of the archive."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lintcase import lint

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths

P = (
    "The water company has promised to repair the two misconnected outfalls on the Wend\n"
    "before the end of the year, and to report to the Hollins Mill group every month."
)
LONG = " ".join(
    [
        "Over the spring, 212 volunteers took more than 1,900 water samples at 86 sites across",
        "the lowland rivers. Nitrate levels were higher than expected downstream of arable land,",
        "and phosphate readings near two treatment works were well above the guideline values.",
        "The full report, with a map of every sampling site and the method we used, will be",
        "published in October, and every member group will receive a printed copy by post.",
    ]
)
FOOTER = "To unsubscribe from this letter, reply with the word stop and we will remove you."


def issue(when: str, *paragraphs: str, number: int | None = None) -> str:
    head = f'title = "T"\n{when}'
    if number is not None:
        head += f"number = {number}\n"
    return head + 'intro = """\n' + "\n\n".join(paragraphs) + '\n"""\n'


FAILS = [
    pytest.param(
        issue("date = 2026-10-01\n", "Dear friends,", P),
        [issue("date = 2026-09-01\n", P)],
        "",
        [(6, 1, "paragraph 2 already appeared in issues/archive-0.toml:4")],
        id="last-month",
    ),
    pytest.param(
        issue("", P, number=41),
        [
            issue("", "Hello.", P, number=40),
            issue("", "Other text entirely, nothing shared.", number=39),
        ],
        "",
        [(4, 1, "paragraph 1 already appeared in issues/archive-0.toml:6")],
        id="ordered-by-number",
    ),
    pytest.param(
        issue("", P),
        [issue("", P)],
        "",
        [(3, 1, "paragraph 1 already appeared in issues/archive-0.toml:3")],
        id="ordered-by-file-name",
    ),
    pytest.param(
        issue("date = 2026-10-01\n", LONG.replace("1,900", "2,000")),
        [issue("date = 2026-09-01\n", LONG)],
        "",
        # "1,900" is two words, "1 900": 4 of 71 3-grams differ, 67 shared of 75 = 89%
        [(4, 1, "paragraph 1 is 89% the same as paragraph 1 of issues/archive-0.toml:4")],
        id="edited-copy",
    ),
    pytest.param(
        issue("date = 2026-10-01\n", FOOTER),
        [issue("date = 2026-09-01\n", FOOTER)],
        "[lint]\nboilerplate = ['^to subscribe']\n",
        [(4, 1, "paragraph 1 already appeared in issues/archive-0.toml:4")],
        id="pattern-does-not-match",
    ),
]

PASSES = [
    pytest.param(
        issue("date = 2026-08-01\n", P),
        [issue("date = 2026-09-01\n", P)],
        "",
        id="the-earlier-issue",
    ),
    pytest.param(
        issue("date = 2026-10-01\n", P),
        [issue("date = 2026-09-01\n", P), issue("date = 2026-08-01\n", P)],
        "",
        id="recurs-in-three-issues",
    ),
    pytest.param(
        issue("date = 2026-10-01\n", FOOTER),
        [issue("date = 2026-09-01\n", FOOTER)],
        "[lint]\nboilerplate = ['^to unsubscribe']\n",
        id="boilerplate-pattern",
    ),
    pytest.param(
        issue("date = 2026-10-01\n", "Thank you all for a wonderful summer."),
        [issue("date = 2026-09-01\n", "Thank you all for a wonderful summer.")],
        "",
        id="short",
    ),
    pytest.param(
        issue("date = 2026-10-01\n", P.replace("Wend", "Ashbourne").replace("two", "three")),
        [issue("date = 2026-09-01\n", LONG)],
        "",
        id="different-text",
    ),
]


@pytest.mark.parametrize(("draft", "archive", "settings", "expected"), FAILS)
def test_reports_the_later_issue(
    tmp_path: Path,
    draft: str,
    archive: list[str],
    settings: str,
    expected: list[tuple[int, int, str]],
) -> None:
    found = lint(tmp_path, "archive-duplicate", draft, archive, settings)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected


@pytest.mark.parametrize(("draft", "archive", "settings"), PASSES)
def test_passes(tmp_path: Path, draft: str, archive: list[str], settings: str) -> None:
    assert lint(tmp_path, "archive-duplicate", draft, archive, settings) == []


def test_similarity_one_finds_exact_copies_only(tmp_path: Path) -> None:
    draft = issue("date = 2026-10-01\n", LONG.replace("1,900", "2,000"))
    archive = [issue("date = 2026-09-01\n", LONG)]
    settings = "[lint.rules.archive-duplicate]\nsimilarity = 1.0\n"
    assert lint(tmp_path, "archive-duplicate", draft, archive, settings) == []


def test_boilerplate_issues_option(tmp_path: Path) -> None:
    draft = issue("date = 2026-10-01\n", P)
    archive = [issue("date = 2026-09-01\n", P), issue("date = 2026-08-01\n", P)]
    settings = "[lint.rules.archive-duplicate]\nboilerplate_issues = 4\n"
    found = lint(tmp_path, "archive-duplicate", draft, archive, settings)
    assert [f.message for f in found] == ["paragraph 1 already appeared in issues/archive-0.toml:4"]
    assert [r["path"] for r in found[0].data["related"]] == [
        os.path.join("issues", "archive-0.toml"),
        os.path.join("issues", "archive-1.toml"),
    ]


def test_archive_folder_and_no_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "newsletter.toml").write_text('name = "T"\n', encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "2026-09.toml").write_text(
        issue("date = 2026-09-01\n", P), encoding="utf-8"
    )
    draft = tmp_path / "new.toml"
    draft.write_text(issue("date = 2026-10-01\n", P), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    workspace = load_workspace(tmp_path)
    select = ["archive-duplicate"]
    found = lint_paths([Path("new.toml")], workspace, select=select, archive=Path("old"))
    assert [f.message for f in found.findings] == [
        f"paragraph 1 already appeared in {os.path.join('old', '2026-09.toml')}:4"
    ]
    assert lint_paths([Path("new.toml")], workspace, select=select, archive=False).findings == []
    # the default archive is the issues folder, which this workspace does not have
    assert lint_paths([Path("new.toml")], workspace, select=select).findings == []
