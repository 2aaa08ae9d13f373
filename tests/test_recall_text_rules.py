"""Recall of the text rules: defects planted into a draft written for this test, all caught.

The clean draft below is a whole issue of an invented newsletter, with the
shapes real issues have (a greeting, prose, an events listing, link lists,
credits, figures, a signature). Each case plants one defect into it; the rule
must report it, on the line where it was planted, and nothing else: the clean
draft itself has no finding of any of these rules.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths

RULES = (
    "truncated-paragraph",
    "placeholder-text",
    "repeated-word",
    "bad-link",
    "missing-alt-text",
    "empty-section",
)

CLEAN = '''title = "Valley Notes"
date = 2026-06-05
number = 18

intro = """
Dear friends,

June has come to the valley with long evenings and low water. This issue brings the results of
the spring survey, the new footpath by the weir and a list of summer walks.

PLANT_INTRO
"""

closing = """
Thank you for reading, and for every hour you gave to the river this spring.

With warm regards,

Ana Ferreira
Coordinator, Valley Rivers Group
"""

[[sections]]
heading = "The spring survey"
body = """
Over the spring, 64 volunteers took 1,120 samples at 38 sites between the mill and the estuary.
Nitrate was higher than last year below the arable fields, and lower in the upper valley.

Samples 1,120 | sites 38 | volunteers 64

![Map of the 38 sampling sites along the valley](images/sites.png)

*Map: Tom Okafor*

