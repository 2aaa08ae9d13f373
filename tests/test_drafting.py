"""The `nl new` interview behind the Prompter interface: scripted answers, real files.

The central promise is tested at every step: stop the interview there (Ctrl-C
or end of input) and the draft on disk loads, holds every answer given before
it, and ``--resume`` asks exactly the questions that were still open.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft, Section
from newsletter_cli.draft.workspace import DEFAULT_SECTIONS, Workspace, load_workspace
from newsletter_cli.errors import DraftError, ExistsError, InputError, UsageError
from newsletter_cli.new.answers import (
    Answers,
    from_draft,
    load_answers,
    progress_path,
    read_presets,
    to_draft,
)
from newsletter_cli.new.interview import new_issue, next_number
from newsletter_cli.new.prompts import (
    END_OF_INPUT,
    INTERRUPT,
    EditorFailed,
    PartialAnswer,
    ScriptedPrompter,
    edit_in_editor,
    editor_command,
)
from newsletter_cli.new.questions import Question

TODAY = date(2026, 5, 10)  # the default date is then 2026-06-01


class SequencePrompter:
    """Answers from an ordered script of (question key, typed answer), checking the order."""

    interactive = True

    def __init__(self, script: Iterable[tuple[str, Any]]) -> None:
        self.script = list(script)
        self.asked: list[str] = []
        self.questions: list[Question] = []
        self.said: list[str] = []

    def ask(self, question: Question) -> Any:
        assert self.script, f"unexpected question {question.key}"
        key, raw = self.script.pop(0)
        assert question.key == key, f"asked {question.key}, the script expected {key}"
        self.asked.append(key)
        self.questions.append(question)
        if isinstance(raw, PartialAnswer):
            raise raw
        if raw is INTERRUPT:
            raise KeyboardInterrupt
        if raw is END_OF_INPUT:
            raise EOFError
        return question.accept(raw)

    def say(self, message: str) -> None:
        self.said.append(message)

    def unused(self) -> list[str]:
        return []

    def knows(self, key: str) -> bool:
        return False


#: A whole interview with the built-in sections, as a person would answer it.
SCRIPT: list[tuple[str, Any]] = [
    ("title", "June news"),
    ("date", "2026-06-05"),
    ("number", "7"),
    ("language", "en-GB"),
    ("summary", ""),
    ("sections.0.include", "y"),
    ("sections.0.heading", "Dear friends"),
    ("sections.0.kind", "article"),
    ("sections.0.body", "Hello all.\n\nA second paragraph, with *emphasis*.\n"),
    ("sections.1.include", "yes"),
    ("sections.1.heading", "News"),
    ("sections.1.kind", "article"),
    ("sections.1.body", "The river is clean again."),
    ("sections.2.include", True),
    ("sections.2.heading", "Summer walk"),
    ("sections.2.kind", "event"),
    ("sections.2.date", "2026-06-20"),
    ("sections.2.end_date", ""),
    ("sections.2.location", "Mill bridge"),
    ("sections.2.body", "Meet at ten."),
    ("sections.3.include", "n"),
    ("sections.4.include", "y"),
    ("sections.4.heading", "Closing"),
    ("sections.4.kind", "article"),
    ("sections.4.body", ""),
    ("sections.5.include", "y"),
    ("sections.5.heading", "Volunteers"),
    ("sections.5.kind", "article"),
    ("sections.5.body", "We need two people in July."),
    ("sections.6.include", "n"),
    ("review", "edit"),
    ("review.edit", "1"),
    ("sections.1.heading", "River news"),
    ("sections.1.kind", "article"),
    ("sections.1.body", "The river is clean again.\n\nThanks to forty volunteers."),
    ("review", "drop"),
    ("review.drop", "4"),
    ("review.drop.confirm", "yes"),
    ("review", "move"),
    ("review.move", "5"),
    ("review.move.to", "2"),  # "Volunteers" before "Summer walk"
    ("review", "save"),
]
FIRST_REVIEW = next(i for i, (key, _) in enumerate(SCRIPT) if key == "review")

EXPECTED = Draft(
    title="June news",
    date=date(2026, 6, 5),
    number=7,
    language="en-GB",
    sections=(
        Section("Dear friends", "Hello all.\n\nA second paragraph, with *emphasis*."),
        Section("River news", "The river is clean again.\n\nThanks to forty volunteers."),
        Section("Volunteers", "We need two people in July."),
        Section(
            "Summer walk",
            "Meet at ten.",
            kind="event",
            date=date(2026, 6, 20),
            location="Mill bridge",
        ),
    ),
)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    (tmp_path / "newsletter.toml").write_text('name = "Test Letter"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return load_workspace(tmp_path)


def drafts_in(workspace: Workspace) -> list[Path]:
    return sorted(workspace.issues_path.glob("*.toml"))


def same_content(a: Draft, b: Draft) -> bool:
    return a == b  # path and source positions do not take part in equality


def test_a_whole_interview_writes_a_draft_that_loads(workspace: Workspace) -> None:
    prompter = SequencePrompter(SCRIPT)
    outcome = new_issue(workspace, prompter, today=TODAY)
    assert outcome.finished and int(outcome.exit_code) == 0
    assert prompter.script == []
    assert outcome.path == workspace.issues_path / "2026-06-05-june-news.toml"
    assert drafts_in(workspace) == [outcome.path]  # renamed when the date changed: no leftovers
    assert same_content(storage.load(outcome.path), EXPECTED)
    record = json.loads(progress_path(workspace, outcome.path).read_text(encoding="utf-8"))
    assert record["finished"] is True


def test_the_interview_tells_the_author_what_comes(workspace: Workspace) -> None:
    prompter = SequencePrompter(SCRIPT)
    new_issue(workspace, prompter, today=TODAY)
    said = "\n".join(prompter.said)
    assert "Section 1 of 5: Dear friends" in said
    assert DEFAULT_SECTIONS[0].prompt in said  # the workspace's hint for the section
    assert "Section 4 of 5: Publications" in said
    review = next(s for s in prompter.said if "June news" in s and "words in all" in s)
    assert "Summer walk" in review and "event on 2026-06-20" in review


# Ctrl-C at every step; end of input (the same path through the code) at a sample of them
STOPS = [(step, INTERRUPT) for step in range(len(SCRIPT))] + [
    (step, END_OF_INPUT) for step in (0, 1, 4, 8, 17, 25, 31, 37)
]


@pytest.mark.parametrize(
    ("step", "stop"),
    STOPS,
    ids=[f"{step}-{'ctrl-c' if stop is INTERRUPT else 'eof'}" for step, stop in STOPS],
)
def test_stopping_at_any_step_loses_nothing(workspace: Workspace, step: int, stop: object) -> None:
    key = SCRIPT[step][0]
    stopped = SequencePrompter([*SCRIPT[:step], (key, stop)])
    outcome = new_issue(workspace, stopped, today=TODAY)
    assert not outcome.finished and int(outcome.exit_code) == 130
    if step == 0:
        assert outcome.path is None and drafts_in(workspace) == []
        return
    # what is on disk is exactly what was answered: the draft loads and, with the
    # progress record, gives back every answer, even those the draft cannot hold
    assert outcome.path is not None and drafts_in(workspace) == [outcome.path]
    on_disk = storage.load(outcome.path)
    assert same_content(on_disk, to_draft(outcome.answers))
    restored, from_record, _ = load_answers(outcome.path, workspace)
    assert from_record
    assert restored == outcome.answers
    # --resume asks exactly what was still open, and the result is the same issue
    if step <= FIRST_REVIEW:
        rest = SequencePrompter(SCRIPT[step:])
    else:  # the review starts over from its last menu (an edit asks all its questions again)
        last_menu = max(i for i in range(step + 1) if SCRIPT[i][0] == "review")
        rest = SequencePrompter(SCRIPT[last_menu:])
    resumed = new_issue(workspace, rest, resume=outcome.path, today=TODAY)
    assert resumed.finished, rest.asked
    assert rest.script == []
    assert same_content(storage.load(outcome.path), EXPECTED)


def test_ctrl_c_in_the_middle_of_a_text_keeps_what_was_typed(workspace: Workspace) -> None:
    step = SCRIPT.index(("sections.1.body", "The river is clean again."))
    stopped = SequencePrompter(
        [*SCRIPT[:step], ("sections.1.body", PartialAnswer("The river is "))]
    )
    outcome = new_issue(workspace, stopped, today=TODAY)
    assert not outcome.finished and outcome.path is not None
    # kept as typed, trailing space included (issue 13, 2.4: "is" + "clean" never "isclean")
    assert storage.load(outcome.path).sections[1].body == "The river is "
    restored, _, _ = load_answers(outcome.path, workspace)
    assert restored == outcome.answers
    # the text is still an open question: asked again, starting from what was typed
    rest = SequencePrompter(SCRIPT[step:])
    resumed = new_issue(workspace, rest, resume=outcome.path, today=TODAY)
    assert resumed.finished and rest.script == []
    assert rest.questions[0].key == "sections.1.body"
    assert rest.questions[0].default == "The river is "
    assert same_content(storage.load(outcome.path), EXPECTED)


def test_ctrl_c_while_editing_a_text_keeps_the_old_one(workspace: Workspace) -> None:
    step = SCRIPT.index(("review.edit", "1")) + 3  # at the body, during the edit
    assert SCRIPT[step][0] == "sections.1.body"
    stopped = SequencePrompter([*SCRIPT[:step], ("sections.1.body", PartialAnswer("half"))])
    outcome = new_issue(workspace, stopped, today=TODAY)
    assert outcome.path is not None
    assert storage.load(outcome.path).sections[1].body == "The river is clean again."


def test_a_stopped_interview_can_be_resumed_from_the_draft_alone(workspace: Workspace) -> None:
    """Without the progress record (or after a hand edit), present keys count as answered."""
    step = SCRIPT.index(("sections.2.location", "Mill bridge"))
    stopped = SequencePrompter([*SCRIPT[:step], (SCRIPT[step][0], INTERRUPT)])
    outcome = new_issue(workspace, stopped, today=TODAY)
    assert outcome.path is not None
    progress_path(workspace, outcome.path).unlink()
    _, from_record, _ = load_answers(outcome.path, workspace)
    assert not from_record
    # the event's date is in the draft; the empty end date left no trace, so it is asked again
    rest = SequencePrompter([("sections.2.end_date", ""), *SCRIPT[step:]])
    resumed = new_issue(workspace, rest, resume=outcome.path, today=TODAY)
    assert resumed.finished and rest.script == []
    assert same_content(storage.load(outcome.path), EXPECTED)


def test_a_hand_edited_draft_sets_the_record_aside(workspace: Workspace) -> None:
    step = SCRIPT.index(("sections.1.include", "yes"))
    outcome = new_issue(
        workspace, SequencePrompter([*SCRIPT[:step], (SCRIPT[step][0], INTERRUPT)]), today=TODAY
    )
    assert outcome.path is not None
    text = outcome.path.read_text(encoding="utf-8")
    outcome.path.write_text(text.replace("June news", "June letter"), encoding="utf-8")
    answers, from_record, _ = load_answers(outcome.path, workspace)
    assert not from_record
    assert answers.issue["title"] == "June letter"
    # the empty preview text and the article kind left no trace but come before a written
    # section, so they count as answered
    assert answers.issue["summary"] is None
    assert answers.sections[0].values["kind"] == "article"
    assert "include" not in answers.sections[1].values


def test_the_draft_alone_maps_sections_to_the_prompts_by_heading() -> None:
    draft = Draft(
        title="June",
        date=date(2026, 6, 1),
        sections=(
            Section("Dear friends", "Hello."),
            Section("Walk", kind="event", date=date(2026, 6, 2)),
            Section("Closing", "Bye."),
            Section("Extra", "More."),
        ),
    )
    answers = from_draft(draft, DEFAULT_SECTIONS)
    assert answers.issue == {"title": "June", "date": date(2026, 6, 1), "number": None,
                             "language": None, "summary": None}  # fmt: skip
    slots = answers.sections
    assert slots[0].values["body"] == "Hello."
    assert slots[1].values["heading"] == "Walk"  # "News" renamed: the next prompt in order
    assert slots[1].values["kind"] == "event" and "end_date" not in slots[1].values
    assert slots[2].values == {"include": False}  # "Events": skipped
    assert slots[3].values == {"include": False}  # "Publications": skipped
    assert slots[4].values["heading"] == "Closing"
    assert slots[5].origin is None and slots[5].values["heading"] == "Extra"
    assert to_draft(answers) == draft


def test_answers_are_checked_as_they_are_typed(workspace: Workspace) -> None:
    prompter = ScriptedPrompter(
        {
            "date": ["2026-02-30", "June", "2026-06-01"],
            "number": ["0", "seven", "7"],
            "language": ["english please", "en"],
            "sections.0.heading": ["", "   ", "Hello"],
            "sections.2.date": ["", "2026-06-31", "2026-06-20"],
            "sections.2.end_date": ["2026-06-19", "2026-06-21"],
            "sections.5.include": False,
        },
        defaults=True,
        interactive=True,
    )
    outcome = new_issue(workspace, prompter, today=TODAY)
    assert outcome.finished
    reasons = dict.fromkeys(key for key, _ in prompter.refused)
    assert list(reasons) == ["date", "number", "language", "sections.0.heading", "sections.2.date",
                             "sections.2.end_date"]  # fmt: skip
    refused = dict(prompter.refused)
    messages = [reason for _, reason in prompter.refused]
    assert "2026-02-30 is not a real date: February 2026 has 28 days" in messages
    assert "2026-06-31 is not a real date: June 2026 has 30 days" in messages
    assert refused["sections.0.heading"] == "a section heading cannot be empty"
    assert refused["sections.2.end_date"] == (
        "the last day, 2026-06-19, is before the first day, 2026-06-20"
    )
    assert outcome.path is not None
    draft = storage.load(outcome.path)
    assert draft.number == 7 and draft.sections[0].heading == "Hello"
    assert draft.sections[2].end_date == date(2026, 6, 21)


def test_the_defaults_come_from_the_workspace_and_the_archive(workspace: Workspace) -> None:
    workspace.issues_path.mkdir()
    (workspace.issues_path / "a.toml").write_text('title = "A"\nnumber = 11\n', encoding="utf-8")
    (workspace.issues_path / "b.toml").write_text('title = "B"\nnumber = 4\n', encoding="utf-8")
    (workspace.issues_path / "broken.toml").write_text("title = \n", encoding="utf-8")
    (workspace.issues_path / "odd.toml").write_text(
        'title = "C"\nnumber = true\n', encoding="utf-8"
    )
    prompter = ScriptedPrompter({"sections.2.include": False}, defaults=True, interactive=True)
    outcome = new_issue(workspace, prompter, today=date(2026, 12, 15))
    assert outcome.path == workspace.issues_path / "2027-01-01-test-letter.toml"
    draft = storage.load(outcome.path)
    assert (draft.title, draft.date, draft.number, draft.language) == (
        "Test Letter", date(2027, 1, 1), 12, "en",
    )  # fmt: skip
    assert [s.heading for s in draft.sections] == [
        "Dear friends",
        "News",
        "Publications",
        "Closing",
    ]


def test_next_number_without_drafts(tmp_path: Path) -> None:
    assert next_number(tmp_path / "missing") == 1
    assert next_number(tmp_path) == 1


def test_the_workspace_decides_which_sections_are_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "newsletter.toml").write_text(
        'name = "Digest"\nlanguage = "th"\n'
        '[[sections]]\nheading = "ข่าว"\nprompt = "What happened"\n'
        '[[sections]]\nheading = "Meetups"\nkind = "event"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    workspace = load_workspace(tmp_path)
    prompter = ScriptedPrompter(
        {"title": "จดหมายข่าว มิถุนายน", "sections.1.date": "2026-06-03"},
        defaults=True,
        interactive=True,
    )
    outcome = new_issue(workspace, prompter, today=TODAY)
    assert outcome.path is not None and outcome.path.name == "2026-06-01-จดหมายข่าว-มิถุนายน.toml"
    draft = storage.load(outcome.path)
    assert draft.language == "th"
    assert [(s.heading, s.kind) for s in draft.sections] == [
        ("ข่าว", "article"),
        ("Meetups", "event"),
    ]


def test_a_section_is_introduced_only_when_the_person_is_asked_about_it(
    workspace: Workspace,
) -> None:
    person = SequencePrompter(
        [
            ("sections.1.heading", "News"),
            ("sections.1.kind", "article"),
            ("sections.1.body", "Hello."),
            ("review", "save"),
        ]
    )
    given = {"title": "June", "date": "2026-06-01", "number": "3", "language": "en", "summary": ""}
    given |= {"sections.0.include": "no", "sections.1.include": "yes", "sections.5.include": "no"}
    given |= {f"sections.{i}.include": "no" for i in (2, 3, 4)}
    prompter = ScriptedPrompter(given, fallback=person)
    outcome = new_issue(workspace, prompter, today=TODAY)
    assert outcome.finished and person.script == []
    said = "\n".join(person.said)
    assert "Section 2 of 5: News" in said and DEFAULT_SECTIONS[1].prompt in said
    assert "Dear friends" not in said and "Events" not in said


def test_a_name_in_use_gets_a_number(workspace: Workspace) -> None:
    workspace.issues_path.mkdir()
    taken = workspace.issues_path / "2026-06-01-test-letter.toml"
    taken.write_text('title = "Mine"\n', encoding="utf-8")
    prompter = ScriptedPrompter({"sections.2.include": False}, defaults=True, interactive=True)
    outcome = new_issue(workspace, prompter, today=TODAY)
    assert outcome.path == workspace.issues_path / "2026-06-01-test-letter-2.toml"
    assert taken.read_text(encoding="utf-8") == 'title = "Mine"\n'


def test_an_existing_output_is_never_replaced_unasked(workspace: Workspace) -> None:
    target = workspace.root / "mine.toml"
    target.write_text('# my notes\ntitle = "Mine"\n', encoding="utf-8")
    quiet = ScriptedPrompter({"sections.2.include": False}, defaults=True)
    with pytest.raises(ExistsError, match=r"mine\.toml: already exists; nothing was changed"):
        new_issue(workspace, quiet, output=target, today=TODAY)
    declined = ScriptedPrompter({"overwrite": False}, defaults=True, interactive=True)
    with pytest.raises(ExistsError):
        new_issue(workspace, declined, output=target, today=TODAY)
    assert declined.asked == ["overwrite"]
    assert target.read_text(encoding="utf-8") == '# my notes\ntitle = "Mine"\n'


@pytest.mark.parametrize("how", ["force", "confirmed"])
def test_an_existing_output_is_replaced_when_asked(workspace: Workspace, how: str) -> None:
    target = workspace.root / "mine.toml"
    target.write_text('# my notes\ntitle = "Mine"\nauthors = ["me"]\n', encoding="utf-8")
    answers: dict[str, Any] = {"sections.2.include": False, "title": "Fresh"}
    if how == "confirmed":
        answers["overwrite"] = "yes"
    prompter = ScriptedPrompter(answers, defaults=True, interactive=True)
    outcome = new_issue(workspace, prompter, output=target, force=how == "force", today=TODAY)
    assert outcome.path == target
    text = target.read_text(encoding="utf-8")
    assert "my notes" not in text and "authors" not in text
    assert storage.load(target).title == "Fresh"


def test_output_and_resume_do_not_mix(workspace: Workspace) -> None:
    with pytest.raises(UsageError, match="cannot be combined"):
        new_issue(workspace, ScriptedPrompter(), output=Path("a.toml"), resume=Path("b.toml"))


def test_output_in_a_missing_folder_makes_the_folder(workspace: Workspace) -> None:
    target = workspace.root / "drafts" / "june" / "a.toml"
    outcome = new_issue(
        workspace, ScriptedPrompter({"title": "June"}, defaults=True), output=target, today=TODAY
    )
    assert outcome.finished and outcome.path == target
    assert storage.load(target).title == "June"


def test_resuming_a_broken_draft_reports_where(workspace: Workspace) -> None:
    broken = workspace.root / "broken.toml"
    broken.write_text('title = "X"\ndate = 2026-02-30\n', encoding="utf-8")
    with pytest.raises(DraftError, match=r"broken.toml:2:"):
        new_issue(workspace, ScriptedPrompter(defaults=True), resume=broken)


def test_resuming_a_finished_draft_only_offers_the_review(workspace: Workspace) -> None:
    outcome = new_issue(workspace, SequencePrompter(SCRIPT), today=TODAY)
    assert outcome.path is not None
    again = SequencePrompter([("review", "save")])
    resumed = new_issue(workspace, again, resume=outcome.path, today=TODAY)
    assert resumed.finished and again.script == []
    assert any("nothing is left to ask" in said for said in again.said)


def test_with_no_section_yet_it_asks_to_add_a_section_not_another(
    workspace: Workspace,
) -> None:
    prompter = SequencePrompter(
        [
            *SCRIPT[:5],
            *((f"sections.{i}.include", "n") for i in range(5)),
            ("sections.5.include", "y"),
            ("sections.5.heading", "Volunteers"),
            ("sections.5.kind", "article"),
            ("sections.5.body", "We need two people in July."),
            ("sections.6.include", "n"),
            ("review", "save"),
        ]
    )
    new_issue(workspace, prompter, today=TODAY)
    asked = {q.key: q.message for q in prompter.questions}
    assert asked["sections.5.include"] == "Add a section?"
    assert asked["sections.6.include"] == "Add another section?"


def test_editing_names_the_section_as_the_review_numbers_it(workspace: Workspace) -> None:
    outcome = new_issue(workspace, SequencePrompter(SCRIPT), today=TODAY)
    assert outcome.path is not None
    # the draft holds Dear friends, River news, Volunteers, Summer walk (Closing was dropped)
    again = SequencePrompter(
        [
            ("review", "edit"),
            ("review.edit", "3"),
            ("sections.3.heading", "Summer walk"),
            ("sections.3.kind", "event"),
            ("sections.3.date", "2026-06-20"),
            ("sections.3.end_date", ""),
            ("sections.3.location", "Mill bridge"),
            ("sections.3.body", "Meet at ten."),
            ("review", "save"),
        ]
    )
    new_issue(workspace, again, resume=outcome.path, today=TODAY)
    headers = [said.strip() for said in again.said if "ection" in said and " of " in said]
    assert headers == ["[bold]Editing section 4 of 4: Summer walk[/]"]


def test_a_draft_written_by_hand_can_be_resumed(workspace: Workspace) -> None:
    hand = workspace.root / "hand.toml"
    hand.write_text(
        '# my own notes\ntitle = "By hand"\n\n[[sections]]\nheading = "News"\nbody = "Hi."\n',
        encoding="utf-8",
    )
    prompter = ScriptedPrompter({"sections.2.include": False}, defaults=True, interactive=True)
    outcome = new_issue(workspace, prompter, resume=hand, today=TODAY)
    assert outcome.finished
    # the title and the section are written, so everything before them counts as answered
    assert prompter.asked == [
        "sections.2.include",
        *(f"sections.3.{f}" for f in ("include", "heading", "kind", "body")),
        *(f"sections.4.{f}" for f in ("include", "heading", "kind", "body")),
        "sections.5.include",
        "review",
    ]
    text = hand.read_text(encoding="utf-8")
    assert text.startswith("# my own notes")  # the author's comments survive
    draft = storage.load(hand)
    assert [s.heading for s in draft.sections] == ["News", "Publications", "Closing"]


def test_without_a_person_nothing_is_written_until_everything_is_known(
    workspace: Workspace,
) -> None:
    prompter = ScriptedPrompter({"title": "June"}, defaults=False)
    with pytest.raises(UsageError) as raised:
        new_issue(workspace, prompter, today=TODAY)
    message = raised.value.message
    assert message.startswith("no answer for date (the date of the issue)")
    assert "--set date=VALUE" in message and "--answers" in message and "--no-input" in message
    assert not workspace.issues_path.exists() or drafts_in(workspace) == []


def test_no_input_names_an_answer_that_has_no_default(workspace: Workspace) -> None:
    prompter = ScriptedPrompter({"sections.5.include": "yes"}, defaults=True)
    with pytest.raises(UsageError) as raised:
        new_issue(workspace, prompter, today=TODAY)
    message = raised.value.message
    assert "no answer for sections.5.heading (the heading of an added section)" in message
    assert "--set sections.5.heading=VALUE" in message
    assert "--set sections.5.include=no" in message
    assert "--no-input" not in message


def test_no_input_leaves_out_what_the_format_allows_to_be_missing(workspace: Workspace) -> None:
    outcome = new_issue(workspace, ScriptedPrompter(defaults=True), today=TODAY)
    assert outcome.finished and outcome.path is not None
    events = [s for s in storage.load(outcome.path).sections if s.kind == "event"]
    assert [(s.heading, s.date, s.end_date) for s in events] == [("Events", None, None)]


def test_a_bad_preset_answer_names_where_it_came_from(workspace: Workspace) -> None:
    prompter = ScriptedPrompter(
        {"date": "2026-13-01"}, defaults=True, origins={"date": "--set date=2026-13-01"}
    )
    with pytest.raises(UsageError, match=r"^--set date=2026-13-01: 2026-13-01 is not a real date"):
        new_issue(workspace, prompter, today=TODAY)


def test_answering_about_a_section_includes_it(workspace: Workspace) -> None:
    prompter = ScriptedPrompter(
        {"sections.2.include": "no", "sections.5.heading": "Extra", "sections.9.body": "lost"},
        defaults=True,
    )
    outcome = new_issue(workspace, prompter, today=TODAY)
    assert outcome.path is not None
    assert [s.heading for s in storage.load(outcome.path).sections][-1] == "Extra"
    assert outcome.unused == ["sections.9.body"]


def test_scripted_answers_fall_back_to_a_person(workspace: Workspace) -> None:
    person = SequencePrompter(
        [
            (key, value)
            for key, value in SCRIPT
            if key not in {"title", "sections.0.include", "sections.0.body"}
        ]
    )
    prompter = ScriptedPrompter(
        {"title": "June news", "sections.0.body": SCRIPT[8][1]}, fallback=person
    )
    assert prompter.interactive
    outcome = new_issue(workspace, prompter, today=TODAY)
    assert outcome.finished and person.script == []
    assert outcome.path is not None and same_content(storage.load(outcome.path), EXPECTED)


# -- answers from the command line -------------------------------------------------


def test_set_answers_are_checked_by_key() -> None:
    presets = read_presets(None, ["title=June = news", "sections.0.heading=Hi", "summary="])
    assert presets.answers == {"title": "June = news", "sections.0.heading": "Hi", "summary": ""}
    assert presets.origins["title"] == "--set title=June = news"
    with pytest.raises(UsageError, match="did you mean title"):
        read_presets(None, ["titel=June"])
    with pytest.raises(UsageError, match=r"did you mean sections\.N\.heading"):
        read_presets(None, ["sections.0.headline=Hi"])
    with pytest.raises(UsageError, match="KEY=VALUE"):
        read_presets(None, ["title"])


def test_an_answers_file_reads_like_a_draft(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text(
        'title = "June"\ndate = 2026-06-01\n\n[sections.0]\nbody = """\nHello.\n"""\n'
        "[sections.2]\ninclude = false\n",
        encoding="utf-8",
    )
    presets = read_presets(path, ["title=July"])
    assert presets.answers == {
        "title": "July",
        "date": date(2026, 6, 1),
        "sections.0.body": "Hello.\n",
        "sections.2.include": False,
    }
    array = tmp_path / "array.toml"
    array.write_text('[[sections]]\nheading = "A"\n[[sections]]\nheading = "B"\n', encoding="utf-8")
    assert read_presets(array, []).answers == {"sections.0.heading": "A", "sections.1.heading": "B"}


def test_an_answers_file_with_unknown_keys_names_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('title = "June"\ntitel = "x"\n[sections.1]\nheadline = "x"\n', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_presets(path, [])
    lines = raised.value.lines()
    assert lines[0].endswith(
        "answers.toml:2:1: titel: `nl new` asks no such question; did you mean title?"
    )
    assert "answers.toml:4:1: sections.1.headline" in lines[1]


def test_an_unreadable_answers_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('title = "June\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"answers\.toml:1:"):
        read_presets(path, [])


# -- the editor --------------------------------------------------------------------


def _editor(tmp_path: Path, body: str, status: int = 0) -> list[str]:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "old = open(path, encoding='utf-8').read()\n"
        f"open(path, 'w', encoding='utf-8').write(old + {body!r})\n"
        f"sys.exit({status})\n",
        encoding="utf-8",
    )
    return [sys.executable, str(script)]


def test_the_editor_gets_the_current_text_and_returns_the_new(tmp_path: Path) -> None:
    command = _editor(tmp_path, "\nSecond paragraph, ünïcode.\n")
    assert edit_in_editor(command, "First.\n") == "First.\n\nSecond paragraph, ünïcode.\n"


def test_an_editor_that_fails_is_reported(tmp_path: Path) -> None:
    with pytest.raises(EditorFailed, match="exited with status 3"):
        edit_in_editor(_editor(tmp_path, "x", status=3), "")
    with pytest.raises(EditorFailed, match="could not start"):
        edit_in_editor([str(tmp_path / "no-such-editor")], "")


@pytest.mark.parametrize(
    ("environ", "command"),
    [
        ({"VISUAL": "code --wait", "EDITOR": "vi"}, ["code", "--wait"]),
        ({"EDITOR": "nano"}, ["nano"]),
        ({"VISUAL": "  ", "EDITOR": "'my editor' -x"}, ["my editor", "-x"]),
        ({}, None),
    ],
)
def test_the_editor_comes_from_visual_then_editor(
    environ: dict[str, str], command: Sequence[str] | None
) -> None:
    assert editor_command(environ) == command


def test_empty_answers_are_empty_in_the_draft() -> None:
    answers = Answers(issue={"title": "T", "summary": None})
    draft = to_draft(answers)
    assert draft is not None and draft.summary is None
    assert to_draft(Answers()) is None


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("Forty volunteers cleaned the banks.", "5 words"),
        ("ขอบคุณทุกท่าน มาก", "16 characters"),  # Thai: no spaces between words
        ("みなさん、こんにちは。", "11 characters"),
    ],
)
def test_the_review_measures_texts_in_words_or_characters(
    workspace: Workspace, body: str, shown: str
) -> None:
    answers = {"sections.0.body": body, "sections.0.include": True, "sections.5.include": False}
    answers |= {f"sections.{i}.include": False for i in (1, 2, 3, 4)}
    prompter = ScriptedPrompter(answers, defaults=True, interactive=True)
    new_issue(workspace, prompter, today=TODAY)
    review = next(said for said in prompter.said if "in all" in said)
    assert re.search(rf"1\. Dear friends\s+\[dim\]\s*{shown}\[/\]", review), review


def test_a_section_moved_to_the_end_goes_after_the_last_written_one(workspace: Workspace) -> None:
    answers: dict[str, Any] = {
        "sections.2.include": False,
        "sections.5.heading": "Extra",
        "review": ["move", "move", "save"],
        "review.move": ["0", "3"],  # "Dear friends" to the end, then "Closing" (now slot 3)
        "review.move.to": ["end", "end"],
    }
    prompter = ScriptedPrompter(answers, defaults=True, interactive=True)
    outcome = new_issue(workspace, prompter, today=TODAY)
    assert outcome.path is not None and prompter.unused() == []
    headings = [s.heading for s in storage.load(outcome.path).sections]
    assert headings == ["News", "Publications", "Extra", "Dear friends", "Closing"]
    restored, from_record, _ = load_answers(outcome.path, workspace)
    assert from_record and restored == outcome.answers
    assert [slot.origin for slot in restored.sections][-1] is None  # "no more sections" stays last


HAND_WRITTEN = """\
# my notes
title = "By hand"
authors = ["Ana", "Ben"]
intro = "A short intro."
closing = "Yours, Ana"

