"""NO_COLOR at a terminal means no ANSI styling at all (issue 13 section 2 point 12).

rich on its own drops the colours for NO_COLOR but keeps bold and dim; the lint report's
severities, the error prefix and the header of `nl list` printed bold codes to a person who
asked for none. Each case runs at a real pseudo-terminal, and once without NO_COLOR to show
that the same command does style its output there (so the test can tell the difference).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

TWICE = "The river clean-up brought together more than one hundred volunteers this spring."
DRAFT = f'title = "River Voices"\ndate = 2026-06-01\nintro = """\n{TWICE}\n\n{TWICE}\n"""\n'


def at_a_terminal(cwd: Path, *args: str, no_color: bool) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env.update({"TERM": "xterm-256color", "COLUMNS": "120"})
    if no_color:
        env["NO_COLOR"] = "1"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "newsletter_cli", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 120),
    )
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        pytest.param(["lint"], 1, id="lint-findings"),
        pytest.param(["lint", "issues/gone"], 3, id="error-message"),
        pytest.param(["list", "--no-lint"], 0, id="list-table"),
        pytest.param(["init", "more"], 0, id="init"),
    ],
)
def test_no_color_means_no_escape_codes(
    workspace_dir: Path, args: list[str], exit_code: int
) -> None:
    (workspace_dir / "issues" / "2026-06-01-river.toml").write_text(DRAFT, encoding="utf-8")
    styled_code, styled = at_a_terminal(workspace_dir, *args, no_color=False)
    if args[0] == "init":
        (workspace_dir / "more" / "newsletter.toml").unlink()
    code, plain = at_a_terminal(workspace_dir, *args, no_color=True)
    assert (styled_code, code) == (exit_code, exit_code), plain
    assert "\x1b[" in styled  # the same output at the same terminal is styled without NO_COLOR
    assert "\x1b" not in plain, repr(plain)
    assert plain.replace("\r\n", "\n").strip()  # and it still says what it says
