"""`nl import` of hostile front matter: refused with a position (exit 3), never a crash.

Issue 17 point 13: a 500-byte YAML alias bomb exhausted memory (a doubt message
repr'd the expanded value); dates Python cannot hold (year 0, hour 25) exited 70.
Each case runs the real command in a process with a memory cap and a timeout, so a
regression fails the test instead of the machine.
"""

from __future__ import annotations

import itertools
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from newsletter_cli.importer.frontmatter import MAX_ALIASES, brief

LEVELS = "abcdefghi"
#: Nine levels of nine aliases: 9**9 (387 million) strings when expanded, in under 500 bytes.
BOMB = (
    "---\ntitle: Laughs\n"
    + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{b}: &{b} [{','.join([f'*{a}'] * 9)}]\n" for a, b in itertools.pairwise(LEVELS))
    + "date: *i\n---\nHello, friends.\n"
)
MEMORY_CAP = 1024 * 1024 * 1024  # far above what an import needs, far below what a bomb takes


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def import_one(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    source = tmp_path / "old.md"
    source.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "newsletter_cli", "import", "old.md", "-o", "drafts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120"},
        timeout=60,
        preexec_fn=_cap_memory,
    )


def test_the_bomb_is_small() -> None:
    assert len(BOMB.encode()) < 500


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param(
            BOMB,
            f"old.md:5:29: front matter repeats values by alias (*name) more than {MAX_ALIASES} "
            "times; write the values out",
            id="alias-bomb",
        ),
        pytest.param(
            "---\ntitle: June\ndate: 0000-01-01\n---\nHello.\n",
            "old.md:3:7: front matter is not valid YAML: '0000-01-01' cannot be read: "
            "year 0 is out of range",
            id="year-zero",
        ),
        pytest.param(
            "---\ntitle: June\ndate: 2020-07-01T25:00:00\n---\nHello.\n",
            "old.md:3:7: front matter is not valid YAML: '2020-07-01T25:00:00' cannot be read: "
            "hour must be in 0..23",
            id="hour-25",
        ),
        pytest.param(
            "---\ntitle: June\nnumber: " + "9" * 5000 + "\n---\nHello.\n",
            "old.md:3:9: front matter is not valid YAML: '99999",
            id="5000-digit-number",
        ),
        pytest.param(
            "---\ntitle: June\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\nHello.\n",
            "old.md:2:1: front matter is nested too deeply to read",
            id="deep-nesting",
        ),
    ],
)
def test_hostile_front_matter_is_refused_with_its_position(
    tmp_path: Path, text: str, error: str
) -> None:
    result = import_one(tmp_path, text)
    assert result.returncode == 3, result.stderr
    assert f"error: {error}" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (tmp_path / "drafts").exists() or not any((tmp_path / "drafts").iterdir())


def test_a_few_aliases_are_fine_and_odd_values_are_cut(tmp_path: Path) -> None:
    long_list = "[" + ", ".join(f'"item {i}"' for i in range(500)) + "]"
    text = (
        "---\ntitle: June\nauthor: &sam Sam\nauthors: [*sam, {name: Jo, role: editor}]\n"
        f"date: {long_list}\n---\nHello.\n"
    )
    result = import_one(tmp_path, text)
    assert result.returncode == 0, result.stderr
    draft = (tmp_path / "drafts" / "old.toml").read_text(encoding="utf-8")
    assert 'authors = ["Sam"]' in draft
    # the list is cut, not written out whole
    assert "date ['item 0', 'item 1', 'item 2', 'item 3', ...] is not a date" in result.stderr
    assert "item 4" not in result.stderr


def test_brief_never_walks_a_whole_nested_value() -> None:
    level: list[object] = ["lol"] * 9
    for _ in range(9):
        level = [level] * 9  # 9**10 items if walked
    assert len(brief(level)) < 200
    assert brief(10**5000) == "<a number of about 5001 digits>"
