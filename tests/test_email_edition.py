"""The email edition: header-bound values on one line, the size report, --text on its own
(issue 17 point 10)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from conftest import RunNl

WORKSPACE = """name = "Harbour Notes"
base_url = "https://harbour-notes.example/archive/"

[organisation]
name = {name}
email = "hello@harbour-notes.example"

[email]
unsubscribe_url = {unsubscribe}
"""


def workspace(root: Path, name: str = '"Harbour Residents"', unsubscribe: str = '"{{id}}"') -> None:
    text = WORKSPACE.format(name=name, unsubscribe=unsubscribe)
    (root / "newsletter.toml").write_text(text, encoding="utf-8")
    (root / "issues").mkdir(exist_ok=True)


def draft(root: Path, title: str = '"June news"', intro: str = "Hello.", sections: str = "") -> str:
    text = f'title = {title}\ndate = 2026-06-01\nintro = """\n{intro}\n"""\n{sections}'
    (root / "issues" / "june.toml").write_text(text, encoding="utf-8")
    return "issues/june.toml"


@pytest.mark.parametrize(
    ("title", "where"),
    [
        ('"June\\nnews"', "issues/june.toml:1:1: title: the title must be one line"),
        ('"June\\r\\nBcc: everyone@example.org"', "issues/june.toml:1:1: title: the title"),
        ('"June\\u2028news"', "issues/june.toml:1:1: title: the title must be one line"),
        ('"June\\u000bnews"', "issues/june.toml:1:1: title: the title must be one line"),
    ],
)
def test_a_line_break_in_the_title_is_refused_at_load(
    run_nl: RunNl, tmp_path: Path, title: str, where: str
) -> None:
    workspace(tmp_path)
    path = draft(tmp_path, title=title)
    for command in (["export", "--eml", "--force", path], ["lint", path]):
        result = run_nl(*command, cwd=tmp_path)
        assert result.exit_code == 3, result.output
        assert where in result.stderr
        assert "Traceback" not in result.output and "internal error" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("name", "unsubscribe", "where"),
    [
        (
            '"""Harbour\nResidents"""',
            '"{{id}}"',
            "newsletter.toml:5:1: organisation.name: the name",
        ),
        (
            '"Harbour"',
            '"https://x.example/u\\r\\nBcc: all@example.org"',
            "newsletter.toml:9:1: email.unsubscribe_url: an address must be one line",
        ),
    ],
)
def test_a_line_break_in_a_header_setting_is_refused_at_load(
    run_nl: RunNl, tmp_path: Path, name: str, unsubscribe: str, where: str
) -> None:
    workspace(tmp_path, name=name, unsubscribe=unsubscribe)
    path = draft(tmp_path)
    result = run_nl("export", "--eml", "--force", path, cwd=tmp_path)
    assert result.exit_code == 3, result.output
    assert where in result.stderr
    assert "internal error" not in result.output


def big_intro(size: int = 140_000) -> str:
    """Distinct paragraphs of plain words, about ``size`` characters in all."""
    rng = random.Random(7)
    words = [
        "tide",
        "harbour",
        "quay",
        "bridge",
        "fair",
        "boat",
        "rope",
        "gull",
        "sail",
        "net",
        "pier",
        "lamp",
    ]
    paragraphs = []
    while sum(map(len, paragraphs)) < size:
        paragraphs.append(" ".join(rng.choice(words) for _ in range(60)) + ".")
    return "\n\n".join(paragraphs)


def test_an_oversize_email_without_sections_names_its_largest_parts(
    run_nl: RunNl, tmp_path: Path
) -> None:
    workspace(tmp_path)
    path = draft(tmp_path, intro=big_intro())
    result = run_nl("export", "--email", "--force", path, cwd=tmp_path)
    assert result.exit_code == 1, result.output
    assert re.search(
        r"error: issues/june.toml: the email is \d+ KB; Gmail clips messages over 102 KB\. "
        r"Largest parts: the introduction \(\d+ KB\)",
        result.stderr,
    ), result.stderr
    assert not (tmp_path / "out" / "june.email.html").exists()


def test_an_oversize_email_names_the_largest_of_intro_sections_and_closing(
    run_nl: RunNl, tmp_path: Path
) -> None:
    workspace(tmp_path)
    sections = f'[[sections]]\nheading = "Tides"\nbody = """\n{big_intro(120_000)}\n"""\n'
    path = draft(tmp_path, sections=sections)
    result = run_nl("export", "--eml", "--force", path, cwd=tmp_path)
    assert result.exit_code == 1, result.output
    assert re.search(r"Largest parts: section 'Tides' \(\d+ KB\)", result.stderr), result.stderr


def test_the_text_edition_alone_is_not_refused_for_the_size_of_the_html(
    run_nl: RunNl, tmp_path: Path
) -> None:
    workspace(tmp_path)
    path = draft(tmp_path, intro=big_intro())
    result = run_nl("export", "--text", "--force", path, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "june.txt").read_text(encoding="utf-8")
    assert len(text) > 102 * 1024
    assert "Gmail" not in result.stderr
