"""Recall of the duplicate and event rules after issue 15: planted mistakes, all still caught.

Each case plants one mistake into a draft of our own prose (never a real archive's text),
among an archive of clean issues, and runs the real engine (`lint_paths`, archive on).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths

PROSE = [
    "Between June and August, fourteen member groups organised clean-ups along the Wend\n"
    "and the Ashbourne, and removed more than two tonnes of waste from the banks.",
    "Over the spring, our volunteers took more than nineteen hundred water samples at\n"
    "eighty-six sites, and nitrate levels were higher than expected below the farms.",
    "The water company has promised to repair the two misconnected outfalls on the\n"
    "Calder before the end of the year, and to report to the Hollins group monthly.",
    "Our new guide to river plants, written by Anna Okafor with drawings by the\n"
    "children of Fenby school, is free to members and costs four pounds to others.",
    "The footbridge at Marlow weir reopened after the floods, and the path along the\n"
    "north bank is passable again as far as the old mill and the boathouse.",
    "Thirty new members joined the network this quarter, most of them from the two\n"
    "groups that started in the villages upstream of the reservoir last winter.",
    "The otter survey found fresh spraints at nine of the twelve sites we checked,\n"
    "three more than last time, and a holt below the sluice that nobody had recorded.",
    "A grant from the county council will pay for the second monitoring station and\n"
    "for the training of the volunteers who will read it every week from April.",
    "The eel pass at the lower weir was cleaned and inspected by the ranger and two\n"
    "volunteers, who counted forty young eels climbing it in a single evening.",
    "Members voted to move the annual report online, which saves the network about\n"
    "eight hundred pounds of printing and postage, and paper copies stay on request.",
]

#: Ten announcements without a day, each worth a warning.
ANNOUNCEMENTS = [
    "Join us at the boathouse for the autumn clean-up; bring gloves and boots.",
    "Register now for the water-testing course, places are limited to twelve.",
    "Our next meeting will look at the new monitoring station and its costs.",
    "The annual assembly will take place in Marlow, in the church hall.",
    "Save the date for the river festival at Hollins Mill.",
    "Please join us for a guided walk along the north bank of the Calder.",
    "The upcoming workshop on otter signs is open to all members.",
    "Come and join us at the weir for the eel count.",
    'Join us for the "Wend in Bloom" picnic, with music by the Fenby band.',
    "Our next webinar covers the results of the spring survey.",
]


def workspace(root: Path, draft: str, archive: list[str]) -> list[tuple[str, int]]:
    (root / "newsletter.toml").write_text('name = "Test"\n', encoding="utf-8")
    issues = root / "issues"
    issues.mkdir()
    for n, text in enumerate(archive):
        (issues / f"2026-0{n + 1}-01.toml").write_text(text, encoding="utf-8")
    (issues / "2026-09-01.toml").write_text(draft, encoding="utf-8")
    here = Path.cwd()
    os.chdir(root)
    try:
        report = lint_paths([Path("issues")], load_workspace(root))
    finally:
        os.chdir(here)
    assert not report.problems, report.problems
    return [
        (f.rule, f.location.line)
        for f in report.findings
        if f.location.path.endswith("2026-09-01.toml")
    ]


def issue(month: int, paragraphs: list[str]) -> str:
    return (
        f'title = "T"\ndate = 2026-{month:02}-01\nintro = """\n'
        + "\n\n".join(paragraphs)
        + '\n"""\n'
    )


def clean_archive() -> list[str]:
    # each archived issue has its own paragraphs: nothing recurs, nothing is standing text
    return [
        issue(m, [f"Issue {m} notes: the {w} group met as usual and has nothing new."])
        for m, w in zip(range(1, 4), ["Wend", "Calder", "Hollins"], strict=True)
    ]


@pytest.mark.parametrize("n", range(10))
def test_duplicate_paragraph_planted(tmp_path: Path, n: int) -> None:
    body = [p for i, p in enumerate(PROSE) if i != n][:5]
    draft = issue(9, [PROSE[n], *body, PROSE[n]])
    assert ("duplicate-paragraph", 4 + 3 * 6) in workspace(tmp_path, draft, clean_archive())


@pytest.mark.parametrize("n", range(10))
def test_near_duplicate_paragraph_planted(tmp_path: Path, n: int) -> None:
    edited = PROSE[n].replace(" the ", " this ", 1).replace(",", ";", 1)
    edited = edited.rsplit(" ", 1)[0] + " too."
    body = [p for i, p in enumerate(PROSE) if i != n][:3]
    draft = issue(9, [PROSE[n], *body, edited])
    assert ("near-duplicate-paragraph", 4 + 3 * 4) in workspace(tmp_path, draft, clean_archive())


@pytest.mark.parametrize("n", range(10))
def test_archive_duplicate_planted(tmp_path: Path, n: int) -> None:
    archive = clean_archive()
    archive[1] = issue(2, ["Dear friends,", PROSE[n]])  # last issue's paragraph, left in
    others = [p for i, p in enumerate(PROSE) if i != n][:2]
    draft = issue(9, [*others, PROSE[n]])
    assert ("archive-duplicate", 4 + 3 * 2) in workspace(tmp_path, draft, archive)


@pytest.mark.parametrize("n", range(10))
def test_event_missing_date_planted(tmp_path: Path, n: int) -> None:
    draft = (
        'title = "T"\ndate = 2026-09-01\nintro = """\n' + PROSE[n] + '\n"""\n\n'
        '[[sections]]\nheading = "News"\nbody = """\n' + ANNOUNCEMENTS[n] + '\n"""\n'
    )
    found = workspace(tmp_path, draft, clean_archive())
    assert [rule for rule, _ in found if rule == "event-missing-date"] == ["event-missing-date"]
