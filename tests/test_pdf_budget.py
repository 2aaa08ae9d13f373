"""The PDF's layout budget through the real `nl export --pdf` (issue 17 point 14).

Each case took WeasyPrint minutes (or unbounded memory) before; now it is refused before layout
at its place in the draft, well inside a 60 s guard. The guard only catches a hang; the speed
itself is measured in benchmarks/, never asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsletter_cli.output.images import (
    LONG_WORD,
    MAX_LONG_WORDS,
    MAX_NOTES,
    MAX_NOTES_PER_PARAGRAPH,
    MAX_WORD,
)
from tests.conftest import RunNl, without_machine_notices

DRAFT = "issues/2026-03-spring.toml"
MARKER = "It is wide enough"
GUARD = 60  # seconds: a generous bound against hangs


def links(count: int, start: int = 0) -> str:
    return " ".join(f"[note {i}](https://example.org/{i})" for i in range(start, start + count))


def insert(ws: Path, block: str) -> int:
    """Put ``block`` as paragraphs of the first section; returns the line of its first line."""
    path = ws / DRAFT
    text = path.read_text(encoding="utf-8")
    text = text.replace(MARKER, f"\n{block}\n\n{MARKER}", 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(block)].count("\n") + 1


def export(run_nl: RunNl, ws: Path) -> tuple[int, str]:
    result = run_nl("export", "--pdf", "--force", DRAFT, cwd=ws, timeout=GUARD)
    assert "Traceback" not in result.output
    return result.exit_code, without_machine_notices(result.stderr)


def test_a_thousand_links_in_one_paragraph(ws: Path, run_nl: RunNl) -> None:
    line = insert(ws, links(1000))
    code, said = export(run_nl, ws)
    assert code == 3, said
    assert f"{DRAFT}:{line}:1: a paragraph with 1,000 web links" in said
    assert not (ws / "out" / "2026-03-spring.pdf").exists()


def test_too_many_links_in_the_whole_draft(ws: Path, run_nl: RunNl) -> None:
    per = MAX_NOTES_PER_PARAGRAPH
    paragraphs = [links(per, k * per) for k in range(MAX_NOTES // per + 1)]
    line = insert(ws, "\n\n".join(paragraphs))
    code, said = export(run_nl, ws)
    assert code == 3, said
    crossing = line + 2 * (MAX_NOTES // per)  # one paragraph and one blank line each
    assert f"{DRAFT}:{crossing}:1: with this paragraph the draft has" in said
    assert said.count("web links") == 1


def test_links_within_the_budget_export(ws: Path, run_nl: RunNl) -> None:
    insert(ws, links(MAX_NOTES_PER_PARAGRAPH))
    code, said = export(run_nl, ws)
    assert code == 0, said


def test_forty_words_of_two_thousand_letters(ws: Path, run_nl: RunNl) -> None:
    line = insert(ws, "\n".join([f"w{i:02d}" + "y" * (MAX_WORD - 3) for i in range(40)]))
    code, said = export(run_nl, ws)
    assert code == 3, said
    crossing = line + MAX_LONG_WORDS // MAX_WORD  # the third word takes the total over
    assert f"{DRAFT}:{crossing}:1: with this one the draft's words longer than" in said
    assert said.count("\n") == 1


def test_long_words_within_the_budget_export(ws: Path, run_nl: RunNl) -> None:
    insert(ws, " ".join(["z" * (LONG_WORD + 1)] * 10))
    code, said = export(run_nl, ws)
    assert code == 0, said


@pytest.mark.parametrize(
    ("old", "field"),
    [
        ('title = "Spring on the quay"', "title"),
        ('heading = "The footbridge opens"', "heading"),
        ('location = "North Quay', "location"),
    ],
)
def test_a_word_of_a_million_characters_in_any_field(
    ws: Path, run_nl: RunNl, old: str, field: str
) -> None:
    path = ws / DRAFT
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    key, _, value = old.partition(" = ")
    path.write_text(text.replace(old, f'{key} = "{"m" * 1_000_000}{value[1:]}', 1))
    code, said = export(run_nl, ws)
    assert code == 3, said
    assert f"{DRAFT}:{line}:1: a run of 1,000,0" in said, said


def test_a_word_of_a_million_characters_in_a_paragraph(ws: Path, run_nl: RunNl) -> None:
    line = insert(ws, "see " + "m" * 1_000_000)
    code, said = export(run_nl, ws)
    assert code == 3, said
    assert f"{DRAFT}:{line}:5: a run of 1,000,000 characters" in said
