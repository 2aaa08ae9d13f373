"""Addresses in every output survive any draft file name; outputs never go through a planted
link; the workspace's link settings are web (or mail) addresses (issue 17 point 16)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from conftest import RunNl
from test_site import tiny_png

BASE = "https://example.org/letters/"
STEM = "news #3 50%? done"


def weird_workspace(root: Path) -> Path:
    (root / "newsletter.toml").write_text(
        f'name = "River Letter"\nbase_url = "{BASE}"\n', encoding="utf-8"
    )
    (root / "issues").mkdir()
    (root / "issues" / "heron.png").write_bytes(tiny_png())
    draft = root / "issues" / f"{STEM}.toml"
    draft.write_text(
        'title = "Herons"\ndate = 2026-06-01\nsummary = "The herons are back on the island, '
        'all twelve of them, and the boat is repaired."\n'
        'intro = """\nThe herons came back.\n\n![A heron](heron.png)\n"""\n',
        encoding="utf-8",
    )
    return draft


def addresses(html: str, attribute: str) -> list[str]:
    return re.findall(rf'{attribute}="([^"]*)"', html)


def assert_quoted(address: str) -> None:
    """No character that means something else in a URL is left raw in the file name part."""
    path = urlsplit(address).path
    assert not urlsplit(address).query and not urlsplit(address).fragment, address
    assert " " not in path and "#" not in path and "?" not in path, address
    assert re.fullmatch(r"(?:[^%]|%[0-9A-F]{2})*", path), address


def test_a_file_name_with_url_characters_gives_working_addresses(
    run_nl: RunNl, tmp_path: Path
) -> None:
    draft = weird_workspace(tmp_path)
    result = run_nl("export", "--html", "--email", "--text", draft, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"

    page = (out / f"{STEM}.html").read_text(encoding="utf-8")
    [src] = [s for s in addresses(page, "src") if "heron" in s]
    assert_quoted(src)
    assert (out / unquote(src)).read_bytes() == tiny_png()
    [og_url] = re.findall(r'property="og:url" content="([^"]*)"', page)
    assert og_url.startswith(BASE) and unquote(og_url[len(BASE) :]) == f"{STEM}.html"
    assert_quoted(og_url)

    mail = (out / f"{STEM}.email.html").read_text(encoding="utf-8")
    [image] = [s for s in addresses(mail, "src") if "heron" in s]
    assert image.startswith(BASE) and unquote(image[len(BASE) :]) == unquote(src)
    assert_quoted(image)
    online = [h for h in addresses(mail, "href") if h.endswith(".html")]
    assert online and all(unquote(h) == f"{BASE}{STEM}.html" for h in online)
    for address in online:
        assert_quoted(address)


def test_the_site_s_links_and_feed_work_with_such_a_file_name(
    run_nl: RunNl, tmp_path: Path
) -> None:
    weird_workspace(tmp_path)
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    site = tmp_path / "out" / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    pages = [h for h in addresses(index, "href") if h.endswith(".html") and h != "index.html"]
    assert pages
    for href in pages:
        assert_quoted(href)
        assert (site / unquote(href)).is_file()
    page = (site / f"{STEM}.html").read_text(encoding="utf-8")
    [src] = [s for s in addresses(page, "src") if "heron" in s]
    assert_quoted(src)
    assert (site / unquote(src)).is_file()
    feed = ElementTree.parse(site / "feed.xml").getroot()
    links = [
        link.get("href", "")
        for link in feed.iter("{http://www.w3.org/2005/Atom}link")
        if link.get("href", "").endswith(".html")
    ]
    assert links == [f"{BASE}news%20%233%2050%25%3F%20done.html"]


def test_a_symlinked_images_folder_is_replaced_not_written_through(
    run_nl: RunNl, tmp_path: Path
) -> None:
    draft = weird_workspace(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (tmp_path / "out").mkdir()
    os.symlink(outside, tmp_path / "out" / f"{STEM}_files")
    result = run_nl("export", "--html", draft, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert list(outside.iterdir()) == []
    folder = tmp_path / "out" / f"{STEM}_files"
    assert folder.is_dir() and not folder.is_symlink()
    assert (folder / "heron.png").read_bytes() == tiny_png()


@pytest.mark.parametrize(
    ("table", "key", "value", "line"),
    [
        ("organisation", "website", "javascript:alert(1)", 3),
        ("email", "unsubscribe_url", "JavaScript:alert(document.cookie)", 3),
        ("email", "view_online_url", "data:text/html,<script>alert(1)</script>", 3),
        ("email", "unsubscribe_url", "file:///etc/passwd", 3),
    ],
)
def test_link_settings_refuse_other_schemes(
    run_nl: RunNl, workspace_dir: Path, table: str, key: str, value: str, line: int
) -> None:
    config = workspace_dir / "newsletter.toml"
    config.write_text(f'name = "Test Letter"\n[{table}]\n{key} = "{value}"\n', encoding="utf-8")
    (workspace_dir / "issues" / "june.toml").write_text(
        'title = "June"\ndate = 2026-06-01\nintro = "Hello."\n', encoding="utf-8"
    )
    result = run_nl("export", "--email", "issues/june.toml", cwd=workspace_dir)
    assert result.exit_code == 3, result.output
    scheme = value.split(":")[0].lower()
    assert f"newsletter.toml:{line}:1: {table}.{key}: a {scheme}: address is not allowed" in (
        result.stderr
    )
    assert not (workspace_dir / "out").exists()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("unsubscribe_url", "mailto:leave@example.org"),
        ("unsubscribe_url", "*|UNSUB|*"),
        ("unsubscribe_url", "{{ UnsubscribeURL }}"),
        ("view_online_url", "https://example.org/june"),
    ],
)
def test_web_mail_addresses_and_placeholders_are_accepted(
    run_nl: RunNl, workspace_dir: Path, key: str, value: str
) -> None:
    (workspace_dir / "newsletter.toml").write_text(
        f'name = "Test Letter"\n[email]\n{key} = "{value}"\n', encoding="utf-8"
    )
    result = run_nl("list", "--no-lint", cwd=workspace_dir)
    assert result.exit_code == 0, result.output
