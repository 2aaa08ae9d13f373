"""What the import makes of one source file: the draft, and what had to be guessed about it.

Every guess and every doubt has a name here, so that the summary of a run can count them
(``run.show_report``) and the tests can ask for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsletter_cli.draft.model import Draft
from newsletter_cli.errors import NewsletterError
from newsletter_cli.importer.frontmatter import Style

SourceFormat = Literal["markdown", "text"]
FromOption = Literal["markdown", "text", "auto"]


# -- what a guess or a doubt is called in the summary ---------------------------------

DATE_FROM_FILE_NAME = "date from file name"
DATE_FROM_TEXT = "date from a line of the text"
TITLE_FROM_HEADING = "title from the first heading"
TITLE_FROM_FILE_NAME = "title from file name"
TITLE_FROM_FIRST_LINE = "title from the first line"
NUMBER_FROM_FILE_NAME = "number from file name"
NUMBER_FROM_TITLE = "number from the title"
HEADINGS_FROM_SHORT_LINES = "headings guessed from short lines"

NO_DATE = "no date found"
TEMPLATE_TAGS = "template tags kept verbatim"
UNFILLED_VARIABLES = "template variables not filled"
UNDEFINED_LINKS = "reference links without a definition"
DROPPED_VALUE = "front matter value not usable"
EMPTY_HEADING = "empty heading"


class SourceError(NewsletterError):
    """A file that cannot be imported; the message reads ``path[:line:col]: reason``."""


@dataclass(frozen=True)
class Imported:
    """One source file turned into a draft, with what had to be guessed about it."""

    source: Path
    draft: Draft
    format: SourceFormat
    front_matter: Style = "none"
    guesses: tuple[str, ...] = ()
    #: (kind, detail) pairs: things a person should check.
    doubts: tuple[tuple[str, str], ...] = ()
    #: Front matter keys that have no place in a draft (permalink, layout, ...).
    unused_keys: tuple[str, ...] = ()
    #: Template variables (``{{ site.x }}``) the import could not fill, as written inside the
    #: braces; they stand in the draft as code spans.
    unfilled: tuple[str, ...] = ()
    #: ``path:line:col: reason`` for what is wrong in the source although a draft was made
    #: (a date that is not a real date): the import of this file exits with 3.
    problems: tuple[str, ...] = ()
    #: Where the draft's date came from when the source's own date could not be used; written
    #: into the draft as a TOML comment above ``date``.
    date_note: str | None = None