[[sections]]
heading = "Dear friends"
body = "Hello."
lint_ignore = ["repeated-word"]

[[sections]]
heading = "News"
date = 2026-06-02
body = "An article with a date."
"""


def test_resuming_keeps_what_the_interview_never_asks(workspace: Workspace) -> None:
    hand = workspace.root / "hand.toml"
    hand.write_text(HAND_WRITTEN, encoding="utf-8")
    prompter = ScriptedPrompter({"sections.2.include": False}, defaults=True)
    outcome = new_issue(workspace, prompter, resume=hand, today=TODAY)
    assert outcome.finished
    draft = storage.load(hand)
    assert draft.authors == ("Ana", "Ben")
    assert (draft.intro, draft.closing) == ("A short intro.", "Yours, Ana")
    assert draft.sections[0].lint_ignore == ("repeated-word",)
    assert (draft.sections[1].kind, draft.sections[1].date) == ("article", date(2026, 6, 2))
    assert [s.heading for s in draft.sections] == [
        "Dear friends",
        "News",
        "Publications",
        "Closing",
    ]
    assert hand.read_text(encoding="utf-8").startswith("# my notes\n")


def test_a_resume_that_changes_nothing_leaves_the_file_alone(workspace: Workspace) -> None:
    hand = workspace.root / "hand.toml"
    hand.write_text(HAND_WRITTEN, encoding="utf-8")
    before = hand.stat().st_ino
    skip = {f"sections.{i}.include": False for i in (2, 3, 4)}
    outcome = new_issue(workspace, ScriptedPrompter(skip, defaults=True), resume=hand, today=TODAY)
    assert outcome.finished
    assert hand.stat().st_ino == before  # never replaced: atomic saves make a new file
    assert hand.read_text(encoding="utf-8") == HAND_WRITTEN


def test_editing_an_event_into_an_article_drops_its_date(workspace: Workspace) -> None:
    answers: dict[str, Any] = {
        "sections.2.date": "2026-06-20",
        "sections.2.location": "Mill bridge",
        "sections.2.kind": ["event", "article"],
        "review": ["edit", "save"],
        "review.edit": "2",
    }
    prompter = ScriptedPrompter(answers, defaults=True, interactive=True)
    outcome = new_issue(workspace, prompter, today=TODAY)
    assert outcome.path is not None
    events = storage.load(outcome.path).sections[2]
    assert (events.kind, events.date, events.location) == ("article", None, None)
