"""Checking a TOML table against a schema: the one validator of drafts, settings and rule options.

A schema maps each key a table may hold to a ``Field``: the parser of its value
(one of ``fields``' validators, which raise ``ValueError`` with a reason written
for a person) and whether the key is required. ``TableChecker.table`` checks
every key of a table and collects every problem, each at the key's
``path:line:col`` and naming the key (``sections.0.body: expected text, got a
number (3)``); an unknown key gets a "did you mean" hint, and a wrong item of a
list is reported at the item (``authors[2]: ...``). Nothing is raised: the
caller reports all the problems at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsletter_cli.draft import fields
from newsletter_cli.draft.model import KeyPath, SourceMap
from newsletter_cli.errors import Problem


@dataclass(frozen=True)
class Field:
    """How one key of a table is checked: ``parse`` turns the raw value into the clean one."""

    parse: Callable[[Any], Any]
    required: bool = False


Schema = Mapping[str, Field]


def unknown_key(key: str, known: Sequence[str]) -> str:
    """The message for a key the schema does not have: ``unknown key; did you mean body?``."""
    return f"unknown key{fields.key_hint(key, known)}"


class TableChecker:
    """Checks the tables of one TOML file, collecting the problems in the order found."""

    def __init__(self, shown: str, source: SourceMap) -> None:
        #: The file as named in messages.
        self.shown = shown
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, key: KeyPath, message: str) -> None:
        """A problem at the position of ``key`` in the file."""
        pos = self.source.key(key)
        self.problems.append(Problem(self.shown, pos.line, pos.column, message))

    def table(
        self,
        raw: Mapping[str, Any],
        at: KeyPath,
        schema: Schema,
        what: str = "this table",
        *,
        unknown: Callable[[str, Sequence[str]], str] = unknown_key,
    ) -> dict[str, Any]:
        """The clean values of the table at ``at``, for the keys that passed their check.

        ``what`` names the table in the message for a missing required key ("a section");
        ``unknown`` writes the message for an unknown key from the key and the known ones.
        """
        values: dict[str, Any] = {}
        for key, value in raw.items():
            name = ".".join(str(p) for p in (*at, key))
            if key not in schema:
                self.problem((*at, key), f"{name}: {unknown(key, list(schema))}")
                continue
            try:
                values[key] = schema[key].parse(value)
            except fields.ItemError as item:
                self.problem((*at, key, item.index), f"{name}[{item.index + 1}]: {item.reason}")
            except ValueError as reason:
                self.problem((*at, key), f"{name}: {reason}")
        for key, field in schema.items():
            if field.required and key not in raw:
                where = f" ({'.'.join(str(p) for p in at)})" if at else ""
                self.problem(at, f"missing {key!r}: {what}{where} needs a {key}")
        return values
