"""`nl new` as a person uses it: the real program in a pseudo-terminal, driven by pexpect."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pexpect
import pytest

from newsletter_cli.draft import storage

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

CLEAR = "\x15"  # Ctrl-U: clear the line (questionary fills in the default)
FINISH = "\x1b\r"  # Esc then Enter ends a multi-line answer
CTRL_C = "\x03"
DOWN = "\x1b[B"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
HAS_LINTER = importlib.util.find_spec("newsletter_cli.lint.engine") is not None


def spawn(cwd: Path, *args: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    # the author's own editor must not open in a test unless the test asks for one
    environment = {k: v for k, v in os.environ.items() if k not in {"VISUAL", "EDITOR"}}
    environment.update(
        {
            "TERM": "xterm-256color",
            "NO_COLOR": "1",
            # pexpect is no terminal emulator: it would never answer a cursor position request
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "COLUMNS": "100",
            "LINES": "40",
        }
    )
    environment.update(env or {})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "newsletter_cli", "new", *args],
        cwd=str(cwd),
        env=environment,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )
    # answer() waits for each question before typing, so pexpect's 50 ms pause before
    # every send only slows the tests down (about 40% of their time)
    child.delaybeforesend = None
    return child


def answer(child: pexpect.spawn, question: str, keys: str) -> None:
    """Wait for a question (a regular expression) and type the keys."""
    child.expect(question)
    child.send(keys)


def finish(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    output = ANSI.sub("", child.before)
    child.close()
    return child.exitstatus, output


def test_a_whole_issue_in_one_sitting(workspace_dir: Path) -> None:
    child = spawn(workspace_dir)
    answer(child, "Title of this issue", CLEAR + "June news\r")
    answer(child, "Date of the issue", CLEAR + "2026-02-30\r")
    answer(child, "February 2026 has 28 days", CLEAR + "2026-06-05\r")
    answer(child, "Issue number", "\r")
    answer(child, "Language", "\r")
    answer(child, "Preview text", "A clean river and a summer walk.\r")
    # 1. the opening letter
    answer(child, r"Section 1 of 5: Dear friends", "")
    answer(child, r"Write the “Dear friends” section\?", "y")
    answer(child, "Heading", "\r")
    answer(child, "What kind of section", "\r")
    answer(
        child,
        "Text of “Dear friends”",
        "Dear friends,\r\rthis month the river came back to life." + FINISH,
    )
    # 2. news, with a heading that must not be empty
    answer(child, r"Write the “News” section\?", "y")
    answer(child, "Heading", CLEAR + "\r")
    answer(child, "a section heading cannot be empty", "River news\r")
    answer(child, "What kind of section", "\r")
    answer(
        child, "Text of “River news”", "Forty volunteers cleaned the banks of Mill Creek." + FINISH
    )
    # 3. an event: a date is required, the end date may not come before it
    answer(child, r"Write the “Events” section\?", "y")
    answer(child, "Heading", CLEAR + "Summer walk\r")
    answer(child, "What kind of section", "\r")  # the workspace's default: event
    answer(child, "When is the event", "\r")
    answer(child, "is not a date", "2026-06-20\r")
    answer(child, "Last day", "2026-06-19\r")
    answer(child, "is before the first day, 2026-06-20", CLEAR + "\r")
    answer(child, "Where", "Mill bridge\r")
    answer(
        child,
        "Text of “Summer walk”",
        "Meet at ten at the bridge for a walk along the river." + FINISH,
    )
    # 4. skipped, 5. the closing
    answer(child, r"Write the “Publications” section\?", "n")
    answer(child, r"Write the “Closing” section\?", "y")
    answer(child, "Heading", "\r")
    answer(child, "What kind of section", "\r")
    answer(child, "Text of “Closing”", "See you in July." + FINISH)
    # one more, then the review
    answer(child, r"Add another section\?", "y")
    answer(child, "Heading", "Volunteers wanted\r")
    answer(child, "What kind of section", "\r")
    answer(child, "Text of “Volunteers wanted”", "Two people for the July survey." + FINISH)
    answer(child, r"Add another section\?", "n")
    child.expect(r"5\. Volunteers wanted[^\n]*? 6 words")
    answer(child, "Anything to change", "\r")
    status, output = finish(child)
    assert status == 0, output
    path = workspace_dir / "issues" / "2026-06-05-june-news.toml"
    assert "saved issues/2026-06-05-june-news.toml" in output
    draft = storage.load(path)
    assert draft.title == "June news" and draft.date == date(2026, 6, 5) and draft.number == 1
    assert draft.summary == "A clean river and a summer walk."
    assert [s.heading for s in draft.sections] == [
        "Dear friends",
        "River news",
        "Summer walk",
        "Closing",
        "Volunteers wanted",
    ]
    assert draft.sections[0].body == "Dear friends,\n\nthis month the river came back to life."
    walk = draft.sections[2]
    assert (walk.kind, walk.date, walk.end_date, walk.location) == (
        "event", date(2026, 6, 20), None, "Mill bridge",
    )  # fmt: skip
    if HAS_LINTER:
        assert re.search(r"nl lint (finds nothing to fix|has \d+ remarks?)", output), output
        lint = subprocess.run(
            [sys.executable, "-m", "newsletter_cli", "lint", str(path)],
            cwd=workspace_dir,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=120,
        )
        assert lint.returncode == 0, lint.stdout + lint.stderr


def test_ctrl_c_keeps_every_answer_and_resume_goes_on(workspace_dir: Path) -> None:
    child = spawn(workspace_dir)
    answer(child, "Title of this issue", CLEAR + "July news\r")
    answer(child, "Date of the issue", CLEAR + "2026-07-03\r")
    answer(child, "Issue number", CLEAR + "12\r")
    answer(child, "Language", "\r")
    answer(child, "Preview text", "\r")
    answer(child, r"Write the “Dear friends” section\?", "y")
    answer(child, "Heading", CLEAR + "Hello\r")
    answer(child, "What kind of section", "\r")
    answer(child, "Text of “Hello”", "The first paragraph.\r\rThe second one." + FINISH)
    answer(child, r"Write the “News” section\?", "y")
    answer(child, "Heading", CTRL_C)
    status, output = finish(child)
    assert status == 130, output
    path = workspace_dir / "issues" / "2026-07-03-july-news.toml"
    assert "Every answer so far is saved in issues/2026-07-03-july-news.toml" in output
    assert "nl new --resume issues/2026-07-03-july-news.toml" in output
    draft = storage.load(path)
    assert (draft.title, draft.date, draft.number) == ("July news", date(2026, 7, 3), 12)
    assert [(s.heading, s.body) for s in draft.sections] == [
        ("Hello", "The first paragraph.\n\nThe second one.")
    ]

    child = spawn(workspace_dir, "--resume", "issues/2026-07-03-july-news.toml")
    child.expect("Going on with issues/2026-07-03-july-news.toml")
    # the first question is the one that was interrupted: nothing answered is asked again
    index = child.expect(["Heading", "Title of this issue", r"Write the “News” section\?"])
    assert index == 0, child.before
    child.send(CLEAR + "News\r")
    answer(child, "What kind of section", "\r")
    answer(child, "Text of “News”", "Forty volunteers came." + FINISH)
    answer(child, r"Write the “Events” section\?", "n")
    answer(child, r"Write the “Publications” section\?", "n")
    answer(child, r"Write the “Closing” section\?", "n")
    answer(child, r"Add another section\?", "n")
    # the review: drop the opening letter, then save
    answer(child, "Anything to change", DOWN + DOWN + "\r")
    answer(child, "Which section do you want to drop", "\r")
    answer(child, r"Drop “Hello” and its text from the draft\?", "y")
    answer(child, "Anything to change", "\r")
    status, output = finish(child)
    assert status == 0, output
    draft = storage.load(path)
    assert (draft.title, draft.number) == ("July news", 12)
    assert [(s.heading, s.body) for s in draft.sections] == [("News", "Forty volunteers came.")]


def test_end_of_input_is_a_stop_too(workspace_dir: Path) -> None:
    child = spawn(workspace_dir)
    answer(child, "Title of this issue", CLEAR + "August\r")
    answer(child, "Date of the issue", CLEAR + "\x04")  # Ctrl-D on an empty line: end of input
    status, output = finish(child)
    assert status == 130, output
    assert "nl new --resume" in output
    (path,) = (workspace_dir / "issues").glob("*.toml")
    assert storage.load(path).title == "August"


def test_section_texts_in_the_authors_editor(workspace_dir: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\n"
        "with open(sys.argv[1], 'a', encoding='utf-8') as f:\n"
        "    f.write('Written in the editor.\\n\\nTwo paragraphs.\\n')\n",
        encoding="utf-8",
    )
    child = spawn(
        workspace_dir,
        "--editor",
        "--set",
        "title=Editor issue",
        "--set",
        "sections.0.include=no",
        "--set",
        "sections.2.include=no",
        "--set",
        "sections.3.include=no",
        "--set",
        "sections.4.include=no",
        env={"VISUAL": f"{sys.executable} {editor}"},
    )
    answer(child, "Date of the issue", "\r")
    answer(child, "Issue number", "\r")
    answer(child, "Language", "\r")
    answer(child, "Preview text", "\r")
    answer(child, r"Write the “News” section\?", "y")
    answer(child, "Heading", "\r")
    answer(child, "What kind of section", "\r")
    child.expect("Opening .*editor.py")
    answer(child, r"Add another section\?", "n")
    answer(child, "Anything to change", "\r")
    status, output = finish(child)
    assert status == 0, output
    (path,) = (workspace_dir / "issues").glob("*.toml")
    draft = storage.load(path)
    assert draft.title == "Editor issue"
    assert [(s.heading, s.body) for s in draft.sections] == [
        ("News", "Written in the editor.\n\nTwo paragraphs.")
    ]


def test_ctrl_c_in_the_middle_of_a_text_keeps_what_was_typed(workspace_dir: Path) -> None:
    child = spawn(workspace_dir, "--set", "title=Half a letter", "--set", "date=2026-08-01")
    answer(child, "Issue number", "\r")
    answer(child, "Language", "\r")
    answer(child, "Preview text", "\r")
    answer(child, r"Write the “Dear friends” section\?", "y")
    answer(child, "Heading", "\r")
    answer(child, "What kind of section", "\r")
    answer(child, "Text of “Dear friends”", "A first paragraph.\r\rA second, half")
    child.expect("half")
    child.send(CTRL_C)
    status, output = finish(child)
    assert status == 130, output
    path = workspace_dir / "issues" / "2026-08-01-half-a-letter.toml"
    assert storage.load(path).sections[0].body == "A first paragraph.\n\nA second, half"

    child = spawn(workspace_dir, "--resume", str(path))
    # the text is asked again, with what was typed already in place: type on
    answer(child, "Text of “Dear friends”", " done." + FINISH)
    answer(child, r"Write the “News” section\?", CTRL_C)
    status, output = finish(child)
    assert status == 130, output
    assert storage.load(path).sections[0].body == "A first paragraph.\n\nA second, half done."


def test_an_editor_that_fails_leaves_the_prompt(workspace_dir: Path) -> None:
    skip = [f"--set=sections.{i}.include=no" for i in (0, 2, 3, 4)]
    child = spawn(
        workspace_dir,
        "--editor",
        "--set=title=Fallback",
        *skip,
        env={"VISUAL": "false"},  # an editor that exits with status 1 at once
    )
    answer(child, "Date of the issue", "\r")
    answer(child, "Issue number", "\r")
    answer(child, "Language", "\r")
    answer(child, "Preview text", "\r")
    answer(child, r"Write the “News” section\?", "y")
    answer(child, "Heading", "\r")
    answer(child, "What kind of section", "\r")
    child.expect("false exited with status 1; type the text here instead")
    answer(child, "Text of “News”", "Typed after all." + FINISH)
    answer(child, r"Add another section\?", "n")
    answer(child, "Anything to change", "\r")
    status, output = finish(child)
    assert status == 0, output
    (path,) = (workspace_dir / "issues").glob("*.toml")
    assert [(s.heading, s.body) for s in storage.load(path).sections] == [
        ("News", "Typed after all.")
    ]


def test_resuming_a_symlinked_draft_writes_through_the_link(workspace_dir: Path) -> None:
    shared = workspace_dir / "shared"
    shared.mkdir()
    target = shared / "june.toml"
    target.write_text('title = "June news"\ndate = 2026-06-01\n', encoding="utf-8")
    (workspace_dir / "issues").mkdir(exist_ok=True)
    link = workspace_dir / "issues" / "june.toml"
    link.symlink_to(Path("..") / "shared" / "june.toml")

    child = spawn(workspace_dir, "--resume", "issues/june.toml")
    answer(child, "Issue number", CLEAR + "7\r")
    answer(child, "Language", CTRL_C)
    code, _ = finish(child)
    assert code == 130
    assert link.is_symlink(), "the link was replaced by a copy"
    assert storage.load(target).number == 7  # the answer reached the file the link points to
    assert sorted(p.name for p in (workspace_dir / "issues").iterdir()) == ["june.toml"]


# -- issue 13, section 2: the rough edges of a first hour -------------------------------------

ONE_SECTION = 'name = "Test Letter"\n\n[[sections]]\nheading = "Closing"\n'
ISSUE = ["--set", "title=June news", "--set", "date=2026-06-05", "--set", "number=3"]
ISSUE += ["--set", "language=en", "--set", "summary="]


def test_a_line_break_typed_in_a_text_is_kept_as_a_hard_line_break(workspace_dir: Path) -> None:
    (workspace_dir / "newsletter.toml").write_text(ONE_SECTION, encoding="utf-8")
    child = spawn(workspace_dir, *ISSUE)
    answer(child, r"Write the “Closing” section\?", "y")
    answer(child, "Heading", "\r")
    answer(child, "What kind of section", "\r")
    answer(
        child,
        "Text of “Closing”",
        "See you in July.\r\rWarm wishes,\rSam, for the steering group" + FINISH,
    )
    answer(child, r"Add another section\?", "n")
    answer(child, "Anything to change", "\r")
    status, output = finish(child)
    assert status == 0, output
    (path,) = (workspace_dir / "issues").glob("*.toml")
    body = storage.load(path).sections[0].body
    # within a paragraph: a backslash at the end of the line; between paragraphs: a blank line
    assert body == "See you in July.\n\nWarm wishes,\\\nSam, for the steering group"


def test_ctrl_c_in_a_text_keeps_its_trailing_space_for_the_resume(workspace_dir: Path) -> None:
    (workspace_dir / "newsletter.toml").write_text(ONE_SECTION, encoding="utf-8")
    child = spawn(workspace_dir, *ISSUE)
    answer(child, r"Write the “Closing” section\?", "y")
    answer(child, "Heading", "\r")
    answer(child, "What kind of section", "\r")
    answer(child, "Text of “Closing”", "The hawthorn and ")
    child.expect("hawthorn and ")
    child.send(CTRL_C)
    status, output = finish(child)
    assert status == 130, output
    (path,) = (workspace_dir / "issues").glob("*.toml")

    child = spawn(workspace_dir, "--resume", str(path.relative_to(workspace_dir)))
    answer(child, "Text of “Closing”", "the first roses." + FINISH)
    answer(child, r"Add another section\?", "n")
    answer(child, "Anything to change", "\r")
    status, output = finish(child)
    assert status == 0, output
    assert storage.load(path).sections[0].body == "The hawthorn and the first roses."


def test_an_added_section_stopped_at_its_heading_can_be_abandoned_on_resume(
    run_nl: Any, workspace_dir: Path
) -> None:
    (workspace_dir / "newsletter.toml").write_text(ONE_SECTION, encoding="utf-8")
    made = run_nl("new", "--no-input", *ISSUE, "--set", "sections.0.body=Bye.", cwd=workspace_dir)
    assert made.exit_code == 0, made.output
    (path,) = (workspace_dir / "issues").glob("*.toml")
    before = path.read_bytes()
    shown = str(path.relative_to(workspace_dir))

    # a finished draft: the review offers Save, Edit, Drop, Add; add one, stop at its heading
    child = spawn(workspace_dir, "--resume", shown)
    answer(child, "Anything to change", DOWN + DOWN + DOWN + "\r")
    answer(child, "Heading", CTRL_C)
    status, output = finish(child)
    assert status == 130, output

    child = spawn(workspace_dir, "--resume", shown)
    child.expect("Going on with")
    child.expect(r"answers are already in it; ([a-z ]+)\.")
    assert child.match.group(1) == "the rest follows"
    child.expect("Heading")
    child.expect("leave this section out")
    child.send(CLEAR + "\r")  # an empty heading takes the added section back
    answer(child, "Anything to change", "\r")
    status, output = finish(child)
    assert status == 0, output
    assert [s.heading for s in storage.load(path).sections] == ["Closing"]
    assert path.read_bytes() == before
