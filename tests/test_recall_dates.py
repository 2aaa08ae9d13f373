"""Recall of the date rules: date mistakes planted into a newsletter written for this test.

Each case plants one mistake into the same clean issue (prose written here, not taken from any
archive) and runs the real engine on it; the rule must report exactly the planted mistake, on
its line, and nothing in the text around it. Ten or more cases per rule.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths

#: A clean issue of Wednesday 5 June 2019. ``{plant}`` opens the second paragraph of the news.
ISSUE = '''title = "River Voices, June"
date = 2019-06-05
intro = """
Dear friends,

spring came late to the valley this year, and the meadows along the towpath are only now in
flower. Thank you to everyone who wrote after the last letter; your notes are pinned above the
kettle in the boathouse.
"""

[[sections]]
heading = "News"
body = """
The council approved the footbridge repairs at its May meeting, and the contractor has promised
to keep one side open for walkers while the work goes on.

{plant}Our volunteers counted 212 swallows at the weir, the highest number since records began,
and the new nesting boxes on the mill wall are all taken.

Over the past month the survey team mapped every culvert between the lock and the sluice.
"""

[[sections]]
heading = "Events"
kind = "event"
date = 2019-06-15
body = """
The summer fair takes over the green on Saturday 15 June 2019, from ten until four, with the
raft race at noon. Join us, and bring a cake for the stall.
"""
'''

PLANT_LINE = 17


def found(tmp_path: Path, rule: str, plant: str, issue: str = ISSUE) -> list[tuple[int, str]]:
    (tmp_path / "newsletter.toml").write_text('name = "River Voices"\n', encoding="utf-8")
    (tmp_path / "issues").mkdir(exist_ok=True)
    draft = issue.replace("{plant}", plant)
    (tmp_path / "issues" / "draft.toml").write_text(draft, encoding="utf-8")
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        report = lint_paths([Path("issues/draft.toml")], load_workspace(tmp_path), select=[rule])
    finally:
        os.chdir(here)
    assert report.problems == []
    return [(f.location.line, f.excerpt or "") for f in report.findings]


@pytest.mark.parametrize(
    "rule", ["relative-date", "impossible-date", "past-event", "weekday-mismatch", "date-range"]
)
def test_the_clean_issue_has_no_date_finding(tmp_path: Path, rule: str) -> None:
    assert found(tmp_path, rule, "") == []


RELATIVE = [
    ("The boat club meets tomorrow at seven. ", "tomorrow"),
    ("The ferry runs again tonight. ", "tonight"),
    ("Yesterday the otters were seen at the lock. ", "Yesterday"),
    ("Bring your gloves this Friday. ", "this Friday"),
    ("The vote on the new path is next Tuesday. ", "next Tuesday"),
    ("Last Saturday the scouts cleared the ditch. ", "Last Saturday"),
    ("The hide opens on Thursday. ", "on Thursday"),
    ("Entries close in three days. ", "in three days"),
    ("The heron came back four days ago. ", "four days ago"),
    ("Come this coming Sunday to the orchard. ", "this coming Sunday"),
    ("The day after tomorrow the lock is drained. ", "The day after tomorrow"),
    ("The report will be out in a few days. ", "in a few days"),
]


@pytest.mark.parametrize(("plant", "expression"), RELATIVE)
def test_relative_date_finds_every_planted_day(tmp_path: Path, plant: str, expression: str) -> None:
    assert found(tmp_path, "relative-date", plant) == [(PLANT_LINE, expression)]


IMPOSSIBLE = [
    ("The plans are due on 31 June. ", "31 June"),
    ("The audit of 30 February 2019 is online. ", "30 February 2019"),
    ("Minutes of 29 February 2019 are online. ", "29 February 2019"),
    ("The grant came on April 31, 2019. ", "April 31, 2019"),
    ("The file is dated 2019-13-02. ", "2019-13-02"),
    ("The file is dated 2019-02-30. ", "2019-02-30"),
    ("The meeting of 31/31/2019 is minuted. ", "31/31/2019"),
    ("The meeting of 30/02/2019 is minuted. ", "30/02/2019"),
    ("The loan runs from 30 to 31 September. ", "30 to 31 September"),
    ("Our letter of 31 November 2018 was answered. ", "31 November 2018"),
    ("The notice of 12/15/2018 and of 20/01/2019 are both online. ", "12/15/2018"),
]


@pytest.mark.parametrize(("plant", "written"), IMPOSSIBLE)
def test_impossible_date_finds_every_planted_date(tmp_path: Path, plant: str, written: str) -> None:
    assert found(tmp_path, "impossible-date", plant) == [(PLANT_LINE, written)]


PAST = [
    "Join us for the river walk on Saturday 1 June. ",
    "Save the date: the otter talk on 30 May. ",
    "The bat walk will take place on 3 June. ",
    "Register now for the bird count on 2 June. ",
    "You are invited to the orchard picnic on 28 May. ",
    "Book your place for the boat trip on 4 June. ",
    "Join us at the mill on Sunday 2 June 2019. ",
    "The workshop will be held on 20 May 2019 in the boathouse. ",
    "Save the Date: Valley Fair 2018 \u2013 September 10-13, on the green. ",
    "RSVP for the lock open day on 1 June. ",
    "Join us for the harvest supper on 5 October 2018. ",
]


@pytest.mark.parametrize("plant", PAST)
def test_past_event_finds_every_planted_invitation(tmp_path: Path, plant: str) -> None:
    assert [line for line, _ in found(tmp_path, "past-event", plant)] == [PLANT_LINE]


WEEKDAYS = [
    "Join us on Friday 8 June for the walk. ",
    "The fair is on Sunday, 15 June 2019. ",
    "We meet on Monday, June 11. ",
    "The lock opens on Mon 4 Jun. ",
    "The talk is on Thursday 2019-06-14. ",
    "Come on Thursday 21 June (the longest day). ",
    "The count is on 22 June 2019 (Friday). ",
    "The picnic is on Saturday 16 June. ",
    "From Friday 7 - Sunday 10 June we camp. ",
    "The swap shop is open on Thursday 12/06/2019 and 13/06/2019. ",
]


@pytest.mark.parametrize("plant", WEEKDAYS)
def test_weekday_mismatch_finds_every_planted_weekday(tmp_path: Path, plant: str) -> None:
    assert [line for line, _ in found(tmp_path, "weekday-mismatch", plant)] == [PLANT_LINE]


RANGES = [
    ("The exhibition runs from 20 to 12 June. ", "20 to 12 June"),
    ("The fair runs 9-7 July. ", "9-7 July"),
    ("The camp runs June 18-14. ", "June 18-14"),
    ("The course runs 30 June - 2 May 2019. ", "30 June - 2 May 2019"),
    ("The closure lasts from 14 to 3 August 2019. ", "14 to 3 August 2019"),
    ("The trail is shut July 30 to July 2. ", "July 30 to July 2"),
    ("Festival week: 25-21 September. ", "25-21 September"),
    ("The hide is shut 10 to 8 October 2019. ", "10 to 8 October 2019"),
    ("The show runs 16 July - 3 March. ", "16 July - 3 March"),
    ("Works run 28 to 27 August. ", "28 to 27 August"),
]


@pytest.mark.parametrize(("plant", "written"), RANGES)
def test_date_range_finds_every_planted_range(tmp_path: Path, plant: str, written: str) -> None:
    assert found(tmp_path, "date-range", plant) == [(PLANT_LINE, written)]


def _without_date(issue: str) -> str:
    return issue.replace("date = 2019-06-05\n", "", 1)


MISSING = [
    ISSUE,
    ISSUE.replace('title = "River Voices, June"', 'title = "River Voices, 5 June 2019"'),
    ISSUE.replace("Dear friends,", "Dear friends, this is the letter of 5 June 2019."),
    ISSUE.replace("{plant}", "Published on 2019-06-05. "),
    ISSUE.replace('kind = "event"\n', ""),
    ISSUE.replace("date = 2019-06-15\n", ""),
    ISSUE.replace("Dear friends,", "Dear friends, summer is here."),
    ISSUE.replace('title = "River Voices, June"', 'title = "June"'),
    ISSUE.replace("[[sections]]", "[[sections]]", 1).replace("News", "Notes"),
    ISSUE.replace('title = "River Voices, June"', 'title = "River Voices"\nsummary = "June"'),
]


@pytest.mark.parametrize("issue", MISSING)
def test_missing_date_finds_every_draft_without_a_date(tmp_path: Path, issue: str) -> None:
    assert [line for line, _ in found(tmp_path, "missing-date", "", _without_date(issue))] == [1]
