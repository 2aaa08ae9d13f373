"""`nl import` of plain text keeps the lines a writer ended by hand (issue 13 section 2 point 1).

A sign-off or an address over several short lines is written as Markdown hard breaks (a
backslash at the end of the line, as the draft format says), while prose that was only
wrapped at a width is joined back into one paragraph.
"""

from __future__ import annotations

from pathlib import Path

from conftest import RunNl

from newsletter_cli.draft import storage

LETTER = """\
Dear friends,

The river rose again this week and the volunteers met at the old mill to
fill sandbags before the weekend. Thank you to everyone who came along with
a spade and a flask of tea; we could not have done it without you, and the
mill is dry.

The summer fair is on Saturday 20 June from ten until four on the green.
Bring a cake if you can.

Warm wishes,
Sam, for the steering group

The Old Mill, 12 Mill Lane
Tewkesbury GL20 5AA
"""


def test_a_sign_off_and_an_address_keep_their_lines(run_nl: RunNl, tmp_path: Path) -> None:
    (tmp_path / "2026-06-letter.txt").write_text(LETTER, encoding="utf-8")
    result = run_nl("import", "2026-06-letter.txt", "-o", "drafts", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    (written,) = (tmp_path / "drafts").glob("*.toml")
    paragraphs = storage.load(written).intro.split("\n\n")
    assert paragraphs == [
        "Dear friends,",
        "The river rose again this week and the volunteers met at the old mill to fill "
        "sandbags before the weekend. Thank you to everyone who came along with a spade and a "
        "flask of tea; we could not have done it without you, and the mill is dry.",
        "The summer fair is on Saturday 20 June from ten until four on the green. Bring a cake "
        "if you can.",
        "Warm wishes,\\\nSam, for the steering group",
        "The Old Mill, 12 Mill Lane\\\nTewkesbury GL20 5AA",
    ]
    # as written in the file: the backslash ends the line inside a literal string
    assert "Warm wishes,\\\nSam, for the steering group" in written.read_text(encoding="utf-8")
