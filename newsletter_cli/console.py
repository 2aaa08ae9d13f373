"""The one module that talks to rich: messages, errors and tables for the person at the terminal.

Output meant for other programs (JSON, SARIF) goes to stdout unstyled;
messages and errors go to stderr. Colour and bold follow the terminal; ``NO_COLOR`` (set
and not empty) turns every kind of styling off.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console


@cache
def out() -> Console:
    """The console for results (stdout)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, emoji=False, color_system=_color_system())


@cache
def err() -> Console:
    """The console for messages and errors (stderr)."""
    from rich.console import Console

    return Console(
        stderr=True, highlight=False, soft_wrap=True, emoji=False, color_system=_color_system()
    )


def _color_system() -> Literal["auto"] | None:
    """None (no styling at all) when ``NO_COLOR`` is set to anything but the empty string.

    rich alone only drops the colours and keeps bold, dim and italic; https://no-color.org
    asks for output without ANSI styling, which is what docs/lint.md promises.
    """
    return None if os.environ.get("NO_COLOR") else "auto"


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
    flex: str | None = None,
) -> None:
    """A table of plain cells (no markup), one line per row.

    ``right`` names the columns aligned right (numbers). No cell is ever cut, except the
    ``flex`` column (a title) at a terminal: it is shortened with an ellipsis so that the
    line fits, and what a person copies (a file name, a date) stays whole. When the output
    is not a terminal (``nl list > file``), the columns are plain: whole values padded with
    spaces, a header line and nothing else, like ``ls -l``.
    """
    from rich.cells import cell_len

    console = err() if stderr else out()
    cells = [list(row) for row in rows]
    terminal = console.is_terminal
    widths = [max([cell_len(c), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    separator, heading_separator = (" │ ", " ┃ ") if terminal else ("  ", "  ")
    if terminal and flex is not None and flex in columns:
        at = list(columns).index(flex)
        others = sum(widths) - widths[at] + len(separator) * (len(columns) - 1)
        room = max(console.width - others, min(widths[at], FLEX_MIN), 1)
        if room < widths[at]:
            widths[at] = room
            for row in cells:
                row[at] = _shorten(row[at], room)

    def line(row: Sequence[str], between: str) -> str:
        padded = []
        for cell, width, column in zip(row, widths, columns, strict=True):
            gap = " " * (width - cell_len(cell))
            padded.append(gap + cell if column in right else cell + gap)
        return between.join(padded).rstrip()

    if title:
        console.print(title, markup=False, highlight=False, style="italic")
    console.print(line(columns, heading_separator), markup=False, highlight=False, style="bold")
    if terminal:
        console.print("━╇━".join("━" * w for w in widths), markup=False, highlight=False)
    body = "\n".join(line(row, separator) for row in cells)
    if body:
        console.print(body, markup=False, highlight=False, soft_wrap=True)


#: The narrowest a shortened (``flex``) column gets; a narrower terminal wraps the line.
FLEX_MIN = 12


def _shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, the cut marked with an ellipsis."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


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
    if not err().is_terminal:  # a pipe or a log: no bar, and none of its leftovers (a blank line)
        yield lambda label: None
        return
    task = bar.add_task(description, total=total, label="")
    with bar:

        def advance(label: str) -> None:
            bar.update(task, advance=1, label=label)

        yield advance
