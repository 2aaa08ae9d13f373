"""`nl import` where the text comes in (issue 15, "And where the text comes in: nl import").

Each test runs the real `nl import` on a small source written here and reads the draft back.
"""

from __future__ import annotations

from pathlib import Path

from conftest import RunNl

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft


def import_into(run_nl: RunNl, tmp_path: Path, name: str, text: str) -> tuple[int, str, Path]:
    source = tmp_path / "old" / name
    source.parent.mkdir(exist_ok=True)
    source.write_text(text, encoding="utf-8")
    result = run_nl("import", source, "-o", tmp_path / "drafts", cwd=tmp_path)
    return result.exit_code, result.stderr, tmp_path / "drafts"


def only_draft(folder: Path) -> tuple[Draft, str]:
    (path,) = folder.glob("*.toml")
    return storage.load(path), path.read_text(encoding="utf-8")


# -- point 1: the section level is the level the sections use ---------------------------

QUOTE_OF_THE_WEEK = """\
---
title: Harbour Notes 41
date: 2021-04-06
---

A short welcome to this week's notes.

## Boats

The ferry timetable changes on Monday 12 April.

## Market

The fish market moves to the east quay.

# Quote of the Week

"Any port in a storm."

## Volunteers

Thanks to everyone who painted the railings.
"""


def test_a_single_top_level_heading_among_level_two_sections_is_not_the_section_level(
    run_nl: RunNl, tmp_path: Path
) -> None:
    code, stderr, out = import_into(run_nl, tmp_path, "2021-04-06-notes.md", QUOTE_OF_THE_WEEK)
    assert code == 0, stderr
    draft, _ = only_draft(out)
    assert draft.intro == "A short welcome to this week's notes."
    assert [s.heading for s in draft.sections] == [
        "Boats",
        "Market",
        "Quote of the Week",
        "Volunteers",
    ]
    assert draft.sections[2].body == '"Any port in a storm."'


def test_subheadings_stay_inside_their_sections(run_nl: RunNl, tmp_path: Path) -> None:
    text = (
        "---\ntitle: Notes\ndate: 2021-04-06\n---\n\nHello.\n\n## Events\n\n### Monday\n\nA.\n\n"
        "### Tuesday\n\nB.\n\n## News\n\nC.\n"
    )
    code, stderr, out = import_into(run_nl, tmp_path, "notes.md", text)
    assert code == 0, stderr
    draft, _ = only_draft(out)
    assert [s.heading for s in draft.sections] == ["Events", "News"]
    assert "### Tuesday" in draft.sections[0].body


# -- point 2: a front matter date that is not a real date is never replaced silently ----


def test_a_date_that_is_not_real_is_an_error_at_its_position_and_said_in_the_draft(
    run_nl: RunNl, tmp_path: Path
) -> None:
    text = '---\ntitle: Leap\ndate: "2022-02-29"\n---\n\nHello.\n'
    code, stderr, out = import_into(run_nl, tmp_path, "2022-03-01-leap.md", text)
    assert code == 3, stderr
    assert "2022-03-01-leap.md:3:7: date '2022-02-29' is not a real date" in stderr
    draft, written = only_draft(out)
    assert draft.date is not None and draft.date.isoformat() == "2022-03-01"
    comment = next(line for line in written.splitlines() if line.startswith("# date"))
    assert "file name" in comment and "2022-02-29" in comment
    # the comment stands right above the date it explains
    lines = written.splitlines()
    assert lines[lines.index(comment) + 1] == "date = 2022-03-01"


def test_a_toml_front_matter_date_that_is_not_real_without_a_date_in_the_name(
    run_nl: RunNl, tmp_path: Path
) -> None:
    text = '+++\ntitle = "Leap"\ndate = "2021-02-30"\n+++\n\nHello.\n'
    code, stderr, out = import_into(run_nl, tmp_path, "leap.md", text)
    assert code == 3, stderr
    assert "leap.md:3:8: date '2021-02-30' is not a real date" in stderr
    draft, written = only_draft(out)
    assert draft.date is None
    assert "# date: none" in written and "2021-02-30" in written


def test_a_real_front_matter_date_gets_no_comment(run_nl: RunNl, tmp_path: Path) -> None:
    text = '---\ntitle: Fine\ndate: "2022-02-28"\n---\n\nHello.\n'
    code, stderr, out = import_into(run_nl, tmp_path, "2022-03-01-fine.md", text)
    assert code == 0, stderr
    draft, written = only_draft(out)
    assert draft.date is not None and draft.date.isoformat() == "2022-02-28"
    assert "# date" not in written


# -- point 3: plain text keeps a cut sentence cut, and finds the dateline ----------------

CUT_LETTER = """\
Spring letter

The committee met twice and made a recommendation that
June 2019
Dear friends,
The summer fair is on the green this year. Bring a cake if you can.
"""


