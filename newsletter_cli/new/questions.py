"""What `nl new` asks, as data: one ``Question`` per answer, keyed like the draft.

Keys are dotted paths (``title``, ``sections.2.heading``) so that the same
names work in the interview, in ``--set KEY=VALUE``, in ``--answers FILE`` and
in the progress record. ``sections.N`` counts the sections the workspace
offers (its ``[[sections]]`` prompts), then the ones the author adds; a skipped
section keeps its number.

Every answer goes through the validators the draft loader uses
(``newsletter_cli.draft.fields``), so an answer the interview accepts is one the
loader accepts too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from newsletter_cli.draft import fields
from newsletter_cli.draft.workspace import SectionPrompt

QuestionKind = Literal["text", "multiline", "confirm", "select"]

ISSUE_KEYS: tuple[str, ...] = ("title", "date", "number", "language", "summary")
#: The questions of one section, in the order they are asked.
SECTION_FIELDS: tuple[str, ...] = (
    "include",
    "heading",
    "kind",
    "date",
    "end_date",
    "location",
    "body",
)
EVENT_FIELDS: tuple[str, ...] = ("date", "end_date", "location")

_SECTION_KEY = re.compile(r"^sections\.(\d+)\.([a-z_]+)$")


@dataclass(frozen=True)
class Choice:
    """One option of a ``select`` question."""

    title: str
    value: str


@dataclass(frozen=True)
class Question:
    """One thing `nl new` asks.

    ``parse`` turns a typed answer (text from the keyboard or ``--set``, or a
    TOML value from ``--answers``) into the value stored in the draft, or
    raises ``ValueError`` with a reason for the author. An empty answer to a
    question that is not ``required`` means "none" and is never parsed.
    """

    key: str
    kind: QuestionKind
    message: str
    parse: Callable[[Any], Any]
    default: Any = None
    hint: str = ""
    required: bool = True
    choices: tuple[Choice, ...] = ()
    #: Without input (``--no-input``), a missing answer is left out of the draft instead of
    #: stopping `nl new`: the draft format allows it to be missing, and `nl lint` reports it.
    skippable: bool = False

    @property
    def default_text(self) -> str:
        """The default as the author would type it."""
        return format_value(self.default)

    def accept(self, raw: Any) -> Any:
        """The value of an answer; ``None`` for an empty optional answer."""
        if not self.required and isinstance(raw, str) and not raw.strip():
            return "" if self.kind == "multiline" else None
        return self.parse(raw)


@dataclass(frozen=True)
class IssueDefaults:
    """The defaults of the issue's own questions, worked out from the workspace."""

    title: str
    date: date
    number: int
    language: str


def format_value(value: Any) -> str:
    """A stored value written back as text: for defaults and for ``--set``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse_yes_no(value: Any) -> bool:
    """``yes``/``no`` (also ``y``, ``n``, ``true``, ``false``) or a TOML boolean."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in {"y", "yes", "true", "1"}:
            return True
        if word in {"n", "no", "false", "0"}:
            return False
    raise ValueError(f"answer yes or no, not {fields.type_name(value)}")


