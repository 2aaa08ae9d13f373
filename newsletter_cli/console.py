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


def escape(text: str) -> str:
    """``text`` with rich markup characters escaped, to print it as written."""
    from rich.markup import escape as escape_markup

    return escape_markup(text)


def error(lines: Iterable[str]) -> None:
    """One line per problem on stderr, each prefixed in red."""
    for line in lines:
        err().print(f"[bold red]error:[/] {escape(line)}")


def warning(message: str) -> None:
    err().print(f"[yellow]warning:[/] {escape(message)}")


def info(message: str) -> None:
    """A plain message on stderr (rich markup allowed)."""
    err().print(message)


def success(message: str) -> None:
    err().print(f"[green]✓[/] {escape(message)}")


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
    inside a value (file names, dates): on a narrow terminal they are shortened with an
    ellipsis, leaving the room to the columns that wrap (titles).
    """
    from rich.table import Table

    cells = [list(row) for row in rows]
    if len(cells) > LONG_TABLE:
        _long_table(title, columns, cells, err() if stderr else out(), right)
        return
    shown = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        shown.add_column(
            column,
            justify="right" if column in right else "left",
            overflow="ellipsis" if column in whole else "fold",
        )
    for row in cells:
        shown.add_row(*(escape(cell) for cell in row))
    (err() if stderr else out()).print(shown)


#: Tables with more rows are drawn line by line in the same style: rich's Table measures
#: every cell (about 70 us each), over a second for the 2,000 rows of `nl list` on a big archive.
LONG_TABLE = 200


def _long_table(
    title: str | None,
    columns: Sequence[str],
    rows: list[list[str]],
    console: Console,
    right: Sequence[str],
) -> None:
    """A long table as plain lines: padded cells, no folding (long lines run on)."""
    from rich.cells import cell_len

    widths = [max([cell_len(c), *(cell_len(r[i]) for r in rows)]) for i, c in enumerate(columns)]

    def line(cells: Sequence[str], separator: str) -> str:
        padded = []
        for cell, width, column in zip(cells, widths, columns, strict=True):
            gap = " " * (width - cell_len(cell))
            padded.append(gap + cell if column in right else cell + gap)
        return separator.join(padded).rstrip()

    if title:
        console.print(title, markup=False, highlight=False, style="italic")
    console.print(line(columns, " ┃ "), markup=False, highlight=False, style="bold")
    console.print("━╇━".join("━" * w for w in widths), markup=False, highlight=False)
    body = "\n".join(line(row, " │ ") for row in rows)
    console.print(body, markup=False, highlight=False, soft_wrap=True)


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
