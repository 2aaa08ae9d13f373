"""The `nl new` interview: questions -> answers -> Draft, saved after every answer.

``Interview`` asks what is still unanswered (see ``answers`` for what counts
as answered) through a ``Prompter``. While a person answers, the draft is
written with ``storage.save`` (atomic) after every accepted answer, together
with the progress record that lets ``--resume`` ask only what is still open;
without a person, it is written once, at the end. ``new_issue`` is the whole
of `nl new`: choose the file, run the interview, lint what was saved.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shlex
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsletter_cli import console
from newsletter_cli.atomic import write_atomic
from newsletter_cli.console import escape
from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft
from newsletter_cli.draft.readfile import UnreadableFile, read_regular
from newsletter_cli.draft.slug import candidate_paths, draft_name, free_path
from newsletter_cli.draft.workspace import SectionPrompt, Workspace
from newsletter_cli.errors import (
    ConflictError,
    ExistsError,
    ExitCode,
    NewsletterError,
    SaveError,
    UsageError,
    display_path,
)
from newsletter_cli.new.answers import (
    Answers,
    SectionAnswers,
    load_answers,
    progress_path,
    progress_record,
    to_draft,
)
from newsletter_cli.new.answers import read_presets as read_presets  # for `nl new` in cli.py
from newsletter_cli.new.prompts import BadAnswer, MissingAnswer, PartialAnswer, Prompter
from newsletter_cli.new.questions import (
    ISSUE_KEYS,
    Choice,
    IssueDefaults,
    Question,
    describe,
    issue_question,
    parse_yes_no,
    section_fields,
    section_question,
    split_key,
)

# -- defaults ----------------------------------------------------------------------


def first_of_next_month(today: date) -> date:
    if today.month == 12:
        return date(today.year + 1, 1, 1)
    return date(today.year, today.month + 1, 1)


def next_number(folder: Path, exclude: Path | None = None) -> int:
    """The highest issue number among the drafts in ``folder``, plus one."""
    highest = 0
    if not folder.is_dir():
        return 1
    skip = exclude.resolve() if exclude else None
    for path in folder.glob("*.toml"):
        if skip is not None and path.resolve() == skip:
            continue
        try:
            number = tomllib.loads(read_regular(path, what="draft").decode("utf-8")).get("number")
        except (UnreadableFile, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # a broken draft is `nl lint`'s business, not a reason to stop here
        if isinstance(number, int) and not isinstance(number, bool):
            highest = max(highest, number)
    return highest + 1


def issue_defaults(workspace: Workspace, today: date, exclude: Path | None = None) -> IssueDefaults:
    return IssueDefaults(
        title=workspace.settings.name,
        date=first_of_next_month(today),
        number=next_number(workspace.issues_path, exclude),
        language=workspace.settings.language,
    )


# -- the interview --------------------------------------------------------------------


@dataclass
class Outcome:
    """How an interview ended."""

    path: Path | None
    finished: bool
    answers: Answers
    #: What `nl lint` finds in the saved draft; None when the linter is not available.
    findings: list[Any] | None = None
    lint_note: str = ""
    unused: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.OK if self.finished else ExitCode.INTERRUPTED


class Interview:
    """Asks what is still unanswered, saving after every answer while a person is at it."""

    def __init__(
        self,
        workspace: Workspace,
        prompter: Prompter,
        answers: Answers,
        defaults: IssueDefaults,
        *,
        path: Path | None = None,
        replace: bool = False,
        existing: bool = False,
        disk: bytes | None = None,
    ) -> None:
        self.workspace = workspace
        self.prompter = prompter
        self.answers = answers
        self.defaults = defaults
        self.prompts = workspace.settings.sections
        #: The draft's file: fixed by -o or --resume, otherwise chosen once the title is known.
        self.path = path
        self.fixed_path = path is not None
        #: Replace the file at ``path`` on the first save instead of merging into it.
        self.replace = replace
        #: Whether the draft's file holds our answers (a resumed draft always does).
        self._written = existing
        #: The draft as its file holds it now, to leave the file alone when nothing changed.
        self._on_disk = to_draft(answers) if existing else None
        #: The file's bytes as this interview last read or wrote them: a save replaces the file
        #: only while it still holds them (another `nl new --resume` may have saved meanwhile).
        self._disk: bytes | None = disk
        self._named_for: date | None = None
        self._record_warned = False
        self._announced: set[int] = set()

    @property
    def saved_path(self) -> Path | None:
        """The draft's file, once it holds answers."""
        return self.path if self._written else None

    # -- running -----------------------------------------------------------------

    def run(self) -> None:
        """Ask everything still unanswered; raises KeyboardInterrupt or EOFError when stopped."""
        if self._written and self.path is not None and self.prompter.interactive:
            self._greet_resumed(self.path)
        self._ask_issue()
        self._ask_sections()
        if self.prompter.interactive:
            self._review()
        self.answers.finished = True
        self.save(final=True)

    def _greet_resumed(self, path: Path) -> None:
        given = len(self.answers.issue) + sum(len(s.values) for s in self.answers.sections)
        # a section added in the review and stopped at its heading is still an open question
        headless = any(s.included and "heading" not in s.values for s in self.answers.sections)
        done = self.answers.finished and not headless
        open_questions = "nothing is left to ask" if done else "the rest follows"
        self.prompter.say(
            f"[bold]Going on with {escape(display_path(path))}[/]\n"
            f"[dim]{given} answers are already in it; {open_questions}.[/]"
        )

    def ask(self, question: Question) -> Any:
        try:
            return self.prompter.ask(question)
        except MissingAnswer as missing:
            raise UsageError(self._missing_message(missing)) from None
        except BadAnswer as bad:
            raise UsageError(f"{bad.origin}: {bad.reason}") from None

    def _missing_message(self, missing: MissingAnswer) -> str:
        key = missing.question.key
        if missing.defaults_taken:
            why = "and it has no default"
        else:
            why = "and `nl new` is not running in a terminal, so it cannot ask"
        lines = [
            f"no answer for {key} ({describe(key, self.prompts)}), {why}.",
            f"Give it with --set {key}=VALUE or in an --answers FILE.",
        ]
        parts = split_key(key)
        if parts is not None and parts[1] != "include":
            lines.append(f"Or leave the section out with --set sections.{parts[0]}.include=no.")
        has_default = missing.question.default is not None or not missing.question.required
        if has_default and not missing.defaults_taken:
            lines.append("Or pass --no-input to take the defaults.")
        if self._written and self.path is not None:
            lines.append(f"The answers so far are saved in {display_path(self.path)}.")
        return "\n".join(lines)

    def _ask_issue(self) -> None:
        pending = [key for key in ISSUE_KEYS if key not in self.answers.issue]
        if pending and self.prompter.interactive:
            name = self.workspace.settings.name
            self.prompter.say(
                f"[bold]A new issue of {escape(name)}[/]\n"
                "[dim]Each answer is saved as soon as you give it. Ctrl-C stops;"
                " `nl new --resume` goes on where you stopped.[/]"
            )
        for key in pending:
            self.answers.issue[key] = self.ask(issue_question(key, self.defaults))
            self.save()

    def _ask_sections(self) -> None:
        index = 0
        while True:
            if index == len(self.answers.sections):
                self.answers.sections.append(SectionAnswers(origin=None))
            try:
                if not self._ask_section(index):
                    return
            finally:
                tail = self.answers.sections[-1]
                if tail.origin is None and not tail.values:
                    self.answers.sections.pop()  # stopped before saying whether to add one
            index += 1

    def _ask_section(self, index: int) -> bool:
        """Ask what is missing about one slot; False when the author adds no more sections."""
        slot = self.answers.sections[index]
        spec = self._spec(slot)
        if "include" not in slot.values:
            self._answer(index, "include")
        if not slot.included:
            return spec is not None
        while True:
            pending = [f for f in section_fields(slot.values.get("kind")) if f not in slot.values]
            if not pending:
                return True
            self._answer(index, pending[0])
            if slot.values.get("include") is False:  # an added section abandoned at its heading
                return False

    def _announce(self, index: int, slot: SectionAnswers, spec: SectionPrompt | None) -> None:
        """A header before the first question of a section put to the person, with its hint."""
        if index in self._announced:
            return
        self._announced.add(index)
        if spec is None:
            heading = slot.values.get("heading")
            self.prompter.say(f"\n[bold]{escape(heading)}[/]" if heading else "")
            return
        count = len(self.prompts)
        self.prompter.say(f"\n[bold]Section {index + 1} of {count}: {escape(spec.heading)}[/]")
        if spec.prompt:
            self.prompter.say(f"[dim]{escape(spec.prompt)}[/]")

    def _answer(self, index: int, name: str) -> None:
        slot = self.answers.sections[index]
        known = slot.values
        if name == "body" and "body" not in known and slot.unfinished:
            known = {**known, "body": slot.unfinished}  # go on with what was typed
        first = not any(other.in_draft for other in self.answers.sections[:index])
        question = section_question(index, name, self._spec(slot), known, first=first)
        # a section the author added can be taken back at its heading, also after a resume
        abandonable = name == "heading" and slot.origin is None and self.prompter.interactive
        if abandonable:
            question = dataclasses.replace(
                question, required=False, hint="Enter with no heading to leave this section out"
            )
        if self.prompter.interactive and not self.prompter.knows(question.key):
            self._announce(index, slot, self._spec(slot))
        try:
            value = self.ask(question)
        except PartialAnswer as stop:
            if name == "body" and "body" not in slot.values and stop.text.strip():
                # as typed, trailing space included: the words typed on resume follow it
                slot.unfinished = stop.text
                self.save()
            raise
        if abandonable and value is None:
            slot.values = {"include": False}
        else:
            slot.values[name] = value
        slot.unfinished = ""
        self.save()

    def _spec(self, slot: SectionAnswers) -> SectionPrompt | None:
        return self.prompts[slot.origin] if slot.origin is not None else None

    # -- the review step ------------------------------------------------------------------

    def _review(self) -> None:
        while True:
            self.prompter.say(self._summary())
            listed = [i for i, slot in enumerate(self.answers.sections) if slot.in_draft]
            choices = [Choice("Save and finish", "save")]
            if listed:
                choices += [Choice("Edit a section", "edit"), Choice("Drop a section", "drop")]
            if len(listed) > 1:
                choices.append(Choice("Move a section", "move"))
            choices.append(Choice("Add a section", "add"))
            action = self.ask(
                Question(
                    "review", "select", "Anything to change?", str, "save", choices=tuple(choices)
                )
            )
            if action == "save":
                return
            if action == "add":
                self._add_section()
                continue
            index = int(self.ask(self._pick(listed, action)))
            if action == "edit":
                self._edit(index)
            elif action == "drop":
                self._drop(index)
            else:
                self._move_section(index, listed)

    def _summary(self) -> str:
        draft = to_draft(self.answers)
        if draft is None:
            return ""
        when = draft.date.isoformat() if draft.date else "no date"
        number = f"no. {draft.number}, " if draft.number else ""
        lines = [f"\n[bold]{escape(draft.title)}[/] ({number}{when})"]
        width = max((len(section.heading) for section in draft.sections), default=0)
        # Thai, Chinese, Japanese... write no spaces between words: count characters there
        unit = "characters" if _unspaced(" ".join(t for _, t, _ in draft.texts())) else "words"
        for position, section in enumerate(draft.sections, start=1):
            size = _size(section.body, unit)
            label = unit[:-1] if size == 1 else unit
            extra = ""
            if section.kind == "event":
                extra = f", event on {section.date.isoformat()}" if section.date else ", event"
            empty = " [yellow](empty)[/]" if not size else ""
            lines.append(
                f"  {position}. {escape(section.heading.ljust(width))}"
                f"  [dim]{size:>4} {label}{extra}[/]{empty}"
            )
        if not draft.sections:
            lines.append("  [yellow]no sections yet[/]")
        total = sum(_size(text, unit) for _, text, _ in draft.texts())
        lines.append(f"  [dim]{total} {unit} in all[/]")
        return "\n".join(lines)

    def _pick(self, listed: Sequence[int], verb: str) -> Question:
        choices = []
        for position, index in enumerate(listed, start=1):
            heading = self.answers.sections[index].values["heading"]
            choices.append(Choice(f"{position}. {heading}", str(index)))
        return Question(
            f"review.{verb}",
            "select",
            f"Which section do you want to {verb}?",
            str,
            choices=tuple(choices),
        )

    def _edit(self, index: int) -> None:
        slot = self.answers.sections[index]
        # numbered as in the review's list, not as in the interview ("Section 4 of 5" was the
        # third section of the draft once one had been skipped)
        listed = [i for i, other in enumerate(self.answers.sections) if other.in_draft]
        heading = slot.values.get("heading", "")
        self.prompter.say(
            f"\n[bold]Editing section {listed.index(index) + 1} of {len(listed)}:"
            f" {escape(heading)}[/]"
        )
        self._announced.add(index)
        asked: set[str] = set()
        while True:
            pending = [
                f
                for f in section_fields(slot.values.get("kind"))
                if f != "include" and f not in asked
            ]
            if not pending:
                return
            asked.add(pending[0])
            self._answer(index, pending[0])

    def _drop(self, index: int) -> None:
        slot = self.answers.sections[index]
        heading = slot.values["heading"]
        sure = self.ask(
            Question(
                "review.drop.confirm",
                "confirm",
                f"Drop “{heading}” and its text from the draft?",
                parse_yes_no,
                default=False,
            )
        )
        if sure:
            slot.values = {"include": False}
            self.save()

    def _move_section(self, index: int, listed: Sequence[int]) -> None:
        """Put a section before another one, or after all of them."""
        moving = self.answers.sections[index]
        choices = [
            Choice(f"before “{self.answers.sections[i].values['heading']}”", str(i))
            for i in listed
            if i != index
        ]
        choices.append(Choice("at the end", "end"))
        where = self.ask(
            Question(
                "review.move.to",
                "select",
                f"Where should “{moving.values['heading']}” go?",
                str,
                choices=tuple(choices),
            )
        )
        slots = self.answers.sections
        last = slots[listed[-1]]
        if where == "end":
            if moving is last:
                return
            slots.remove(moving)
            # after the last written section, before any "no more sections" answer
            slots.insert(slots.index(last) + 1, moving)
        else:
            anchor = slots[int(where)]
            slots.remove(moving)
            slots.insert(slots.index(anchor), moving)
        self.save()

    def _add_section(self) -> None:
        slots = self.answers.sections
        while (
            slots
            and slots[-1].origin is None
            and "include" in slots[-1].values
            and not slots[-1].included
        ):
            slots.pop()  # the "no more sections" answer is taken back
        slots.append(SectionAnswers(origin=None, values={"include": True}))
        self.save()
        self._ask_sections()

    # -- saving -----------------------------------------------------------------------

    def save(self, *, final: bool = False) -> None:
        """Write the draft (and the progress record) as it stands now."""
        if not (final or self.prompter.interactive):
            return  # nobody is typing: write once, at the end, or not at all
        draft = to_draft(self.answers)
        if draft is None:
            return
        try:
            path = self._write(draft)
        except ConflictError as conflict:
            shown = shlex.quote(display_path(self.path)) if self.path else ""
            raise ConflictError(
                f"{conflict.message}.\nThe last answer was not saved. To go on from what the file"
                f" holds now: nl new --resume {shown}"
            ) from None
        self._on_disk = draft
        self._written = True
        self._write_record(path)

    def _write(self, draft: Draft) -> Path:
        """Save ``draft``: a new file's name is claimed atomically; an old one must be as read."""
        if not self._written:
            if self.replace and self.path is not None:
                self._disk = storage.dumps(draft).encode("utf-8")
                write_atomic(self.path, self._disk)
                return self.path
            if self.fixed_path and self.path is not None:
                _make_folder(self.path.parent)  # -o drafts/june.toml makes drafts/, as import -o
                candidates: Iterable[Path] = [self.path]
            else:
                issue_date = draft.date or self.defaults.date
                folder = self.workspace.issues_path
                _make_folder(folder)
                candidates = candidate_paths(folder, draft_name(issue_date, draft.title))
                self._named_for = issue_date
            self.path, self._disk = storage.create(draft, candidates)
            return self.path
        path = self._follow_date(draft)
        if not path.exists() and not path.is_symlink():
            # deleted while the interview ran: the answers are still here, so write them again
            self.path, self._disk = storage.create(draft, [path])
        elif draft != self._on_disk:
            self._disk = storage.save(draft, path, expected=self._disk)
        # else: an answer that changes nothing in the draft (a skipped section) rewrites only
        # the progress record
        return path

    def _follow_date(self, draft: Draft) -> Path:
        """The draft's file, renamed when its date changed (unless -o or --resume fixed it)."""
        assert self.path is not None
        if self.fixed_path:
            return self.path
        issue_date = draft.date or self.defaults.date
        if issue_date != self._named_for:
            folder = self.workspace.issues_path
            self._move(free_path(folder, draft_name(issue_date, draft.title), taken=self.path))
            self._named_for = issue_date
        return self.path

    def _move(self, target: Path) -> None:
        """Follow a changed date in the file name, never replacing another file."""
        old = self.path
        if old is None or target.resolve() == old.resolve():
            return
        if self._written and old.exists():
            try:
                os.link(old, target)  # fails rather than replace a file that appeared meanwhile
                old.unlink()
            except FileExistsError:
                return  # keep the old name; the draft matters more than its name
            except OSError:  # no hard links on this file system
                try:
                    os.rename(old, target)
                except OSError:
                    return
            progress_path(self.workspace, old).unlink(missing_ok=True)
        self.path = target

    def _write_record(self, path: Path) -> None:
        record_path = progress_path(self.workspace, path)
        try:
            record_path.parent.mkdir(parents=True, exist_ok=True)
            record = progress_record(self.answers, path, self._disk or b"")
            text = json.dumps(record, indent=1, ensure_ascii=False)
            if record_path.is_symlink():
                record_path.unlink()  # a record, like a cache, is never written through a link
            write_atomic(record_path, text + "\n")
        except (OSError, SaveError) as error:
            if not self._record_warned:
                self._record_warned = True
                reason = error.message if isinstance(error, SaveError) else str(error)
                console.warning(
                    f"cannot keep track of the answers in {record_path.parent}: {reason}"
                )