Read the [full survey report](https://valley.example/survey-2026) and the
[data tables](https://valley.example/survey-2026/tables).

PLANT_SURVEY
"""

[[sections]]
heading = "Summer walks"
body = """
- Saturday 13 June: the weir and the new footpath, with the ranger
- Sunday 28 June: bats at dusk by the old mill (venue TBC)
- Saturday 11 July: the estuary at low tide

Walks are free; bring boots and water. Booking is not needed.

PLANT_WALKS
"""

[[sections]]
heading = "Reading"
body = """
[The river in summer](https://valley.example/reading/summer) \u2013 [Bats of the valley](https://valley.example/reading/bats)

The regional paper ran a long piece, "Where the river runs low", on the dry spring.
"""
'''

#: (rule, where, planted text, line offset of the finding inside the planted text)
CASES = [
    # truncated-paragraph: a sentence stopping mid-way, in prose and in lines that are not prose
    ("truncated-paragraph", "SURVEY", "The council adopted the plan as a recommendation that", 0),
    ("truncated-paragraph", "SURVEY", "We counted the herons at the weir and the", 0),
    ("truncated-paragraph", "WALKS", "The ranger will meet walkers at the car park,", 0),
    ("truncated-paragraph", "INTRO", "The new footpath was opened by the mayor and\nthe", 1),
    ("truncated-paragraph", "SURVEY", "Volunteers sampled the river in April. Most of them", 0),
    ("truncated-paragraph", "WALKS", "Venue: the old mill, by kind permission of the", 0),
    ("truncated-paragraph", "SURVEY", "*Photos: Tom Okafor and the volunteers of the*", 0),
    (
        "truncated-paragraph",
        "INTRO",
        "We thank the landowners along the lower valley for their\n**patience**",
        1,
    ),
    ("truncated-paragraph", "SURVEY", "Our thanks go to the school, the scouts and", 0),
    ("truncated-paragraph", "WALKS", "Walkers who booked in May will receive a map from", 0),
    ("truncated-paragraph", "INTRO", "The survey shows that the river is cleaner than", 0),
    # placeholder-text: an editor's own note left in the text
    ("placeholder-text", "SURVEY", "TODO: add photo of the sampling kit", 0),
    ("placeholder-text", "WALKS", "The bat walk starts at [insert time] by the mill.", 0),
    ("placeholder-text", "INTRO", "The summer fair takes place on TBD at the weir.", 0),
    ("placeholder-text", "SURVEY", "XXX", 0),
    ("placeholder-text", "WALKS", "Lorem ipsum dolor sit amet.", 0),
    ("placeholder-text", "INTRO", "Dear {{ first_name }}, thank you for your help.", 0),
    ("placeholder-text", "SURVEY", "The report (FIXME: check the figures) is online.", 0),
    ("placeholder-text", "WALKS", "Book with [your name] at the office.", 0),
    ("placeholder-text", "INTRO", "TBC", 0),
    ("placeholder-text", "SURVEY", "The map is by [add credit].", 0),
    ("placeholder-text", "WALKS", "The walk ends at the estuary. TODO check the tide table", 0),
    # repeated-word
    ("repeated-word", "SURVEY", "Nitrate was higher below the the arable fields.", 0),
    ("repeated-word", "INTRO", "We walked to the\nthe weir at dawn.", 1),
    ("repeated-word", "WALKS", "Bring boots and and water.", 0),
    ("repeated-word", "SURVEY", "The samples were taken in in April.", 0),
    ("repeated-word", "INTRO", "Thank you to everyone who came to to the clean-up.", 0),
    ("repeated-word", "WALKS", "The ranger will will meet you at the car park.", 0),
    ("repeated-word", "SURVEY", "The heron is a a common sight at the weir.", 0),
    ("repeated-word", "INTRO", "It was a long long spring.", 0),
    ("repeated-word", "WALKS", "Walks are free for for members.", 0),
    ("repeated-word", "SURVEY", "The the river was low in May.", 0),
    # bad-link
    ("bad-link", "SURVEY", "The report is [here](https://valley.example/report).", 0),
    ("bad-link", "WALKS", "Book a place [click here](https://valley.example/book).", 0),
    ("bad-link", "INTRO", "Read the [survey]() before the meeting.", 0),
    ("bad-link", "SURVEY", "See the [map](http:/valley.example/map).", 0),
    ("bad-link", "WALKS", "See the [route](https//valley.example/route).", 0),
    ("bad-link", "INTRO", "See the [photos](www.valley.example/photos).", 0),
    ("bad-link", "SURVEY", "See the [tables](javascript:alert(1)).", 0),
    ("bad-link", "WALKS", "See the [timetable](#).", 0),
    ("bad-link", "INTRO", "See the [news](https://).", 0),
    ("bad-link", "SURVEY", "See the [data] (https://valley.example/data).", 0),
    ("bad-link", "WALKS", "The full list is online: [this link](https://valley.example/walks).", 0),
    # missing-alt-text
    ("missing-alt-text", "SURVEY", "![](images/heron.png)", 0),
    ("missing-alt-text", "WALKS", '<img src="images/bat.png">', 0),
    ("missing-alt-text", "INTRO", "![ ](images/weir.png)", 0),
    ("missing-alt-text", "SURVEY", "The heron at dawn: ![](images/heron-dawn.png)", 0),
    ("missing-alt-text", "WALKS", '<img src="images/map.png" width="300">', 0),
    ("missing-alt-text", "INTRO", "![](images/a.png) ![Kingfisher on a branch](images/b.png)", 0),
    ("missing-alt-text", "SURVEY", '<p><img src="images/chart.png"></p>', 0),
    ("missing-alt-text", "WALKS", "[![](images/button.png)](https://valley.example/book)", 0),
    ("missing-alt-text", "INTRO", "![](https://valley.example/images/banner.jpg)", 0),
    ("missing-alt-text", "SURVEY", "Before and after:\n![](images/after.png)", 1),
]

#: Sections whose body is empty (or only comments or headings): empty-section.
EMPTY_BODIES = [
    "",
    "\n",
    "<!-- write the news here -->",
    "<!--\nthe list of new members\n-->",
    "### Coming soon",
    "<!-- one -->\n\n<!-- two -->",
    "   \n\t\n",
    "## Notes\n\n### More notes",
    "<!-- a note -->\n\n## A heading only",
    "<!---\nleft over from last month\n--->",
]


def lint(root: Path, text: str, rule: str) -> list[tuple[int, str]]:
    (root / "newsletter.toml").write_text('name = "Valley Notes"\n', encoding="utf-8")
    (root / "issues").mkdir(exist_ok=True)
    (root / "issues" / "draft.toml").write_text(text, encoding="utf-8")
    here = Path.cwd()
    os.chdir(root)
    try:
        report = lint_paths(
            [Path("issues/draft.toml")], load_workspace(root), select=[rule], archive=False
        )
    finally:
        os.chdir(here)
    assert not report.problems
    return [(f.location.line, f.message) for f in report.findings]


def planted(where: str, text: str) -> str:
    draft = CLEAN.replace(f"PLANT_{where}", text)
    return "\n".join(line for line in draft.split("\n") if not line.startswith("PLANT_"))


def clean() -> str:
    return planted("NONE", "")


@pytest.mark.parametrize("rule", RULES)
def test_the_clean_draft_has_no_finding(tmp_path: Path, rule: str) -> None:
    assert lint(tmp_path, clean(), rule) == []


@pytest.mark.parametrize(("rule", "where", "text", "offset"), CASES)
def test_a_planted_defect_is_caught(
    tmp_path: Path, rule: str, where: str, text: str, offset: int
) -> None:
    draft = planted(where, text)
    line = draft.split("\n").index(text.split("\n")[0]) + 1 + offset
    found = lint(tmp_path, draft, rule)
    assert [place for place, _ in found] == [line], found


@pytest.mark.parametrize("body", EMPTY_BODIES)
def test_a_planted_empty_section_is_caught(tmp_path: Path, body: str) -> None:
    draft = clean() + f'\n[[sections]]\nheading = "Members"\nbody = """\n{body}\n"""\n'
    found = lint(tmp_path, draft, "empty-section")
    assert len(found) == 1 and "Members" in found[0][1], found


def test_every_rule_has_ten_planted_cases() -> None:
    counts = {rule: sum(case[0] == rule for case in CASES) for rule in RULES}
    counts["empty-section"] = len(EMPTY_BODIES)
    assert min(counts.values()) >= 10, counts
