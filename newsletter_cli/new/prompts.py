"""The one module that asks questions: a small ``Prompter`` interface and its implementations.

``QuestionaryPrompter`` asks a person at a terminal (questionary, imported
here and only when a person is asked). ``ScriptedPrompter`` answers from a
table keyed by question (``--set``, ``--answers``, tests), falling back to the
defaults (``--no-input``), to a person, or to "missing answer".

Ctrl-C and end of input are never swallowed: every questionary prompt runs
with ``unsafe_ask()`` so that ``KeyboardInterrupt`` and ``EOFError`` reach the
interview, which saves the draft and tells the author how to resume.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from newsletter_cli import console
from newsletter_cli.new.questions import Question, hard_line_breaks

#: An answer in a script that presses Ctrl-C at that question.
INTERRUPT = object()
#: An answer in a script that closes standard input at that question.
END_OF_INPUT = object()


class Prompter(Protocol):
    """Whatever answers the interview's questions."""

    #: A person is answering: save after every answer and offer a review before finishing.
    interactive: bool

    def ask(self, question: Question) -> Any:
        """The accepted value of an answer; raises KeyboardInterrupt or EOFError."""
        ...

    def say(self, message: str) -> None:
        """Tell the author something (rich markup allowed)."""
        ...

    def unused(self) -> list[str]:
        """Answers given in advance that no question took."""
        ...

    def knows(self, key: str) -> bool:
        """Whether question ``key`` will be answered without putting it to a person."""
        ...


