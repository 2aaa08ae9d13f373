"""`nl new` without a person at the keyboard: --no-input, --set, --answers, exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import RunNl

from newsletter_cli.draft import storage

ANSWERS = '''\
title = "June news"
date = 2026-06-05
number = 7

[sections.0]
body = """
Hello all.

A second paragraph."""

[sections.1]
heading = "River news"
body = "The river is clean again."

[sections.2]
heading = "Summer walk"
date = 2026-06-20
location = "Mill bridge"
body = "Meet at ten."

[sections.3]
include = false

[sections.5]
heading = "Volunteers"
body = "We need two people in July."
'''


def only_draft(workspace_dir: Path) -> Path:
    found = sorted((workspace_dir / "issues").glob("*.toml"))
    assert len(found) == 1, found
    return found[0]


def test_no_input_takes_the_defaults(run_nl: RunNl, workspace_dir: Path) -> None:
    result = run_nl(
        "new", "--no-input", "--set", "sections.2.include=no", cwd=workspace_dir, input=""
    )
    assert result.exit_code == 0, result.output
    path = only_draft(workspace_dir)
    assert path.name.endswith("-test-letter.toml")
    assert f"saved issues/{path.name}" in result.stderr
    draft = storage.load(path)
    assert draft.title == "Test Letter" and draft.number == 1 and draft.language == "en"
    assert draft.date is not None and draft.date.day == 1 and draft.date > date.today()
    assert [s.heading for s in draft.sections] == [
        "Dear friends",
        "News",
        "Publications",
        "Closing",
    ]


def test_a_missing_answer_without_a_terminal_is_a_usage_error(
    run_nl: RunNl, workspace_dir: Path
) -> None:
    result = run_nl("new", cwd=workspace_dir, input="")
    assert result.exit_code == 2, result.output
    assert "no answer for title (the title of the issue)" in result.stderr
    assert "`nl new` is not running in a terminal, so it cannot ask" in result.stderr
    assert "--set title=VALUE" in result.stderr and "--answers" in result.stderr
    assert "--no-input" in result.stderr
    assert "Traceback" not in result.output
    assert list((workspace_dir / "issues").iterdir()) == []


def test_no_input_names_an_answer_without_a_default(run_nl: RunNl, workspace_dir: Path) -> None:
    # a section added from the command line needs a heading: the format requires one
    result = run_nl(
        "new", "--no-input", "--set", "sections.5.include=yes", cwd=workspace_dir, input=""
    )
    assert result.exit_code == 2, result.output
    assert "no answer for sections.5.heading" in result.stderr
    assert "--set sections.5.heading=VALUE" in result.stderr
    assert "--set sections.5.include=no" in result.stderr
    assert list((workspace_dir / "issues").iterdir()) == []


def test_no_input_leaves_out_an_event_date_and_writes_the_skeleton(
    run_nl: RunNl, workspace_dir: Path
) -> None:
    # issue 13, 2.2: the default Events section has no date; the draft format allows that
    result = run_nl("new", "--no-input", "--set", "title=June news", cwd=workspace_dir, input="")
    assert result.exit_code == 0, result.output
    draft = storage.load(only_draft(workspace_dir))
    events = [s for s in draft.sections if s.kind == "event"]
    assert [(s.heading, s.date) for s in events] == [("Events", None)]
    assert "event-missing-date" in result.stdout  # lint says what is left to fill in


def test_an_answers_file_and_set_make_the_whole_issue(run_nl: RunNl, workspace_dir: Path) -> None:
    answers = workspace_dir / "answers.toml"
    answers.write_text(ANSWERS, encoding="utf-8")
    result = run_nl(
        "new",
        "--no-input",
        "--answers",
        answers,
        "--set",
        "language=en-GB",
        "--set",
        "sections.4.include=no",
        cwd=workspace_dir,
        input="",
    )
    assert result.exit_code == 0, result.output
    path = only_draft(workspace_dir)
    assert path.name == "2026-06-05-june-news.toml"
    draft = storage.load(path)
    assert (draft.title, draft.date, draft.number, draft.language) == (
        "June news",
        date(2026, 6, 5),
        7,
        "en-GB",
    )
    assert [(s.heading, s.kind) for s in draft.sections] == [
        ("Dear friends", "article"),
        ("River news", "article"),
        ("Summer walk", "event"),
        ("Volunteers", "article"),
    ]
    assert draft.sections[0].body == "Hello all.\n\nA second paragraph."
    assert draft.sections[2].date == date(2026, 6, 20)
    assert draft.sections[2].location == "Mill bridge"
    assert "nl lint finds nothing to fix." in result.stderr
    assert "Next: nl export issues/2026-06-05-june-news.toml makes the PDF" in result.stderr


def test_the_remarks_of_nl_lint_end_with_what_to_do_next(
    run_nl: RunNl, workspace_dir: Path
) -> None:
    result = run_nl(
        "new", "--no-input", "--set", "sections.2.include=no", cwd=workspace_dir, input=""
    )
    assert result.exit_code == 0, result.output
    name = only_draft(workspace_dir).name
    assert "What nl lint finds in it:" in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Next: change the draft in your editor and check it again with")
    assert f"nl lint issues/{name};" in " ".join(result.stderr.split())


def test_a_bad_answer_on_the_command_line_is_refused_with_its_reason(
    run_nl: RunNl, workspace_dir: Path
) -> None:
    result = run_nl("new", "--no-input", "--set", "date=2026-02-30", cwd=workspace_dir, input="")
    assert result.exit_code == 2, result.output
    assert (
        "error: --set date=2026-02-30: 2026-02-30 is not a real date: February 2026 has 28 days"
        in result.stderr
    )
    result = run_nl(
        "new", "--no-input", "--set", "sections.0.heading=", cwd=workspace_dir, input=""
    )
    assert result.exit_code == 2, result.output
    assert "a section heading cannot be empty" in result.stderr
    result = run_nl("new", "--no-input", "--set", "titel=June", cwd=workspace_dir, input="")
    assert result.exit_code == 2, result.output
    assert "titel: `nl new` asks no such question; did you mean title?" in result.stderr
    for typed, reason in [
        ("-3", "the issue number must be 1 or more, not -3"),
        ("abc", "'abc' is not a whole number; give the issue number, e.g. 7"),
    ]:
        result = run_nl(
            "new", "--no-input", "--set", f"number={typed}", cwd=workspace_dir, input=""
        )
        assert result.exit_code == 2, result.output
        assert f"error: --set number={typed}: {reason}" in result.stderr
    assert list((workspace_dir / "issues").iterdir()) == []


def test_a_broken_answers_file_names_the_line(run_nl: RunNl, workspace_dir: Path) -> None:
    answers = workspace_dir / "answers.toml"
    answers.write_text('title = "June"\n\n[sections.1]\nheadline = "x"\n', encoding="utf-8")
    result = run_nl("new", "--answers", answers, cwd=workspace_dir, input="")
    assert result.exit_code == 3, result.output
    assert "answers.toml:4:1: sections.1.headline" in result.stderr
    answers.write_text('title = "June\n', encoding="utf-8")
    result = run_nl("new", "--answers", answers, cwd=workspace_dir, input="")
    assert result.exit_code == 3, result.output
    assert "answers.toml:1:" in result.stderr


def test_a_folder_given_as_answers_is_named(run_nl: RunNl, workspace_dir: Path) -> None:
    result = run_nl("new", "--no-input", "--answers", "issues", cwd=workspace_dir, input="")
    assert result.exit_code == 3, result.output
    assert "issues:1:1: is a folder, not a file of answers" in result.stderr
    assert list((workspace_dir / "issues").glob("*.toml")) == []


def test_an_existing_output_needs_force(run_nl: RunNl, workspace_dir: Path) -> None:
    target = workspace_dir / "mine.toml"
    target.write_text('# mine\ntitle = "Mine"\n', encoding="utf-8")
    args = ("new", "--no-input", "--set", "sections.2.include=no", "-o", "mine.toml")
    result = run_nl(*args, cwd=workspace_dir, input="")
    assert result.exit_code == 1, result.output
    assert "mine.toml: already exists; nothing was changed" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == '# mine\ntitle = "Mine"\n'
    result = run_nl(*args, "--force", cwd=workspace_dir, input="")
    assert result.exit_code == 0, result.output
    assert storage.load(target).title == "Test Letter"
    assert "# mine" not in target.read_text(encoding="utf-8")


def test_resume_without_input_finishes_with_defaults(run_nl: RunNl, workspace_dir: Path) -> None:
    partial = workspace_dir / "issues" / "partial.toml"
    partial.write_text(
        'title = "Half done"\ndate = 2026-06-01\n\n[[sections]]\nheading = "Dear friends"\n'
        'body = "Hello."\n',
        encoding="utf-8",
    )
    result = run_nl(
        "new", "--resume", partial, "--no-input", "--set", "sections.2.include=no",
        cwd=workspace_dir, input="",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    draft = storage.load(partial)
    assert draft.title == "Half done"
    assert [s.heading for s in draft.sections] == [
        "Dear friends",
        "News",
        "Publications",
        "Closing",
    ]
    assert draft.sections[0].body == "Hello."


def test_resuming_a_broken_draft_names_the_problem(run_nl: RunNl, workspace_dir: Path) -> None:
    broken = workspace_dir / "issues" / "broken.toml"
    broken.write_text('title = "X"\nnumber = 0\n', encoding="utf-8")
    result = run_nl("new", "--resume", broken, "--no-input", cwd=workspace_dir, input="")
    assert result.exit_code == 3, result.output
    assert "issues/broken.toml:2:1: number: the issue number must be 1 or more" in result.stderr


def test_output_and_resume_together_are_refused(run_nl: RunNl, workspace_dir: Path) -> None:
    result = run_nl("new", "--resume", "a.toml", "-o", "b.toml", cwd=workspace_dir, input="")
    assert result.exit_code == 2, result.output
    assert "cannot be combined" in result.stderr


def test_unused_answers_are_pointed_out(run_nl: RunNl, workspace_dir: Path) -> None:
    result = run_nl(
        "new", "--no-input", "--set", "sections.2.include=no", "--set", "sections.1.date=2026-06-01",
        cwd=workspace_dir, input="",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "the answer for sections.1.date was not used" in result.stderr


def test_help_lists_the_ways_to_answer(run_nl: RunNl) -> None:
    result = run_nl("new", "--help")
    assert result.exit_code == 0
    for option in (
        "--resume",
        "--output",
        "--force",
        "--no-input",
        "--set",
        "--answers",
        "--editor",
    ):
        assert option in result.stdout


def test_a_title_given_with_a_line_break_is_refused_like_the_loader_refuses_it(
    run_nl: RunNl, workspace_dir: Path
) -> None:
    result = run_nl(
        "new",
        "--no-input",
        "--set",
        "title=June\nnews",
        "--set",
        "sections.2.include=no",
        cwd=workspace_dir,
    )
    assert result.exit_code == 2, result.output
    assert "the title must be one line: it holds a line break (U+000A)" in result.stderr
    assert not (workspace_dir / "issues").exists() or not list((workspace_dir / "issues").iterdir())


def test_output_in_a_missing_folder_makes_it_as_import_does(
    run_nl: RunNl, workspace_dir: Path
) -> None:
    # issue 13, 2.9: `nl import -o` creates its folder; `nl new -o` now agrees
    result = run_nl(
        "new",
        "--no-input",
        "--set",
        "title=June news",
        "-o",
        "drafts/june/june.toml",
        cwd=workspace_dir,
    )
    assert result.exit_code == 0, result.output
    assert "saved drafts/june/june.toml" in result.stderr
    assert storage.load(workspace_dir / "drafts" / "june" / "june.toml").title == "June news"


def test_the_lint_remarks_at_the_end_are_laid_out_as_nl_lint_lays_them_out(
    run_nl: RunNl, workspace_dir: Path
) -> None:
    # issue 13, 2.13: one reporter for both
    made = run_nl("new", "--no-input", "--set", "title=June news", cwd=workspace_dir)
    assert made.exit_code == 0, made.output
    name = f"issues/{only_draft(workspace_dir).name}"
    linted = run_nl("lint", name, cwd=workspace_dir)
    assert linted.exit_code == 1, linted.output
    assert linted.stdout.strip() and linted.stdout in made.stdout
    assert "1 file checked: " in made.stdout


def test_a_progress_record_that_is_a_link_is_replaced_not_written_through(
    run_nl: RunNl, workspace_dir: Path, tmp_path: Path
) -> None:
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.new.answers import progress_path

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    precious = elsewhere / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    target = workspace_dir / "issues" / "linked.toml"
    record = progress_path(load_workspace(workspace_dir), target)
    record.parent.mkdir(parents=True)
    record.symlink_to(precious)

    result = run_nl(
        "new", "--no-input", "--set", "title=Linked", "-o", target, cwd=workspace_dir, input=""
    )
    assert result.exit_code == 0, result.output
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert not record.is_symlink() and record.is_file()
