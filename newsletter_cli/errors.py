"""Our errors: one base class, messages written for the person at the terminal.

Domain code raises these (wrapping a foreign exception once, with ``from``);
only ``cli.py`` turns them into output and an exit code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """The exit codes every command uses."""

    OK = 0
    PROBLEMS = 1  # the command ran and found problems (lint errors, export refused)
    USAGE = 2  # the command line or a missing answer
    UNUSABLE = 3  # input that cannot be used: unreadable, invalid TOML, schema violation
    INTERRUPTED = 130  # Ctrl-C
    INTERNAL = 70  # a bug in nl itself (sysexits' EX_SOFTWARE); never expected


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input, at a place in it."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


def display_path(path: Path | str) -> str:
    """A path as the person typed it or as short as it can be, relative to here."""
    # Fast path, the same answer as below for a path inside the current folder (both sides
    # are normalised, so the string prefix is the path prefix); `nl lint` asks per draft.
    absolute, cwd = os.path.abspath(path), os.getcwd()
    plain = os.sep == "/" and cwd.startswith("/") and not cwd.startswith("//") and len(cwd) > 1
    if plain and absolute.startswith(cwd + "/") and len(absolute) > len(cwd) + 1:
        return absolute[len(cwd) + 1 :]
    p = Path(path)
    here = Path.cwd()
    try:
        # not resolve(): a symbolic link is shown by its own name, never by its target's
        return str(Path(os.path.abspath(p)).relative_to(here))
    except (ValueError, OSError):
        pass
    try:
        return str((p.parent.resolve() / p.name).relative_to(here.resolve()))
    except (ValueError, OSError):
        return str(p)


class NewsletterError(Exception):
    """Base of every error meant for the person at the terminal."""

    exit_code: ExitCode = ExitCode.UNUSABLE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def lines(self) -> list[str]:
        """What to print, one line each."""
        return [self.message]


class InputError(NewsletterError):
    """An input file that cannot be used; carries every problem found in it at once."""

    exit_code = ExitCode.UNUSABLE

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class DraftError(InputError):
    """A draft file that cannot be loaded."""


class WorkspaceError(InputError):
    """A ``newsletter.toml`` that cannot be used."""


class ThemeError(NewsletterError):
    """A theme that is missing or broken; the message names the template file and line."""


class UsageError(NewsletterError):
    """The command line asks for something that cannot be done as asked."""

    exit_code = ExitCode.USAGE


class SaveError(NewsletterError):
    """A file could not be written; the old file, if any, is intact."""


class ExistsError(NewsletterError):
    """A file or folder is in the way and we never overwrite without being asked."""

    exit_code = ExitCode.PROBLEMS


class ConflictError(NewsletterError):
    """A file changed on disk since it was read; it is left as the other program saved it."""

    exit_code = ExitCode.PROBLEMS


class BlockedResourceError(NewsletterError):
    """An export tried to read something outside the draft's and theme's folders."""
