"""Validators for the values of a draft and the settings, shared by the loader, the workspace
and the interview (``schema`` runs them over a table).

Each takes the raw value and returns the clean one, or raises ``ValueError``
with a reason written for the author ("2026-02-30 is not a real date: ...").
"""

from __future__ import annotations

import calendar
import difflib
import re
import reprlib
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from newsletter_cli.draft.model import SECTION_KINDS, SectionKind

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def parse_date(value: Any) -> date:
    """A TOML date, or a string holding an ISO date (``2026-06-01``)."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date like 2026-06-01, got {type_name(value)}")
    text = value.strip()
    match = _ISO_DATE.match(text)
    if not match:
        raise ValueError(f"{brief(text)} is not a date; write it as YYYY-MM-DD, e.g. 2026-06-01")
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"{text} is not a real date: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        # English, as every message is: the standard library names months in the C locale,
        # and nl never changes LC_TIME (the drafts' stage comes before the lexicon's)
        month_name = calendar.month_name[month]
        raise ValueError(f"{text} is not a real date: {month_name} {year} has {days} days")
    return date(year, month, day)


def require_text(value: Any, what: str = "this") -> str:
    """A non-empty string."""
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type_name(value)}")
    if not value.strip():
        raise ValueError(f"{what} cannot be empty")
    return value


def optional_text(value: Any) -> str:
    """Any string, possibly empty."""
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type_name(value)}")
    return value


def single_line(value: Any, what: str = "this") -> str:
    """Text on one line: no line break or other control character. For what goes into an
    email's headers (the subject, the sender), where a line break would end the header."""
    import unicodedata

    text = optional_text(value)
    for index, char in enumerate(text):
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            kind = "a line break" if char in "\n\r\v\f\x85\u2028\u2029" else "a control character"
            before = f" after {text[max(0, index - 20) : index]!r}" if index else ""
            raise ValueError(
                f"{what} must be one line: it holds {kind} (U+{ord(char):04X}){before}"
            )
    return text


def parse_number(value: Any) -> int:
    """An issue number: a whole number from 1 up."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number from 1 up, got {type_name(value)}")
    if value < 1:
        raise ValueError(f"the issue number must be 1 or more, not {brief(value)}")
    return value


def parse_language(value: Any) -> str:
    """A BCP 47 language tag such as ``en``, ``fr-CA`` or ``th``."""
    text = require_text(value, "the language")
    if not _LANGUAGE.match(text.strip()):
        raise ValueError(f"{brief(text)} is not a language tag; use one like en, fr-CA or th")
    return text.strip()


def parse_kind(value: Any) -> SectionKind:
    """A section kind: ``article`` or ``event``."""
    for kind in SECTION_KINDS:
        if value == kind:
            return kind
    choices = " or ".join(repr(k) for k in SECTION_KINDS)
    raise ValueError(f"kind must be {choices}, not {brief(value)}")


class ItemError(ValueError):
    """One item of a list is wrong; ``index`` counts from 0, the message from 1."""

    def __init__(self, index: int, reason: str) -> None:
        super().__init__(f"item {index + 1}: {reason}")
        self.index = index
        self.reason = reason


def parse_string_list(value: Any) -> tuple[str, ...]:
    """A list of strings; a wrong item raises ``ItemError`` naming it."""
    if not isinstance(value, list):
        raise ValueError(f"expected a list of strings, got {type_name(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise ItemError(index, f"expected a string, got {type_name(item)}")
    return tuple(value)


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word a typo most likely meant, if any is close enough."""
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


def key_hint(key: str, known: Iterable[str]) -> str:
    """``; did you mean X?`` for a mistyped key, else the list of keys there are."""
    names = list(known)
    match = closest(key, names)
    return f"; did you mean {match}?" if match else f"; known keys: {', '.join(names)}"


def type_name(value: Any) -> str:
    """How a TOML value's type is called in a message."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({brief(value)})"
    if isinstance(value, str):
        return f"text ({brief(value)})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime):
        return f"a date and time ({value.isoformat()})"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, time):
        return f"a time of day ({value.isoformat()})"
    return type(value).__name__


def brief(value: Any) -> str:
    """``value`` for a message: its ``repr``, cut short inside long text and nested values.

    Never walks a whole nested value (YAML aliases can make a small file stand for
    billions of items), and never converts a huge number to text whole.
    """
    return _BRIEF.repr(value)


class _Brief(reprlib.Repr):
    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxdict, self.maxlist = 2, 4, 4
        self.maxstring, self.maxother, self.maxlong = 60, 60, 40

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 128:  # str() of a 5,000-digit number raises ValueError
            return f"<a number of about {int(x.bit_length() * 0.30103) + 1} digits>"
        return super().repr_int(x, level)


_BRIEF = _Brief()
