"""`nl export --site`: pages, index newest first, a valid Atom feed, reproducible and incremental."""

from __future__ import annotations

import re
import struct
import zlib
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import RunNl

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft, Section

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$")


def tiny_png() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def make_archive(root: Path) -> Path:
    (root / "newsletter.toml").write_text(
        'name = "River Letter"\nbase_url = "https://example.org/letters/"\n'
        '[organisation]\nname = "River Alliance"\n'
        # an undated draft ("Ideas for later") is published: missing-date is only a warning here
        '[lint.rules.missing-date]\nseverity = "warning"\n',
        encoding="utf-8",
    )
    issues = root / "issues"
    issues.mkdir()
    (issues / "heron.png").write_bytes(tiny_png())
    storage.save(
        Draft(
            "Spring letter",
            date(2024, 3, 1),
            3,
            summary="Herons are back.",
            intro="The herons came back to the island.\n\n![A heron](heron.png)",
            sections=(Section("News", "The boat is repaired."),),
        ),
        issues / "2024-03-01-spring.toml",
    )
    storage.save(
        Draft("Winter letter", date(2024, 1, 10), 2, intro="Cold days & long nights."),
        issues / "2024-01-10-winter.toml",
    )
    storage.save(
        Draft("Autumn letter", date(2023, 10, 5), 1, intro="Leaves <falling>."),
        issues / "2023-10-05-autumn.toml",
    )
    storage.save(
        Draft(
            "Ideas for later",
            intro="Not *dated* yet, see [the plan][plan]. {% assign x = 1 %}\n\n"
            "[plan]: https://example.org/plan",
        ),
        issues / "ideas.toml",
    )
    return issues


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_site_pages_index_and_feed(run_nl: RunNl, tmp_path: Path) -> None:
    make_archive(tmp_path)
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    site = tmp_path / "out" / "site"
    assert sorted(snapshot(site)) == [
        ".nl-site.json",
        "2023-10-05-autumn.html",
        "2024-01-10-winter.html",
        "2024-03-01-spring.html",
        "2024-03-01-spring_files/heron.png",
        "feed.xml",
        "ideas.html",
        "index.html",
    ]
    assert "4 issues (4 rendered, 0 unchanged)" in result.stderr
    page = (site / "2024-03-01-spring.html").read_text(encoding="utf-8")
    assert 'src="2024-03-01-spring_files/heron.png"' in page
    assert (site / "2024-03-01-spring_files" / "heron.png").read_bytes() == tiny_png()

    index = (site / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+\.html)">', index)
    assert hrefs == [
        "2024-03-01-spring.html",
        "2024-01-10-winter.html",
        "2023-10-05-autumn.html",
        "ideas.html",
    ]
    assert "Herons are back." in index
    assert "Leaves &lt;falling&gt;." in index
    # a teaser from the intro is plain text: no Markdown, link definitions or template tags
    assert '<p class="summary">Not dated yet, see the plan.</p>' in index
    assert '<link rel="alternate" type="application/atom+xml"' in index