def _text_field(what: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        return fields.require_text(value, what).strip()

    return parse


def _title(value: Any) -> str:
    """The loader's rule for a title (one line: it becomes the email's subject), then trimmed."""
    return fields.single_line(fields.require_text(value, "the title"), "the title").strip()


def _optional_line(value: Any) -> str:
    return fields.optional_text(value).strip()


def _body(value: Any) -> str:
    text = fields.optional_text(value)
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    return "\n".join(lines).strip("\n")


def hard_line_breaks(text: str) -> str:
    """Line breaks typed inside a paragraph, kept: each becomes a CommonMark hard line break.

    At the text prompt, Enter starts a new line, and a person who types "Warm wishes," Enter
    "Sam" means two lines; in Markdown that is one line unless the first ends with a backslash.
    So every line of a paragraph but its last gets one (if it has none yet). A blank line still
    separates paragraphs, and lists, headings, quotes and code keep their own syntax.
    """
    from newsletter_cli.text.markdown import parse

    lines = text.split("\n")
    for token in parse(text):
        if token.type != "paragraph_open" or not token.map:
            continue
        start, end = token.map
        for number in range(start, min(end, len(lines)) - 1):
            line = lines[number]
            backslashes = len(line) - len(line.rstrip("\\"))
            if line.strip() and backslashes % 2 == 0:
                lines[number] = line + "\\"
    return "\n".join(lines)


def issue_question(key: str, defaults: IssueDefaults) -> Question:
    """One of the questions about the issue itself."""
    if key == "title":
        return Question(
            "title",
            "text",
            "Title of this issue",
            _title,
            default=defaults.title,
            hint="the subject line of the email and the heading of the page",
        )
    if key == "date":
        return Question(
            "date",
            "text",
            "Date of the issue",
            fields.parse_date,
            default=defaults.date,
            hint="YYYY-MM-DD",
        )
    if key == "number":
        return Question(
            "number",
            "text",
            "Issue number",
            _issue_number,
            default=defaults.number,
        )
    if key == "language":
        return Question(
            "language",
            "text",
            "Language",
            fields.parse_language,
            default=defaults.language,
            hint="a language tag: en, fr-CA, th, ...",
        )
    if key == "summary":
        return Question(
            "summary",
            "text",
            "Preview text",
            _optional_line,
            hint="one sentence shown next to the subject in the inbox; Enter to leave it out",
            required=False,
        )
    raise KeyError(key)


def section_question(
    index: int,
    field: str,
    spec: SectionPrompt | None,
    answers: Mapping[str, Any],
    *,
    first: bool = False,
) -> Question:
    """Question ``field`` of section ``index``; ``first`` when the draft has no section yet.

    ``spec`` is the workspace's prompt for an offered section (None for one the
    author adds); ``answers`` holds what is already known about the section,
    which supplies defaults (the heading in a message, the start date of an
    event) and, when a section is edited, the current values.
    """
    key = f"sections.{index}.{field}"
    heading = answers.get("heading") or (spec.heading if spec else "")
    name = f"“{heading}”" if heading else "the new section"

    def current(fallback: Any) -> Any:
        return answers.get(field, fallback)

    if field == "include":
        if spec is None:
            message = "Add a section?" if first else "Add another section?"
            return Question(key, "confirm", message, parse_yes_no, default=False)
        return Question(
            key,
            "confirm",
            f"Write the {name} section?",
            parse_yes_no,
            default=True,
        )
    if field == "heading":
        return Question(
            key,
            "text",
            "Heading",
            _text_field("a section heading"),
            default=current(spec.heading if spec else None),
        )
    if field == "kind":
        return Question(
            key,
            "select",
            f"What kind of section is {name}?",
            fields.parse_kind,
            default=current(spec.kind if spec else "article"),
            choices=(
                Choice("article: text to read", "article"),
                Choice("event: something with a date, a place and a way to take part", "event"),
            ),
        )
    if field == "date":
        return Question(
            key,
            "text",
            "When is the event?",
            fields.parse_date,
            default=current(None),
            hint="YYYY-MM-DD, required for an event",
            skippable=True,
        )
    if field == "end_date":
        start = answers.get("date")
        return Question(
            key,
            "text",
            "Last day, if it runs over several days",
            _end_date(start if isinstance(start, date) else None),
            default=current(None),
            hint="YYYY-MM-DD; Enter if it is a single day",
            required=False,
        )
    if field == "location":
        return Question(
            key,
            "text",
            "Where?",
            _optional_line,
            default=current(None),
            hint="a place or a link; Enter to leave it out",
            required=False,
        )
    if field == "body":
        return Question(
            key,
            "multiline",
            f"Text of {name}",
            _body,
            default=current(""),
            required=False,
        )
    raise KeyError(field)


def _issue_number(value: Any) -> int:
    """A typed answer is always text: say what is wrong with it, not that it is text."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = int(text)
        except ValueError:
            raise ValueError(
                f"{text!r} is not a whole number; give the issue number, e.g. 7"
            ) from None
    return fields.parse_number(value)


def _end_date(start: date | None) -> Callable[[Any], date]:
    def parse(value: Any) -> date:
        end = fields.parse_date(value)
        if start is not None and end < start:
            raise ValueError(
                f"the last day, {end.isoformat()}, is before the first day, {start.isoformat()}"
            )
        return end

    return parse


def section_fields(kind: str | None) -> tuple[str, ...]:
    """The questions of a section of this kind, in order."""
    if kind == "event":
        return SECTION_FIELDS
    return tuple(f for f in SECTION_FIELDS if f not in EVENT_FIELDS)


def split_key(key: str) -> tuple[int, str] | None:
    """``sections.2.heading`` -> ``(2, "heading")``; None for an issue key."""
    match = _SECTION_KEY.match(key)
    if not match:
        return None
    return int(match.group(1)), match.group(2)


def check_key(key: str) -> None:
    """Raise ``ValueError`` naming the key when `nl new` never asks it."""
    if key in ISSUE_KEYS:
        return
    parts = split_key(key)
    if parts is not None and parts[1] in SECTION_FIELDS:
        return
    known = [*ISSUE_KEYS, *(f"sections.N.{f}" for f in SECTION_FIELDS)]
    if key.startswith("sections."):
        field = key.rsplit(".", 1)[-1]
        close = fields.closest(field, SECTION_FIELDS)
        if close and parts is None and re.match(r"^sections\.\d+\.", key) is None:
            hint = "; write it as sections.N.FIELD with N counting from 0"
        elif close:
            hint = f"; did you mean sections.N.{close}?"
        else:
            hint = f"; a section answers {', '.join(SECTION_FIELDS)}"
        raise ValueError(f"{key}: `nl new` asks no such question{hint}")
    match = fields.closest(key, ISSUE_KEYS)
    hint = f"; did you mean {match}?" if match else f"; known answers: {', '.join(known)}"
    raise ValueError(f"{key}: `nl new` asks no such question{hint}")


def describe(key: str, prompts: Sequence[SectionPrompt]) -> str:
    """A few words saying what an answer is, for messages about a missing one."""
    parts = split_key(key)
    if parts is None:
        names = {
            "title": "the title of the issue",
            "date": "the date of the issue",
            "number": "the issue number",
            "language": "the language of the issue",
            "summary": "the preview text",
        }
        return names.get(key, key)
    index, field = parts
    section = "an added section"
    if index < len(prompts):
        section = f"the section “{prompts[index].heading}”"
    what = {
        "include": "whether to include",
        "heading": "the heading of",
        "kind": "the kind of",
        "date": "the date of the event in",
        "end_date": "the last day of the event in",
        "location": "the place of the event in",
        "body": "the text of",
    }[field]
    return f"{what} {section}"
