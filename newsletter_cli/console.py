"""The one module that talks to rich: messages, errors and tables for the person at the terminal.

Output meant for other programs (JSON, SARIF) goes to stdout unstyled;
messages and errors go to stderr. Colour follows the terminal and ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@cache
def out() -> Console:
    """The console for results (stdout)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, emoji=False)


@cache
def err() -> Console:
    """The console for messages and errors (stderr)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def error(lines: Iterable[str]) -> None:
    """One line per problem on stderr, each prefixed in red."""
    for line in lines:
        err().print(f"[bold red]error:[/] {_escape(line)}")


def warning(message: str) -> None:
    err().print(f"[yellow]warning:[/] {_escape(message)}")


def info(message: str) -> None:
    """A plain message on stderr (rich markup allowed)."""
    err().print(message)


def success(message: str) -> None:
    err().print(f"[green]✓[/] {_escape(message)}")


def plain(text: str) -> None:
    """Text for other programs: stdout, no markup, no wrapping."""
    out().print(text, markup=False, highlight=False, soft_wrap=True)


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    stderr: bool = False,
    right: Sequence[str] = (),
    whole: Sequence[str] = (),
) -> None:
    """A table of plain cells (no markup).

    ``right`` names the columns aligned right (numbers); ``whole`` the columns never broken
    inside a value (file names): they are shortened with an ellipsis instead.
    """
    from rich.table import Table

    shown = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        shown.add_column(
            column,
            justify="right" if column in right else "left",
            overflow="ellipsis" if column in whole else "fold",
            no_wrap=column in whole,
        )
    for row in rows:
        shown.add_row(*(_escape(cell) for cell in row))
    (err() if stderr else out()).print(shown)


@contextmanager
def progress(total: int, description: str) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr; yields ``advance(label)`` to call as each item finishes."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("[dim]{task.fields[label]}"),
        console=err(),
        transient=True,
    )
    task = bar.add_task(description, total=total, label="")
    with bar:

        def advance(label: str) -> None:
            bar.update(task, advance=1, label=label)

        yield advance
