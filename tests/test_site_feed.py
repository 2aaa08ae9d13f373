"""The Atom feed is well-formed XML whatever a draft holds (issue 14's note)."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import RunNl

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("control", ["\\u0001", "\\u001B", "\\u0008", "\\uFFFE"])
def test_control_characters_legal_in_toml_never_break_the_feed(
    run_nl: RunNl, workspace_dir: Path, control: str
) -> None:
    (workspace_dir / "issues" / "2026-06.toml").write_text(
        'title = "June & <news>"\ndate = 2026-06-01\n'
        f'summary = "Herons{control} are back"\nintro = "Hello."\n',
        encoding="utf-8",
    )
    (workspace_dir / "issues" / "2026-07.toml").write_text(
        f'title = "July"\ndate = 2026-07-01\nintro = "Swans{control} too."\n', encoding="utf-8"
    )
    result = run_nl("export", "--site", cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    feed = ElementTree.parse(workspace_dir / "out" / "site" / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["July", "June & <news>"]
    assert [e.findtext(f"{ATOM}summary") for e in entries] == ["Swans too.", "Herons are back"]


def test_a_title_with_a_vertical_tab_is_refused_at_load_not_written_to_the_feed(
    run_nl: RunNl, workspace_dir: Path
) -> None:
    (workspace_dir / "issues" / "2026-06.toml").write_text(
        'title = "June\\u000Bnews"\ndate = 2026-06-01\nintro = "Hello."\n', encoding="utf-8"
    )
    result = run_nl("export", "--site", cwd=workspace_dir)
    assert result.exit_code == 3, result.output
    assert "issues/2026-06.toml:1:1: title: the title must be one line" in result.stderr
    ElementTree.parse(workspace_dir / "out" / "site" / "feed.xml")