def test_the_index_groups_issues_by_year_in_the_sites_language(
    run_nl: RunNl, tmp_path: Path
) -> None:
    issues = make_archive(tmp_path)
    storage.save(
        Draft("Lettre d'hiver", date(2024, 12, 1), 4, language="fr", intro="Bonjour."),
        issues / "2024-12-01-hiver.toml",
    )
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    index = (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 class="archive-year"[^>]*>([^<]+)</h2>', index)
    assert headings == ["2024", "2023", "Not dated"]
    assert 'id="y2024"' in index
    nav = index.split('<nav class="archive-years">')[1].split("</nav>")[0]
    assert nav == '<a href="#y2024">2024</a> · <a href="#y2023">2023</a>'
    between = index.split(">2024</h2>")[1].split(">2023</h2>")[0]
    assert re.findall(r'<a href="([^"]+\.html)">', between) == [
        "2024-12-01-hiver.html",
        "2024-03-01-spring.html",
        "2024-01-10-winter.html",
    ]
    # the index is written in the workspace's language, whatever the issue's
    assert '<time datetime="2024-12-01">1 December 2024</time>' in index
    assert "5 issues · " in index


def test_letters_titled_like_the_newsletter_are_told_apart_by_date(
    run_nl: RunNl, tmp_path: Path
) -> None:
    issues = make_archive(tmp_path)
    storage.save(
        Draft("River Letter", date(2024, 5, 1), 4, intro="Every month the same title."),
        issues / "2024-05-01-river-letter.toml",
    )
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    index = (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8")
    assert (
        '<a href="2024-05-01-river-letter.html"><time datetime="2024-05-01">1 May 2024</time></a>'
        in index
    )
    assert '<span class="meta">Issue 4</span>' in index
    # other issues keep their own titles, with the date beside the number
    assert '<a href="2024-03-01-spring.html">Spring letter</a>' in index
    feed = ElementTree.fromstring((tmp_path / "out" / "site" / "feed.xml").read_bytes())
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles[:2] == ["River Letter, 1 May 2024", "Spring letter"]


def test_one_year_needs_no_year_heading(run_nl: RunNl, tmp_path: Path) -> None:
    issues = make_archive(tmp_path)
    for name in ("2023-10-05-autumn.toml", "ideas.toml"):
        (issues / name).unlink()
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    index = (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8")
    assert "archive-year" not in index.split("</style>")[1]  # no heading, no year links
    assert "2 issues · " in index


ARCHIVE_LINK = re.compile(r'<nav class="archive-link">.*?</nav>\n', re.S)
ISSUE_NAV = re.compile(r'<nav class="issue-nav".*?</nav>\n', re.S)


def test_the_page_is_the_web_page_of_nl_export(run_nl: RunNl, tmp_path: Path) -> None:
    make_archive(tmp_path)
    assert run_nl("export", "--site", cwd=tmp_path).exit_code == 0
    single = tmp_path / "single"
    exported = run_nl(
        "export", "--html", "--force", "issues/2024-03-01-spring.toml", "-o", single, cwd=tmp_path
    )
    assert exported.exit_code == 0, exported.output
    alone = (single / "2024-03-01-spring.html").read_text(encoding="utf-8")
    # a single export links nowhere else: no index, no neighbours
    assert "archive-link" not in alone.split("</style>")[1]
    assert "issue-nav" not in alone.split("</style>")[1]
    in_site = (tmp_path / "out" / "site" / "2024-03-01-spring.html").read_text(encoding="utf-8")
    # the archive's page is that page plus its two navigation blocks, and nothing else
    assert len(ARCHIVE_LINK.findall(in_site)) == 1
    assert len(ISSUE_NAV.findall(in_site)) == 1
    assert ISSUE_NAV.sub("", ARCHIVE_LINK.sub("", in_site)) == alone


def nav_links(page: Path) -> dict[str, str]:
    """rel -> href of the previous/next links of an issue page, and "index" for the index."""
    html = page.read_text(encoding="utf-8")
    found = dict(re.findall(r'<a class="issue-nav-\w+" href="([^"]+)" rel="(\w+)">', html))
    links = {rel: href for href, rel in found.items()}
    archive = re.search(r'<nav class="archive-link"><a href="([^"]+)">All issues</a></nav>', html)
    if archive:
        links["index"] = archive.group(1)
    return links


def test_issue_pages_link_to_the_index_and_their_neighbours_by_date(
    run_nl: RunNl, tmp_path: Path
) -> None:
    make_archive(tmp_path)
    assert run_nl("export", "--site", cwd=tmp_path).exit_code == 0
    site = tmp_path / "out" / "site"
    assert nav_links(site / "2023-10-05-autumn.html") == {
        "index": "index.html",
        "next": "2024-01-10-winter.html",
    }
    assert nav_links(site / "2024-01-10-winter.html") == {
        "index": "index.html",
        "prev": "2023-10-05-autumn.html",
        "next": "2024-03-01-spring.html",
    }
    assert nav_links(site / "2024-03-01-spring.html") == {
        "index": "index.html",
        "prev": "2024-01-10-winter.html",
    }
    # an undated draft has no place in time: the index only
    assert nav_links(site / "ideas.html") == {"index": "index.html"}
    winter = (site / "2024-01-10-winter.html").read_text(encoding="utf-8")
    nav = ISSUE_NAV.findall(winter)[0]
    assert '<span class="issue-nav-title">Autumn letter</span>' in nav
    assert 'Issue 1 · <time datetime="2023-10-05">5 October 2023</time>' in nav
    assert '<span class="issue-nav-title">Spring letter</span>' in nav


def test_neighbours_are_named_in_the_pages_language_and_by_date_when_titled_alike(
    run_nl: RunNl, tmp_path: Path
) -> None:
    issues = make_archive(tmp_path)
    storage.save(
        Draft("River Letter", date(2024, 5, 1), 4, language="fr", intro="Bonjour."),
        issues / "2024-05-01-river-letter.toml",
    )
    assert run_nl("export", "--site", cwd=tmp_path).exit_code == 0
    site = tmp_path / "out" / "site"
    french = (site / "2024-05-01-river-letter.html").read_text(encoding="utf-8")
    assert ">Tous les numéros</a>" in french
    assert '<span class="issue-nav-label">Numéro précédent</span>' in french
    assert 'Numéro 3 · <time datetime="2024-03-01">1 mars 2024</time>' in french
    spring = (site / "2024-03-01-spring.html").read_text(encoding="utf-8")
    # "River Letter" again would say nothing: the letter is named by its date
    assert '<span class="issue-nav-title">1 May 2024</span>' in spring


def test_feed_is_atom_rfc_4287(run_nl: RunNl, tmp_path: Path) -> None:
    make_archive(tmp_path)
    assert run_nl("export", "--site", cwd=tmp_path).exit_code == 0
    raw = (tmp_path / "out" / "site" / "feed.xml").read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    feed = ElementTree.fromstring(raw)
    assert feed.tag == f"{ATOM}feed"
    # atom:feed: exactly one id, title, updated; an author (entries have none of their own)
    for name in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.findtext(f"{ATOM}title") == "River Letter"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "River Alliance"
    assert feed.findtext(f"{ATOM}updated") == "2024-03-01T00:00:00Z"
    feed_id = feed.findtext(f"{ATOM}id") or ""
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", feed_id)
    self_links = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == ["https://example.org/letters/feed.xml"]

    entries = feed.findall(f"{ATOM}entry")
    # the undated draft has no date to stand in a feed
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Spring letter",
        "Winter letter",
        "Autumn letter",
    ]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 3 and feed_id not in ids
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert RFC3339.match(entry.findtext(f"{ATOM}updated") or "")
        alternate = [x for x in entry.findall(f"{ATOM}link") if x.get("rel") == "alternate"]
        assert len(alternate) == 1
        assert (alternate[0].get("href") or "").startswith("https://example.org/letters/")
    assert entries[0].findtext(f"{ATOM}summary") == "Herons are back."
    assert entries[2].findtext(f"{ATOM}summary") == "Leaves <falling>."


def test_two_builds_are_byte_identical_and_ids_stable(run_nl: RunNl, tmp_path: Path) -> None:
    make_archive(tmp_path)
    assert run_nl("export", "--site", cwd=tmp_path).exit_code == 0
    site = tmp_path / "out" / "site"
    first = snapshot(site)
    # a fresh build elsewhere is the same to the byte, ids included
    other = tmp_path / "elsewhere"
    assert run_nl("export", "--site", "-o", other, cwd=tmp_path).exit_code == 0
    assert snapshot(other) == first
    again = run_nl("export", "--site", cwd=tmp_path)
    assert again.exit_code == 0
    assert "4 issues (0 rendered, 4 unchanged)" in again.stderr
    assert snapshot(site) == first


def test_second_build_renders_only_what_changed(run_nl: RunNl, tmp_path: Path) -> None:
    issues = make_archive(tmp_path)
    assert run_nl("export", "--site", cwd=tmp_path).exit_code == 0
    site = tmp_path / "out" / "site"
    before = {p.name: p.stat().st_mtime_ns for p in site.glob("*.html")}

    winter = issues / "2024-01-10-winter.toml"
    storage.save(Draft("Winter letter", date(2024, 1, 10), 2, intro="Colder than ever."), winter)
    (issues / "2023-10-05-autumn.toml").unlink()
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "3 issues (1 rendered, 2 unchanged, 1 files removed)" in result.stderr
    assert not (site / "2023-10-05-autumn.html").exists()
    assert "Colder than ever." in (site / "2024-01-10-winter.html").read_text(encoding="utf-8")
    after = {p.name: p.stat().st_mtime_ns for p in site.glob("*.html")}
    assert after["2024-03-01-spring.html"] == before["2024-03-01-spring.html"]
    assert after["ideas.html"] == before["ideas.html"]
    assert "Autumn letter" not in (site / "feed.xml").read_text(encoding="utf-8")


def test_adding_or_removing_an_issue_re_renders_its_neighbours(
    run_nl: RunNl, tmp_path: Path
) -> None:
    issues = make_archive(tmp_path)
    assert run_nl("export", "--site", cwd=tmp_path).exit_code == 0
    site = tmp_path / "out" / "site"
    first = snapshot(site)
    before = {p.name: p.stat().st_mtime_ns for p in site.glob("*.html")}

    added = issues / "2024-02-01-thaw.toml"
    storage.save(Draft("Thaw letter", date(2024, 2, 1), 5, intro="The ice broke."), added)
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    # the new page and the two whose previous / next it now is
    assert "5 issues (3 rendered, 2 unchanged)" in result.stderr
    assert nav_links(site / "2024-01-10-winter.html")["next"] == "2024-02-01-thaw.html"
    assert nav_links(site / "2024-03-01-spring.html")["prev"] == "2024-02-01-thaw.html"
    assert nav_links(site / "2024-02-01-thaw.html") == {
        "index": "index.html",
        "prev": "2024-01-10-winter.html",
        "next": "2024-03-01-spring.html",
    }
    after = {p.name: p.stat().st_mtime_ns for p in site.glob("*.html")}
    assert after["2023-10-05-autumn.html"] == before["2023-10-05-autumn.html"]
    assert after["ideas.html"] == before["ideas.html"]
    # the incremental build is what a fresh build makes
    fresh = tmp_path / "fresh"
    assert run_nl("export", "--site", "-o", fresh, cwd=tmp_path).exit_code == 0
    assert snapshot(fresh) == snapshot(site)

    added.unlink()
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "4 issues (2 rendered, 2 unchanged, 1 files removed)" in result.stderr
    assert snapshot(site) == first


def test_a_renamed_neighbour_re_renders_the_pages_that_name_it(
    run_nl: RunNl, tmp_path: Path
) -> None:
    issues = make_archive(tmp_path)
    assert run_nl("export", "--site", cwd=tmp_path).exit_code == 0
    site = tmp_path / "out" / "site"
    storage.save(
        Draft("Deep winter letter", date(2024, 1, 10), 2, intro="Cold days & long nights."),
        issues / "2024-01-10-winter.toml",
    )
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "4 issues (3 rendered, 1 unchanged)" in result.stderr
    for neighbour in ("2023-10-05-autumn.html", "2024-03-01-spring.html"):
        page = (site / neighbour).read_text(encoding="utf-8")
        assert '<span class="issue-nav-title">Deep winter letter</span>' in page


def test_a_broken_draft_is_reported_and_the_rest_built(run_nl: RunNl, tmp_path: Path) -> None:
    issues = make_archive(tmp_path)
    (issues / "broken.toml").write_text('title = "Broken"\nnumber = 0\n', encoding="utf-8")
    (issues / "2024-02-01-web.toml").write_text(
        'title = "With a web image"\ndate = 2024-02-01\n'
        "intro = '''\nLook: ![logo](https://example.org/logo.png)'''\n",
        encoding="utf-8",
    )
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 3
    assert "issues/broken.toml:2:1: number: the issue number must be 1 or more, not 0" in (
        result.stderr
    )
    assert (
        "issues/2024-02-01-web.toml:4:1: image https://example.org/logo.png is not copied"
        in result.stderr
    )
    site = tmp_path / "out" / "site"
    assert not (site / "broken.html").exists()
    page = (site / "2024-02-01-web.html").read_text(encoding="utf-8")
    assert 'src="https://example.org/logo.png"' in page
    assert "5 issues" in result.stderr


def test_without_base_url_the_feed_links_are_relative(run_nl: RunNl, workspace_dir: Path) -> None:
    storage.save(Draft("One", date(2024, 5, 1)), workspace_dir / "issues" / "one.toml")
    result = run_nl("export", "--site", "-o", "site", cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    assert "base_url is not set" in result.stderr
    feed = ElementTree.fromstring((workspace_dir / "site" / "feed.xml").read_bytes())
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    link = entry.find(f"{ATOM}link")
    assert link is not None and link.get("href") == "one.html"
    assert feed.findtext(f"{ATOM}updated") == "2024-05-01T00:00:00Z"


def test_a_theme_can_bring_its_own_index_page(run_nl: RunNl, tmp_path: Path) -> None:
    make_archive(tmp_path)
    theme = tmp_path / "templates" / "plain"
    theme.mkdir(parents=True)
    (theme / "site-index.html").write_text(
        "{% for issue in site.issues %}{{ issue.title }}|{% endfor %}\n", encoding="utf-8"
    )
    result = run_nl("export", "--site", "--theme", "plain", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    index = (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8")
    assert index == "Spring letter|Winter letter|Autumn letter|Ideas for later|"

    (theme / "site-index.html").write_text("\n{{ site.isues }}\n", encoding="utf-8")
    broken = run_nl("export", "--site", "--theme", "plain", cwd=tmp_path)
    assert broken.exit_code == 3
    assert "templates/plain/site-index.html:2: template error:" in broken.stderr
    assert "isues" in broken.stderr


def test_site_refuses_pdf_options(run_nl: RunNl, tmp_path: Path) -> None:
    make_archive(tmp_path)
    result = run_nl("export", "--site", "--pdf", cwd=tmp_path)
    assert result.exit_code == 2
    assert "--site builds web pages only" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_feed_carries_the_newest_fifty(tmp_path: Path) -> None:
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.output.website import FEED_ENTRIES, IssueEntry, atom_feed, newest_first

    entries = [
        IssueEntry(f"issue-{i}", f"issue-{i}.html", f"Issue {i}", date(2020, 1, 1) + timedelta(i),
                   "", i, "")
        for i in range(1, 61)
    ]  # fmt: skip
    feed = ElementTree.fromstring(atom_feed(newest_first(entries), load_workspace(tmp_path)))
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert FEED_ENTRIES == 50
    assert titles == [f"Issue {i}" for i in range(60, 10, -1)]
    assert feed.findtext(f"{ATOM}updated") == "2020-03-01T00:00:00Z"


def test_the_pages_key_covers_every_module_a_page_is_made_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Month names live in text/lexicon.py and comment dropping in text/textspans.py: in an
    editable install, editing either must render the pages again, as editing render.py does."""
    import newsletter_cli
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.output import website
    from newsletter_cli.output.render import resolve_theme

    workspace = load_workspace(tmp_path)
    theme = resolve_theme(workspace)
    package = Path(newsletter_cli.__file__).parent
    read: set[str] = set()
    read_bytes = Path.read_bytes

    def recorded(path: Path) -> bytes:
        if path.is_relative_to(package):
            read.add(path.relative_to(package).as_posix())
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", recorded)
    website._shared_key(workspace, theme)
    assert {"text/lexicon.py", "text/textspans.py", "output/render.py"} <= read
    assert {"draft/model.py", "text/markdown.py", "output/formats.py"} <= read