def test_a_short_title_case_line_ends_a_cut_sentence(run_nl: RunNl, tmp_path: Path) -> None:
    code, stderr, out = import_into(run_nl, tmp_path, "letters.txt", CUT_LETTER)
    assert code == 0, stderr
    draft, _ = only_draft(out)
    texts = [draft.intro, *(s.heading for s in draft.sections), *(s.body for s in draft.sections)]
    joined = "\n\n".join(texts)
    assert "recommendation that June" not in joined
    assert any(t.rstrip().endswith("a recommendation that") for t in joined.split("\n\n"))
    assert "June 2019" in [s.heading for s in draft.sections]


def test_a_one_word_line_above_the_dateline_does_not_hide_the_date(
    run_nl: RunNl, tmp_path: Path
) -> None:
    text = (
        "Subscribe!\nJune 2019\n\nDear friends,\n\nThe river rose again this week and the "
        "volunteers met at the mill.\n"
    )
    code, stderr, out = import_into(run_nl, tmp_path, "letter.txt", text)
    assert code == 0, stderr
    draft, _ = only_draft(out)
    assert draft.date is not None and draft.date.isoformat() == "2019-06-01"
    assert "Subscribe!" in draft.intro  # kept, not lost
    assert "June 2019" not in draft.intro


# -- point 4: template variables of the source site -------------------------------------

SITE_VARIABLES = """\
---
title: Notes 7
date: 2021-05-03
excerpt: The week the bridge reopened.
---
{% assign forum = "https://forum.example.org/t/" %}

{{ page.excerpt }} Read on.

See [the map]({{ site.baseurl }}/maps/bridge.png) and [the thread]({{forum}}512).

The bridge was built at height {{ site.height }} metres.

[minutes]: {{ site.url }}/minutes/7.html
"""


def test_template_variables_are_filled_or_reported_once(run_nl: RunNl, tmp_path: Path) -> None:
    code, stderr, out = import_into(run_nl, tmp_path, "2021-05-03-notes.md", SITE_VARIABLES)
    assert code == 0, stderr
    draft, _ = only_draft(out)
    intro = draft.intro
    assert "The week the bridge reopened. Read on." in intro
    assert "[the map](/maps/bridge.png)" in intro
    assert "[the thread](https://forum.example.org/t/512)" in intro
    assert "[minutes]: /minutes/7.html" in intro
    assert "{% assign" not in intro
    # what the import cannot know is shown as the variable it is, and named once in the summary
    assert "height `{{ site.height }}` metres" in intro
    assert "template variables not filled" in stderr and "site.height" in stderr


def test_template_variables_leave_no_placeholder_finding(run_nl: RunNl, tmp_path: Path) -> None:
    code, stderr, out = import_into(run_nl, tmp_path, "2021-05-03-notes.md", SITE_VARIABLES)
    assert code == 0, stderr
    result = run_nl(
        "lint",
        out,
        "--select",
        "placeholder-text",
        "--no-archive",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert "{{" not in result.stdout, result.stdout


def test_a_variable_captured_on_one_line_is_filled(run_nl: RunNl, tmp_path: Path) -> None:
    text = (
        "---\ntitle: Notes\ndate: 2021-05-03\n---\n"
        "{% capture before %}Two inputs<br>one output{% endcapture %}\n\n"
        "| today | {{ before }} |\n| --- | --- |\n"
    )
    code, stderr, out = import_into(run_nl, tmp_path, "notes.md", text)
    assert code == 0, stderr
    draft, _ = only_draft(out)
    assert "| today | Two inputs<br>one output |" in draft.intro
    assert "capture" not in draft.intro  # the statement showed nothing on the site
    assert "not filled" not in stderr


def test_title_case_words_inside_wrapped_prose_are_no_boundary(
    run_nl: RunNl, tmp_path: Path
) -> None:
    text = (
        "Dear friends,\n\n"
        "The choir travelled by coach all the way down to the coast and then on to\n"
        "Saint Mary's Church\n"
        "where we sang for the harvest festival with the children of the village.\n"
        "Then we had tea.\n"
    )
    code, stderr, out = import_into(run_nl, tmp_path, "2019-10-01-letter.txt", text)
    assert code == 0, stderr
    draft, _ = only_draft(out)
    # one paragraph (the short line keeps its hand-made line break, as any short line does)
    assert len(draft.intro.split("\n\n")) == 2
    assert "then on to Saint Mary's Church" in draft.intro
    assert not draft.sections


def test_a_site_variable_in_prose_is_not_removed(run_nl: RunNl, tmp_path: Path) -> None:
    text = "---\ntitle: Notes\ndate: 2021-05-03\n---\n\nOur address is {{ site.url }}.\n"
    code, stderr, out = import_into(run_nl, tmp_path, "notes.md", text)
    assert code == 0, stderr
    draft, _ = only_draft(out)
    assert draft.intro == "Our address is `{{ site.url }}`."
    assert "site.url" in stderr