_UNSPACED_SCRIPTS = ("THAI", "LAO", "KHMER", "MYANMAR", "CJK", "HIRAGANA", "KATAKANA", "TIBETAN")


def _unspaced(text: str) -> bool:
    """Whether most letters of the text belong to scripts written without spaces."""
    letters = [c for c in text if c.isalpha()]
    unspaced = sum(unicodedata.name(c, "").startswith(_UNSPACED_SCRIPTS) for c in letters)
    return bool(letters) and unspaced * 2 > len(letters)


def _size(text: str, unit: str) -> int:
    if unit == "words":
        return len(text.split())
    return sum(1 for c in text if not c.isspace())


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise SaveError(f"{display_path(folder)}: cannot create the folder: {reason}") from error


# -- `nl new` -----------------------------------------------------------------------


def new_issue(
    workspace: Workspace,
    prompter: Prompter,
    *,
    output: Path | None = None,
    resume: Path | None = None,
    force: bool = False,
    today: date | None = None,
) -> Outcome:
    """Run the interview for a new draft, or resume one; returns how it ended."""
    if output is not None and resume is not None:
        raise UsageError(
            "--output and --resume cannot be combined: a resumed draft stays where it is"
        )
    today = today or date.today()
    replace = False
    disk: bytes | None = None
    if resume is not None:
        answers, _, disk = load_answers(resume, workspace)
        path: Path | None = resume
    else:
        answers = Answers.empty(workspace.settings.sections)
        path = output
        if output is not None:
            replace = _may_replace(output, prompter, force)
    defaults = issue_defaults(workspace, today, exclude=path)
    interview = Interview(
        workspace,
        prompter,
        answers,
        defaults,
        path=path,
        replace=replace,
        existing=resume is not None,
        disk=disk,
    )
    try:
        interview.run()
    except (KeyboardInterrupt, EOFError):
        return Outcome(interview.saved_path, finished=False, answers=answers)
    outcome = Outcome(interview.path, finished=True, answers=answers)
    outcome.unused = prompter.unused()
    if interview.path is not None:
        outcome.findings, outcome.lint_note = lint_saved(interview.path, workspace)
    return outcome