class PartialAnswer(KeyboardInterrupt):
    """Ctrl-C in the middle of a text: a stop that still carries what was typed so far."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class MissingAnswer(LookupError):
    """No answer for a question and nobody to ask."""

    def __init__(self, question: Question, *, defaults_taken: bool = False) -> None:
        super().__init__(question.key)
        self.question = question
        #: Whether defaults were being taken (``--no-input``): the question simply has none.
        self.defaults_taken = defaults_taken


class BadAnswer(ValueError):
    """A scripted answer that the question refuses."""

    def __init__(self, question: Question, raw: Any, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.question = question
        self.raw = raw
        self.origin = origin
        self.reason = reason


class ScriptedPrompter:
    """Answers from a table keyed by question key (``title``, ``sections.2.body``).

    A value that is a list is used one item per time the question is asked
    (the review step, or an answer that is refused and retried). ``INTERRUPT``
    and ``END_OF_INPUT`` stand for Ctrl-C and a closed input. A question
    without an answer gets its default when ``defaults`` is true, otherwise
    goes to ``fallback``, otherwise raises ``MissingAnswer``.
    """

    def __init__(
        self,
        answers: Mapping[str, Any] | None = None,
        *,
        defaults: bool = False,
        fallback: Prompter | None = None,
        interactive: bool | None = None,
        origins: Mapping[str, str] | None = None,
    ) -> None:
        self._answers: dict[str, list[Any]] = {
            key: list(value) if isinstance(value, list) else [value]
            for key, value in (answers or {}).items()
        }
        self._origins = dict(origins or {})
        self._given = list(self._answers)
        self.defaults = defaults
        self.fallback = fallback
        self.interactive = (
            fallback.interactive if interactive is None and fallback else bool(interactive)
        )
        #: Every question asked, in order.
        self.asked: list[str] = []
        #: Refused answers: (key, reason), as a person would have seen them.
        self.refused: list[tuple[str, str]] = []
        #: Everything said to the author.
        self.said: list[str] = []

    def ask(self, question: Question) -> Any:
        self.asked.append(question.key)
        queue = self._answers.get(question.key)
        while queue:
            raw = queue.pop(0)
            if raw is INTERRUPT:
                raise KeyboardInterrupt
            if raw is END_OF_INPUT:
                raise EOFError
            if isinstance(raw, PartialAnswer):
                raise raw
            try:
                return question.accept(raw)
            except ValueError as reason:
                self.refused.append((question.key, str(reason)))
                if not queue:
                    origin = self._origins.get(question.key, question.key)
                    raise BadAnswer(question, raw, origin, str(reason)) from None
        section = question.key.removesuffix("include")
        if section != question.key and self._answers_about(section):
            return True  # answering anything about a section means writing it
        if self.fallback is not None:
            return self.fallback.ask(question)
        if self.defaults and (question.default is not None or not question.required):
            return question.default if question.default is not None else question.accept("")
        if self.defaults and question.skippable:
            return None  # left out of the draft: a skeleton that a person then completes
        raise MissingAnswer(question, defaults_taken=self.defaults)

    def say(self, message: str) -> None:
        self.said.append(message)
        if self.fallback is not None:
            self.fallback.say(message)

    def unused(self) -> list[str]:
        return [key for key in self._given if key not in self.asked]

    def knows(self, key: str) -> bool:
        if self._answers.get(key) or self.fallback is None:
            return True
        section = key.removesuffix("include")
        return section != key and self._answers_about(section)

    def _answers_about(self, prefix: str) -> bool:
        return any(key.startswith(prefix) for key in self._given)


class QuestionaryPrompter:
    """Asks a person at a terminal, one questionary prompt per question."""

    interactive = True

    def __init__(self, *, editor: bool = False) -> None:
        self.editor = editor

    def say(self, message: str) -> None:
        console.info(message)

    def unused(self) -> list[str]:
        return []

    def knows(self, key: str) -> bool:
        return False

    def ask(self, question: Question) -> Any:
        if question.kind == "confirm":
            return self._confirm(question)
        if question.kind == "select":
            return self._select(question)
        if question.kind == "multiline":
            return self._body(question)
        return self._text(question)

    def _validator(self, question: Question) -> Any:
        def validate(raw: str) -> bool | str:
            try:
                question.accept(raw)
            except ValueError as reason:
                return str(reason)
            return True

        return validate

    def _text(self, question: Question) -> Any:
        import questionary

        instruction = f"({question.hint})" if question.hint else None
        raw = questionary.text(
            question.message,
            default=question.default_text,
            validate=self._validator(question),
            instruction=instruction,
        ).unsafe_ask()
        return question.accept(raw)

    def _confirm(self, question: Question) -> Any:
        import questionary

        if question.hint:
            console.info(f"  [dim]{console.escape(question.hint)}[/]")
        answer = questionary.confirm(question.message, default=bool(question.default)).unsafe_ask()
        return question.accept(answer)

    def _select(self, question: Question) -> Any:
        import questionary

        choices = [questionary.Choice(c.title, value=c.value) for c in question.choices]
        default = next((c for c in choices if c.value == question.default), None)
        answer = questionary.select(
            question.message,
            choices=choices,
            default=default,
            instruction="(arrow keys, Enter)",
        ).unsafe_ask()
        return question.accept(answer)

    def _body(self, question: Question) -> Any:
        import questionary

        if question.hint:
            console.info(f"  [dim]{console.escape(question.hint)}[/]")
        if self.editor:
            command = editor_command()
            if command is None:
                console.warning("neither $VISUAL nor $EDITOR is set; type the text here instead")
            else:
                what = console.escape(question.message[:1].lower() + question.message[1:])
                name = console.escape(" ".join(command))
                console.info(
                    f"? Opening [bold]{name}[/] for the {what}; save and close it to go on."
                )
                try:
                    text = question.accept(edit_in_editor(command, question.default_text))
                except EditorFailed as failure:
                    console.warning(f"{failure}; type the text here instead")
                else:
                    words = len(str(text).split())
                    console.info(f"  [dim]{words} {'word' if words == 1 else 'words'} written[/]")
                    return text
        raw = questionary.text(
            question.message,
            default=question.default_text,
            multiline=True,
            key_bindings=_keep_text_on_ctrl_c(),
            validate=self._validator(question),
            instruction="(Markdown; Enter for a new line, Esc then Enter to finish)\n",
            # every line of the text starts at the left edge, not under the question
            prompt_continuation=" ",
        ).unsafe_ask()
        return hard_line_breaks(question.accept(raw))


def _keep_text_on_ctrl_c() -> Any:
    """Ctrl-C in a multi-line text stops as usual, but hands over what was typed."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("c-c")
    def _stop(event: Any) -> None:
        event.app.exit(exception=PartialAnswer(event.current_buffer.text))

    return bindings


class EditorFailed(RuntimeError):
    """The author's editor could not be started or did not exit cleanly."""


def editor_command(environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The author's editor from ``$VISUAL`` or ``$EDITOR``, split like a shell would."""
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                return [value]
    return None


def edit_in_editor(command: Iterable[str], text: str) -> str:
    """Open ``text`` in the editor on a temporary Markdown file and return what was saved."""
    fd, name = tempfile.mkstemp(prefix="nl-section-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        argv = [*command, str(path)]
        try:
            status = subprocess.call(argv)
        except OSError as error:
            raise EditorFailed(f"could not start {argv[0]}: {error.strerror or error}") from error
        if status != 0:
            raise EditorFailed(f"{argv[0]} exited with status {status}")
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise EditorFailed(f"could not read the text back from the editor: {error}") from error
    finally:
        path.unlink(missing_ok=True)


def choose_prompter(
    answers: Mapping[str, Any],
    origins: Mapping[str, str],
    *,
    no_input: bool,
    editor: bool,
    terminal: bool,
) -> Prompter:
    """Who answers: the given answers first, then the defaults, a person, or nobody."""
    if no_input:
        return ScriptedPrompter(answers, defaults=True, origins=origins)
    if terminal:
        return ScriptedPrompter(
            answers, fallback=QuestionaryPrompter(editor=editor), origins=origins
        )
    return ScriptedPrompter(answers, origins=origins)
