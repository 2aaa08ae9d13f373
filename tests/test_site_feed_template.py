"""The Atom feed is a template of the theme, ``feed.xml``, rendered with autoescape (issue 14):
a theme may change it file by file, and it stays well-formed XML whatever a title holds."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree import ElementTree

from conftest import RunNl

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.output.website import IssueEntry, atom_feed

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_default_theme_ships_the_feed() -> None:
    shipped = Path(__file__).parent.parent / "templates" / "default" / "feed.xml"
    assert "feed.entries" in shipped.read_text(encoding="utf-8")


def test_markup_and_a_vertical_tab_in_a_title_make_valid_xml(tmp_path: Path) -> None:
    """What TOML may hold and XML may not (``\\u000B``) is removed; markup is escaped."""
    (tmp_path / "newsletter.toml").write_text(
        'name = "Letters & <News>"\nbase_url = "https://example.org/?a=1&b=2/"\n',
        encoding="utf-8",
    )
    entries = [
        IssueEntry("june", "june.html", 'June\x0b "river" & <b>', date(2026, 6, 1), "", 1,
                   "It's ]]> here\x01"),
    ]  # fmt: skip
    feed = ElementTree.fromstring(atom_feed(entries, load_workspace(tmp_path)))
    assert feed.findtext(f"{ATOM}title") == "Letters & <News>"
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == 'June "river" & <b>'
    assert entry.findtext(f"{ATOM}summary") == "It's ]]> here"
    link = entry.find(f"{ATOM}link")
    assert link is not None and link.get("href") == "https://example.org/?a=1&b=2/june.html"


def test_a_theme_brings_its_own_feed(run_nl: RunNl, workspace_dir: Path) -> None:
    (workspace_dir / "issues" / "2026-06.toml").write_text(
        'title = "June"\ndate = 2026-06-01\nintro = "Hello."\n', encoding="utf-8"
    )
    theme = workspace_dir / "templates" / "default"
    theme.mkdir(parents=True)
    (theme / "feed.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "{% for entry in feed.entries %}<entry><title>Ours: {{ entry.title }}</title></entry>"
        "{% endfor %}</feed>\n",
        encoding="utf-8",
    )
    result = run_nl("export", "--site", cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    feed = ElementTree.parse(workspace_dir / "out" / "site" / "feed.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Ours: June"]