def _may_replace(output: Path, prompter: Prompter, force: bool) -> bool:
    if output.is_dir():
        raise UsageError(f"--output {display_path(output)}: is a folder; give a file name")
    if not output.exists() or force:
        return output.exists()
    if prompter.interactive:
        question = Question(
            "overwrite",
            "confirm",
            f"{display_path(output)} already exists. Replace it with the new draft?",
            parse_yes_no,
            default=False,
        )
        try:
            replace = bool(prompter.ask(question))
        except MissingAnswer:
            replace = False
        if replace:
            return True
    raise ExistsError(
        f"{display_path(output)}: already exists; nothing was changed."
        " Pass --force to replace it, choose another --output, or continue it with"
        f" nl new --resume {shlex.quote(display_path(output))}"
    )


def lint_saved(path: Path, workspace: Workspace) -> tuple[list[Any] | None, str]:
    """What `nl lint` finds in the saved draft."""
    from newsletter_cli.lint.engine import lint_draft

    try:
        return list(lint_draft(storage.load(path), workspace)), ""
    except NewsletterError as error:
        return None, "the draft was saved but could not be checked: " + "; ".join(error.lines())


def print_outcome(outcome: Outcome) -> None:
    """Tell the author where the draft is and what comes next."""
    for key in outcome.unused:
        console.warning(f"the answer for {key} was not used: `nl new` did not ask that question")
    if not outcome.finished:
        if outcome.path is None:
            console.info("\n[yellow]Stopped; nothing was saved yet.[/]")
            return
        shown = display_path(outcome.path)
        console.info(
            f"\n[yellow]Stopped.[/] Every answer so far is saved in [bold]{escape(shown)}[/].\n"
            f"To go on where you left off: [bold]nl new --resume {escape(shlex.quote(shown))}[/]"
        )
        return
    if outcome.path is None:
        return
    console.success(f"saved {display_path(outcome.path)}")
    if outcome.findings is None:
        if outcome.lint_note:
            console.info(f"[dim]{escape(outcome.lint_note)}[/]")
        return
    path = escape(shlex.quote(display_path(outcome.path)))
    if not outcome.findings:
        console.info("[green]nl lint finds nothing to fix.[/]")
        console.info(f"Next: [bold]nl export {path}[/] makes the PDF and the web page.")
        return
    from newsletter_cli.lint import reporters
    from newsletter_cli.lint.engine import LintReport

    console.info("What nl lint finds in it:")
    reporters.report(LintReport(findings=list(outcome.findings), files=1), "text")
    console.info(
        f"Next: change the draft in your editor and check it again with [bold]nl lint {path}[/];"
        f" [bold]nl export {path}[/] makes the PDF and the web page."
    )
